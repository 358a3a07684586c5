"""Defaults for running flows without a Prefect server (ephemeral mode), applied only then.

When no API URL is configured (neither in the environment nor in the active Prefect profile), Prefect starts
a temporary local server. Its first start in a new PREFECT_HOME migrates a SQLite database and can take
longer than the default 20 s timeout; telemetry fails offline; and the task-run recorder prints tracebacks at
exit. A user's real server settings are never touched.

With Dask workers, a temporary server must be started by the flow's process and named to the workers
(`shared_temporary_server`): each worker would otherwise start a server of its own and report its task runs
there.
"""
from __future__ import annotations

import os
import tomllib
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


@contextmanager
def shared_temporary_server() -> Iterator[str | None]:
    """Without a configured API: one temporary server for this process and every process it hands tasks
    to (its URL travels in the settings that prefect-dask sends with each task). Yields its API URL, or
    None when a real server is configured (then nothing is started)."""
    from prefect.logging.handlers import APILogWorker
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if configured_api_url() or PREFECT_API_URL.value():
        yield None
        return

    server = SubprocessASGIServer()
    server.start()
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
            APILogWorker.drain_all(timeout=5)  # send the last logs while the server still listens
    finally:
        server.stop()
