"""Publication dates in any format and language (dateparser, strict), HTML pages dated from what a reader
sees, and the reasons a person reads when an input is refused."""
from __future__ import annotations

import json
import os
from datetime import date

import pytest

from extract.ingest import build_document, ingest
from extract.ingest.published import find_published, read_published
from extract.ingest.segments import segment
from extract.ingest.sources import RawItem

BODY = "The port authorities of Arden and Belmar agreed on a shared schedule for ferries across the strait."


@pytest.mark.parametrize("value, expected", [
    ("Wed, Jul 09, 2025", date(2025, 7, 9)),
    ("09.07.2025", date(2025, 7, 9)),
    ("9 juillet 2025", date(2025, 7, 9)),
    ("Mittwoch, 9. Juli 2025", date(2025, 7, 9)),
    ("9 de julio de 2025", date(2025, 7, 9)),
    ("2025-07-09", date(2025, 7, 9)),
    ("2025-07-09T10:00:00+05:30", date(2025, 7, 9)),
    ("2025-07-09T02:00:00+05:30", date(2025, 7, 8)),  # 20:30 UTC the day before
    ("Wed, 09 Jul 2025 23:30:00 -0500", date(2025, 7, 10)),  # RSS style, 04:30 UTC the next day
    ("13/07/2025", date(2025, 7, 13)),  # day first: 13 is no month
    ("07/13/2025", date(2025, 7, 13)),  # month first
    (1752055200, date(2025, 7, 9)),  # a Unix timestamp in a feed
])
def test_published_values_in_any_format_and_language(value, expected):
    assert read_published(value) == (expected, None)


@pytest.mark.parametrize("value", ["31/02/2025x", "31/02/2025", "2025-02-30", "07/09/2025", "yesterday",
                                   "2 days ago", "July 2025", "soon", ""])
def test_garbage_and_ambiguous_values_give_no_date_and_a_reason(value):
    found, why = read_published(value)
    assert found is None and why


@pytest.mark.parametrize("line, expected", [
    ("Publié le 9 juillet 2025", date(2025, 7, 9)),
    ("Last updated on 09.07.2025 | 10:00", date(2025, 7, 9)),
    ("By Tomas Vale | 2025-07-09T22:30:00-04:00", date(2025, 7, 10)),
])
def test_date_lines_in_other_formats(line, expected):
    text = f"{line}\n\n{BODY}\n"
    assert find_published(text, segment(text)) == expected


def test_a_short_title_with_numbers_is_no_date_line():
    text = f"Top 10 ferry routes of 2025\n\n{BODY}\n"
    assert find_published(text, segment(text)) is None


def test_garbage_in_a_sidecar_leaves_the_date_unknown_with_a_reason(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.json").write_text(json.dumps({"published": "31/02/2025x"}))
    doc = ingest(tmp_path)[0]
    assert doc.status == "ok" and doc.published is None and doc.published_from == "none"
    assert "31/02/2025x" in doc.reason and "not a date" in doc.reason


def test_feed_dates_in_any_format(tmp_path):
    lines = [json.dumps({"id": "fr", "text": BODY, "published": "9 juillet 2025"}),
             json.dumps({"id": "tz", "text": BODY + " Again.", "published": "2025-07-09T02:00:00+05:30"}),
             json.dumps({"id": "bad", "text": BODY + " Once more.", "published": "31/02/2025x"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    docs = {d.source: d for d in ingest(tmp_path)}
    assert docs["feed.jsonl#fr"].published == date(2025, 7, 9)
    assert docs["feed.jsonl#tz"].published == date(2025, 7, 8)
    bad = docs["feed.jsonl#bad"]
    assert bad.published is None and bad.published_from == "none" and "feed published date" in bad.reason


def page(head: str = "", body_top: str = "", scripts: str = "") -> bytes:
    paragraphs = "".join(f"<p>{BODY} Talks resumed for the {n}th time in the harbour office.</p>" for n in range(4, 8))
    return (f"<html><head><title>Ferries</title>{head}</head><body>"
            f"<nav>Home | <a href='/old'>Archive: March 3, 2019</a></nav>{scripts}"
            f"<article>{body_top}{paragraphs}</article>"
            f"<footer>Updated 4 April 2020</footer></body></html>").encode()


def html_document(data: bytes, meta: dict | None = None):
    return build_document(RawItem("page.html", "html", data, meta or {}))


@pytest.mark.parametrize("scripts", [
    "<script>var config = {published: '2021-05-14T08:00:00Z'};</script>",
    '<script>window.dataLayer = [{"datePublished": "2021-05-14"}];</script>',
    "<script>var shown = 'Published: May 14, 2021';</script>",
])
def test_a_date_in_a_script_or_the_page_chrome_is_never_the_publication_date(scripts):
    doc = html_document(page(scripts=scripts))
    assert doc.status == "ok" and doc.published is None and doc.published_from == "none"


@pytest.mark.parametrize("head, body_top", [
    ("<meta property='article:published_time' content='2025-07-09T10:00:00+05:30'>", ""),
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2025-07-09\"}</script>", ""),
    ("", "<header><time datetime='2025-07-09T08:00:00Z'>9 July</time></header>"),
])
def test_html_metadata_gives_the_publication_date(head, body_top):
    scripts = "<script>var stamp = '2019-01-01';</script>"
    doc = html_document(page(head=head, body_top=body_top, scripts=scripts))
    assert (doc.published, doc.published_from) == (date(2025, 7, 9), "metadata")


def test_html_without_metadata_takes_the_visible_date_line():
    doc = html_document(page(body_top="<p>Published 9 July 2025</p>",
                             scripts="<script>var stamp = 'Published 1 January 2019';</script>"))
    assert (doc.published, doc.published_from) == (date(2025, 7, 9), "text")


def test_a_broken_feed_line_says_what_and_where(tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"id": "t", "text": "a tab\there"}\n')
    reason = ingest(tmp_path)[0].reason
    assert reason.startswith("line 1 is not valid JSON: invalid control character '\\t' at column ")
    assert reason.endswith("must be written \\t or \\n")


def test_a_dangling_link_is_named_as_such(tmp_path):
    os.symlink(tmp_path / "moved-away.txt", tmp_path / "story.txt")
    doc = ingest(tmp_path)[0]
    assert doc.status == "rejected"
    assert doc.reason == f"symbolic link to a missing file ({tmp_path / 'moved-away.txt'})"
