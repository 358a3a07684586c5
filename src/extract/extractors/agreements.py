"""Agreements of a parsed document: named ones with their acronyms, and descriptive or generic mentions
("the India-US defence pact", "the pact") attached to the agreement the article is about.

Each mention carries what its sentence says: parties, signatories, signing date, place and status.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span as SpacySpan

from extract.extractors.acronyms import find_acronyms
from extract.extractors.entities import span_of
from extract.nlp.components.agreements import agreement_lexicon
from extract.normalize.countries import countries_in_compound
from extract.normalize.names import clean_name, name_key
from extract.records import AgreementMention, DateMention, Document, EntityMention

STATUS_BY_EVENT = {"SIGN": "signed", "RENEW": "renewed", "NEGOTIATE": "negotiating", "ANNOUNCE": "in_force"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d\b")
_DURATION_FIRST = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)[-–\s](?:year|month|week|day|decade)", re.I)


def extract_agreements(doc: Doc, document: Document, entities: list[EntityMention],
                       dates: list[DateMention]) -> list[AgreementMention]:
    """Agreement mentions of one document, in text order, each keyed to the agreement it names."""
    kinds = agreement_lexicon()["kinds"]
    acronyms = list(find_acronyms(doc.text))
    mentions: list[AgreementMention] = []
    subject_refs: list[tuple[SpacySpan, list[str], str | None]] = []
    for span in doc.spans.get("agreements", []):
        name = clean_name(span.text)
        parties = _parties(name)
        kind = _kind(name, kinds)
        if span.label_ == "NAMED" and _inside_heading(span, document):
            continue
        if span.label_ == "NAMED" and not _refers_to_subject(span, name):
            acronym = _acronym_after(span, acronyms)
            mentions.append(_named(span, name, acronym, kind, parties))
        elif span.label_ == "DESCRIPTIVE" and _is_proper(span, name):
            mentions.append(_named(span, name + " " + span[-1].text.title() if span[-1].is_lower else name,
                                   _acronym_after(span[:-1], acronyms), kind, parties))
        else:
            subject_refs.append((span, parties, kind))
    mentions += _acronym_mentions(doc, mentions)
    mentions += _subject_mentions(doc, mentions, subject_refs, entities)
    for m in mentions:
        _add_sentence_facts(doc, m, entities, dates)
    return sorted(mentions, key=lambda m: m.span.start)


def _named(span: SpacySpan, name: str, acronym: str | None, kind: str | None, parties: list[str]) -> AgreementMention:
    alias_keys = [f"agreement-acronym:{acronym.upper()}"] if acronym else []
    return AgreementMention(span_of(span), span.text, f"agreement:{name_key(name)}", name, alias_keys=alias_keys,
                            acronym=acronym.upper() if acronym else None, kind=kind, parties=parties)


def _refers_to_subject(span: SpacySpan, name: str) -> bool:
    """"This Defence Framework Pact", "10-Year Strategic Pact", "India-US Defence Framework": descriptions of
    the article's agreement, not names of another one. Names led by a year ("2005 Defence Framework") are
    agreements of their own."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in DEMONSTRATIVES:
        return True
    if _YEAR_FIRST.match(name) or (name.split()[-1].isupper() and len(name.split()[-1]) >= 3):
        return False  # "2005 Defence Framework", "US-India COMPACT": names of their own
    first = name.split()[0]
    return bool(_DURATION_FIRST.match(name)) or (len(countries_in_compound(first)) >= 2 and len(name.split()) <= 4)


def _is_proper(span: SpacySpan, name: str) -> bool:
    """"Reciprocal Defence Procurement arrangement": capitalized modifiers make a name despite the
    lower-case head, unless they only say who or how long."""
    words = [t for t in span[:-1] if not t.is_punct and t.dep_ != "det"]
    return (len(words) >= 2 and all(t.is_title or t.is_upper for t in words)
            and not any(countries_in_compound(t.text) for t in words) and not any(t.like_num for t in words))


def _acronym_after(span: SpacySpan, acronyms) -> str | None:
    """The acronym the text defines for this name: "Name (ACR)", "ACR (Name ...)", or a name ending in it."""
    last = span[-1].text
    for a in acronyms:
        if a.long_end == span.end_char or (a.long_start <= span.start_char + 4 and a.long_end >= span.end_char - 1):
            return a.short
        if a.short == last or a.long_start <= span.start_char < a.long_end:
            return a.short
    return None


def _inside_heading(span: SpacySpan, document: Document) -> bool:
    """A name that is most of a heading line ("India's Balancing Act") is the heading."""
    for seg in document.segments:
        if seg.kind == "heading" and seg.start <= span.start_char and span.end_char <= seg.end:
            return len(span.text) >= 0.6 * len(span.doc.text[seg.start:seg.end].strip())
    return False


def _acronym_mentions(doc: Doc, named: list[AgreementMention]) -> list[AgreementMention]:
    """Later uses of a defined acronym ("BECA provides ...") are mentions of the agreement."""
    by_acronym = {m.acronym: m for m in named if m.acronym}
    if not by_acronym:
        return []
    taken = {(m.span.start, m.span.end) for m in named}
    out = []
    for token in doc:
        owner = by_acronym.get(token.text.upper())
        if owner and (token.idx, token.idx + len(token)) not in taken and not (owner.span.start <= token.idx < owner.span.end):
            inside_parens = token.i > 0 and doc[token.i - 1].text == "("
            if inside_parens:
                continue
            span = doc[token.i:token.i + 1]
            out.append(AgreementMention(span_of(span), token.text, owner.key, owner.name, list(owner.alias_keys),
                                        owner.acronym, owner.kind, parties=list(owner.parties)))
    return out


def _subject_mentions(doc: Doc, named: list[AgreementMention], refs, entities: list[EntityMention]) -> list[AgreementMention]:
    """Descriptive and generic mentions join the agreement the article is about: its first named agreement
    between two countries, else an unnamed agreement keyed by its parties and kind."""
    if not refs:
        return []
    subject = next((m for m in named if len(m.parties) >= 2 and not _YEAR_FIRST.match(m.name)), None)
    if subject is None and all(span.label_ == "GENERIC" for span, _, _ in refs):
        return []  # only "the agreement", with nothing to attach it to
    if subject is None:
        parties = [p for _, ps, _ in refs for p in ps]
        if len(set(parties)) < 2:
            counts = Counter(e.iso3 for e in entities if e.iso3)
            parties += [iso3 for iso3, _ in counts.most_common(2)]
        parties = sorted(set(parties))
        kind = Counter(k for _, _, k in refs if k).most_common(1)
        kind_name = kind[0][0] if kind else "agreement"
        described = next((clean_name(s.text) for s, _, _ in refs if s.label_ != "GENERIC"), None)
        key = f"agreement:unnamed:{'+'.join(parties)}:{kind_name}"
        subject = AgreementMention(span_of(refs[0][0]), refs[0][0].text, key, described or "agreement",
                                   kind=kind_name, parties=parties)
    out = []
    for span, parties, kind in refs:
        out.append(AgreementMention(span_of(span), span.text, subject.key, subject.name, list(subject.alias_keys),
                                    subject.acronym, subject.kind, generic=span.label_ == "GENERIC",
                                    parties=sorted(set(parties) | set(subject.parties))))
    return out


def _add_sentence_facts(doc: Doc, mention: AgreementMention, entities: list[EntityMention],
                        dates: list[DateMention]) -> None:
    """Status, signing date, signatories and place from the sentence of the mention."""
    s0, s1 = mention.span.sent_start, mention.span.sent_end
    triggers = [t for t in doc.spans.get("event_triggers", []) if s0 <= t.start_char < s1]
    types = {t.label_ for t in triggers}
    for etype in ("SIGN", "RENEW", "NEGOTIATE"):
        if etype in types:
            mention.status = STATUS_BY_EVENT[etype]
            break
    if mention.status is None and mention.kind in ("law", "regulation", "initiative", "partnership"):
        mention.status = "in_force"
    if "SIGN" in types:
        in_sentence = [d for d in dates if s0 <= d.span.start < s1 and d.type == "DATE" and d.start is not None]
        if in_sentence:
            trigger = next(t for t in triggers if t.label_ == "SIGN")
            mention.signed = min(in_sentence, key=lambda d: abs(d.span.start - trigger.start_char))
        mention.signatories = [e.name for e in entities if e.label == "PERSON" and s0 <= e.span.start < s1]
        places = [e for e in entities if e.label == "LOCATION" and s0 <= e.span.start < s1
                  and doc.text[max(s0, e.span.start - 3):e.span.start].strip() == "in"]
        if places:
            mention.place = places[0].name
        countries = [e.iso3 for e in entities if e.label == "COUNTRY" and s0 <= e.span.start < s1]
        mention.parties = sorted(set(mention.parties) | set(countries)) if not mention.parties else mention.parties


def _parties(name: str) -> list[str]:
    found: list[str] = []
    for word in name.replace("(", " ").replace(")", " ").split():
        for iso3 in countries_in_compound(word):
            if iso3 not in found:
                found.append(iso3)
    return sorted(found) if len(found) >= 2 else found


def _kind(name: str, kinds: dict[str, str]) -> str | None:
    words = [w.strip("“”\"'‘’(),.:;").lower() for w in name.split()]
    if len(words) > 1 and words[0] in kinds and words[1] in ("of", "for", "on", "between"):
        return kinds[words[0]]  # "Framework for the ... Partnership" is a framework
    for w in reversed(words):
        if w in kinds:
            return kinds[w]
    return None
