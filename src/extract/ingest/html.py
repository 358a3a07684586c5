"""Main text of an HTML page with trafilatura (scripts, navigation, comments and page chrome left out), and its
publication date from what the page declares or shows a reader.

The date comes from the page's metadata first (`article:published_time` and the other meta tags publishers
write, `datePublished` of its JSON-LD or microdata, a `<time datetime>` of the article), then from the visible
date line of the extracted text. It never comes from a script's code, a style or the navigation: a date in a
tracking script or a "related stories" menu is not the article's.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from extract.ingest.published import find_published, parse_published

# Meta tags (property, name or itemprop) that state when an article was published, the most specific first.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "publishdate",
                  "publish-date", "publish_date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
                  "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "date")
# Elements whose dates are not the article's: code, page chrome, other stories.
_NOT_ARTICLE = ("script", "style", "noscript", "template", "nav", "aside", "form")
# A page's header and footer are chrome too, unless they are an article's own ("<article><header><time ...>").
_PAGE_PARTS = ("header", "footer")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    published: date | None
    published_from: str = "none"  # "metadata" (meta tags, JSON-LD, <time>) | "text" (the visible date line) | "none"


def html_to_text(html: str) -> Page | None:
    """The article in an HTML page, or None when the page has no main text."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        return None
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    published = declared_published(html)
    if published is not None:
        return Page(text=text, title=title, published=published, published_from="metadata")
    from extract.ingest.segments import segment

    published = find_published(text, segment(text))
    return Page(text=text, title=title, published=published, published_from="text" if published else "none")


def declared_published(html: str) -> date | None:
    """The publication date a page declares in its metadata, or None."""
    tree = _parse(html)
    if tree is None:
        return None
    for value in _declared_values(tree):
        found = parse_published(value)
        if found is not None:
            return found
    return None


def _parse(html: str):
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return None


def _declared_values(tree) -> Iterator[str]:
    """Candidate values, most trustworthy first: meta tags, JSON-LD, microdata, then <time> in the article."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key in PUBLISHED_META and content and key not in metas:
            metas[key] = content
    yield from (metas[key] for key in PUBLISHED_META if key in metas)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":  # data, not code
            yield from _json_ld_dates(script.text or "")
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        if not _in_chrome(element):
            yield element.get("datetime") or element.get("content") or element.text_content()
    for element in tree.iter("time"):
        if element.get("datetime") and not _in_chrome(element):
            yield element.get("datetime")


def _json_ld_dates(text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                yield item["datePublished"]
            stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage") or isinstance(v, list))


def _in_chrome(element) -> bool:
    """Whether an element sits in code or page chrome (a menu, a footer, a sidebar of other stories)."""
    tags = [parent.tag for parent in element.iterancestors()]
    return any(t in _NOT_ARTICLE for t in tags) or any(t in _PAGE_PARTS for t in tags) and "article" not in tags
