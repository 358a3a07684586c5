"""What ingest made of each input file in the last run, so that unchanged files are not read and decoded again.

An entry holds the documents one file gave before duplicates were marked, keyed by the file's path and a
stat signature (size, modification and change times, and the same for its sidecar): an edited, touched,
replaced or renamed file, or a new, edited or removed sidecar, misses the cache and is read again. A file
modified in the last two seconds is not kept (file systems stamp times coarsely; a second write within the
same tick would go unseen). The duplicate marks of the whole input are kept too, for a run whose files all
hit the cache in the same order. The cache is one Parquet file in the output's state folder
(`OUTPUT/.extract/ingest.parquet`), rewritten atomically when something changed, and only under the
output's lock; entries of files gone from the input are dropped. A new pipeline version starts it afresh.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.arrow_records import arrow_type, from_arrow, to_arrow
from extract.records import Document

log = logging.getLogger("extract")

RACY_SECONDS = 2.0
DuplicateMarks = list[tuple[str, str | None, str | None]]  # (status, duplicate_of, reason) per document


def file_signature(path: Path, sidecar: Path | None = None) -> str | None:
    """Size, modification and change times of a file (and its sidecar, if it may have one); None when the
    file cannot be stat'ed or changed too recently to be trusted."""
    try:
        parts = [_stat(path)]
        if sidecar is not None:
            parts.append(_stat(sidecar) if sidecar.exists() else None)
    except OSError:
        return None
    newest = max(p[1] for p in parts if p)
    if newest > time.time_ns() - RACY_SECONDS * 1e9:
        return None
    return json.dumps(parts)


def _stat(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


class IngestCache:
    """The ingest cache of one output folder. Not thread-safe; the output lock makes one writer at a time."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = Path(path)
        self.version = version
        self._old: dict[str, tuple[str, list[dict]]] = {}  # source -> signature, documents as Arrow rows
        self._old_marks: tuple[str, DuplicateMarks] | None = None
        self._new: dict[str, tuple[str, list[dict]]] = {}  # the same, for this run
        self._changed = False
        self._load()

    def documents(self, source: str, signature: str | None) -> list[Document] | None:
        """The documents of a file as the last run read them, if its signature is unchanged (new objects)."""
        entry = self._old.get(source)
        if signature is None or entry is None or entry[0] != signature:
            self._changed = True
            return None
        self._new[source] = entry
        return [from_arrow(d, Document) for d in entry[1]]

    def put(self, source: str, signature: str | None, documents: list[Document]) -> None:
        """Keep a file's documents as read now (before duplicates are marked)."""
        self._changed = True
        if signature is not None:
            self._new[source] = (signature, [to_arrow(d, Document) for d in documents])

    def fingerprint(self) -> str:
        """The files of this run, in order, with their signatures: the same input as last time if equal."""
        payload = json.dumps([[s, sig] for s, (sig, _) in self._new.items()])
        return hashlib.sha256(payload.encode()).hexdigest()

    def duplicate_marks(self) -> DuplicateMarks | None:
        """The last run's duplicate marks, if every file of this run hit the cache in the same order."""
        if self._changed or self._old_marks is None or self._old_marks[0] != self.fingerprint():
            return None
        return self._old_marks[1]

    def save(self, marks: DuplicateMarks) -> None:
        """Write this run's entries and duplicate marks, atomically, if anything changed."""
        if self.duplicate_marks() == marks:
            return
        rows = [{"source": s, "signature": sig, "documents": docs} for s, (sig, docs) in self._new.items()]
        meta = {"version": self.version, "fingerprint": self.fingerprint(), "marks": json.dumps(marks)}
        table = pa.Table.from_pylist(rows, schema=_schema().with_metadata(meta))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, self.path)
        except OSError as exc:  # a cache that cannot be written only costs time next run
            log.warning("could not write the ingest cache %s (%s)", self.path, exc)
            tmp.unlink(missing_ok=True)

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            meta = {k.decode(): v.decode() for k, v in (pq.read_schema(self.path).metadata or {}).items()}
            if meta.get("version") != self.version:
                return
            table = pq.read_table(self.path)
            for row in table.to_pylist():
                self._old[row["source"]] = (row["signature"], row["documents"])
            marks = [tuple(m) for m in json.loads(meta["marks"])]
            self._old_marks = (meta["fingerprint"], marks)
        except (OSError, KeyError, ValueError, pa.ArrowException) as exc:
            log.warning("ignoring unreadable ingest cache %s (%s)", self.path, exc)
            self._old, self._old_marks = {}, None


def _schema() -> pa.Schema:
    return pa.schema([pa.field("source", pa.string()), pa.field("signature", pa.string()),
                      pa.field("documents", pa.list_(arrow_type(Document)))])
