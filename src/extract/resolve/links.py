"""One row per relation between two agreements, over all documents: the same relation stated by three articles
is one link reported three times.

Besides what the texts state ("the 2015 accord renewed the 2005 framework"), a renewal a text reports as an
event ("the framework was renewed in 2015") names the agreement it made when the corpus knows one, and only
one, other agreement between the same parties signed that year: that agreement RENEWS the renewed one, so a
RENEW event and a RENEWS link agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.lexicons import agreement_lexicon
from extract.records import AgreementLink, DocResult
from extract.resolve.agreements import Agreement
from extract.resolve.events import Event
from extract.resolve.keys import stable_id, story_of

INFERRED_CONFIDENCE = 0.4


@dataclass
class Link:
    """A relation between two agreements and the reports of it."""

    link_id: str
    from_agreement_id: str
    to_agreement_id: str
    relation: str
    reports: list[tuple[str, AgreementLink]] = field(default_factory=list)  # (doc_id, what the text says)
    n_documents: int = 0
    confidence: float = 0.0


def resolve_links(results: list[DocResult], agreement_ids: dict[str, str], agreements: dict[str, Agreement],
                  events: list[Event]) -> list[Link]:
    """Links between resolved agreements, in a stable order."""
    stories = story_of(results)
    links: dict[tuple[str, str, str], Link] = {}
    for r in results:
        for stated in r.links:
            source, target = agreement_ids.get(stated.from_key), agreement_ids.get(stated.to_key)
            if source is None or target is None or source == target:
                continue
            link = links.setdefault((source, target, stated.relation),
                                    Link(stable_id("lnk", source, target, stated.relation), source, target,
                                         stated.relation))
            link.reports.append((r.document.doc_id, stated))
    for source, target, report in _renewals(events, agreements):
        key = (source, target, "RENEWS")
        if key not in links:
            links[key] = Link(stable_id("lnk", source, target, "RENEWS"), source, target, "RENEWS",
                              reports=[report])
    for link in links.values():
        link.reports.sort(key=lambda report: (report[0], report[1].span.start))
        link.n_documents = len({stories.get(doc_id, doc_id) for doc_id, _ in link.reports})
        doubt = 1.0
        for _, stated in link.reports:
            doubt *= 1.0 - stated.confidence
        link.confidence = round(min(1.0 - doubt, 0.99), 2)
    return sorted(links.values(), key=lambda link: link.link_id)


def _class(kind: str | None) -> str:
    classes = {k: cls for cls, kinds in agreement_lexicon().kind_classes.items() for k in kinds}
    return classes.get(kind or "agreement", kind or "agreement")


def _renewals(events: list[Event], agreements: dict[str, Agreement]):
    """(renewing agreement, renewed agreement, report) for RENEW events whose year names one other agreement
    between the same parties signed then."""
    for event in events:
        if event.type != "RENEW" or event.agreement_id is None or event.date is None or not event.reports:
            continue
        renewed = agreements.get(event.agreement_id)
        if renewed is None or not renewed.parties:
            continue
        candidates = [a for a in agreements.values() if a.agreement_id != renewed.agreement_id
                      and a.signed is not None and a.signed.year == event.date.year
                      and sorted(a.parties) == sorted(renewed.parties) and _class(a.kind) == _class(renewed.kind)]
        if len(candidates) == 1:
            first = event.reports[0]
            stated = AgreementLink(first.mention.span, "RENEWS", "", "", first.mention.trigger, INFERRED_CONFIDENCE)
            yield candidates[0].agreement_id, renewed.agreement_id, (first.doc_id, stated)
