"""One actor per real-world person, organization or country, over all documents."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extract.normalize.countries import country_name
from extract.normalize.names import clean_name
from extract.records import DocResult, EntityMention
from extract.resolve.keys import UnionFind, stable_id, story_of

ACTOR_LABELS = {"PERSON", "ORGANIZATION", "COUNTRY"}


@dataclass
class Actor:
    actor_id: str
    name: str
    type: str
    iso3: str | None = None
    country_iso3: str | None = None
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    n_mentions: int = 0
    n_documents: int = 0


def resolve_actors(results: list[DocResult]) -> tuple[dict[str, Actor], dict[str, str]]:
    """Actors by id, and the actor id of every entity key."""
    agreement_acronyms = {a.acronym for r in results for a in r.agreements if a.acronym}
    mentions = [(r.document.doc_id, m) for r in results for m in r.entities
                if m.label in ACTOR_LABELS and not _is_agreement_acronym(m, agreement_acronyms)]
    groups = UnionFind()
    for _, m in mentions:
        groups.join_all([m.key, *m.alias_keys])
    _join_surnames(groups, [m for _, m in mentions])
    _join_one_word_names(groups, [m for _, m in mentions])
    by_root: dict[str, list[tuple[str, EntityMention]]] = {}
    for doc_id, m in mentions:
        by_root.setdefault(groups.find(m.key), []).append((doc_id, m))
    stories = story_of(results)
    actors: dict[str, Actor] = {}
    key_to_id: dict[str, str] = {}
    for members in by_root.values():
        actor = _actor(members, stories)
        actors[actor.actor_id] = actor
        for _, m in members:
            key_to_id[m.key] = actor.actor_id
            for k in m.alias_keys:
                key_to_id.setdefault(k, actor.actor_id)
    return actors, key_to_id


def _is_agreement_acronym(m: EntityMention, agreement_acronyms: set[str]) -> bool:
    """"the PAT" tagged as an organization in one article is the treaty another article defines as PAT."""
    return m.label == "ORGANIZATION" and m.text.strip().upper() in agreement_acronyms and not m.alias_keys


def _join_surnames(groups: UnionFind, mentions: list[EntityMention]) -> None:
    """A person known only by surname in one article ("Okafor") is the one full name that ends with it."""
    full: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.name.split()) > 1:
            full.setdefault(m.name.split()[-1].lower(), set()).add(m.key)
    for m in mentions:
        if m.label == "PERSON" and len(m.name.split()) == 1:
            owners = full.get(m.name.lower(), set())
            if len(owners) == 1:
                groups.union(next(iter(owners)), m.key)


def _join_one_word_names(groups: UnionFind, mentions: list[EntityMention]) -> None:
    """One word the NER tags as a person in one sentence and an organization in another ("Labour") is one
    actor, whose type is the one most mentions give; unless the person is someone's surname."""
    by_word: dict[str, dict[str, set[str]]] = {}
    for m in mentions:
        if m.label in ("PERSON", "ORGANIZATION") and " " not in m.name:
            by_word.setdefault(m.name.casefold(), {}).setdefault(m.label, set()).add(m.key)
    full_name_roots = {groups.find(m.key) for m in mentions if m.label == "PERSON" and " " in m.name}
    for labels in by_word.values():
        keys = sorted(k for ks in labels.values() for k in ks)
        if len(labels) > 1 and not any(groups.find(k) in full_name_roots for k in keys):
            groups.join_all(keys)


def _actor(members: list[tuple[str, EntityMention]], stories: dict[str, str]) -> Actor:
    ms = [m for _, m in members]
    type_ = Counter(m.label for m in ms).most_common(1)[0][0]
    typed = [m for m in ms if m.label == type_]
    iso3 = Counter(m.iso3 for m in typed if m.iso3).most_common(1)
    iso3 = iso3[0][0] if iso3 else None
    if type_ == "COUNTRY" and iso3:
        canonical_key, name = f"country:{iso3}", country_name(iso3)
    else:
        best = max(typed, key=lambda m: (len(m.name.split()), len(m.name), m.name))
        canonical_key, name = best.key, best.name
    roles: list[str] = []
    for m in ms:
        roles += [r for r in m.roles if r not in roles]
    affiliation = Counter(m.country_iso3 for m in ms if m.country_iso3).most_common(1)
    acronym = Counter(m.acronym for m in ms if m.acronym).most_common(1)
    return Actor(
        actor_id=stable_id("act", canonical_key),
        name=name,
        type=type_,
        iso3=iso3 if type_ == "COUNTRY" else None,
        country_iso3=affiliation[0][0] if affiliation and type_ != "COUNTRY" else None,
        acronym=acronym[0][0] if acronym else None,
        aliases=sorted({clean_name(m.text) for m in ms} - {""}),
        roles=roles,
        n_mentions=len(ms),
        n_documents=len({stories.get(doc_id, doc_id) for doc_id, _ in members}),
    )
