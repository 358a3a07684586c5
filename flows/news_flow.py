"""News to tables, as a Prefect flow.

Reads every article under INPUT, runs the spaCy pipeline over batches of documents (one task per batch,
never per document), resolves actors, agreements and events across all of them, and writes the Parquet
tables to OUTPUT. Each step is a call into the `extract` library, which also runs without Prefect
(`extract run`).

    python -m flows.news_flow raw --output output [--model NAME] [--batch-size 64] [--processes 2]
"""
from __future__ import annotations

import argparse
import sys

from flows.local_prefect import apply_ephemeral_defaults

apply_ephemeral_defaults()

from prefect import flow, task, unmapped  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from extract import pipeline  # noqa: E402
from extract.cli import add_run_arguments, validate  # noqa: E402
from extract.ingest import ingest  # noqa: E402
from extract.records import DocResult, Document  # noqa: E402


@task(name="ingest", retries=1, cache_policy=NO_CACHE)
def ingest_documents(input_path: str) -> list[Document]:
    """Discover and decode every input document (rejected ones included)."""
    return ingest(input_path)


@task(name="nlp-batch", retries=1, cache_policy=NO_CACHE)
def process_batch(batch: list[Document], model: str | None, processes: int) -> list[DocResult]:
    """spaCy and extraction over one batch of documents."""
    return pipeline.process_in_pool(batch, model, processes)


@task(name="resolve-and-store", cache_policy=NO_CACHE)
def store_tables(results: list[DocResult], output: str, model: str | None) -> pipeline.RunSummary:
    """Resolve across documents and write the tables atomically."""
    return pipeline.build_output(results, output, model)


@flow(name="news-extract", task_runner=ThreadPoolTaskRunner(max_workers=8))
def news_flow(input: str = "raw", output: str = "output", model: str | None = None,
              batch_size: int = pipeline.DEFAULT_BATCH_SIZE, processes: int = 1) -> str:
    """Process the articles under `input` and write the seven tables to `output`."""
    documents = ingest_documents(input)
    parts = pipeline.batches(documents, batch_size)
    futures = process_batch.map(parts, model=unmapped(model), processes=unmapped(processes))
    results = [result for future in futures for result in future.result()]
    summary = store_tables(results, output, model)
    print(summary.line())
    return summary.line()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.news_flow", description=__doc__.split("\n\n")[0])
    add_run_arguments(parser)
    args = parser.parse_args(argv)
    problem = validate(args)
    if problem:
        print(f"news_flow: error: {problem}", file=sys.stderr)
        return 2
    news_flow(input=str(args.input), output=str(args.output), model=args.model,
              batch_size=args.batch_size, processes=args.processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
