"""Corrections of the small model's frequent entity errors on news text, read off the parse.

- Spans: a name is cut where it swallows a neighbour: at an unbalanced bracket ("Avions Regionaux (AR"), a
  spaced dash ("Union Bank - one of"), a lower-case word that no name contains ("the Senate after Mr Roe" gives
  "the Senate" and the person "Mr Roe"), a date ("Parliament on Monday"), a hyphenated tail ("Roe-style"), a
  slash ("Roe/Doe" gives two names), or a time zone before it ("1300 GMT Acme").
- Names cut in two: "the UK Freedom Party" (a country, then an organization), "the Sunday Herald" (a day,
  then an organization), "Lockwood Martin" (an organization, then a one-word person) and "the Central Bank of
  Freedonia" (a body's word, "of" and a country) are one organization.
- Party labels and forms of address: "Tory Jane Roe" is the person "Jane Roe", "Mr Roe" is a person even when
  the NER says organization, and "the Lib Dems" alone are the party, not a person. "Acme and Vega" is two
  organizations when the text names one of them alone. A form of address
  before a proper noun the NER missed ("Ms Okonjo said") makes a person; a two-word "organization" whose
  surname the text gives a person elsewhere ("Mr Roe"), or that follows a title ("boss Jane Roe"), is a person.
- Edges: function words the NER swallowed at the end of a name ("the South China Sea for") are cut off.
- Products: a name that modifies a weapon, product or status noun ("the Leopard armoured vehicle",
  "Patriot air defence systems", "S-300 batteries") or is given as an example of a kind of product ("brands
  such as Alpenbrau", "its brands include Kola", and the names listed after it) is relabelled PRODUCT, not an
  actor.
- Leaders: "the Maria Alvarez government" names a person, not an organization.
- People: a proper-noun chunk followed by ", <title>" ("Anil K Mehta, former Secretary of ...") is a person,
  even when the NER tagged only its first word, or tagged it as a place.
- Organizations after their kind: "energy giant Vostok" is an organization, even where the NER took it for a
  place, and so is "Vostok" elsewhere in the text where it did.
- Missed organizations: untagged names coordinated with an organization ("NATO or ANZUS") or given as
  examples of a kind of organization ("firms like ABC and XYZ") are organizations.

Word lists come from `data/entities.yaml`; titles from `data/titles.txt`.
"""
from __future__ import annotations

import calendar
import re

import numpy as np
from spacy.attrs import POS
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from extract.lexicons import entity_lexicon
from extract.normalize.countries import capital_iso3, country_iso3, demonym_iso3
from extract.normalize.names import (honorifics, is_party_label, is_post_nominal, is_time_zone, party_label_before,
                                    split_title, title_after, title_before, titles)
from extract.normalize.places import is_place
from extract.nlp.text import doc_text

_DESIGNATOR = re.compile(r"^(?:[A-Z]{1,3}-\d+[A-Za-z]*|[A-Z]{1,2}\d{3,4}[A-Za-z]?s?)$")  # F-16, MQ-9B, A380, A300s
_APPOSITION = re.compile(r"\s*,\s*(?:(?:a|an|the|former|ex-|then|acting)\b\s*)*", re.I)
_EDGE_WORDS = {"for", "and", "of", "the", "in", "on", "to", "with", "or", "at", "by", "from", "as"}
_MODIFIER_DEPS = {"compound", "nmod", "amod", "nummod", "npadvmod", "det", "poss", "case", "punct"}
_EXAMPLE_PREPS = {"like", "including", "as"}  # "firms like A", "groups including B", "such as C"
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Lower-case words that names contain: connectors, particles, legal forms ("Bank of X", "Ana de la Cruz",
# "Acme plc", "Barnard's"); any other lower-case word inside an entity is where it swallowed a neighbour.
_NAME_CONNECTORS = {"of", "for", "and", "the", "on", "in", "at", "upon", "to", "de", "du", "des", "la", "le", "les",
                    "van", "von", "der", "den", "di", "da", "do", "dos", "del", "della", "bin", "al", "el", "ibn",
                    "y", "e", "et", "und", "sans", "plc", "ltd", "co", "inc", "'s", "’s", "'", "’", "&"}
_CALENDAR_WORDS = {w.lower() for w in (*calendar.day_name, *calendar.month_name) if w}
_DAY_NAMES = set(calendar.day_name)
_DASHES = {"-", "–", "—"}
_POSSESSIVE_START = re.compile(r"^['’]s\b")


@Language.factory("extract_entity_fixes", default_config={})
def make_entity_fixes(nlp: Language, name: str) -> "EntityFixes":
    return EntityFixes(nlp, name)


class EntityFixes:
    """Fix entity spans and labels in `doc.ents` with rules over the dependency parse.

    The word lists (product heads, organization classes, leader bodies) come from `data/entities.yaml`.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon = entity_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        ents = _split_coordinated(doc, _joined(doc, [piece for e in doc.ents for piece in _repaired(e)]))
        ents = _products_listed(doc, [self._relabel(e) for e in (_trim_edges(e) for e in ents) if e is not None])
        ents = _with_party_noun(doc, ents)
        chunks = _proper_chunks(doc)
        ents = _without_overlaps(ents + _people_addressed(doc, ents, chunks))
        ents = self._people_tagged_as_organizations(_with_first_names_after_titles(doc, ents))
        ents = _without_overlaps(ents + self._people_with_titles(doc, ents, chunks))
        ents = _without_overlaps(ents + self._missed_organizations(doc, ents, chunks))
        ents = self._organizations_after_their_kind(doc, ents, chunks)
        doc.ents = ents
        return doc

    def _relabel(self, ent: Span) -> Span:
        if ent.label_ not in _ACTOR_LABELS:
            return ent
        if ent.label_ == "PERSON" and is_party_label(ent.text):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "the Lib Dems said": the party
        titled = self._titled_person(ent)
        if titled is not None:
            return titled
        if ent.label_ == "PERSON" and len(ent) >= 2 and (ent[-1].text in self.lexicon.organization_endings or any(
                t.text in self.lexicon.organization_words for t in ent)):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "Pelham Wholesale", "Air Kestrel"
        labelled = self._person_after_party_label(ent)
        if labelled is not None:
            return labelled
        if ent.label_ == "ORG" and ent[0].lower_ in honorifics() \
                and self._looks_like_a_name(_without_possessive(ent[1:])):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")  # "Mr Roe" tagged as an organization
        if ent.label_ != "PERSON" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in honorifics() \
                and self._looks_like_a_name(ent):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")  # "Mr Houston" tagged as a place
        if self._is_product(ent):
            return Span(ent.doc, ent.start, ent.end, label="PRODUCT")
        if ent.label_ == "ORG" and self._is_leader_government(ent):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")
        if ent.label_ in ("PERSON", "ORG") and self._is_example_of(ent.root, self.lexicon.product_classes):
            return Span(ent.doc, ent.start, ent.end, label="PRODUCT")  # "brands such as Alpenbrau and Kola"
        if ent.label_ == "PERSON" and self._has_organization_appositive(ent):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "Halden Rowe, the investment bank"
        if ent.label_ in ("PERSON", "GPE", "LOC", "FAC") and self._is_example_of_organization(ent.root):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "firms such as Embraer and Avibras"
        return ent

    def _has_organization_appositive(self, ent: Span) -> bool:
        """"Halden Rowe, the investment bank, said": a name followed by a kind of organization in apposition
        (or modifying one: "Halden Rowe investment bank") is an organization's."""
        for child in ent.root.children:
            if child.dep_ == "appos" and child.i >= ent.end and child.left_edge.i <= ent.end + 1 and child.is_lower \
                    and child.lemma_.lower() in self.lexicon.organization_classes:
                return True
        head = ent.root.head
        return (ent.root.dep_ == "compound" and head.i >= ent.end and head.is_lower
                and head.lemma_.lower() in self.lexicon.organization_classes
                and all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in ent.doc[ent.end:head.i]))

    def _looks_like_a_name(self, tokens: Span) -> bool:
        """One to three capitalized proper nouns, none an organization word ("Jane Roe", "Ana Ruiz-Vega", not
        "Acme Holdings"); hyphens and apostrophes inside a word count as part of it."""
        words = 0
        for t in tokens:
            inside = t.i > tokens.start and not t.doc[t.i - 1].whitespace_
            if inside and (t.text in _DASHES or t.text in ("'", "’") or t.text[:1].isupper()):
                continue
            if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.text in self.lexicon.organization_words:
                return False
            words += 1
        return 1 <= words <= 3

    def _titled_person(self, ent: Span) -> Span | None:
        """"Ana Lima QC" (an organization or a person), "Rabbi Dan Hertz" tagged as an organization: a name with
        letters after it, or a title and two name words, is a person's; the letters are not part of it."""
        if ent.label_ not in ("PERSON", "ORG") or len(ent) < 2:
            return None
        if is_post_nominal(ent[-1].text) and self._looks_like_a_name(ent[:-1]):
            return Span(ent.doc, ent.start, ent.end - 1, label="PERSON")
        title, _ = split_title(ent.text)
        if ent.label_ != "ORG" or title is None:
            return None
        name = [t for t in ent if t.idx >= ent.start_char + len(title)]
        if len(name) >= 2 and self._looks_like_a_name(_without_possessive(ent.doc[name[0].i:ent.end])):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")
        return None

    def _person_after_party_label(self, ent: Span) -> Span | None:
        """"Tory Jane Roe", "Fellow Democrat John Roe", an organization "Tories Jane Roe": the person is the
        name after the party label."""
        if ent.label_ not in ("PERSON", "ORG"):
            return None
        n = party_label_before([t.text for t in ent])
        if n and self._looks_like_a_name(ent[n:]) and len(ent) - n >= 2:
            return Span(ent.doc, ent.start + n, ent.end, label="PERSON")
        return None

    def _people_tagged_as_organizations(self, ents: list[Span]) -> list[Span]:
        """"Jane Roe" tagged as an organization is a person when the text calls someone by that surname with a
        form of address elsewhere ("Ms Roe") or a title comes right before it ("boss Jane Roe")."""
        surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON"
                    and (e[0].lower_ in honorifics() or e.start > 0 and e.doc[e.start - 1].lower_ in honorifics())}
        out = []
        for ent in ents:
            if ent.label_ == "ORG" and len(ent) >= 2 and self._looks_like_a_name(ent) and (
                    ent[-1].lower_ in surnames or follows_a_title(ent)):
                ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
            out.append(ent)
        return out

    def _is_example_of_organization(self, token: Token) -> bool:
        """"firms like A", "companies such as B and C", "groups including D"."""
        return self._is_example_of(token, self.lexicon.organization_classes)

    def _is_example_of(self, token: Token, kinds: set[str]) -> bool:
        """"firms like A", "companies such as B and C", "groups including D", "its brands include E": a name
        given as an example of one of `kinds`."""
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        if token.dep_ == "dobj" and token.head.lemma_ == "include":
            return any(c.dep_ == "nsubj" and c.lemma_.lower() in kinds for c in token.head.children)
        if token.dep_ != "pobj" or token.head.lower_ not in _EXAMPLE_PREPS:
            return False
        kind = token.head.head
        if kind.lower_ == "such":
            kind = kind.head
        return kind.lemma_.lower() in kinds

    def _is_product(self, ent: Span) -> bool:
        """"the Leopard armoured vehicle", "Harpoon anti-ship missiles", "MQ-9B Reaper": a name in front of a
        product noun, introduced by "the" or followed by an adjective, or a model designator."""
        if any(_DESIGNATOR.match(t.text) for t in ent) and ent.label_ != "GPE":
            return True
        nouns = _nouns_modified(ent)
        if nouns and nouns[0].lemma_.lower() in self.lexicon.site_heads and ent.label_ != "GPE":
            return True  # "Naqra field": a site's name
        if nouns and nouns[0].lemma_.lower() in self.lexicon.brand_heads and ent.label_ in ("ORG", "PERSON"):
            return True  # "Kestrel vodka", "Meltan cough medicine": the brand of the goods
        if ent.label_ in ("ORG", "PERSON") and self._is_new_model(ent):
            return True  # "the new Aster Coupe"
        if not any(n.lemma_.lower() in self.lexicon.product_heads for n in nouns):
            return False
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        determined = any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") and c.i <= ent.start
                         for c in nouns[-1].children)
        return determined or (nxt is not None and nxt.pos_ == "ADJ") or ent.label_ == "PERSON"

    def _is_new_model(self, ent: Span) -> bool:
        """"the new Aster Coupe", "a new Kestrel": a name after "the new" or "a new" is a model or product
        launched, unless it has an organization's word ("the new European Commission")."""
        doc = ent.doc
        return (ent.start >= 2 and doc[ent.start - 1].lower_ == "new"
                and doc[ent.start - 2].lower_ in ("the", "a", "an")
                and not any(t.text in self.lexicon.organization_words for t in ent))

    def _is_leader_government(self, ent: Span) -> bool:
        """"the Maria Alvarez government": two or three name words before a government noun."""
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        words = [t for t in ent if t.pos_ == "PROPN"]
        bodies = self.lexicon.organization_words
        return (nxt is not None and nxt.lemma_.lower() in self.lexicon.leader_bodies and 2 <= len(words) == len(ent)
                and all(t.is_title for t in words) and not any(t.text in bodies for t in words))

    def _people_with_titles(self, doc: Doc, ents: list[Span], chunks: list[Span]) -> list[Span]:
        """Proper-noun chunks of two to four words followed by ", (former) <title>"."""
        label_of = {i: e for e in ents for i in range(e.start, e.end)}
        out = []
        for chunk in chunks:
            if not 2 <= len(chunk) <= 4 or not chunk[-1].is_title:
                continue
            covering = {label_of[t.i].start for t in chunk if t.i in label_of}
            if any(label_of[t.i].label_ in ("PERSON", "ORG") or label_of[t.i].end > chunk.end
                   for t in chunk if t.i in label_of) or len(covering) > 1:
                continue
            after = _APPOSITION.match(doc_text(doc), chunk.end_char, chunk.end_char + 80)
            if after and title_after(doc_text(doc)[after.end():after.end() + 60]):
                out.append(Span(doc, chunk.start, chunk.end, label="PERSON"))
        return out

    def _organizations_after_their_kind(self, doc: Doc, ents: list[Span], chunks: list[Span]) -> list[Span]:
        """"energy giant Vostok", "the telecoms firm Nordtel", "Oslo-based Nordtel": a name right after a kind of
        organization, or after "-based", is an
        organization, whatever the NER says (a place, a people, a person) or missed, unless a country or town of the
        gazetteers; and so is the same name elsewhere in the text where the NER took it for a place."""
        found: set[str] = set()
        out = []
        tagged = {i for e in ents for i in range(e.start, e.end)}
        untagged = [c for c in chunks if not tagged.intersection(range(c.start, c.end))]
        after_a_word = [c for c in untagged if c.start > 0 and doc[c.start - 1].is_lower]
        for ent in [*ents, *(Span(doc, c.start, c.end, label="") for c in after_a_word)]:
            if ent.label_ in ("", "GPE", "LOC", "NORP", "FAC", "PERSON") and self._after_its_kind(ent):
                found.add(ent.text)
                ent = Span(doc, ent.start, ent.end, label="ORG")
            if ent.label_:
                out.append(ent)
        if found:
            out = [Span(doc, e.start, e.end, label="ORG") if e.label_ in ("GPE", "LOC", "NORP", "FAC")
                   and e.text in found else e for e in out]
        return sorted(out, key=lambda e: e.start)

    def _after_its_kind(self, ent: Span) -> bool:
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        based = prev is not None and prev.lower_ == "based" and ent.start > 1 and ent.doc[ent.start - 2].text == "-"
        if prev is None or not based and (not prev.is_lower or prev.lemma_ not in self.lexicon.organization_classes):
            return False
        if not based and title_before(prev.text) and len(ent) >= 2 and self._looks_like_a_name(ent):
            return False  # "shop owner Ana Lima": a kind that is also a person's role, before a person's name
        name = ent.text
        return not (country_iso3(name) or demonym_iso3(name) or capital_iso3(name) or is_place(name))

    def _missed_organizations(self, doc: Doc, ents: list[Span], chunks: list[Span]) -> list[Span]:
        """Untagged names coordinated with an organization, or examples of a kind of organization."""
        tagged = {i for e in ents for i in range(e.start, e.end)}
        org_roots = {e.root.i for e in ents if e.label_ == "ORG"}
        found: list[Span] = []
        for chunk in chunks:
            if tagged.intersection(range(chunk.start, chunk.end)):
                continue
            root = chunk.root
            if root.dep_ == "conj" and root.head.i in org_roots | {f.root.i for f in found}:
                found.append(Span(doc, chunk.start, chunk.end, label="ORG"))
            elif self._is_example_of_organization(root):
                found.append(Span(doc, chunk.start, chunk.end, label="ORG"))
        return found


def _repaired(ent: Span) -> list[Span]:
    """The name or names an entity should have been: cut at a slash, an unbalanced bracket, a spaced dash, a
    hyphenated tail, a leading time zone and a lower-case word no name contains (see the module docstring)."""
    if ent.label_ not in _ACTOR_LABELS:
        return [ent]
    ent = _with_initials(_with_prefixed_word(ent))
    doc = ent.doc
    pieces = []
    for start, end in _split_at_slashes(ent) if ent.label_ != "ORG" else _split_at_commas(ent):
        end = _cut_at_unbalanced_bracket(doc, start, end)
        end = _cut_at_dash(doc, start, end)
        if end - start > 1 and is_time_zone(doc[start].text):
            start += 1
        pieces += _split_at_foreign_word(doc, start, end, ent.label_)
    if pieces == [(ent.start, ent.end, ent.label_)]:
        return [ent]
    return [Span(doc, start, end, label=label) for start, end, label in pieces]


def _with_prefixed_word(ent: Span) -> Span:
    """"the Asia Pacific Economic Co" + "-operation": a name the NER ended on a word's prefix goes on to the end
    of that word."""
    doc, end = ent.doc, ent.end
    if end + 1 < len(doc) and doc[end].text in _DASHES and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and ent[-1].text in entity_lexicon().word_prefixes:
        return Span(doc, ent.start, end + 2, label=ent.label)
    return ent


def _with_initials(ent: Span) -> Span:
    """"RJ Reynolds Tobacco", "NM Rothschild" where the NER left the initials out: capital letters just before
    an organization's name, in no entity and naming no country, are part of it."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if ent.label_ == "ORG" and before is not None and before.pos_ == "PROPN" and before.is_upper \
            and 2 <= len(before.text) <= 3 and before.text.isalpha() and not before.ent_type_ \
            and not country_iso3(before.text) and not (ent.start > 1 and doc[ent.start - 2].is_upper):
        return Span(doc, ent.start - 1, ent.end, label=ent.label)
    return ent


def _joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """One organization's name the NER cut in two: a country's name or acronym right before it ("the UK
    Freedom Party", "US Air Force"), a day's name ("the Sunday Herald"), a one-word "person" right after it
    ("Lockwood Martin"), "of" and a country after a body's word ("the Central Bank of Freedonia", which the
    country ruler cuts), or a name ending with "and" or "of" right before another ("Council for Trade and" +
    "Development")."""
    out: list[Span] = []
    bodies = set(entity_lexicon().organization_words)
    for ent in ents:
        prev = out[-1] if out else None
        body_end = prev.end - 1 if prev is not None and prev[-1].lower_ == "of" else prev.end if prev else 0
        if prev is not None and prev.label_ == "ORG" and ent.label_ == "GPE" and body_end + 1 == ent.start \
                and doc[body_end].lower_ == "of" and doc[body_end - 1].text in bodies and country_iso3(ent.text):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")  # "Bank of Freedonia", "Ministry of Defence of X"
            continue
        if prev is not None and prev.label_ == ent.label_ == "ORG" and prev.end == ent.start and len(prev) > 1 \
                and prev[-1].lower_ in ("and", "&", "of", "for") and ent[0].text[:1].isupper():
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")  # "... Co-operation and" + "Development"
            continue
        if prev is not None and prev.end == ent.start and not doc[prev.end - 1].whitespace_ == "" and (
                prev.label_ == "GPE" and ent.label_ == "ORG" and country_iso3(prev.text) and ent[0].text[:1].isupper()
                or prev.label_ == "DATE" and ent.label_ == "ORG" and prev.text in _DAY_NAMES and ent[0].is_title
                or prev.label_ == "ORG" and ent.label_ == "PERSON" and len(ent) == 1 and ent[0].is_title):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _with_party_noun(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the Conservative party": an organization's name or a party's label right before a lower-case "party"
    is the party's name, the noun included, so that it is one actor with "the Conservative Party"."""
    nouns = set(entity_lexicon().party_nouns)
    out = []
    for ent in ents:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.is_lower and nxt.lower_ in nouns and not _taken(ent, ents, out) and (
                ent.label_ == "ORG" or ent.label_ in ("NORP", "PERSON") and is_party_label(ent.text)):
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")
        out.append(ent)
    return out


def _taken(ent: Span, ents: list[Span], out: list[Span]) -> bool:
    """The word after `ent` already belongs to a name (the one kept last, or another entity)."""
    return bool(out and out[-1].end > ent.end or any(e.start <= ent.end < e.end for e in ents))


def _products_listed(doc: Doc, ents: list[Span]) -> list[Span]:
    """"brands include Alpenbrau, Kola's, Ana Ruiz's and Vega": the names listed after a product are products.
    "Leeds, Torquay and Fenwick" or "Heathrow and Fenwick": a one-word "person" listed beside a town or place
    (not a country: "Chile and Reyes" may be a state and a man) is a place, without a form of address before it."""
    out: list[Span] = []
    surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1}
    for i, ent in enumerate(ents):
        prev = out[-1] if out else None
        if prev is not None and _is_last_part_of_a_body(doc, prev, ent):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")  # "Group on Betting and Gaming"
            continue
        if prev is not None and _listed(doc, prev, ent):
            if prev.label_ == "PRODUCT" and ent.label_ in _ACTOR_LABELS and not _has_organization_word(ent):
                ent = Span(doc, ent.start, ent.end, label="PRODUCT")
            elif _is_a_place_in_a_list(doc, ent, prev) or _is_a_firm_in_a_list(doc, ent, prev, surnames):
                ent = Span(doc, ent.start, ent.end, label=prev.label_)
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and _listed(doc, ent, nxt) and (
                _is_a_place_in_a_list(doc, ent, nxt) or _is_a_firm_in_a_list(doc, ent, nxt, surnames)):
            ent = Span(doc, ent.start, ent.end, label=nxt.label_)
        out.append(ent)
    return out


def _has_organization_word(ent: Span) -> bool:
    """"the National Deaf Society": a word that makes a name an organization's, never a product's."""
    return any(t.text in entity_lexicon().organization_words for t in ent)


def _listed(doc: Doc, first: Span, second: Span) -> bool:
    """Two names next to each other in a list: only a comma, "and" or "or" between them."""
    between = _POSSESSIVE_START.sub("", doc_text(doc)[first.end_char:second.start_char])
    return first.end <= second.start and between.strip() in (",", "and", ", and", "or", ", or")


def _is_a_place_in_a_list(doc: Doc, ent: Span, neighbour: Span) -> bool:
    return (ent.label_ == "PERSON" and len(ent) == 1 and neighbour.label_ in ("GPE", "LOC", "FAC")
            and not country_iso3(neighbour.text) and not (ent.start > 0 and doc[ent.start - 1].lower_ in honorifics()))


def _is_last_part_of_a_body(doc: Doc, body: Span, ent: Span) -> bool:
    """"the University of Lowland and Islands", "the Group on Betting and Gaming": a one-word "place" no
    gazetteer knows right after a body's name with "of", "for" or "on" in it and "and" ends that name."""
    return (body.label_ == "ORG" and ent.label_ in ("GPE", "LOC") and len(ent) == 1
            and any(t.lower_ in ("of", "for", "on") for t in body[1:])
            and doc_text(doc)[body.end_char:ent.start_char] == " and "
            and not (country_iso3(ent.text) or capital_iso3(ent.text) or is_place(ent.text)))


def _is_a_firm_in_a_list(doc: Doc, ent: Span, neighbour: Span, surnames: set[str]) -> bool:
    """"Acme, Halvorsen and Vega Group": a one-word "person", or "place" that no gazetteer knows, listed beside
    an organization is one too, unless a form of address comes before it or it is the surname of a person the
    text names."""
    if len(ent) != 1 or neighbour.label_ != "ORG" or ent[0].lower_ in surnames:
        return False
    if ent.label_ in ("GPE", "LOC"):
        return not (country_iso3(ent.text) or capital_iso3(ent.text) or is_place(ent.text))
    return ent.label_ == "PERSON" and not (ent.start > 0 and doc[ent.start - 1].lower_ in honorifics())


def _split_coordinated(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Acme and Vega" as one organization is two when the text names one of them alone elsewhere, or one is
    the surname of a person of the text, or the second begins with its own article ("the Herald and The
    Globe"), and both are plain names (no "of" or "for": "Department of Trade and Industry" stays one)."""
    alone = {e.text for e in ents if e.label_ == "ORG"} | {e[-1].text for e in ents if e.label_ == "PERSON"}
    out = []
    for ent in ents:
        ands = [t.i for t in ent if t.lower_ in ("and", "&")] if ent.label_ == "ORG" else []
        if len(ands) == 1 and ent.start < ands[0] < ent.end - 1:
            left, right = doc[ent.start:ands[0]], doc[ands[0] + 1:ent.end]
            plain = all(t.text[:1].isupper() for t in (*left, *right) if t.lower_ != "the")
            if plain and (left.text in alone or right.text in alone or right[0].text == "The" and len(right) > 1):
                out += [Span(doc, left.start, left.end, label="ORG"), Span(doc, right.start, right.end, label="ORG")]
                continue
        out.append(ent)
    return out


def _split_at_commas(ent: Span) -> list[tuple[int, int]]:
    """"Shelter, Crisis" as one organization: a list of plain names, cut at its commas and slashes; a name with
    a lower-case word ("Department of Health, Food and Farming") keeps its commas."""
    if any(t.is_lower for t in ent) or not any(t.text == "," for t in ent):
        return _split_at_slashes(ent)
    pieces, start = [], ent.start
    for t in ent:
        if t.text in (",", "/") and t.i > start and t.i + 1 < ent.end:
            pieces.append((start, t.i))
            start = t.i + 1
    return pieces + [(start, ent.end)]


def _split_at_slashes(ent: Span) -> list[tuple[int, int]]:
    """"Roe/Doe": two names."""
    pieces, start = [], ent.start
    for t in ent:
        if t.text == "/" and t.i > start and t.i + 1 < ent.end:
            pieces.append((start, t.i))
            start = t.i + 1
    return pieces + [(start, ent.end)]


def _cut_at_unbalanced_bracket(doc: Doc, start: int, end: int) -> int:
    """End of a name before an opening bracket that does not close inside it ("Avions Regionaux (AR"), or a
    closing one that was not opened."""
    depth = 0
    for i in range(start, end):
        if doc[i].text == "(":
            if not any(doc[j].text == ")" for j in range(i + 1, end)):
                return i if i > start else end
            depth += 1
        elif doc[i].text == ")":
            if depth == 0:
                return i if i > start else end
            depth -= 1
    return end


def _cut_at_dash(doc: Doc, start: int, end: int) -> int:
    """End of a name before a dash with a space before it ("Union Bank - one of its creditors") or a hyphen
    with only lower-case words after it ("Roe-style"; not "Co-operation and", which the name goes on after)."""
    for i in range(start + 1, end):
        tail = doc[i + 1:end]
        bound = not doc[i - 1].whitespace_ and doc[i - 1].text in entity_lexicon().word_prefixes  # "Co-operation"
        if doc[i].text in _DASHES and (doc[i - 1].whitespace_ or not bound and all(
                t.is_lower and t.lower_ not in _NAME_CONNECTORS for t in tail)):
            return i
    return end


def _split_at_foreign_word(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A name cut where a lower-case word no name contains begins ("the Senate after Mr Roe") or a date does
    ("Parliament on Thursday"). What follows is a name of its own when it is capitalized: a person after a form
    of address, else of the same label."""
    for i in range(start, end):
        token = doc[i]
        is_date = i > start and token.lower_ in _CALENDAR_WORDS and doc[i - 1].lower_ in ("on", "in")
        if not is_date and not (token.is_lower and token.lower_ not in _NAME_CONNECTORS) or _is_hyphen_tail(doc, i):
            continue
        cut = i - 1 if is_date else i
        pieces = [(start, cut, label)] if any(t.text[:1].isupper() for t in doc[start:cut]) else []
        if is_date:
            return pieces
        rest = i + 1
        while rest < end and doc[rest].is_lower:
            rest += 1
        if rest < end and doc[rest].text[:1].isupper():
            pieces += _split_at_foreign_word(doc, rest, end, "PERSON" if doc[rest].lower_ in honorifics() else label)
        return pieces
    return [(start, end, label)] if end > start else []


def _is_hyphen_tail(doc: Doc, i: int) -> bool:
    """The lower-case end of a hyphenated word ("operation" in "Co-operation"): part of the word before it,
    not a neighbour the name swallowed."""
    return i >= 2 and doc[i - 1].text in _DASHES and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


def _with_first_names_after_titles(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Cardinal Ana Ruiz-Vega", "Founder Teo Lima-Roe" where the NER took only the surname
    (as a person or an organization): an untagged capitalized proper noun between a title and the name is the
    first name, and the whole is a person."""
    out = []
    for ent in ents:
        first = ent.start - 1
        if ent.label_ in ("PERSON", "ORG") and len(ent) <= 3 and first >= 1 and doc[first].pos_ == "PROPN" \
                and doc[first].is_title and not doc[first].ent_type_ and doc[first].lower_ not in titles() \
                and doc[first].whitespace_ and title_before(doc[first - 1].text) is not None \
                and doc[first - 1].text[:1].isupper():
            ent = Span(doc, first, ent.end, label="PERSON")
        out.append(ent)
    return out


def follows_a_title(ent: Span) -> bool:
    """"Acme boss Jane Roe", "co-chairman Jane Roe", "the party's leader, Jane Roe,": a title right before the
    name (or before the apposition it opens) makes it a person's."""
    before = doc_text(ent.doc)[max(ent.sent.start_char, ent.start_char - 40):ent.start_char]
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if before.rstrip().endswith(",") and nxt is not None and nxt.text == ",":
        before = before.rstrip()[:-1] + " "  # "the party's leader, Jane Roe, said": a title in apposition
    return before[-1:].isspace() and title_before(before) is not None


def _people_addressed(doc: Doc, ents: list[Span], chunks: list[Span]) -> list[Span]:
    """"Mr Okonjo", "Ms Roe" that the NER missed: a form of address and the proper nouns after it, unless they
    are a title ("Lord Chancellor")."""
    tagged = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for chunk in chunks:
        start = chunk.start if chunk[0].lower_ in honorifics() else chunk.start - 1
        if start < 0 or doc[start].lower_ not in honorifics() or chunk.end - start < 2:
            continue
        name = doc[start + 1:chunk.end].text.lower()
        if not tagged.intersection(range(start, chunk.end)) and chunk.end - start <= 4 and name not in titles():
            found.append(Span(doc, start, chunk.end, label="PERSON"))
    return found


def _without_possessive(tokens: Span) -> Span:
    """"Roe" of "Roe's": the name without the possessive ending the NER took in."""
    if len(tokens) > 1 and tokens[-1].tag_ == "POS":
        return tokens[:-1]
    return tokens


def _trim_edges(ent: Span) -> Span | None:
    """Cut lower-case function words off the end of an entity, and a verb off its start."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].lower_ in _EDGE_WORDS and ent.doc[end - 1].is_lower:
        end -= 1
    start = ent.start
    while start < end - 1 and ent.doc[start].tag_ in ("VBG", "VBN", "VBD", "VBZ", "VBP", "VB") \
            and ent.doc[start + 1].text[:1].isupper() and (ent.doc[start:end][1:].root.head.i == start or (
                end < len(ent.doc) and ent.doc[end].text == ",")):
        start += 1  # "Entering Westminster, he ...": a verb with the name as its object is no part of it
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label)


def _nouns_modified(ent: Span) -> list[Token]:
    """The nouns outside an entity that it modifies, inner to outer: "fighter", "jets" for "the Gripen
    fighter jets"."""
    nouns: list[Token] = []
    token = ent.root
    for _ in range(6):
        if token.dep_ not in _MODIFIER_DEPS or token.head.i <= token.i:
            break
        token = token.head
        if not (ent.start <= token.i < ent.end) and token.pos_ == "NOUN":
            nouns.append(token)
    return nouns


def _proper_chunks(doc: Doc) -> list[Span]:
    """Maximal runs of capitalized proper nouns (and single-letter initials) on one line. Only the proper
    nouns (found in the POS array, without making a Token of every word) are looked at."""
    chunks: list[Span] = []
    start = prev = None
    for i in np.flatnonzero(doc.to_array(POS) == PROPN).tolist():
        token = doc[i]
        if not token.text[:1].isupper() or "\n" in token.text:
            continue
        if start is not None and (prev != i - 1 or "\n" in doc[prev].whitespace_):
            chunks.append(doc[start:prev + 1])
            start = None
        if start is None:
            start = i
        prev = i
    if start is not None:
        chunks.append(doc[start:prev + 1])
    return chunks


def _without_overlaps(ents: list[Span]) -> list[Span]:
    """Entities in text order; where two overlap, the longer wins."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for ent in sorted(ents, key=lambda e: (-(e.end - e.start), e.start)):
        if not taken.intersection(range(ent.start, ent.end)):
            chosen.append(ent)
            taken.update(range(ent.start, ent.end))
    return sorted(chosen, key=lambda e: e.start)
