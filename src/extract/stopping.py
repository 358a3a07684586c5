"""Stopping a run cleanly when it is told to: SIGINT (Ctrl-C) or SIGTERM.

A stopped run abandons the batch in hand and leaves the output as it was: results are cached batch by batch
and the tables are switched in as one snapshot, so nothing is half-written and the next run resumes from the
cache. The command lines install the handlers (`stop_on_signals`); the library asks between documents whether
a stop was requested (`check`), so the NLP stops within a document also when it runs in another thread than
the one the signal interrupts (the Prefect flow's).

Why not KeyboardInterrupt alone: Python raises it only in the main thread, and only once that thread runs
Python code again. A main thread blocked on a lock (waiting for a worker thread or process) may not wake up
until the wait is over, so whoever waits must wait in short slices (`result`); and SIGTERM, which
service managers and `kill` send, raises nothing by default: the process just dies.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TypeVar

SIGNALS = (signal.SIGINT, signal.SIGTERM)
POLL_SECONDS = 0.2  # how long a waiting thread may go without looking for a stop request
T = TypeVar("T")


class Stopped(BaseException):
    """The run was told to stop. A BaseException, like KeyboardInterrupt: the handlers that keep a run going
    when one document fails (`except Exception`) must not swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def signal_name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        """The shell's code for a process ended by the signal: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum

    def __str__(self) -> str:
        return f"stopped by {self.signal_name}"


_requested = threading.Event()
_signum = 0
_raise_in_main = threading.Event()  # set: the handler raises Stopped in the main thread at once


def request(signum: int = signal.SIGINT) -> None:
    """Ask the run in this process to stop (what the signal handlers do)."""
    global _signum
    _signum = signum
    _requested.set()


def requested() -> Stopped | None:
    """The pending stop request, if any."""
    return Stopped(_signum) if _requested.is_set() else None


def check() -> None:
    """Raise Stopped if the run was asked to stop: called between documents and between stages."""
    if _requested.is_set():
        raise Stopped(_signum)


def reset() -> None:
    """Forget a stop request (the next run in this process starts afresh)."""
    _requested.clear()


def _handler(signum: int, frame: object) -> None:
    if _requested.is_set():  # a second signal: the user insists, leave now (children watch for this)
        os._exit(128 + signum)
    request(signum)
    if _raise_in_main.is_set():
        raise Stopped(signum)


@contextmanager
def stop_on_signals(raise_at_once: bool = True) -> Iterator[None]:
    """SIGINT and SIGTERM stop the run: a first signal asks it to stop (and, with `raise_at_once`, raises
    Stopped in the main thread where it runs), a second one ends the process at once. Must be entered in
    the main thread. The previous handlers come back on exit, and the request is forgotten (a process that
    runs again, a notebook or a test, starts afresh)."""
    reset()
    previous = {signum: signal.signal(signum, _handler) for signum in SIGNALS}
    if raise_at_once:
        _raise_in_main.set()
    try:
        yield
    finally:
        _raise_in_main.clear()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        reset()


@contextmanager
def only_recorded() -> Iterator[None]:
    """While the main thread only supervises another thread that polls `requested()`: signals are recorded,
    not raised (an exception in the middle of the supervisor's bookkeeping would be of no use)."""
    was_raising = _raise_in_main.is_set()
    _raise_in_main.clear()
    try:
        yield
    finally:
        if was_raising:
            _raise_in_main.set()


def result(future: Future[T]) -> T:
    """The result of a concurrent future, waited for in slices: between them this thread runs Python code, so
    a signal handler (which runs only in the main thread) runs, and a stop request is seen, within
    POLL_SECONDS."""
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            check()
