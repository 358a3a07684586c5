"""One actor per real-world person, organization or country, over all documents."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from extract.normalize.countries import country_name
from extract.normalize.names import address_gender, clean_name
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
    stories = story_of(results)
    surnames = _surnames([m for _, m in mentions])
    _join_names_tagged_twice(groups, [m for _, m in mentions], surnames)
    _join_short_names(groups, mentions, stories, surnames, {r.document.doc_id: r.document.text for r in results})
    by_root: dict[str, list[tuple[str, EntityMention]]] = {}
    for doc_id, m in mentions:
        by_root.setdefault(groups.find(m.key), []).append((doc_id, m))
    actors: dict[str, Actor] = {}
    key_to_id: dict[str, str] = {}
    for members in by_root.values():
        if all(m.bare for _, m in members):
            continue  # a one-word "person" that no document says is one: not trusted as an actor
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


def _surnames(mentions: list[EntityMention]) -> set[str]:
    """Last words of people's full names, except words the corpus tags as an organization more often than
    as a person ("Unity" ends "New Unity", but is a party)."""
    labels = Counter((m.name.casefold(), m.label) for m in mentions if " " not in m.name)
    last = {m.name.split()[-1].casefold() for m in mentions if m.label == "PERSON" and " " in m.name}
    return {w for w in last if labels[(w, "ORGANIZATION")] <= labels[(w, "PERSON")]}


def _join_short_names(groups: UnionFind, mentions: list[tuple[str, EntityMention]], stories: dict[str, str],
                      surnames: set[str], texts: dict[str, str]) -> None:
    """A one-word name its own story left alone ("Okafor", keyed ``person:okafor@<story>``) joins: the one
    person whose full name ends with it, when there is one; when there are several, the one `_Context`
    finds clearly meant (else it stays its story's); when it is nobody's surname, the same word in every
    other story (one who goes by one name). A "Mrs" never joins a person mostly called "Mr"."""
    people = [(doc_id, m) for doc_id, m in mentions if m.label == "PERSON"]
    full: dict[str, set[str]] = {}
    for _, m in people:
        if len(m.name.split()) > 1:
            full.setdefault(m.name.split()[-1].casefold(), set()).add(groups.find(m.key))
    short = {m.key: (m.name.casefold(), stories.get(doc_id, doc_id)) for doc_id, m in people if "@" in m.key}
    context = _Context(groups, mentions, stories, set(short))
    genders = _genders(groups, people, texts)
    for key, (word, story) in sorted(short.items()):
        if word not in surnames:
            groups.union(key.split("@")[0], key)
            continue
        owners = sorted(o for o in full[word] if not _opposite(genders.get(key), genders.get(o)))
        owner = owners[0] if len(owners) == 1 else context.best(owners, story) if owners else None
        if owner is not None:
            groups.union(owner, key)


def _genders(groups: UnionFind, people: list[tuple[str, EntityMention]], texts: dict[str, str]
             ) -> dict[str, str]:
    """What forms of address ("Mr", "Mrs") say of each short-name key and each group of mentions: the
    gender at least three quarters of its addressed mentions agree on."""
    votes: dict[str, Counter] = {}
    for doc_id, m in people:
        before = texts.get(doc_id, "")[max(m.span.sent_start, m.span.start - 8):m.span.start].split()
        words = m.text.split()[:1] + before[-1:]
        gender = next((g for g in map(address_gender, words) if g), None)
        if gender:
            votes.setdefault(m.key, Counter())[gender] += 1
            votes.setdefault(groups.find(m.key), Counter())[gender] += 1
    out = {}
    for key, counts in votes.items():
        gender, n = counts.most_common(1)[0]
        if 4 * n >= 3 * sum(counts.values()):
            out[key] = gender
    return out


def _opposite(short: str | None, owner: str | None) -> bool:
    """A "Mrs" is not a person mostly called "Mr" (and the other way round)."""
    return bool(short and owner and short != owner)


class _Context:
    """Which actors each story names, to tell which of several people a short name in a story is.

    Each other actor of the story is either about the person (probability `related`, drawn from the actors
    of the stories that name the person in full) or about anything (drawn from how common the actor is);
    the person is the likeliest under that mixture, weighted by how often stories name each one. "Mr Okafor"
    in a story with the Farmers Party and a colleague is the Okafor whose stories name them. The choice needs
    a clear winner, a person other stories name in full often enough to know, and at least one shared actor
    typical of the person's stories (not merely the same big country); else the short name stays its story's.
    """

    def __init__(self, groups: UnionFind, mentions: list[tuple[str, EntityMention]], stories: dict[str, str],
                 short_keys: set[str]):
        self.actors_of: dict[str, set[str]] = {}
        for doc_id, m in mentions:
            if m.key not in short_keys:
                self.actors_of.setdefault(stories.get(doc_id, doc_id), set()).add(groups.find(m.key))
        self.stories_of: dict[str, set[str]] = {}
        for story, roots in self.actors_of.items():
            for root in roots:
                self.stories_of.setdefault(root, set()).add(story)
        self.n_stories = max(len(self.actors_of), 1)

    def best(self, candidates: list[str], story: str, *, related: float = 0.5, certainty: float = 0.9,
             lift: float = 2.0, min_stories: int = 2) -> str | None:
        """The candidate most probably meant in `story`, among those other stories name in full at least
        `min_stories` times (one story says too little of anyone), if its probability is at least
        `certainty` and it shares with the story an actor its stories name at least `lift` times as often
        as stories in general do."""
        profiles = {c: self.stories_of.get(c, set()) - {story} for c in candidates}
        profiles = {c: own for c, own in profiles.items() if len(own) >= min_stories}
        if not profiles:
            return None
        here = self.actors_of.get(story, set()) - set(candidates)
        scores = {}
        for c, own in profiles.items():
            score = math.log(len(own))
            for r in here:
                background = len(self.stories_of[r]) / self.n_stories
                score += math.log(related * len(own & self.stories_of[r]) / len(own) + (1 - related) * background)
            scores[c] = score
        top = max(scores.values())
        weights = {c: math.exp(score - top) for c, score in scores.items()}
        best = max(sorted(weights), key=lambda c: weights[c])
        own = profiles[best]
        evidence = any(len(own & self.stories_of[r]) / len(own) >= lift * len(self.stories_of[r]) / self.n_stories
                       for r in here)
        return best if evidence and weights[best] / sum(weights.values()) >= certainty else None


def _join_names_tagged_twice(groups: UnionFind, mentions: list[EntityMention], surnames: set[str]) -> None:
    """One name the NER tags as a person in one sentence and an organization in another ("Unity", "Acme
    Ventures") is one actor, whose type is the one most mentions give; unless it is a surname, which
    `_join_short_names` resolves."""
    by_name: dict[str, dict[str, set[str]]] = {}
    for m in mentions:
        if m.label in ("PERSON", "ORGANIZATION"):
            by_name.setdefault(m.name.casefold(), {}).setdefault(m.label, set()).add(m.key)
    for name, labels in by_name.items():
        if len(labels) > 1 and name not in surnames:
            groups.join_all(sorted(k for ks in labels.values() for k in ks))


def _says_person(mentions: list[EntityMention]) -> bool:
    """Something in the text says a name is a person's: a title, a form of address ("Mr"), or the surname
    used alone. A name the NER tags both ways without any of them ("Farmers Party") is an organization."""
    names = {m.name for m in mentions if m.label == "PERSON" and " " in m.name}
    for m in mentions:
        words = clean_name(m.text).split()
        if m.roles or (words and address_gender(words[0])):
            return True
        if m.label == "PERSON" and len(words) == 1 and any(n.endswith(" " + words[0]) for n in names):
            return True
    return False


def _actor(members: list[tuple[str, EntityMention]], stories: dict[str, str]) -> Actor:
    ms = [m for _, m in members]
    type_ = Counter(m.label for m in ms).most_common(1)[0][0]
    if type_ == "PERSON" and any(m.label == "ORGANIZATION" for m in ms) and not _says_person(ms):
        type_ = "ORGANIZATION"
    typed = [m for m in ms if m.label == type_]
    iso3 = Counter(m.iso3 for m in typed if m.iso3).most_common(1)
    iso3 = iso3[0][0] if iso3 else None
    if type_ == "COUNTRY" and iso3:
        canonical_key, name = f"country:{iso3}", country_name(iso3)
    else:
        best = max(typed, key=lambda m: (len(m.name.split()), len(m.name), m.name, m.key))
        canonical_key, name = best.key, best.name
        if len({m.key for m in typed}) > 1 and all("@" in m.key for m in typed):
            canonical_key = best.key.split("@")[0]  # one who goes by one name in several stories
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
