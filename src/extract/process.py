"""Per-document work: run the spaCy pipeline over a batch and turn each parse into plain records.

This is what a worker (a process, a Prefect task, a Dask worker) runs; it returns `DocResult`s, never
spaCy objects, and keeps spaCy's memory bounded with `memory_zone`.
"""
from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from functools import lru_cache
from weakref import WeakKeyDictionary

import pyarrow as pa
from spacy.language import Language
from spacy.tokens import Doc

from extract import stopping
from extract.extractors.agreements import extract_agreements
from extract.extractors.agreements.links import extract_links
from extract.extractors.dates import extract_dates
from extract.extractors.entities import extract_entities
from extract.extractors.events import extract_events
from extract.ingest import mask_text
from extract.nlp.model import load_pipeline
from extract.nlp.pieces import parse
from extract.records import DocResult, Document
from extract.settings import RunConfig

NLP_BATCH_SIZE = 32
# spaCy's working memory, and so the peak, follows the words of a minibatch: long articles go in smaller ones.
# 40,000 characters is about 8,000 words (news articles average 2,000-3,000 characters). Measured on BBC news
# (2026-12-05, one process): against 20,000, 3% faster, peak RSS 463 MB at 500 articles and 499 MB at 2,225
# (+8%); 60,000 is no faster and 80,000 grew the peak 26% from 500 to 2,225 articles.
NLP_BATCH_CHARS = 40_000
# Words (lexemes, with the tokenizer's cache of how each splits) a pipeline keeps before it reads in memory
# zones: the frequent words of the first few hundred articles. Kept words are small, but they are allocated
# among the parses' memory and pin it (heap fragmentation: without zones, resident memory jumped 120 MB late
# in a 2,225-article run); in a zone, everything a minibatch allocates is freed together.
KEPT_WORDS = 20_000
_VOCAB_AT_LOAD: WeakKeyDictionary[Language, int] = WeakKeyDictionary()  # pipeline -> its vocabulary size


def process_documents(documents: list[Document], config: RunConfig | None = None,
                      on_document: Callable[[], None] | None = None) -> list[DocResult]:
    """Records of every document that needs NLP (others are returned with no mentions), with the model and
    options of `config` (default: `RunConfig()`). `on_document` is called as each one is done (a progress
    bar); a run asked to stop (`extract.stopping`) stops between two.

    spaCy's tokenizer caches the words it splits, and keeps their lexemes, only outside memory zones; in a
    zone, the strings and words a minibatch adds are freed after it, at the price of splitting its rarer
    words again. So a pipeline reads outside zones until it has kept KEPT_WORDS new words (the frequent
    ones), and in a zone per minibatch after that: memory stays flat however long the run."""
    config = config or RunConfig()
    nlp = load_pipeline(config.model, timex_references=config.timex_references)
    todo = [(d, mask_text(d.text, d.segments)) for d in documents if d.needs_nlp]
    results = {id(d): DocResult(d) for d in documents}
    for part in minibatches(todo):
        with nlp.memory_zone() if _vocabulary_full(nlp) else nullcontext():
            for (document, _), doc in zip(part, parse(nlp, [text for _, text in part])):
                results[id(document)] = analyze(doc, document)
                if on_document is not None:
                    on_document()
                stopping.check()
    release_free_memory()
    return [results[id(d)] for d in documents]


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows)
        return None


def release_free_memory() -> None:
    """Give the memory freed by a stage or a batch back to the system (glibc's `malloc_trim`, as Dask's
    workers do). Parses free their arrays in a different order than they made them; the free holes left
    between long-lived objects otherwise stay resident, and peak memory creeps up over a long run."""
    pa.default_memory_pool().release_unused()  # Arrow's own allocator keeps what Parquet reads and writes used
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _vocabulary_full(nlp: Language) -> bool:
    """Whether the pipeline has kept KEPT_WORDS words since it was first used here."""
    return len(nlp.vocab) - _VOCAB_AT_LOAD.setdefault(nlp, len(nlp.vocab)) >= KEPT_WORDS


def minibatches(todo: list[tuple[Document, str]]) -> Iterator[list[tuple[Document, str]]]:
    """spaCy's minibatches: NLP_BATCH_SIZE documents, fewer when they exceed NLP_BATCH_CHARS together (spaCy's
    working memory grows with the words of a minibatch: long articles go in smaller ones, so peak memory
    does not depend on how long the articles of a run are)."""
    part: list[tuple[Document, str]] = []
    chars = 0
    for item in todo:
        if part and (len(part) == NLP_BATCH_SIZE or chars + len(item[1]) > NLP_BATCH_CHARS):
            yield part
            part, chars = [], 0
        part.append(item)
        chars += len(item[1])
    if part:
        yield part


def analyze(doc: Doc, document: Document) -> DocResult:
    """All records of one parsed document."""
    entities = extract_entities(doc, document)
    dates = extract_dates(doc, document)
    agreements = extract_agreements(doc, document, entities, dates)
    events = extract_events(doc, document, entities, dates, agreements)
    links = extract_links(doc, agreements)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return DocResult(document, entities, dates, agreements, events, sentences, links)
