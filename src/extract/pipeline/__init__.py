"""The whole pipeline as plain Python: ingest -> plan -> NLP over batches (optionally in several processes)
-> resolve -> tables -> Parquet, as one sequence of steps (`extract.pipeline.sequence`) that the command line
and the Prefect flow in `flows/` both follow. A run holds the output folder's lock from start to end
(`extract.store.output_lock`).

    sequence.py   the steps over a run context, and `run`
    plan.py       what the NLP must read (the cache), and the tables from every document's results
    workers.py    where the batches run: this thread, a thread of its own, worker processes
    summary.py    what a run did, as a line and as Markdown
"""
from extract.pipeline.plan import INGEST_CACHE, RunPlan, finish_run, ingest_input, plan_run
from extract.pipeline.sequence import STEPS, BatchMapper, RunContext, RunProgress, Step, run, run_steps
from extract.pipeline.summary import RunSummary, count_words
from extract.pipeline.workers import (MIN_SHARED_BATCH, InThisThread, NlpWorkers, analyze_batch, batches,
                                      process_in_pool, shared_workers, stop_shared_workers)
from extract.settings import DEFAULT_BATCH_SIZE, RunConfig

__all__ = ["DEFAULT_BATCH_SIZE", "INGEST_CACHE", "MIN_SHARED_BATCH", "STEPS", "BatchMapper", "InThisThread",
           "NlpWorkers", "RunConfig", "RunContext", "RunPlan", "RunProgress", "RunSummary", "Step",
           "analyze_batch", "batches", "count_words", "finish_run", "ingest_input", "plan_run", "process_in_pool",
           "run", "run_steps", "shared_workers", "stop_shared_workers"]
