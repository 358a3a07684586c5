"""Serve the news flow on an hourly schedule: a long-running process that creates (or updates) the
deployment `news-extract/<name>` on the configured Prefect server and runs its flow runs, scheduled or
triggered, until it is stopped.

    prefect server start --host 127.0.0.1                     # another terminal; SQLite in PREFECT_HOME
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    python -m flows.serve raw --output output                 # every hour at minute 0
    prefect deployment run news-extract/hourly                # one more run, now

The deployment lets one run at a time touch the output folder (a Prefect concurrency limit of 1; a run
due while another is running is cancelled, and the next one picks up its work since runs are incremental).
"""
from __future__ import annotations

import argparse
import sys

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

from extract.cli import EXIT_USAGE, add_run_arguments, validate
from flows.flow import with_task_runner
from flows.local_prefect import configured_api_url
from flows.news_flow import add_task_runner_arguments

HOURLY = "0 * * * *"
ONE_RUN_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.split("\n\n")[0])
    add_run_arguments(parser)
    add_task_runner_arguments(parser)
    parser.add_argument("--name", default="hourly", help="deployment name (default: hourly)")
    parser.add_argument("--cron", default=HOURLY, help=f"schedule, a cron expression in UTC (default: '{HOURLY}')")
    args = parser.parse_args(argv)
    problem = validate(args) or (None if configured_api_url() else
                                 "no Prefect server configured: start one (prefect server start --host 127.0.0.1) "
                                 "and set PREFECT_API_URL=http://127.0.0.1:4200/api")
    if problem:
        print(f"serve: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    served = with_task_runner(args.task_runner, dask_address=args.dask_address, dask_workers=args.dask_workers)
    served.serve(
        name=args.name,
        cron=args.cron,
        global_limit=ONE_RUN_AT_A_TIME,
        parameters={"input": str(args.input.resolve()), "output": str(args.output.resolve()), "model": args.model,
                    "batch_size": args.batch_size, "processes": args.processes, "wait": args.wait},
        tags=["news-extract"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
