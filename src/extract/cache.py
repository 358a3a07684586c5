"""Per-document results kept between runs, so that a run does NLP only on new or changed documents.

An entry holds what the analysis of one document yielded (entities, dates, agreements, events, sentences) as
Arrow data, never spaCy objects, in Parquet part files under `OUTPUT/.extract/cache/`. Its key is a hash of
the pipeline version and of everything the analysis reads from the document (text, segments, metadata,
status), so an edited document, a new sidecar date or a new pipeline version misses the cache. Parts are
written as batches finish, each through a temporary file and a rename: a run killed during NLP keeps the
batches already done. Entries of documents gone from the input are pruned once the tables are written.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract.arrow_records import arrow_type, from_arrow, record_fields, to_arrow
from extract.records import DocResult, Document

log = logging.getLogger("extract")

PART_GLOB = "part-*.parquet"
MAX_PARTS = 32  # more parts than this are compacted into one
ROWS_PER_GROUP = 256  # entries read at a time: loading a large part does not take its size in memory
MAX_STALE_SHARE = 0.25  # so are parts of which this share of rows belongs to documents no longer in the input
_RESULT_FIELDS = tuple((name, hint) for name, hint in record_fields(DocResult) if name != "document")


def document_key(document: Document, version: str) -> str:
    """Cache key of a document: same key, same analysis."""
    payload = json.dumps([version, to_arrow(document, Document)], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def entry_schema() -> pa.Schema:
    """Columns of a cache part: the key, when and by which version the entry was made, and the records."""
    return pa.schema(
        [pa.field("key", pa.string()), pa.field("doc_id", pa.string()),
         pa.field("pipeline_version", pa.string()), pa.field("processed_at", pa.timestamp("us", tz="UTC"))]
        + [pa.field(name, arrow_type(hint)) for name, hint in _RESULT_FIELDS])


class ResultCache:
    """The cache folder of one output folder. Not thread-safe; the output lock makes one writer at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._index: dict[str, Path] | None = None

    def index(self) -> dict[str, Path]:
        """key -> part file holding it (read once, then kept up to date by `save`)."""
        if self._index is None:
            self._index = {}
            for part in sorted(self.folder.glob(PART_GLOB)):
                try:
                    keys = pq.read_table(part, columns=["key"]).column("key").to_pylist()
                except (OSError, pa.ArrowException) as exc:  # its documents are analysed again
                    log.warning("unreadable cache part %s ignored (%s): its documents are analysed again",
                                part.name, " ".join(str(exc).split()))
                    continue
                self._index.update(dict.fromkeys(keys, part))
        return self._index

    def __contains__(self, key: str) -> bool:
        return key in self.index()

    def save(self, entries: list[tuple[str, DocResult, datetime]], version: str) -> Path | None:
        """Write (key, result, processed_at) entries as one new part, atomically."""
        if not entries:
            return None
        rows = [{"key": key, "doc_id": result.document.doc_id, "pipeline_version": version, "processed_at": at,
                 **{name: to_arrow(getattr(result, name), hint) for name, hint in _RESULT_FIELDS}}
                for key, result, at in entries]
        part = self._write_part([pa.Table.from_pylist(rows, schema=entry_schema())])
        self.index().update(dict.fromkeys((key for key, _, _ in entries), part))
        return part

    def load(self, documents: dict[str, Document]) -> dict[str, tuple[DocResult, datetime]]:
        """The cached result and processed_at of each key -> document given (all must be in the cache)."""
        index = self.index()
        by_part: dict[Path, list[str]] = {}
        for key in documents:
            by_part.setdefault(index[key], []).append(key)
        loaded = {}
        for part, keys in by_part.items():
            wanted = pa.array(keys)
            for batch in pq.ParquetFile(part).iter_batches(batch_size=ROWS_PER_GROUP):
                for row in batch.filter(pc.is_in(batch.column("key"), wanted)).to_pylist():
                    fields = {name: from_arrow(row[name], hint) for name, hint in _RESULT_FIELDS}
                    loaded[row["key"]] = (DocResult(documents[row["key"]], **fields), row["processed_at"])
        return loaded

    def prune(self, live: set[str]) -> None:
        """Forget entries whose key is not in `live`; compact the parts when many or mostly stale."""
        parts: dict[Path, list[str]] = {}
        for key, part in self.index().items():
            parts.setdefault(part, []).append(key)
        # Parts whose keys all live in newer parts (a compaction was interrupted), unreadable parts, and
        # temporary files of runs killed while writing.
        for leftover in [*(set(self.folder.glob(PART_GLOB)) - set(parts)), *self.folder.glob(".*.tmp")]:
            leftover.unlink(missing_ok=True)
        total = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
        kept = {p: [k for k in keys if k in live] for p, keys in parts.items()}
        n_live = sum(len(keys) for keys in kept.values())
        if len(parts) > MAX_PARTS or total - n_live > MAX_STALE_SHARE * max(total, 1):
            self._compact(kept)
        else:
            for part, keys in kept.items():
                if not keys:
                    part.unlink(missing_ok=True)
        self._index = None

    def _compact(self, kept: dict[Path, list[str]]) -> None:
        """Rewrite the live entries of `kept` parts as one part, a part at a time (memory stays that of one)."""
        live = [(part, keys) for part, keys in kept.items() if keys]
        if live:
            self._write_part(_rows_of(part, keys) for part, keys in live)
        for part in kept:
            part.unlink(missing_ok=True)

    def _write_part(self, tables: Iterable[pa.Table]) -> Path:
        """Write tables of entries as one new part file, atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}.parquet"
        target = self.folder / name
        tmp = self.folder / f".{name}.tmp"
        with open(tmp, "wb") as handle:
            with pq.ParquetWriter(handle, entry_schema(), compression="zstd") as writer:
                for table in tables:
                    writer.write_table(table, row_group_size=ROWS_PER_GROUP)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        return target


def _rows_of(part: Path, keys: list[str]) -> pa.Table:
    """The entries of a part file whose key is one of `keys`."""
    table = pq.read_table(part)
    return table.filter(pc.is_in(table.column("key"), pa.array(keys))).cast(entry_schema())
