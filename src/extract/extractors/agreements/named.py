"""Agreements known by a name of their own: "the Pacific Anchovy Treaty (PAT)", "the S-300 deal", "the PAT
treaty", "Reciprocal Border Trade (RBT) arrangement"; their acronyms and the later uses of them."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from extract.extractors.agreements.context import DocContext
from extract.extractors.entities import span_of
from extract.lexicons import AgreementLexicon
from extract.nlp.text import doc_text
from extract.normalize.countries import countries_in_compound
from extract.normalize.names import clean_name, is_party_label, name_key
from extract.normalize.timex.vocabulary import alternation, vocabulary
from extract.records import AgreementMention, DateMention, Document

DEMONSTRATIVE = re.compile(r"(?:\b(?:[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)|(?<=[a-z])(?:This|That|These|Those))\s+$")
INDEFINITE = re.compile(r"(?:^|\s)(?:[Aa]n?)\s+$")
YEAR_FIRST = re.compile(r"^((?:19|20)\d\d)\b")

PARENTHESES = re.compile(r"\s*\([^()]*\)")
DURATION_UNITS = ("year", "month", "week", "day", "decade")  # "a 10-year deal" names a term, not the deal
_CORE_PREFIX = re.compile(r"^(?:\w+\s+(?:for|of|on)\s+(?:the\s+)?)", re.I)
_CORE_SUFFIX = re.compile(r"\s+(?:in|for)\s+the\s+\d+(?:st|nd|rd|th)\s+century$", re.I)


@lru_cache(maxsize=1)
def _duration_first() -> re.Pattern:
    """A name that starts with a term ("10-year", "five year"): the words of numbers are the time vocabulary's."""
    return re.compile(rf"^(?:\d+|{alternation(vocabulary().spelled(1, 1000))})[-–\s](?:{'|'.join(DURATION_UNITS)})",
                      re.I)


def named_mention(span: SpacySpan, name: str, kind: str | None, acronyms, earlier: list[AgreementMention],
                  ctx: DocContext) -> AgreementMention:
    """A NAMED, QUOTED or COORDINATED name; a quoted or coordinated one takes its kind from the word after it
    or the name it is coordinated with, else it is an initiative."""
    if kind is None and span.label_ == "COORDINATED":
        kind = next((m.kind for m in reversed(earlier) if m.span.sent_start == span.sent.start_char), None)
    if kind is None:
        after = next((t for t in span.doc[span.end:span.end + 3] if not t.is_punct), None)
        kind = ctx.lexicon.kinds.get(after.lower_) if after is not None else None
        kind = kind or "initiative"
    acronym = acronym_after(span, acronyms)
    return named(span, PARENTHESES.sub("", name).strip() or name, acronym, kind, ctx)


def proper_description(span: SpacySpan, acronyms, ctx: DocContext) -> AgreementMention:
    """"Reciprocal Border Trade (RBT) arrangement" is named "Reciprocal Border Trade Arrangement"; "the
    S-300 deal" is named by its designator."""
    words = [t for t in span if not t.is_punct or t.text in "-–"]
    name = PARENTHESES.sub("", clean_name(span.text)).strip()
    if span[-1].is_lower and is_proper(span):
        name = name[: len(name) - len(span[-1].text)] + span[-1].text.title()
    acronym = acronym_after(span[:-1], acronyms) if len(words) > 1 else None
    return named(span, name, acronym, kind_of(name, ctx.lexicon.kinds), ctx)


def named(span: SpacySpan, name: str, acronym: str | None, kind: str | None, ctx: DocContext) -> AgreementMention:
    alias_keys = [f"agreement-acronym:{acronym.upper()}"] if acronym else []
    parties = countries_in_name(name)
    core = core_key(name, parties)
    if core:
        alias_keys.append(core)
    mention = AgreementMention(span_of(span), span.text, f"agreement:{name_key(name)}", name,
                               alias_keys=alias_keys, acronym=acronym.upper() if acronym else None, kind=kind,
                               parties=parties, domains=sorted(domains_of(name.lower().split(), ctx.lexicon)))
    year = YEAR_FIRST.match(name)
    if year:  # "the 1998 Fisheries Accord" was adopted in 1998
        mention.signed = year_date(span, int(year.group(1)), ctx)
        mention.status = "signed"
    return mention


def core_key(name: str, parties: list[str]) -> str | None:
    """"Framework for the A-B Maritime Security Partnership" and "A-B Maritime Security Partnership in the
    21st Century" share a core: the countries and at least three distinctive words."""
    if len(parties) < 2:
        return None
    core = _CORE_SUFFIX.sub("", PARENTHESES.sub("", _CORE_PREFIX.sub("", name)))
    words = [w for w in name_key(core).split() if not countries_in_compound(w)]
    if len(words) < 3 or YEAR_FIRST.match(core):
        return None
    return f"agreement-core:{'+'.join(sorted(parties))}:{' '.join(words)}"


def describes_another(span: SpacySpan, name: str, acronyms) -> bool:
    """"This Fisheries Framework Pact", "10-Year Water Pact", "Kenya-Uganda Water Framework", "a Free Trade
    Agreement": descriptions of an agreement, not names of one. Names led by a year ("1998 Fisheries Accord")
    and names the text gives an acronym ("a Security of Supply Arrangement (SOSA)") are agreements of their own."""
    before = doc_text(span.doc)[max(0, span.start_char - 12):span.start_char]
    if DEMONSTRATIVE.search(before):
        return True
    if INDEFINITE.search(before):
        return acronym_after(span, acronyms) is None
    if YEAR_FIRST.match(name) or (name.split()[-1].isupper() and len(name.split()[-1]) >= 3):
        return False  # "1998 Fisheries Accord", "Chile-Peru PACT": names of their own
    first = name.split()[0]
    return bool(_duration_first().match(name)) or (len(countries_in_compound(first)) >= 2 and len(name.split()) <= 4)


def is_proper(span: SpacySpan) -> bool:
    """"Reciprocal Border Trade arrangement": capitalized modifiers make a name despite the
    lower-case head, unless they only say who or how long."""
    words = [t for t in span[:-1] if not t.is_punct and t.dep_ != "det"]
    return (len(words) >= 2 and all(t.is_title or t.is_upper for t in words)
            and not any(countries_in_compound(t.text) for t in words) and not any(t.like_num for t in words)
            and not any(t.ent_type_ in ("PERSON", "GPE", "NORP") for t in words)
            and not (all(t.ent_type_ == "ORG" for t in words) and "(" not in span.text))  # "the Acme Motors deal"


def has_designator(span: SpacySpan) -> bool:
    """"the S-300 deal": a model designator names what the deal is about."""
    text = doc_text(span.doc)[span.start_char:span[-1].idx]
    return bool(re.search(r"\b[A-Z]{1,3}-?\d+[A-Za-z]*\b", text)) and not _duration_first().match(text)


def acronym_modifier(span: SpacySpan) -> str | None:
    """"the PAT treaty": an acronym (not a country's or an organization's) is the agreement's own."""
    words = [t for t in span[:-1] if not t.is_punct and t.dep_ != "det"]
    if (len(words) == 1 and words[0].is_upper and len(words[0]) >= 2 and not countries_in_compound(words[0].text)
            and words[0].ent_type_ not in ("ORG", "GPE", "NORP", "PERSON")):
        return words[0].text
    return None


def acronym_after(span: SpacySpan, acronyms) -> str | None:
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


def heading_only(name: str, body: str) -> bool:
    """A name only a heading uses ("Understanding the Framework: ...") is not trusted."""
    return name not in body


def body_text(text: str, document: Document) -> str:
    chars = list(text)
    for seg in document.segments:
        if seg.kind == "heading":
            chars[seg.start:seg.end] = " " * (seg.end - seg.start)
    return "".join(chars)


def acronym_mentions(doc: Doc, named_mentions: list[AgreementMention]) -> list[AgreementMention]:
    """Later uses of a defined acronym ("the PAT covers ...") are mentions of the agreement."""
    by_acronym = {m.acronym: m for m in named_mentions if m.acronym}
    if not by_acronym:
        return []
    taken = [(m.span.start, m.span.end) for m in named_mentions]
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


def year_date(span: SpacySpan, year: int, ctx: DocContext) -> DateMention:
    """The year of a name ("the 1998 Accord") as a date, from the date mentions when the parser found it."""
    for d in ctx.dates:
        if span.start_char <= d.span.start < span.end_char and d.start is not None and d.start.year == year:
            return d
    from datetime import date

    return DateMention(span_of(span), str(year), "DATE", str(year), date(year, 1, 1), date(year, 12, 31), "year")


def countries_in_name(name: str) -> list[str]:
    """Country keys of the countries a name or description names ("Kenya-Uganda Water Pact")."""
    found: list[str] = []
    for word in name.replace("(", " ").replace(")", " ").split():
        for iso3 in countries_in_compound(word):
            if f"country:{iso3}" not in found:
                found.append(f"country:{iso3}")
    return sorted(found)


def parties_in_compound(span: SpacySpan, ctx: DocContext) -> list[str]:
    """"a Labour-Liberal pact", "the Socialist-Green coalition deal": a hyphenated compound of party labels
    names the political parties it is between; each is the party of that name the story gives ("Liberal
    Party"), else "<Label> Party"."""
    found: list[str] = []
    for word in span.text.split():
        parts = [p for p in re.split(r"[-–]", word.strip("“”\"'‘’(),.:;")) if p]
        if len(parts) < 2 or not all(p[:1].isupper() and is_party_label(p) for p in parts):
            continue
        for part in parts:
            named = next((e.key for e in ctx.entities if e.label == "ORGANIZATION"
                          and e.name.lower() == f"{part.lower()} party"), None)
            key = named or f"org:{name_key(part + ' Party')}"
            if key not in found:
                found.append(key)
    return found


def law_bodies_in_name(span: SpacySpan, lexicon: AgreementLexicon) -> list[str]:
    """Organization keys of the bodies a law's own words name by their adjective ("the European constitution",
    "a European directive": the European Union's law), from `law_body_adjectives`."""
    bodies = lexicon.law_body_adjectives
    return list(dict.fromkeys(f"org:{name_key(bodies[t.lower_])}" for t in span if t.lower_ in bodies))


def domains_of(words: list[str], lexicon: AgreementLexicon) -> set[str]:
    by_word = {w: d for d, ws in lexicon.domains.items() for w in ws}
    return {by_word[w.strip("“”\"'‘’(),.:;")] for w in words if w.strip("“”\"'‘’(),.:;") in by_word}


def kind_of(name: str, kinds: dict[str, str]) -> str | None:
    words = [w.strip("“”\"'‘’(),.:;").lower() for w in name.split()]
    if len(words) > 1 and words[0] in kinds and words[1] in ("of", "for", "on", "between"):
        return kinds[words[0]]  # "Framework for the ... Partnership" is a framework
    for w in reversed(words):
        if w in kinds:
            return kinds[w]
    return None
