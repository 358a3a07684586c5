"""News to tables, as a Prefect flow: the library's run sequence (`extract.pipeline.sequence`), each step a
task, the NLP mapped over batches of documents (one task per batch, never per document).

Reads every article under INPUT, sends the documents that are new or changed since the last run through the
spaCy pipeline, resolves actors, agreements and events across all documents, and writes the Parquet tables
to OUTPUT atomically; `extract run` follows the same sequence without Prefect. The run holds the output
folder's lock; its summary (counts, seconds per stage, throughput) is logged and published as a Markdown
artifact. The command line is `python -m flows.news_flow` (see flows/news_flow.py).
"""
from __future__ import annotations

from flows.local_prefect import apply_ephemeral_defaults

apply_ephemeral_defaults()  # before Prefect reads its settings

import queue  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import ExitStack  # noqa: E402
from pathlib import Path  # noqa: E402

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
from extract.pipeline import STEPS, RunConfig, RunContext, Step  # noqa: E402
from extract.preflight import OutputUnusable, check_model, check_output  # noqa: E402
from extract.records import DocResult, Document  # noqa: E402
from extract.store import OutputBusy, output_lock  # noqa: E402
from flows.console_logs import SUMMARY  # noqa: E402
from flows.task_runners import make_task_runner  # noqa: E402

SUMMARY_ARTIFACT = "news-extract-run-summary"
BUSY = "OutputBusy"  # name of the Failed state of a run that found the output folder locked
CANNOT_START = "CannotStart"  # ... of a run whose model or output folder cannot be used (nothing was done)

# Each step of the sequence but the NLP is one task (the NLP is one task per batch: process_batch).
STEP_TASKS = {step.name: task(step.run, name=step.name, retries=step.retries, cache_policy=NO_CACHE)
              for step in STEPS if not step.maps_batches}


@task(name="nlp-batch", retries=1, cache_policy=NO_CACHE)
def process_batch(batch: list[Document], config: RunConfig) -> list[DocResult] | State:
    """spaCy and extraction over one batch of documents; Cancelled when the run is stopped meanwhile (the
    batch is abandoned: its documents are read again by the next run)."""
    try:
        return pipeline.process_in_pool(batch, config)
    except BaseException:
        stop = stopping.requested()
        if stop is None:
            raise
        return Cancelled(message=f"{stop}: batch abandoned")


@flow(name="news-extract", task_runner=ThreadPoolTaskRunner(max_workers=8))
def news_flow(input: str = "raw", output: str = "output", model: str | None = None,
              batch_size: int = pipeline.DEFAULT_BATCH_SIZE, processes: int = 1, wait: float = 0) -> str:
    """Process the new and changed articles under `input` and rewrite the tables in `output`.

    `processes` (threads task runner only): worker processes for the NLP. `wait`: seconds to wait for
    another run that holds `output`; after that this run ends Failed without touching the output. A model
    that is not installed or an output folder that cannot be written end it Failed before any task. Told to
    stop (SIGINT or SIGTERM to the command line), it ends Cancelled, the output as it was."""
    logger = get_run_logger()
    config = RunConfig.from_environment(model=model, batch_size=batch_size, processes=processes)
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
        ctx = RunContext(Path(input), Path(output), config, BatchTasks(config))
        try:
            summary = pipeline.run_steps(ctx, as_task, report=logger.info)
        except stopping.Stopped as stop:
            pipeline.stop_shared_workers()  # worker processes: their batches are of no use now
            return Cancelled(message=f"{stop}: {output} was left as it was; the next run resumes from the cache")
    logger.info("%s", summary.line(), extra={SUMMARY: True})
    create_markdown_artifact(key=SUMMARY_ARTIFACT, markdown=summary.markdown(), description=summary.line())
    return summary.line()


def as_task(step: Step, ctx: RunContext) -> None:
    """A step of the sequence as the flow runs it: a task of its own, or, for the NLP, in the flow (it maps
    the batch tasks). quote(): Prefect need not look for futures inside thousands of documents."""
    if step.maps_batches:
        step.run(ctx)
    else:
        STEP_TASKS[step.name](quote(ctx))


class BatchTasks:
    """The flow's batch mapper: one `process_batch` task per batch on the flow's task runner, results taken
    as they finish. Under the threads runner, the batches feed this process's NLP thread or its pool of
    `config.processes` worker processes; on Dask, each worker process is one."""

    def __init__(self, config: RunConfig) -> None:
        context = FlowRunContext.get()
        threads = context is not None and isinstance(context.task_runner, ThreadPoolTaskRunner)
        self.workers = config.processes if threads else 1

    def map(self, parts: list[list[Document]], config: RunConfig) -> Iterator[tuple[list[Document], list[DocResult]]]:
        futures = process_batch.map(parts, config=unmapped(config))
        part_of = {future.task_run_id: part for future, part in zip(futures, parts)}
        try:
            for future in _completed(futures):
                yield part_of[future.task_run_id], future.result()
        except stopping.Stopped:
            for future in futures:
                _cancel(future)
            raise

    def close(self, abandon: bool = False) -> None:
        """Nothing to stop here: the worker pool is the process's (see `pipeline.stop_shared_workers`)."""


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


def with_task_runner(kind: str = "threads", *, dask_address: str | None = None, dask_workers: int = 2) -> Flow:
    """The flow on another task runner (see flows.task_runners)."""
    return news_flow.with_options(
        task_runner=make_task_runner(kind, dask_address=dask_address, dask_workers=dask_workers))
