"""Parquet tables on disk: written atomically (a reader never sees half a table), read back for reuse."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.schema import TABLES


def table_path(output: Path, name: str) -> Path:
    return Path(output) / f"{name}.parquet"


def write_tables(tables: dict[str, pa.Table], output: Path) -> list[Path]:
    """Write every table to OUTPUT/<name>.parquet, each through a temporary file and an atomic rename."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        target = table_path(output, name)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=output)
        os.close(fd)
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.chmod(tmp, 0o644 & ~_umask())
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(target)
    return written


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_table(output: Path, name: str) -> pa.Table | None:
    """A table written by an earlier run, or None if there is none (or it cannot be read)."""
    path = table_path(output, name)
    if not path.exists():
        return None
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid):
        return None
    return table if name not in TABLES or set(TABLES[name].names) <= set(table.column_names) else None
