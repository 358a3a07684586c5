"""Whether two output folders hold the same tables, row for row: the check that a refactoring changed no
behaviour.

    .venv/bin/python bench/same_tables.py OUTPUT_BEFORE OUTPUT_AFTER

Every table of the schema is compared whole (schema, row order and values), but for the two columns that
record when and by which code version a document was processed (`processed_at`, `pipeline_version`). Prints
one line per table and exits 1 when any differs, naming the first differing column and row.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow.parquet as pq

from extract.tables import TABLES

RUN_COLUMNS = ("processed_at", "pipeline_version")  # differ from run to run by design


def differences(before: Path, after: Path) -> dict[str, str | None]:
    """Per table: None when the same, else what differs first."""
    out: dict[str, str | None] = {}
    for name in TABLES:
        paths = [folder / f"{name}.parquet" for folder in (before, after)]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            out[name] = f"missing: {', '.join(missing)}"
            continue
        a, b = (pq.read_table(p) for p in paths)
        a, b = (t.drop([c for c in RUN_COLUMNS if c in t.column_names]) for t in (a, b))
        out[name] = _first_difference(a, b)
    return out


def _first_difference(a, b) -> str | None:
    if not a.schema.equals(b.schema, check_metadata=True):
        return f"schemas differ: {sorted(set(a.schema.names) ^ set(b.schema.names)) or 'types or metadata'}"
    if a.num_rows != b.num_rows:
        return f"{a.num_rows} rows before, {b.num_rows} after"
    for column in a.column_names:
        left, right = a.column(column).to_pylist(), b.column(column).to_pylist()
        for row, (x, y) in enumerate(zip(left, right)):
            if x != y and not (x != x and y != y):  # NaN equals NaN here
                return f"column {column}, row {row}: {x!r} before, {y!r} after"
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    args = p.parse_args(argv)
    found = differences(args.before, args.after)
    for name, difference in found.items():
        print(f"{name:16} {'same' if difference is None else 'DIFFERS: ' + difference}")
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
