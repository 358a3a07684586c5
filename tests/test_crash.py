"""kill -9 at any moment of a run leaves the previous tables intact and readable, and the next run completes.

A run is started in a child process on a grown input and killed with SIGKILL: at chosen points (the child
kills itself there: during the NLP, halfway through writing a table file, just before the switch to the new
tables), and at moments picked from outside while the real, unpatched CLI works (as soon as its first
results reach the cache, as soon as it starts a new snapshot of the tables)."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from extract import pipeline
from extract.tables import TABLES
from extract.store import output_lock, state_dir

from .corpus import assert_same_tables, read_tables, write_corpus

pytestmark = pytest.mark.slow

FIRST = ["pipeline.txt", "fisheries.txt"]
LATER = ["vessels.txt", "summit.txt", "exercise.txt"]

# Runs pipeline.run in a child that SIGKILLs itself at the point named by argv[3].
KILL_AT = r"""
import os, signal, sys
from extract import pipeline, store
from extract.pipeline import workers

def die():
    os.kill(os.getpid(), signal.SIGKILL)

point = sys.argv[3]
if point == "nlp":  # during the NLP of the second batch, once the first one is cached
    import threading
    analyze, add, seen, cached = workers.analyze_batch, pipeline.RunPlan.add, [], threading.Event()
    def analyze_then_die(batch, config=None, on_document=None):
        seen.append(batch)
        if len(seen) == 2:
            cached.wait(60)
            die()
        return analyze(batch, config, on_document)
    def add_and_tell(plan, batch, results):
        add(plan, batch, results)
        if any(d in plan.todo for d in batch):  # a batch of the NLP (not the unread documents)
            cached.set()
    workers.analyze_batch = analyze_then_die
    pipeline.RunPlan.add = add_and_tell
elif point == "table":  # halfway through the fourth table file
    write, written = store.write_parquet, []
    def write_then_die(table, path):
        if len(written) == 3:
            with open(path, "wb") as half:
                half.write(b"PAR1" + b"\0" * 1000)
                half.flush()
            die()
        written.append(path)
        write(table, path)
    store.write_parquet = write_then_die
elif point == "switch":  # all new tables written, the switch not yet made
    store.switch_current = lambda state, snapshot: die()
pipeline.run(sys.argv[1], sys.argv[2], batch_size=1)
print("not killed")
"""


@pytest.fixture()
def previous_run(tmp_path, nlp):
    """An output folder from a finished run on two articles, then three more articles in the input."""
    raw, out = write_corpus(tmp_path / "raw", FIRST), tmp_path / "out"
    pipeline.run(raw, out)
    before = read_tables(out)
    write_corpus(raw, LATER)
    return raw, out, before


def assert_previous_tables_intact(out, before):
    assert_same_tables(read_tables(out), before)
    for name in TABLES:  # and readable the way analysts read them
        assert len(pd.read_parquet(out / f"{name}.parquet")) == before[name].num_rows
    with output_lock(out):  # the killed run left no lock behind
        pass


def assert_next_run_completes(raw, out, tmp_path):
    summary = pipeline.run(raw, out)
    assert summary.statuses == {"ok": len(FIRST) + len(LATER)}
    scratch = tmp_path / "scratch"
    pipeline.run(raw, scratch)
    assert_same_tables(read_tables(out, drop_processed_at=True), read_tables(scratch, drop_processed_at=True))
    return summary


@pytest.mark.parametrize("point", ["nlp", "table", "switch"])
def test_kill_at_a_chosen_point(point, previous_run, tmp_path):
    raw, out, before = previous_run
    child = subprocess.run([sys.executable, "-c", KILL_AT, str(raw), str(out), point], capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert_previous_tables_intact(out, before)
    summary = assert_next_run_completes(raw, out, tmp_path)
    if point == "nlp":  # the batch finished before the kill was kept
        assert summary.n_processed == len(LATER) - 1
    else:  # the NLP had finished: nothing to redo
        assert summary.n_processed == 0


@pytest.mark.parametrize("moment", ["first results cached", "new tables begun"])
def test_kill_the_cli_from_outside(moment, previous_run, tmp_path):
    raw, out, before = previous_run
    state = state_dir(out)
    seen = {p.name for p in (state / "cache").iterdir()} | {p.name for p in (state / "tables").iterdir()}
    watched = state / ("cache" if moment == "first results cached" else "tables")
    child = subprocess.Popen([sys.executable, "-m", "extract", "run", str(raw), "--output", str(out),
                              "--batch-size", "1", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        while child.poll() is None and not {p.name for p in watched.iterdir()} - seen:
            time.sleep(0.001)
        assert child.poll() is None, "the run ended before the moment came"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert_previous_tables_intact(out, before)
    assert_next_run_completes(raw, out, tmp_path)
