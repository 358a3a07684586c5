"""The whole pipeline as plain Python: ingest -> NLP (batched, optionally in several processes) ->
resolve -> tables -> Parquet. The Prefect flow in `flows/` composes the same functions."""
from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.ingest import ingest
from extract.nlp.model import resolve_model_name
from extract.process import process_documents
from extract.records import DocResult, Document
from extract.store import read_table, write_tables
from extract.tables import build_tables
from extract.version import pipeline_version

log = logging.getLogger("extract")

DEFAULT_BATCH_SIZE = 64


@dataclass
class RunSummary:
    """What a run did: documents by status, rows per table, seconds per stage."""

    output: Path
    statuses: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    n_words: int = 0

    def line(self) -> str:
        """One line for logs and terminals: counts by status, then table sizes and time."""
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items()))
        total = sum(self.seconds.values())
        return (f"{sum(self.statuses.values())} documents ({statuses or 'none'}); "
                f"{self.rows.get('actors', 0)} actors, {self.rows.get('agreements', 0)} agreements, "
                f"{self.rows.get('events', 0)} events, {self.rows.get('dates', 0)} dates "
                f"in {total:.1f}s -> {self.output}")


def batches(documents: list[Document], size: int) -> list[list[Document]]:
    """Documents in batches of `size` (the unit of work of a task or worker process)."""
    size = max(1, size)
    return [documents[i:i + size] for i in range(0, len(documents), size)]


def process_batches(parts: list[list[Document]], model: str | None = None, processes: int = 1,
                    on_batch: Callable[[int], None] | None = None) -> list[DocResult]:
    """NLP over batches, in this process or in `processes` worker processes (each loads the model once)."""
    results: list[DocResult] = []
    for batch_results in _map_batches(parts, model, processes):
        results.extend(batch_results)
        if on_batch:
            on_batch(len(batch_results))
    return results


def _map_batches(parts: list[list[Document]], model: str | None, processes: int) -> Iterator[list[DocResult]]:
    if processes <= 1 or len(parts) <= 1:
        for part in parts:
            yield process_documents(part, model)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        yield from pool.map(process_documents, parts, [model] * len(parts))


_POOLS: dict[int, ProcessPoolExecutor] = {}
_POOL_LOCK = threading.Lock()
_IN_PROCESS = threading.Lock()  # one spaCy pipeline per process: threads take turns


def process_in_pool(batch: list[Document], model: str | None = None, processes: int = 1) -> list[DocResult]:
    """One batch, for callers that run batches concurrently in threads (the Prefect flow's tasks): in this
    process one batch at a time, or in a shared pool of `processes` worker processes."""
    if processes <= 1:
        with _IN_PROCESS:
            return process_documents(batch, model)
    with _POOL_LOCK:
        pool = _POOLS.get(processes)
        if pool is None:
            pool = _POOLS[processes] = ProcessPoolExecutor(max_workers=processes,
                                                           mp_context=multiprocessing.get_context("spawn"))
    return pool.submit(process_documents, batch, model).result()


def build_output(results: list[DocResult], output: Path, model: str | None = None) -> RunSummary:
    """Resolve all records, build the tables and write them; keep the `processed_at` of documents an
    earlier run already processed with the same pipeline version, so unchanged input gives identical tables."""
    started = time.perf_counter()
    version = pipeline_version(resolve_model_name(model))
    tables = build_tables(results, version, _previous_processed_at(output, version))
    resolved = time.perf_counter()
    write_tables(tables, output)
    summary = RunSummary(Path(output))
    summary.statuses = dict(Counter(r.document.status for r in results))
    summary.rows = {name: table.num_rows for name, table in tables.items()}
    summary.seconds = {"resolve": resolved - started, "write": time.perf_counter() - resolved}
    return summary


def _previous_processed_at(output: Path, version: str) -> dict[str, datetime]:
    previous = read_table(Path(output), "documents")
    if previous is None:
        return {}
    rows = previous.select(["doc_id", "pipeline_version", "processed_at"]).to_pylist()
    return {r["doc_id"]: r["processed_at"] for r in rows if r["pipeline_version"] == version and r["processed_at"]}


def run(input_path: Path | str, output: Path | str = "output", *, model: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE, processes: int = 1,
        on_batch: Callable[[int], None] | None = None) -> RunSummary:
    """Process every document under `input_path` (a folder or a file) and write the tables to `output`."""
    t0 = time.perf_counter()
    documents = ingest(Path(input_path))
    t1 = time.perf_counter()
    log.info("found %d documents in %s", len(documents), input_path)
    results = process_batches(batches(documents, batch_size), model, processes, on_batch)
    t2 = time.perf_counter()
    summary = build_output(results, Path(output), model)
    summary.seconds = {"ingest": t1 - t0, "nlp": t2 - t1, **summary.seconds}
    summary.n_words = count_words(d.text for d in documents if d.needs_nlp)
    return summary


def count_words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)
