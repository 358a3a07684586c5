"""Time expressions of a parsed document, split into range endpoints and normalized against the
publication date with the tense of their clause."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.normalize.timex import Timex, normalize_date
from extract.records import DateMention, Document, Span

# "2025-2035", "January-April 2024", "from 2010 to 2015", "between May and July"
_RANGE = re.compile(r"^(?P<a>.+?)\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\band\b)\s*(?P<b>.+)$")
_RANGE_PREFIX = re.compile(r"^(?:from|between)\s+", re.I)
_PLANNED = {"will", "shall", "'ll", "going"}


def extract_dates(doc: Doc, document: Document) -> list[DateMention]:
    """Normalized date mentions, in text order; expressions that are not readable as time are dropped."""
    out: list[DateMention] = []
    for span in doc.spans.get("timex", []):
        tense = clause_tense(span.root)
        sent = span.sent
        for start, end, reading in _pieces(span):
            text = doc.text[start:end]
            timex = normalize_date(reading, document.published, tense)
            if timex is None:
                continue
            out.append(_mention(Span(start, end, sent.start_char, sent.end_char), text, timex))
    return out


def _pieces(span: SpacySpan) -> list[tuple[int, int, str]]:
    """(start, end, text to normalize) of the span, or of the two ends of a range when the second end reads
    as a date; a first end without a year takes the second end's ("January-April 2024")."""
    text = span.text
    bare = _RANGE_PREFIX.sub("", text)
    m = _RANGE.match(bare)
    b_value = normalize_date(m["b"]) if m else None
    if m and b_value is not None and b_value.type == "DATE" and b_value.start is not None:
        offset = span.start_char + len(text) - len(bare)
        a = (offset + m.start("a"), offset + m.end("a"))
        b = (offset + m.start("b"), offset + m.end("b"), m["b"])
        a_value = normalize_date(m["a"])
        if a_value is not None and a_value.type == "DATE" and a_value.start is not None:
            return [(*a, m["a"]), b]
        with_year = f"{m['a']} {b_value.start.year}"
        if normalize_date(with_year) is not None:
            return [(*a, with_year), b]
    return [(span.start_char, span.end_char, text)]


def clause_tense(token: Token) -> str | None:
    """past / present / future of the verb that governs a token (for "Friday", "March", "summer")."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] + ([verb] if verb.pos_ == "AUX" else [])
    if any(a.lower_ in _PLANNED or a.tag_ == "MD" and a.lower_ in ("will", "shall") for a in auxes):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    return "present"


def _mention(span: Span, text: str, timex: Timex) -> DateMention:
    return DateMention(span=span, text=text, type=timex.type, value=timex.value, start=timex.start,
                       end=timex.end, precision=timex.precision, mod=timex.mod, anchored=timex.anchored)
