"""No input is ever lost: every file of a corpus of bad input ends in `documents` as ok, rejected or
duplicate with a reason a person can read, the good ones are fully processed, and the run exits 0."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extract.ingest
from extract import pipeline

from .bad_inputs import build_bad_corpus
from .corpus import read_tables


def check_documents(output: Path, expected: dict) -> None:
    tables = read_tables(output)
    docs = {d["source"]: d for d in tables["documents"].to_pylist()}
    assert sorted(docs) == sorted(expected)
    mentions = {}
    for m in tables["mentions"].to_pylist():
        mentions.setdefault(m["doc_id"], []).append(m["text"])
    for source, (status, reason, mentioned) in expected.items():
        doc = docs[source]
        assert doc["status"] == status, (source, doc["reason"])
        if reason is None:
            assert doc["reason"] is None, (source, doc["reason"])
        else:
            assert reason in doc["reason"], (source, doc["reason"])
        if mentioned:  # fully processed: its entities are in the tables
            assert any(mentioned in text for text in mentions.get(doc["doc_id"], [])), (source, mentions.get(doc["doc_id"]))
        assert "\x00" not in doc["text"] and "\u00e2\u20ac" not in doc["text"], source


def test_every_bad_input_gets_a_row_and_the_good_ones_are_processed(tmp_path, nlp, monkeypatch):
    corpus = tmp_path / "in"
    expected = build_bad_corpus(corpus)
    (corpus / "gone.txt").write_text("A file that a cleanup job deletes while the run is starting.")
    expected["gone.txt"] = ("rejected", "file disappeared before it could be read", None)
    discover = extract.ingest.discover

    def discover_then_delete(path):  # the file vanishes between discovery and reading
        found = discover(path)
        (corpus / "gone.txt").unlink()
        return found

    monkeypatch.setattr(extract.ingest, "discover", discover_then_delete)
    summary = pipeline.run(corpus, tmp_path / "out")
    check_documents(tmp_path / "out", expected)
    assert summary.statuses == {"ok": 9, "rejected": 9}

    docs = {d["source"]: d for d in read_tables(tmp_path / "out")["documents"].to_pylist()}
    assert "\u201cWe will build" in docs["cp1252.txt"]["text"] and docs["cp1252.txt"]["encoding"] == "cp1252"
    assert "Portugal\u2019s" in docs["mojibake.txt"]["text"]
    assert docs["utf16.txt"]["encoding"] == "utf-16-le"
    page = docs["page.html"]["text"]
    assert "Bolivia" in page and "tracker" not in page and "loadAds" not in page and "Weather" not in page


def test_a_file_that_cannot_be_read_is_rejected_not_fatal(tmp_path, monkeypatch):
    """Any error of the operating system at the read call (here EIO) becomes a rejected row."""
    from extract.ingest import ingest

    (tmp_path / "a.txt").write_text("Peru and Chile signed a trade deal in Lima on March 3, 2021.")
    (tmp_path / "b.txt").write_text("Fiji and Tonga signed a fisheries accord in Suva on Tuesday.")
    read_bytes = Path.read_bytes

    def failing(self):
        if self.name == "b.txt":
            raise OSError(5, "Input/output error")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", failing)
    docs = {d.source: d for d in ingest(tmp_path)}
    assert docs["a.txt"].status == "ok"
    assert docs["b.txt"].status == "rejected" and docs["b.txt"].reason == "could not read the file: Input/output error"


def without_read_override(command: list[str]) -> list[str]:
    """Root reads any file; drop its capability to do so (CAP_DAC_OVERRIDE) so permissions apply to it too."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a permission error cannot be produced")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", *command]


@pytest.mark.slow
def test_cli_on_bad_input_exits_0_with_a_summary_of_counts(tmp_path):
    corpus = tmp_path / "in"
    expected = build_bad_corpus(corpus)
    secret = corpus / "secret.txt"
    secret.write_text("Iceland and Greenland discussed fishing quotas in Nuuk on Wednesday.")
    secret.chmod(0)
    expected["secret.txt"] = ("rejected", "permission denied when reading the file", None)
    command = [sys.executable, "-m", "extract", "run", str(corpus), "--output", str(tmp_path / "out"), "--quiet"]
    result = subprocess.run(without_read_override(command), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("18 documents (9 ok, 9 rejected); NLP on 9, 0 from cache;")
    check_documents(tmp_path / "out", expected)
