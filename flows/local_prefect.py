"""Defaults for running flows without a Prefect server (ephemeral mode), applied only then.

When no API URL is configured (neither in the environment nor in the active Prefect profile), Prefect starts
a temporary local server. Its first start in a new PREFECT_HOME migrates a SQLite database and can take
longer than the default 20 s timeout; telemetry fails offline; and the task-run recorder prints tracebacks at
exit. A user's real server settings are never touched.

With Dask workers, a temporary server must be started by the flow's process and named to the workers
(`shared_temporary_server`): each worker would otherwise start a server of its own and report its task runs
there. The command line starts that server first thing (`start_temporary_server`), so that it boots while
the process imports Prefect and spaCy and loads the model.
"""
from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EPHEMERAL_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
}


def configured_api_url() -> str | None:
    """The API URL from the environment or the active profile, if any (read without importing Prefect)."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    profiles_path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    try:
        profiles = tomllib.loads(profiles_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    return (profiles.get("profiles", {}).get(active) or {}).get("PREFECT_API_URL")


def apply_ephemeral_defaults() -> bool:
    """Set the defaults above (unless already set) when flows will run on an ephemeral server."""
    if configured_api_url():
        return False
    for name, value in EPHEMERAL_DEFAULTS.items():
        os.environ.setdefault(name, value)
    return True


class TemporaryServer:
    """Prefect's temporary local server, started the way Prefect starts it when no API is configured
    (`prefect.server.api.server.SubprocessASGIServer`: uvicorn serving the API app, without the UI), but
    without importing Prefect: the command line starts it first thing, and the server boots (several
    seconds) while this process imports Prefect and spaCy and loads the model. Unlike Prefect's, it never
    outlives this process, and a Ctrl-C on the terminal does not reach it (`flows.temporary_server`)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> None:
        spec = importlib.util.find_spec("prefect")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("prefect is not installed")
        app_dir = str(Path(list(spec.submodule_search_locations)[0]).parent)
        self.port = _free_port()
        here = str(Path(__file__).resolve().parent.parent)  # flows.temporary_server, whatever the cwd
        python_path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.temporary_server", str(os.getpid()), "--app-dir", app_dir, "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                 "PREFECT__SERVER_FINAL": "1", "PYTHONPATH": python_path},
            start_new_session=True)
        atexit.register(self.stop)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait(self, timeout: float) -> str:
        """Block until the server answers; its API URL."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None:
                break
            code = self.process.poll()
            if code == 3:  # the port was taken in the meantime: try another one
                self.start()
                continue
            if code is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code {code}")
            try:
                with _DIRECT.open(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return self.api_url
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the temporary Prefect server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


_EARLY: TemporaryServer | None = None
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # localhost: never through a proxy


def start_temporary_server() -> None:
    """Start the temporary server now, if flows will run on one (no API configured), for the next
    `shared_temporary_server` to use. Call it before the heavy imports of a command line."""
    global _EARLY
    if _EARLY is None and not configured_api_url():
        server = TemporaryServer()
        try:
            server.start()
        except (OSError, RuntimeError):
            return  # shared_temporary_server starts Prefect's own
        _EARLY = server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def shared_temporary_server() -> Iterator[str | None]:
    """Without a configured API: one temporary server for this process and every process it hands tasks
    to (its URL travels in the settings that prefect-dask sends with each task). Yields its API URL, or
    None when a real server is configured (then nothing is started). Uses the server that
    `start_temporary_server` started, if any, else starts one (RuntimeError if it does not answer)."""
    global _EARLY
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import (PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
                                  temporary_settings)

    if configured_api_url() or PREFECT_API_URL.value():
        yield None
        return

    server, _EARLY = _EARLY, None
    url = None
    if server is not None:
        try:
            url = server.wait(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        except RuntimeError as exc:
            logging.getLogger("extract").debug("early temporary server failed (%s); starting Prefect's", exc)
            server.stop()
    if url is None:
        server = TemporaryServer()
        server.start()
        try:
            url = server.wait(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        except RuntimeError:
            server.stop()
            raise
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
            APILogWorker.drain_all(timeout=5)  # send the last logs while the server still listens
    finally:
        server.stop()
