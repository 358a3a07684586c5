"""A run's work and its two ends: reading the input (`ingest_input`), deciding what the NLP must read
(`plan_run`: the documents whose results are not cached yet), and turning every document's results into the
tables (`finish_run`).

Runs are incremental: what the NLP yields for each document is kept in the output folder's cache
(`extract.cache`), keyed by the document's content and the pipeline version, so a run sends only new or
changed documents through spaCy. Resolution is cheap and global: every run rebuilds all tables from the
cached results of the documents now in the input, so an edited or removed document's rows are replaced or go
away.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from extract.cache import ResultCache, document_key
from extract.ingest import IngestCache, ingest
from extract.nlp.model import resolve_model_name
from extract.pipeline.summary import RunSummary, count_words
from extract.process import release_free_memory
from extract.records import DocResult, Document
from extract.settings import RunConfig
from extract.store import current_manifest, state_dir, table_rows, write_tables
from extract.tables import build_tables
from extract.version import __version__, code_fingerprint, pipeline_version

log = logging.getLogger("extract")

INGEST_CACHE = "ingest.parquet"  # in the output's state folder


class RunPlan:
    """One run's work: its documents, those the NLP must read (`todo`), and the results as batches finish.

    Each result is saved to the cache as soon as its batch is done, so a run killed during NLP loses only
    the batches in flight; the next run finds the others in the cache. Results are not kept in memory
    meanwhile (the tables are built from the cache), so memory does not grow with the size of a run; only
    failures, which are not cached, are.
    """

    def __init__(self, documents: list[Document], output: Path | str, config: RunConfig | None = None) -> None:
        config = config or RunConfig()
        self.documents = documents
        self.output = Path(output)
        self.version = pipeline_version(resolve_model_name(config.model), config.fingerprint())
        self.cache = ResultCache(state_dir(self.output) / "cache")
        self.keys = [document_key(d, self.version) for d in documents]
        self._key_of = {id(d): k for d, k in zip(documents, self.keys)}
        self.n_added = 0  # results of this run (cached, or failed)
        self.failed: dict[str, tuple[DocResult, datetime]] = {}  # not cached: tried again by the next run
        new = {k: d for k, d in zip(self.keys, documents) if k not in self.cache}
        self.n_cached = len(documents) - sum(1 for k in self.keys if k in new)
        self.todo = [d for d in new.values() if d.needs_nlp]
        unread = [d for d in new.values() if not d.needs_nlp]  # rejected, exact copies: nothing to analyze
        self.add(unread, [DocResult(d) for d in unread])

    def add(self, batch: list[Document], results: list[DocResult]) -> None:
        """Record the results of a batch of `todo` documents (same order) and cache them."""
        now = datetime.now(timezone.utc)
        entries = []
        for document, result in zip(batch, results, strict=True):
            key = self._key_of[id(document)]
            if _failed(document, result):
                self.failed[key] = (result, now)
            else:
                entries.append((key, result, now))
        self.n_added += len(results)
        self.cache.save(entries, self.version)

    def manifest(self) -> dict:
        """What the tables of this run are made from: the pipeline version and every document's key."""
        keys = hashlib.sha256("\n".join(self.keys).encode()).hexdigest()
        return {"pipeline_version": self.version, "documents": len(self.keys), "keys": keys}


def _failed(document: Document, result: DocResult) -> bool:
    return result.document.status == "rejected" and document.status != "rejected"


def ingest_input(input_path: Path | str, output: Path | str) -> list[Document]:
    """`ingest` with the output folder's ingest cache, so unchanged files are not read again (call it while
    holding the output's lock)."""
    cache = IngestCache(state_dir(Path(output)) / INGEST_CACHE, f"{__version__}+{code_fingerprint()}")
    documents = ingest(Path(input_path), cache)
    release_free_memory()  # what reading, language identification and duplicate search used is given back
    return documents


def plan_run(documents: list[Document], output: Path | str, config: RunConfig | None = None) -> RunPlan:
    """Which documents need NLP: those whose key (content + pipeline version) is not in the cache."""
    return RunPlan(documents, output, config)


def finish_run(plan: RunPlan) -> RunSummary:
    """Resolve the results of every document of the plan (read from the cache, but for failures), write all
    tables atomically, and prune the cache to the documents of this run. When the current tables were made
    from the very same cached results (same documents, same pipeline version), they are left as they are:
    they would be written again identically."""
    started = time.perf_counter()
    summary = RunSummary(plan.output)
    summary.n_processed = len(plan.todo)
    summary.n_cached = plan.n_cached
    summary.n_words = count_words(d.text for d in plan.todo)
    manifest = plan.manifest()
    if not plan.n_added and current_manifest(plan.output) == manifest:
        summary.statuses = dict(Counter(d.status for d in plan.documents))
        summary.rows = table_rows(plan.output)
        summary.seconds = {"resolve": 0.0, "write": time.perf_counter() - started}
        log.info("nothing changed since the last run: the tables are left as they are")
        return summary
    loaded = plan.cache.load({k: d for k, d in zip(plan.keys, plan.documents) if k not in plan.failed})
    release_free_memory()  # what reading the cache used
    results, processed_at = [], {}
    for key in plan.keys:
        result, at = plan.failed[key] if key in plan.failed else loaded[key]
        results.append(result)
        processed_at.setdefault(result.document.doc_id, at)
    tables = build_tables(results, plan.version, processed_at)
    resolved = time.perf_counter()
    write_tables(tables, plan.output, manifest)
    plan.cache.prune(set(plan.keys))
    release_free_memory()
    summary.statuses = dict(Counter(r.document.status for r in results))
    summary.rows = {name: table.num_rows for name, table in tables.items()}
    summary.seconds = {"resolve": resolved - started, "write": time.perf_counter() - resolved}
    return summary
