"""The Prefect flow's command line: `python -m flows.news_flow INPUT --output DIR [options]`.

It behaves like `extract run`: the same options, exit codes and one-line errors (a traceback only with
--debug), and SIGINT or SIGTERM stop it within seconds. Without a configured Prefect server it starts a
temporary one first thing, so that the server boots while this process imports Prefect and spaCy.

The flow itself is in flows/flow.py (`news_flow`, also served from here under that name, as deployments and
older scripts expect it). It runs in a thread of its own; the main thread only supervises. Python runs signal
handlers in the main thread alone, and a main thread blocked inside the flow (waiting for a batch) may not
run them until the batch is over; a supervisor that waits in short slices runs them at once, and asks the
flow to stop (`extract.stopping`). The flow then cancels its batches and ends in a Cancelled state, recorded
by the server, which a Ctrl-C on the terminal does not reach; only then is the server stopped.
"""
from __future__ import annotations

import argparse
import contextvars
import gc
import logging
import sys
import threading
from pathlib import Path
from typing import Any

from extract import stopping
from extract.cli import (EXIT_BUSY, EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_run_arguments, debugging, report_foreseen,
                         report_unforeseen, run_config, stopped_message, validate)

PROG = "news_flow"
_FROM_THE_FLOW = {"news_flow", "with_task_runner", "BUSY", "CANNOT_START", "SUMMARY_ARTIFACT"}


def __getattr__(name: str) -> Any:
    """The flow and its names, from flows/flow.py, imported when first asked for (PEP 562): the command line
    starts the temporary server before it imports Prefect's flow machinery."""
    if name in _FROM_THE_FLOW:
        import flows.flow

        return getattr(flows.flow, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parser() -> argparse.ArgumentParser:
    from extract.cli import EXIT_CODES

    p = argparse.ArgumentParser(prog="python -m flows.news_flow", epilog=EXIT_CODES,
                                description="News articles to Parquet tables, as a Prefect flow run.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(p)
    add_task_runner_arguments(p)
    return p


def add_task_runner_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the flow's command line and of `flows.serve`."""
    from flows.task_runners import KINDS

    parser.add_argument("--task-runner", choices=KINDS, default="threads",
                        help="where the NLP batches run: threads of this process (with --processes, a process "
                             "pool) or a Dask cluster (default: threads)")
    parser.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                        help="scheduler of an existing Dask cluster (default: DASK_SCHEDULER_ADDRESS, else a "
                             "temporary LocalCluster)")
    parser.add_argument("--dask-workers", type=int, default=2,
                        help="worker processes of the temporary LocalCluster (default: 2)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    problem = validate(args) or ("--dask-workers must be at least 1" if args.dask_workers < 1 else None)
    if problem:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    with stopping.stop_on_signals():
        try:
            return _main(args)
        except stopping.Stopped as stop:
            print(f"{PROG}: {stop}: {stopped_message(args.output)}", file=sys.stderr)
            return stop.exit_code
        except Exception as exc:  # noqa: BLE001  (the foreseeable ones become one line, and the others too)
            code = report_foreseen(PROG, exc, debugging(args))
            return report_unforeseen(PROG, exc, debugging(args)) if code is None else code
        finally:
            gc.freeze()  # the process ends: spare the collector a last pass over every object of Prefect and spaCy


def _main(args: argparse.Namespace) -> int:
    from flows.local_prefect import apply_ephemeral_defaults, start_temporary_server

    if apply_ephemeral_defaults():
        start_temporary_server()  # it boots while the imports below and the model load
    from extract.preflight import check_model, check_output

    check_output(args.output)
    check_model(args.model)
    from extract import pipeline
    from flows.console_logs import quiet_console
    from flows.local_prefect import shared_temporary_server
    from flows.flow import BUSY, CANNOT_START, with_task_runner

    runnable = with_task_runner(args.task_runner, dask_address=args.dask_address, dask_workers=args.dask_workers)
    if args.task_runner == "threads":
        pipeline.shared_workers(run_config(args))  # they load the model while the server starts
    _import_run_modules()
    read_input_ahead(args.input, args.output)
    with shared_temporary_server() as temporary_url, quiet_console(temporary=temporary_url is not None):
        state = run_supervised(runnable, input=str(args.input), output=str(args.output), model=args.model,
                               batch_size=args.batch_size, processes=args.processes, wait=args.wait)
    if state.is_cancelled() and stopping.requested() is not None:
        raise stopping.requested()
    if not state.is_completed():
        message = " ".join(str(state.message).split())
        print(f"{PROG}: {'error: ' if state.name != BUSY else ''}{message}", file=sys.stderr)
        return {BUSY: EXIT_BUSY, CANNOT_START: EXIT_USAGE}.get(state.name, EXIT_FAILED)
    print(state.result())
    return EXIT_OK


def run_supervised(runnable: Any, **parameters: Any) -> Any:
    """The final state of a flow run made in a thread of its own, while this (main) thread waits in short
    slices, so that a signal's handler runs at once and the flow hears it (`extract.stopping`)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["state"] = runnable(**parameters, return_state=True)
        except BaseException as exc:  # noqa: BLE001  (handed to the main thread)
            outcome["error"] = exc

    context = contextvars.copy_context()  # Prefect's settings (the server's URL) live in context variables
    thread = threading.Thread(target=context.run, args=(run,), name="flow-run")
    with stopping.only_recorded():
        thread.start()
        while thread.is_alive():
            thread.join(stopping.POLL_SECONDS)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["state"]


def read_input_ahead(input_path: Path, output: Path) -> None:
    """Read the input into the output's ingest cache now, while the temporary server boots: the flow's ingest
    task then finds every unchanged file there. Skipped when another run holds the output (the flow reports
    it); any other problem is left for the flow's ingest task to report."""
    from extract import pipeline
    from extract.store import OutputBusy, output_lock

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
    sys.exit(main())
