"""The output folder: all tables switch together, readers always see whole tables, and one run at a time
holds the folder (others wait or exit with a clear message; a killed holder leaves no stale lock)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pandas as pd
import pyarrow as pa
import pytest

from extract.store import OutputBusy, output_lock, read_table, state_dir, write_tables

from .corpus import write_corpus


def tables(n: int) -> dict[str, pa.Table]:
    return {"alpha": pa.table({"run": [n] * 3}), "beta": pa.table({"run": [n]})}


def test_tables_of_a_write_switch_together(tmp_path):
    for n in (1, 2, 3):
        write_tables(tables(n), tmp_path)
    assert pd.read_parquet(tmp_path / "alpha.parquet")["run"].tolist() == [3, 3, 3]
    assert read_table(tmp_path, "beta").column("run").to_pylist() == [3]
    homes = {(tmp_path / f"{name}.parquet").resolve().parent for name in ("alpha", "beta")}
    assert len(homes) == 1, "both tables come from the same snapshot"
    kept = sorted(p.name for p in (state_dir(tmp_path) / "tables").iterdir())
    assert len(kept) == 2, "the current snapshot and the previous one (a reader may still be on it)"


def test_a_copied_output_folder_can_be_written_again(tmp_path):
    write_tables(tables(1), tmp_path / "out")
    shutil.copytree(tmp_path / "out", tmp_path / "copy")  # links become plain files and folders
    write_tables(tables(2), tmp_path / "copy")
    assert read_table(tmp_path / "copy", "alpha").column("run").to_pylist() == [2, 2, 2]
    assert read_table(tmp_path / "out", "alpha").column("run").to_pylist() == [1, 1, 1]


def test_a_second_run_exits_with_a_clear_message_and_changes_nothing(tmp_path):
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt"]), tmp_path / "out"
    with output_lock(out):
        result = subprocess.run([sys.executable, "-m", "extract", "run", str(raw), "--output", str(out)],
                                capture_output=True, text=True)
    assert result.returncode == 3
    assert "is being written by another run" in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(out.glob("*.parquet"))


def test_a_waiting_run_goes_ahead_once_the_lock_is_released(tmp_path):
    holding, released = threading.Event(), threading.Event()

    def hold():
        with output_lock(tmp_path):
            holding.set()
            time.sleep(0.5)
            released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    with pytest.raises(OutputBusy):
        with output_lock(tmp_path, wait=0):
            pass
    with output_lock(tmp_path, wait=60):
        assert released.is_set()
    holder.join()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    script = ("import sys, time\nfrom extract.store import output_lock\n"
              "with output_lock(sys.argv[1]):\n    print('locked', flush=True)\n    time.sleep(120)\n")
    holder = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputBusy):
            with output_lock(tmp_path):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with output_lock(tmp_path):
        pass


@pytest.mark.slow
def test_two_runs_started_at_once_both_finish_one_after_the_other(tmp_path):
    raw, out = write_corpus(tmp_path / "raw"), tmp_path / "out"
    command = [sys.executable, "-m", "extract", "run", str(raw), "--output", str(out), "--wait", "300", "--quiet"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    lines = sorted(stdout for stdout, _ in outputs)
    assert "NLP on 0, 5 from cache" in lines[0] and "NLP on 5, 0 from cache" in lines[1]
    assert len(read_table(out, "documents")) == 5
