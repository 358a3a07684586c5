"""The `documents` table: every input document, whatever became of it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from extract.tables.spec import DATE, INT, STR, TS, TableSpec, WholeDocument, column

if TYPE_CHECKING:
    from extract.tables.resolution import Resolution


def document_rows(r: Resolution) -> list[dict]:
    rows = []
    for result in r.results:
        d = result.document
        rows.append({
            "doc_id": d.doc_id, "source": d.source, "title": d.title, "url": d.url, "published": d.published,
            "published_from": d.published_from, "language": d.language, "n_chars": d.n_chars, "status": d.status,
            "reason": d.reason, "duplicate_of": d.duplicate_of, "encoding": d.encoding,
            "pipeline_version": r.pipeline_version, "processed_at": r.processed_at.get(d.doc_id, r.now),
            "text": d.text,
        })
    return rows


DOCUMENTS = TableSpec(
    "documents", "One row per input document, whatever became of it.",
    (
        column("doc_id", STR, "Hash of the normalized text: the same article gets the same id wherever it came "
               "from."),
        column("source", STR, "Path of the input relative to the input folder (JSONL lines: FILE#ID)."),
        column("title", STR, "Title from the sidecar, the HTML page or the first heading line."),
        column("url", STR, "URL from the sidecar or JSONL record, if any."),
        column("published", DATE, "Publication date, if known."),
        column("published_from", STR, "Where `published` came from: sidecar (or feed), metadata (an HTML page's "
               "meta tags, JSON-LD or <time>), text (dateline or header) or none."),
        column("language", STR, "ISO 639-1 language code detected from the text."),
        column("n_chars", INT, "Length of the decoded text in characters."),
        column("status", STR, "ok (processed), rejected (not processed, see reason) or duplicate (see "
               "duplicate_of)."),
        column("reason", STR, "Why a document was rejected or marked duplicate; null when ok."),
        column("duplicate_of", STR, "doc_id of the document this one repeats (exactly or nearly)."),
        column("encoding", STR, "Encoding the bytes were decoded with."),
        column("pipeline_version", STR, "Version of the pipeline and model that processed the document."),
        column("processed_at", TS, "When this document was processed (UTC)."),
        column("text", STR, "The decoded text; all character offsets in other tables index it."),
    ),
    rows=document_rows, order=("source", "doc_id"), id_column="doc_id", evidence=WholeDocument(),
)
