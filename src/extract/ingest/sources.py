"""Find input documents and read them: files (.txt, .md, .html) with optional NAME.json sidecars, and JSONL
feeds with one document per line. Reading never raises: a problem becomes a RawItem with an `error`."""
from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
SIDECAR_SUFFIX = ".json"
# Texts of any length are processed (long ones in pieces, see `extract.nlp.pieces`); only a file that could not
# be held in memory beside the run is refused unread: 100 million characters is some 40 books, a data dump.
MAX_DOCUMENT_CHARS = 100_000_000
# Files larger than this cannot hold a text within that limit (UTF-8 takes at most 4 bytes a character; HTML
# pages carry scripts and markup).
MAX_FILE_BYTES = {"text": 4 * MAX_DOCUMENT_CHARS, "html": 25 * MAX_DOCUMENT_CHARS}


@dataclass(slots=True)
class RawItem:
    """One input document before decoding: where it came from, its bytes or text, and its metadata."""

    source: str
    kind: str  # "text" | "html"
    data: bytes | str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None


def discover(input_path: Path) -> list[Path]:
    """Every file under a folder (or the file itself), sorted, without hidden files and sidecars."""
    if not input_path.exists():
        raise FileNotFoundError(f"input not found: {input_path}")
    if input_path.is_file():
        return [input_path]
    files = []
    for path in sorted(input_path.rglob("*")):
        rel = path.relative_to(input_path)
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        if path.suffix.lower() == SIDECAR_SUFFIX:
            continue  # sidecars are read with their document
        files.append(path)
    return files


def source_name(path: Path, input_path: Path) -> str:
    """The path as reported in `documents.source`: relative to the input folder, with forward slashes."""
    if input_path.is_file():
        return path.name
    return path.relative_to(input_path).as_posix()


def read(path: Path, input_path: Path) -> Iterator[RawItem]:
    """The documents a file holds (one, or one per line of a feed)."""
    source = source_name(path, input_path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield RawItem(source, "text", error=f"unsupported file type '{suffix or path.name}' "
                                              f"(supported: {', '.join(sorted(SUPPORTED))})")
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield RawItem(source, kind, error="not a regular file (a pipe, socket or device)")
            return
        if suffix in FEED_SUFFIXES:
            yield from _read_feed(path, source)
            return
        if info.st_size > MAX_FILE_BYTES[kind]:
            yield RawItem(source, kind, error=f"file too large to read ({info.st_size / 1e6:,.0f} MB; texts are "
                                              f"limited to {MAX_DOCUMENT_CHARS:,} characters)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield RawItem(source, kind, error=read_error(exc, path))
        return
    meta, warning = _read_sidecar(path.with_suffix(SIDECAR_SUFFIX))
    if warning:
        meta["_warnings"] = [warning]
    yield RawItem(source, kind, data, meta)


def read_error(exc: OSError, path: Path | None = None) -> str:
    """A reader's words for an error of the operating system."""
    if isinstance(exc, FileNotFoundError):
        if path is not None and path.is_symlink():
            return f"symbolic link to a missing file ({_link_target(path)})"
        return "file disappeared before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied when reading the file"
    return f"could not read the file: {exc.strerror or exc}"


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "target unknown"


def json_error(exc: json.JSONDecodeError) -> str:
    """json's message, whole and with its cause: on its own, "Invalid control character at" says neither where
    nor why."""
    message = (exc.msg[0].lower() + exc.msg[1:]).removesuffix(" at")
    where = f"at column {exc.colno}" if exc.lineno == 1 else f"at line {exc.lineno}, column {exc.colno}"
    if exc.msg.startswith("Invalid control character"):
        found = exc.doc[exc.pos:exc.pos + 1]
        return f"{message} {found!r} {where}: a tab or line break inside a string must be written \\t or \\n"
    if exc.msg.startswith("Unterminated string"):
        return f"{message} {where}: the line ends before the string's closing quote"
    return f"{message} {where}"


def _read_sidecar(path: Path) -> tuple[dict, str | None]:
    if not path.exists():
        return {}, None
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        return {}, f"sidecar {path.name} ignored: not valid JSON: {json_error(exc)}"
    except (OSError, ValueError) as exc:
        return {}, f"sidecar {path.name} ignored: {exc}"
    if not isinstance(meta, dict):
        return {}, f"sidecar {path.name} ignored: not a JSON object"
    return {k: meta.get(k) for k in ("published", "url", "title") if meta.get(k) is not None}, None


def _read_feed(path: Path, source: str) -> Iterator[RawItem]:
    """One item per line, read line by line so that a large feed is never held in memory whole."""
    with path.open("rb") as feed:
        for number, raw in enumerate(feed, start=1):
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield RawItem(f"{source}#L{number}", "text", error=f"line {number} is not valid JSON: {json_error(exc)}")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield RawItem(f"{source}#L{number}", "text", error=f"line {number} has no 'text' string")
                continue
            ident = record.get("id")
            name = f"{source}#{ident}" if ident not in (None, "") else f"{source}#L{number}"
            meta = {k: record[k] for k in ("published", "url", "title") if record.get(k) is not None}
            yield RawItem(name, "html" if record.get("format") == "html" else "text", record["text"], meta)
