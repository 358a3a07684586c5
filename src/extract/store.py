"""The output folder: Parquet tables that readers always see whole, and a lock for the run that writes them.

Layout of OUTPUT/:

    documents.parquet ... dates.parquet   symlinks -> .extract/current/<name>.parquet
    .extract/current                      symlink  -> tables/<snapshot>   (the one switch of a write)
    .extract/tables/<snapshot>/           the tables of one run (this run's and the previous run's)
                                          and its manifest.json (the pipeline version and documents)
    .extract/cache/                       per-document results (extract.cache)
    .extract/ingest.parquet               what ingest read from each file (extract.ingest.cache)
    .extract/lock, .extract/owner.json    the run lock and who holds it

A write puts every table of a run into a new snapshot folder, flushes it to disk, then switches `current`
to it with one atomic rename. A run killed at any moment (kill -9, power loss) therefore leaves either the
previous tables or the new ones, all from the same run, never a mix or half a file.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import filelock
import pyarrow as pa
import pyarrow.parquet as pq

from extract.tables import TABLES

STATE_DIR = ".extract"
log = logging.getLogger("extract")

MANIFEST = "manifest.json"  # in a snapshot: what its tables were made from


class OutputBusy(RuntimeError):
    """Another run holds the output folder's lock."""


def table_file(output: Path | str, name: str) -> Path:
    """Where the store writes table `name` of an output folder (a link into the current snapshot)."""
    return Path(output) / f"{name}.parquet"


def state_dir(output: Path) -> Path:
    """Where the snapshots, the cache and the lock of an output folder live."""
    return Path(output) / STATE_DIR


def write_tables(tables: dict[str, pa.Table], output: Path, manifest: dict | None = None) -> list[Path]:
    """Write the tables of one run as a new snapshot and make it the current one atomically. `manifest`
    says what the tables were made from (see `current_manifest`)."""
    output = Path(output)
    state = state_dir(output)
    snapshots = state / "tables"
    snapshots.mkdir(parents=True, exist_ok=True)
    snapshot = snapshots / f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    snapshot.mkdir()
    for name, table in tables.items():
        write_parquet(table, snapshot / f"{name}.parquet")
    if manifest is not None:
        (snapshot / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _fsync_dir(snapshot)
    previous = switch_current(state, snapshot)
    for name in tables:
        _link_table(output, name)
    _fsync_dir(output)
    _remove_snapshots(snapshots, keep={snapshot.name, previous})
    return [table_file(output, name) for name in tables]


def current_manifest(output: Path) -> dict | None:
    """The manifest of the current tables, if all of them are there: a run that would write the tables from
    the same results leaves them as they are."""
    current = state_dir(Path(output)) / "current"
    try:
        manifest = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all(table_file(Path(output), name).is_file() for name in TABLES):
        return None
    return manifest


def table_rows(output: Path) -> dict[str, int]:
    """Rows of each current table, from the Parquet footers."""
    return {name: pq.ParquetFile(table_file(Path(output), name)).metadata.num_rows for name in TABLES}


def write_parquet(table: pa.Table, path: Path) -> None:
    """One Parquet file, flushed to disk before it is used."""
    with open(path, "wb") as handle:
        pq.write_table(table, handle, compression="zstd")
        handle.flush()
        os.fsync(handle.fileno())


def switch_current(state: Path, snapshot: Path) -> str | None:
    """Point `state/current` at `snapshot` with one rename; return the name of the snapshot it replaced."""
    current = state / "current"
    previous = os.readlink(current).rsplit("/", 1)[-1] if current.is_symlink() else None
    if current.exists() and not current.is_symlink():  # a copied output folder: the link became a folder
        current.rename(state / "tables" / f"copied-{uuid.uuid4().hex[:8]}")
    link = state / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(f"tables/{snapshot.name}", link)
    os.replace(link, current)
    _fsync_dir(state)
    return previous


def _link_table(output: Path, name: str) -> None:
    """Make OUTPUT/<name>.parquet a link into the current snapshot (once; later switches move it along)."""
    path = table_file(output, name)
    target = f"{STATE_DIR}/current/{name}.parquet"
    if path.is_symlink() and os.readlink(path) == target:
        return
    link = output / f".{name}.{uuid.uuid4().hex[:8]}.link"
    os.symlink(target, link)
    os.replace(link, path)  # also replaces a plain file left by an older version or a copy


def _remove_snapshots(snapshots: Path, keep: set[str | None]) -> None:
    """Remove snapshots other than the current and previous one (a reader may still be reading that)."""
    for path in snapshots.iterdir():
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_table(output: Path, name: str) -> pa.Table | None:
    """A table written by an earlier run, or None if there is none (or it cannot be read)."""
    path = table_file(output, name)
    if not path.exists():
        return None
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid):
        return None
    return table if name not in TABLES or set(TABLES[name].names) <= set(table.column_names) else None


@contextmanager
def output_lock(output: Path, wait: float = 0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder for one run. Another run waits up to `wait` seconds for it, then raises
    OutputBusy; before it waits, it says what for (`on_wait`, by default the log). The lock is the operating
    system's (flock): it goes away with its process, even on kill -9."""
    state = state_dir(output)
    state.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(state / "lock", timeout=0)
    try:
        try:
            lock.acquire()
        except filelock.Timeout:
            if wait <= 0:
                raise
            (on_wait or log.info)(f"{Path(output)} is being written by another run ({_owner(state)}); "
                                  f"waiting up to {wait:g} s for it to finish")
            lock.acquire(timeout=wait)
    except filelock.Timeout:
        raise OutputBusy(f"{Path(output)} is being written by another run ({_owner(state)}); "
                         f"it was left unchanged. Try again later or pass --wait SECONDS.") from None
    try:
        (state / "owner.json").write_text(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(), "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}))
        yield
    finally:
        lock.release()


def _owner(state: Path) -> str:
    try:
        owner = json.loads((state / "owner.json").read_text())
        return f"pid {owner['pid']} on {owner['host']}, since {owner['since']}"
    except (OSError, ValueError, KeyError):
        return "owner unknown"
