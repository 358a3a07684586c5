"""Resolve the per-document records and lay them out as the output tables (see `extract.schema`).

Rows are sorted by stable keys so the same input always gives the same tables.
"""
from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc

from extract.records import DocResult
from extract.resolve import resolve_actors, resolve_agreements, resolve_events, resolve_links
from extract.resolve.places import article_context, mention_place, place_of
from extract.schema import TABLES, to_table

ACTOR_LABELS = {"PERSON", "ORGANIZATION", "COUNTRY"}


def build_tables(results: list[DocResult], pipeline_version: str,
                 processed_at: dict[str, datetime] | None = None) -> dict[str, pa.Table]:
    """All the tables from the records of every document of the output (not just this run's)."""
    processed_at = processed_at or {}
    now = datetime.now(timezone.utc)
    actors, actor_ids = resolve_actors(results)
    agreements, agreement_ids = resolve_agreements(results, actor_ids, actors)
    events = resolve_events(results, actor_ids, agreement_ids)
    links = resolve_links(results, agreement_ids, agreements, events)
    texts = {r.document.doc_id: r.document.text for r in results}
    urls = {r.document.doc_id: r.document.url for r in results if r.document.url}
    contexts = {r.document.doc_id: article_context(r) for r in results}

    documents = []
    for r in sorted(results, key=lambda r: (r.document.source, r.document.doc_id)):
        d = r.document
        documents.append({
            "doc_id": d.doc_id, "source": d.source, "title": d.title, "url": d.url, "published": d.published,
            "published_from": d.published_from, "language": d.language, "n_chars": d.n_chars, "status": d.status,
            "reason": d.reason, "duplicate_of": d.duplicate_of, "encoding": d.encoding,
            "pipeline_version": pipeline_version, "processed_at": processed_at.get(d.doc_id, now), "text": d.text,
        })

    # The two long tables are built column by column (a dict per row would take several times the memory).
    mentions, dates = Columns("mentions"), Columns("dates")
    for r in results:
        doc_id = r.document.doc_id
        for m in r.entities:
            place = mention_place(m, contexts[doc_id])
            mentions.add(
                doc_id=doc_id, start_char=m.span.start, end_char=m.span.end, text=m.text, label=m.label,
                actor_id=actor_ids.get(m.key) if m.label in ACTOR_LABELS else None, agreement_id=None,
                sentence_start=m.span.sent_start, sentence_end=m.span.sent_end,
                geonames_id=place and place.geonames_id, latitude=place and place.latitude,
                longitude=place and place.longitude,
            )
        for a in r.agreements:
            mentions.add(
                doc_id=doc_id, start_char=a.span.start, end_char=a.span.end, text=a.text,
                label="AGREEMENT", actor_id=None, agreement_id=agreement_ids.get(a.key),
                sentence_start=a.span.sent_start, sentence_end=a.span.sent_end,
            )
        for d in r.dates:
            dates.add(
                doc_id=doc_id, start_char=d.span.start, end_char=d.span.end, text=d.text, type=d.type,
                value=d.value, mod=d.mod, start=d.start, end=d.end, precision=d.precision,
                sentence_start=d.span.sent_start, sentence_end=d.span.sent_end,
            )

    actor_rows = [{
        "actor_id": a.actor_id, "name": a.name, "type": a.type, "iso3": a.iso3, "country_iso3": a.country_iso3,
        "acronym": a.acronym, "aliases": a.aliases, "roles": a.roles, "n_mentions": a.n_mentions,
        "n_documents": a.n_documents,
    } for a in sorted(actors.values(), key=lambda a: a.actor_id)]

    agreement_docs: dict[str, set[str]] = {}
    for r in results:
        for a in r.agreements:
            if a.key in agreement_ids:
                agreement_docs.setdefault(agreement_ids[a.key], set()).add(r.document.doc_id)
    agreement_rows = [{
        **a.__dict__,
        **place_of(a.place, (contexts[d] for d in agreement_docs.get(a.agreement_id, ())), a.parties),
    } for a in sorted(agreements.values(), key=lambda a: a.agreement_id)]

    event_rows, event_mention_rows = [], []
    for e in sorted(events, key=lambda e: e.event_id):
        names = lambda ids: [actors[i].name for i in ids]  # noqa: E731
        reporting = sorted({rep.doc_id for rep in e.reports})
        sources = sorted({urls[d] for d in reporting if d in urls})
        event_rows.append({
            "event_id": e.event_id, "type": e.type, "plover": e.plover, "quad_class": e.quad_class, "date": e.date,
            "date_precision": e.date_precision, "end_date": e.end_date, "place": e.place,
            **place_of(e.place, (contexts[d] for d in reporting),
                       (actors[i].iso3 for i in e.participant_ids if actors[i].iso3)),
            "agreement_id": e.agreement_id,
            "participants": names(e.participant_ids), "participant_ids": e.participant_ids,
            "agents": names(e.agent_ids), "targets": names(e.target_ids),
            "modality": e.modality, "n_mentions": e.n_mentions, "n_documents": e.n_documents,
            "first_reported": e.first_reported, "source_urls": sources,
            "n_sources": len({_publisher(u) for u in sources}) or None,
            "conflicting_dates": e.conflicting_dates, "confidence": e.confidence,
        })
        for rep in e.reports:
            m = rep.mention
            event_mention_rows.append({
                "event_id": e.event_id, "doc_id": rep.doc_id, "start_char": m.span.sent_start,
                "end_char": m.span.sent_end, "sentence": texts[rep.doc_id][m.span.sent_start:m.span.sent_end].strip(),
                "trigger": m.trigger, "trigger_start": m.span.start,
                "date_text": m.date.text if m.date else None, "date": m.date.start if m.date else None,
                "date_precision": m.date.precision if m.date else None, "modality": m.modality,
                "participants": names(rep.participant_ids), "participant_source": m.participant_source,
                "agreement_id": rep.agreement_id, "confidence": m.confidence,
            })

    link_rows = []
    for link in links:
        doc_id, stated = link.reports[0]
        link_rows.append({
            "link_id": link.link_id, "from_agreement_id": link.from_agreement_id,
            "to_agreement_id": link.to_agreement_id, "relation": link.relation, "doc_id": doc_id,
            "start_char": stated.span.sent_start, "end_char": stated.span.sent_end,
            "sentence": texts[doc_id][stated.span.sent_start:stated.span.sent_end].strip(),
            "trigger": stated.trigger, "trigger_start": stated.span.start,
            "confidence": link.confidence, "n_documents": link.n_documents,
        })

    return {
        "documents": to_table("documents", documents),
        "mentions": mentions.table(order=("doc_id", "start_char", "end_char", "label")),
        "actors": to_table("actors", actor_rows),
        "agreements": to_table("agreements", agreement_rows),
        "events": to_table("events", event_rows),
        "event_mentions": to_table("event_mentions", sorted(
            event_mention_rows, key=lambda r: (r["event_id"], r["doc_id"], r["trigger_start"]))),
        "dates": dates.table(order=("doc_id", "start_char", "end_char", "type")),
        "agreement_links": to_table("agreement_links", link_rows),
    }


def _publisher(url: str) -> str:
    """The web site a URL belongs to, without a leading "www." ("bbc.co.uk")."""
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


class Columns:
    """Rows of one output table gathered column by column."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: dict[str, list] = {f.name: [] for f in TABLES[name]}

    def add(self, **row: object) -> None:
        for column, values in self.columns.items():
            values.append(row.get(column))

    def table(self, order: tuple[str, ...]) -> pa.Table:
        """The table with the output schema, rows sorted by the `order` columns (stable: ties keep their
        order of addition)."""
        table = pa.Table.from_pydict(self.columns, schema=TABLES[self.name])
        return table.take(pc.sort_indices(table, sort_keys=[(c, "ascending") for c in order]))
