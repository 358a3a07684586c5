"""The one run sequence, which the command line and the Prefect flow both follow: ingest -> plan -> NLP over
batches -> resolve and store. Each step is a plain function over a `RunContext`; where the NLP's batches run
is the context's `BatchMapper` (this thread, worker processes, Prefect tasks on threads or Dask), and how a
step is called is the caller's (directly, or as a Prefect task).
"""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from extract import stopping
from extract.nlp.model import release_pipelines
from extract.pipeline.plan import RunPlan, finish_run, ingest_input, plan_run
from extract.pipeline.summary import RunSummary
from extract.pipeline.workers import InThisThread, NlpWorkers, batches
from extract.process import release_free_memory
from extract.records import DocResult, Document
from extract.settings import DEFAULT_BATCH_SIZE, RunConfig
from extract.store import output_lock

log = logging.getLogger("extract")


class RunProgress(Protocol):
    """What a run tells whoever shows its progress (a bar on a terminal)."""

    def planned(self, n_documents: int) -> None:
        """The NLP is about to read `n_documents` (the others come from the cache)."""

    def document_done(self) -> None:
        """One more document is done (told only when the NLP runs in this process)."""

    def batch_done(self, n_documents: int) -> None:
        """A batch of `n_documents` is done and its results are cached."""


class BatchMapper(Protocol):
    """Where the NLP's batches run. `workers`: how many run at once (batches shrink towards the end so that
    they finish together)."""

    workers: int

    def map(self, parts: list[list[Document]], config: RunConfig) -> Iterator[tuple[list[Document], list[DocResult]]]:
        """Every batch with its results, as they are done (in any order)."""

    def close(self, abandon: bool = False) -> None:
        """No more batches; `abandon`: the run was stopped or failed, the batches in hand are of no use."""


@dataclass
class RunContext:
    """One run: what it reads and writes, how, and what each step has found so far."""

    input: Path
    output: Path
    config: RunConfig
    mapper: BatchMapper
    progress: RunProgress | None = None
    documents: list[Document] = field(default_factory=list)
    plan: RunPlan | None = None
    summary: RunSummary | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # by stage


def ingest_step(ctx: RunContext) -> None:
    """Discover and decode every input document (rejected ones included); files unchanged since the last run
    into the output are not read again."""
    ctx.documents = ingest_input(ctx.input, ctx.output)


def plan_step(ctx: RunContext) -> None:
    """Find the documents whose results are not in the cache: only those go through the NLP."""
    ctx.plan = plan_run(ctx.documents, ctx.output, ctx.config)


def nlp_step(ctx: RunContext) -> None:
    """spaCy and extraction over the planned documents, batch by batch; each batch's results are cached as
    soon as it is done."""
    plan = ctx.plan
    if ctx.progress is not None:
        ctx.progress.planned(len(plan.todo))
    for part, results in ctx.mapper.map(batches(plan.todo, ctx.config.batch_size, ctx.mapper.workers), ctx.config):
        plan.add(part, results)
        if ctx.progress is not None:
            ctx.progress.batch_done(len(results))


def store_step(ctx: RunContext) -> None:
    """Resolve across all documents (cached and fresh) and write the tables atomically."""
    ctx.summary = finish_run(ctx.plan)


def planned(ctx: RunContext) -> str:
    return f"{len(ctx.documents)} documents: {len(ctx.plan.todo)} for the NLP, {ctx.plan.n_cached} from the cache"


@dataclass(frozen=True)
class Step:
    """A step of the sequence: its name (a Prefect task's), the stage its time is counted in, its function,
    how often it is retried, whether it runs the batches itself (the NLP: not a task of its own), and the
    line it reports when done, if any."""

    name: str
    stage: str
    run: Callable[[RunContext], None]
    retries: int = 0
    maps_batches: bool = False
    report: Callable[[RunContext], str] | None = None


STEPS: tuple[Step, ...] = (
    Step("ingest", "ingest", ingest_step, retries=1),
    Step("plan", "ingest", plan_step, report=planned),
    Step("nlp", "nlp", nlp_step, maps_batches=True),
    Step("resolve-and-store", "store", store_step),
)

StepCaller = Callable[[Step, RunContext], None]


def call_directly(step: Step, ctx: RunContext) -> None:
    step.run(ctx)


def run_steps(ctx: RunContext, call: StepCaller = call_directly,
              report: Callable[[str], None] = log.info) -> RunSummary:
    """Every step of the sequence in order, under the output's lock (the caller holds it), each called by
    `call`, and the steps' reports told to `report`; Stopped between two steps if the run is told to stop.
    The summary's seconds are by stage: ingest (reading and planning), nlp, then resolve and write."""
    for step in STEPS:
        stopping.check()
        started = time.perf_counter()
        call(step, ctx)
        if step.stage != "store":
            ctx.seconds[step.stage] = ctx.seconds.get(step.stage, 0.0) + time.perf_counter() - started
        if step.report is not None:
            report(step.report(ctx))
    ctx.summary.seconds = {**ctx.seconds, **ctx.summary.seconds}
    return ctx.summary


def run(input_path: Path | str, output: Path | str = "output", *, model: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE, processes: int = 1, wait: float = 0,
        progress: RunProgress | None = None, release_model: bool = False,
        config: RunConfig | None = None) -> RunSummary:
    """Process the documents under `input_path` (a folder or a file) that are new or changed since the last
    run into `output`, and rewrite the tables. The options are `config`'s when given, else `model`,
    `batch_size` and `processes` with the environment's defaults (`RunConfig.from_environment`). Raises
    OutputBusy if another run holds `output` for longer than `wait` seconds. `progress` hears how the NLP goes
    (see RunProgress). `release_model`: let go of the spaCy model once the NLP is done, before resolution (for
    a process that runs once, like the command line; else the model stays loaded for the next run)."""
    config = config or RunConfig.from_environment(model=model, batch_size=batch_size, processes=processes)
    with output_lock(Path(output), wait):
        # worker processes start at once: they load the model while this process ingests
        mapper = NlpWorkers(config.processes, config) if config.processes > 1 else InThisThread(
            progress.document_done if progress is not None else None)
        try:
            return run_steps(RunContext(Path(input_path), Path(output), config, mapper, progress),
                             _releasing_the_model_after_nlp(release_model))
        finally:
            mapper.close(abandon=sys.exc_info()[0] is not None)


def _releasing_the_model_after_nlp(release_model: bool) -> StepCaller:
    """Call each step; after the NLP, stop the worker processes (at once if the run was stopped or failed)
    and, with `release_model`, let go of this process's spaCy model before resolution."""

    def call(step: Step, ctx: RunContext) -> None:
        if not step.maps_batches:
            step.run(ctx)
            return
        try:
            step.run(ctx)
        finally:
            ctx.mapper.close(abandon=sys.exc_info()[0] is not None)
            if release_model and isinstance(ctx.mapper, InThisThread):  # workers took their model with them
                release_pipelines()
                release_free_memory()

    return call
