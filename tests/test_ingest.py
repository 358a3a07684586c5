"""Ingest: decoding, furniture, headings, publication dates, sidecars, feeds, duplicates."""
from __future__ import annotations

import json
from datetime import date

import pytest

from extract.ingest import build_document, ingest, mask_text
from extract.ingest.decode import NotText, decode
from extract.ingest.published import find_published
from extract.ingest.segments import segment
from extract.ingest.sources import RawItem

ARTICLE = (
    "Pacific nations agree fisheries accord\n"
    "Advertisement\n"
    "The governments of Fiji and Tonga signed a fisheries accord on Tuesday, officials said in Suva.\n"
    "Share this article\n"
    "The accord sets catch limits for tuna and creates a joint patrol for the coming decade, and it is the "
    "first such arrangement between the two island states.\n"
)


def test_decode_utf8_with_bom():
    assert decode("\ufeffCafé".encode("utf-8")).text == "Café"


def test_decode_cp1252_curly_quotes():
    decoded = decode("“Quoted” – text".encode("cp1252"))
    assert decoded.text == "“Quoted” – text"
    assert decoded.encoding == "cp1252"


def test_decode_repairs_mojibake():
    broken = "India’s position".encode("utf-8").decode("cp1252").encode("utf-8")
    assert decode(broken).text == "India’s position"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"abc\x00\x00\x00" * 100])
def test_decode_rejects_binary(data):
    with pytest.raises(NotText):
        decode(data)


def test_furniture_is_masked_with_same_offsets():
    segments = segment(ARTICLE)
    masked = mask_text(ARTICLE, segments)
    assert len(masked) == len(ARTICLE)
    assert "Advertisement" not in masked and "Share this" not in masked
    start = ARTICLE.index("Fiji")
    assert masked[start:start + 4] == "Fiji"


def test_name_list_at_the_end_is_furniture():
    text = "A long paragraph about a summit that ended with a joint statement on trade.\n" + "\n".join(
        ["Jane Roe", "Ahmed Khan", "Li Wei Zhang", "Maria Costa"])
    kinds = [s.kind for s in segment(text)]
    assert kinds[0] == "body" and kinds[1:] == ["boilerplate"] * 4


def test_heading_is_its_own_segment():
    kinds = [s.kind for s in segment(ARTICLE)]
    assert kinds[0] == "heading"


@pytest.mark.parametrize("header, expected", [
    ("Mon, Mar 04, 2024\nThe ministers met in Geneva.", date(2024, 3, 4)),
    ("Geneva,Mar.05,2024:The ministers met again.", date(2024, 3, 5)),
    ("Published: 6 March 2024 10:15 GMT\nThe ministers met.", date(2024, 3, 6)),
    ("On Monday, March 4, 2024, the ministers met in Geneva.", None),
    ("The ministers met in Geneva.", None),
])
def test_published_from_header(header, expected):
    assert find_published(header, segment(header)) == expected


def test_sidecar_date_wins_and_invalid_sidecar_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Geneva, Mar. 05, 2024: The ministers met again in a long session.")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2024-03-01", "title": "T"}))
    (tmp_path / "b.txt").write_text("The ministers met once more for another long session of talks.")
    (tmp_path / "b.json").write_text(json.dumps({"published": "not a date"}))
    docs = {d.source: d for d in ingest(tmp_path)}
    assert docs["a.txt"].published == date(2024, 3, 1) and docs["a.txt"].published_from == "sidecar"
    assert docs["a.txt"].title == "T"
    assert docs["b.txt"].status == "ok" and docs["b.txt"].published is None
    assert "not a date" in docs["b.txt"].reason


def test_jsonl_bad_line_is_rejected_others_kept(tmp_path):
    lines = [json.dumps({"id": "x1", "text": "Ministers from Chile and Peru met in Lima on trade.", "published": "2024-01-02"}),
             "{not json",
             json.dumps({"id": "x2", "text": "Kenya and Uganda signed a pipeline deal in Kampala."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    docs = ingest(tmp_path)
    assert [d.status for d in docs] == ["ok", "rejected", "ok"]
    assert docs[0].source == "feed.jsonl#x1" and docs[0].published == date(2024, 1, 2)
    assert "not valid JSON" in docs[1].reason


def test_html_main_text_without_scripts(tmp_path):
    body = "<p>The foreign ministers of Norway and Iceland signed a fisheries agreement in Oslo on Monday.</p>" * 3
    html = (f"<html><head><title>Fish deal</title><script>var x = 'tracking';</script></head><body>"
            f"<nav>Home | World | Sport</nav><article>{body}</article><footer>Contact us</footer></body></html>")
    (tmp_path / "page.html").write_text(html)
    doc = ingest(tmp_path)[0]
    assert doc.status == "ok"
    assert "Norway and Iceland" in doc.text and "tracking" not in doc.text


def test_empty_and_unsupported_inputs_are_rejected_with_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n\n")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    docs = {d.source: d for d in ingest(tmp_path)}
    assert docs["empty.txt"].status == "rejected" and docs["empty.txt"].reason == "empty document"
    assert docs["slides.pdf"].status == "rejected" and "unsupported file type" in docs["slides.pdf"].reason


def test_exact_and_near_duplicates_are_linked(tmp_path):
    long_text = " ".join(f"Sentence number {i} tells of talks between delegations from Peru and Chile." for i in range(40))
    (tmp_path / "a.txt").write_text(long_text)
    (tmp_path / "b.txt").write_text(long_text)
    (tmp_path / "c.txt").write_text(long_text[: len(long_text) // 2] + " Subscribe now.")
    docs = {d.source: d for d in ingest(tmp_path)}
    assert docs["a.txt"].status == "ok"
    assert docs["b.txt"].status == "duplicate" and docs["b.txt"].duplicate_of == docs["a.txt"].doc_id
    assert docs["c.txt"].status == "duplicate" and docs["c.txt"].duplicate_of == docs["a.txt"].doc_id
    assert docs["c.txt"].needs_nlp and not docs["b.txt"].needs_nlp


def test_doc_id_ignores_whitespace_changes():
    a = build_document(RawItem("a.txt", "text", b"Two  states\nsigned a treaty in Rome on Monday after long talks."))
    b = build_document(RawItem("b.txt", "text", b"Two states signed a treaty in Rome on Monday after long talks.\n"))
    assert a.doc_id == b.doc_id


def test_non_english_text_is_rejected():
    text = ("Le gouvernement français a signé hier un accord de coopération militaire avec le Japon. "
            "Les deux pays organiseront des exercices conjoints dans le Pacifique l'année prochaine, "
            "selon le ministère des Armées, qui a salué une étape historique pour la défense européenne.")
    doc = build_document(RawItem("fr.txt", "text", text.encode()))
    assert doc.status == "rejected" and doc.language == "fr"
