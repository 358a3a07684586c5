"""Main text of an HTML page with trafilatura: scripts, navigation, comments and page chrome left out."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extract.ingest.published import parse_published


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    published: date | None


def html_to_text(html: str) -> Page | None:
    """The article in an HTML page, or None when the page has no main text."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        return None
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    published = parse_published(meta.date) if meta is not None and meta.date else None
    return Page(text=text, title=title, published=published)
