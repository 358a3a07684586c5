"""The data dictionary `docs/tables.md`, generated from the table specs in `extract.tables` (the one definition).

    python -m extract.docs            # rewrite docs/tables.md
    python -m extract.docs --check    # exit 1 if docs/tables.md differs from the schema (the tests run this)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.explore import type_name
from extract.tables import TABLES

DEFAULT_PATH = Path("docs/tables.md")

INTRO = """\
# Output tables

<!-- Generated from the table specs in src/extract/tables/ by `python -m extract.docs`: edit the descriptions there, not here. -->

A run writes one Parquet file per table, `OUTPUT/<table>.parquet`; every column carries its description below
in the Parquet field metadata. Open them with `extract.load("output/")` (pandas), `extract.connect("output/")`
(DuckDB, one view per table), `extract show TABLE`, or any Parquet reader.

Rows point back to their sentence: character offsets (`start_char`, `end_char`, `sentence_start`,
`sentence_end`, `trigger_start`) index `documents.text` of the row's `doc_id`; `tables.evidence(row)` and
`extract explain ID` do it for you (any id, or `DOC_ID:OFFSET` for a mention, an event report or a date). Ids
link the tables: `actor_id` (actors), `agreement_id` (agreements), `event_id` (events), `doc_id` (documents).
"""


def render() -> str:
    """The whole of docs/tables.md."""
    parts = [INTRO.rstrip(), "| table | one row per |\n|---|---|"]
    parts[-1] += "".join(f"\n| [`{name}`](#{name}) | {_one_row_per(schema)} |" for name, schema in TABLES.items())
    for name, schema in TABLES.items():
        rows = "".join(f"\n| `{f.name}` | {type_name(f.type)} | {_cell(_description(f.metadata))} |" for f in schema)
        parts.append(f"## {name}\n\n{_description(schema.metadata)}\n\n| column | type | description |\n|---|---|---|{rows}")
    return "\n\n".join(parts) + "\n"


def _description(metadata: dict[bytes, bytes] | None) -> str:
    return (metadata or {}).get(b"description", b"").decode()


def _one_row_per(schema) -> str:
    text = _description(schema.metadata).rstrip(".")
    return _cell(text.removeprefix("One row per "))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extract.docs", description="Write the data dictionary from the schema.")
    p.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help=f"where to write it (default: {DEFAULT_PATH})")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is out of date")
    args = p.parse_args(argv)
    text = render()
    if args.check:
        current = args.path.read_text(encoding="utf-8") if args.path.exists() else None
        if current != text:
            print(f"{args.path} is out of date: run `python -m extract.docs`", file=sys.stderr)
            return 1
        return 0
    args.path.parent.mkdir(parents=True, exist_ok=True)
    args.path.write_text(text, encoding="utf-8")
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
