"""The command line for reading a run: `extract show`, `extract explain`, help, exit codes, and the progress
bar of `extract run` (on a terminal only)."""
from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

import extract
from extract.cli import main

from . import runs

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return runs.articles_output(tmp_path_factory)


def extract_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True)


def on_terminal(*args: str, columns: int = 200) -> str:
    """Run `extract ARGS` with stdout and stderr on a pseudo-terminal; everything it printed."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": "50"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "extract", *args], stdin=terminal, stdout=terminal,
                               stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("command", [[], ["run"], ["show"], ["explain"]])
def test_every_command_has_help_with_exit_codes(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith("usage: extract") and "exit codes" in out


def test_show_prints_the_chosen_columns_of_the_first_rows(output, capsys):
    assert main(["show", "actors", "--output", str(output), "--columns", "name,type", "n_mentions", "--limit", "2"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["name", "type", "n_mentions"]
    actors = pq.read_table(output / "actors.parquet").slice(0, 2).to_pylist()
    assert [line.split()[-1] for line in lines[1:]] == [str(a["n_mentions"]) for a in actors]
    assert "2 of" in err


def test_show_csv_and_jsonl_give_every_row_in_full(output, capsys):
    events = pq.read_table(output / "events.parquet").to_pylist()
    assert main(["show", "events", "-o", str(output), "--format", "csv", "--limit", "0"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]
    assert [json.loads(r["participants"]) for r in rows] == [e["participants"] for e in events]
    assert main(["show", "events", "-o", str(output), "-f", "jsonl", "-n", "0"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["date"] for r in records] == [e["date"].isoformat() if e["date"] else None for e in events]


def test_show_schema_explains_the_columns(capsys):
    assert main(["show", "event_mentions", "--schema"]) == 0
    out = capsys.readouterr().out
    assert "trigger_start" in out and extract.describe("event_mentions")["description"].iloc[0] in out


@pytest.mark.parametrize("args, message", [
    (["show", "actors", "-o", "{missing}"], "no actors table"),
    (["show", "actors", "-c", "name,nope"], "no column 'nope'"),
    (["show", "actors", "--limit", "-1"], "--limit"),
    (["explain", "evt_nonexistent"], "no event with id 'evt_nonexistent'"),
    (["explain", "evt_"], "starts"),
    (["explain", "evt_x", "-o", "{missing}"], "no tables in"),
])
def test_what_cannot_be_shown_is_a_usage_error(output, tmp_path, capsys, args, message):
    args = [a.format(missing=tmp_path / "missing") for a in args]
    if "-o" not in args:
        args += ["-o", str(output)]
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert message in err and not out


def test_unknown_table_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["show", "treaties"])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_unreadable_table_is_a_failure_not_a_traceback(tmp_path, capsys):
    (tmp_path / "actors.parquet").write_text("not parquet")
    assert main(["show", "actors", "-o", str(tmp_path)]) == 1
    assert "cannot read the tables" in capsys.readouterr().err


def test_explain_prints_every_sentence_that_reports_the_event(output, capsys):
    tables = extract.load(output)
    signing = tables.events[(tables.events["type"] == "SIGN") & (tables.events["n_documents"] == 2)].iloc[0]
    assert main(["explain", signing["event_id"][:10], "--output", str(output)]) == 0
    out = capsys.readouterr().out
    assert ANSI.search(out) is None  # plain text when not on a terminal
    assert out.splitlines()[0].startswith(f"{signing['event_id']}  SIGN")
    assert "Lake Victoria Fisheries Treaty" in out and "2021-03-03" in out
    reports = tables.event_mentions[tables.event_mentions["event_id"] == signing["event_id"]]
    texts = dict(zip(tables.documents["doc_id"], tables.documents["text"]))
    for report in reports.itertuples():
        assert " ".join(texts[report.doc_id][report.start_char:report.end_char].split()) in " ".join(out.split())
    for source in ("kenya.txt", "tanzania.txt"):
        assert source in out


def sentences_of(tables, rows) -> list[str]:
    """The sentences (blanks collapsed) that the rows of a link table point to."""
    texts = dict(zip(tables.documents["doc_id"], tables.documents["text"]))
    starts, ends = ("sentence_start", "sentence_end") if "sentence_start" in rows else ("start_char", "end_char")
    return [" ".join(texts[r.doc_id][getattr(r, starts):getattr(r, ends)].split()) for r in rows.itertuples()]


def test_explain_an_agreement_prints_every_sentence_that_names_it(output, capsys):
    tables = extract.load(output)
    treaty = tables.agreements[tables.agreements["name"] == "Lake Victoria Fisheries Treaty"].iloc[0]
    assert main(["explain", treaty["agreement_id"][:8], "-o", str(output)]) == 0
    out = capsys.readouterr().out
    printed = " ".join(out.split())
    assert out.splitlines()[0] == f"{treaty['agreement_id']}  Lake Victoria Fisheries Treaty"
    assert "parties: KEN, TZA" in out or "parties: TZA, KEN" in out
    mentions = tables.mentions[tables.mentions["agreement_id"] == treaty["agreement_id"]]
    assert mentions["doc_id"].nunique() == 2
    for sentence in sentences_of(tables, mentions):
        assert sentence in printed
    assert "kenya.txt" in out and "tanzania.txt" in out


def test_explain_an_actor_prints_every_sentence_that_names_it(output, capsys):
    tables = extract.load(output)
    actor = tables.actors[tables.actors["name"] == "Amina Odhiambo"].iloc[0]
    assert main(["explain", actor["actor_id"], "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{actor['actor_id']}  Amina Odhiambo  PERSON"
    mentions = tables.mentions[tables.mentions["actor_id"] == actor["actor_id"]]
    assert f"named in {len(set(sentences_of(tables, mentions)))} sentences in 2 documents" in out
    for sentence in sentences_of(tables, mentions):
        assert sentence in " ".join(out.split())


def test_explain_a_document_or_a_place_in_it(output, capsys):
    tables = extract.load(output)
    mention = tables.mentions[tables.mentions["text"] == "Arusha"].iloc[0]
    assert main(["explain", mention["doc_id"], "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{mention['doc_id']}  ") and "with findings in" in out
    assert main(["explain", f"{mention['doc_id']}:{mention['start_char']}", "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{mention['doc_id']}:{mention['start_char']}  Arusha  (mentions row)"
    assert sentences_of(tables, tables.mentions.loc[[mention.name]])[0] in " ".join(out.split())


def test_show_where_and_sort(output, capsys):
    events = pq.read_table(output / "events.parquet").to_pandas()
    assert main(["show", "events", "-o", str(output), "--where", "type = 'SIGN' AND date >= '2021-01-01'",
                 "--sort", "date", "-c", "event_id,date", "-f", "jsonl", "-n", "0"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = events[(events["type"] == "SIGN") & (events["date"] >= pd.Timestamp("2021-01-01").date())]
    assert sorted(r["event_id"] for r in rows) == sorted(expected["event_id"]) and rows
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert main(["show", "actors", "-o", str(output), "--sort", "n_mentions:desc", "-c", "n_mentions", "-f", "csv",
                 "-n", "0"]) == 0
    counts = [int(v) for v in capsys.readouterr().out.splitlines()[1:]]
    assert counts == sorted(counts, reverse=True) and len(counts) == len(extract.load(output).actors)


@pytest.mark.parametrize("args, message", [
    (["--where", "type = "], "--where 'type = ': Parser Error"),
    (["--where", "nope = 1"], 'Referenced column "nope" not found'),
    (["--where", "1=1); DROP VIEW events; SELECT (1"], "not several statements"),
    (["--where", "type IN (SELECT * FROM read_csv('/etc/passwd'))"], "file system operations are disabled"),
    (["--sort", "nope"], "--sort: no column 'nope'"),
])
def test_show_rejects_a_malformed_condition_in_one_line(output, capsys, args, message):
    assert main(["show", "events", "-o", str(output), *args]) == 2
    out, err = capsys.readouterr()
    assert not out and len(err.splitlines()) == 1 and message in err, err


def test_explain_highlights_the_trigger_on_a_terminal(output):
    tables = extract.load(output)
    report = tables.event_mentions.iloc[0]
    screen = on_terminal("explain", report["event_id"], "-o", str(output))
    assert re.search(r"\x1b\[[0-9;]*m" + re.escape(report["trigger"]) + r"\x1b\[", screen)


@pytest.mark.slow
def test_run_shows_a_progress_bar_on_a_terminal_only(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for name, text in runs.ARTICLES.items():
        (source / name).write_text(text, encoding="utf-8")
    screen = ANSI.sub("", on_terminal("run", str(source), "-o", str(tmp_path / "tty")))
    assert "analysing" in screen and "0/2 documents" in screen  # the documents the NLP reads, from the start
    assert re.search(r"2/2 documents .* [0-9.]+ documents/s, 0:00:00 left", screen)  # with their rate
    assert "2 documents (2 ok)" in screen
    piped = extract_cli("run", str(source), "-o", str(tmp_path / "piped"), "--batch-size", "1")
    assert piped.returncode == 0
    assert "analysing" not in piped.stderr and ANSI.search(piped.stderr + piped.stdout) is None
    assert "2 documents (2 ok)" in piped.stdout


@pytest.mark.slow
def test_explain_an_agreement_link_prints_the_sentence_that_states_it(tmp_path_factory, capsys):
    output = runs.sample_output(tmp_path_factory)
    tables = extract.load(output)
    link = tables.agreement_links.iloc[0]
    assert main(["explain", link["link_id"], "-o", str(output)]) == 0
    out = capsys.readouterr().out
    names = dict(zip(tables.agreements["agreement_id"], tables.agreements["name"]))
    assert out.splitlines()[0] == f"{link['link_id']}  {link['relation']}"
    assert f"from: {names[link['from_agreement_id']]} ({link['from_agreement_id']})" in out
    assert f"to: {names[link['to_agreement_id']]} ({link['to_agreement_id']})" in out
    assert " ".join(link["sentence"].split()) in " ".join(out.split())


@pytest.mark.slow
def test_explain_prints_every_report_of_the_sample_signing(tmp_path_factory, capsys):
    """The bar of the issue: on the sample run, the signing reported by the most articles, every sentence that
    reports it, checked against the documents' text."""
    output = runs.sample_output(tmp_path_factory)
    tables = extract.load(output)
    signings = tables.events[tables.events["type"] == "SIGN"]
    signing = signings.sort_values(["n_documents", "n_mentions"], ascending=False).iloc[0]
    assert main(["explain", signing["event_id"], "-o", str(output)]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    reports = tables.event_mentions[tables.event_mentions["event_id"] == signing["event_id"]]
    documents = tables.documents.set_index("doc_id")
    assert reports["doc_id"].nunique() >= 2
    for report in reports.itertuples():
        text = documents.loc[report.doc_id, "text"]
        sentence = text[report.start_char:report.end_char]
        assert sentence.strip() == report.sentence.strip()  # the offsets may take in the line's end
        assert text[report.trigger_start:report.trigger_start + len(report.trigger)] == report.trigger
        assert " ".join(sentence.split()) in printed
        assert documents.loc[report.doc_id, "source"] in printed
