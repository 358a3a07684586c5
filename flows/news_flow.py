"""News to tables, as a Prefect flow.

Reads every article under INPUT, sends the documents that are new or changed since the last run through the
spaCy pipeline in batches (one task per batch, never per document), resolves actors, agreements and events
across all documents, and writes the Parquet tables to OUTPUT atomically. Each step is a call into the
`extract` library, which also runs without Prefect (`extract run`). The run holds the output folder's lock;
its summary (counts, seconds per stage, throughput) is logged and published as a Markdown artifact.

    python -m flows.news_flow raw --output output [--task-runner threads|dask] [--dask-address tcp://HOST:8786]
"""
from __future__ import annotations

if __name__ == "__main__":  # the command line (flows.command) imports this module as flows.news_flow
    import sys

    from flows.command import main

    sys.exit(main())

import queue
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from flows.local_prefect import apply_ephemeral_defaults

apply_ephemeral_defaults()  # before Prefect reads its settings

from prefect import Flow, flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402
from prefect.futures import PrefectFuture  # noqa: E402
from prefect.states import Cancelled, Failed, State  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from extract import pipeline, stopping  # noqa: E402
from extract.nlp.model import ModelNotFound  # noqa: E402
from extract.preflight import OutputUnusable, check_model, check_output  # noqa: E402
from extract.records import DocResult, Document  # noqa: E402
from extract.store import OutputBusy, output_lock  # noqa: E402
from flows.console_logs import SUMMARY  # noqa: E402
from flows.task_runners import make_task_runner  # noqa: E402

SUMMARY_ARTIFACT = "news-extract-run-summary"
BUSY = "OutputBusy"  # name of the Failed state of a run that found the output folder locked
CANNOT_START = "CannotStart"  # ... of a run whose model or output folder cannot be used (nothing was done)


@task(name="ingest", retries=1, cache_policy=NO_CACHE)
def ingest_documents(input_path: str, output: str) -> list[Document]:
    """Discover and decode every input document (rejected ones included); files unchanged since the last
    run into `output` are not read again."""
    return pipeline.ingest_input(input_path, output)


@task(name="plan", cache_policy=NO_CACHE)
def plan_work(documents: list[Document], output: str, model: str | None) -> pipeline.RunPlan:
    """Find the documents whose results are not in the cache: only those go through the NLP."""
    return pipeline.plan_run(documents, output, model)


@task(name="nlp-batch", retries=1, cache_policy=NO_CACHE)
def process_batch(batch: list[Document], model: str | None, processes: int) -> list[DocResult] | State:
    """spaCy and extraction over one batch of documents; Cancelled when the run is stopped meanwhile (the
    batch is abandoned: its documents are read again by the next run)."""
    try:
        return pipeline.process_in_pool(batch, model, processes)
    except BaseException:
        stop = stopping.requested()
        if stop is None:
            raise
        return Cancelled(message=f"{stop}: batch abandoned")


@task(name="resolve-and-store", cache_policy=NO_CACHE)
def store_tables(plan: pipeline.RunPlan) -> pipeline.RunSummary:
    """Resolve across all documents (cached and fresh) and write the tables atomically."""
    return pipeline.finish_run(plan)


@flow(name="news-extract", task_runner=ThreadPoolTaskRunner(max_workers=8))
def news_flow(input: str = "raw", output: str = "output", model: str | None = None,
              batch_size: int = pipeline.DEFAULT_BATCH_SIZE, processes: int = 1, wait: float = 0) -> str:
    """Process the new and changed articles under `input` and rewrite the seven tables in `output`.

    `processes` (threads task runner only): worker processes for the NLP. `wait`: seconds to wait for
    another run that holds `output`; after that this run ends Failed without touching the output. A model
    that is not installed or an output folder that cannot be written end it Failed before any task. Told to
    stop (SIGINT or SIGTERM to the command line), it ends Cancelled, the output as it was."""
    logger = get_run_logger()
    try:
        check_model(model)
        check_output(output)
    except (ModelNotFound, OutputUnusable) as exc:
        logger.error("%s", exc)
        return Failed(name=CANNOT_START, message=str(exc))
    with ExitStack() as held:
        try:
            held.enter_context(output_lock(Path(output), wait, on_wait=logger.info))
        except OutputBusy as exc:
            logger.error("%s", exc)
            return Failed(name=BUSY, message=str(exc))
        try:
            summary = _process(input, output, model, batch_size, processes)
        except stopping.Stopped as stop:
            pipeline.stop_shared_workers()  # worker processes: their batches are of no use now
            return Cancelled(message=f"{stop}: {output} was left as it was; the next run resumes from the cache")
    logger.info("%s", summary.line(), extra={SUMMARY: True})
    create_markdown_artifact(key=SUMMARY_ARTIFACT, markdown=summary.markdown(), description=summary.line())
    return summary.line()


def _process(input: str, output: str, model: str | None, batch_size: int, processes: int) -> pipeline.RunSummary:
    """The run itself, under the output's lock; Stopped, between two steps, if the run is told to stop."""
    logger = get_run_logger()
    t0 = time.perf_counter()
    documents = ingest_documents(input, output)
    stopping.check()
    # quote(): Prefect need not look for futures inside thousands of documents.
    plan = plan_work(quote(documents), output, model)
    logger.info("%d documents: %d for the NLP, %d from the cache", len(documents), len(plan.todo), plan.n_cached)
    t1 = time.perf_counter()
    nlp_processes = _nlp_processes(processes)
    parts = pipeline.batches(plan.todo, batch_size, nlp_processes)
    futures = process_batch.map(parts, model=unmapped(model), processes=unmapped(nlp_processes))
    part_of = {future.task_run_id: part for future, part in zip(futures, parts)}
    try:
        for future in _completed(futures):  # cache each batch as soon as it is done
            plan.add(part_of[future.task_run_id], future.result())
    except stopping.Stopped:
        for future in futures:
            _cancel(future)
        raise
    t2 = time.perf_counter()
    stopping.check()
    summary = store_tables(plan)
    summary.seconds = {"ingest": t1 - t0, "nlp": t2 - t1, **summary.seconds}
    return summary


def _completed(futures: list[PrefectFuture]) -> Iterator[PrefectFuture]:
    """The futures as they finish. Waits in short slices: a stop request is seen within a fraction of a second
    (and before the result of a batch the stop cut short is looked at)."""
    done: queue.SimpleQueue[PrefectFuture] = queue.SimpleQueue()
    for future in futures:
        future.add_done_callback(done.put)
    for _ in futures:
        while True:
            try:
                future = done.get(timeout=stopping.POLL_SECONDS)
                break
            except queue.Empty:
                stopping.check()
        stopping.check()
        yield future


def _cancel(future: PrefectFuture) -> None:
    """Keep a batch that has not started from starting (one that has stops at its next document)."""
    wrapped = getattr(future, "wrapped_future", None)
    if wrapped is not None and hasattr(wrapped, "cancel"):
        wrapped.cancel()


def _nlp_processes(processes: int) -> int:
    """Worker processes of the local pool: only under the threads runner (a Dask worker is a process)."""
    context = FlowRunContext.get()
    return processes if context and isinstance(context.task_runner, ThreadPoolTaskRunner) else 1


def with_task_runner(kind: str = "threads", *, dask_address: str | None = None, dask_workers: int = 2) -> Flow:
    """The flow on another task runner (see flows.task_runners)."""
    return news_flow.with_options(
        task_runner=make_task_runner(kind, dask_address=dask_address, dask_workers=dask_workers))
