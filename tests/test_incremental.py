"""Incremental, idempotent runs: only new or changed documents go through the NLP, and the tables always
equal those of a run from scratch on the same input (edited or removed documents leave no rows behind)."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from extract import pipeline
from extract.pipeline import plan, workers
from extract.cache import ResultCache
from extract.store import state_dir

from .corpus import ARTICLES, assert_same_tables, read_tables, write_corpus


@pytest.fixture()
def nlp_calls(nlp, monkeypatch):
    """Sources of the documents sent through spaCy, per run (the real analysis still runs)."""
    calls: list[str] = []
    real = workers.process_documents

    def counting(documents, config=None, on_document=None):
        calls.extend(d.source for d in documents if d.needs_nlp)
        return real(documents, config, on_document)

    monkeypatch.setattr(workers, "process_documents", counting)
    return calls


def from_scratch(input_path, tmp_path):
    """The tables a first run on `input_path` writes into an empty folder."""
    fresh = tmp_path / "from-scratch"
    shutil.rmtree(fresh, ignore_errors=True)
    pipeline.run(input_path, fresh)
    return read_tables(fresh, drop_processed_at=True)


def test_rerun_on_unchanged_input_does_no_nlp_and_writes_identical_tables(tmp_path, nlp_calls):
    raw, out = write_corpus(tmp_path / "raw"), tmp_path / "out"
    first = pipeline.run(raw, out)
    assert first.n_processed == len(ARTICLES) and sorted(nlp_calls) == sorted(ARTICLES)
    before = read_tables(out)

    nlp_calls.clear()
    again = pipeline.run(raw, out)
    assert nlp_calls == [] and again.n_processed == 0 and again.n_cached == len(ARTICLES)
    assert_same_tables(read_tables(out), before)  # processed_at included


def test_only_a_new_document_is_processed(tmp_path, nlp_calls):
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt", "fisheries.txt"]), tmp_path / "out"
    pipeline.run(raw, out)
    write_corpus(raw, ["vessels.txt"])
    nlp_calls.clear()
    summary = pipeline.run(raw, out)
    assert nlp_calls == ["vessels.txt"] and summary.n_cached == 2
    assert_same_tables(read_tables(out, drop_processed_at=True), from_scratch(raw, tmp_path))


def test_edited_document_replaces_its_rows(tmp_path, nlp_calls):
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt", "vessels.txt"]), tmp_path / "out"
    pipeline.run(raw, out)
    old_id = _doc_id(out, "vessels.txt")
    (raw / "vessels.txt").write_text(ARTICLES["vessels.txt"].replace("Finland", "Sweden"))
    nlp_calls.clear()
    pipeline.run(raw, out)
    assert nlp_calls == ["vessels.txt"]
    tables = read_tables(out)
    docs = tables["documents"].to_pylist()
    assert [d["source"] for d in docs].count("vessels.txt") == 1
    for name in ("documents", "mentions", "dates"):
        assert old_id not in tables[name].column("doc_id").to_pylist(), name
    names = {a["name"] for a in tables["actors"].to_pylist()}
    assert "Sweden" in names and "Finland" not in names
    assert_same_tables(read_tables(out, drop_processed_at=True), from_scratch(raw, tmp_path))


def test_removed_document_leaves_no_rows_and_no_cache_entry(tmp_path, nlp_calls):
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt", "summit.txt"]), tmp_path / "out"
    pipeline.run(raw, out)
    (raw / "summit.txt").unlink()
    nlp_calls.clear()
    pipeline.run(raw, out)
    assert nlp_calls == []
    tables = read_tables(out)
    assert tables["documents"].column("source").to_pylist() == ["pipeline.txt"]
    assert "Togo" not in {a["name"] for a in tables["actors"].to_pylist()}
    assert len(ResultCache(state_dir(out) / "cache").index()) == 1
    assert_same_tables(read_tables(out, drop_processed_at=True), from_scratch(raw, tmp_path))


def test_new_sidecar_date_reprocesses_the_document(tmp_path, nlp_calls):
    raw, out = write_corpus(tmp_path / "raw", ["summit.txt", "exercise.txt"]), tmp_path / "out"
    pipeline.run(raw, out)
    (raw / "summit.json").write_text(json.dumps({"published": "2023-05-10"}))
    nlp_calls.clear()
    pipeline.run(raw, out)
    assert nlp_calls == ["summit.txt"]
    docs = {d["source"]: d for d in read_tables(out)["documents"].to_pylist()}
    assert docs["summit.txt"]["published_from"] == "sidecar"


def test_new_pipeline_version_reprocesses_everything(tmp_path, nlp_calls, monkeypatch):
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt", "fisheries.txt"]), tmp_path / "out"
    pipeline.run(raw, out)
    monkeypatch.setattr(plan, "pipeline_version", lambda model, options="": "9.9.9+test")
    nlp_calls.clear()
    summary = pipeline.run(raw, out)
    assert sorted(nlp_calls) == ["fisheries.txt", "pipeline.txt"] and summary.n_cached == 0
    assert set(read_tables(out)["documents"].column("pipeline_version").to_pylist()) == {"9.9.9+test"}
    assert len(ResultCache(state_dir(out) / "cache").index()) == 2  # the old version's entries are gone


def test_a_document_whose_analysis_fails_is_rejected_and_retried_next_run(tmp_path, nlp, monkeypatch):
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt", "fisheries.txt", "vessels.txt"]), tmp_path / "out"
    real = workers.process_documents

    def failing_on_fish(documents, config=None, on_document=None):
        if any(d.source == "fisheries.txt" for d in documents):
            raise ValueError("cannot parse this one")
        return real(documents, config, on_document)

    monkeypatch.setattr(workers, "process_documents", failing_on_fish)
    summary = pipeline.run(raw, out)
    docs = {d["source"]: d for d in read_tables(out)["documents"].to_pylist()}
    assert summary.statuses == {"ok": 2, "rejected": 1}
    assert docs["fisheries.txt"]["status"] == "rejected"
    assert docs["fisheries.txt"]["reason"] == "analysis failed: ValueError: cannot parse this one"
    assert docs["pipeline.txt"]["status"] == docs["vessels.txt"]["status"] == "ok"

    monkeypatch.setattr(workers, "process_documents", real)
    summary = pipeline.run(raw, out)
    assert summary.n_processed == 1 and summary.statuses == {"ok": 3}


def test_cache_parts_are_compacted(tmp_path, nlp, monkeypatch):
    """One part per batch; once they are many, a run merges them into one without losing entries."""
    import extract.cache

    monkeypatch.setattr(extract.cache, "MAX_PARTS", 2)
    raw, out = write_corpus(tmp_path / "raw"), tmp_path / "out"
    pipeline.run(raw, out, batch_size=1)
    cache = ResultCache(state_dir(out) / "cache")
    assert len(list(cache.folder.glob("part-*.parquet"))) == 1 and len(cache.index()) == len(ARTICLES)
    assert pipeline.run(raw, out).n_processed == 0


def _doc_id(output, source):
    docs = read_tables(output)["documents"].to_pylist()
    return next(d["doc_id"] for d in docs if d["source"] == source)


def test_a_run_with_nothing_new_leaves_the_tables_as_they_are(tmp_path, nlp):
    raw, out = write_corpus(tmp_path / "raw"), tmp_path / "out"
    first = pipeline.run(raw, out)
    snapshot = os.readlink(state_dir(out) / "current")
    again = pipeline.run(raw, out)
    assert os.readlink(state_dir(out) / "current") == snapshot  # not even written again
    assert again.rows == first.rows and again.statuses == first.statuses and again.n_cached == len(ARTICLES)
    write_corpus(raw, ["pipeline.txt"])  # the same text written again: same documents, same tables
    assert pipeline.run(raw, out).n_processed == 0 and os.readlink(state_dir(out) / "current") == snapshot
    (raw / "summit.txt").unlink()
    pipeline.run(raw, out)
    assert os.readlink(state_dir(out) / "current") != snapshot
    assert_same_tables(read_tables(out, drop_processed_at=True), from_scratch(raw, tmp_path))


def test_a_run_that_releases_the_model_writes_the_same_tables(tmp_path, nlp):
    """`release_model` (the command line's choice) lets go of the model before resolution; the tables come
    from the cache all the same, and the next use of the model loads it again."""
    from extract.nlp.model import load_pipeline

    raw, out = write_corpus(tmp_path / "raw"), tmp_path / "out"
    summary = pipeline.run(raw, out, release_model=True)
    assert summary.n_processed == len(ARTICLES)
    assert load_pipeline() is not nlp  # released: loaded anew
    assert_same_tables(read_tables(out, drop_processed_at=True), from_scratch(raw, tmp_path))
