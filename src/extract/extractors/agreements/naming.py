"""Names and keys of the agreements a text only describes: "Kenya-Uganda fisheries pact", "Acme acquisition of
Brightline", "Chile-Peru agreement to reopen consulates".

A descriptive name is built from the text: the parties (their names in the document), what the agreement is
about (the modifiers of its most telling description: "debt relief", "nuclear", "loan-for-oil", without
determiners, evaluations, amounts and the parties' own names) and its head noun. The key keeps it within its
story: two articles' "the deal" may be two deals (the resolver joins them only on strong evidence).
"""
from __future__ import annotations

from spacy.tokens import Token

from extract.extractors.agreements.context import DocContext
from extract.extractors.agreements.discourse import Item, Referent
from extract.nlp.components.agreements import kind_word
from extract.normalize.countries import country_name
from extract.normalize.names import name_key

MAX_PARTIES_IN_NAME = 3
DESCRIBING_DEPS = {"compound", "amod", "nmod", "npadvmod"}


def describe(referent: Referent, ctx: DocContext) -> str:
    """A readable name for an agreement the text does not name."""
    parties = "-".join(party_name(k, ctx) for k in referent.parties[:MAX_PARTIES_IN_NAME])
    verbal = next((i for i in referent.items if i.label in ("VERBAL", "ACQUISITION")), None)
    described = [i for i in referent.items if i.label not in ("VERBAL", "ACQUISITION", "GENERIC")]
    if verbal is not None and not described:
        return _verbal_name(verbal, referent, ctx)
    best = max(described or referent.items, key=lambda i: (len(_about(i, ctx)), -i.span.start))
    words = _about(best, ctx) or _complement(best)
    words += [kind_word(best.head) if best.label != "VERBAL" else "agreement"]
    return " ".join(w for w in [parties, *words] if w) or "agreement"


def party_name(key: str, ctx: DocContext) -> str:
    """A party as the document names it (a country by its short English name)."""
    kind, _, value = key.partition(":")
    if kind == "country":
        return country_name(value)
    return ctx.names.get(key, value)


def _about(item: Item, ctx: DocContext) -> list[str]:
    """The words of a description that say what the agreement is about ("debt relief", "nuclear")."""
    lex = ctx.lexicon
    skip = set(lex.evaluative_modifiers) | set(lex.generic_determiners) | set(lex.new_markers)
    out: list[str] = []
    for t in item.span:
        if t.i >= item.head.i or t.i in _head_parts(item.head):
            break
        symbol = not any(c.isalnum() for c in t.text) and t.text != "-"
        if symbol or t.like_num or t.is_currency or t.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "DATE") \
                or t.lower_ in skip or t.dep_ in ("det", "poss", "case", "predet", "quantmod") \
                or ctx.party_at(t.i) is not None or ctx.entity_at.get(t.i) is not None:
            continue
        out.append(t.text if t.text != "-" else "-")
    return _join_hyphens(out)


def _complement(item: Item) -> list[str]:
    """What a bare "deal" is on: "a deal on the nuclear programme" is a "nuclear programme deal"."""
    for prep in item.head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "over", "about"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return [t.text for t in obj.subtree if t.i <= obj.i and t.dep_ not in ("det", "poss", "punct")]
    return []


def _head_parts(head: Token) -> set[int]:
    """Tokens of a hyphenated head ("tie-up")."""
    word = kind_word(head)
    return {head.i - 2, head.i - 1} if "-" in word else set()


def _join_hyphens(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w == "-" and out:
            out[-1] += "-"
        elif out and out[-1].endswith("-"):
            out[-1] += w
        else:
            out.append(w)
    return [w.strip("-") for w in out if w.strip("-")]


def _verbal_name(item: Item, referent: Referent, ctx: DocContext) -> str:
    """"Acme acquisition of Brightline", "Acme-Brightline merger", "Chile-Peru agreement to reopen consulates"."""
    if item.label == "ACQUISITION":
        buyer, *targets = referent.parties or [""]
        if item.head.lemma_.lower() == "merge":
            return f"{'-'.join(party_name(k, ctx) for k in referent.parties)} merger"
        return f"{party_name(buyer, ctx)} acquisition of {' and '.join(party_name(k, ctx) for k in targets)}"
    parties = "-".join(party_name(k, ctx) for k in referent.parties[:MAX_PARTIES_IN_NAME])
    clause = next((c for c in item.head.children if c.dep_ == "xcomp"), None)
    what = ""
    if clause is not None:
        obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
        what = f" to {clause.lemma_.lower()}" + (f" {obj.text}" if obj is not None else "")
    return f"{parties} agreement{what}".strip()


def unnamed_key(referent: Referent, ctx: DocContext, taken: set[str]) -> str:
    """agreement:unnamed:<story>:<parties>:<subject area, else head word>[:<year>]: the story that describes it,
    its parties and subject and, for an earlier agreement, the year it was signed; a number when the story
    describes two such agreements."""
    head = next((i for i in referent.items if i.label not in ("VERBAL", "ACQUISITION")), referent.items[0])
    what = "+".join(sorted(referent.domains)) or (
        "acquisition" if head.label == "ACQUISITION" else name_key(kind_word(head.head)) if head.label != "VERBAL"
        else "agreement")
    parts = ["agreement:unnamed", ctx.scope, "+".join(sorted(referent.parties)), what]
    if referent.earlier:
        parts.append(str(referent.year) if referent.year is not None else "earlier")
    key = ":".join(parts)
    n = 2
    while key in taken:
        key = ":".join(parts[:3] + [f"{what}~{n}"] + parts[4:])
        n += 1
    return key
