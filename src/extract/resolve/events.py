"""One event per real-world event: the reports of every document that tell of the same event merge.

Two reports are of one event when they have the same type, compatible dates (the same year, or one of them
undated) and either the same agreement, or, when they name none and come from one story, a shared
participant and the same word for what was done ("tariffs", "purchase"): "Chile and Japan signed the pact on
May 2" and "the pact, inked by the two prime ministers" are one signing; "the US imposed tariffs" and "US
sanctions" stay two events.

Across stories, reports without an agreement merge only on real evidence: dates that both give and that agree
(the same year, and the same month and day where both say), and shared participants that identify the event:
a person or organization, or two countries; one big country in common ("the US") is not enough, and two
undated acquisitions in two articles are two events.

An event no report tells as having happened or being planned ("could sign", "refused to sign", "a potential
takeover") is left out: the guidelines' events are those a text reports. Its reports were still kept apart
from the events they might have joined.

The event's date is the finest one its reports give (the most reported one among those); other dates of the
same precision are kept in `conflicting_dates`. Near-duplicate documents count once in `n_documents`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from extract.lexicons import event_lexicon
from extract.records import DateMention, DocResult, EventMention
from extract.resolve.keys import UnionFind, stable_id, story_of

PRECISION_RANK = {"day": 6, "week": 5, "month": 4, "season": 3, "quarter": 3, "half": 2, "year": 1}


@dataclass
class EventReport:
    """An event mention with its document and resolved ids."""

    doc_id: str
    mention: EventMention
    agreement_id: str | None
    participant_ids: list[str]
    agent_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    country_ids: set[str] = field(default_factory=set)  # the participants that are countries
    event_id: str = ""


@dataclass
class Event:
    event_id: str
    type: str
    plover: str
    quad_class: str | None
    date: date | None
    date_precision: str | None
    end_date: date | None
    place: str | None
    agreement_id: str | None
    participant_ids: list[str]
    modality: str
    n_mentions: int
    n_documents: int
    first_reported: date | None
    conflicting_dates: list[str] = field(default_factory=list)
    confidence: float = 0.0
    agent_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    reports: list[EventReport] = field(default_factory=list)


def resolve_events(results: list[DocResult], actor_ids: dict[str, str],
                   agreement_ids: dict[str, str]) -> list[Event]:
    """Events, each with its reports (`Event.reports`), in a stable order."""
    reports = _distinct([_report(r.document.doc_id, m, actor_ids, agreement_ids) for r in results for m in r.events])
    published = {r.document.doc_id: r.document.published for r in results}
    stories = story_of(results)
    lexicon = event_lexicon()
    plover = {t: spec.plover for t, spec in lexicon.types.items()}
    quad_class = {code: cls for cls, codes in lexicon.quad_classes.items() for code in codes}
    not_reported = set(lexicon.modality.not_reported)
    events: list[Event] = []
    for group in _same_event_groups(reports, stories):
        for cluster in _split_by_year(group):
            event = _event(cluster, plover, quad_class, published, stories)
            if event.modality not in not_reported:
                events.append(event)
    _make_ids_unique(events)
    return sorted(events, key=lambda e: e.event_id)


def _report(doc_id: str, m: EventMention, actor_ids: dict[str, str], agreement_ids: dict[str, str]) -> EventReport:
    ids = lambda keys: list(dict.fromkeys(actor_ids[k] for k in keys if k in actor_ids))  # noqa: E731
    agreement_id = agreement_ids.get(m.agreement_key) if m.agreement_key else None
    countries = set(ids([k for k in m.participants if k.startswith("country:")]))
    return EventReport(doc_id, m, agreement_id, ids(m.participants), ids(m.agents), ids(m.targets), countries)


def _distinct(reports: list[EventReport]) -> list[EventReport]:
    """One report per trigger, date and agreement: two names of one agreement in a sentence ("the Nile Compact
    (Cooperation on ...)") give two mentions that resolve to the same report."""
    seen: set[tuple] = set()
    out = []
    for rep in reports:
        m = rep.mention
        key = (rep.doc_id, m.type, m.span.start, m.date.value if m.date else None, rep.agreement_id)
        if key not in seen:
            seen.add(key)
            out.append(rep)
    return out


def _same_event_groups(reports: list[EventReport], stories: dict[str, str]) -> list[list[EventReport]]:
    """Reports joined by a shared agreement; without one, within a story by a shared participant and theme,
    and across stories only by `_same_across_stories`."""
    groups = UnionFind()
    for i, rep in enumerate(reports):
        m = rep.mention
        groups.find(i)
        if rep.agreement_id:
            groups.union(i, ("agreement", m.type, rep.agreement_id))
        else:
            story = stories.get(rep.doc_id, rep.doc_id)
            for p in rep.participant_ids:
                groups.union(i, ("participant", story, m.type, m.theme, p))
    members = _members(groups, reports)
    index = {id(rep): i for i, rep in enumerate(reports)}
    loose = [g for g in members.values() if not any(r.agreement_id for r in g)]
    for a, b in _pairs_across_stories(loose, stories):
        if _same_across_stories(a, b):
            groups.union(index[id(a[0])], index[id(b[0])])
    members = _members(groups, reports)
    return [members[k] for k in sorted(members, key=lambda k: _first_key(members[k]))]


def _members(groups: UnionFind, reports: list[EventReport]) -> dict[object, list[EventReport]]:
    members: dict[object, list[EventReport]] = {}
    for i, rep in enumerate(reports):
        members.setdefault(groups.find(i), []).append(rep)
    return members


def _pairs_across_stories(groups: list[list[EventReport]], stories: dict[str, str]):
    """Pairs of groups of different stories that share a type and a participant (the only ones that may
    be one event), without comparing every group with every other."""
    by_participant: dict[tuple, list[int]] = {}
    for n, g in enumerate(groups):
        for p in {p for r in g for p in r.participant_ids}:
            by_participant.setdefault((g[0].mention.type, p), []).append(n)
    seen: set[tuple[int, int]] = set()
    for ns in by_participant.values():
        for i, a in enumerate(ns):
            for b in ns[i + 1:]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                story_a = {stories.get(r.doc_id, r.doc_id) for r in groups[a]}
                if story_a.isdisjoint(stories.get(r.doc_id, r.doc_id) for r in groups[b]):
                    yield groups[a], groups[b]


def _same_across_stories(a: list[EventReport], b: list[EventReport]) -> bool:
    """Two stories' reports of one event: dates both give and that agree, and shared participants that
    identify it (a person or organization, or two countries)."""
    dates_a = [r.mention.date for r in a if r.mention.date is not None and r.mention.date.start]
    dates_b = [r.mention.date for r in b if r.mention.date is not None and r.mention.date.start]
    if not dates_a or not dates_b or not all(_agree(x, y) for x in dates_a for y in dates_b):
        return False
    shared = {p for r in a for p in r.participant_ids} & {p for r in b for p in r.participant_ids}
    countries = {c for r in a + b for c in r.country_ids}
    return bool(shared - countries) or len(shared & countries) >= 2


def _agree(x: DateMention, y: DateMention) -> bool:
    """The same year, and the same month and day where both give them."""
    if x.start.year != y.start.year:
        return False
    fine = ("day", "month")
    if x.precision in fine and y.precision in fine and x.start.month != y.start.month:
        return False
    return not (x.precision == "day" and y.precision == "day" and x.start != y.start)


def _first_key(reports: list[EventReport]) -> tuple:
    return min((r.doc_id, r.mention.span.start) for r in reports)


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


def _event(reports: list[EventReport], plover: dict[str, str], quad_class: dict[str, str], published: dict,
           stories: dict[str, str]) -> Event:
    etype = reports[0].mention.type
    best, conflicts = _date([r.mention.date for r in reports if r.mention.date is not None and r.mention.date.start])
    agreement_id = next((r.agreement_id for r in reports if r.agreement_id), None)
    participants = _union(r.participant_ids for r in reports)
    agents = _union(r.agent_ids for r in reports)
    theme = Counter(r.mention.theme for r in reports).most_common(1)[0][0]
    anchor = agreement_id or f"{theme}:{','.join(sorted(participants))}"
    event_id = stable_id("evt", etype, anchor, best.start.year if best else None)
    places = Counter(r.mention.place for r in reports if r.mention.place).most_common(1)
    modalities = Counter(r.mention.modality for r in reports)
    modality = "asserted" if "asserted" in modalities else modalities.most_common(1)[0][0]
    first = min((published[r.doc_id] for r in reports if published.get(r.doc_id)), default=None)
    return Event(
        event_id=event_id, type=etype, plover=plover[etype], quad_class=quad_class.get(plover[etype]),
        date=best.start if best else None, date_precision=best.precision if best else None,
        end_date=best.end if best and "/" in (best.value or "") else None,  # an interval: "from 3 to 5 May"
        place=places[0][0] if places else None, agreement_id=agreement_id, participant_ids=participants,
        modality=modality, n_mentions=len(reports), n_documents=len({stories.get(r.doc_id, r.doc_id) for r in reports}),
        first_reported=first, conflicting_dates=conflicts, confidence=_confidence(reports, stories),
        agent_ids=agents, target_ids=[t for t in _union(r.target_ids for r in reports) if t not in agents],
        reports=sorted(reports, key=lambda r: (r.doc_id, r.mention.span.start)),
    )


def _date(dates: list[DateMention]) -> tuple[DateMention | None, list[str]]:
    """The finest date the reports give (the most reported one at that precision); the other values at that
    precision are conflicts."""
    if not dates:
        return None, []
    votes = Counter(d.value for d in dates)
    best = max(dates, key=lambda d: (PRECISION_RANK.get(d.precision, 0), votes[d.value], d.value))
    conflicts = sorted({d.value for d in dates if d.value != best.value and d.precision == best.precision})
    return best, conflicts


def _confidence(reports: list[EventReport], stories: dict[str, str]) -> float:
    """Independent reports make an event surer: 1 - prod(1 - c) over documents, each counting its surest report."""
    per_story: dict[str, float] = {}
    for r in reports:
        story = stories.get(r.doc_id, r.doc_id)
        per_story[story] = max(per_story.get(story, 0.0), r.mention.confidence)
    doubt = 1.0
    for c in per_story.values():
        doubt *= 1.0 - c
    return round(min(1.0 - doubt, 0.99), 2)


def _union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        out += [x for x in items if x not in out]
    return out


def _make_ids_unique(events: list[Event]) -> None:
    """Two events with the same type, anchor and year (two undated purchases by one country) keep
    distinct ids, derived from their first report."""
    seen: Counter = Counter(e.event_id for e in events)
    for e in events:
        if seen[e.event_id] > 1:
            first = e.reports[0]
            e.event_id = stable_id("evt", e.event_id, first.doc_id, first.mention.span.start)
    for e in events:
        for r in e.reports:
            r.event_id = e.event_id
