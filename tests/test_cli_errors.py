"""What a user meets when something outside is wrong: one line on stderr that names the thing and the fix,
the exit code of the README, and no traceback (unless --debug). An empty input and a corrupt cache file are
warnings: the run goes on."""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract.pipeline import INGEST_CACHE
from extract.store import state_dir

from .conftest import ROOT
from .corpus import write_corpus

CAP_DAC_OVERRIDE, PR_CAPBSET_DROP = 1, 24


def without_root_override() -> None:
    """In the child, before it runs Python: as root, give up the power to write where permissions forbid
    (the bounding set limits what the new program gets), so that the test sees what a user sees."""
    if os.geteuid() == 0:
        ctypes.CDLL(None, use_errno=True).prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0)


def run(*args: str, env: dict[str, str] | None = None, as_user: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, **(env or {})}, preexec_fn=without_root_override if as_user else None)


def extract(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "extract", *args, **kwargs)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single line a failure prints."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture()
def articles(tmp_path) -> Path:
    return write_corpus(tmp_path / "raw", ["pipeline.txt"])


def test_read_only_output_folder(articles, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = extract("run", str(articles), "--output", str(out), as_user=True)
    finally:
        out.chmod(0o755)
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith(f"extract: error: cannot write to the output folder {out}")
    assert "Permission denied" in line and "pass another --output" in line


def test_output_that_is_a_file(articles, tmp_path):
    (tmp_path / "out").write_text("not a folder")
    result = extract("run", str(articles), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert one_line(result) == (f"extract: error: --output {tmp_path / 'out'} is a file, not a folder: name a folder "
                                "(it is created if missing)")


def test_unknown_model_is_found_before_ingest(articles, tmp_path):
    result = extract("run", str(articles), "--output", str(tmp_path / "out"), "--model", "no_such_model")
    assert result.returncode == 2
    line = one_line(result)
    assert "spaCy model 'no_such_model' is not installed (installed: " in line and "--model" in line
    assert not (state_dir(tmp_path / "out") / INGEST_CACHE).exists(), "nothing was read"


def test_the_flow_finds_an_unknown_model_before_anything(articles, tmp_path):
    result = run(sys.executable, "-m", "flows.news_flow", str(articles), "--output", str(tmp_path / "out"),
                 "--model", "no_such_model")
    assert result.returncode == 2
    assert one_line(result).startswith("news_flow: error: spaCy model 'no_such_model' is not installed")
    assert not (state_dir(tmp_path / "out") / INGEST_CACHE).exists()


@pytest.mark.slow
def test_the_flow_run_itself_fails_before_any_task_on_an_unknown_model(articles, tmp_path, prefect_harness):
    """A deployment's run (no command line in front) ends Failed with the same message, having done nothing."""
    from flows.flow import CANNOT_START, news_flow

    state = news_flow(input=str(articles), output=str(tmp_path / "out"), model="no_such_model", return_state=True)
    assert state.is_failed() and state.name == CANNOT_START
    assert "'no_such_model' is not installed" in state.message
    assert not (state_dir(tmp_path / "out") / INGEST_CACHE).exists()


# Runs the command line with the disk full when the tables are written.
DISK_FULL = r"""
import errno, os, sys
from extract import store
def write_parquet(table, path):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
store.write_parquet = write_parquet
from extract.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_disk_full(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("")  # one rejected document: no NLP needed to reach the writing
    result = run(sys.executable, "-c", DISK_FULL, "run", str(raw), "--output", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("extract: error: no space left on the device while writing ")
    assert "free some space or pass another --output" in line and "the tables were left as they were" in line


def test_debug_prints_the_traceback_too(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    for result in (extract("run", str(tmp_path), "--output", str(tmp_path / "out"), "--debug"),
                   extract("run", str(tmp_path), "--output", str(tmp_path / "out"), env={"EXTRACT_DEBUG": "1"})):
        assert result.returncode == 2
        assert "Traceback" in result.stderr and result.stderr.strip().endswith("(it is created if missing)")


def test_empty_input_is_a_warning(tmp_path):
    (tmp_path / "empty").mkdir()
    result = extract("run", str(tmp_path / "empty"), "--output", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0
    assert one_line(result) == (f"extract: warning: no documents in {tmp_path / 'empty'} (looked for .txt, .md, "
                                ".html and .jsonl files); the tables are empty")
    assert result.stdout.startswith("0 documents (none)")


@pytest.mark.slow
def test_corrupt_cache_file_is_rebuilt_with_a_warning(articles, tmp_path):
    out = tmp_path / "out"
    assert extract("run", str(articles), "--output", str(out), "--quiet").returncode == 0
    rows = pq.read_table(out / "mentions.parquet").num_rows
    [part] = (state_dir(out) / "cache").glob("part-*.parquet")
    part.write_bytes(b"PAR1" + b"\0" * 100)
    (state_dir(out) / INGEST_CACHE).write_bytes(b"not parquet")
    write_corpus(articles, ["summit.txt"])  # the tables must be rebuilt from the cache
    result = extract("run", str(articles), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.strip().splitlines()
    assert any(f"unreadable cache part {part.name} ignored" in w and "analysed again" in w for w in warnings)
    assert "Traceback" not in result.stderr
    assert "NLP on 2, 0 from cache" in result.stdout  # the lost result was made again
    assert pq.read_table(out / "mentions.parquet").num_rows > rows
