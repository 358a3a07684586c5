"""What the sentence of an agreement mention says of it: where it stands, when and where it was signed, and by
whom; and the parties a text implies when no sentence names them."""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.extractors.actor_roles import describes_an_organization
from extract.extractors.agreements.context import DocContext
from extract.extractors.agreements.discourse import Referent, same_party
from extract.extractors.agreements.parties import governor, holds_an_office, status_of
from extract.extractors.entities import span_of
from extract.extractors.events.arguments import governing_chain, modality
from extract.lexicons import agreement_lexicon, event_lexicon
from extract.nlp.text import doc_text
from extract.normalize.countries import country_iso3
from extract.normalize.organizations import known_organization
from extract.records import AgreementMention, DateMention

STATUS_BY_EVENT = {"SIGN": "signed", "RENEW": "renewed", "NEGOTIATE": "negotiating"}
SINGLE_PARTY_KINDS = {"law", "regulation"}


def add_sentence_facts(mention: AgreementMention, mentions: list[AgreementMention], ctx: DocContext) -> None:
    """Status, signing date, signatories and place from the sentence of the mention."""
    doc = ctx.doc
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    owned = [t for t in ctx.triggers if t.label_ in STATUS_BY_EVENT and owns(t.root, span, mentions, doc)
             and not is_negated(t.root)]
    planned = [t for t in owned if is_planned(t.root)]
    stated = [_stated_status(span, ctx), mention.status]
    for etype in ("RENEW", "SIGN", "NEGOTIATE"):
        if any(t.label_ == etype for t in owned):
            is_planned_ = all(t in planned for t in owned if t.label_ == etype)
            stated.append("negotiating" if is_planned_ and etype == "SIGN" else STATUS_BY_EVENT[etype])
            break
    order = ctx.lexicon.statuses
    mention.status = max((s for s in stated if s), key=order.index, default=None)
    if _has_modifier(span, set(ctx.lexicon.proposed_modifiers)) and mention.status in (None, "signed"):
        mention.status = "proposed"
    if mention.status == "negotiating" and ctx.kind_classes.get(mention.kind or "") == "law":
        mention.status = "proposed"  # a bill under debate
    if mention.status is None:
        defaults = ctx.lexicon.default_status
        mention.status = defaults.words.get(span[-1].lower_) or defaults.kinds.get(mention.kind or "")
    sign = next((t for t in owned if t.label_ == "SIGN" and t not in planned), None)
    if sign is not None and mention.status in ("signed", "renewed", "in_force", None):
        s0, s1 = mention.span.sent_start, mention.span.sent_end
        mention.signed = signing_date(span, ctx) or mention.signed
        mention.signatories = [e.name for e in ctx.entities if e.label == "PERSON" and s0 <= e.span.start < s1]
        mention.place = _place(span.sent, ctx) or mention.place


def _stated_status(span: SpacySpan, ctx: DocContext) -> str | None:
    """The status the verb of the mention's clause gives, weighed by how the clause holds it: "signed the
    deal" signed, "will sign the deal" negotiating, "could sign the deal" proposed, "did not sign" nothing."""
    head = span.root
    status = status_of(head, ctx)
    gov = governor(head, set(ctx.lexicon.about_prepositions))
    if status is None and gov is not None and gov.role == "subject" and any(
            c.dep_ == "acomp" and c.lower_ in ctx.lexicon.proposed_modifiers for c in gov.token.children):
        return "proposed"  # "a deal is possible"
    if status is None:
        return None
    verb = gov.token if gov is not None else head
    how = modality(verb, governing_chain(verb), event_lexicon().modality, frozenset())
    if how == "negated":
        return None
    if how == "hypothetical":
        return "proposed" if status == "signed" else None
    if how == "attempted":  # "trying to agree a deal"
        return "negotiating" if status in ("signed", "negotiating") else None
    if how == "planned":
        return {"signed": "negotiating", "negotiating": "negotiating", "proposed": "proposed"}.get(status)
    return status


def _place(sent: SpacySpan, ctx: DocContext) -> str | None:
    """Where the sentence says it was signed: a place after "in" (tagged as a place, or an untagged
    proper name the tagger missed), never a country's name alone when a city is given."""
    s0, s1 = sent.start_char, sent.end_char
    places = [e for e in ctx.entities if e.label in ("LOCATION", "COUNTRY") and s0 <= e.span.start < s1
              and doc_text(ctx.doc)[max(s0, e.span.start - 3):e.span.start].strip() == "in"]
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


def owns(trigger: Token, span: SpacySpan, mentions: list[AgreementMention], doc: Doc) -> bool:
    """Whether a sign/renew/negotiate trigger is about this mention: the thing signed is in the mention,
    else (when the parse does not say) the mention is the agreement nearest to the trigger."""
    if not (span.sent.start <= trigger.i < span.sent.end):
        return False
    target = trigger_target(trigger)
    if target is not None:
        # "the Alpha Accord", "the Alpha Accord (AA)": the noun the target belongs to
        while (target.dep_ == "compound" and target.head.i > target.i) or target.dep_ == "appos":
            target = target.head
        if span.start <= target.i < span.end:
            return True

        if target.lemma_.lower() in agreement_lexicon().kinds or target.pos_ == "PROPN" or any(
                m.span.start <= target.idx < m.span.end for m in mentions):
            return False
    same_sentence = [m for m in mentions if m.span.sent_start == span.sent.start_char]
    nearest = min(same_sentence, key=lambda m: abs(m.span.start - trigger.idx), default=None)
    return nearest is not None and nearest.span.start == span.start_char


def trigger_target(trigger: Token) -> Token | None:
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


def is_negated(trigger: Token) -> bool:
    """"has not signed", "refused to ratify": the trigger says it did not happen."""
    return modality(trigger, governing_chain(trigger), event_lexicon().modality, frozenset()) == "negated"


def is_planned(trigger: Token) -> bool:
    """"is likely to be concluded", "will sign", "could finalise": not (yet) done."""
    words = event_lexicon().modality
    planned = set(words.planned) | set(words.hypothetical) | set(words.attempted)
    chain = [trigger, *list(trigger.ancestors)[:2]]
    lemmas = {c.lemma_.lower() for tok in chain for c in tok.children if c.dep_ in ("aux", "auxpass", "mark")}
    lemmas |= {tok.lemma_.lower() for tok in chain[1:]}
    return bool(lemmas & planned)


def signing_date(span: SpacySpan, ctx: DocContext) -> DateMention | None:
    """The calendar date nearest to a sign trigger about the mention, in its sentence."""
    s0, s1 = span.sent.start_char, span.sent.end_char
    mentions = [AgreementMention(span_of(span), span.text, "", "")]
    signs = [t for t in ctx.triggers if t.label_ == "SIGN" and s0 <= t.start_char < s1
             and owns(t.root, span, mentions, ctx.doc) and not is_planned(t.root)]
    if not signs:
        return None
    in_sentence = [d for d in ctx.dates if s0 <= d.span.start < s1 and d.type == "DATE" and d.start is not None
                   and d.precision in ("day", "month", "year")]
    trigger = signs[0]
    return min(in_sentence, key=lambda d: abs(d.span.start - trigger.start_char), default=None)


def _has_modifier(span: SpacySpan, words: set[str]) -> bool:
    head = span[-1]
    return any(t.lower_ in words for t in head.doc[max(head.left_edge.i, span.start - 3):span.end])


def default_parties(kind: str | None, span: SpacySpan, ctx: DocContext) -> list[str]:
    """Parties the text implies when no sentence names them: a possessive country ("Kenya's proposed Data
    Act"); for a law, the country named nearest before it in the sentence, else the article's; else, in a
    story about states (not firms), the two countries it is about."""
    doc = ctx.doc
    before = doc[max(span.sent.start, span.start - 4):span.start]
    for token in reversed(before):
        if token.tag_ == "POS" and token.i > 0:
            iso3 = country_iso3(doc[token.i - 1].text) or next(
                (e.iso3 for e in ctx.entities if e.iso3 and e.span.start <= doc[token.i - 1].idx < e.span.end), None)
            if iso3:
                return [f"country:{iso3}"]
    if kind in SINGLE_PARTY_KINDS:
        earlier = [e for e in ctx.entities if e.iso3 and span.sent.start_char <= e.span.start < span.start_char]
        if earlier:
            return [f"country:{earlier[-1].iso3}"]
        return [f"country:{c}" for c in ctx.countries[:1]]
    return [f"country:{c}" for c in ctx.countries] if len(ctx.countries) >= 2 and ctx.about_states else []


def sentence_partners(referent: Referent, referents: list[Referent], ctx: DocContext) -> list[str]:
    """The sides the sentences that report an agreement the text does not name give it, when the parse gave
    it fewer than two: the organizations and states (not people, not those who only report it: "Reuters
    quoted a trader") named in the clause of a mention, or in at least half of its mentions' sentences; most
    often first, then nearest to its first mention ("Vexacom's $3bn deal ... to run a network in Peru"). The
    sides of another agreement spoken of in the same sentence are that one's. A person counts as no side."""
    if referent.named is not None:
        return []
    reporting = set(ctx.lexicon.reporting_verbs)
    counts: dict[str, int] = {}
    distance: dict[str, int] = {}
    in_clause: set[str] = set()
    first = referent.items[0].span
    sentences = {item.span.sent.start: item for item in referent.items}
    for start, item in sentences.items():
        tokens = list(item.span.sent)
        clause = {t.i for t in _clause(item.head).subtree}
        seen = {p for other in referents if other is not referent
                for other_item in other.items if other_item.span.sent.start == start for p in other.parties}
        for t in tokens:
            e = ctx.entity_at.get(t.i)
            if e is None or e.label not in ("ORGANIZATION", "COUNTRY", "NORP") or describes_an_organization(
                    t, e, ctx.entity_at) or _reports(t, reporting) or _describes_a_person(t, ctx) \
                    or holds_an_office(t):
                continue
            key = ctx.party_at(t.i)
            if key is None or key.startswith("person:") or key in seen:
                continue
            seen.add(key)
            counts[key] = counts.get(key, 0) + 1
            distance[key] = min(distance.get(key, len(ctx.doc)), abs(t.i - first.start))
            if t.i in clause:
                in_clause.add(key)
    ranked = sorted((k for k in counts if k in in_clause or (len(sentences) > 1 and 2 * counts[k] >= len(sentences))),
                    key=lambda k: (-counts[k], distance[k]))
    partners: list[str] = []
    for key in ranked:
        if len(sides(referent.parties)) + len(partners) >= 2:
            break
        if not any(same_party(key, p, ctx) for p in referent.parties + partners):
            partners.append(key)
    return partners


def sides(parties: list[str]) -> list[str]:
    """The states and bodies among an agreement's parties: a person whose country the text does not give
    ("Mr Roe signed a deal with Chile") leaves the side they act for to be found in the sentences."""
    return [p for p in parties if not p.startswith("person:")]


def _describes_a_person(token: Token, ctx: DocContext) -> bool:
    """"UK Chancellor Ana Roe", "the Kenyan envoy Ana Roe": the country of a person named in passing, who is
    no side (people are not sought as sides), so neither is their country."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("compound", "amod", "nmod") or head.head.i == head.i:
            return False
        head = head.head
        e = ctx.entity_at.get(head.i)
        if e is not None and e.label == "PERSON":
            return True
    return False


def story_firm_partner(referent: Referent, ctx: DocContext) -> list[str]:
    """In a story about two firms ("the two firms a story is about": the two it names most, the second at
    least half as often as the first, neither a known public body), a deal the sentences give only one of
    them for is between the two."""
    firms = ctx.organizations_by_mentions[:2]
    if ctx.about_states or len(firms) < 2 or 2 * firms[1][1] < firms[0][1] or firms[1][1] < 2:
        return []
    if any(known_organization(ctx.names.get(k, k)) is not None for k, _ in firms):
        return []  # a union, a commission, a ministry: bodies the story is about are no firms in a deal
    sides_ = sides(referent.parties)
    keys = [k for k, _ in firms]
    if len(sides_) != 1 or not any(same_party(sides_[0], k, ctx) for k in keys):
        return []
    return [k for k in keys if not same_party(sides_[0], k, ctx)]


def _clause(token: Token) -> Token:
    """The verb of the clause a word is in, or of the one its purpose clause serves."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    # "A is to pay B to get out of a deal": a purpose clause shares the clause it serves
    while token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
            and token.head.pos_ in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _reports(token: Token, reporting: set[str]) -> bool:
    """The subject of a verb of saying ("Reuters quoted ...", "the ministry said"), or the source a sentence
    cites ("according to Reuters")."""
    head = token
    while head.dep_ in ("compound", "conj", "appos", "det") and head.head.i != head.i:
        head = head.head
    sourcing = set(agreement_lexicon().source_words)
    if head.dep_ == "pobj" and any(t.lower_ in sourcing for t in (head.head.head, head.head.head.head)):
        return True  # "according to the FT", "documents released at the archives": a source
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in reporting
