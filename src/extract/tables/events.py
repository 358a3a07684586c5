"""The `events` table (every real-world event, merged over its reports) and `event_mentions` (each report of
an event in a document, with its sentence)."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from extract.lexicons import event_lexicon
from extract.tables.places import place_columns, place_of
from extract.tables.spec import DATE, FLOAT, INT, LIST, STR, Sentence, TableSpec, Via, column

if TYPE_CHECKING:
    from extract.tables.resolution import Resolution


def event_rows(r: Resolution) -> list[dict]:
    rows = []
    for e in r.events:
        reporting = sorted({report.doc_id for report in e.reports})
        sources = sorted({r.urls[d] for d in reporting if d in r.urls})
        rows.append({
            "event_id": e.event_id, "type": e.type, "plover": e.plover, "quad_class": e.quad_class, "date": e.date,
            "date_precision": e.date_precision, "end_date": e.end_date, "place": e.place,
            **place_of(e.place, (r.contexts[d] for d in reporting),
                       (r.actors[i].iso3 for i in e.participant_ids if r.actors[i].iso3)),
            "agreement_id": e.agreement_id,
            "participants": _names(r, e.participant_ids), "participant_ids": e.participant_ids,
            "agents": _names(r, e.agent_ids), "targets": _names(r, e.target_ids),
            "modality": e.modality, "n_mentions": e.n_mentions, "n_documents": e.n_documents,
            "first_reported": e.first_reported, "source_urls": sources,
            "n_sources": len({_publisher(u) for u in sources}) or None,
            "conflicting_dates": e.conflicting_dates, "confidence": e.confidence,
        })
    return rows


def event_mention_rows(r: Resolution) -> list[dict]:
    rows = []
    for e in r.events:
        for report in e.reports:
            m = report.mention
            rows.append({
                "event_id": e.event_id, "doc_id": report.doc_id, "start_char": m.span.sent_start,
                "end_char": m.span.sent_end, "sentence": r.sentence(report.doc_id, m.span.sent_start, m.span.sent_end),
                "trigger": m.trigger, "trigger_start": m.span.start,
                "date_text": m.date.text if m.date else None, "date": m.date.start if m.date else None,
                "date_precision": m.date.precision if m.date else None, "modality": m.modality,
                "participants": _names(r, report.participant_ids), "participant_source": m.participant_source,
                "agreement_id": report.agreement_id, "confidence": m.confidence,
            })
    return rows


def _names(r: Resolution, actor_ids: list[str]) -> list[str]:
    return [r.actors[i].name for i in actor_ids]


def _publisher(url: str) -> str:
    """The web site a URL belongs to, without a leading "www." ("bbc.co.uk")."""
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


@lru_cache(maxsize=1)
def _event_types() -> str:
    """The event types of data/events.yaml, for the description of `events.type` (read, not copied)."""
    types = list(event_lexicon().types)
    return ", ".join(types[:-1]) + " or " + types[-1]


EVENTS = TableSpec(
    "events", "One row per real-world event, merged over every report of it.",
    (
        column("event_id", STR, "Stable id derived from the event's type, agreement, date and participants."),
        column("type", STR, f"{_event_types()}."),
        column("plover", STR, "PLOVER event code of the type."),
        column("quad_class", STR, "verbal cooperation, material cooperation, verbal conflict or material conflict "
               "(the GDELT/PLOVER quad class of the type)."),
        column("date", DATE, "When it happened (first day of the period at coarser precision); null if no report "
               "says."),
        column("date_precision", STR, "Precision of `date`: day, week, month, season, quarter or year."),
        column("end_date", DATE, "Last day of the period the event spans, when the report gives its two ends "
               "('talks from 3 to 5 May', 'between 3 and 7 March'); null otherwise."),
        column("place", STR, "Where it happened, if stated."),
        *place_columns("where it happened"),
        column("agreement_id", STR, "The agreement it concerns (agreements.agreement_id), if any."),
        column("participants", LIST, "Canonical names of the actors taking part (actors.name)."),
        column("participant_ids", LIST, "actor_id of each participant, in the same order as `participants`."),
        column("agents", LIST, "Participants who did it (subject, 'by' agent, possessor: 'Canada imposed', "
               "'Peru's purchase')."),
        column("targets", LIST, "Participants it was done to or with (object, 'on', 'from': 'tariffs on Chile')."),
        column("modality", STR, "asserted, planned, negated ('has not signed') or hypothetical ('could sign'): "
               "asserted when any report asserts it. Filter on it for what happened."),
        column("n_mentions", INT, "Number of reports of the event."),
        column("n_documents", INT, "Number of documents that report it (near duplicates of one article count "
               "once)."),
        column("first_reported", DATE, "Earliest publication date among the documents that report it."),
        column("source_urls", LIST, "URLs of the documents that report it, where known."),
        column("n_sources", INT, "Distinct publishers (web sites) among the documents that report it; null when "
               "none says where it was published."),
        column("conflicting_dates", LIST, "Other dates, at the precision of `date`, that reports give for the "
               "same event."),
        column("confidence", FLOAT, "1 - prod(1 - c) over the reporting documents, c the surest report of each "
               "(event_mentions.confidence), 0-1."),
    ),
    rows=event_rows, order=("event_id",), id_column="event_id", id_prefix="evt_",
    evidence=Via("event_mentions", "event_id"), in_summary=True,
)

EVENT_MENTIONS = TableSpec(
    "event_mentions", "One row per report of an event in a document.",
    (
        column("event_id", STR, "The event reported (events.event_id)."),
        column("doc_id", STR, "Document of the report."),
        column("start_char", INT, "Offset in documents.text where the sentence that reports the event starts."),
        column("end_char", INT, "Offset one past the end of that sentence."),
        column("sentence", STR, "The sentence that reports the event: documents.text[start_char:end_char], "
               "stripped of surrounding blanks."),
        column("trigger", STR, "The word that signals the event (signed, talks, tariffs...), as written."),
        column("trigger_start", INT, "Offset of the trigger in documents.text."),
        column("date_text", STR, "The time expression that dates the event, as written."),
        column("date", DATE, "The date this report gives."),
        column("date_precision", STR, "Precision of `date`."),
        column("modality", STR, "asserted, planned, negated or hypothetical, as this report tells it."),
        column("participants", LIST, "Canonical names of the actors this report names as taking part."),
        column("participant_source", STR, "How they were found: arguments (the parse), pair_reference ('both "
               "countries'), agreement_parties, document_pair, sentence or coreference (a neighbouring report)."),
        column("agreement_id", STR, "The agreement this report concerns, if any."),
        column("confidence", FLOAT, "How surely the report was recognized (0-1): trigger kind, how participants, "
               "agreement and date were found (weights in data/events.yaml)."),
    ),
    rows=event_mention_rows, order=("event_id", "doc_id", "trigger_start"),
    evidence=Sentence("start_char", "end_char", mark_start="trigger_start", mark_text="trigger"),
    offset_column="trigger_start",
)
