"""The command line: help, exit codes, and a run on a small folder."""
from __future__ import annotations

import subprocess
import sys

import pyarrow.parquet as pq


def extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True)


def test_help_lists_the_arguments():
    result = extract("run", "--help")
    assert result.returncode == 0
    for option in ("--output", "--model", "--batch-size", "--processes"):
        assert option in result.stdout


def test_missing_input_is_a_usage_error(tmp_path):
    result = extract("run", str(tmp_path / "nope"), "--output", str(tmp_path / "out"))
    assert result.returncode == 2 and "input not found" in result.stderr


def test_unknown_model_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Peru and Chile signed a trade deal in Lima.")
    result = extract("run", str(tmp_path), "--output", str(tmp_path / "out"), "--model", "no_such_model")
    assert result.returncode == 2 and "no_such_model" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_writes_tables_and_a_summary(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Peru and Chile signed a trade deal in Lima on March 3, 2021.")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    result = extract("run", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "2 documents (1 ok, 1 rejected)" in result.stdout
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert {d["status"] for d in docs} == {"ok", "rejected"}
