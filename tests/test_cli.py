"""The command line: help, exit codes, and a run on a small folder."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from extract.store import output_lock

from .conftest import ROOT
from .corpus import write_corpus


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


def exit_codes(text: str) -> set[int]:
    """The codes of an exit-code list: lines that start with a number (the README's table: `| 3 |`)."""
    return {int(m) for m in re.findall(r"^\s*\|?\s*`?(\d+)`?\s*(?:\||\s)", text, re.MULTILINE)}


def test_help_and_readme_agree_on_the_exit_codes():
    from extract.cli import EXIT_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| exit code |"):].split("\n\n")[0]
    assert exit_codes(EXIT_CODES) == exit_codes(table) == {0, 1, 2, 3, 130}  # 143 shares the line of 130
    assert "143" in EXIT_CODES and "143" in table
    for command in ("run", "show", "explain"):
        assert EXIT_CODES in extract(command, "--help").stdout.replace("\r", "")


def test_wait_says_what_it_waits_for(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Peru and Chile signed a trade deal in Lima.")
    with output_lock(tmp_path / "out"):
        result = extract("run", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--wait", "0.5")
    assert result.returncode == 3
    waiting, busy = result.stderr.strip().splitlines()
    assert f"{tmp_path / 'out'} is being written by another run (pid {os.getpid()} on " in waiting
    assert waiting.endswith("waiting up to 0.5 s for it to finish")
    assert busy.startswith(f"extract: {tmp_path / 'out'} is being written by another run")


class Recorder:
    """A RunProgress that writes down what it hears."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    def planned(self, n_documents: int) -> None:
        self.heard.append(f"planned {n_documents}")

    def document_done(self) -> None:
        self.heard.append("document")

    def batch_done(self, n_documents: int) -> None:
        self.heard.append(f"batch {n_documents}")


@pytest.mark.slow
def test_progress_is_told_of_every_document_before_its_batch_ends(tmp_path, nlp):
    """Fewer documents than one batch: the bar still moves as each document is done."""
    from extract.pipeline import run

    raw = write_corpus(tmp_path / "raw", ["pipeline.txt", "fisheries.txt", "summit.txt"])
    heard = Recorder()
    run(raw, tmp_path / "out", batch_size=64, progress=heard)
    assert heard.heard == ["planned 3", "document", "document", "document", "batch 3"]
