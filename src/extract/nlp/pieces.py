"""Texts of any length as one parsed document.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters), and its working memory grows with the words
of what it parses at once. A long text is therefore cut at paragraph boundaries (else at line breaks, else at
white space) into pieces of at most PIECE_CHARS characters, the pieces are parsed one at a time, and their
parses are joined into one Doc whose text is the whole text: offsets index the whole text, and since every
line starts a sentence, a cut at a line break cuts no sentence. Texts up to PIECE_CHARS, nearly every
article, take the usual path untouched.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extract.nlp.text import make_doc, set_doc_text

# Characters parsed at once: about 10,000 words, as many as a minibatch of ordinary articles holds.
PIECE_CHARS = 50_000
# Where a piece may end, best first: after a blank line, after a line break, after a sentence's last
# character and the spaces that follow it, after any white space.
_CUTS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?…][\"'”’)\]]*\s+"),
         re.compile(r"\s+"))


def cut_points(text: str, limit: int = PIECE_CHARS) -> list[int]:
    """Offsets where the pieces of a text start (the first is 0); every piece is at most `limit` characters
    unless a run of `limit` characters has no white space at all."""
    starts = [0]
    while len(text) - starts[-1] > limit:
        start = starts[-1]
        end = start + limit
        cut = next((c for pattern in _CUTS if (c := _last_cut(pattern, text, start + limit // 2, end))), end)
        starts.append(cut)
    return starts


def _last_cut(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of a pattern that ends within (lo, hi]: pieces stay at least half full."""
    last = None
    for m in pattern.finditer(text, lo, hi):
        last = m.end()
    return last


def parse(nlp: Language, texts: list[str]) -> Iterator[Doc]:
    """Parsed Docs of texts, in order: as `nlp.pipe` for ordinary texts, piece by piece for long ones."""
    if all(len(text) <= PIECE_CHARS for text in texts):
        yield from nlp.pipe([make_doc(nlp, text) for text in texts], batch_size=len(texts) or 1)
        return
    for text in texts:
        yield parse_long(nlp, text) if len(text) > PIECE_CHARS else nlp(make_doc(nlp, text))


def parse_long(nlp: Language, text: str, limit: int = PIECE_CHARS) -> Doc:
    """One Doc of a text of any length, its pieces parsed one at a time."""
    starts = cut_points(text, limit) + [len(text)]
    pieces = (make_doc(nlp, text[a:b]) for a, b in zip(starts, starts[1:]))
    parsed = list(nlp.pipe(pieces, batch_size=1))
    doc = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["user_data", "tensor"])
    set_doc_text(doc, text)
    return doc
