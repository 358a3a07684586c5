"""One agreement per real-world agreement, over all documents: names, acronyms and descriptions joined,
facts voted, contradictions kept.

Keys join first (a name, its acronym, its core "A-B Maritime Partnership"). An agreement an article only
describes ("the deal", "a trade pact") is keyed within its story, since two articles' "deal" may be two deals;
it joins a named agreement only with the same parties and subject area and the same signing day (or year,
for two or more parties: "the original pact was signed in 1994" and "the 1994 Accord"). Different agreements
never share a key. Parties are those most of the agreement's stories give, so one article that names two
unrelated countries near a multilateral treaty does not make them its parties.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from extract.lexicons import agreement_lexicon
from extract.normalize.names import clean_name, name_key
from extract.normalize.organizations import known_organization
from extract.records import AgreementMention, DateMention, DocResult
from extract.resolve.actors import Actor
from extract.resolve.keys import UnionFind, stable_id, story_of

UNNAMED = "agreement:unnamed:"
EARLIER = "earlier"  # the last part of the key of an earlier agreement whose year the story does not give
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
STATUS_RANK = {status: rank for rank, status in enumerate(agreement_lexicon().statuses)}  # latest stage wins


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


def resolve_agreements(results: list[DocResult], actor_ids: dict[str, str] | None = None,
                       actors: dict[str, Actor] | None = None) -> tuple[dict[str, Agreement], dict[str, str]]:
    """Agreements by id, and the agreement id of every agreement key. Parties (entity keys in the mentions)
    are given as ISO3 codes for states and actor names for others: those of the resolved `actors` when
    given (`actor_ids`: entity key -> actor id), else the names the documents give."""
    parties = _PartyNames(results, actor_ids or {}, actors or {})
    mentions = [(r.document.doc_id, _with_parties(m, parties.canonical)) for r in results for m in r.agreements]
    groups = UnionFind()
    for _, m in mentions:
        groups.join_all([m.key, *m.alias_keys])
    _join_undated_in_story(groups, mentions)
    _join_described(groups, mentions)
    by_root: dict[str, list[tuple[str, AgreementMention]]] = {}
    for doc_id, m in mentions:
        by_root.setdefault(groups.find(m.key), []).append((doc_id, m))
    stories = story_of(results)
    agreements: dict[str, Agreement] = {}
    key_to_id: dict[str, str] = {}
    for members in by_root.values():
        agreement = _agreement(members, stories)
        agreement.parties = sorted(dict.fromkeys(parties.label(k) for k in agreement.parties))
        agreements[agreement.agreement_id] = agreement
        for _, m in members:
            key_to_id[m.key] = agreement.agreement_id
    return agreements, key_to_id


class _PartyNames:
    """Parties as the tables give them: entity keys made canonical (two names of one actor are one party),
    then labelled: a state by its ISO3 code, another actor by its name."""

    def __init__(self, results: list[DocResult], actor_ids: dict[str, str], actors: dict[str, Actor]) -> None:
        self.actor_ids = actor_ids
        self.actors = actors
        self.names = {e.key: e.name for r in results for e in r.entities}

    def canonical(self, key: str) -> str:
        return self.actor_ids.get(key, key)

    def label(self, key: str) -> str:
        actor = self.actors.get(key)
        if actor is not None:
            return actor.iso3 if actor.type == "COUNTRY" and actor.iso3 else actor.name
        kind, _, value = key.partition(":")
        if kind == "country":
            return value
        if key in self.names:
            return self.names[key]
        known = known_organization(value)  # a body the text names by adjective ("the European constitution")
        return known.name if known is not None else value.title()  # a party by its label ("Liberal Party")


def _with_parties(mention: AgreementMention, canonical) -> AgreementMention:
    if not mention.parties:
        return mention
    return replace(mention, parties=list(dict.fromkeys(canonical(k) for k in mention.parties)))


@dataclass
class _Cluster:
    """What a group of joined mentions says, for joining descriptions to names."""

    root: str
    named: bool = False
    parties: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    def fits(self, other: "_Cluster") -> bool:
        """Same parties and a common subject area (or, when neither has one, a common kind)."""
        if self.parties != other.parties:
            return False
        if self.domains or other.domains:
            return bool(self.domains & other.domains)
        return bool(self.kinds & other.kinds)


def _join_undated_in_story(groups: UnionFind, mentions: list[tuple[str, AgreementMention]]) -> None:
    """A story's earlier agreement described without its year ("the original pact" in a copy that lost the
    date, keyed `...:earlier`) is the earlier agreement the same story describes with the same parties and
    subject and a signing year: the most mentioned one, when there are several."""
    counts = Counter(m.key for _, m in mentions if m.key.startswith(UNNAMED))
    dated: dict[str, list[str]] = {}
    for key in counts:
        prefix, _, last = key.rpartition(":")
        if last.isdigit():
            dated.setdefault(prefix, []).append(key)
    for key in counts:
        prefix, _, last = key.rpartition(":")
        candidates = dated.get(prefix) if last == EARLIER else None
        if candidates:
            groups.union(max(candidates, key=lambda k: (counts[k], k)), key)


def _join_described(groups: UnionFind, mentions: list[tuple[str, AgreementMention]]) -> None:
    """An agreement a story only describes joins a named one on strong evidence only: the same parties (a
    description that names none has no evidence), a common subject area or kind, and the same signing day,
    or the same year when two or more parties and a subject area agree. Otherwise it stays its story's."""
    clusters = _clusters(groups, mentions)
    named = [c for c in clusters.values() if c.named]
    for c in [c for c in clusters.values() if not c.named and c.parties]:
        if c.days:
            owners = [n for n in named if n.fits(c) and n.days & c.days]
        elif c.years and len(c.parties) >= 2 and c.domains:
            owners = [n for n in named if n.fits(c) and n.years & c.years]
        else:
            continue
        if len(owners) == 1:
            groups.union(owners[0].root, c.root)


def _clusters(groups: UnionFind, mentions: list[tuple[str, AgreementMention]]) -> dict[str, _Cluster]:
    clusters: dict[str, _Cluster] = {}
    for _, m in mentions:
        root = groups.find(m.key)
        c = clusters.setdefault(root, _Cluster(root))
        c.named |= not m.key.startswith(UNNAMED)
        c.parties |= set(m.parties)
        c.domains |= set(m.domains)
        c.kinds |= {m.kind} if m.kind else set()
        if m.signed is not None and m.signed.start is not None and m.signed.precision in PRECISION_RANK:
            c.years.add(m.signed.start.year)
            if m.signed.precision == "day":
                c.days.add(m.signed.value)
        year = m.key.rsplit(":", 1)[-1] if m.key.startswith(UNNAMED) else ""
        if year.isdigit():
            c.years.add(int(year))
    return clusters


def _agreement(members: list[tuple[str, AgreementMention]], stories: dict[str, str]) -> Agreement:
    ms = [m for _, m in members]
    named = [m for m in ms if not m.key.startswith(UNNAMED)] or ms
    name = _canonical_name(members)
    canonical_key = min(m.key for m in named)
    acronym = Counter(m.acronym for m in ms if m.acronym).most_common(1)
    kind = Counter(m.kind for m in named if m.kind).most_common(1)
    parties = _parties(members, stories)
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


def _parties(members: list[tuple[str, AgreementMention]], stories: dict[str, str]) -> list[str]:
    """The parties at least half of the stories that mention the agreement give (each story counted once)."""
    by_story: dict[str, set[str]] = {}
    for doc_id, m in members:
        by_story.setdefault(stories.get(doc_id, doc_id), set()).update(m.parties)
    votes = Counter(p for parties in by_story.values() for p in parties)
    return sorted(p for p, n in votes.items() if 2 * n >= len(by_story))


def _canonical_name(members: list[tuple[str, AgreementMention]]) -> str:
    """The name most documents use for the agreement itself (spelling variants counted together), else the
    most common description."""
    direct = [(doc_id, m) for doc_id, m in members if m.direct and not m.key.startswith(UNNAMED)]
    pool = direct or [(doc_id, m) for doc_id, m in members if not m.generic] or members
    documents: dict[str, set[str]] = {}
    spellings: dict[str, Counter] = {}
    for doc_id, m in pool:
        name = m.name if not direct or m.acronym is None or m.name.upper() != m.acronym else m.name
        variant = name_key(name)
        documents.setdefault(variant, set()).add(doc_id)
        spellings.setdefault(variant, Counter())[name] += 1
    best = max(documents, key=lambda v: (len(documents[v]), sum(spellings[v].values()), len(v), v))
    return spellings[best].most_common(1)[0][0]


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
