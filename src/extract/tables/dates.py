"""The `dates` table: every time expression, normalized to TIMEX3."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from extract.tables.spec import DATE, INT, STR, Columns, Sentence, TableSpec, column

if TYPE_CHECKING:
    from extract.tables.resolution import Resolution


def date_rows(r: Resolution) -> pa.Table:
    rows = Columns(DATES.schema)
    for result in r.results:
        for d in result.dates:
            rows.add(
                doc_id=result.document.doc_id, start_char=d.span.start, end_char=d.span.end, text=d.text,
                type=d.type, value=d.value, mod=d.mod, start=d.start, end=d.end, precision=d.precision,
                sentence_start=d.span.sent_start, sentence_end=d.span.sent_end,
            )
    return rows.table()


DATES = TableSpec(
    "dates", "One row per time expression, normalized to TIMEX3.",
    (
        column("doc_id", STR, "Document the expression is in."),
        column("start_char", INT, "Offset of the first character in documents.text."),
        column("end_char", INT, "Offset one past the last character."),
        column("text", STR, "The expression as written."),
        column("type", STR, "DATE, TIME, DURATION or SET."),
        column("value", STR, "TIMEX3 value (2019-06-03, 2019-06, 2019-W23, 2019-SU, 200, P10Y, PRESENT_REF...); "
               "null if unresolvable."),
        column("mod", STR, "TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER..."),
        column("start", DATE, "First day of the period the expression denotes."),
        column("end", DATE, "Last day of that period."),
        column("precision", STR, "day, week, month, season, quarter, year, decade or century."),
        column("sentence_start", INT, "Offset in documents.text where the sentence that contains the expression "
               "starts."),
        column("sentence_end", INT, "Offset one past the end of that sentence."),
    ),
    rows=date_rows, order=("doc_id", "start_char", "end_char", "type"),
    evidence=Sentence("sentence_start", "sentence_end", mark_start="start_char", mark_end="end_char"),
    offset_column="start_char", in_summary=True,
)
