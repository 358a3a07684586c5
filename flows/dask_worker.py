"""Set-up of every worker process of the flow's temporary LocalCluster (a Dask preload module).

A worker that stops while a heartbeat to its scheduler is in flight closes the heartbeat's connection itself,
and distributed logs that as an error with a traceback at the end of every such run. The filter below drops
exactly that message, and only once the worker is stopping; a failed heartbeat of a running worker is
still logged.

Workers of a LocalCluster are in the terminal's process group: a Ctrl-C reaches them too, and each would
die with a KeyboardInterrupt traceback. They ignore it: the flow's process, told to stop, cancels the run
and closes the cluster.
"""
from __future__ import annotations

import logging
import signal
import threading

from distributed import Worker
from distributed.core import Status

_STOPPING = {Status.closing, Status.closing_gracefully, Status.closed}
_HEARTBEAT_FAILED = "Failed to communicate with scheduler during heartbeat"


class HeartbeatAtShutdown(logging.Filter):
    """Drops the heartbeat failure of a worker that is stopping."""

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker = worker

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.getMessage().startswith(_HEARTBEAT_FAILED) and self.worker.status in _STOPPING)


def dask_setup(worker: Worker) -> None:
    """Called by Dask in each worker process when it starts."""
    logging.getLogger("distributed.worker").addFilter(HeartbeatAtShutdown(worker))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
