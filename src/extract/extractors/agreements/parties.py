"""Who an agreement is between, and where it stands, read off the parse of the sentence that reports it.

Pure functions from an agreement mention's head token to entity keys, in the shape of textacy's extractors.
Parties come from
- the mention's own modifiers: "the Kenya-Uganda pact", "Acme's offer", "the Acme deal";
- its prepositional phrases: "a deal with Acme", "talks between A and B", "the takeover of Acme";
- the clause that describes it: "a deal to supply Acme with cars", "the pact signed by A and B", "the deal A struck";
- the verb it is the object (or passive subject) of, when that verb is one a party does to an agreement:
  "A and B signed the pact", "A struck a deal with B", "the deal was rejected by A";
- the noun it is about: "talks on a trade deal between A and B".
A people ("Turkish") counts as its country only when its phrase names no actor itself ("French car maker Acme"
is Acme). "They", "it", "the two firms" and "both sides" stand for the sides already in focus: the caller
knows which (`Parties.reference`). The words (prepositions, verbs, reference nouns) come from
`data/agreements.yaml`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Token

from extract.extractors.actor_roles import describes_an_organization, people_stands_for_state, subject_antecedent
from extract.extractors.agreements.context import DocContext
from extract.extractors.events.arguments import CLAUSAL, clause_subjects, is_passive, opposing_nouns
from extract.lexicons import AgreementLexicon, agreement_lexicon
from extract.normalize.countries import countries_in_compound
from extract.normalize.organizations import known_organization

VERBAL_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_ROLES = {"dobj", "nsubjpass", "attr", "oprd", "dative"}


@dataclass
class Parties:
    """The parties a mention's sentence names (entity keys, in text order) and whether a pronoun or "the two
    sides" stands for parties named before."""

    keys: list[str] = field(default_factory=list)
    reference: bool = False

    def add(self, keys: list[str]) -> None:
        self.keys += [k for k in keys if k not in self.keys]


@dataclass
class Governor:
    """The word a mention depends on: a verb it is the object, passive subject or subject of, or a noun it is
    about ("talks on the deal")."""

    token: Token
    role: str  # object | passive | subject | about
    leaving: bool = False  # "pulled out of the deal", "get out of a deal": its subject is (was) a party


def compared_with(head: Token, lex: AgreementLexicon) -> Token | None:
    """The "to" of "a similar deal to one between A and B": what the description is compared with."""
    words = set(lex.comparison_words)
    if not any(c.lower_ in words for c in head.children):
        return None
    near = (head, *head.children) + ((head.head,) if head.dep_ in ("dobj", "attr") else ())  # "secured ... to"
    preps = [c for t in near if t.i in (head.i, head.head.i) or t.lower_ in words
             for c in t.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > head.i]
    return preps[0] if preps else None


def governor(head: Token, about_prepositions: set[str]) -> Governor | None:
    """The verb or noun a mention's head hangs on, through coordination and apposition ("signed the pact and
    the accord", "a deal, the first of its kind")."""
    token = head
    while token.dep_ in ("conj", "appos") and token.head.pos_ in NOUN_POS and token.head.i != token.i:
        token = token.head
    head_pos = token.head.pos_
    if token.dep_ in OBJECT_ROLES and head_pos in VERBAL_POS:
        return Governor(token.head, "passive" if token.dep_ == "nsubjpass" else "object")
    if token.dep_ in ("nsubj", "csubj") and head_pos in VERBAL_POS:
        return Governor(token.head, "subject")
    leaving = _leaving_verb(token)
    if leaving is not None:
        return Governor(leaving, "object", leaving=True)
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "dative") and token.head.lower_ in about_prepositions:
        above = token.head.head
        if above.dep_ == "prt":  # "signed up to the pact": the particle hangs on the verb
            above = above.head
        if above.pos_ in VERBAL_POS:  # "agreed on a deal", "signed up to the pact", "pulled out of the deal"
            return Governor(above, "object")
        if above.pos_ in NOUN_POS:  # "talks on a deal"
            return Governor(above, "about")
    return None


def _leaving_verb(token: Token) -> Token | None:
    """The verb of "pulled out of the deal", "get out of a deal", "walked away from the pact" (`leaving_phrases`:
    verb, adverb, preposition), whichever way the parser hangs the adverb."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    adverb = token.head.head
    verb = adverb.head
    if adverb.i == verb.i or verb.pos_ not in VERBAL_POS:
        return None
    phrase = f"{verb.lemma_.lower()} {adverb.lower_} {token.head.lower_}"
    return verb if phrase in agreement_lexicon().leaving_phrases else None


def parties_of(head: Token, span_tokens: list[Token], ctx: DocContext) -> Parties:
    """The parties of the agreement a mention (its head, its tokens) refers to, as its sentence gives them."""
    lex = ctx.lexicon
    party_preps = set(lex.party_prepositions)
    about_preps = set(lex.about_prepositions)
    found = Parties()
    # the mention's own words, and its possessor ("Acme's offer", "the Kenya-Uganda pact")
    own = [t for t in span_tokens if t.i != head.i] + [t for c in head.children if c.dep_ == "poss"
                                                       for t in noun_phrase(c)]
    found.add(actors_in(own, ctx))
    found.add([f"country:{iso3}" for t in own if "-" in t.text or t.dep_ == "compound"
               for iso3 in countries_in_compound(t.text)])
    # "a deal with Acme", "the takeover of Acme", "talks between A and B"
    compared = compared_with(head, lex)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in party_preps and (compared is None or prep.i != compared.i):
            found.add(actors_in([t for p in prep.children if p.dep_ == "pobj" for t in noun_phrase(p)], ctx))
    # the clause that describes it
    for clause in head.children:
        if clause.dep_ in ("acl", "relcl") and clause.pos_ in VERBAL_POS:
            found.add(_clause_parties(clause, head, ctx, party_preps))
    gov = governor(head, about_preps)
    if head.dep_ == "pobj" and (gov is None or gov.token.lemma_.lower() not in party_verbs(lex)):
        found.add(_frame_parties(head, ctx))  # "A bought planes from B in a deal worth $1bn"
    if gov is None:
        return found
    verb = gov.token
    if gov.role == "about":  # "talks on a deal between A and B", "Acme's talks on a deal"
        found.add(actors_in([t for c in verb.children if c.dep_ in ("poss", "compound", "amod") for t in noun_phrase(c)]
                          + [t for c in verb.children if c.dep_ == "prep" and c.lower_ in party_preps
                             for p in c.children if p.dep_ == "pobj" for t in noun_phrase(p)], ctx))
        return found
    if verb.lemma_.lower() not in party_verbs(lex) and not gov.leaving:
        return found
    if gov.role == "object":
        subjects = clause_subjects(verb) or raised_subjects(verb)
        subject_tokens = [t for s in subjects for t in (agent_phrase(s) if s.dep_ == "agent" else noun_phrase(s))]
        found.add(actors_in(subject_tokens, ctx) or pronoun_antecedents(subject_tokens, ctx)
                  or (story_government(subject_tokens, ctx) if verb.lemma_.lower() in lex.status_verbs["signed"]
                      else []))
        found.reference = found.reference or refers_back(subject_tokens, lex)
        found.add(country_there(verb, ctx))
        found.add(actors_in([t for c in verb.children if c.dep_ == "prep" and c.lower_ in lex.joint_prepositions
                           for p in c.children if p.dep_ == "pobj" for t in noun_phrase(p)], ctx))
    elif gov.role == "passive":  # "the deal was signed by A and B"
        found.add(actors_in([t for c in verb.children if c.dep_ == "agent" for t in agent_phrase(c)], ctx))
    return found


def _frame_parties(head: Token, ctx: DocContext) -> list[str]:
    """"A bought planes from B in a deal worth $1bn", "A sold B a stake as part of a partnership agreement": the
    deal frames what the verb says, and the firms or states that do it, and with whom, are its parties; not
    the people ("resigned following the deal")."""
    token = head
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
        if token.head.lower_ not in agreement_lexicon().framing_prepositions:
            return []
        token = token.head.head  # "as part of a deal": up through "of" and "part"
        if token.pos_ in VERBAL_POS:
            break
    if token.pos_ not in VERBAL_POS or token.i == head.i:
        return []
    tokens = [t for s in clause_subjects(token) for t in noun_phrase(s)]
    for verb in _coordinated_clauses(token):
        objects = [c for c in verb.children if c.dep_ in ("dative", "dobj")]
        tokens += [t for c in objects if c.pos_ == "PROPN" for t in noun_phrase(c)]
        # "bought planes from B": the preposition on the verb or on its object
        tokens += [t for c in [*verb.children, *(o for obj in objects for o in obj.children)]
                   if c.dep_ == "prep" and c.lower_ in agreement_lexicon().counterpart_prepositions
                   for p in c.children if p.dep_ == "pobj" for t in noun_phrase(p)]
    return [k for k in actors_in(tokens, ctx) if not k.startswith("person:")]


def _coordinated_clauses(verb: Token) -> list[Token]:
    """The verb a deal frames and the one its clause is coordinated with ("A is to buy planes from B and has
    the option to buy more in a deal worth $1bn": the deal frames both), up through "the option to"."""
    verbs = [verb]
    token = verb
    for _ in range(3):
        if token.dep_ == "conj" and token.head.pos_ in VERBAL_POS:
            verbs.append(token.head)
            break
        if token.dep_ in ("acl", "xcomp", "dobj") and token.head.i != token.i:
            token = token.head
            continue
        break
    return verbs


def pronoun_antecedents(tokens: list[Token], ctx: DocContext) -> list[str]:
    """"it" as a subject: the organization or country it stands for ("Acme forecast a loss. Last month it
    signed a deal ...", also through "the firm" said of it in between); "he", "she": the person."""
    nouns = frozenset(ctx.organization_classes)
    found = [e for t in tokens if (e := subject_antecedent(t, ctx.entity_at, nouns, people=True)) is not None]
    if not found:
        return []
    e = found[0]  # a person signs for the state they serve, when the text says which
    return [f"country:{e.country_iso3}" if e.label == "PERSON" and e.country_iso3 else e.key]


def raised_subjects(verb: Token) -> list[Token]:
    """"she is expected to sign a pact", "the firm is set to strike a deal": the passive subject of the verb
    the clause completes."""
    if verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return []
    return [c for c in verb.head.children if c.dep_ == "nsubjpass"]


def country_there(verb: Token, ctx: DocContext) -> list[str]:
    """"There she is expected to sign a pact" after "... heading to Peru": the country "there" points back to,
    the last one named before it (in its sentence, else the one before). Where the deal is made, that state
    is its other side."""
    chain = [verb, *list(verb.ancestors)[:2]]
    adverbs = agreement_lexicon().place_adverbs
    there = next((c for t in chain for c in t.children if c.dep_ == "advmod" and c.lower_ in adverbs),
                 None)
    if there is None:
        return []
    sent = there.sent
    before = sent.start - 1
    for first, last in ((sent.start, there.i), (ctx.doc[before].sent.start if before >= 0 else 0, max(before, 0))):
        countries = [e for i in range(last - 1, first - 1, -1) if (e := ctx.entity_at.get(i)) is not None
                     and e.label == "COUNTRY" and e.iso3]
        if countries:
            return [f"country:{countries[0].iso3}"]
    return []


def story_government(tokens: list[Token], ctx: DocContext) -> list[str]:
    """"the government", "this government" with no country of its own: the state of a story about one, as
    the side that signs or joins (not one that only discusses it)."""
    nouns = agreement_lexicon().state_nouns
    if len(ctx.countries) != 1 or not any(
            t.lemma_.lower() in nouns and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children)
            for t in tokens):
        return []
    return [f"country:{ctx.countries[0]}"]


def _clause_parties(clause: Token, head: Token, ctx: DocContext, party_preps: set[str]) -> list[str]:
    """"the pact signed by A and B", "the deal A struck", "a deal to supply Acme with cars", "a deal to buy
    planes from Acme"."""
    if is_passive(clause):
        return actors_in([t for c in clause.children if c.dep_ == "agent" for t in agent_phrase(c)], ctx)
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS and c.lower_ not in ("which", "that", "who")]
    tokens = [t for s in subjects for t in noun_phrase(s)]
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children) or clause.tag_ == "VBG":
        # "a deal to supply Acme", "a deal bringing Acme closer to ..."
        tokens += [t for c in clause.children if c.dep_ in ("dobj", "dative") for t in noun_phrase(c)]
        tokens += [t for c in clause.children if c.dep_ == "prep" and c.lower_ in party_preps
                   for p in c.children if p.dep_ == "pobj" for t in noun_phrase(p)]
    return actors_in(tokens, ctx)


def noun_phrase(head: Token) -> list[Token]:
    """The words of a noun phrase and its coordinated phrases, without clauses or place phrases ("A and B",
    "Acme, the carmaker", not "the deal in Lima"); a conjunct brings the phrases it is coordinated with."""
    out = _phrase_below(head)
    first = head
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ in NOUN_POS | {"PRON"}:
        first = first.head
    if first.i != head.i:
        out += [t for t in _phrase_below(first) if t not in out]
    return out


def _phrase_below(head: Token) -> list[Token]:
    out = [head]
    named = head.pos_ == "NOUN" and any(c.dep_ == "appos" and c.ent_type_ == "ORG" for c in head.children)
    # "Acme - owner of Vega's and Kappa's -": a kind of firm the name before it is; what it owns is no side
    described = head.pos_ == "NOUN" and head.lemma_.lower() in agreement_lexicon().describing_nouns and any(
        c.dep_ == "compound" and c.ent_type_ == "ORG" for c in head.children)
    for child in head.children:
        if named and child.dep_ == "poss":
            continue  # "Acme's budget airline, Vega Air": the name says which firm; Acme only owns it
        not_party = agreement_lexicon().not_party_prepositions
        if child.dep_ in CLAUSAL or (child.dep_ == "prep" and child.lower_ in not_party):
            continue
        if child.dep_ == "appos":  # "Acme - owner of Brightline -": the apposition is Acme, not Brightline
            out += [t for t in child.subtree if t.i <= child.i and (t.i == child.i or t.dep_ == "compound")]
            continue
        if child.dep_ == "poss" and head.lemma_.lower() in opposing_nouns():
            continue  # "Acme's rival" is not Acme
        if child.dep_ == "conj" and _stray_possessive(head, child):
            continue
        if described and child.dep_ == "prep" and child.lower_ == "of":
            continue
        if head.ent_type_ == "ORG" and child.dep_ == "prep" and child.lower_ == "of" and any(
                p.dep_ == "pobj" and p.ent_type_ == "GPE" for p in child.children):
            continue  # "Acme of the US": where the firm is from, no side of its own
        out += _phrase_below(child)
    return out


def _stray_possessive(head: Token, conj: Token) -> bool:
    """"Acme - owner of Vega's and Kappa's - will ...": a possessive with no noun of its own ("Kappa's")
    hung on the head noun is coordinated with the possessive after "of" ("Vega's"), not with the head."""
    def possessive(t: Token) -> bool:
        return any(c.dep_ == "case" for c in t.children)
    return head.pos_ == "NOUN" and possessive(conj) and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" and possessive(p) for p in c.children)
        for c in head.children)


def agent_phrase(agent: Token) -> list[Token]:
    return [t for p in agent.children if p.dep_ == "pobj" for t in noun_phrase(p)]


def actors_in(tokens: list[Token], ctx: DocContext) -> list[str]:
    """Entity keys of the parties the tokens name; a country or people that only describes a named
    organization is none ("French car maker Acme" is Acme, "French officials" are France)."""
    keys: list[str] = []
    for t in tokens:
        e = ctx.entity_at.get(t.i)
        if e is None:
            body = story_body(t, ctx)  # "the bloc's presidency": the union the story is about
            if body is not None and body not in keys:
                keys.append(body)
            continue
        if describes_an_organization(t, e, ctx.entity_at) or holds_an_office(t):
            continue
        key = ctx.party_at(t.i)
        if e.label == "PERSON" and key == e.key and _owns_a_government(t):
            key = f"country:{ctx.countries[0]}" if len(ctx.countries) == 1 else key  # "Ruiz's government"
        if e.label == "COUNTRY" and not people_stands_for_state(t, ctx.organization_classes) \
                and not any(c.dep_ == "appos" for c in t.head.children):
            key = described_organization(t, ctx)  # "China's top carmaker": a firm, not the state
        if key and key not in keys:
            keys.append(key)
    return keys


def story_body(token: Token, ctx: DocContext) -> str | None:
    """"the bloc", "the alliance" (`body_nouns`, definite, no name of its own): the known intergovernmental
    body the story names most."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in agreement_lexicon().body_nouns or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
        return None
    bodies = Counter(e.key for e in ctx.entities if e.label == "ORGANIZATION" and known_organization(e.name))
    return bodies.most_common(1)[0][0] if bodies else None


def holds_an_office(token: Token) -> bool:
    """"the bloc's Maltese presidency": a state holding a body's office (`office_nouns`) acts for the body,
    which is the side."""
    head = token.head
    return token.dep_ in ("compound", "amod") and head.lemma_.lower() in agreement_lexicon().office_nouns and any(
        c.dep_ == "poss" for c in head.children)


def _owns_a_government(token: Token) -> bool:
    """"President Ana Ruiz's administration", "the Ruiz government": a leader standing for the state."""
    head = token
    while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.ent_type_ == "PERSON":
        head = head.head
    return head.dep_ in ("poss", "compound") and head.head.lemma_.lower() in agreement_lexicon().state_nouns


def described_organization(token: Token, ctx: DocContext) -> str | None:
    """The firm a description by its country stands for ("China's top carmaker", "a Turkish mobile firm"):
    the organization the story names most (at least twice), unless its own sentence names it, where the
    writer would not describe it; none when the story has no such firm. The firm is then known to be of that
    country."""
    named_here = {e.key for i in range(token.sent.start, token.sent.end)
                  if (e := ctx.entity_at.get(i)) is not None and e.label == "ORGANIZATION"}
    ranked = [(key, n) for key, n in ctx.organizations_by_mentions if key not in named_here]
    if not ranked or ranked[0][1] < 2:
        return None
    key = ranked[0][0]
    iso3 = ctx.entity_at[token.i].iso3
    if iso3:  # what the description says of it: "China's carmaker" and "the China tie-up" are the same side
        ctx.country_of.setdefault(key, f"country:{iso3}")
    return key


def refers_back(tokens: list[Token], lex: AgreementLexicon) -> bool:
    """"they", "it", "the two firms", "both countries": the sides already in focus."""
    pronouns = set(lex.reference_pronouns)
    nouns = set(lex.reference_nouns)
    for t in tokens:
        if t.pos_ == "PRON" and t.lower_ in pronouns:
            return True
        if t.lemma_.lower() in nouns and any(c.lower_ in ("two", "both") for c in t.children):
            return True
    return False


_PARTY_VERBS: dict[int, frozenset[str]] = {}


def party_verbs(lex: AgreementLexicon) -> frozenset[str]:
    """Verbs whose subject is a party of the agreement they take as object: those that say where it stands,
    and those that only say a party holds it ("Acme has a deal with Vega")."""
    cached = _PARTY_VERBS.get(id(lex))
    if cached is None:
        cached = _PARTY_VERBS[id(lex)] = frozenset(v for verbs in lex.status_verbs.values() for v in verbs) | \
            frozenset(lex.holding_verbs)
    return cached


def status_of(head: Token, ctx: DocContext) -> str | None:
    """Where an agreement stands by the verb its mention hangs on ("signed the pact": signed; "the deal
    collapsed": collapsed; "rejected the offer": collapsed), before modality is weighed."""
    lex = ctx.lexicon
    gov = governor(head, set(lex.about_prepositions))
    if gov is None or gov.token.pos_ not in VERBAL_POS:
        return None
    lemma = gov.token.lemma_.lower()
    table = lex.subject_status_verbs if gov.role == "subject" else lex.status_verbs
    return next((status for status, verbs in table.items() if lemma in verbs), None)
