"""What the command line prints: tables of rows, a row with the sentences behind it, and the progress of a run.

Colours, highlights and the progress bar appear only on a terminal; redirected to a file or a pipe the same
commands print plain text with one record per line, so scripts can read it.
"""
from __future__ import annotations

import csv
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from time import monotonic
from typing import IO, Any

from rich.console import Console
from rich.padding import Padding
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task,
                           TextColumn, TimeElapsedColumn)
from rich.table import Table
from rich.text import Text

CELL_WIDTH = 80  # longest cell in the `table` format (full values in csv and jsonl)


def on_terminal(stream: IO[str]) -> bool:
    """True when `stream` is an interactive terminal that can redraw (not a pipe, a file or TERM=dumb)."""
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def console(stream: IO[str] | None = None) -> Console:
    """A rich console on `stream`: styled on a terminal, plain text and never wrapped otherwise."""
    stream = stream or sys.stdout
    if on_terminal(stream):
        return Console(file=stream, highlight=False)
    return Console(file=stream, highlight=False, no_color=True, force_terminal=False, width=1_000_000)


def cell(value: Any, width: int | None = CELL_WIDTH) -> str:
    """A value as text: lists joined by commas, dates in ISO form, nulls empty, long text cut at `width`."""
    if value is None or value != value:  # None or NaN
        return ""
    if isinstance(value, (list, tuple)):
        text = ", ".join(cell(v, None) for v in value)
    elif isinstance(value, float):
        text = f"{value:.6g}"  # float32 columns: no 0.6499999761581421
    elif isinstance(value, datetime) and value.tzinfo is None and value.time() == time(0):
        text = value.date().isoformat()  # a date column read through pandas
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    text = " ".join(text.split()) if "\n" in text or "\t" in text else text
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, stream: IO[str] | None = None) -> None:
    """Rows as an aligned table, CSV (lists as JSON arrays) or JSON lines."""
    stream = stream or sys.stdout
    if fmt == "jsonl":
        for row in rows:
            record = {c: float(f"{row[c]:.6g}") if isinstance(row[c], float) else row[c] for c in columns}
            stream.write(json.dumps(record, ensure_ascii=False, default=_json_value) + "\n")
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list) else cell(v, None) for v in
                             (row[c] for c in columns)])
    else:
        table = Table(*columns, box=None, header_style="bold", pad_edge=False)
        for column in table.columns:
            column.no_wrap, column.overflow = True, "ellipsis"
        for row in rows:
            table.add_row(*(cell(row[c]) for c in columns))
        print_table(table, stream)


def print_table(table: Table, stream: IO[str] | None = None) -> None:
    """A rich table: drawn to fit on a terminal, plain aligned lines (never cut, no trailing blanks) otherwise."""
    out = console(stream)
    if out.is_terminal:
        out.print(table)
        return
    with out.capture() as captured:
        out.print(table)
    out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_schema(name: str, stream: IO[str] | None = None) -> None:
    """The data dictionary of one table."""
    from extract.explore import describe

    table = Table("column", "type", "description", box=None, header_style="bold", pad_edge=False)
    for row in describe(name).itertuples(index=False):
        table.add_row(row.column, row.type, row.description)
    print_table(table, stream)


# What `extract explain` prints of a row before its sentences: the columns worth a line of their own.
DETAILS = {
    "events": ["agreement", "participants", "agents", "targets", "place", "modality", "conflicting_dates"],
    "actors": ["iso3", "country_iso3", "acronym", "aliases", "roles", "n_mentions", "n_documents"],
    "agreements": ["kind", "acronym", "status", "signed", "signed_precision", "place", "parties", "signatories",
                   "aliases", "n_mentions", "n_documents", "conflicts"],
    "documents": ["status", "reason", "duplicate_of", "title", "url", "published", "published_from", "language",
                  "n_chars"],
    "mentions": ["label", "actor_id", "agreement_id"],
    "event_mentions": ["event_id", "date_text", "date", "modality", "participants", "agreement_id", "confidence"],
    "dates": ["type", "value", "mod", "start", "end", "precision"],
    "agreement_links": ["from", "to", "confidence", "n_documents"],
}
_FOUND = {"events": "reported", "actors": "named", "agreements": "named", "documents": "with findings",
          "agreement_links": "stated"}


def headline(table: str, row: dict[str, Any]) -> Text:
    """The first line of an explanation: the row's id and what it is."""
    if table == "events":
        date_text = f"{cell(row.get('date'))} ({row['date_precision']})" if cell(row.get("date")) else "no date"
        return Text.assemble((row["event_id"], "bold"), "  ", (row["type"], "bold cyan"),
                             f" [{row.get('plover') or '-'}]  {date_text}")
    if table == "actors":
        return Text.assemble((row["actor_id"], "bold"), "  ", (row["name"], "bold cyan"), f"  {row['type']}")
    if table == "agreements":
        return Text.assemble((row["agreement_id"], "bold"), "  ", (row["name"], "bold cyan"))
    if table == "documents":
        return Text.assemble((row["doc_id"], "bold"), "  ", (row["source"], "bold cyan"))
    if table == "agreement_links":
        return Text.assemble((row["link_id"], "bold"), "  ", (row["relation"], "bold cyan"))
    offset = row["trigger_start"] if table == "event_mentions" else row["start_char"]
    said = row["trigger"] if table == "event_mentions" else row["text"]
    return Text.assemble((f"{row['doc_id']}:{offset}", "bold"), "  ", (said, "bold cyan"), f"  ({table} row)")


def print_explanation(table: str, row: dict[str, Any], evidence: Any, stream: IO[str] | None = None) -> None:
    """A row of any table and every sentence behind it, grouped by document, with the words that carry the
    row (a trigger, a mention, a date) highlighted on a terminal."""
    out = console(stream)
    styled = out.is_terminal
    out.print(headline(table, row), soft_wrap=not styled)
    for label in DETAILS.get(table, []):
        value = cell(row.get(label), None)
        if value:
            out.print(Text.assemble((f"{label}: ", "dim"), value), soft_wrap=not styled)
    n_docs = evidence["doc_id"].nunique()
    out.print(f"{_FOUND.get(table, 'found')} in {len(evidence)} sentence{'s' * (len(evidence) != 1)} "
              f"in {n_docs} document{'s' * (n_docs != 1)}", soft_wrap=not styled)
    for _, sentences in evidence.groupby("source", sort=True):
        first = sentences.iloc[0]
        header = Text.assemble("\n", (first["source"], "bold"), (f"  doc {first['doc_id']}", "dim"))
        if cell(first["published"]):
            header.append(f"  published {cell(first['published'])}")
        if first["doc_status"] != "ok":
            header.append(f"  ({first['doc_status']})", "yellow")
        out.print(header, soft_wrap=not styled)
        for sentence_row in sentences.itertuples(index=False):
            sentence = Text(sentence_row.sentence.replace("\n", " ").replace("\t", " ").rstrip())
            for start, end in sentence_row.marks:
                sentence.stylize("bold reverse", start, end)
            line = Text.assemble((f"{sentence_row.start_char}-{sentence_row.end_char}  ", "dim"), sentence)
            if styled:
                out.print(Padding(line, (0, 0, 0, 2)))
            else:
                out.print(Text("  ") + line, soft_wrap=True)


class RunProgress:
    """How `extract run` goes (an `extract.pipeline.RunProgress`): on a terminal, a bar of the documents the
    NLP has done, with their rate and the time left; elsewhere it only counts. `cached` is the number of
    documents whose results this run has cached (whole batches): what a stopped run keeps."""

    def __init__(self, bar: Progress | None = None) -> None:
        self.bar = bar
        self.task = bar.add_task("reading the input", total=None) if bar is not None else None
        self.total: int | None = None
        self.cached = 0
        self._in_batch = 0  # documents done in the batch at hand

    def planned(self, n_documents: int) -> None:
        self.total = n_documents
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, started=monotonic())
        self._show("analysing" if n_documents else "writing the tables")

    def document_done(self) -> None:
        self._in_batch += 1
        self._show()

    def batch_done(self, n_documents: int) -> None:
        self.cached += n_documents
        self._in_batch = 0  # the batch's count is now exact (a document tried twice is counted once)
        self._show("writing the tables" if self.total is not None and self.cached >= self.total else None)

    def _show(self, description: str | None = None) -> None:
        if self.bar is None or self.task is None:
            return
        done = self.cached + self._in_batch
        if self.total is not None:
            done = min(done, self.total)
        self.bar.update(self.task, completed=done, total=self.total,
                        **({"description": description} if description else {}))


class _RateAndTimeLeft(ProgressColumn):
    """Documents per second since the NLP began, and the time left at that rate. (spaCy parses a few
    documents together, then hands them over one by one: rich's own speed, taken over the last updates,
    would jump from nothing to hundreds per second.)"""

    def render(self, task: Task) -> Text:
        started = task.fields.get("started")
        if started is None or not task.completed or task.total is None:
            return Text("")
        rate = task.completed / max(monotonic() - started, 1e-6)
        left = (task.total - task.completed) / rate
        return Text(f"{rate:.1f} documents/s, {_duration(left)} left", style="progress.remaining")


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


@contextmanager
def progress(enabled: bool = True) -> Iterator[RunProgress]:
    """The progress of a run: a bar on stderr when `enabled` and stderr is a terminal (the stage, documents
    done of those the NLP reads, time elapsed, documents per second and time left), else a silent count.
    Log lines written meanwhile print above the bar instead of through it."""
    if not (enabled and on_terminal(sys.stderr)):
        yield RunProgress()
        return
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("documents"), TimeElapsedColumn(), _RateAndTimeLeft(),
                   console=Console(file=sys.stderr), transient=True)
    with bar:
        with _logging_through(sys.stderr):  # sys.stderr is the bar's proxy while it runs
            yield RunProgress(bar)


@contextmanager
def _logging_through(proxy: IO[str]) -> Iterator[None]:
    original = getattr(proxy, "rich_proxied_file", None)
    handlers = [h for h in logging.getLogger().handlers
                if original is not None and isinstance(h, logging.StreamHandler) and h.stream is original]
    for handler in handlers:
        handler.setStream(proxy)
    try:
        yield
    finally:
        for handler in handlers:
            handler.setStream(original)
