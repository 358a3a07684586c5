"""Scheduled runs against a real Prefect server (`prefect server start` on 127.0.0.1, SQLite in a temporary
PREFECT_HOME), driven through Prefect's own command line the way the README tells a user to:

1. `python -m flows.serve` creates the deployment (hourly cron schedule, one run at a time) and runs its flow
   runs; the server schedules the next hourly runs; `prefect deployment run` triggers one.
2. A run triggered while another run holds the output folder ends Failed with a clear message.
3. `prefect deploy --all` reads prefect.yaml; a process worker runs both deployments (threads and Dask).

No log of the server, the served flow or the worker may show a traceback.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from extract.store import output_lock

from .conftest import ROOT
from .corpus import assert_same_tables, read_tables, write_corpus

pytestmark = pytest.mark.slow

PREFECT = [sys.executable, "-m", "prefect"]
ARTICLES = ["pipeline.txt", "fisheries.txt", "summit.txt"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `prefect server start` of our own, with the environment its clients need."""

    def __init__(self, home: Path, logs: Path) -> None:
        self.logs = logs
        self.port = free_port()
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("PREFECT_API", "PREFECT_SERVER_SERVICES", "PREFECT_LOGGING"))}
        self.env = {**base, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                    "PREFECT_CLI_PROMPT": "false", "PWD": str(ROOT)}
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.client_env = {**self.env, "PREFECT_API_URL": self.api_url}
        self.processes: list[subprocess.Popen] = []

    def start_process(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append(process)
        return process

    def start(self) -> None:
        self.start_process("server", [*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                           self.env)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            assert self.processes[0].poll() is None, self.log("server")
            time.sleep(0.5)
        raise AssertionError("the Prefect server did not start:\n" + self.log("server"))

    def cli(self, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        result = subprocess.run([*PREFECT, *args], cwd=ROOT, env=self.client_env, capture_output=True, text=True,
                                timeout=timeout)
        if check:
            assert result.returncode == 0, f"prefect {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prefect-server")
    (folder / "logs").mkdir()
    server = Server(folder / "home", folder / "logs")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def api(server: Server):
    """A client of the test server for reading what it holds."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class Session:
        def __enter__(self):
            self._settings = temporary_settings(updates={PREFECT_API_URL: server.api_url})
            self._settings.__enter__()
            self._client = get_client(sync_client=True)
            return self._client.__enter__()

        def __exit__(self, *exc):
            self._client.__exit__(*exc)
            self._settings.__exit__(*exc)

    return Session()


def scheduled_runs(client, deployment) -> list:
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId, FlowRunFilter
    from prefect.client.schemas.filters import FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType

    return client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
        flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))))


def stop_schedules(client, deployment) -> None:
    """So that no scheduled run starts during the test, whatever the time of day."""
    for schedule in deployment.schedules:
        client.update_deployment_schedule(deployment.id, schedule.id, active=False)
    for run in scheduled_runs(client, deployment):
        client.delete_flow_run(run.id)


def run_id(cli_output: str) -> str:
    return next(line.split("/flow-run/")[1].strip() for line in cli_output.splitlines() if "/flow-run/" in line)


def test_served_deployment_is_scheduled_and_runs_when_triggered(server, tmp_path):
    from datetime import datetime, timezone

    # Hourly, at a minute far from now, so that no scheduled run starts while the test runs.
    minute = (datetime.now(timezone.utc).minute + 30) % 60
    raw, out = write_corpus(tmp_path / "raw", ARTICLES), tmp_path / "out"
    serving = server.start_process("serve", [sys.executable, "-m", "flows.serve", str(raw), "--output", str(out),
                                             "--cron", f"{minute} * * * *"], server.client_env)
    deadline = time.monotonic() + 120
    while server.cli("deployment", "inspect", "news-extract/hourly", check=False).returncode != 0:
        assert serving.poll() is None and time.monotonic() < deadline, server.log("serve")
        time.sleep(1)

    with api(server) as client:
        deployment = client.read_deployment_by_name("news-extract/hourly")
        assert [s.schedule.cron for s in deployment.schedules] == [f"{minute} * * * *"]
        assert deployment.global_concurrency_limit.limit == 1
        assert deployment.concurrency_options.collision_strategy.value == "CANCEL_NEW"
        scheduled = []
        while not scheduled and time.monotonic() < deadline + 60:  # the server's scheduler fills the hours ahead
            scheduled = scheduled_runs(client, deployment)
            time.sleep(1)
        assert scheduled and all(r.expected_start_time.minute == minute for r in scheduled)

    watched = server.cli("deployment", "run", "news-extract/hourly", "--watch", "--watch-timeout", "240")
    assert "Completed" in watched.stdout
    docs = read_tables(out)["documents"].to_pylist()
    assert sorted(d["source"] for d in docs) == sorted(ARTICLES) and {d["status"] for d in docs} == {"ok"}

    with output_lock(out):  # another run holds the output: the triggered run ends Failed, cleanly
        busy = server.cli("deployment", "run", "news-extract/hourly", "--watch", "--watch-timeout", "240",
                          check=False)
    with api(server) as client:
        state = client.read_flow_run(run_id(busy.stdout)).state
    assert state.is_failed() and state.name == "OutputBusy" and "being written by another run" in state.message

    os.killpg(serving.pid, signal.SIGINT)  # Ctrl-C
    serving.wait(timeout=60)
    for name in ("server", "serve"):
        assert "Traceback" not in server.log(name), server.log(name)


def test_prefect_yaml_deployments_run_on_a_process_worker(server, tmp_path):
    raw = write_corpus(tmp_path / "raw", ARTICLES)
    server.cli("work-pool", "create", "news-local", "--type", "process")
    server.cli("--no-prompt", "deploy", "--all")
    with api(server) as client:
        for name in ("hourly", "hourly-dask"):
            deployment = client.read_deployment_by_name(f"news-extract/{name}")
            assert [s.schedule.cron for s in deployment.schedules] == ["0 * * * *"]
            assert deployment.work_pool_name == "news-local" and deployment.global_concurrency_limit.limit == 1
            stop_schedules(client, deployment)

    outputs = {name: tmp_path / name for name in ("hourly", "hourly-dask")}
    for name, out in outputs.items():
        server.cli("deployment", "run", f"news-extract/{name}", "--param", f"input={raw}", "--param",
                   f"output={out}", "--param", "batch_size=1")
    worker = server.start_process("worker", [*PREFECT, "worker", "start", "--pool", "news-local", "--run-once"],
                                  server.client_env)
    assert worker.wait(timeout=300) == 0, server.log("worker")
    assert "Traceback" not in server.log("worker"), server.log("worker")
    assert_same_tables(read_tables(outputs["hourly"], drop_processed_at=True),
                       read_tables(outputs["hourly-dask"], drop_processed_at=True))
    assert len(read_tables(outputs["hourly"])["documents"]) == len(ARTICLES)
    assert "Traceback" not in server.log("server"), server.log("server")
