"""One event per real-world event: reports of the same type, agreement (or participants) and year merge,
across sentences and articles; the date most reports give wins and the others are kept as conflicts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from extract.nlp.components.events import event_lexicon
from extract.records import DateMention, DocResult, EventMention
from extract.resolve.keys import stable_id, story_of

PRECISION_RANK = {"day": 6, "week": 5, "month": 4, "season": 3, "quarter": 3, "half": 2, "year": 1}


@dataclass
class EventReport:
    """An event mention with its document and resolved ids."""

    doc_id: str
    mention: EventMention
    agreement_id: str | None
    participant_ids: list[str]
    event_id: str = ""


@dataclass
class Event:
    event_id: str
    type: str
    plover: str
    date: date | None
    date_precision: str | None
    place: str | None
    agreement_id: str | None
    participant_ids: list[str]
    modality: str
    n_mentions: int
    n_documents: int
    first_reported: date | None
    conflicting_dates: list[str] = field(default_factory=list)
    confidence: float = 0.0
    reports: list[EventReport] = field(default_factory=list)


def resolve_events(results: list[DocResult], actor_ids: dict[str, str],
                   agreement_ids: dict[str, str]) -> list[Event]:
    """Events, each with its reports (`Event.reports`), in a stable order."""
    published = {r.document.doc_id: r.document.published for r in results}
    stories = story_of(results)
    groups: dict[tuple, list[EventReport]] = {}
    for r in results:
        for m in r.events:
            participants = list(dict.fromkeys(actor_ids[k] for k in m.participants if k in actor_ids))
            agreement_id = agreement_ids.get(m.agreement_key) if m.agreement_key else None
            report = EventReport(r.document.doc_id, m, agreement_id, participants)
            who = agreement_id or ",".join(sorted(p for p in participants if p in _countries(r, actor_ids)) or participants)
            groups.setdefault((m.type, who), []).append(report)
    plover = {t: spec["plover"] for t, spec in event_lexicon()["types"].items()}
    events = []
    for (etype, who), reports in sorted(groups.items()):
        for cluster in _split_by_year(reports):
            events.append(_event(etype, who, cluster, plover[etype], published, stories))
    return events


def _countries(result: DocResult, actor_ids: dict[str, str]) -> set[str]:
    return {actor_ids[e.key] for e in result.entities if e.label == "COUNTRY" and e.key in actor_ids}


def _split_by_year(reports: list[EventReport]) -> list[list[EventReport]]:
    """Reports dated in different years are different events; undated ones join the most reported year."""
    by_year: dict[int | None, list[EventReport]] = {}
    for rep in reports:
        d = rep.mention.date
        by_year.setdefault(d.start.year if d is not None and d.start else None, []).append(rep)
    undated = by_year.pop(None, [])
    if not by_year:
        return [undated]
    main = max(by_year, key=lambda y: (len(by_year[y]), y))
    by_year[main] += undated
    return [by_year[y] for y in sorted(by_year)]


def _event(etype: str, who: str, reports: list[EventReport], plover: str, published: dict, stories: dict) -> Event:
    dates = [r.mention.date for r in reports if r.mention.date is not None and r.mention.date.start is not None]
    best, conflicts = _date(dates)
    year = best.start.year if best else None
    event_id = stable_id("evt", etype, who, year)
    for r in reports:
        r.event_id = event_id
    participants: list[str] = []
    for r in reports:
        participants += [p for p in r.participant_ids if p not in participants]
    places = Counter(r.mention.place for r in reports if r.mention.place).most_common(1)
    modalities = Counter(r.mention.modality for r in reports)
    modality = "asserted" if "asserted" in modalities else modalities.most_common(1)[0][0]
    first = min((published[r.doc_id] for r in reports if published.get(r.doc_id)), default=None)
    return Event(
        event_id=event_id, type=etype, plover=plover,
        date=best.start if best else None, date_precision=best.precision if best else None,
        place=places[0][0] if places else None,
        agreement_id=next((r.agreement_id for r in reports if r.agreement_id), None),
        participant_ids=participants, modality=modality, n_mentions=len(reports),
        n_documents=len({stories.get(r.doc_id, r.doc_id) for r in reports}), first_reported=first,
        conflicting_dates=conflicts, confidence=max(r.mention.confidence for r in reports), reports=reports,
    )


def _date(dates: list[DateMention]) -> tuple[DateMention | None, list[str]]:
    if not dates:
        return None, []
    votes = Counter(d.value for d in dates)
    best = max(dates, key=lambda d: (votes[d.value], PRECISION_RANK.get(d.precision, 0), d.value))
    conflicts = sorted({d.value for d in dates if d.value != best.value and d.precision == best.precision})
    return best, conflicts
