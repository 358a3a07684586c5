"""What a table spec says: the table's columns with their descriptions, how its rows are built, their order,
the id column, and where each row's evidence (the sentence that supports it) is found.

Every consumer loops over the specs (`extract.tables.SPECS`): the builder of the tables, the store, the
notebook API (`extract.load`, `evidence`), DuckDB views, the command line, the run summary and
`docs/tables.md`. Adding a table is one spec and the code that produces its records.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:  # the tables are read (explore, the command line) without the resolver being imported
    from extract.tables.resolution import Resolution

STR = pa.string()
INT = pa.int32()
FLOAT = pa.float32()
DATE = pa.date32()
TS = pa.timestamp("us", tz="UTC")
LIST = pa.list_(pa.string())


def column(name: str, type_: pa.DataType, description: str) -> pa.Field:
    """A column with its description (it travels with the data, in the Parquet field metadata)."""
    return pa.field(name, type_, metadata={"description": description})


@dataclass(frozen=True)
class Via:
    """The evidence of a real-world thing: the rows of another table that point to it (`table`.`key`)."""

    table: str
    key: str


@dataclass(frozen=True)
class Sentence:
    """The evidence of a row is one sentence of its document (`start`, `end` columns), with the words that
    carry the row marked: `mark_start` to `mark_end`, or `mark_start` plus the length of column `mark_text`."""

    start: str
    end: str
    mark_start: str
    mark_end: str | None = None
    mark_text: str | None = None


@dataclass(frozen=True)
class WholeDocument:
    """The evidence of a document: every sentence of it where another table found something."""


Evidence = Via | Sentence | WholeDocument


@dataclass(frozen=True)
class TableSpec:
    """One output table.

    name, description: the table's name and what one row is ("One row per ...").
    columns: its columns, in order, with their descriptions.
    rows: how its rows are built from the resolved records: an Arrow table, or rows as dicts.
    order: the columns its rows are sorted by (ties keep the order the rows were built in).
    id_column: the column that identifies a row (looked up by `extract explain ID`), if any.
    id_prefix: how every id of the table starts ("evt_"), so an id tells its table.
    evidence: where a row's supporting sentence is.
    offset_column: for rows that are a place in a document, the column of their offset (`DOC_ID:OFFSET`).
    in_summary: counted in the one-line summary of a run.
    """

    name: str
    description: str
    columns: tuple[pa.Field, ...]
    rows: Callable[[Resolution], pa.Table | list[dict[str, Any]]]
    order: tuple[str, ...]
    id_column: str | None = None
    id_prefix: str | None = None
    evidence: Evidence | None = None
    offset_column: str | None = None
    in_summary: bool = False
    schema: pa.Schema = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        schema = pa.schema(list(self.columns), metadata={"table": self.name, "description": self.description})
        object.__setattr__(self, "schema", schema)

    def to_table(self, rows: list[dict[str, Any]]) -> pa.Table:
        """Rows (dicts keyed by column) as an Arrow table with this table's schema; extra keys are ignored."""
        return pa.Table.from_pydict({f.name: [row.get(f.name) for row in rows] for f in self.schema},
                                    schema=self.schema)


class Columns:
    """Rows gathered column by column: the long tables (mentions, dates) would take several times the memory
    as a dict per row."""

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema
        self.columns: dict[str, list] = {f.name: [] for f in schema}

    def add(self, **row: object) -> None:
        for name, values in self.columns.items():
            values.append(row.get(name))

    def table(self) -> pa.Table:
        return pa.Table.from_pydict(self.columns, schema=self.schema)
