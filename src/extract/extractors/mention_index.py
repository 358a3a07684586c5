"""Which record mention each token of a parse belongs to: the bridge from the dependency parse (tokens) to
the records of a document (entity, date and agreement mentions, which only know their characters)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable, TypeVar
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from extract.records import Span

M = TypeVar("M")


def tokens_of(doc: Doc, span: Span) -> range:
    """Indices of the tokens a record's span covers (any token it overlaps, as `Doc.char_span` with
    alignment_mode="expand" gives them, without making a Span: extractors ask for thousands per document)."""
    starts, ends = _token_offsets(doc)
    return range(bisect_right(ends, span.start), bisect_left(starts, span.end))


_OFFSETS: WeakKeyDictionary[Doc, tuple[list[int], list[int]]] = WeakKeyDictionary()


def _token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character of every token of the document (computed once per parse)."""
    found = _OFFSETS.get(doc)
    if found is None or len(found[0]) != len(doc):
        offsets = doc.to_array([IDX, LENGTH])  # one pass in C; a Token object per word costs far more
        found = (offsets[:, 0].tolist(), (offsets[:, 0] + offsets[:, 1]).tolist())
        _OFFSETS[doc] = found
    return found


def by_token(doc: Doc, mentions: Iterable[M]) -> dict[int, M]:
    """Token index -> the first mention that covers the token."""
    out: dict[int, M] = {}
    for m in mentions:
        for i in tokens_of(doc, m.span):  # type: ignore[attr-defined]
            out.setdefault(i, m)
    return out
