"""One agreement per real-world agreement, over all documents: names, acronyms and descriptions joined,
facts voted, contradictions kept."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from extract.normalize.names import clean_name
from extract.records import AgreementMention, DateMention, DocResult
from extract.resolve.keys import UnionFind, stable_id, story_of

UNNAMED = "agreement:unnamed:"
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
STATUS_RANK = {"proposed": 0, "negotiating": 1, "in_force": 2, "signed": 3, "renewed": 4}


@dataclass
class Agreement:
    agreement_id: str
    name: str
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    signed: date | None = None
    signed_precision: str | None = None
    place: str | None = None
    status: str | None = None
    n_mentions: int = 0
    n_documents: int = 0
    conflicts: list[str] = field(default_factory=list)


def resolve_agreements(results: list[DocResult]) -> tuple[dict[str, Agreement], dict[str, str]]:
    """Agreements by id, and the agreement id of every agreement key."""
    mentions = [(r.document.doc_id, m) for r in results for m in r.agreements]
    groups = UnionFind()
    for _, m in mentions:
        groups.join_all([m.key, *m.alias_keys])
    _join_unnamed(groups, [m for _, m in mentions])
    by_root: dict[str, list[tuple[str, AgreementMention]]] = {}
    for doc_id, m in mentions:
        by_root.setdefault(groups.find(m.key), []).append((doc_id, m))
    stories = story_of(results)
    agreements: dict[str, Agreement] = {}
    key_to_id: dict[str, str] = {}
    for members in by_root.values():
        agreement = _agreement(members, stories)
        agreements[agreement.agreement_id] = agreement
        for _, m in members:
            key_to_id[m.key] = agreement.agreement_id
    return agreements, key_to_id


def _join_unnamed(groups: UnionFind, mentions: list[AgreementMention]) -> None:
    """An agreement an article only describes ("the India-US defence pact") is the named one with the same
    parties signed on the same day, when there is exactly one."""
    named_by_day: dict[tuple, set[str]] = {}
    for m in mentions:
        if not m.key.startswith(UNNAMED) and m.signed is not None and m.signed.precision == "day":
            named_by_day.setdefault((tuple(sorted(m.parties)), m.signed.value), set()).add(groups.find(m.key))
    for m in mentions:
        if m.key.startswith(UNNAMED) and m.signed is not None and m.signed.precision == "day":
            owners = named_by_day.get((tuple(sorted(m.parties)), m.signed.value), set())
            if len(owners) == 1:
                groups.union(next(iter(owners)), m.key)


def _agreement(members: list[tuple[str, AgreementMention]], stories: dict[str, str]) -> Agreement:
    ms = [m for _, m in members]
    named = [m for m in ms if not m.key.startswith(UNNAMED)] or ms
    name = Counter(m.name for m in named).most_common(1)[0][0]
    canonical_key = min(m.key for m in named)
    acronym = Counter(m.acronym for m in ms if m.acronym).most_common(1)
    kind = Counter(m.kind for m in named if m.kind).most_common(1)
    parties = Counter(p for m in ms for p in m.parties)
    signed, conflicts = _signed(ms)
    statuses = [m.status for m in ms if m.status]
    status = max(statuses, key=lambda s: STATUS_RANK.get(s, 0)) if statuses else None
    signatories: list[str] = []
    for m in ms:
        signatories += [s for s in m.signatories if s not in signatories]
    places = Counter(m.place for m in ms if m.place).most_common(1)
    return Agreement(
        agreement_id=stable_id("agr", canonical_key),
        name=name,
        acronym=acronym[0][0] if acronym else None,
        aliases=sorted({clean_name(m.text) for m in ms if not m.generic} - {""}),
        kind=kind[0][0] if kind else None,
        parties=sorted(parties),
        signatories=signatories,
        signed=signed.start if signed else None,
        signed_precision=signed.precision if signed else None,
        place=places[0][0] if places else None,
        status=status,
        n_mentions=len(ms),
        n_documents=len({stories.get(doc_id, doc_id) for doc_id, _ in members}),
        conflicts=conflicts,
    )


def _signed(mentions: list[AgreementMention]) -> tuple[DateMention | None, list[str]]:
    """The signing date most mentions give (finest precision first); other dates of the same year that
    contradict it are reported, not dropped."""
    dates = [m.signed for m in mentions if m.signed is not None and m.signed.precision in PRECISION_RANK]
    if not dates:
        return None, []
    votes = Counter(d.value for d in dates)
    best = max(dates, key=lambda d: (votes[d.value], PRECISION_RANK[d.precision], d.value))
    conflicts = sorted({d.value for d in dates if d.value != best.value and d.precision == best.precision
                        and d.start.year == best.start.year})
    return best, [f"signed: {best.value} vs {v}" for v in conflicts]
