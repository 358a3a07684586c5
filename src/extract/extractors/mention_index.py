"""Which record mention each token of a parse belongs to: the bridge from the dependency parse (tokens) to
the records of a document (entity, date and agreement mentions, which only know their characters)."""
from __future__ import annotations

from typing import Iterable, TypeVar

from spacy.tokens import Doc

from extract.records import Span

M = TypeVar("M")


def tokens_of(doc: Doc, span: Span) -> range:
    """Indices of the tokens a record's span covers."""
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return range(s.start, s.end) if s is not None else range(0)


def by_token(doc: Doc, mentions: Iterable[M]) -> dict[int, M]:
    """Token index -> the first mention that covers the token."""
    out: dict[int, M] = {}
    for m in mentions:
        for i in tokens_of(doc, m.span):  # type: ignore[attr-defined]
            out.setdefault(i, m)
    return out
