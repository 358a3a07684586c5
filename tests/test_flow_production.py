"""The Prefect flow in production: incremental, its run summary published as an artifact, a locked output
ends the run cleanly, and Dask workers produce the same tables as the local runner."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from extract import pipeline
from extract.store import output_lock

from .conftest import RAW, ROOT
from .corpus import assert_same_tables, read_tables, write_corpus

pytestmark = pytest.mark.slow


def test_second_run_reads_nothing_again_and_publishes_its_summary(tmp_path, prefect_harness, nlp):
    from prefect.artifacts import Artifact

    from flows.flow import SUMMARY_ARTIFACT, news_flow

    raw, out = write_corpus(tmp_path / "raw"), tmp_path / "out"
    first = news_flow(input=str(raw), output=str(out), batch_size=2)
    before = read_tables(out)
    second = news_flow(input=str(raw), output=str(out), batch_size=2)
    assert "NLP on 5, 0 from cache" in first and "NLP on 0, 5 from cache" in second
    assert_same_tables(read_tables(out), before)

    report = Artifact.get(SUMMARY_ARTIFACT)
    assert report is not None and report.type == "markdown"
    for line in ("| ok | 5 |", "| read by the NLP in this run | 0 |", "| results reused from earlier runs | 5 |",
                 "| ingest |", "| nlp |", "| resolve |", "| write |", "NLP throughput:", "| actors |"):
        assert line in report.data, line


def test_a_run_on_a_locked_output_ends_failed_with_a_clear_message(tmp_path, prefect_harness):
    from flows.flow import BUSY, news_flow

    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt"]), tmp_path / "out"
    with output_lock(out):
        state = news_flow(input=str(raw), output=str(out), return_state=True)
    assert state.is_failed() and state.name == BUSY
    assert "being written by another run" in state.message
    assert not list(out.glob("*.parquet"))


def test_serving_without_a_server_is_a_clear_usage_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    result = subprocess.run([sys.executable, "-m", "flows.serve", str(RAW), "--output", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 2 and "no Prefect server configured" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    """The sample articles and the test articles: ten documents, one of them a near copy."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in RAW.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return write_corpus(folder)


@pytest.fixture(scope="module")
def local_tables(mixed_corpus, tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("local")
    pipeline.run(mixed_corpus, out)
    return read_tables(out, drop_processed_at=True)


def model_loads() -> int:
    """How many times this process loaded a spaCy pipeline (run on each Dask worker)."""
    from extract.nlp.model import _load

    return _load.cache_info().misses


def test_dask_cluster_writes_the_same_tables_and_loads_the_model_once_per_worker(
        mixed_corpus, local_tables, tmp_path, prefect_harness):
    from distributed import Client, LocalCluster

    from flows.flow import with_task_runner

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        on_dask = with_task_runner("dask", dask_address=cluster.scheduler_address)
        line = on_dask(input=str(mixed_corpus), output=str(tmp_path / "out"), batch_size=2)
        loads = client.run(model_loads)
    assert "NLP on 10, 0 from cache" in line
    assert_same_tables(read_tables(tmp_path / "out", drop_processed_at=True), local_tables)
    assert sorted(loads.values()) == [1, 1], "each worker loads the model once for its several batches"


def test_flow_command_line_on_a_temporary_local_cluster(mixed_corpus, local_tables, tmp_path, prefect_harness):
    from flows.news_flow import main

    assert main([str(mixed_corpus), "--output", str(tmp_path / "out"), "--task-runner", "dask",
                 "--dask-workers", "2", "--batch-size", "3"]) == 0
    assert_same_tables(read_tables(tmp_path / "out", drop_processed_at=True), local_tables)


@pytest.mark.parametrize("status, shown", [("running", True), ("closing", False), ("closed", False)])
def test_worker_heartbeat_failure_is_hidden_only_while_the_worker_stops(status, shown):
    import logging
    from types import SimpleNamespace

    from distributed.core import Status

    from flows.dask_worker import HeartbeatAtShutdown

    keep = HeartbeatAtShutdown(SimpleNamespace(status=Status[status])).filter
    heartbeat = logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1,
                                  "Failed to communicate with scheduler during heartbeat.", None, None)
    other = logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1, "Compute failed", None, None)
    assert keep(heartbeat) is shown and keep(other) is True


def prefect_servers() -> set[int]:
    """Processes serving Prefect's API (the test harness's own server among them)."""
    import psutil

    found = set()
    for process in psutil.process_iter(["cmdline"]):
        if any("prefect.server.api.server:create_app" in part for part in process.info["cmdline"] or []):
            found.add(process.pid)
    return found


def test_flow_command_without_a_server_starts_a_temporary_one_and_stops_it(tmp_path):
    """`python -m flows.news_flow` in ephemeral mode: the temporary server it starts first thing serves the
    run and is gone when the command ends."""
    raw, out = write_corpus(tmp_path / "raw", ["pipeline.txt", "summit.txt"]), tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    before = prefect_servers()
    result = subprocess.run([sys.executable, "-m", "flows.news_flow", str(raw), "--output", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "NLP on 2, 0 from cache" in result.stdout
    assert len(read_tables(out)["documents"]) == 2
    assert not prefect_servers() - before, "server left running"
