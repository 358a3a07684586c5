"""Where the flow's NLP tasks run: threads of the flow's process (optionally feeding a process pool), or a
Dask cluster through prefect-dask, either a temporary LocalCluster or an existing scheduler.

A Dask worker keeps its spaCy model between tasks (`extract.nlp.model` caches it per process), so every
worker loads the model once, not once per batch.
"""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Prefect is imported when a runner is made: the command lines read KINDS before
    from prefect.task_runners import TaskRunner

KINDS = ("threads", "dask")
THREADS = 8  # batch tasks in flight; the NLP itself runs one batch at a time per process


def make_task_runner(kind: str = "threads", *, dask_address: str | None = None,
                     dask_workers: int = 2) -> TaskRunner:
    """A task runner by name. For "dask": the scheduler at `dask_address` (or at Dask's own setting
    `scheduler-address`, e.g. the DASK_SCHEDULER_ADDRESS environment variable), else a LocalCluster of
    `dask_workers` single-threaded worker processes that lives as long as the flow run."""
    from prefect.task_runners import ThreadPoolTaskRunner

    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=THREADS)
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r} (choose from {', '.join(KINDS)})")
    # Dask logs every worker start and stop at INFO; keep warnings (unless the user configured otherwise).
    os.environ.setdefault("DASK_DISTRIBUTED__LOGGING__DISTRIBUTED", "warning")
    import dask
    from prefect_dask import DaskTaskRunner

    logging.getLogger("distributed").setLevel(dask.config.get("distributed.logging.distributed", "warning").upper())

    address = dask_address or dask.config.get("scheduler-address", None)
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": dask_workers, "threads_per_worker": 1, "processes": True,
                                          "preload": ["flows.dask_worker"]})
