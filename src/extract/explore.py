"""Open a run's tables for analysis, and get from any row back to the sentence that supports it.

    import extract
    tables = extract.load("output/")        # pandas DataFrames: tables.events, tables["actors"], ...
    tables.describe("events")               # what every column means
    tables.evidence(tables.events.iloc[0])  # the sentences behind a row
    db = extract.connect("output/")         # DuckDB, one view per table
    db.sql("SELECT type, count(*) FROM events GROUP BY type").df()

In the DataFrames, date columns are `datetime64` (so `.dt`, comparisons with "2021-01-31" and plotting work),
list columns hold Python lists (never null: an empty list means none), and timestamps stay in UTC.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract.store import table_file
from extract.tables import BY_NAME, SPECS, TABLES
from extract.tables.spec import Sentence, Via, WholeDocument

if TYPE_CHECKING:  # pandas and duckdb are imported when first used, so `import extract` stays light
    import duckdb
    import pandas as pd

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
# Tables whose rows are a place in a document (doc_id and an offset: the column) and what was found there.
PLACE_TABLES = {s.name: s.offset_column for s in SPECS if s.offset_column}
EVIDENCE_COLUMNS = ["doc_id", "source", "published", "doc_status", "start_char", "end_char", "sentence",
                    "marks", "marked"]


class TablesNotFound(FileNotFoundError):
    """The output folder has no tables (or lacks some that were asked for)."""


class IdNotFound(KeyError):
    """No row has the id that was asked for."""

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0])


def table_path(output: Path | str, name: str) -> Path | None:
    """The Parquet file or folder dataset of table `name` under `output`, or None if there is none."""
    for candidate in (table_file(output, name), Path(output) / name):
        if candidate.exists():
            return candidate
    return None


def read_arrow(output: Path | str, name: str, columns: list[str] | None = None) -> pa.Table:
    """One table as Arrow (a file or a folder of Parquet files)."""
    path = table_path(output, name)
    if path is None:
        raise TablesNotFound(f"no {name} table in {output}")
    return pq.read_table(path, columns=columns)


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow to pandas the way an analyst expects: dates as datetime64, lists as Python lists."""
    frame = table.to_pandas(date_as_object=False)
    for field in table.schema:
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            frame[field.name] = [list(v) if v is not None else [] for v in frame[field.name]]
    return frame


def describe(name: str) -> pd.DataFrame:
    """The data dictionary of one table: column, type and description (from its spec in `extract.tables`)."""
    import pandas as pd

    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(TABLE_NAMES)}")
    return pd.DataFrame(
        [(f.name, type_name(f.type), (f.metadata or {}).get(b"description", b"").decode()) for f in TABLES[name]],
        columns=["column", "type", "description"],
    )


def type_name(type_: pa.DataType) -> str:
    """A reader's name for an Arrow type: string, int32, float32, date, timestamp (UTC), list<string>."""
    if pa.types.is_date(type_):
        return "date"
    if pa.types.is_timestamp(type_):
        return f"timestamp ({type_.tz})" if type_.tz else "timestamp"
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        return f"list<{type_name(type_.value_type)}>"
    if pa.types.is_floating(type_):
        return f"float{type_.bit_width}"
    return str(type_)


class Tables(Mapping[str, "pd.DataFrame"]):
    """The tables of one output folder as pandas DataFrames, read on first use.

    Use `tables.events` or `tables["events"]`; `describe(name)` explains the columns, `evidence(row)` gives the
    sentences behind a row of any table.
    """

    def __init__(self, output: Path | str, names: Iterable[str] = TABLE_NAMES):
        self.output = Path(output)
        self._paths = {name: table_path(self.output, name) for name in names}
        unknown = [n for n in self._paths if n not in TABLES]
        if unknown:
            raise KeyError(f"unknown table {unknown[0]!r}; tables: {', '.join(TABLE_NAMES)}")
        missing = [n for n, p in self._paths.items() if p is None]
        if len(missing) == len(self._paths):
            raise TablesNotFound(f"no tables in {self.output} (run `extract run INPUT --output {self.output}` first)")
        if missing:
            raise TablesNotFound(f"{self.output} has no {', '.join(missing)} table")
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._paths:
            raise KeyError(f"no table {name!r}; tables: {', '.join(self._paths)}")
        if name not in self._frames:
            self._frames[name] = to_pandas(pq.read_table(self._paths[name]))
        return self._frames[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self._paths:
            raise AttributeError(name)
        return self[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._paths))

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name} ({count_rows(path)} rows)" for name, path in self._paths.items())
        return f"Tables({str(self.output)!r}: {sizes})"

    def describe(self, name: str) -> pd.DataFrame:
        """What every column of table `name` means."""
        return describe(name)

    def text(self, doc_id: str) -> str:
        """The text of a document, as stored: every character offset in the tables indexes it."""
        docs = self["documents"]
        found = docs.loc[docs["doc_id"] == doc_id, "text"]
        if found.empty:
            raise IdNotFound(f"no document {doc_id!r} in {self.output}")
        return found.iloc[0]

    def find(self, id_: str, among: Iterable[str] = tuple(s.name for s in SPECS if s.id_column)
             ) -> tuple[str, dict[str, Any]]:
        """The table and row of an id of any table that has one (an event, actor, agreement, document or
        agreement link); a unique prefix is enough."""
        among = [name for name in among if name in self._paths]
        for name in among:
            frame = self[name]
            id_column = BY_NAME[name].id_column
            ids = frame[id_column]
            hits = frame[ids == id_]
            if hits.empty:
                hits = frame[ids.str.startswith(id_, na=False)]
            if len(hits) > 1:
                raise IdNotFound(f"{id_!r} starts {len(hits)} ids in {name}: "
                                 + ", ".join(hits[id_column].head(5)) + ("..." if len(hits) > 5 else ""))
            if len(hits) == 1:
                return name, hits.iloc[0].to_dict()
        kinds = [name.removesuffix("s").replace("_", " ") for name in among]
        what = ", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
        raise IdNotFound(f"no {what} with id {id_!r} in {self.output}")

    def at(self, doc_id: str, offset: int) -> list[tuple[str, dict[str, Any]]]:
        """The rows of the place tables (mentions, event reports, dates) found at character `offset` of document
        `doc_id` (a unique prefix of it is enough): (table, row) pairs, maybe none."""
        _, document = self.find(doc_id, among=["documents"])
        found = []
        for name, column in PLACE_TABLES.items():
            if name in self._paths:
                frame = self[name]
                hits = frame[(frame["doc_id"] == document["doc_id"]) & (frame[column] == offset)]
                found += [(name, row) for row in hits.to_dict("records")]
        return found

    def evidence(self, row: Any, table: str | None = None) -> pd.DataFrame:
        """The sentences behind one row of any table (a row of a DataFrame, a dict, or an id string).

        One row per sentence, in document order: `doc_id`, `source`, `published`, `doc_status`, the sentence's
        `start_char`/`end_char` in documents.text, the `sentence` itself (cut from the document text), `marks`
        (start, end) of the words that carry the row, relative to the sentence (an entity mention, a date, an
        event trigger) and `marked` (those words). Events, actors and agreements give every sentence that
        reports or names them; a document, every sentence of it where something was found (mentions, event
        reports, dates).
        """
        import pandas as pd

        if isinstance(row, str):
            table, row = self.find(row)
        else:
            row = dict(row)
            table = table or self._table_of(row)
        spans = self._spans(table, row)
        texts = self["documents"].drop_duplicates("doc_id").set_index("doc_id")
        sentences: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
        for doc_id, start, end, mark_start, mark_end in spans:
            marks = sentences.setdefault((doc_id, int(start), int(end)), [])
            if mark_start is not None and (mark_start - start, mark_end - start) not in marks:
                marks.append((int(mark_start - start), int(mark_end - start)))
        rows = []
        for (doc_id, start, end), marks in sentences.items():
            doc = texts.loc[doc_id]
            sentence = doc["text"][start:end]
            rows.append({
                "doc_id": doc_id, "source": doc["source"], "published": doc["published"], "doc_status": doc["status"],
                "start_char": start, "end_char": end, "sentence": sentence, "marks": sorted(marks),
                "marked": [sentence[a:b] for a, b in sorted(marks)],
            })
        frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
        return frame.sort_values(["source", "start_char"], ignore_index=True) if rows else frame

    def _table_of(self, row: dict[str, Any]) -> str:
        keys = set(row)
        exact = [name for name, schema in TABLES.items() if set(schema.names) == keys]
        containing = [name for name, schema in TABLES.items() if keys <= set(schema.names)]
        found = exact or containing
        if len(found) != 1:
            raise ValueError("cannot tell which table the row comes from; say it: evidence(row, table='events')")
        return found[0]

    def _spans(self, table: str, row: dict[str, Any]) -> list[tuple[str, int, int, int | None, int | None]]:
        """(doc_id, sentence start, sentence end, mark start, mark end) of every sentence behind the row, where
        the table's spec says its evidence is."""
        evidence = BY_NAME[table].evidence
        if isinstance(evidence, Via):
            rows = self[evidence.table][self[evidence.table][evidence.key] == row[evidence.key]]
            return [s for r in rows.to_dict("records") for s in self._spans(evidence.table, r)]
        if isinstance(evidence, Sentence):
            mark_start = row.get(evidence.mark_start)
            if _missing(mark_start):
                mark_start = mark_end = None
            elif evidence.mark_end is not None:
                mark_end = row[evidence.mark_end]
            else:
                mark_end = mark_start + len(row[evidence.mark_text])
            return [(row["doc_id"], row[evidence.start], row[evidence.end], mark_start, mark_end)]
        if isinstance(evidence, WholeDocument):  # the sentences where the other tables found something
            found_in = [s.name for s in SPECS if isinstance(s.evidence, Sentence) and s.name in self._paths]
            return [span for name in found_in
                    for found in self[name][self[name]["doc_id"] == row["doc_id"]].to_dict("records")
                    for span in self._spans(name, found)]
        raise ValueError(f"rows of {table} have no sentence")


def _missing(value: Any) -> bool:
    return value is None or value != value  # NaN


def columns_of(path: Path) -> list[str]:
    """Column names of a Parquet file or folder, from its metadata."""
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet").schema.names


def count_rows(path: Path) -> int:
    """Rows of a Parquet file or folder, from its metadata (nothing is read)."""
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet").count_rows()


def highlight(sentence: str, marks: Iterable[tuple[int, int]], before: str = "**", after: str = "**",
              escape: Callable[[str], str] = str) -> str:
    """The sentence with each marked (start, end) span wrapped in `before`/`after` (Markdown bold by default);
    `escape` (e.g. `html.escape`) is applied to the text pieces, not to the markers."""
    out, position = [], 0
    for start, end in sorted(marks):
        if start < position:  # overlapping marks: keep the first
            continue
        out += [escape(sentence[position:start]), before, escape(sentence[start:end]), after]
        position = end
    out.append(escape(sentence[position:]))
    return "".join(out)


def load(output: Path | str = "output", tables: Iterable[str] | None = None) -> Tables:
    """The tables of an output folder as pandas DataFrames (read when first used)."""
    return Tables(output, TABLE_NAMES if tables is None else list(tables))


def connect(output: Path | str = "output", database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB database with one view per table of `output`, each column commented with its description.

        db = extract.connect("output/")
        db.sql("SELECT e.type, a.name FROM events e, unnest(e.participant_ids) p(actor_id) JOIN actors a USING (actor_id)")
    """
    import duckdb

    found = {name: table_path(output, name) for name in TABLE_NAMES}
    if not any(found.values()):
        raise TablesNotFound(f"no tables in {output} (run `extract run INPUT --output {output}` first)")
    db = duckdb.connect(database)
    for name, path in found.items():
        if path is None:
            continue
        path = path.resolve()  # the views keep working if the caller changes directory
        source = path / "**" / "*.parquet" if path.is_dir() else path
        db.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({_sql_string(source)})")
        schema = TABLES[name]
        db.execute(f"COMMENT ON VIEW {name} IS {_sql_string(schema.metadata[b'description'].decode())}")
        present = set(columns_of(path))
        for field in schema:
            if field.name in present:  # a table written by an older version may lack newer columns
                description = (field.metadata or {}).get(b"description", b"").decode()
                db.execute(f'COMMENT ON COLUMN {name}."{field.name}" IS {_sql_string(description)}')
    return db


def _sql_string(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"
