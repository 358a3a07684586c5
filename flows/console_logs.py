"""What the flow's command line shows of Prefect's log on the console (the server still gets every record).

Left out: the run's summary line (the command prints it on stdout, once, as `extract run` does); "View at
http://127.0.0.1:PORT/runs/..." when the server is the temporary one, gone when the command ends; and the
"Finished in state Cancelled" of a run that was told to stop and of its batches (the command's one line says
what happened).
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

SUMMARY = "extract_summary"  # attribute of the log record of a run's summary (see flows.flow)


class ConsoleFilter(logging.Filter):
    def __init__(self, temporary_server: bool) -> None:
        super().__init__()
        self.temporary_server = temporary_server

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, SUMMARY, False):
            return False
        message = record.getMessage()
        if self.temporary_server and message.startswith("View at "):
            return False
        return not message.startswith("Finished in state Cancelled")


@contextmanager
def quiet_console(temporary: bool) -> Iterator[None]:
    """Filter the console handlers of Prefect's logging configuration for as long as the block runs."""
    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.root.manager.loggerDict))]
    handlers = {h for logger in loggers for h in getattr(logger, "handlers", []) if isinstance(h, PrefectConsoleHandler)}
    shown = ConsoleFilter(temporary)
    for handler in handlers:
        handler.addFilter(shown)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(shown)
