"""The text of a parsed document, read once.

spaCy's `Doc.text` joins every token's text on each access, so rules that look at a few characters around
an entity would rebuild the whole document each time; they read `doc_text(doc)` instead. The text never
changes once the Doc is made (components set entities and spans, never characters).
"""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "extract.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and kept in `doc.user_data`."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
