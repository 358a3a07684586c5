"""Line structure for spaCy: every line starts a sentence, no sentence runs on without end, and no entity
crosses a line break.

News text arrives with headings, bullets and captions on lines of their own; the parser would otherwise glue a
heading to the next paragraph and the NER would tag "Sabine\\nMark Travers" as one person. Scraped text also
holds runs of words with no full stop (a transcript, a list flattened into one line): read as one sentence of
thousands of words, such a run costs the parser and every rule that walks a sentence dearly, and becomes
evidence no one can read. Runs longer than MAX_SENTENCE_TOKENS are cut at a clause boundary (a comma, a
semicolon, a dash) near that length, else at a word.
"""
from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.nlp.text import doc_text

_NEWLINE = re.compile("\n")
# Longer than any sentence a reader follows (news sentences run 20 to 40 words; long legal ones about 100).
MAX_SENTENCE_TOKENS = 150
_SENTENCE_ENDS = {".", "!", "?", "…"}
_CLAUSE_ENDS = {",", ";", ":", "-", "–", "—"}


@Language.component("extract_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Force a sentence start after every token whose text or trailing space holds a newline (runs before
    the parser, which respects it), and inside lines too long to be one sentence. Only the tokens at the
    newlines, and the tokens of lines longer than MAX_SENTENCE_TOKENS, are visited."""
    newlines = [m.start() for m in _NEWLINE.finditer(doc_text(doc))]
    starts = [0]
    if newlines:
        holding = np.searchsorted(doc.to_array(IDX), newlines, side="right") - 1  # the token holding each newline
        starts += [i + 1 for i in sorted(set(holding.tolist())) if i + 1 < len(doc)]
        for i in starts[1:]:
            doc[i].is_sent_start = True
    for start, end in zip(starts, starts[1:] + [len(doc)]):
        if end - start > MAX_SENTENCE_TOKENS:
            _cap_sentences(doc, start, end)
    return doc


def _cap_sentences(doc: Doc, start: int, end: int) -> None:
    """Sentence starts in a line wherever MAX_SENTENCE_TOKENS tokens pass without a full stop: after the last
    clause boundary of the second half of that stretch, else after its last token."""
    run_start, clause = start, None
    for i in range(start, end):
        text = doc[i].text
        if text in _SENTENCE_ENDS:
            run_start, clause = i + 1, None
            continue
        if text in _CLAUSE_ENDS and i - run_start >= MAX_SENTENCE_TOKENS // 2:
            clause = i + 1
        if i + 1 - run_start >= MAX_SENTENCE_TOKENS and i + 1 < end:
            cut = clause if clause is not None and clause > run_start else i + 1
            doc[cut].is_sent_start = True
            run_start, clause = cut, None


@Language.component("extract_split_entities")
def split_entities(doc: Doc) -> Doc:
    """Cut entities at line breaks and trim whitespace/punctuation tokens at their edges."""
    ents = []
    for ent in doc.ents:
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or "\n" in doc[i].text:
                piece = _trim(doc, start, i)
                if piece:
                    ents.append(Span(doc, piece[0], piece[1], label=ent.label))
                start = i + 1
    doc.ents = ents
    return doc


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "“\"'‘("):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {"-", "–", "—", ":", ","}):
        end -= 1
    return (start, end) if end > start else None
