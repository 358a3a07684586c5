"""Stopping a run. SIGINT (a terminal's Ctrl-C, sent to the whole process group) and SIGTERM end a real
`extract run` and a real flow run in a subprocess within seconds, with exit code 130 or 143 and one line
that says what happened; the previous tables stay whole and readable, the flow run ends Cancelled, and the
next run resumes from the cache. After kill -9 of a flow process, no process it started is left.

The signal is sent once the run is in the middle of its NLP (its first batch is cached), so that there is
work in hand to abandon."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from extract import pipeline
from extract.tables import TABLES
from extract.store import output_lock, state_dir

from .conftest import ROOT
from .corpus import assert_same_tables, read_tables, write_corpus

pytestmark = pytest.mark.slow

FIRST = ["pipeline.txt", "fisheries.txt"]
N_MORE = 40  # articles added after the first run: NLP for several seconds, in batches of 2


@pytest.fixture()
def previous_run(tmp_path, nlp):
    """An output folder from a finished run on two articles, then many more articles in the input."""
    raw, out = write_corpus(tmp_path / "raw", FIRST), tmp_path / "out"
    pipeline.run(raw, out)
    before = read_tables(out)
    for i in range(N_MORE):
        (raw / f"more-{i:02d}.txt").write_text(article(i), encoding="utf-8")
    return raw, out, before


COUNTRIES = ["Kenya", "Peru", "Norway", "Ghana", "Chile", "Brazil", "Japan", "Egypt", "Poland", "Canada", "Mexico",
             "Spain", "India", "Nepal", "Oman", "Fiji", "Laos", "Chad", "Cuba", "Iraq"]
TOPICS = ["fisheries", "railway", "tariff", "water", "energy", "border", "health", "customs", "satellite", "grain"]
MONTHS = ["January", "March", "April", "June", "July", "September", "October", "November"]


def article(i: int) -> str:
    """A short report of its own (no two are near copies, which would change the first articles' status)."""
    a, b = COUNTRIES[i % 20], COUNTRIES[(i * 7 + 3) % 20]
    b = b if b != a else COUNTRIES[(i + 1) % 20]
    topic, month, year = TOPICS[i % 10], MONTHS[i % 8], 2000 + i % 23
    minister = f"{['Ana', 'Li', 'Omar', 'Eva', 'Raj'][i % 5]} {['Torres', 'Berg', 'Mensah', 'Sato', 'Novak'][i // 8 % 5]}"
    return (f"{a} and {b} agree on {topic}\n"
            f"{a} and {b} signed a {topic} accord on {month} {i % 27 + 1}, {year}, after {i % 9 + 2} years of talks.\n"
            f"Minister {minister} said the {topic} accord with {b} would take effect in {year + 1}.\n"
            f"Officials from {b} met their counterparts from {a} in the capital of {a} the day before.\n"
            f"{b} imposed sanctions on smugglers of {topic} goods in {year - 1}, the ministry said.\n")


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    """A command in a process group of its own, as a terminal starts a foreground job."""
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_first_batch(process: subprocess.Popen, out: Path) -> None:
    """Poll until the run has cached the results of a batch (its NLP is under way)."""
    cache = state_dir(out) / "cache"
    seen = set(cache.glob("part-*.parquet"))  # parts of results (not the temporary files they are written as)
    deadline = time.monotonic() + 300
    while not set(cache.glob("part-*.parquet")) - seen:
        assert process.poll() is None, f"the run ended first:\n{process.communicate()[1][-3000:]}"
        assert time.monotonic() < deadline, "no batch was cached within 300 s"
        time.sleep(0.02)


def send(process: subprocess.Popen, signum: int) -> None:
    if signum == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals every process of the group
    else:
        process.send_signal(signum)


def assert_previous_tables_intact(out: Path, before: dict) -> None:
    assert_same_tables(read_tables(out), before)
    for name in TABLES:
        assert len(pd.read_parquet(out / f"{name}.parquet")) == before[name].num_rows
    with output_lock(out):  # the stopped run let go of the output
        pass


def assert_next_run_resumes(raw: Path, out: Path) -> None:
    summary = pipeline.run(raw, out)
    assert summary.n_documents == len(FIRST) + N_MORE
    assert summary.n_cached >= len(FIRST) + 2, "the batches done before the stop were kept"
    assert summary.n_processed + summary.n_cached == summary.n_documents


def only_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr[-3000:]
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_extract_run_stops_cleanly(signum, previous_run):
    raw, out, before = previous_run
    run = start([sys.executable, "-m", "extract", "run", str(raw), "--output", str(out), "--batch-size", "2",
                 "--quiet"])
    try:
        wait_for_first_batch(run, out)
        send(run, signum)
        stdout, stderr = run.communicate(timeout=60)
    finally:
        run.kill()
    assert run.returncode == 128 + signum
    line = only_line(stderr)
    assert line.startswith(f"extract: stopped by {signal.Signals(signum).name}: the tables in {out} were left")
    assert "are cached and the next run resumes from the cache" in line
    assert not stdout
    assert_previous_tables_intact(out, before)
    assert_next_run_resumes(raw, out)


def flow_command(raw: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "flows.news_flow", str(raw), "--output", str(out), "--batch-size", "2", *options]


def ephemeral_env() -> dict[str, str]:
    """No Prefect server configured: the command starts its temporary one (PREFECT_HOME is the session's)."""
    return {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}


def final_state_of_flow_run(out: Path) -> str:
    """The state type the temporary server recorded for the flow run that wrote to `out`."""
    with sqlite3.connect(Path(os.environ["PREFECT_HOME"]) / "prefect.db") as db:
        runs = db.execute("SELECT parameters, state_type FROM flow_run ORDER BY created").fetchall()
    states = [state for parameters, state in runs if json.loads(parameters).get("output") == str(out)]
    assert states, "no flow run recorded for this output"
    return states[-1]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_flow_run_stops_cleanly_and_ends_cancelled(signum, previous_run):
    raw, out, before = previous_run
    run = start(flow_command(raw, out), ephemeral_env())
    try:
        wait_for_first_batch(run, out)
        started = psutil.Process(run.pid).children(recursive=True)
        send(run, signum)
        stdout, stderr = run.communicate(timeout=120)
    finally:
        run.kill()
    assert run.returncode == 128 + signum
    line = only_line(stderr)
    assert line == (f"news_flow: stopped by {signal.Signals(signum).name}: the tables in {out} were left as they "
                    "were; the next run resumes from the cache")
    assert not stdout
    assert final_state_of_flow_run(out) == "CANCELLED"
    assert_previous_tables_intact(out, before)
    assert_next_run_resumes(raw, out)
    assert started and not alive(started), "the temporary server stopped with the run"


def alive(processes: list[psutil.Process]) -> list[int]:
    """The processes of the list that still run (a zombie, waiting to be reaped, has ended)."""
    running = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                running.append(process.pid)
        except psutil.NoSuchProcess:
            pass
    return running


def test_kill_9_of_a_flow_leaves_no_process_behind(previous_run):
    raw, out, _ = previous_run
    run = start(flow_command(raw, out, "--processes", "2"), ephemeral_env())
    try:
        wait_for_first_batch(run, out)
        started = psutil.Process(run.pid).children(recursive=True)
        commands = [" ".join(p.cmdline()) for p in started]
        assert any("flows.temporary_server" in c for c in commands), commands  # the server...
        assert len(started) >= 3, commands  # ... and the two NLP worker processes
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
    finally:
        run.kill()
        run.communicate()
    deadline = time.monotonic() + 60
    while alive(started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(started), [(p.pid, " ".join(p.cmdline())) for p in started if p.pid in alive(started)]
