"""End to end: the Prefect flow on the sample articles writes the seven tables of the contract."""
from __future__ import annotations

import shutil
from datetime import date

import pyarrow.parquet as pq
import pytest

from extract.tables import TABLES

from .conftest import RAW

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def flow_output(tmp_path_factory, prefect_harness):
    from flows.flow import news_flow

    output = tmp_path_factory.mktemp("output")
    news_flow(input=str(RAW), output=str(output))
    return output


def read(output, name):
    return pq.read_table(output / f"{name}.parquet")


def test_all_tables_with_contract_schema(flow_output):
    for name, schema in TABLES.items():
        table = read(flow_output, name)
        assert table.schema.equals(schema, check_metadata=False), name


def test_every_sample_document_has_a_row(flow_output):
    docs = read(flow_output, "documents").to_pylist()
    assert sorted(d["source"] for d in docs) == sorted(p.name for p in RAW.glob("*.txt"))
    assert all(d["status"] in ("ok", "duplicate") for d in docs)


def test_ids_are_unique_and_mentions_point_to_rows(flow_output):
    actors = read(flow_output, "actors").column("actor_id").to_pylist()
    agreements = read(flow_output, "agreements").column("agreement_id").to_pylist()
    assert len(set(actors)) == len(actors) and len(set(agreements)) == len(agreements)
    mentions = read(flow_output, "mentions").to_pylist()
    assert {m["actor_id"] for m in mentions if m["actor_id"]} <= set(actors)
    assert {m["agreement_id"] for m in mentions if m["agreement_id"]} <= set(agreements)


def test_rows_point_back_to_their_sentence(flow_output):
    texts = {d["doc_id"]: d["text"] for d in read(flow_output, "documents").to_pylist()}
    for m in read(flow_output, "mentions").to_pylist():
        assert texts[m["doc_id"]][m["start_char"]:m["end_char"]] == m["text"]
        assert m["sentence_start"] <= m["start_char"] < m["end_char"] <= m["sentence_end"]
    for e in read(flow_output, "event_mentions").to_pylist():
        assert e["trigger"] in texts[e["doc_id"]][e["start_char"]:e["end_char"]]


def test_the_signing_is_found(flow_output):
    events = read(flow_output, "events").to_pylist()
    signs = [e for e in events if e["type"] == "SIGN" and e["date"] == date(2025, 10, 31)]
    assert signs, "a SIGN event dated 2025-10-31"
    assert {"India", "United States"} <= set(signs[0]["participants"])
    assert signs[0]["n_documents"] >= 2


def test_countries_resolve_to_one_actor_each(flow_output):
    actors = read(flow_output, "actors").to_pylist()
    usa = [a for a in actors if a["iso3"] == "USA"]
    assert len(usa) == 1 and {"US", "United States"} <= set(usa[0]["aliases"])


def test_second_run_writes_identical_tables(flow_output, tmp_path):
    from extract.pipeline import run

    again = tmp_path / "again"
    shutil.copytree(flow_output, again)
    run(RAW, again)
    for name in TABLES:
        assert read(again, name).equals(read(flow_output, name)), name


def test_the_command_line_reads_the_input_ahead_unless_the_output_is_busy(tmp_path):
    """While the temporary server boots, the command line fills the ingest cache; a run holding the output is
    left alone (the flow then reports it busy)."""
    from extract.pipeline import INGEST_CACHE
    from extract.store import output_lock, state_dir
    from flows.news_flow import read_input_ahead

    read_input_ahead(RAW, tmp_path / "free")
    assert (state_dir(tmp_path / "free") / INGEST_CACHE).exists()
    with output_lock(tmp_path / "busy"):
        read_input_ahead(RAW, tmp_path / "busy")
    assert not (state_dir(tmp_path / "busy") / INGEST_CACHE).exists()
