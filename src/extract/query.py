"""The rows of one table that meet a SQL condition, in the order of some columns: `extract show --where --sort`.

The condition is the user's SQL, run by DuckDB over the tables of the output folder. It can reach nothing
else: the tables are handed to DuckDB as Arrow datasets (views it reads but cannot change), DuckDB's access
to files, extensions and settings is switched off (and locked) before the query runs, and the query must stay
one SELECT (a `;` cannot smuggle in a second statement).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.explore import TABLE_NAMES, columns_of, table_path


class BadQuery(ValueError):
    """A condition or a sort column that cannot be used; the message says why, on one line."""


def select_rows(output: Path | str, table: str, columns: list[str], where: str | None = None,
                sort: list[str] | None = None, limit: int = 0) -> tuple[list[dict[str, Any]], int]:
    """The first `limit` rows (0: all) of `table` that meet `where`, ordered by `sort` (column names; COLUMN:desc
    or -COLUMN for descending), as dicts of `columns`; and how many rows meet `where` in all."""
    import duckdb

    path = table_path(output, table)
    if path is None:
        raise FileNotFoundError(f"no {table} table in {output}")
    order = [_sort_key(key, columns_of(path)) for key in sort or []]
    condition = f" WHERE ({where})" if where and where.strip() else ""
    select = ", ".join(_quoted(c) for c in columns)
    query = f"SELECT {select} FROM {table}{condition}" + (f" ORDER BY {', '.join(order)}" if order else "")
    db = _database(output)
    try:
        statements = duckdb.extract_statements(query)
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise BadQuery(f"--where must be one condition on the columns of {table}, not several statements")
        total = db.execute(f"SELECT count(*) FROM {table}{condition}").fetchall()[0][0]
        result = db.execute(query + (f" LIMIT {int(limit)}" if limit else ""))
        names = [column[0] for column in result.description]
        return [dict(zip(names, values)) for values in result.fetchall()], total
    except duckdb.Error as exc:
        raise BadQuery(f"--where {where!r}: {_first_line(exc)}") from None
    finally:
        db.close()


def _database(output: Path | str) -> Any:
    """An in-memory DuckDB that sees the tables of `output` and nothing else."""
    import duckdb
    import pyarrow.dataset as ds

    db = duckdb.connect(":memory:")
    for name in TABLE_NAMES:
        path = table_path(output, name)
        if path is not None:
            db.register(name, ds.dataset(path, format="parquet"))
    db.execute("SET enable_external_access = false")
    db.execute("SET lock_configuration = true")
    return db


def _sort_key(key: str, available: list[str]) -> str:
    key = key.strip()
    descending = key.startswith("-") or key.lower().endswith(":desc")
    column = key.removeprefix("-").removesuffix(":desc").removesuffix(":DESC").removesuffix(":asc").strip()
    if column not in available:
        raise BadQuery(f"--sort: no column {column!r}; columns: {', '.join(available)}")
    return f"{_quoted(column)} {'DESC' if descending else 'ASC'} NULLS LAST"


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
