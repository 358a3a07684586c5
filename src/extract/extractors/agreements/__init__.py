"""Agreements of a parsed document, named or not, each mention keyed to the agreement it refers to.

The steps, one module each:
  `named`      names of agreements and their acronyms ("the Pacific Anchovy Treaty (PAT)");
  `parties`    who an agreement is between and where it stands, from the parse of its sentence;
  `verbal`     agreements a verb reports without a noun ("agreed to reopen consulates", "Acme is to buy Brightline");
  `discourse`  which agreement each description or generic mention refers to (the most recent one it fits);
  `naming`     descriptive names and story-scoped keys of the agreements a text does not name;
  `facts`      status, signing date, place and signatories from the sentence of each mention.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan

from extract.extractors.acronyms import find_acronyms
from extract.extractors.agreements.context import DocContext
from extract.extractors.agreements.discourse import VERBAL_LABELS, Item, Referent, resolve_in_document
from extract.extractors.agreements.facts import (add_sentence_facts, default_parties, sentence_partners, sides,
                                                 signing_date, story_firm_partner)
from extract.extractors.agreements.named import (acronym_mentions, acronym_modifier, body_text, countries_in_name,
                                                 describes_another, domains_of, has_designator, heading_only,
                                                 is_proper, kind_of, law_bodies_in_name, named, named_mention,
                                                 parties_in_compound, proper_description)
from extract.extractors.agreements.naming import describe, unnamed_key
from extract.extractors.agreements.parties import compared_with, governor, parties_of
from extract.extractors.agreements.verbal import verbal_items
from extract.extractors.entities import span_of
from extract.extractors.events.arguments import governing_chain, modality
from extract.lexicons import AgreementLexicon, event_lexicon
from extract.nlp.text import doc_text
from extract.normalize.names import clean_name
from extract.records import AgreementMention, DateMention, Document, EntityMention

__all__ = ["extract_agreements"]

NAME_LABELS = {"NAMED", "QUOTED", "COORDINATED"}


def extract_agreements(doc: Doc, document: Document, entities: list[EntityMention],
                       dates: list[DateMention]) -> list[AgreementMention]:
    """Agreement mentions of one document, in text order, each keyed to the agreement it refers to."""
    ctx = DocContext(doc, document, entities, dates, list(doc.spans.get("event_triggers", [])))
    items = _noun_items(ctx)
    items += verbal_items(ctx, items)
    referents = [r for r in resolve_in_document(items, ctx) if r.agreed]
    _fill_in_parties(referents, ctx)
    mentions = _mentions(referents, ctx)
    mentions += acronym_mentions(doc, [m for m in mentions if m.direct])
    for m in mentions:
        add_sentence_facts(m, mentions, ctx)
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end))


def _noun_items(ctx: DocContext) -> list[Item]:
    """An item per agreement span of the spaCy component: names, descriptions and generic mentions."""
    doc = ctx.doc
    kinds = ctx.lexicon.kinds
    acronyms = list(find_acronyms(doc_text(doc)))
    body = body_text(doc_text(doc), ctx.document)
    items: list[Item] = []
    names: list[AgreementMention] = []
    for span in doc.spans.get("agreements", []):
        name = clean_name(span.text)
        kind = kind_of(name, kinds)
        mention = None
        if span.label_ in NAME_LABELS and not (span.label_ == "NAMED" and describes_another(span, name, acronyms)):
            if heading_only(name, body):
                continue
            mention = named_mention(span, name, kind, acronyms, names, ctx)
        elif span.label_ == "DESCRIPTIVE" and (is_proper(span) or has_designator(span)):
            mention = proper_description(span, acronyms, ctx)
        elif span.label_ == "DESCRIPTIVE" and acronym_modifier(span):
            mention = named(span, name, acronym_modifier(span), kind, ctx)
        if mention is not None:
            names.append(mention)
        items.append(_item(span, mention.kind if mention is not None else kind, mention, ctx))
    return items


def _item(span: SpacySpan, kind: str | None, mention: AgreementMention | None, ctx: DocContext) -> Item:
    """What a mention's words and sentence say of the agreement it refers to."""
    lex = ctx.lexicon
    head = span.root if span.label_ in NAME_LABELS else span[-1]
    left = _words_before(span, head, lex)
    parties = parties_of(head, [] if mention is not None else list(span), ctx)  # a name's words are no party
    parties.add(countries_in_name(span.text))
    parties.add(parties_in_compound(span, ctx))  # "a Labour-Liberal pact"
    if ctx.kind_classes.get(kind or "") == "law":  # "the European constitution": the body's own law
        parties.add(law_bodies_in_name(span, lex))
    if mention is not None:
        parties.add(mention.parties)
    determiners = [t.lower_ for t in head.children if t.dep_ in ("det", "poss") and t.i < head.i]
    determiners += [doc_word.lower_ for doc_word in span if doc_word.dep_ == "det"]
    # "a deal" hoped for, sought or imagined ("hopes of a deal", "a takeover would be ...") is the one under
    # discussion, as "the deal" is
    definite = not any(d in lex.indefinite_determiners for d in determiners) or _non_specific(head, ctx)
    role = "subject"
    new = set(lex.new_markers) if not definite else set(lex.new_markers) - set(lex.new_adverbs)
    if left & set(lex.other_markers) or left & new:
        role = "other"  # "another deal", "a second pact", "also signed a deal"; not "also backs the bill"
    elif left & set(lex.earlier_markers):
        role = "earlier"
    about = [t.lower_ for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "over", "about", "for")
             for t in c.subtree]  # "a deal on the nuclear programme"
    item = Item(span=span, head=head, label=span.label_, kind=kind, heading=_in_heading(span, ctx),
                domains=domains_of([t.lower_ for t in span] + about, lex),
                role=role, definite=definite, parties=parties, named=mention, amounts=_amounts(span, head),
                new=bool(left & {"new", "latest"}))
    if role == "earlier":
        item.signed = signing_date(span, ctx)
    item.signed = item.signed or _year_written_before(span, head, ctx)
    return item


def _year_written_before(span: SpacySpan, head, ctx: DocContext) -> DateMention | None:
    """"the 2000 deal", "the 1994 accord": a year written before a description's kind word is the year it
    was made (at year precision), as it is in a name ("the 1994 Coastal Fisheries Treaty")."""
    for token in span:
        if token.i < head.i and token.like_num and len(token.text) == 4:
            date = next((d for d in ctx.dates if d.span.start <= token.idx < d.span.end and d.precision == "year"
                         and d.type == "DATE"), None)
            if date is not None:
                return date
    return None


def _non_specific(head, ctx: DocContext) -> bool:
    """"hopes of a deal", "an attempt at a deal", "hoping to get a better deal", "a takeover would be ...": a
    deal sought or imagined, not one the text introduces."""
    seeking = set(ctx.lexicon.seeking_words)
    token = head
    for _ in range(3):
        if token.dep_ not in ("dobj", "pobj", "prep", "nsubj", "attr") or token.head.i == token.i:
            break
        token = token.head
        if token.lemma_.lower() in seeking:
            return True
    gov = governor(head, set(ctx.lexicon.about_prepositions))
    verb = gov.token if gov is not None and gov.token.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    return modality(verb, governing_chain(verb), event_lexicon().modality, frozenset()) in ("hypothetical",
                                                                                                "attempted")


def _in_heading(span: SpacySpan, ctx: DocContext) -> bool:
    return any(s.kind == "heading" and s.start <= span.start_char < s.end for s in ctx.document.segments)


def _words_before(span: SpacySpan, head, lex: AgreementLexicon) -> set[str]:
    """Lower-case words left of the head in its noun phrase, the mention's own included; not a comparison
    with something named after it ("a similar deal to one between A and B" is no second deal)."""
    doc = span.doc
    left = {t.lower_ for t in doc[head.left_edge.i:head.i]}
    if compared_with(head, lex) is not None:
        left -= set(lex.comparison_words)
    left |= {t.lower_ for t in doc[max(0, span.start - 3):span.start] if t.sent == span.sent
             and (t.dep_ in ("amod", "advmod", "det", "nummod") or t.lower_ in ("also", "separately"))}
    return left


def _amounts(span: SpacySpan, head) -> set[str]:
    """"the $3bn deal", "a deal worth $8bn", "a deal that could be worth $2bn": what the agreement is worth, as
    written (the first amount of its phrase)."""
    tokens = list(span) + [t for c in head.children if c.i > head.i for t in c.subtree]
    money = [t for t in tokens if t.ent_type_ == "MONEY" and any(ch.isdigit() for ch in t.text)]
    return {money[0].text} if money else set()


def _fill_in_parties(referents: list[Referent], ctx: DocContext) -> None:
    """Sides the parse did not give: those the sentences that report an agreement name, else those the text
    implies (the other of the two firms a story is about, a law's country, the two states a story is
    about)."""
    for referent in referents:
        if len(sides(referent.parties)) < 2 and ctx.kind_classes.get(referent.kind or "") != "law":
            referent.parties += sentence_partners(referent, referents, ctx)
        if referent.named is None and ctx.kind_classes.get(referent.kind or "") != "law":
            referent.parties += story_firm_partner(referent, ctx)
        if not referent.parties:
            referent.parties = default_parties(referent.kind, referent.items[0].span, ctx)


def _mentions(referents: list[Referent], ctx: DocContext) -> list[AgreementMention]:
    """A mention per item, keyed and named after the agreement it refers to."""
    out: list[AgreementMention] = []
    taken: set[str] = set()
    for referent in referents:
        if referent.named is not None:
            owner = referent.named
            key, name, alias_keys, acronym = owner.key, owner.name, list(owner.alias_keys), owner.acronym
        else:
            key, name, alias_keys, acronym = unnamed_key(referent, ctx, taken), describe(referent, ctx), [], None
        taken.add(key)
        for item in referent.items:
            mention = item.named
            own_key = mention.key if mention is not None else key  # a second name keeps its own key
            keys = [k for k in [key, *alias_keys, *(mention.alias_keys if mention else [])] if k != own_key]
            out.append(AgreementMention(
                span_of(item.span), item.span.text, own_key, mention.name if mention else name,
                list(dict.fromkeys(keys)), acronym or (mention.acronym if mention else None), referent.kind,
                generic=item.label == "GENERIC" or item.label in VERBAL_LABELS,
                parties=list(referent.parties), signed=mention.signed if mention else item.signed,
                status=mention.status if mention else None, domains=sorted(referent.domains),
                direct=mention is not None))
    return out
