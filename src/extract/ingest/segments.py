"""Split a document into lines and tell body text from headings and page furniture.

Extraction never sees furniture ("Advertisement", share prompts, comment boxes, blocks of unrelated names):
`mask_text` blanks it with spaces, so offsets in the masked text are the offsets of the source text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from extract.lexicons import boilerplate
from extract.records import Segment

_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦‣–—>#]+|\d{1,2}[.)])\s+|^\s*[•·▪●◦‣]")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_MAX_HEADING_WORDS = 14
_NAME_LIST_MIN_LINES = 3


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    data = boilerplate()
    lines = re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in data.lines) + r")\s*$", re.I)
    prefixes = re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in data.prefixes) + r")", re.I)
    return lines, prefixes


def segment(text: str) -> list[Segment]:
    """Segments, one per line (a prefix of furniture glued to a line becomes a segment of its own)."""
    furniture, prefix = _patterns()
    segments: list[Segment] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip("\r\n"))
        offset += len(line)
        body = text[start:end]
        if not body.strip():
            segments.append(Segment(start, end, "blank"))
        elif furniture.match(body) or _is_fragment(body):
            segments.append(Segment(start, end, "boilerplate"))
        else:
            m = prefix.match(body)
            if m and m.end() < len(body) and body[m.end()].isupper():
                segments.append(Segment(start, start + m.end(), "boilerplate"))
                start += m.end()
                body = text[start:end]
            segments.append(Segment(start, end, "heading" if _is_heading(body) else "body"))
    _mark_name_lists(text, segments)
    return segments


def mask_text(text: str, segments: list[Segment]) -> str:
    """The text with furniture and list markers blanked by spaces: same length, same offsets."""
    chars = list(text)
    for seg in segments:
        if seg.kind == "boilerplate":
            chars[seg.start:seg.end] = " " * (seg.end - seg.start)
        elif seg.kind in ("body", "heading"):
            m = _BULLET.match(text, seg.start, seg.end)
            if m:
                chars[seg.start:m.end()] = " " * (m.end() - seg.start)
    return "".join(chars)


def title_of(text: str, segments: list[Segment], skip: Callable[[Segment], bool] | None = None) -> str | None:
    """The first heading or body line (not one `skip` rejects, such as a date line), as a title."""
    for seg in segments:
        if seg.kind in ("heading", "body") and not (skip and skip(seg)):
            line = text[seg.start:seg.end].strip()
            return line if len(line) <= 200 else line[:197] + "..."
    return None


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_fragment(line: str) -> bool:
    """A lone lowercase word or two, or a line without letters: scraper debris, not prose."""
    words = _words(line)
    if not words:
        return not any(ch.isdigit() for ch in line)
    return len(words) <= 2 and not any(w[0].isupper() or w[0].isdigit() for w in words) and not _SENTENCE_END.search(line)


def _is_heading(line: str) -> bool:
    words = _words(line)
    return 0 < len(words) <= _MAX_HEADING_WORDS and not _SENTENCE_END.search(line)


def _is_name_like(line: str) -> bool:
    words = _words(line)
    return (
        1 <= len(words) <= 4
        and all(w[0].isupper() for w in words)
        and not any(ch.isdigit() or ch in ":,;()" for ch in line)
        and not _SENTENCE_END.search(line.rstrip("."))
    )


def _mark_name_lists(text: str, segments: list[Segment]) -> None:
    """Runs of consecutive short capitalized lines (author or columnist lists) are furniture."""
    run: list[Segment] = []
    for seg in segments + [Segment(len(text), len(text), "blank")]:
        if seg.kind in ("heading", "body") and _is_name_like(text[seg.start:seg.end]):
            run.append(seg)
            continue
        if len(run) >= _NAME_LIST_MIN_LINES:
            for s in run:
                s.kind = "boilerplate"
        run = []
