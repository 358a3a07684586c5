"""docs/tables.md is generated from the schema and must not drift from it."""
from __future__ import annotations

from extract import docs
from extract.tables import TABLES

from .conftest import ROOT

TABLES_MD = ROOT / "docs" / "tables.md"


def test_tables_md_matches_the_schema():
    assert TABLES_MD.read_text(encoding="utf-8") == docs.render(), \
        "docs/tables.md is out of date: run `.venv/bin/python -m extract.docs`"


def test_tables_md_lists_every_column_of_every_table():
    text = docs.render()
    for name, schema in TABLES.items():
        assert f"\n## {name}\n" in text
        for field in schema:
            assert f"| `{field.name}` |" in text, (name, field.name)


def test_check_fails_on_a_stale_file_and_passes_once_rewritten(tmp_path, capsys):
    target = tmp_path / "tables.md"
    target.write_text(docs.render().replace("Canonical name", "Old name"), encoding="utf-8")
    assert docs.main(["--check", str(target)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert docs.main([str(target)]) == 0
    assert docs.main(["--check", str(target)]) == 0


def test_every_column_has_a_description():
    for name, schema in TABLES.items():
        assert schema.metadata.get(b"description"), name
        for field in schema:
            assert len((field.metadata or {}).get(b"description", b"")) > 10, (name, field.name)
