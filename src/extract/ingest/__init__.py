"""Ingest: discover inputs, decode them, find their metadata, mark furniture and duplicates.

`ingest(path)` returns one `Document` per input document, rejected ones included (with a reason), so that
nothing given to the pipeline disappears without a row in `documents`.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from extract.ingest.cache import IngestCache, file_signature
from extract.ingest.decode import NotText, decode
from extract.ingest.dedupe import NearDuplicateIndex
from extract.ingest.html import html_to_text
from extract.ingest.language import release_identifier, unsupported_language
from extract.ingest.published import find_published, read_published
from extract.ingest.segments import mask_text, segment, title_of
from extract.ingest.sources import MAX_DOCUMENT_CHARS, SIDECAR_SUFFIX, RawItem, discover, read, source_name
from extract.records import Document

__all__ = ["ingest", "build_document", "doc_id_for", "mask_text", "discover", "IngestCache"]

_SPACES = re.compile(r"\s+")


def doc_id_for(text: str) -> str:
    """Content hash of the whitespace-normalized text: a re-run or a re-download is the same document."""
    normalized = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def ingest(input_path: Path, cache: IngestCache | None = None) -> list[Document]:
    """All documents under `input_path` (a folder or one file), in source order, duplicates marked. With a
    cache (see `extract.ingest.cache`), files unchanged since the last run are not read again."""
    input_path = Path(input_path)
    documents = [doc for path in discover(input_path) for doc in _documents_of(path, input_path, cache)]
    release_identifier()
    marks = cache.duplicate_marks() if cache is not None else None
    if marks is not None and len(marks) == len(documents):
        for doc, (status, duplicate_of, reason) in zip(documents, marks):
            doc.status, doc.duplicate_of, doc.reason = status, duplicate_of, reason
    else:
        mark_duplicates(documents)
    if cache is not None:
        cache.save([(d.status, d.duplicate_of, d.reason) for d in documents])
    return documents


def _documents_of(path: Path, input_path: Path, cache: IngestCache | None) -> list[Document]:
    if cache is None:
        return [build_document(item) for item in read(path, input_path)]
    source = source_name(path, input_path)
    signature = file_signature(path, path.with_suffix(SIDECAR_SUFFIX))  # before reading: a later edit misses
    documents = cache.documents(source, signature)
    if documents is None:
        documents = [build_document(item) for item in read(path, input_path)]
        cache.put(source, signature, documents)
    return documents


def build_document(item: RawItem) -> Document:
    """Decode and describe one raw item; problems give a rejected document, never an exception."""
    warnings = list(item.meta.get("_warnings", []))
    if item.error:
        return _rejected(item.source, item.error)
    try:
        if isinstance(item.data, bytes):
            decoded = decode(item.data)
            text, encoding = decoded.text, decoded.encoding
        else:
            decoded = decode(item.data.encode("utf-8"))
            text, encoding = decoded.text, "utf-8"
    except NotText as exc:
        return _rejected(item.source, str(exc))
    meta = dict(item.meta)
    if item.kind == "html":
        page = html_to_text(text)
        if page is None:
            return _rejected(item.source, "no article text found in the HTML page", encoding=encoding)
        text = page.text
        meta.setdefault("title", page.title)
        if page.published:
            meta["published_page"] = (page.published, page.published_from)
    if len(text) > MAX_DOCUMENT_CHARS:  # a feed line or a page that holds more than a file may
        return _rejected(item.source, f"too long to process ({len(text):,} characters; "
                                      f"the limit is {MAX_DOCUMENT_CHARS:,})", encoding=encoding)
    segments = segment(text)
    masked = mask_text(text, segments)
    if not masked.strip():
        reason = "empty document" if not text.strip() else "only page furniture, no article text"
        return _rejected(item.source, reason, text=text, encoding=encoding)
    published, published_from = _published(item, meta, text, segments, warnings)
    doc = Document(
        doc_id=doc_id_for(text),
        source=item.source,
        text=text,
        title=meta.get("title") or title_of(text, segments, skip=lambda s: find_published(text, [s]) is not None),
        url=meta.get("url"),
        published=published,
        published_from=published_from,
        language="en",
        encoding=encoding,
        segments=segments,
        reason="; ".join(warnings) or None,
    )
    foreign = unsupported_language(masked)
    if foreign:
        doc.language, doc.status = foreign, "rejected"
        doc.reason = f"language '{foreign}' is not supported (the model reads English)"
    return doc


def _published(item: RawItem, meta: dict, text: str, segments, warnings: list[str]):
    """(date, where it came from): the sidecar's or feed's value, else the page's metadata or date line, else
    the date line of the text. A value that is no date is reported among the warnings, never guessed."""
    if meta.get("published") is not None:
        published, why = read_published(meta["published"])
        if published is not None:
            return published, "sidecar"
        where = "feed" if "#" in item.source else "sidecar"
        warnings.append(f"{where} published date {meta['published']!r} is not a date ({why}); ignored")
    if "published_page" in meta:
        return meta["published_page"]
    published = find_published(text, segments)
    return published, "text" if published else "none"


def mark_duplicates(documents: list[Document]) -> None:
    """Mark exact copies (same doc_id) and near copies (a longer document contains most of this one)."""
    first_by_id: dict[str, Document] = {}
    for doc in documents:
        if doc.status != "ok":
            continue
        original = first_by_id.setdefault(doc.doc_id, doc)
        if original is not doc:
            doc.status, doc.duplicate_of = "duplicate", original.doc_id
            doc.reason = f"same text as {original.source}"
    index = NearDuplicateIndex()
    unique = [d for d in first_by_id.values()]
    for doc in sorted(unique, key=lambda d: (-len(d.text), d.source)):
        hit = index.add(doc.doc_id, mask_text(doc.text, doc.segments))
        if hit:
            original = next(d for d in unique if d.doc_id == hit[0])
            doc.status, doc.duplicate_of = "duplicate", original.doc_id
            doc.reason = f"near-duplicate of {original.source} ({hit[1]:.0%} of its word 5-grams appear there)"


def _rejected(source: str, reason: str, text: str = "", encoding: str | None = None) -> Document:
    return Document(
        doc_id=hashlib.sha256(f"rejected:{source}".encode()).hexdigest()[:16],
        source=source, text=text, status="rejected", reason=reason, encoding=encoding,
    )
