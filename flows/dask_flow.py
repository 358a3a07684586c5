"""The news flow on Dask, for deployments from prefect.yaml (`hourly-dask`): the scheduler named by Dask's
own setting (DASK_SCHEDULER_ADDRESS=tcp://HOST:8786 in the worker's environment), else a temporary
LocalCluster of two worker processes on the machine that runs the flow."""
from __future__ import annotations

from flows.flow import with_task_runner

news_flow_dask = with_task_runner("dask")
