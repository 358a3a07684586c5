"""Actors and places from a parsed document: spaCy's entities, cleaned, typed and normalized.

Countries get ISO3 codes (names, capitals that act, plural demonyms used as nouns), persons their full name
(a later "Okafor" joins "John Okafor", a first name alone the one person of the text it begins), titles and
country, organizations a canonical name, acronym and country (a short form joins the one longer name of the
text it begins or ends: "Acme" and "Acme Holdings"). Towns of the gazetteer tagged as people, or as
organizations where the text uses them as places, are places. Headings, bullet labels, titles alone, portfolios
("Health Secretary"), agreement acronyms, terms ("intellectual property (IP)"), regions, time zones, product
acronyms and common words mis-tagged by the NER are dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from dataclasses import dataclass, field, replace

from spacy.attrs import IS_LOWER, LOWER
from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.extractors.acronyms import find_acronyms
from extract.nlp.text import doc_text
from extract.lexicons import entity_lexicon
from extract.normalize.countries import (capital_iso3, countries_in_compound, country_iso3, country_name,
                                         demonym_iso3, is_part_of_a_state, state_of_part)
from extract.normalize.names import (clean_name, is_honorific, is_non_actor, is_party_label, is_region, name_key,
                                    split_title, title_after, title_before, titles)
from extract.normalize.organizations import known_organization, organization_key
from extract.normalize.places import is_place, is_town_of_us_state, is_us_state
from extract.records import Document, EntityMention, Span

ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "dobj", "pobj", "conj", "appos"}
HEADING_SHARE = 0.6  # an entity covering most of a heading line is the heading, not a name
_LABEL = re.compile(r"[ \t]*((?:[A-Z0-9][\w’'&.-]*[ \t]+(?:(?:and|of|for|the|in|on|to|&)[ \t]+)*){0,7}"
                    r"[A-Z0-9][\w’'&.-]*)[ \t]*:[ \t]")  # "Regional Security and Joint Operations: ..."
_NAME_PARTICLES = {"de", "van", "von", "bin", "al", "da", "der", "le", "la", "di", "du", "dos", "ibn"}
_SEAT_BEFORE = re.compile(r"\b(\S+)\s+for\s+(?:(?:[A-Z][\w'’-]*\s+)+(?:and|&)\s+)?$")  # "MP for A and "
_APPOSITIVE = re.compile(r"\s*,\s*(?:(?:a|an|the|former|ex-|then|acting)\b\s*)*", re.I)
_organization_key = lru_cache(maxsize=65536)(organization_key)  # the same names recur in article after article


def span_of(span: SpacySpan) -> Span:
    sent = span.sent
    return Span(span.start_char, span.end_char, sent.start_char, sent.end_char)


@dataclass
class _Context:
    """What one document tells about its own entities before any is read."""

    doc: Doc
    furniture: list[tuple[int, int]]  # headings and bullet labels
    headings: list[tuple[int, int]]
    body_text: str  # the text outside headings and labels, to check a name is used in a sentence
    lower_words: set[str]
    acronyms: dict[str, str]  # long form (lower) -> acronym
    agreement_tokens: set[int]
    agreement_acronyms: set[str] = field(default_factory=set)  # upper case
    agreement_long_forms: list[tuple[int, int]] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)  # acronyms of lower-case terms, upper case
    long_forms: dict[str, str] = field(default_factory=dict)  # acronym (lower) -> long form as written


def extract_entities(doc: Doc, document: Document) -> list[EntityMention]:
    """Entity mentions of one document, in text order."""
    ctx = _context(doc, document)
    mentions: list[EntityMention] = []
    for ent in doc.ents:
        if _is_furniture_or_other(ent, ctx):
            continue
        mention = _mention(ent, ctx)
        if mention is not None:
            mentions.append(mention)
    mentions += _missed_repeats(doc, mentions, ctx)
    mentions.sort(key=lambda m: m.span.start)
    _resolve_short_names(mentions, document.duplicate_of or document.doc_id)
    _join_organization_forms(mentions)
    _infer_home_countries(mentions)
    return mentions


def _missed_repeats(doc: Doc, mentions: list[EntityMention], ctx: _Context) -> list[EntityMention]:
    """A name the NER tagged as an organization (or a person's full name) somewhere in the text is that
    actor where it left the same words untagged ("Acme and Vega signed a deal" after "Acme said ..."): the
    NER reads each sentence alone. Only outside headings and every other entity span."""
    text = doc_text(doc)
    taken = [(e.start_char, e.end_char) for e in doc.ents] + ctx.furniture
    by_text = {m.text: m for m in mentions if m.text[:1].isupper() and (
        m.label == "ORGANIZATION" or (m.label == "PERSON" and " " in m.text.strip()))}
    found: list[EntityMention] = []
    for surface, mention in by_text.items():
        for start, end in _whole_word_occurrences(text, surface):
            span = doc.char_span(start, end)
            if span is None or any(_overlaps((start, end), t) for t in taken):
                continue
            taken.append((start, end))
            found.append(replace(mention, span=span_of(span), alias_keys=list(mention.alias_keys),
                                 roles=list(mention.roles)))
    return found


def _whole_word_occurrences(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """Where `surface` stands in `text` as whole words (no letter, digit, "_", "&" or "-" on either side),
    left to right without overlaps. A plain search: a regular expression per name costs its compilation."""
    start = text.find(surface)
    while start != -1:
        end = start + len(surface)
        if _joins(text, start - 1) or _joins(text, end):
            start = text.find(surface, start + 1)
            continue
        yield start, end
        start = text.find(surface, end)


def _joins(text: str, i: int) -> bool:
    """The character at `i` would make a name run on: a word character, "&" or "-"."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_&-")


def _context(doc: Doc, document: Document) -> _Context:
    text = doc_text(doc)
    headings = [(s.start, s.end) for s in document.segments if s.kind == "heading"]
    labels = []
    for seg in document.segments:
        if seg.kind == "body":
            m = _LABEL.match(text, seg.start, seg.end)
            if m:
                labels.append((m.start(1), m.end(1)))
    furniture = headings + labels
    body = list(text)
    for start, end in furniture:
        body[start:end] = " " * (end - start)
    named = [s for s in doc.spans.get("agreements", []) if s.label_ == "NAMED"]
    ctx = _Context(
        doc=doc, furniture=furniture, headings=headings, body_text="".join(body),
        lower_words=_lower_case_words(doc),
        acronyms={}, agreement_tokens={i for s in named for i in range(s.start, s.end)})
    for a in find_acronyms(text):
        long_range = (a.long_start, a.long_end)
        if a.long.islower() or a.long[:1].islower() and not any(w[:1].isupper() for w in a.long.split()):
            ctx.terms.add(a.short.upper())
            continue
        ctx.acronyms[a.long.lower()] = a.short
        ctx.long_forms[a.short.lower()] = a.long
        if any(_overlaps(long_range, (s.start_char, s.end_char)) or s.start_char <= a.short_start < s.end_char
               or 0 <= a.short_start - s.end_char <= 3 for s in named):
            ctx.agreement_acronyms.add(a.short.upper())
            ctx.agreement_long_forms.append(long_range)
    return ctx


def _lower_case_words(doc: Doc) -> set[str]:
    """The words written in lower case somewhere in the document (read from arrays, not Token objects)."""
    if not len(doc):
        return set()
    forms = doc.to_array([IS_LOWER, LOWER])
    return {doc.vocab.strings[h] for h in set(forms[forms[:, 0] == 1, 1].tolist())}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _is_furniture_or_other(ent: SpacySpan, ctx: _Context) -> bool:
    """Entities that are part of an agreement's name, a heading or label, or a term's acronym."""
    if ctx.agreement_tokens.intersection(range(ent.start, ent.end)):
        return True
    name = clean_name(ent.text)
    if name.upper() in ctx.agreement_acronyms | ctx.terms:
        return True
    if any(start <= ent.start_char and ent.end_char <= end for start, end in ctx.agreement_long_forms):
        return True
    if _covers_heading(ent, ctx.headings):
        return True
    in_furniture = any(start <= ent.start_char and ent.end_char <= end for start, end in ctx.furniture)
    # a name only a heading or bullet label uses is not trusted: title case makes the NER see names
    return in_furniture and ent.label_ != "GPE" and name not in ctx.body_text


def _mention(ent: SpacySpan, ctx: _Context) -> EntityMention | None:
    label, text = ent.label_, _balanced(ent.text)
    name = clean_name(text)
    if not name or is_region(name) or _is_title_only(name) or _is_not_a_noun(ent):
        return None
    if label in ("ORG", "PERSON") and (is_non_actor(name) or sum(ch.isalnum() for ch in name) < 2):
        return None  # "GMT", "LNG", "Treaty", "Britishness", "I."
    if is_part_of_a_state(name):  # "Wales", whatever the NER says: a place, in its state
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name,
                             country_iso3=state_of_part(name))
    if _is_state_of_the_town_before(ent, name):  # "Atlanta, Georgia": the US state, not the country
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name, country_iso3="USA")
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
        if _is_common_word(name, ctx.lower_words):
            return None
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name,
                             country_iso3=capital_iso3(name))
    if label == "PERSON" and " " not in name and capital_iso3(name):  # "Lima said": the capital, if no
        iso3 = capital_iso3(name)                                       # "Ana Lima" claims it later
        if _acts(ent):
            return EntityMention(span_of(ent), text, "COUNTRY", f"country:{iso3}", country_name(iso3), iso3=iso3)
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name, country_iso3=iso3)
    if label in ("PERSON", "ORG") and (_is_a_town(ent, name) or _is_a_seat(ent) or _is_a_district(name)
                                       or _has_a_place_ending(name)):
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name)
    if label == "PERSON" and " " not in name and name.isupper() and len(name) > 1:
        return _organization(ent, name, ctx)  # "BAA said": people's names are not written in capitals
    if label in ("PERSON", "ORG") and demonym_iso3(name) and " " not in name:  # "Welsh said": the people
        return EntityMention(span_of(ent), text, "NORP", f"norp:{name_key(name)}", name,
                             country_iso3=demonym_iso3(name))
    plural = ent[-1].tag_ == "NNPS" and _is_determined(ent)  # "the Free Dems", not "chairman Jan Evers"
    if label == "PERSON" and plural and " " not in name and not is_party_label(name):
        return None  # "the Gypsies", "Patriots": a people or a kind of people, no party's or person's name
    if label == "PERSON" and (plural or _is_affiliation_of_next_person(ent) or _modifies_a_role(ent)):
        return _organization(ent, name, ctx)  # "the Free Dems", "Farmers Party leader Ana Lima", "Free Dem MPs"
    if label == "PERSON" and _is_portfolio(ent) and " " in name:
        return None  # "Minister for Children, Young People and Families Ana Lima": a portfolio's words
    if label == "PERSON":
        return _person(ent, name, ctx.lower_words)
    if label == "ORG" and capital_iso3(name):  # "traders in Lusaka" tagged as an organization
        return EntityMention(span_of(ent), text, "LOCATION", f"location:{name_key(name)}", name,
                             country_iso3=capital_iso3(name))
    if label == "ORG":
        return _organization(ent, name, ctx)
    return None


def _person(ent: SpacySpan, name: str, lower_words: set[str]) -> EntityMention | None:
    title, name = split_title(name)
    words = name.split()
    if len(words) > 1 and is_party_label(" ".join(words[:-1])) and _is_title_only(words[-1]):
        return None  # "Labour MPs", "Tory councillors": a party's members, no one's name
    if not words or any(not (w[0].isupper() or w in _NAME_PARTICLES) for w in words):
        return None  # "Harpoon anti-ship", "Fisheries Cooperation and ...": not a name
    if any(ch.isdigit() for ch in name) or _is_common_word(name, lower_words):
        return None
    doc = ent.doc
    before = doc_text(doc)[max(ent.sent.start_char, ent.start_char - 60):ent.start_char].rstrip(" “\"‘'")
    title = title or title_before(before)
    # "US Secretary Ana Lima", not "a deal with Kenya Mr Roe said": a form of address names no office
    country = _country_before(before, title) if title and not is_honorific(title) else None
    if title is None:
        title, country = _title_after(ent)
    roles = [title] if title and not is_honorific(title) else []
    determined = ent[0].lower_ == "the" or ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"  # "the Kattegat"
    bare = " " not in name and title is None and (determined or not (
        _has_initial_before(ent) or _listed_with_a_person(ent)))
    if bare:
        described = None if determined else _describing_noun(ent)
        owner = _possessing_country(ent)
        if described is not None and (described.lemma_.lower() in entity_lexicon().organization_classes
                                      or described.tag_ == "NNS" and described.i == ent.start - 1) \
                or _is_camel_case(name) or described is None and (owner or _possessed_by_a_body(ent)):
            return EntityMention(span_of(ent), _balanced(ent.text), "ORGANIZATION", f"org:{_organization_key(name)}",
                                 name, country_iso3=owner or _country_modifier(ent.root))
        bare = described is None
    return EntityMention(span_of(ent), _balanced(ent.text), "PERSON", f"person:{name_key(name)}", name,
                         roles=roles, country_iso3=country, bare=bare)


def _describing_noun(ent: SpacySpan) -> Token | None:
    """The common noun that describes a one-word name: "his wife Sarah", "the singer Shakirah", "two sons, Avi
    and Joel", "derivatives market Liffe". It tells what the name is: a person's, or an organization's when the
    noun is a kind of organization or a plural right before it ("footwear specialists Kestrel")."""
    first = ent.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ == "appos" and first.head.pos_ == "NOUN" and first.head.is_lower and first.head.i < first.i:
        return first.head
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.is_lower:
        return before  # "the singer Shakirah", however the parser attaches it
    return next((c for c in first.children if c.dep_ in ("compound", "nmod", "appos") and c.pos_ == "NOUN"
                 and c.is_lower and c.i < ent.start), None)


def _listed_with_a_person(ent: SpacySpan) -> bool:
    """"Roe and Lima", "Ana Lima and Vega": a name coordinated with a person's is a person's too."""
    root = ent.root
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    return any(p.ent_type_ == "PERSON" and not ent.start <= p.i < ent.end and _is_known_person(p) for p in partners)


def _is_known_person(token: Token) -> bool:
    """A word of a name the text shows is a person's: a full name, a form of address or title before it, or
    the surname of a full name the document gives ("Lima" beside "Ana Lima"); two bare words listed together
    ("the Korvaq and Tesla oilfields") vouch for nothing."""
    doc = token.doc
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return False
    lexicon = entity_lexicon()
    if any(t.text in lexicon.place_endings or t.text in lexicon.organization_words for t in ent):
        return False  # "the Kattegat and Kestrel Straits"
    if len(ent) > 1 and ent[0].text[:1].isupper() and ent[-1].text[:1].isupper():
        return True
    before = doc_text(doc)[max(ent.sent.start_char, ent.start_char - 40):ent.start_char]
    if title_before(before) is not None:
        return True
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == token.text for e in doc.ents)


def _possessing_country(ent: SpacySpan) -> str | None:
    """"Brazil's Vexa": a one-word name a country possesses, when nothing says it is a person's, is a
    company's or a body's (its country's, returned)."""
    for child in ent.root.children:
        if child.dep_ == "poss":
            for owner in (child, *(c for c in child.children if c.dep_ == "conj")):
                if owner.ent_type_ == "GPE" and country_iso3(clean_name(owner.text)):
                    return country_iso3(clean_name(owner.text))
    return None


def _possessed_by_a_body(ent: SpacySpan) -> bool:
    """"Acme's Vexa", "Korvaq's Tesla": a one-word name an organization possesses is its unit or brand, not a
    person (whom a text gives a full name or a title)."""
    return any(c.dep_ == "poss" and c.ent_type_ == "ORG" for c in ent.root.children)


def _has_initial_before(ent: SpacySpan) -> bool:
    """"B. Satyanarayana": an initial the NER left out before a surname."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return len(before.text) == 2 and before.text[0].isupper() and before.text[1] == "."


def _is_camel_case(name: str) -> bool:
    """"VexaKorvaq", "NordCapital": a capital inside a word is a company's spelling, never a
    person's name (a "Mc" or "Mac" prefix aside)."""
    inner = name[1:]
    return any(ch.isupper() for ch in inner) and name.isalpha() and not _SURNAME_PREFIX.match(name)


_SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Le|La|O)[A-Z]")  # "McManus", "DeLuca": a person's capitals


def _organization(ent: SpacySpan, name: str, ctx: _Context) -> EntityMention | None:
    if not name[0].isupper() or _is_common_word(name, ctx.lower_words):
        return None
    name = _capitalized_designator(name)
    if _is_title_of_next_person(ent, name) or _is_portfolio(ent) or _is_portfolio_of_next_title(ent):
        return None
    known = known_organization(name)
    if known is not None:
        alias_keys = [f"org:{name_key(known.acronym)}"] if known.acronym else []
        return EntityMention(span_of(ent), _balanced(ent.text), "ORGANIZATION", f"org:{name_key(known.name)}",
                             known.name, alias_keys=alias_keys, acronym=known.acronym, country_iso3=known.country)
    if " " in name and name.split()[-1].lower() in titles() and not _has_organization_word(name):
        return None  # "the Mid-Lothian MP", "Acme chairman": a person's title
    acronym = ctx.acronyms.get(name.lower())
    alias_keys = []
    if acronym:
        alias_keys.append(f"org:{name_key(acronym)}")
    elif name.lower() in ctx.long_forms:  # "S&N", defined as "Scottish and Newcastle (S&N)": named by its long form
        acronym, long_form = name.upper(), ctx.long_forms[name.lower()]
        return EntityMention(span_of(ent), _balanced(ent.text), "ORGANIZATION", f"org:{_organization_key(long_form)}",
                             long_form, alias_keys=[f"org:{_organization_key(name)}"], acronym=acronym,
                             country_iso3=_organization_country(ent, name))
    elif name.isupper() and len(name) >= 2:
        acronym = name
    return EntityMention(span_of(ent), _balanced(ent.text), "ORGANIZATION", f"org:{_organization_key(name)}", name,
                         alias_keys=alias_keys, acronym=acronym, country_iso3=_organization_country(ent, name))


def _capitalized_designator(name: str) -> str:
    """"Conservative Party" for "Conservative party": a designator written in lower case after the name is
    part of the name as the party or company writes it."""
    head, _, last = name.rpartition(" ")
    if head and last.islower() and last.capitalize() in entity_lexicon().name_designators:
        return f"{head} {last.capitalize()}"
    return name


def _organization_country(ent: SpacySpan, name: str) -> str | None:
    """"Indian Armed Forces", "US Navy", "China's CNPC"; or a kind of organization of a country that the name is
    an example of: "Indian firms like A and B", "US sales including C aircraft"."""
    first = name.split()[0]
    countries = countries_in_compound(first)
    if countries and len(name.split()) > 1:
        return countries[0]
    owner = _country_modifier(ent.root)  # "China's CNPC", "India's ONGC"
    if owner:
        return owner
    classes = set(entity_lexicon().organization_classes) | {"sale", "purchase", "export", "import", "deal"}
    token: Token = ent.root
    seen_nouns: list[Token] = []
    for _ in range(8):
        if token.dep_ in ("conj", "appos", "pobj", "compound", "prep") and token.head.i != token.i:
            token = token.head
        else:
            break
        if token.pos_ == "NOUN":
            seen_nouns.append(token)
            country = _country_modifier(token) if token.lemma_.lower() in classes else None
            if country:  # "Indian firms like A", not "told Radio Sur US policy ..."
                return country
    # "Turkish firms — both state firms like A": the same noun just before, with the country
    for noun in seen_nouns:
        if noun.lemma_.lower() in classes:
            for other in noun.doc[max(noun.sent.start, noun.i - 8):noun.i]:
                if other.lemma_ == noun.lemma_ and other.i != noun.i:
                    country = _country_modifier(other)
                    if country:
                        return country
    return None


def _country_modifier(noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in ("NORP", "GPE"):
            word = clean_name(child.text)
            iso3 = country_iso3(word) or demonym_iso3(word)
            if iso3:
                return iso3
    return None


def _country_before(before: str, title: str) -> str | None:
    """Country of a person from the words before the title: "US Secretary of War", "Indian Defence Minister"."""
    head = before.rstrip()[: -len(title)].strip().split()
    if not head:
        return None
    word = clean_name(head[-1])
    return country_iso3(word) or demonym_iso3(word)


def _title_after(ent: SpacySpan) -> tuple[str | None, str | None]:
    """Title and country from an apposition: "Ana Lima, Brazil's foreign minister", "X, the Kenyan envoy"."""
    text = doc_text(ent.doc)
    m = _APPOSITIVE.match(text, ent.end_char, min(len(text), ent.end_char + 100))
    if not m or m.end() == ent.end_char:
        return None, None
    former = "former " if re.search(r"\b(?:former|ex-)", m.group(), re.I) else ""
    rest = text[m.end():min(ent.sent.end_char, m.end() + 80)]
    country = None
    first = re.match(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:['’]s)?\s+", rest)
    if first:
        iso3 = country_iso3(first.group(1)) or demonym_iso3(first.group(1))
        if iso3:
            country, rest = iso3, rest[first.end():]
    title = title_after(rest)
    return (former + title, country) if title else (None, None)


def _resolve_short_names(mentions: list[EntityMention], scope: str) -> None:
    """A surname alone ("Okafor", even when tagged as a place) joins the one full name in the document
    that ends with it, taking its key, name, roles and country. A one-word name left alone is keyed within
    its story (``person:okafor@<story>``): which Okafor it is, the resolver decides from the other stories."""
    full = [m for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1]
    by_last: dict[str, list[EntityMention]] = {}
    for m in full:
        by_last.setdefault(m.name.split()[-1].lower(), []).append(m)
    by_first: dict[str, list[EntityMention]] = {}
    for m in full:
        by_first.setdefault(m.name.split()[0].lower(), []).append(m)
    _join_name_tails(full)
    for m in mentions:
        text = m.name if m.label == "PERSON" else clean_name(m.text)
        if len(text.split()) != 1 or (m.label == "COUNTRY" and country_iso3(text)):
            continue  # a surname may be tagged as a place or read as a capital, never a country's name
        owners = {o.key: o for o in by_last.get(text.lower(), [])}
        if not owners and m.label == "PERSON" and text == clean_name(m.text) and not m.text.lower().startswith("the "):
            owners = {o.key: o for o in by_first.get(text.lower(), [])}  # "Frederick" for "Frederick Roe"
        if len(owners) == 1:
            owner = next(iter(owners.values()))
            was_person = m.label == "PERSON"
            m.label, m.key, m.name, m.iso3, m.bare = "PERSON", owner.key, owner.name, None, False
            m.country_iso3 = m.country_iso3 if was_person and m.country_iso3 else owner.country_iso3
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
            if " " not in m.name and "@" not in m.key:
                m.key = f"{m.key}@{scope}"


def _join_name_tails(people: list[EntityMention]) -> None:
    """"Mr Ruiz Vega", "Garcia Lima": a name of two or more words that ends the one longer name of a
    person of the document is that person."""
    names = {m.name: m for m in people}
    for m in people:
        owners = {o.key: o for n, o in names.items() if n.endswith(" " + m.name)}
        if len(owners) == 1:
            owner = next(iter(owners.values()))
            m.key, m.name = owner.key, owner.name
            m.roles = m.roles or owner.roles
            m.country_iso3 = m.country_iso3 or owner.country_iso3


_INITIAL_SKIP = {"of", "and", "the", "for", "&", "de", "in", "on"}


def _join_organization_forms(mentions: list[EntityMention]) -> None:
    """The short forms a story gives an organization join its one longer name there: its leading words when
    the rest is a company's or party's designator ("Acme" for "Acme Motor" or "Acme Holdings Ltd", also in every
    other story, as the usual short form), its last words when the words before are not a place ("Vega" for "AB
    Vega", in this story only), its singular or plural ("Free Dem", "Free Dems") or its initials ("SGEA" for
    "Southern Grain Exporters Association"). A short form two longer names share stays apart. A one-word
    "person" without a title that a company's name begins with ("Acme said" beside "Acme Motor") is it."""
    orgs = [m for m in mentions if m.label == "ORGANIZATION"]
    by_name: dict[str, EntityMention] = {}
    for m in orgs:
        by_name.setdefault(m.name, m)
    lone_people = [m for m in mentions if m.label == "PERSON" and "@" in m.key and m.name == clean_name(m.text)]
    in_story_only: set[str] = set()
    for m in sorted(orgs + lone_people, key=lambda m: -len(m.name.split())):  # longer names are joined first
        owner, everywhere = _longer_form(m.name, by_name)
        if owner is None or owner.key == m.key or m.label == "PERSON" and not everywhere:
            continue
        if everywhere and owner.key not in in_story_only and m.label == "ORGANIZATION":
            m.alias_keys = [*m.alias_keys, m.key]
        elif not everywhere:
            in_story_only.add(owner.key)
        m.label, m.key, m.name, m.bare = "ORGANIZATION", owner.key, owner.name, False
        m.acronym = m.acronym or owner.acronym
        m.country_iso3 = m.country_iso3 or owner.country_iso3


def _longer_form(name: str, by_name: dict[str, EntityMention]) -> tuple[EntityMention | None, bool]:
    """The one longer organization name of a story that `name` is a short form of, and whether it is a
    short form of that name in every story (leading words, a plural)."""
    words = name.split()
    others = [n for n in by_name if n != name]
    if name.isupper() and " " not in name:
        owners = [n for n in others if _initials(n) == name and len(n.split()) > 1]
        return (by_name[owners[0]], False) if len(owners) == 1 else (None, False)
    plural = [n for n in others if n in (name + "s", name + "es")]
    if plural:
        return by_name[plural[0]], True
    leading = [n for n in others if n.split()[:len(words)] == words and len(n.split()) > len(words)]
    if leading:
        designated = len(leading) == 1 and _only_designators(leading[0].split()[len(words):])
        return (by_name[leading[0]], True) if designated else (None, False)
    trailing = [n for n in others if n.split()[-1:] == words and len(n.split()) > 1]
    if len(words) == 1 and len(trailing) == 1 and _names_the_whole(trailing[0].split()[:-1]):
        return by_name[trailing[0]], False
    return None, False


def _only_designators(words: list[str]) -> bool:
    """"Motor", "Holdings Ltd", "Party": the words after a short name in its full name."""
    return all(w in entity_lexicon().name_designators for w in words)


def _names_the_whole(words: list[str]) -> bool:
    """Words before a one-word name that add to it ("AB" in "AB Vega"), not a branch or a part ("Stevenage",
    "Scottish", "Free Party" in "Free Party Holyrood", "Second Chamber of"), nor a list ("A and")."""
    text = " ".join(words)
    if any(not w[:1].isupper() or w in entity_lexicon().organization_words for w in words):
        return False
    return not (is_place(text) or country_iso3(text) or demonym_iso3(text) or capital_iso3(text))


def _initials(name: str) -> str:
    """"SGEA" for "Southern Grain Exporters Association" (function words skipped)."""
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIAL_SKIP and w[:1].isalpha()).upper()


def _infer_home_countries(mentions: list[EntityMention]) -> None:
    """"Defence Minister A and US Secretary B": in an article about two countries, an official whose title
    names no country, beside one of the other country, is of the article's other country."""
    top = [iso3 for iso3, _ in Counter(m.iso3 for m in mentions if m.iso3).most_common(2)]
    if len(top) < 2:
        return
    people = [m for m in mentions if m.label == "PERSON"]
    for m in people:
        if m.country_iso3 or not m.roles:
            continue
        beside = {p.country_iso3 for p in people if p.key != m.key and p.country_iso3 and p.roles
                  and p.span.sent_start == m.span.sent_start}
        if len(beside) == 1 and beside <= set(top):
            home = next(iso3 for iso3 in top if iso3 not in beside)
            for same in people:
                if same.key == m.key:
                    same.country_iso3 = same.country_iso3 or home


def _covers_heading(ent: SpacySpan, headings: list[tuple[int, int]]) -> bool:
    for start, end in headings:
        if start <= ent.start_char and ent.end_char <= end:
            line = doc_text(ent.doc)[start:end].strip()
            return len(ent.text) >= HEADING_SHARE * len(line) and ent.label_ not in ("GPE", "PERSON")
    return False


def _is_title_only(name: str) -> bool:
    """"Consul General", "the Defence Minister", "MPs": a title without a name."""
    lowered = name.lower()
    return lowered in titles() or lowered.endswith("s") and lowered[:-1] in titles()


def _is_title_of_next_person(ent: SpacySpan, name: str) -> bool:
    """"US Trade Representative Ana Lima": the organization-looking words are the person's title."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and title_before(name) is not None


def _is_affiliation_of_next_person(ent: SpacySpan) -> bool:
    """"Farmers Party leader Ana Lima": a name right before a title and a person is the person's party,
    body or country, not a person."""
    following = doc_text(ent.doc)[ent.end_char:ent.end_char + 60]
    rest = following.lstrip()
    title = title_after(rest)
    if not title:
        return False
    title_end = ent.end_char + len(following) - len(rest) + len(title)
    nxt = next((t for t in ent.doc[ent.end:ent.end + 8] if t.idx >= title_end and not t.is_space), None)
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def _modifies_a_role(ent: SpacySpan) -> bool:
    """"the Farmers Party leader", "local Farmers Party branches": a name that modifies a role or a kind of
    organization names the body the role or branch belongs to, not a person."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is None or not nxt.is_lower or nxt.pos_ != "NOUN" or ent.root.head.i != nxt.i:
        return False
    return title_after(nxt.text) is not None or nxt.lemma_ in entity_lexicon().organization_classes


def _is_portfolio(ent: SpacySpan) -> bool:
    """"Secretary of Agriculture": the words after a title and "of" are the title's, not an organization; and
    so is an item of a list of them ("Minister for Children, Young People and Families")."""
    before = doc_text(ent.doc)[max(ent.sent.start_char, ent.start_char - 60):ent.start_char]
    m = re.search(r"(\S.*?)\s+(?:of|for)\s+(?:the\s+)?$", before)
    if m is None and ent.end + 1 < len(ent.doc) and ent.doc[ent.end].lower_ in ("and", "&", ",") \
            and ent.doc[ent.end + 1].is_title and any(t.tag_ != "NNP" for t in ent):
        m = _PORTFOLIO_LIST.search(before)  # the list goes on: "Children, Young People and Families"
    return bool(m) and title_before(m.group(1)) is not None and len(ent) <= 3 and not any(
        t.text in entity_lexicon().organization_words for t in ent)


_PORTFOLIO_LIST = re.compile(r"(\S.*?)\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)+$")


def _has_organization_word(name: str) -> bool:
    return any(w in entity_lexicon().organization_words for w in name.split())


def _is_determined(ent: SpacySpan) -> bool:
    """"the Free Dems", "Free Dems": a name with an article, or of one word; a person's two names have none
    ("Tomas Villiers", which the tagger may read as a plural)."""
    return len(ent) == 1 or ent[0].lower_ == "the" or ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def _is_portfolio_of_next_title(ent: SpacySpan) -> bool:
    """"Health Secretary", "Monetary Affairs Commissioner", "Home affairs spokesman": capitalized words before a
    portfolio title (after at most two lower-case words) name the portfolio, unless they are a party's label;
    and so do the objects of "the departments of ..."."""
    lexicon = entity_lexicon()
    following = doc_text(ent.doc)[ent.end_char:ent.end_char + 60]
    m = re.match(r"\s+(?:[a-z]+\s+){0,2}?([A-Za-z-]+(?:\s+of\s+state)?)\b", following)
    if m and m.group(1).lower() in lexicon.portfolio_titles and not is_party_label(ent.text):
        return not any(t.text in lexicon.organization_words for t in ent)
    token = ent.root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    head = token.head
    return (token.dep_ == "pobj" and head.lower_ in ("of", "for") and head.head.is_lower
            and head.head.lemma_ in lexicon.portfolio_heads)


def _is_a_town(ent: SpacySpan, name: str) -> bool:
    """A town of the gazetteer that the NER took for a person or an organization: a person when nothing says it
    is one (no title or form of address, not saying anything), a large town tagged as a person; an organization
    when the text uses it as a place ("in Leeds", "Leeds airport")."""
    if not is_place(name):
        return False
    if ent.label_ == "PERSON":
        if not is_place(name, known=True) and not _used_as_a_place(ent):
            return False
        before = doc_text(ent.doc)[max(ent.sent.start_char, ent.start_char - 40):ent.start_char]
        return title_before(before) is None and split_title(clean_name(ent.text))[0] is None and not _speaks(ent)
    return " " not in name and _used_as_a_place(ent)


def _is_state_of_the_town_before(ent: SpacySpan, name: str) -> bool:
    """`ent` follows a town and a comma, and the town lies in the US state `ent` names ("Atlanta, Georgia",
    "Paris, Texas")."""
    if ent.start < 2 or not is_us_state(name):
        return False
    doc = ent.doc
    if doc[ent.start - 1].text != ",":
        return False
    first = ent.start - 2
    while first > 0 and doc[first - 1].pos_ == "PROPN" and ent.start - 2 - first < 3:
        first -= 1
    return any(is_town_of_us_state(doc[start:ent.start - 1].text, name) for start in range(first, ent.start - 1))


def _is_a_seat(ent: SpacySpan) -> bool:
    """"the MP for Sedgeworth", "Member for Hollow Vale", "the MP for Sedgeworth and North Vale": the words after
    a member's title and "for" (and the seat's other parts) name the seat, a place."""
    before = doc_text(ent.doc)[max(ent.sent.start_char, ent.start_char - 60):ent.start_char]
    m = _SEAT_BEFORE.search(before)
    return bool(m) and m.group(1).lower() in entity_lexicon().seat_titles


def _has_a_place_ending(name: str) -> bool:
    """"the Kestrel Straits", "Kestrel Airport": a name ending with a word for a feature of the land or a
    site is a place's, unless it is a known organization's."""
    words = name.split()
    return len(words) > 1 and words[-1] in entity_lexicon().place_endings and known_organization(name) is None


def _is_a_district(name: str) -> bool:
    """"Grimsby North", "East Lindsey": a town of the gazetteer with a word of the compass names a district or a
    constituency, a place."""
    for compass in entity_lexicon().compass_words:
        if name.startswith(compass + " "):
            town = name[len(compass) + 1:]
        elif name.endswith(" " + compass):
            town = name[:-len(compass) - 1]
        else:
            continue
        if is_place(town) and not country_iso3(town):
            return True
    return False


def _used_as_a_place(ent: SpacySpan) -> bool:
    """After a place preposition ("in Leeds", "between Leeds and York", also as one of a list), "of" after a part
    of a place ("the outskirts of Leeds"), or naming a common noun ("Leeds airport")."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    lexicon = entity_lexicon()
    if root.dep_ == "pobj" and root.head.lower_ in set(lexicon.place_prepositions) | {"from", "to", "between"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in lexicon.place_parts:
        return True  # "the outskirts of Leeds"
    head = ent.root.head
    return ent.root.dep_ in ("compound", "nmod") and head.i >= ent.end and head.pos_ == "NOUN"


def _speaks(ent: SpacySpan) -> bool:
    """"Ferris said", "Ferris told the BBC": the subject of a verb of saying."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in entity_lexicon().speech_verbs


def _balanced(text: str) -> str:
    """A name without an opening bracket it does not close ("Free Party(FP"), cut inside a word."""
    cut = text.find("(")
    return text[:cut].rstrip() if cut > 0 and ")" not in text[cut:] else text


def _is_not_a_noun(ent: SpacySpan) -> bool:
    """A one-word "name" the tagger reads as an adjective, verb or adverb ("Actual", "Finalise"), or a
    hyphenated adjective before a noun ("Pan-Arctic stock market", "Euro-Asian integration")."""
    if ent.label_ not in ("ORG", "PERSON"):
        return False
    if len(ent) == 1:
        return ent[0].tag_[:2] in ("JJ", "VB", "RB", "IN")
    hyphenated = any(t.text in ("-", "–") and not t.whitespace_ for t in ent[:-1])
    return hyphenated and ent[-1].tag_ == "JJ" and ent.root.dep_ in ("amod", "compound") and ent.root.head.i >= ent.end


def _is_common_word(name: str, lower_words: set[str]) -> bool:
    """A one-word name the same text also uses in lower case ("Defence", "Framework") is a common word."""
    return " " not in name and name.lower() in lower_words and not name.isupper()


def _acts(ent: SpacySpan) -> bool:
    """A capital that is the subject or possessor of something stands for its government; after "in" or
    "at" it is only a place."""
    root = ent.root
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if root.dep_ == "pobj" and root.head.lower_ in entity_lexicon().place_prepositions:
        return False
    if root.dep_ == "dobj" and root.head.lemma_.lower() in entity_lexicon().place_verbs:
        return False
    return root.dep_ in ACTING_DEPS or (nxt is not None and nxt.tag_ == "POS") or ent.text.endswith(("’s", "'s"))


def _is_plural_noun(ent: SpacySpan) -> bool:
    """"the Americans" (the people or the state), not "American equipment"."""
    root = ent.root
    return root.tag_ in ("NNPS", "NNS") or (root.text.endswith("s") and root.dep_ in ACTING_DEPS)
