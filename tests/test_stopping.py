"""extract.stopping: what a signal does to a run of this process."""
from __future__ import annotations

import os
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest

from extract import stopping


def test_a_signal_stops_the_main_thread_at_once():
    before = signal.getsignal(signal.SIGTERM)
    with stopping.stop_on_signals():
        with pytest.raises(stopping.Stopped) as stopped:
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(10**8):  # the handler runs between two bytecodes
                pass
    assert stopped.value.exit_code == 143 and str(stopped.value) == "stopped by SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is before and stopping.requested() is None


def test_while_supervising_a_signal_is_recorded_for_the_threads_that_check():
    with stopping.stop_on_signals(), stopping.only_recorded():
        os.kill(os.getpid(), signal.SIGINT)
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(lambda: [stopping.check() for _ in iter(int, 1)])  # checks until stopped
            with pytest.raises(stopping.Stopped):
                stopping.result(waiting)  # a wait on it ends with the stop
            with pytest.raises(stopping.Stopped):
                waiting.result(timeout=60)  # and the worker thread stopped between two checks
        assert stopping.requested().exit_code == 130
    assert stopping.requested() is None
