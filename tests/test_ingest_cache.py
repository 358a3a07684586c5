"""The ingest cache: a run reads again only the files that changed since the last one, and what it gets from
the cache is exactly what reading the files would give (duplicate marks included)."""
from __future__ import annotations

import json
import os
import time

import pytest

import extract.ingest as ingest_module
from extract.ingest import IngestCache, ingest
from extract.ingest.language import plainly_english, unsupported_language

from .corpus import ARTICLES, write_corpus

VERSION = "test-version"


def settled(folder, seconds_ago: float = 60) -> None:
    """Date every file of `folder` in the past, as files are that were not just written."""
    past = time.time() - seconds_ago
    for path in folder.iterdir():
        os.utime(path, (past, past))


@pytest.fixture()
def reads(monkeypatch):
    """Sources of the documents built from files (not taken from the cache), per ingest."""
    built: list[str] = []
    real = ingest_module.build_document

    def counting(item):
        built.append(item.source)
        return real(item)

    monkeypatch.setattr(ingest_module, "build_document", counting)
    return built


def cached_ingest(folder, cache_file):
    return ingest(folder, IngestCache(cache_file, VERSION))


def test_unchanged_files_are_not_read_again_and_give_the_same_documents(tmp_path, reads):
    raw, cache = write_corpus(tmp_path / "raw"), tmp_path / "state" / "ingest.parquet"
    settled(raw)
    first = cached_ingest(raw, cache)
    assert sorted(reads) == sorted(ARTICLES)
    reads.clear()
    again = cached_ingest(raw, cache)
    assert reads == [] and again == first == ingest(raw)


def test_only_edited_files_and_files_with_a_new_sidecar_are_read_again(tmp_path, reads):
    raw, cache = write_corpus(tmp_path / "raw"), tmp_path / "ingest.parquet"
    settled(raw, 120)
    cached_ingest(raw, cache)
    (raw / "vessels.txt").write_text(ARTICLES["vessels.txt"].replace("Finland", "Sweden"))
    (raw / "summit.json").write_text(json.dumps({"published": "2023-05-10"}))
    past = time.time() - 60
    for name in ("vessels.txt", "summit.json"):
        os.utime(raw / name, (past, past))
    reads.clear()
    docs = {d.source: d for d in cached_ingest(raw, cache)}
    assert sorted(reads) == ["summit.txt", "vessels.txt"]
    assert "Sweden" in docs["vessels.txt"].text and docs["summit.txt"].published_from == "sidecar"
    assert list(docs.values()) == ingest(raw)


def test_a_file_written_just_now_is_read_again_next_time(tmp_path, reads):
    """File systems stamp times coarsely: a second write within the same tick must not go unseen."""
    raw, cache = write_corpus(tmp_path / "raw", ["pipeline.txt", "summit.txt"]), tmp_path / "ingest.parquet"
    settled(raw)
    (raw / "summit.txt").write_text(ARTICLES["summit.txt"])  # modified now
    cached_ingest(raw, cache)
    reads.clear()
    cached_ingest(raw, cache)
    assert reads == ["summit.txt"]


def test_duplicate_marks_from_the_cache_are_those_of_a_fresh_ingest(tmp_path, reads):
    raw, cache = tmp_path / "raw", tmp_path / "ingest.parquet"
    raw.mkdir()
    text = " ".join(f"Sentence {i} tells of talks between delegations from Peru and Chile." for i in range(40))
    (raw / "a.txt").write_text(text)
    (raw / "b.txt").write_text(text)
    (raw / "c.txt").write_text(text[: len(text) // 2] + " Subscribe now.")
    settled(raw)
    cached_ingest(raw, cache)
    reads.clear()
    docs = cached_ingest(raw, cache)
    assert reads == [] and docs == ingest(raw)
    assert [d.status for d in docs] == ["ok", "duplicate", "duplicate"]
    (raw / "a.txt").unlink()  # the original is gone: its copies are no longer duplicates of it
    assert cached_ingest(raw, cache) == ingest(raw)


def test_a_removed_file_leaves_the_cache_and_a_broken_cache_is_ignored(tmp_path, reads):
    raw, cache = write_corpus(tmp_path / "raw", ["pipeline.txt", "summit.txt"]), tmp_path / "ingest.parquet"
    settled(raw)
    cached_ingest(raw, cache)
    (raw / "summit.txt").unlink()
    cached_ingest(raw, cache)
    import pyarrow.parquet as pq

    assert pq.read_table(cache).column("source").to_pylist() == ["pipeline.txt"]
    cache.write_bytes(b"PAR1 not a parquet file")
    reads.clear()
    docs = cached_ingest(raw, cache)
    assert reads == ["pipeline.txt"] and docs == ingest(raw)


def test_a_new_version_reads_everything_again(tmp_path, reads):
    raw, cache = write_corpus(tmp_path / "raw", ["pipeline.txt"]), tmp_path / "ingest.parquet"
    settled(raw)
    cached_ingest(raw, cache)
    reads.clear()
    ingest(raw, IngestCache(cache, "another-version"))
    assert reads == ["pipeline.txt"]


def test_plain_english_skips_identification_and_other_languages_do_not():
    english = ("The two governments signed a water-sharing treaty on Monday after talks that lasted for more "
               "than a decade, and officials said that the agreement would be ratified by both parliaments "
               "before the end of the year.")
    german = ("Die beiden Regierungen unterzeichneten am Montag nach jahrelangen Verhandlungen einen Vertrag "
              "über die Nutzung des Flusses, und die Parlamente sollen ihn noch vor Jahresende billigen. Die "
              "Opposition kritisierte, dass die Bauern an den Ufern nicht gehört worden seien.")
    spanish = ("Los dos gobiernos firmaron el lunes un tratado sobre el agua tras negociaciones que duraron más "
               "de una década, y los parlamentos deberán ratificarlo antes de fin de año. La oposición criticó "
               "que los agricultores de la cuenca no fueran consultados.")
    assert plainly_english(english) and unsupported_language(english) is None
    assert not plainly_english(german) and unsupported_language(german) == "de"
    assert not plainly_english(spanish) and unsupported_language(spanish) == "es"
