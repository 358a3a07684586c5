"""Per-document results survive the trip to Parquet and back unchanged (the cache relies on it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.arrow_records import arrow_type, from_arrow, record_fields, to_arrow
from extract.records import DateMention, DocResult, DocStatus, Document, EventMention, Modality, Span

TEXT = ("Kenya and Uganda sign pipeline accord\n"
        "President Amina Odhiambo of Kenya signed the East African Crude Pipeline Agreement with Uganda in "
        "Kampala on March 3, 2021, and the two governments will meet again next month.\n")


def roundtrip(value, hint, tmp_path):
    """Through a real Parquet file, as the cache stores it."""
    table = pa.Table.from_pylist([{"v": to_arrow(value, hint)}], schema=pa.schema([("v", arrow_type(hint))]))
    pq.write_table(table, tmp_path / "t.parquet")
    return from_arrow(pq.read_table(tmp_path / "t.parquet").to_pylist()[0]["v"], hint)


def test_analysis_results_roundtrip(analyze_text, tmp_path):
    result = analyze_text(TEXT, published=date(2021, 3, 4))
    assert result.entities and result.dates and result.events
    for name, hint in record_fields(DocResult):
        if name != "document":
            value = getattr(result, name)
            assert roundtrip(value, hint, tmp_path) == value, name


def test_nested_optional_records_roundtrip(tmp_path):
    span = Span(1, 5, 0, 40)
    when = DateMention(span, "March 2021", "DATE", "2021-03", date(2021, 3, 1), date(2021, 3, 31), "month")
    event = EventMention(span, "SIGN", "signed", participants=["country:KEN"], date=when, confidence=0.75)
    bare = EventMention(span, "MEET", "met")
    assert roundtrip([event, bare], list[EventMention], tmp_path) == [event, bare]
    assert roundtrip([(0, 10), (11, 20)], list[tuple[int, int]], tmp_path) == [(0, 10), (11, 20)]
    assert roundtrip({"a": [1, 2]}, dict[str, list[int]], tmp_path) == {"a": [1, 2]}


def test_an_unsupported_field_type_is_a_clear_error():
    @dataclass
    class Odd:
        value: set[str]

    with pytest.raises(TypeError, match="no Arrow type"):
        arrow_type(Odd)


def test_a_closed_vocabulary_is_checked_when_a_record_is_built_and_round_trips():
    document = Document("d1", "a.txt", "text", status="rejected", reason="why")
    assert document.status is DocStatus.REJECTED
    assert from_arrow(to_arrow(document, Document), Document) == document
    with pytest.raises(ValueError):
        Document("d1", "a.txt", "text", status="done")
    with pytest.raises(ValueError):
        EventMention(Span(0, 1, 0, 1), "MEET", "met", modality="likely")
    assert EventMention(Span(0, 1, 0, 1), "MEET", "met", modality="planned").modality is Modality.PLANNED
