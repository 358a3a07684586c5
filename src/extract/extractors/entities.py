"""Actors and places from a parsed document: spaCy's entities, cleaned, typed and normalized.

Countries get ISO3 codes (names, capitals that act, plural demonyms used as nouns), persons their full name
(a later "Singh" joins "Rajnath Singh"), titles and country, organizations a canonical name and acronym.
Headings, regions, agreements and common words mis-tagged by the NER are dropped.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan

from extract.extractors.acronyms import find_acronyms
from extract.normalize.countries import capital_iso3, countries_in_compound, country_iso3, country_name, demonym_iso3
from extract.normalize.names import clean_name, is_region, name_key, split_title, title_before
from extract.records import Document, EntityMention, Span

ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "dobj", "pobj", "conj", "appos"}
HEADING_SHARE = 0.6  # an entity covering most of a heading line is the heading, not a name


def span_of(span: SpacySpan) -> Span:
    sent = span.sent
    return Span(span.start_char, span.end_char, sent.start_char, sent.end_char)


def extract_entities(doc: Doc, document: Document) -> list[EntityMention]:
    """Entity mentions of one document, in text order."""
    headings = [(s.start, s.end) for s in document.segments if s.kind == "heading"]
    agreement_tokens = {i for s in doc.spans.get("agreements", []) if s.label_ == "NAMED" for i in range(s.start, s.end)}
    lower_words = {t.lower_ for t in doc if t.is_lower}
    acronyms = {a.long.lower(): a.short for a in find_acronyms(doc.text)}
    mentions: list[EntityMention] = []
    for ent in doc.ents:
        if agreement_tokens.intersection(range(ent.start, ent.end)) or _is_heading(ent, headings):
            continue
        mention = _mention(ent, lower_words, acronyms)
        if mention is not None:
            mentions.append(mention)
    _resolve_short_names(mentions)
    return mentions


def _mention(ent: SpacySpan, lower_words: set[str], acronyms: dict[str, str]) -> EntityMention | None:
    label, text = ent.label_, ent.text
    name = clean_name(text)
    if not name or is_region(name):
        return None
    if label in ("GPE", "NORP", "LOC", "FAC", "ORG"):
        iso3 = country_iso3(name)
        if iso3 is None and label in ("GPE", "ORG") and _acts(ent):
            iso3 = capital_iso3(name)
        if iso3 is None and label == "NORP" and _is_plural_noun(ent):
            iso3 = demonym_iso3(name)
        if iso3:
            return EntityMention(span_of(ent), text, "COUNTRY", f"country:{iso3}", country_name(iso3), iso3=iso3)
    if label == "NORP":
        iso3 = demonym_iso3(name)
        return EntityMention(span_of(ent), text, "NORP", f"norp:{name_key(name)}", name, country_iso3=iso3)
    if label in ("GPE", "LOC", "FAC"):
        if _is_common_word(name, lower_words):
            return None
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name,
                             country_iso3=capital_iso3(name))
    if label == "PERSON":
        return _person(ent, name, lower_words)
    if label == "ORG":
        return _organization(ent, name, lower_words, acronyms)
    return None


def _person(ent: SpacySpan, name: str, lower_words: set[str]) -> EntityMention | None:
    title, name = split_title(name)
    words = name.split()
    if not words or any(not (w[0].isupper() or w in ("de", "van", "von", "bin", "al", "da")) for w in words):
        return None  # "Javelin anti-tank", "Intelligence Sharing and ...": not a name
    if any(ch.isdigit() for ch in name) or _is_common_word(name, lower_words):
        return None
    before = ent.doc.text[max(ent.sent.start_char, ent.start_char - 60):ent.start_char]
    title = title or title_before(before)
    country = _country_before(ent, before, title)
    return EntityMention(span_of(ent), ent.text, "PERSON", f"person:{name_key(name)}", name,
                         roles=[title] if title else [], country_iso3=country)


def _organization(ent: SpacySpan, name: str, lower_words: set[str], acronyms: dict[str, str]) -> EntityMention | None:
    if not name[0].isupper() or _is_common_word(name, lower_words):
        return None
    acronym = acronyms.get(name.lower())
    long_by_short = {v.lower(): k for k, v in acronyms.items()}
    alias_keys = []
    if acronym:
        alias_keys.append(f"org:{name_key(acronym)}")
    elif name.lower() in long_by_short:
        acronym = name
        alias_keys.append(f"org:{name_key(long_by_short[name.lower()])}")
    countries = countries_in_compound(name.split()[0])
    return EntityMention(span_of(ent), ent.text, "ORGANIZATION", f"org:{name_key(name)}", name,
                         alias_keys=alias_keys, acronym=acronym, country_iso3=countries[0] if countries else None)


def _country_before(ent: SpacySpan, before: str, title: str | None) -> str | None:
    """Country of a person from the words before the name: "US Secretary of War", "Indian Defence Minister"."""
    if not title:
        return None
    head = before.rstrip()[: -len(title)].strip().split()
    if not head:
        return None
    word = clean_name(head[-1])
    return country_iso3(word) or demonym_iso3(word)


def _resolve_short_names(mentions: list[EntityMention]) -> None:
    """A surname alone ("Singh", even when tagged as a place) joins the one full name in the document
    that ends with it, taking its key, name, roles and country."""
    full = [m for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1]
    by_last: dict[str, list[EntityMention]] = {}
    for m in full:
        by_last.setdefault(m.name.split()[-1].lower(), []).append(m)
    for m in mentions:
        if len(m.name.split()) != 1 or m.label == "COUNTRY":
            continue
        owners = {o.key: o for o in by_last.get(m.name.lower(), [])}
        if len(owners) == 1:
            owner = next(iter(owners.values()))
            m.label, m.key, m.name = "PERSON", owner.key, owner.name
            m.country_iso3 = m.country_iso3 or owner.country_iso3
    roles: dict[str, list[str]] = {}
    countries: dict[str, str] = {}
    for m in mentions:
        if m.label == "PERSON":
            roles.setdefault(m.key, [])
            roles[m.key] += [r for r in m.roles if r not in roles[m.key]]
            if m.country_iso3:
                countries.setdefault(m.key, m.country_iso3)
    for m in mentions:
        if m.label == "PERSON":
            m.roles = roles[m.key]
            m.country_iso3 = m.country_iso3 or countries.get(m.key)


def _is_heading(ent: SpacySpan, headings: list[tuple[int, int]]) -> bool:
    for start, end in headings:
        if start <= ent.start_char and ent.end_char <= end:
            line = ent.doc.text[start:end].strip()
            return len(ent.text) >= HEADING_SHARE * len(line) and ent.label_ not in ("GPE", "PERSON")
    return False


def _is_common_word(name: str, lower_words: set[str]) -> bool:
    """A one-word name the same text also uses in lower case ("Defence", "Framework") is a common word."""
    return " " not in name and name.lower() in lower_words and not name.isupper()


def _acts(ent: SpacySpan) -> bool:
    """A capital that is the subject or possessor of something stands for its government."""
    root = ent.root
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return root.dep_ in ACTING_DEPS or (nxt is not None and nxt.tag_ == "POS") or ent.text.endswith(("’s", "'s"))


def _is_plural_noun(ent: SpacySpan) -> bool:
    """"the Americans" (the people or the state), not "American equipment"."""
    root = ent.root
    return root.tag_ in ("NNPS", "NNS") or (root.text.endswith("s") and root.dep_ in ACTING_DEPS)
