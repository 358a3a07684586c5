"""An event trigger's arguments, read off the dependency parse: who did it, to whom, where, when, and how
the text holds it (negated, hypothetical, planned or asserted).

Pure functions from a trigger token to the tokens that fill its slots, in the shape of textacy's extractors;
`events.slots` maps the tokens to the document's entity, agreement and date mentions. Which dependency
labels and prepositions fill which slot comes from `data/events.yaml` (`arguments`).

The walk follows the usual English constructions: active and passive clauses ("A signed X", "X was signed by
A"), participles that describe a noun ("the pact, signed by A and B"; "Signed in 1998, the pact ..."),
subjects shared by coordinated or controlled verbs ("A and B are poised to finalise X"; "signed in 1994 and
renewed in 2004"), relative clauses ("X, which has been in the works since 2019"), noun triggers with their
possessors, modifiers and prepositional objects ("Peru's purchase of frigates from Korea", "EU sanctions"),
and nouns that are the object of a verb whose subject acts ("Chile ramped up its imports").
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Token

from extract.lexicons import ArgumentWords, EventLexicon, ModalityWords, agreement_lexicon

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
VERBAL_POS = {"VERB", "AUX"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom"}
# edges a trigger's clause is climbed through to its finite verb (modality) and to a subject (arguments)
CLAUSE_INTERNAL = {"xcomp", "acomp", "ccomp", "conj", "prep", "pobj", "pcomp", "dobj", "nsubj", "nsubjpass",
                   "attr", "appos", "npadvmod", "oprd", "dative", "advcl", "agent"}
SUBJECT_CLIMB = {"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "pobj"}
OBJECT_PATH = {"dobj", "pobj", "prep", "conj", "appos", "attr", "pcomp", "oprd", "dative"}
# dependents that make a noun phrase a clause of its own: left out of an argument's words
CLAUSAL = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}
MODALITY_DEPS = {"aux", "auxpass", "neg", "mark", "advmod", "amod", "det", "preconj"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
UNSURE = ("negated", "hypothetical", "attempted")  # what a clause may say of an act, not of its setting


@dataclass
class Frame:
    """The tokens that fill one trigger's slots (argument heads, not yet mentions)."""

    trigger: Token
    predicate: Token  # the word the arguments hang on: the trigger, or the verb of a phrase trigger
    agents: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    places: list[Token] = field(default_factory=list)
    own_dates: list[Token] = field(default_factory=list)
    governing_dates: list[Token] = field(default_factory=list)
    governing_subject: Token | None = None  # subject of the verb a noun trigger is the object of
    governing_verb: Token | None = None  # that verb ("held talks", "attended a meeting", "is in talks")
    modality: str = "asserted"  # asserted | planned | attempted | hypothetical | negated | undone
    theme: str = ""  # what was done: the trigger's lemma, or its same-type object's ("imposed tariffs")


def read_frame(trigger: Token, lexicon: EventLexicon, *, undone_by: frozenset[str] = frozenset(),
               same_type_nouns: frozenset[int] = frozenset()) -> Frame:
    """The slots of the event `trigger` signals.

    trigger (Token): the trigger word (for a phrase, its root).
    lexicon (dict): `data/events.yaml`.
    undone_by (frozenset[str]): governing lemmas that take this type of event back.
    same_type_nouns (frozenset[int]): indexes of noun triggers of the same type (a verb absorbs its object).
    """
    args = lexicon.arguments
    predicate = trigger.head if trigger.pos_ == "ADP" and trigger.head.pos_ in VERBAL_POS else trigger
    frame = Frame(trigger, predicate, theme=theme(trigger))
    if predicate.pos_ in VERBAL_POS:
        _verb_arguments(frame, predicate, args)
        objects = [c for c in predicate.children if c.dep_ in ("dobj", "nsubjpass") and c.i in same_type_nouns]
        if objects:
            frame.theme = theme(objects[0])
    else:
        _noun_arguments(frame, trigger, args)
    chain = governing_chain(predicate)
    frame.own_dates = _attached(predicate) + ([] if predicate is trigger else _attached(trigger))
    for obj in _objects(predicate):
        frame.own_dates += [t for t in _attached(obj) if t.head.dep_ == "prep" or t.dep_ == "npadvmod"]
    hops = list(zip(chain, chain[1:]))
    frame.governing_dates = [t for child, head in hops if child.dep_ != "conj" and head.pos_ in VERBAL_POS
                             for t in _attached(head)]
    telling = _telling_verbs(trigger, chain) if predicate is trigger and trigger.pos_ in ("NOUN", "PROPN") else []
    frame.governing_dates += [t for verb in telling for t in _attached(verb)]
    place_preps = set(args.place_prepositions)
    for tok in [trigger, predicate, *chain[1:], *telling, *frame.targets]:
        found = _place_objects(tok, place_preps)
        frame.places += found + [p for o in found for p in _place_objects(o, place_preps)]  # "at noon in Zurich"
    frame.modality = modality(trigger, chain, lexicon.modality, undone_by)
    if frame.modality in UNSURE and is_setting(trigger, args):
        sure = replace(lexicon.modality, **{m: frozenset() for m in UNSURE})
        frame.modality = modality(trigger, chain, sure, undone_by)
    return frame


def is_setting(noun: Token, args: ArgumentWords) -> bool:
    """A noun event that is where or when something else happens ("will try to win them over at the meeting",
    "could be signed during the summit"): the text takes it as happening, whatever it says of that other act."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ in args.setting_prepositions or (
        prep.lower_ == "of" and prep.head.lower_ in args.setting_prepositions)  # "ahead of the summit"


def _place_objects(token: Token, place_preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in place_preps
            for p in c.children if p.dep_ == "pobj"]


def _telling_verbs(noun: Token, chain: list[Token]) -> list[Token]:
    """The verbs that tell where and when what a noun trigger names happened: under the verb it is the subject
    of ("the meeting is due to take place in Zurich", "the talks are expected to end on Friday"), and in a
    relative clause on it ("the talks, which began in Vienna")."""
    out = [c for c in noun.children if c.dep_ == "relcl" and any(
        s.dep_ in SUBJECTS and s.tag_ == "WDT" for s in c.children)]
    if noun.dep_ in ("nsubj", "nsubjpass") and len(chain) > 1:
        frontier = [chain[-1]]
        for _ in range(3):
            frontier = [c for t in frontier for c in t.children if c.dep_ in ("xcomp", "acomp")]
            out += [t for t in frontier if t.pos_ in VERBAL_POS]
    return out


def theme(trigger: Token) -> str:
    """What was done, as lemmas: the trigger and the common noun it is about ("purchase:oil" for "oil
    purchases", "purchase:system" for "the purchase of the system", "tariff" for "25% tariffs")."""
    lemma = trigger.lemma_.lower()
    about = [c for c in trigger.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    about += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
    if trigger.pos_ == "VERB":
        about += [c for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return f"{lemma}:{about[0].lemma_.lower()}" if about else lemma


def governing_chain(token: Token) -> list[Token]:
    """The token and the words above it up to its clause's finite verb. A participle or relative clause
    that describes a noun is a clause of its own; so is a finite verb."""
    chain = [token]
    while not _is_finite(token) and token.head is not token:
        infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
        if token.dep_ == "acl" and infinitive:
            chain.append(token.head)  # "the refusal to sign", "plans to buy": the noun says how it stands
            break
        if token.dep_ not in CLAUSE_INTERNAL or (token.dep_ == "advcl" and not infinitive):
            break  # "Signed in 1998, the pact ...": the adjunct keeps its own modality
        token = token.head
        chain.append(token)
    return chain


def inherited_subject(verb: Token) -> Token | None:
    """The subject a verb without one shares: of the verb it is coordinated with, controlled by or adjunct
    to ("Peru and Chile are poised to finalise", "signed in 1994 and renewed in 2004")."""
    token = verb
    for _ in range(6):
        if token.dep_ not in SUBJECT_CLIMB or token.head is token:
            return None
        token = token.head
        subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return antecedent(subject)
    return None


def clause_subjects(verb: Token) -> list[Token]:
    """Who does what a verb says: its subject (or "by" agent), else the subject of the verb it is coordinated
    with, controlled by or adjunct to ("A and B are poised to sign", "negotiated before reaching a deal", "A
    has the option to buy"), or the actor a participle describes ("officials from A negotiating a deal")."""
    token = verb
    for _ in range(8):
        subjects = [c for c in token.children if c.dep_ == "nsubj" or (token.i == verb.i and c.dep_ == "agent")]
        if subjects:
            return [antecedent(s) for s in subjects]
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN") and not is_passive(token):
            infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
            if not infinitive or token.head.pos_ == "PROPN" or token.head.ent_type_:
                return [token.head]
            owner = [c for c in token.head.children if c.dep_ == "poss"]
            if owner:
                return owner  # "Acme's decision to buy", "its plan to sell"
            token = token.head  # "the option to buy", "a contract to buy": whoever has it
            continue
        if token.dep_ not in SUBJECT_CLIMB | {"dobj"} or token.head.i == token.i:
            return []
        token = token.head
    return []


def antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause describes."""
    if token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "IN", "DT"):
        for ancestor in token.ancestors:
            if ancestor.dep_ == "relcl":
                return ancestor.head
    return token


def phrase_tokens(head: Token, place_prepositions: set[str]) -> list[Token]:
    """The words of an argument's noun phrase: its subtree without clauses and place phrases, so "Foreign
    Minister Ana Ruiz and Chilean envoy Jorge Mena" gives both, and "the deal in Lima, Peru" no participant;
    nor "Acme's rival" Acme (`opposing_nouns` of `data/agreements.yaml`)."""
    out = [head]
    for child in head.children:
        if child.dep_ in CLAUSAL or (child.dep_ == "prep" and child.lower_ in place_prepositions):
            continue
        if child.dep_ == "poss" and head.lemma_.lower() in opposing_nouns():
            continue
        out += phrase_tokens(child, place_prepositions)
    return out


@lru_cache(maxsize=1)
def opposing_nouns() -> frozenset[str]:

    return frozenset(agreement_lexicon().opposing_nouns)


def modality(trigger: Token, chain: list[Token], words: ModalityWords, undone_by: frozenset[str]) -> str:
    """negated, undone, hypothetical, attempted, planned or asserted: from the auxiliaries, negations, markers
    and governing words on the way from the trigger to its clause's verb."""
    tokens = list(chain)
    for tok in chain:
        tokens += [c for c in tok.children if c.dep_ in MODALITY_DEPS]
    # the verb a noun event is the subject of says what became of it, not whether it happened: "talks failed"
    said_of = {chain[1].i} if len(chain) > 1 and chain[0].dep_ in ("nsubj", "nsubjpass") else set()
    lemmas = {t.lemma_.lower() for t in tokens if t is not trigger and t.i not in said_of}
    lemmas |= {t.lower_ for t in tokens if t is not trigger and t.i not in said_of}
    if any(t.dep_ == "neg" for t in tokens) or lemmas & words.negated:
        return "negated"
    if lemmas & undone_by:
        return "undone"
    hypothetical = lemmas & words.hypothetical
    if hypothetical and hypothetical <= words.reported_future and _reported(chain[-1], words):
        return "planned"  # "officials said the ministers would meet on Tuesday": the future of a report
    if hypothetical:
        return "hypothetical"
    if lemmas & words.attempted:
        return "attempted"
    if lemmas & words.planned:
        return "planned"
    if not any(_is_finite(t) for t in chain) and any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children):
        return "planned"  # a headline's "Debt deal to be announced"
    return "asserted"


def _reported(verb: Token, words: ModalityWords) -> bool:
    """A clause that is what someone said or reported ("X said the two would meet")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words.reporting


def is_passive(verb: Token) -> bool:
    """"was signed", and participles that describe what was done to a noun ("the pact, signed by ...")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return is_passive(verb.head)  # "was signed in 1994 and renewed in 2004"
    return (verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod")
            and not any(c.dep_ == "aux" for c in verb.children))


def _verb_arguments(frame: Frame, verb: Token, args: ArgumentWords) -> None:
    agents, targets = set(args.verb_agents), set(args.verb_targets)
    for child in verb.children:
        if child.dep_ == "agent":
            frame.agents += [antecedent(p) for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ in agents:
            frame.agents.append(antecedent(child))
        elif child.dep_ in targets:
            frame.targets.append(antecedent(child))
        elif child.dep_ == "prep":
            _prepositional(frame, child, args)
    if verb.lemma_ == "be":  # "the framework, which has been in the works": the subject is what is at stake
        frame.targets += frame.agents
        frame.agents = []
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ not in VERBAL_POS and is_passive(verb):
        frame.targets.append(verb.head)  # "the pact, signed by A and B"
        return
    if not is_passive(verb):
        frame.agents.extend(clause_subjects(verb))
    elif (subject := inherited_subject(verb)) is not None:
        frame.targets.append(subject)  # "the unit was sold off and acquired by A": what was done to, not "by"
    elif not any(c.dep_ == "agent" for c in verb.children):
        frame.targets.extend(clause_subjects(verb))


def _noun_arguments(frame: Frame, noun: Token, args: ArgumentWords) -> None:
    agents = set(args.noun_agents)
    for child in noun.children:
        if child.dep_ in agents:
            frame.agents.append(child)
        elif child.dep_ == "prep":
            _prepositional(frame, child, args)
        elif child.dep_ in ("relcl", "acl"):
            frame.agents += _clause_actors(child, noun, set(args.involving_verbs))
    if noun.dep_ == "appos":
        frame.targets.append(noun.head)  # "Peru's ties with Korea (arms imports)"
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        frame.targets.append(noun.head.head)  # "the framework now under negotiation"
    frame.governing_subject, frame.governing_verb = _subject_of_governing_verb(noun)


def _clause_actors(clause: Token, noun: Token, involving: set[str]) -> list[Token]:
    """Who a clause on a noun trigger says took part: "the meeting which A hosted" (its subject or agent),
    and its object when the event is not its subject or the verb says whom the event involves ("the
    exercises, which involve A and B"). Else the object is what the event did ("a share sale, which cut B's
    holding"): no participant."""
    event_is_subject = any(c.dep_ in SUBJECTS and antecedent(c).i == noun.i for c in clause.children)
    says_who = not event_is_subject or clause.lemma_.lower() in involving
    deps = ("nsubj", "dobj", "agent", "attr") if says_who else ("nsubj", "agent")
    return [antecedent(c) for c in clause.children if c.dep_ in deps and antecedent(c).i != noun.i]


def _prepositional(frame: Frame, prep: Token, args: ArgumentWords) -> None:
    objects = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    if prep.lower_ in args.agent_prepositions:
        frame.agents += objects
    elif prep.lower_ in args.target_prepositions:
        frame.targets += objects


def _subject_of_governing_verb(noun: Token) -> tuple[Token | None, Token | None]:
    """The subject of the verb a noun trigger is (part of) the object of, and that verb: "Chile has ramped up
    its imports", "the agreement includes plans for joint production". Not when the noun is the subject
    itself."""
    token = noun
    for _ in range(6):
        if token.dep_ not in OBJECT_PATH or token.head is token:
            return None, None
        token = token.head
        if token.pos_ in VERBAL_POS:
            subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
            if subject is None and token.dep_ in ("relcl", "acl"):
                return token.head, token
            return (antecedent(subject) if subject is not None else inherited_subject(token)), token
    return None, None


def _objects(token: Token) -> list[Token]:
    """"signed the treaty in 2017", "recognised X as a partner in 2012", "the signing of the treaty on May 2":
    the parser often hangs the date on the object."""
    if token.pos_ in VERBAL_POS:
        return [c for c in token.children if c.dep_ == "dobj"] + [
            p for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]


def _attached(token: Token) -> list[Token]:
    """Words directly attached to a token, through a preposition or not, with their conjuncts: where its
    own date expressions hang ("signed in 1994 and 2003", "the clashes of 2011", "In 2012, X designated")."""
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent"):
            out += [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
        elif child.dep_ in ("npadvmod", "tmod", "pobj", "nummod", "appos", "advmod", "nmod", "compound"):
            out.append(child)
    for tok in list(out):
        out += [c for c in tok.conjuncts if c not in out]
    return out


def _is_finite(token: Token) -> bool:
    if token.pos_ not in VERBAL_POS:
        return False
    return token.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in token.children)
