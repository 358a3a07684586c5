"""The text of a parsed document, read once.

spaCy's `Doc.text` joins every token's text on each access, so rules that look at a few characters around
an entity would rebuild the whole document each time; they read `doc_text(doc)` instead. The text never
changes once the Doc is made (components set entities and spans, never characters). `make_doc` records the
text it was made from, so that not even the first access joins the tokens.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_KEY = "extract.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and kept in `doc.user_data`."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def set_doc_text(doc: Doc, text: str) -> None:
    """Record the text a Doc was built from (a Doc joined from pieces: the whole text)."""
    doc.user_data[_KEY] = text


def make_doc(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)` (tokenized, not yet through the pipeline), with its text recorded for `doc_text`:
    spaCy's tokenizer keeps every character, so the Doc's text is the text it was made from."""
    doc = nlp.make_doc(text)
    set_doc_text(doc, text)
    return doc
