"""Per-document work: run the spaCy pipeline over a batch and turn each parse into plain records.

This is what a worker (a process, a Prefect task, a Dask worker) runs; it returns `DocResult`s, never
spaCy objects, and keeps spaCy's memory bounded with `memory_zone`.
"""
from __future__ import annotations

from contextlib import nullcontext

from spacy.tokens import Doc

from extract.extractors.agreements import extract_agreements
from extract.extractors.dates import extract_dates
from extract.extractors.entities import extract_entities
from extract.extractors.events import extract_events
from extract.ingest import mask_text
from extract.nlp.model import load_pipeline
from extract.records import DocResult, Document

NLP_BATCH_SIZE = 32
_WARM: set[int] = set()  # pipelines (by id; they live as long as the process) that read their first batch


def process_documents(documents: list[Document], model: str | None = None) -> list[DocResult]:
    """Records of every document that needs NLP (others are returned with no mentions).

    Every batch but the first a pipeline reads runs in a spaCy memory zone: the strings and words the batch
    adds are freed after it, so memory stays flat however long the run. The first batch runs outside one,
    because spaCy's tokenizer caches the words it splits only outside memory zones: the frequent words of
    the first batch stay cached (and their lexemes kept) for the rest of the run, a bounded cost that makes
    every later batch faster."""
    nlp = load_pipeline(model)
    todo = [d for d in documents if d.needs_nlp]
    results = {id(d): DocResult(d) for d in documents}
    texts = (mask_text(d.text, d.segments) for d in todo)
    with nlp.memory_zone() if id(nlp) in _WARM else nullcontext():
        for document, doc in zip(todo, nlp.pipe(texts, batch_size=NLP_BATCH_SIZE)):
            results[id(document)] = analyze(doc, document)
    if todo:
        _WARM.add(id(nlp))
    return [results[id(d)] for d in documents]


def analyze(doc: Doc, document: Document) -> DocResult:
    """All records of one parsed document."""
    entities = extract_entities(doc, document)
    dates = extract_dates(doc, document)
    agreements = extract_agreements(doc, document, entities, dates)
    events = extract_events(doc, document, entities, dates, agreements)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return DocResult(document, entities, dates, agreements, events, sentences)
