"""The output tables, each declared once by its spec (`extract.tables.spec.TableSpec`): columns with their
descriptions, how its rows are built, their order, id column and evidence. The descriptions travel with the
data (Parquet field metadata): `pyarrow.parquet.read_schema(path).field(name).metadata`.

    build_tables(results, version)   every table, from the records of every document of the output
    SPECS, TABLES                    the specs in output order; each table's Arrow schema by name
"""
from __future__ import annotations

from datetime import datetime

import pyarrow as pa
import pyarrow.compute as pc

from extract.records import DocResult
from extract.tables.actors import ACTORS
from extract.tables.agreements import AGREEMENT_LINKS, AGREEMENTS
from extract.tables.dates import DATES
from extract.tables.documents import DOCUMENTS
from extract.tables.events import EVENT_MENTIONS, EVENTS
from extract.tables.mentions import MENTIONS
from extract.tables.spec import TableSpec

SPECS: tuple[TableSpec, ...] = (DOCUMENTS, MENTIONS, ACTORS, AGREEMENTS, EVENTS, EVENT_MENTIONS, DATES,
                                AGREEMENT_LINKS)
BY_NAME: dict[str, TableSpec] = {s.name: s for s in SPECS}
TABLES: dict[str, pa.Schema] = {s.name: s.schema for s in SPECS}


def spec(name: str) -> TableSpec:
    """The spec of table `name`; KeyError naming the tables there are."""
    if name not in BY_NAME:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(BY_NAME)}")
    return BY_NAME[name]


def build_tables(results: list[DocResult], pipeline_version: str,
                 processed_at: dict[str, datetime] | None = None) -> dict[str, pa.Table]:
    """Every table from the records of every document of the output (not just this run's), each sorted by its
    spec's order: the same input always gives the same tables."""
    from extract.tables.resolution import Resolution  # the resolver, only when tables are built (not read)

    resolved = Resolution(results, pipeline_version, processed_at)
    return {s.name: _sorted(s, s.rows(resolved)) for s in SPECS}


def _sorted(table_spec: TableSpec, rows: pa.Table | list[dict]) -> pa.Table:
    table = rows if isinstance(rows, pa.Table) else table_spec.to_table(rows)
    return table.take(pc.sort_indices(table, sort_keys=[(c, "ascending") for c in table_spec.order]))


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts keyed by column) as an Arrow table with the table's schema; extra keys are ignored."""
    return spec(name).to_table(rows)


def empty_table(name: str) -> pa.Table:
    """A table with no rows and its full schema, so consumers can rely on the columns."""
    return spec(name).schema.empty_table()
