"""Opening a run's tables: pandas DataFrames, DuckDB views, and the way back from a row to its sentence."""
from __future__ import annotations

import html
import subprocess
import sys
from datetime import date

import pandas as pd
import pyarrow.parquet as pq
import pytest

import extract
from extract.explore import IdNotFound, TablesNotFound, highlight
from extract.tables import TABLES

from . import runs


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return runs.articles_output(tmp_path_factory)


@pytest.fixture(scope="module")
def tables(output):
    return extract.load(output)


def test_import_extract_stays_light():
    code = "import sys, extract; extract.load; print(sorted({'spacy', 'pandas', 'duckdb'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_load_gives_every_table_with_dates_as_dates_and_lists_as_lists(tables):
    assert list(tables) == list(TABLES)
    for name, schema in TABLES.items():
        frame = tables[name]
        assert list(frame.columns) == schema.names, name
        for field in schema:
            if str(field.type) == "date32[day]":
                assert pd.api.types.is_datetime64_dtype(frame[field.name]), (name, field.name)
            if str(field.type).startswith("list"):
                assert all(isinstance(v, list) for v in frame[field.name]), (name, field.name)
    signed = tables.agreements.dropna(subset=["signed"])
    assert (signed["signed"] == pd.Timestamp(date(2021, 3, 3))).any()
    assert tables.events is tables["events"]  # read once


def test_load_explains_a_missing_output(tmp_path):
    with pytest.raises(TablesNotFound, match="extract run"):
        extract.load(tmp_path / "nowhere")
    with pytest.raises(KeyError, match="unknown table"):
        extract.load(tmp_path, ["evnets"])


def test_load_and_connect_read_a_table_stored_as_a_folder_of_files(output, tmp_path):
    events = pq.read_table(output / "events.parquet")
    (tmp_path / "events").mkdir()
    pq.write_table(events.slice(0, 1), tmp_path / "events" / "part-0.parquet")
    pq.write_table(events.slice(1), tmp_path / "events" / "part-1.parquet")
    assert len(extract.load(tmp_path, ["events"]).events) == events.num_rows
    assert extract.connect(tmp_path).execute("SELECT count(*) FROM events").fetchall()[0][0] == events.num_rows


def test_describe_explains_every_column():
    for name, schema in TABLES.items():
        described = extract.describe(name)
        assert list(described["column"]) == schema.names
        assert described["description"].str.len().min() > 10, name
    assert extract.describe("events").set_index("column").loc["date", "type"] == "date"


def test_evidence_of_an_event_is_every_sentence_that_reports_it(tables):
    texts = dict(zip(tables.documents["doc_id"], tables.documents["text"]))
    for event in tables.events.itertuples(index=False):
        evidence = tables.evidence(tables.events[tables.events["event_id"] == event.event_id].iloc[0])
        reports = tables.event_mentions[tables.event_mentions["event_id"] == event.event_id]
        assert set(zip(evidence["doc_id"], evidence["start_char"])) == set(zip(reports["doc_id"], reports["start_char"]))
        for row in evidence.itertuples():
            assert row.sentence == texts[row.doc_id][row.start_char:row.end_char]
        triggers = {(r.doc_id, r.start_char, r.trigger) for r in reports.itertuples()}
        marked = {(r.doc_id, r.start_char, word) for r in evidence.itertuples() for word in r.marked}
        assert triggers == marked


def test_evidence_of_a_signing_reported_twice_comes_from_both_articles(tables):
    signings = tables.events[(tables.events["type"] == "SIGN") & (tables.events["n_documents"] == 2)]
    assert len(signings) == 1
    evidence = tables.evidence(signings.iloc[0])
    assert sorted(evidence["source"].unique()) == ["kenya.txt", "tanzania.txt"]
    assert all("signed" in words for words in evidence["marked"])


def test_evidence_of_mention_and_date_rows_marks_their_words(tables):
    for name in ("mentions", "dates"):
        row = tables[name].iloc[0]
        evidence = tables.evidence(row)
        assert len(evidence) == 1
        assert evidence["marked"].iloc[0] == [row["text"]]
        assert evidence["start_char"].iloc[0] == row["sentence_start"]


def test_evidence_of_an_actor_is_every_sentence_that_names_it(tables):
    person = tables.actors[tables.actors["name"] == "Amina Odhiambo"].iloc[0]
    evidence = tables.evidence(person)
    assert len(evidence) == person["n_mentions"]
    assert all(words == ["Amina Odhiambo"] for words in evidence["marked"])


def test_evidence_takes_an_id_or_a_unique_prefix(tables):
    event_id = tables.events["event_id"].iloc[0]
    assert tables.evidence(event_id).equals(tables.evidence(event_id[:12]))
    with pytest.raises(IdNotFound, match="starts"):
        tables.evidence("evt_")
    with pytest.raises(IdNotFound, match="no document, actor, agreement, event or agreement link"):
        tables.evidence("evt_nonexistent")


def test_evidence_of_a_document_is_every_sentence_where_something_was_found(tables):
    document = tables.documents.iloc[0]
    evidence = tables.evidence(document)
    mentions, reports, dates = (tables[name][tables[name]["doc_id"] == document["doc_id"]]
                                for name in ("mentions", "event_mentions", "dates"))
    assert set(evidence["doc_id"]) == {document["doc_id"]}
    marked = {m for marks in evidence["marked"] for m in marks}
    assert marked == set(mentions["text"]) | set(reports["trigger"]) | set(dates["text"])
    assert sorted(evidence["start_char"]) == list(evidence["start_char"])  # in document order


def test_the_rows_found_at_a_place_of_a_document(tables):
    mention = tables.mentions.iloc[0]
    found = tables.at(mention["doc_id"][:8], int(mention["start_char"]))  # a prefix of the id is enough
    assert [r["text"] for t, r in found if t == "mentions"] == [mention["text"]]
    assert tables.at(mention["doc_id"], 10**6) == []


def test_highlight_wraps_marks_and_escapes_the_rest():
    assert highlight("Peru & Chile signed", [(13, 19)]) == "Peru & Chile **signed**"
    marked = highlight("Peru & Chile <signed>", [(0, 4), (14, 20)], "<b>", "</b>", escape=html.escape)
    assert marked == "<b>Peru</b> &amp; Chile &lt;<b>signed</b>&gt;"


def test_connect_joins_events_and_actors_in_sql(output, tables):
    db = extract.connect(output)
    rows = db.sql("""
        SELECT e.event_id, a.name FROM events e, unnest(e.participant_ids) AS p(actor_id) JOIN actors a USING (actor_id)
    """).fetchall()
    expected = {(e, n) for e, names in zip(tables.events["event_id"], tables.events["participants"]) for n in names}
    assert set(rows) == expected and rows


def test_connect_gives_views_and_columns_their_descriptions(output):
    db = extract.connect(output)
    comment = db.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'events' AND column_name = 'date'").fetchall()[0][0]
    assert comment == TABLES["events"].field("date").metadata[b"description"].decode()
    views = {name for (name,) in db.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert views == set(TABLES)


def test_tables_of_a_run_that_found_nothing_are_empty_but_typed(tmp_path_factory):
    tables = extract.load(runs.nothing_output(tmp_path_factory))
    assert tables.documents["status"].tolist() == ["rejected"]
    assert tables.events.empty and list(tables.events.columns) == TABLES["events"].names
    assert pd.api.types.is_datetime64_dtype(tables.events["date"])
