"""The process of the temporary Prefect server (`flows.local_prefect.TemporaryServer`): uvicorn serving
Prefect's API, ended as soon as the process that started it is gone.

The server runs in a session of its own, so that a Ctrl-C on the terminal reaches the run and not the server
(the run still needs it to record how it ended); the run stops it when done. A run killed outright (kill -9,
the out-of-memory killer) cannot stop it: so the server watches its parent, and leaves when it is gone
(re-parented processes get a new parent id), instead of staying behind with its 200 MB.

    python -m flows.temporary_server PARENT_PID UVICORN_ARGUMENTS...
"""
from __future__ import annotations

import os
import sys
import threading
import time

WATCH_SECONDS = 0.5


def exit_with_parent(parent: int) -> None:
    """Leave (at once: there is no one left to answer) when the parent process is gone."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(0)


def main(argv: list[str]) -> None:
    parent = int(argv[0])
    threading.Thread(target=exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    import uvicorn

    sys.argv = ["uvicorn", *argv[1:]]
    uvicorn.main()


if __name__ == "__main__":
    main(sys.argv[1:])
