"""The table specs are the one definition of each output table: every column they name exists, and every
table is built, sorted and explained from them."""
from __future__ import annotations

from extract.tables import SPECS, build_tables
from extract.tables.spec import Sentence, Via


def test_every_column_a_spec_names_is_one_of_its_columns():
    names = {s.name: set(s.schema.names) for s in SPECS}
    for s in SPECS:
        assert set(s.order) <= names[s.name], s.name
        assert s.id_column is None or s.id_column in names[s.name], s.name
        assert s.offset_column is None or s.offset_column in names[s.name], s.name
        if isinstance(s.evidence, Via):
            assert s.evidence.key in names[s.evidence.table] and s.evidence.key in names[s.name], s.name
        if isinstance(s.evidence, Sentence):
            wanted = {s.evidence.start, s.evidence.end, s.evidence.mark_start, "doc_id"}
            wanted |= {c for c in (s.evidence.mark_end, s.evidence.mark_text) if c}
            assert wanted <= names[s.name], s.name
        assert all((f.metadata or {}).get(b"description") for f in s.schema), s.name


def test_no_records_give_every_table_empty_with_its_columns():
    tables = build_tables([], "test")
    assert list(tables) == [s.name for s in SPECS]
    for s in SPECS:
        assert tables[s.name].num_rows == 0 and tables[s.name].schema.equals(s.schema, check_metadata=True)


def test_rows_come_out_in_the_order_of_the_spec(analyze_text):
    first = analyze_text("Kenya and Uganda signed a fisheries pact in Entebbe on 3 March 2021.")
    second = analyze_text("Ghana and Togo held talks in Lome on Monday on a border treaty.")
    tables = build_tables([second, first], "test")
    for s in SPECS:
        rows = tables[s.name].select(list(s.order)).to_pylist()
        keys = [tuple(row[c] for c in s.order) for row in rows]
        assert keys == sorted(keys), s.name
