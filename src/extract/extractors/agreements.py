"""Agreements of a parsed document: named ones with their acronyms, and descriptive or generic mentions
("the Peru-Chile fisheries pact", "the pact") attached to the agreement they refer to.

A description joins, in this order: a named agreement earlier in its sentence ("The X Agreement (XA):
signed in 2002, this pact ..."); an earlier agreement of its own when it says so ("the original pact was
signed in 1994"); an agreement of its own when its subject area differs from the article's agreement ("a
trade pact" in an article about a defence pact); else the agreement the article is about.

Each mention carries what its sentence says of it: parties, signatories, signing date, place and status.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.extractors.acronyms import find_acronyms
from extract.extractors.entities import span_of
from extract.nlp.components.agreements import agreement_lexicon
from extract.nlp.components.events import event_lexicon
from extract.nlp.text import doc_text
from extract.normalize.countries import countries_in_compound, country_iso3
from extract.normalize.names import clean_name, name_key
from extract.records import AgreementMention, DateMention, Document, EntityMention

STATUS_BY_EVENT = {"SIGN": "signed", "RENEW": "renewed", "NEGOTIATE": "negotiating"}
NAME_LABELS = {"NAMED", "QUOTED", "COORDINATED"}
SINGLE_PARTY_KINDS = {"law", "regulation"}
DEMONSTRATIVE = re.compile(r"(?:\b(?:[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)|(?<=[a-z])(?:This|That|These|Those))\s+$")
_YEAR_FIRST = re.compile(r"^((?:19|20)\d\d)\b")
_DURATION_FIRST = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)"
                             r"[-–\s](?:year|month|week|day|decade)", re.I)
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_CORE_PREFIX = re.compile(r"^(?:\w+\s+(?:for|of|on)\s+(?:the\s+)?)", re.I)
_CORE_SUFFIX = re.compile(r"\s+(?:in|for)\s+the\s+\d+(?:st|nd|rd|th)\s+century$", re.I)


@dataclass
class _Ref:
    """A description or generic mention, before it is known which agreement it refers to."""

    span: SpacySpan
    parties: list[str]
    kind: str | None
    domains: set[str]
    role: str  # "subject" | "earlier" | "other"
    core_key: str | None = None


@dataclass
class _DocFacts:
    """Per-document facts the mentions share."""

    doc: Doc
    entities: list[EntityMention]
    dates: list[DateMention]
    countries: list[str]  # the one or two countries the article is about
    scope: str  # the story the document tells (its own id, or its near-duplicate original's)
    triggers: list[SpacySpan] = field(default_factory=list)


def extract_agreements(doc: Doc, document: Document, entities: list[EntityMention],
                       dates: list[DateMention]) -> list[AgreementMention]:
    """Agreement mentions of one document, in text order, each keyed to the agreement it names."""
    lexicon = agreement_lexicon()
    kinds = lexicon["kinds"]
    facts = _DocFacts(doc, entities, dates, _article_countries(entities), document.duplicate_of or document.doc_id,
                      list(doc.spans.get("event_triggers", [])))
    acronyms = list(find_acronyms(doc_text(doc)))
    body = _body_text(doc_text(doc), document)
    named: list[AgreementMention] = []
    refs: list[_Ref] = []
    for span in doc.spans.get("agreements", []):
        name = clean_name(span.text)
        kind = _kind(name, kinds)
        if span.label_ in NAME_LABELS:
            if span.label_ == "NAMED" and _refers_to_subject(span, name):
                refs.append(_ref(span, kind, "subject"))
            elif not _heading_only(span, name, body):
                named.append(_named_mention(span, name, kind, acronyms, named, facts))
        elif span.label_ == "DESCRIPTIVE" and (_is_proper(span) or _has_designator(span)):
            named.append(_proper_description(span, kinds, acronyms, facts))
        elif span.label_ == "DESCRIPTIVE" and _acronym_modifier(span):
            named.append(_named(span, name, _acronym_modifier(span), kind, facts))
        else:
            refs.append(_ref(span, kind, _role(span)))
    mentions = named + _acronym_mentions(doc, named)
    mentions += _attach(refs, named, facts)
    for m in mentions:
        _add_sentence_facts(m, mentions, facts)
    return sorted(mentions, key=lambda m: m.span.start)


# --- named agreements -----------------------------------------------------------------------------------

def _named_mention(span: SpacySpan, name: str, kind: str | None, acronyms, named: list[AgreementMention],
                   facts: _DocFacts) -> AgreementMention:
    if kind is None and span.label_ == "COORDINATED":
        kind = next((m.kind for m in reversed(named) if m.span.sent_start == span.sent.start_char), None)
    if kind is None:  # a quoted or coordinated name: the kind word after it, else an initiative
        after = next((t for t in span.doc[span.end:span.end + 3] if not t.is_punct), None)
        kind = agreement_lexicon()["kinds"].get(after.lower_) if after is not None else None
        kind = kind or "initiative"
    acronym = _acronym_after(span, acronyms)
    return _named(span, _PARENTHESES.sub("", name).strip() or name, acronym, kind, facts)


def _proper_description(span: SpacySpan, kinds: dict[str, str], acronyms, facts: _DocFacts) -> AgreementMention:
    """"Reciprocal Border Trade (RBT) arrangement" is named "Reciprocal Border Trade Arrangement"; "the
    S-300 deal" is named by its designator."""
    words = [t for t in span if not t.is_punct or t.text in "-–"]
    name = _PARENTHESES.sub("", clean_name(span.text)).strip()
    if span[-1].is_lower and _is_proper(span):
        name = name[: len(name) - len(span[-1].text)] + span[-1].text.title()
    acronym = _acronym_after(span[:-1], acronyms) if len(words) > 1 else None
    return _named(span, name, acronym, _kind(name, kinds), facts)


def _named(span: SpacySpan, name: str, acronym: str | None, kind: str | None, facts: _DocFacts) -> AgreementMention:
    alias_keys = [f"agreement-acronym:{acronym.upper()}"] if acronym else []
    parties = _parties(name)
    core = _core_key(name, parties)
    if core:
        alias_keys.append(core)
    mention = AgreementMention(span_of(span), span.text, f"agreement:{name_key(name)}", name,
                               alias_keys=alias_keys, acronym=acronym.upper() if acronym else None, kind=kind,
                               parties=parties, domains=sorted(_domains(name.lower().split())))
    year = _YEAR_FIRST.match(name)
    if year:  # "the 1998 Fisheries Accord" was adopted in 1998
        mention.signed = _year_date(span, int(year.group(1)), facts)
        mention.status = "signed"
    return mention


def _core_key(name: str, parties: list[str]) -> str | None:
    """"Framework for the A-B Maritime Security Partnership" and "A-B Maritime Security Partnership in the
    21st Century" share a core: the countries and at least three distinctive words."""
    if len(parties) < 2:
        return None
    core = _CORE_SUFFIX.sub("", _PARENTHESES.sub("", _CORE_PREFIX.sub("", name)))
    words = [w for w in name_key(core).split() if not countries_in_compound(w)]
    if len(words) < 3 or _YEAR_FIRST.match(core):
        return None
    return f"agreement-core:{'+'.join(sorted(parties))}:{' '.join(words)}"


def _refers_to_subject(span: SpacySpan, name: str) -> bool:
    """"This Fisheries Framework Pact", "10-Year Water Pact", "Kenya-Uganda Water Framework": descriptions of
    the article's agreement, not names of another one. Names led by a year ("1998 Fisheries Accord") are
    agreements of their own."""
    if DEMONSTRATIVE.search(doc_text(span.doc)[max(0, span.start_char - 12):span.start_char]):
        return True
    if _YEAR_FIRST.match(name) or (name.split()[-1].isupper() and len(name.split()[-1]) >= 3):
        return False  # "1998 Fisheries Accord", "Chile-Peru PACT": names of their own
    first = name.split()[0]
    return bool(_DURATION_FIRST.match(name)) or (len(countries_in_compound(first)) >= 2 and len(name.split()) <= 4)


def _is_proper(span: SpacySpan) -> bool:
    """"Reciprocal Border Trade arrangement": capitalized modifiers make a name despite the
    lower-case head, unless they only say who or how long."""
    words = [t for t in span[:-1] if not t.is_punct and t.dep_ != "det"]
    return (len(words) >= 2 and all(t.is_title or t.is_upper for t in words)
            and not any(countries_in_compound(t.text) for t in words) and not any(t.like_num for t in words))


def _has_designator(span: SpacySpan) -> bool:
    """"the S-300 deal": a model designator names what the deal is about."""
    text = doc_text(span.doc)[span.start_char:span[-1].idx]
    return bool(re.search(r"\b[A-Z]{1,3}-?\d+[A-Za-z]*\b", text)) and not _DURATION_FIRST.match(text)


def _acronym_modifier(span: SpacySpan) -> str | None:
    """"the PAT treaty": an acronym (not a country's) is the agreement's own."""
    words = [t for t in span[:-1] if not t.is_punct and t.dep_ != "det"]
    if len(words) == 1 and words[0].is_upper and len(words[0]) >= 2 and not countries_in_compound(words[0].text):
        return words[0].text
    return None


def _acronym_after(span: SpacySpan, acronyms) -> str | None:
    """The acronym the text defines for this name: "Name (ACR)", "ACR (Name ...)", or a name ending in it."""
    last = span[-1].text
    for a in acronyms:
        if a.long_end == span.end_char or (a.long_start <= span.start_char + 4 and a.long_end >= span.end_char - 1):
            return a.short
        if a.short == last or a.long_start <= span.start_char < a.long_end:
            return a.short
        if span.start_char < a.short_start < span.end_char:  # "Border Trade (RBT) arrangement"
            return a.short
    return None


def _heading_only(span: SpacySpan, name: str, body: str) -> bool:
    """A name only a heading uses ("Understanding the Framework: ...") is not trusted."""
    return name not in body


def _body_text(text: str, document: Document) -> str:
    chars = list(text)
    for seg in document.segments:
        if seg.kind == "heading":
            chars[seg.start:seg.end] = " " * (seg.end - seg.start)
    return "".join(chars)


def _acronym_mentions(doc: Doc, named: list[AgreementMention]) -> list[AgreementMention]:
    """Later uses of a defined acronym ("the PAT covers ...") are mentions of the agreement."""
    by_acronym = {m.acronym: m for m in named if m.acronym}
    if not by_acronym:
        return []
    taken = [(m.span.start, m.span.end) for m in named]
    out = []
    for token in doc:
        owner = by_acronym.get(token.text.upper())
        if owner is None or any(s <= token.idx < e for s, e in taken):
            continue
        if token.i > 0 and doc[token.i - 1].text == "(":
            continue
        span = doc[token.i:token.i + 1]
        out.append(AgreementMention(span_of(span), token.text, owner.key, owner.name, list(owner.alias_keys),
                                    owner.acronym, owner.kind, parties=list(owner.parties),
                                    domains=list(owner.domains)))
    return out


# --- descriptions and generic mentions ------------------------------------------------------------------

def _ref(span: SpacySpan, kind: str | None, role: str) -> _Ref:
    words = [t.lower_ for t in span]
    parties = _parties(span.text)
    name = clean_name(span.text)
    core = _core_key(name, parties) if span.label_ == "NAMED" else None
    return _Ref(span, parties, kind, _domains(words), role, core)


def _role(span: SpacySpan) -> str:
    """"earlier" for "the original pact", "other" for "a separate deal", else "subject"."""
    lexicon = agreement_lexicon()
    head = span[-1]
    left = {t.lower_ for t in head.lefts if t.i < span.start}
    left |= {t.lower_ for t in head.doc[head.left_edge.i:span.start]}
    if left & set(lexicon["other_markers"]):
        return "other"
    if left & set(lexicon["earlier_markers"]):
        return "earlier"
    return "subject"


def _attach(refs: list[_Ref], named: list[AgreementMention], facts: _DocFacts) -> list[AgreementMention]:
    """Mentions for the descriptions, each keyed to the agreement it refers to."""
    subject = next((m for m in named if len(m.parties) >= 2 and not _YEAR_FIRST.match(m.name)
                    and m.kind not in SINGLE_PARTY_KINDS), None)
    subject_refs = [r for r in refs if r.role == "subject" and not _local_owner(r, named, subject)]
    domains = Counter(d for r in subject_refs for d in r.domains for _ in range(2 if r.core_key or r.span.label_ ==
                                                                                      "NAMED" else 1))
    subject_domains = set(subject.domains) if subject and subject.domains else (
        {domains.most_common(1)[0][0]} if domains else set())
    only_generic = all(r.span.label_ == "GENERIC" for r in subject_refs)
    out: list[AgreementMention] = []
    unnamed: dict[str, AgreementMention] = {}
    for ref in refs:
        if ref.role == "other":
            continue
        owner = _local_owner(ref, named, subject)
        if owner is None and ref.role == "subject" and not (ref.domains and subject_domains
                                                             and not ref.domains & subject_domains):
            owner = subject
            if owner is None and only_generic:  # "the treaty": the last treaty named before it, if any
                owner = next((m for m in reversed(named) if m.span.end <= ref.span.start_char
                              and m.kind == ref.kind), None)
                if owner is None:
                    continue
            if owner is None:
                compatible = [r for r in subject_refs if not (r.domains and subject_domains
                                                              and not r.domains & subject_domains)]
                owner = unnamed.get("subject") or _unnamed(ref, compatible, subject_domains, facts)
                unnamed["subject"] = owner
        elif owner is None:  # an earlier agreement, or one of another subject area
            key = _unnamed_key(ref, facts, ref.domains, year=ref.role == "earlier")
            owner = unnamed.get(key) or _unnamed(ref, [ref], ref.domains, facts, key)
            unnamed[key] = owner
        out.append(_refer(ref, owner))
    return out


def _local_owner(ref: _Ref, named: list[AgreementMention], subject: AgreementMention | None):
    """"The X Agreement (XA): Signed in 2002, this pact ...": a generic mention after a named agreement in
    the same sentence refers to it; "this X Agreement" refers to the X Agreement."""
    if ref.span.label_ == "NAMED":  # "this River Charter" after "the River Charter"
        key = f"agreement:{name_key(clean_name(ref.span.text))}"
        return next((m for m in named if m.key == key), None)
    if ref.span.label_ != "GENERIC":
        return None
    before = [m for m in named if m.span.sent_start == ref.span.sent.start_char and m.span.end <= ref.span.start_char]
    return before[-1] if before and before[-1] is not subject else None


def _unnamed(ref: _Ref, refs: list[_Ref], domains: set[str], facts: _DocFacts,
             key: str | None = None) -> AgreementMention:
    """An agreement the article only describes, keyed by its parties, subject area and (for an earlier
    agreement) the year it was signed."""
    parties = sorted({p for r in refs for p in r.parties} | set(facts.countries if len(facts.countries) >= 2 else []))
    kind = Counter(r.kind for r in refs if r.kind).most_common(1)
    described = next((r for r in refs if r.span.label_ != "GENERIC"), ref)
    if key is None:
        year = _subject_year(refs, facts)
        key = _key(facts.scope, parties, domains, kind[0][0] if kind else None, year)
    return AgreementMention(span_of(ref.span), ref.span.text, key, clean_name(described.span.text) or "agreement",
                            kind=kind[0][0] if kind else "agreement", parties=parties, domains=sorted(domains),
                            direct=False)


def _unnamed_key(ref: _Ref, facts: _DocFacts, domains: set[str], year: bool) -> str:
    parties = sorted(set(ref.parties) | set(facts.countries if len(facts.countries) >= 2 else []))
    signed = _signing_date(ref.span, facts) if year else None
    return _key(facts.scope, parties, domains, ref.kind, signed.start.year if signed and signed.start else
                ("earlier" if year else None))


def _key(scope: str, parties: list[str], domains: set[str], kind: str | None, year) -> str:
    """agreement:unnamed:<story>:ISL+NOR:maritime:1998: the story that describes it, parties, subject area
    (else kind) and, if known, year. A description never names an agreement by itself ("the deal", "a
    trade pact" in two articles may be two deals), so its key stays within its story; the resolver joins
    it to a named agreement only on strong evidence."""
    parts = ["agreement:unnamed", scope, "+".join(parties), "+".join(sorted(domains)) or (kind or "agreement")]
    if year is not None:
        parts.append(str(year))
    return ":".join(parts)


def _subject_year(refs: list[_Ref], facts: _DocFacts) -> int | None:
    years = Counter()
    for r in refs:
        d = _signing_date(r.span, facts)
        if d is not None and d.start is not None:
            years[d.start.year] += 1
    return years.most_common(1)[0][0] if years else None


def _refer(ref: _Ref, owner: AgreementMention) -> AgreementMention:
    alias_keys = list(owner.alias_keys) + ([ref.core_key] if ref.core_key else [])
    return AgreementMention(span_of(ref.span), ref.span.text, owner.key, owner.name, alias_keys, owner.acronym,
                            owner.kind, generic=ref.span.label_ == "GENERIC",
                            parties=sorted(set(ref.parties) | set(owner.parties)),
                            domains=sorted(set(owner.domains) | ref.domains), direct=False)


# --- what the sentence says -----------------------------------------------------------------------------

def _add_sentence_facts(mention: AgreementMention, mentions: list[AgreementMention], facts: _DocFacts) -> None:
    """Status, signing date, signatories, place and parties from the sentence of the mention."""
    doc = facts.doc
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    owned = [t for t in facts.triggers if t.label_ in STATUS_BY_EVENT and _owns(t.root, span, mentions, doc)]
    planned = [t for t in owned if _is_planned(t.root)]
    for etype in ("RENEW", "SIGN", "NEGOTIATE"):
        if any(t.label_ == etype for t in owned):
            is_planned = all(t in planned for t in owned if t.label_ == etype)
            mention.status = "negotiating" if is_planned and etype == "SIGN" else STATUS_BY_EVENT[etype]
            break
    if _has_modifier(span, {"proposed", "draft"}):
        mention.status = mention.status or "proposed"
    if mention.status is None and mention.kind in ("law", "regulation", "initiative", "partnership"):
        mention.status = "in_force"
    sign = next((t for t in owned if t.label_ == "SIGN" and t not in planned), None)
    if sign is not None:
        s0, s1 = mention.span.sent_start, mention.span.sent_end
        mention.signed = _signing_date(span, facts) or mention.signed
        mention.signatories = [e.name for e in facts.entities if e.label == "PERSON" and s0 <= e.span.start < s1]
        mention.place = _place(span.sent, facts) or mention.place
        if len(mention.parties) < 2:
            countries = [e.iso3 for e in facts.entities if e.label == "COUNTRY" and s0 <= e.span.start < s1]
            if len(set(countries)) >= 2:
                mention.parties = sorted(set(mention.parties) | set(countries))
    if not mention.parties:
        mention.parties = _default_parties(mention, span, facts)


def _place(sent: SpacySpan, facts: _DocFacts) -> str | None:
    """Where the sentence says it was signed: a place after "in" (tagged as a place, or an untagged
    proper name the tagger missed), never a country's name alone when a city is given."""
    s0, s1 = sent.start_char, sent.end_char
    places = [e for e in facts.entities if e.label in ("LOCATION", "COUNTRY") and s0 <= e.span.start < s1
              and doc_text(facts.doc)[max(s0, e.span.start - 3):e.span.start].strip() == "in"]
    cities = [e for e in places if e.label == "LOCATION"]
    if cities or places:
        return (cities or places)[0].name if cities else None
    for token in sent[:-1]:
        nxt = token.doc[token.i + 1]
        if token.lower_ == "in" and nxt.pos_ == "PROPN" and nxt.is_title and not nxt.ent_type_:
            end = nxt.i + 1
            while end < sent.end and token.doc[end].pos_ == "PROPN" and not token.doc[end].ent_type_:
                end += 1
            return token.doc[nxt.i:end].text
    return None


def _owns(trigger: Token, span: SpacySpan, mentions: list[AgreementMention], doc: Doc) -> bool:
    """Whether a sign/renew/negotiate trigger is about this mention: the thing signed is in the mention,
    else (when the parse does not say) the mention is the agreement nearest to the trigger."""
    if not (span.sent.start <= trigger.i < span.sent.end):
        return False
    target = _trigger_target(trigger)
    if target is not None:
        # "the Alpha Accord", "the Alpha Accord (AA)": the noun the target belongs to
        while (target.dep_ == "compound" and target.head.i > target.i) or target.dep_ == "appos":
            target = target.head
        if span.start <= target.i < span.end:
            return True
        if target.lemma_.lower() in agreement_lexicon()["kinds"] or target.pos_ == "PROPN" or any(
                m.span.start <= target.idx < m.span.end for m in mentions):
            return False
    same_sentence = [m for m in mentions if m.span.sent_start == span.sent.start_char]
    nearest = min(same_sentence, key=lambda m: abs(m.span.start - trigger.idx), default=None)
    return nearest is not None and nearest.span.start == span.start_char


def _trigger_target(trigger: Token) -> Token | None:
    """What a trigger says was signed (renewed, negotiated): "the pact signed ...", "signed the pact",
    "the pact was signed", "Signed in 2002, the pact ...", "the signing of the pact"."""
    token = trigger
    for _ in range(3):
        if token.dep_ in ("acl", "relcl", "amod") and token.pos_ in ("VERB", "ADJ"):
            return token.head
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects:
            return objects[0]
        of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj"]
        if of and token.pos_ == "NOUN":
            return of[0]
        if token.dep_ == "advcl" and token.tag_ == "VBN":
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subjects[0] if subjects else None
        if token.dep_ in ("conj", "xcomp", "pcomp") and token.head.i != token.i:
            token = token.head
            continue
        return None
    return None


def _is_planned(trigger: Token) -> bool:
    """"is likely to be concluded", "will sign", "could finalise": not (yet) done."""
    words = event_lexicon()["modality"]
    planned = set(words["planned"]) | set(words["hypothetical"])
    chain = [trigger, *list(trigger.ancestors)[:2]]
    lemmas = {c.lemma_.lower() for tok in chain for c in tok.children if c.dep_ in ("aux", "auxpass", "mark")}
    lemmas |= {tok.lemma_.lower() for tok in chain[1:]}
    return bool(lemmas & planned)


def _signing_date(span: SpacySpan, facts: _DocFacts) -> DateMention | None:
    """The calendar date nearest to a sign trigger about the mention, in its sentence."""
    s0, s1 = span.sent.start_char, span.sent.end_char
    mentions = [AgreementMention(span_of(span), span.text, "", "")]
    signs = [t for t in facts.triggers if t.label_ == "SIGN" and s0 <= t.start_char < s1
             and _owns(t.root, span, mentions, facts.doc) and not _is_planned(t.root)]
    if not signs:
        return None
    in_sentence = [d for d in facts.dates if s0 <= d.span.start < s1 and d.type == "DATE" and d.start is not None
                   and d.precision in ("day", "month", "year")]
    trigger = signs[0]
    return min(in_sentence, key=lambda d: abs(d.span.start - trigger.start_char), default=None)


def _year_date(span: SpacySpan, year: int, facts: _DocFacts) -> DateMention | None:
    """The year of a name ("the 1998 Accord") as a date, from the date mentions when the parser found it."""
    for d in facts.dates:
        if span.start_char <= d.span.start < span.end_char and d.start is not None and d.start.year == year:
            return d
    from datetime import date

    return DateMention(span_of(span), str(year), "DATE", str(year), date(year, 1, 1), date(year, 12, 31), "year")


def _has_modifier(span: SpacySpan, words: set[str]) -> bool:
    head = span[-1]
    return any(t.lower_ in words for t in head.doc[max(head.left_edge.i, span.start - 3):span.end])


def _default_parties(mention: AgreementMention, span: SpacySpan, facts: _DocFacts) -> list[str]:
    """Parties the text implies: a possessive country ("Kenya's proposed Data Act"); for a law, the
    country named nearest before it in the sentence; else the countries the article is about."""
    doc = facts.doc
    before = doc[max(span.sent.start, span.start - 4):span.start]
    for token in reversed(before):
        if token.tag_ == "POS" and token.i > 0:
            iso3 = country_iso3(doc[token.i - 1].text) or next(
                (e.iso3 for e in facts.entities if e.iso3 and e.span.start <= doc[token.i - 1].idx < e.span.end), None)
            if iso3:
                return [iso3]
    if mention.kind in SINGLE_PARTY_KINDS:
        earlier = [e for e in facts.entities if e.iso3 and span.sent.start_char <= e.span.start < span.start_char]
        if earlier:
            return [earlier[-1].iso3]
        return facts.countries[:1]
    return list(facts.countries) if len(facts.countries) >= 2 else []


def _article_countries(entities: list[EntityMention]) -> list[str]:
    """The country an article is about, or the two when the second is named at least a third as often."""
    counts = Counter(e.iso3 for e in entities if e.label == "COUNTRY" and e.iso3).most_common(2)
    if not counts:
        return []
    if len(counts) == 2 and counts[1][1] * 3 >= counts[0][1]:
        return sorted(iso3 for iso3, _ in counts)
    return [counts[0][0]]


def _parties(name: str) -> list[str]:
    found: list[str] = []
    for word in name.replace("(", " ").replace(")", " ").split():
        for iso3 in countries_in_compound(word):
            if iso3 not in found:
                found.append(iso3)
    return sorted(found)


def _domains(words: list[str]) -> set[str]:
    by_word = {w: d for d, ws in agreement_lexicon()["domains"].items() for w in ws}
    return {by_word[w.strip("“”\"'‘’(),.:;")] for w in words if w.strip("“”\"'‘’(),.:;") in by_word}


def _kind(name: str, kinds: dict[str, str]) -> str | None:
    words = [w.strip("“”\"'‘’(),.:;").lower() for w in name.split()]
    if len(words) > 1 and words[0] in kinds and words[1] in ("of", "for", "on", "between"):
        return kinds[words[0]]  # "Framework for the ... Partnership" is a framework
    for w in reversed(words):
        if w in kinds:
            return kinds[w]
    return None
