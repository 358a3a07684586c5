"""News to tables, as a Prefect flow.

Reads every article under INPUT, sends the documents that are new or changed since the last run through the
spaCy pipeline in batches (one task per batch, never per document), resolves actors, agreements and events
across all documents, and writes the Parquet tables to OUTPUT atomically. Each step is a call into the
`extract` library, which also runs without Prefect (`extract run`). The run holds the output folder's lock;
its summary (counts, seconds per stage, throughput) is logged and published as a Markdown artifact.

    python -m flows.news_flow raw --output output [--task-runner threads|dask] [--dask-address tcp://HOST:8786]
"""
from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from flows.local_prefect import apply_ephemeral_defaults, shared_temporary_server, start_temporary_server

if apply_ephemeral_defaults() and __name__ == "__main__":
    start_temporary_server()  # the command line: the server boots while the imports below and the model load

from prefect import Flow, flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.states import Failed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from extract import pipeline  # noqa: E402
from extract.cli import EXIT_BUSY, EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_run_arguments, validate  # noqa: E402
from extract.nlp.model import ModelNotFound, resolve_model_name  # noqa: E402
from extract.records import DocResult, Document  # noqa: E402
from extract.store import OutputBusy, output_lock  # noqa: E402
from flows.task_runners import KINDS, make_task_runner  # noqa: E402

SUMMARY_ARTIFACT = "news-extract-run-summary"
BUSY = "OutputBusy"  # name of the Failed state of a run that found the output folder locked


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
def process_batch(batch: list[Document], model: str | None, processes: int) -> list[DocResult]:
    """spaCy and extraction over one batch of documents."""
    return pipeline.process_in_pool(batch, model, processes)


@task(name="resolve-and-store", cache_policy=NO_CACHE)
def store_tables(plan: pipeline.RunPlan) -> pipeline.RunSummary:
    """Resolve across all documents (cached and fresh) and write the tables atomically."""
    return pipeline.finish_run(plan)


@flow(name="news-extract", task_runner=ThreadPoolTaskRunner(max_workers=8))
def news_flow(input: str = "raw", output: str = "output", model: str | None = None,
              batch_size: int = pipeline.DEFAULT_BATCH_SIZE, processes: int = 1, wait: float = 0) -> str:
    """Process the new and changed articles under `input` and rewrite the seven tables in `output`.

    `processes` (threads task runner only): worker processes for the NLP. `wait`: seconds to wait for
    another run that holds `output`; after that this run ends Failed without touching the output."""
    logger = get_run_logger()
    with ExitStack() as held:
        try:
            held.enter_context(output_lock(Path(output), wait))
        except OutputBusy as exc:
            logger.error("%s", exc)
            return Failed(name=BUSY, message=str(exc))
        t0 = time.perf_counter()
        documents = ingest_documents(input, output)
        # quote(): Prefect need not look for futures inside thousands of documents.
        plan = plan_work(quote(documents), output, model)
        logger.info("%d documents: %d for the NLP, %d from the cache", len(documents), len(plan.todo), plan.n_cached)
        t1 = time.perf_counter()
        nlp_processes = _nlp_processes(processes)
        parts = pipeline.batches(plan.todo, batch_size, nlp_processes)
        futures = process_batch.map(parts, model=unmapped(model), processes=unmapped(nlp_processes))
        part_of = {future.task_run_id: part for future, part in zip(futures, parts)}
        for future in as_completed(futures):  # cache each batch as soon as it is done
            plan.add(part_of[future.task_run_id], future.result())
        t2 = time.perf_counter()
        summary = store_tables(plan)
    summary.seconds = {"ingest": t1 - t0, "nlp": t2 - t1, **summary.seconds}
    logger.info("%s", summary.line())
    create_markdown_artifact(key=SUMMARY_ARTIFACT, markdown=summary.markdown(), description=summary.line())
    return summary.line()


def _nlp_processes(processes: int) -> int:
    """Worker processes of the local pool: only under the threads runner (a Dask worker is a process)."""
    context = FlowRunContext.get()
    return processes if context and isinstance(context.task_runner, ThreadPoolTaskRunner) else 1


def with_task_runner(kind: str = "threads", *, dask_address: str | None = None, dask_workers: int = 2) -> Flow:
    """The flow on another task runner (see flows.task_runners)."""
    return news_flow.with_options(
        task_runner=make_task_runner(kind, dask_address=dask_address, dask_workers=dask_workers))


def add_task_runner_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the flow's command line and of `flows.serve`."""
    parser.add_argument("--task-runner", choices=KINDS, default="threads",
                        help="where the NLP batches run: threads of this process (with --processes, a process "
                             "pool) or a Dask cluster (default: threads)")
    parser.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                        help="scheduler of an existing Dask cluster (default: DASK_SCHEDULER_ADDRESS, else a "
                             "temporary LocalCluster)")
    parser.add_argument("--dask-workers", type=int, default=2,
                        help="worker processes of the temporary LocalCluster (default: 2)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.news_flow", description=__doc__.split("\n\n")[0])
    add_run_arguments(parser)
    add_task_runner_arguments(parser)
    args = parser.parse_args(argv)
    problem = validate(args) or ("--dask-workers must be at least 1" if args.dask_workers < 1 else None)
    if problem:
        print(f"news_flow: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        resolve_model_name(args.model)
    except ModelNotFound as exc:
        print(f"news_flow: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    runnable = with_task_runner(args.task_runner, dask_address=args.dask_address, dask_workers=args.dask_workers)
    if args.task_runner == "threads":
        pipeline.shared_workers(args.processes, args.model)  # they load the model while the server starts
    _import_run_modules()
    _read_input_ahead(args.input, args.output)
    with shared_temporary_server():
        state = runnable(input=str(args.input), output=str(args.output), model=args.model,
                         batch_size=args.batch_size, processes=args.processes, wait=args.wait, return_state=True)
    if not state.is_completed():
        print(f"news_flow: {state.message}", file=sys.stderr)
        return EXIT_BUSY if state.name == BUSY else EXIT_FAILED
    print(state.result())
    return EXIT_OK


def _read_input_ahead(input_path: Path, output: Path) -> None:
    """Read the input into the output's ingest cache now, while the temporary server boots: the flow's ingest
    task then finds every unchanged file there. Skipped when another run holds the output (the flow reports
    it); any other problem is left for the flow's ingest task to report."""
    try:
        with output_lock(Path(output), wait=0):
            pipeline.ingest_input(input_path, output)
    except OutputBusy:
        pass
    except Exception:  # noqa: BLE001  (the ingest task meets it again and fails the run with it)
        logging.getLogger("extract").debug("reading the input ahead failed", exc_info=True)


def _import_run_modules() -> None:
    """Import now, while the temporary server boots, what every run imports on its way: Prefect's flow and
    task engines and the encoder of flow parameters (FastAPI's), and pandas (pyarrow loads it for
    time-zone-aware timestamps)."""
    import fastapi.encoders  # noqa: F401
    import pandas  # noqa: F401
    import prefect.flow_engine  # noqa: F401
    import prefect.task_engine  # noqa: F401


if __name__ == "__main__":
    code = main()
    gc.freeze()  # the process ends: spare the collector a last pass over every object of Prefect and spaCy
    sys.exit(code)
