"""Which agreement each mention of a document refers to: the agreements a text introduces, in order, and the
later descriptions and generic mentions that refer back to them.

A reader keeps the agreements a text has spoken of in mind, the most recent first. A name is its own
agreement. "The deal", "the accord", "this pact" and "the Acme deal" refer to an agreement they fit: of the
same class of kind (a bill is never "the deal"), with no subject area, amount, year or party that contradicts
it ("the deal with Acme" is not the one between two others); of those, the one they describe the same way,
else the one spoken of in their sentence or the one before (the most recent), else the one the text speaks of
most, and a current one before one the text set apart as earlier. "A deal", "an agreement" introduce a
new one, unless they only restate the one just spoken of ("A struck a deal with B. The two firms signed a
memorandum ..."). "Another deal", "a separate pact", "a similar accord" are new agreements; "the original
pact" is an earlier one. A company that buys another ("A is to buy B") makes a deal that a later "the deal" or
"the merger" refers to; it counts as an agreement when the text says it was agreed or refers back to it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from extract.extractors.agreements.context import DocContext
from extract.extractors.agreements.parties import Parties
from extract.records import AgreementMention, DateMention

VERBAL_LABELS = ("VERBAL", "ACQUISITION")
RECENT_SENTENCES = 2  # how far back an indefinite description may restate the agreement in focus
YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass
class Item:
    """One mention of an agreement, as read off its sentence, before it is known which agreement it is."""

    span: SpacySpan
    head: Token
    label: str  # NAMED | QUOTED | COORDINATED | DESCRIPTIVE | GENERIC | VERBAL | ACQUISITION
    kind: str | None
    domains: set[str]
    role: str  # subject | earlier | other
    definite: bool
    parties: Parties
    named: AgreementMention | None = None  # a name: its mention, keyed by the name
    amounts: set[str] = field(default_factory=set)  # "the $3bn deal"
    signed: DateMention | None = None  # for an earlier one: when it was signed
    agreed: bool = True  # an acquisition the text does not (yet) call an agreement: False
    new: bool = False  # "new", "latest": not an earlier agreement
    heading: bool = False  # in a headline: it sums up the story

    @property
    def sentence(self) -> int:
        return self.span.sent.start

    @property
    def years(self) -> set[int]:
        """The year its words ("the 2005 framework") or its signing give."""
        years = {int(t.text) for t in self.span if t.i < self.head.i and YEAR.fullmatch(t.text)}
        if self.signed is not None and self.signed.start is not None:
            years.add(self.signed.start.year)
        return years


@dataclass
class Referent:
    """An agreement the document speaks of, with what its mentions say of it so far."""

    items: list[Item]
    kind: str | None
    kind_class: str
    domains: set[str]
    parties: list[str]
    amounts: set[str]
    earlier: bool
    named: AgreementMention | None = None
    agreed: bool = True
    last_sentence: int = 0
    last_token: int = 0  # where it was last spoken of
    index: int = 0  # order of first mention among the document's agreements

    @property
    def year(self) -> int | None:
        dates = [i.signed.start.year for i in self.items if i.signed is not None and i.signed.start is not None]
        return dates[0] if dates else None

    @property
    def years(self) -> set[int]:
        """The years its mentions give it ("the 2005 framework", "signed in 2005")."""
        return {y for i in self.items for y in i.years}


def resolve_in_document(items: list[Item], ctx: DocContext) -> list[Referent]:
    """The document's agreements, each with the mentions that refer to it, in order of first mention."""
    referents: list[Referent] = []
    by_key: dict[str, Referent] = {}
    # a headline sums up the story: its mentions are read after the body
    for item in sorted(items, key=lambda i: (i.heading and i.named is None, i.span.start, i.span.end)):
        owner = _owner(item, referents, by_key, ctx)
        if owner is None:
            owner = Referent([], item.kind, kind_class(item.kind, ctx), set(), [], set(), item.role == "earlier",
                             index=len(referents), agreed=item.agreed)
            if item.parties.reference and not item.parties.keys:  # "the two sides signed a pact": those in focus
                owner.parties = list(_in_focus(referents))
            referents.append(owner)
        _attach(item, owner, by_key, ctx)
    return _join_the_subject(referents, ctx)


def _join_the_subject(referents: list[Referent], ctx: DocContext) -> list[Referent]:
    """A text about one named agreement between named countries ("the Kenya-Uganda Water Accord"), or about
    one named law, describes it in many ways, before and after the name ("a ten-year water pact", "the
    bilateral accord", "a bill which critics say ..."): the descriptions of the same subject area (or, without
    one, the same parties) are that agreement."""
    subjects = [r for r in referents if r.named is not None and len(r.named.parties) >= 2 and not r.earlier
                and r.kind_class == "agreement"]
    laws = [r for r in referents if r.named is not None and r.kind_class == "law"]
    subjects += laws if len(laws) == 1 else []  # "a bill which critics say ..." in a story about one named bill
    if not subjects:
        return referents
    kept = []
    for r in referents:
        owners = [s for s in subjects if r.named is None and not r.earlier and r.agreed and _same_subject(r, s, ctx)]
        if len(owners) > 1:  # the one it shares most with: subject areas, then the kind it is called
            scores = [len(r.domains & s.domains) + bool({i.kind for i in r.items} & {s.kind}) for s in owners]
            owners = [s for s, n in zip(owners, scores) if n == max(scores)]
        if len(owners) == 1 and all(i.role == "subject" for i in r.items):
            for item in r.items:
                owners[0].items.append(item)
            owners[0].domains |= r.domains
            continue
        kept.append(r)
    for r in kept:
        r.items.sort(key=lambda i: i.span.start)
    return kept


def _same_subject(unnamed: Referent, subject: Referent, ctx: DocContext) -> bool:
    """Nothing against, the same kind of instrument (its kind, or a word of its name: "the defence
    partnership" for "... Major Defence Partnership"), and the same subject area or parties."""
    if unnamed.kind_class != subject.kind_class or _contradicting_parties(unnamed.parties, subject.parties, ctx):
        return False
    name_words = set(subject.named.name.lower().split()) if subject.named is not None else set()
    if not any(i.kind == subject.kind or i.head.lower_ in name_words for i in unnamed.items):
        return False
    if unnamed.amounts and subject.amounts and not unnamed.amounts & subject.amounts:
        return False
    if unnamed.domains:
        return bool(unnamed.domains & subject.domains)
    return sorted(unnamed.parties) == sorted(subject.parties)


def kind_class(kind: str | None, ctx: DocContext) -> str:
    """The class of a kind ("deal" and "treaty" are agreements, "bill" and "act" laws); a kind in no class
    is its own."""
    kind = kind or "agreement"
    return ctx.kind_classes.get(kind, kind)


def _in_focus(referents: list[Referent]) -> list[str]:
    """The parties of the agreement spoken of most recently that has two or more."""
    recent = sorted(referents, key=lambda r: r.last_token, reverse=True)
    return next((r.parties for r in recent if len(r.parties) >= 2), [])


def _owner(item: Item, referents: list[Referent], by_key: dict[str, Referent], ctx: DocContext) -> Referent | None:
    if item.named is not None:
        for key in [item.named.key, *item.named.alias_keys]:
            if key in by_key:
                return by_key[key]
        return None
    recent = sorted(referents, key=lambda r: r.last_token, reverse=True)
    if item.head.dep_ in ("attr", "appos") and recent and _fits(item, recent[0], ctx):
        return recent[0]  # "This is the third such framework", "the pact, a deal worth $3bn": said of it
    if item.role == "other":
        return None
    fitting = [r for r in recent if _fits(item, r, ctx)]
    if item.head.dep_ == "compound" and item.head.head.i > item.head.i:  # "merger rumours", "deal talks"
        fitting = [r for r in fitting if any(i.head.lower_ == item.head.lower_ for i in r.items)]
    if item.role == "earlier":
        return next((r for r in fitting if r.earlier), None)
    if item.heading:  # a headline sums up the lead: the first agreement of the body it fits
        return max(fitting, key=lambda r: (_evidence(item, r), -r.index), default=None)
    if item.definite:
        return max(fitting, key=lambda r: _preference(item, r, ctx), default=None)
    # "a deal", "agreed to ...", "A is to buy B": new, unless it restates the agreement just spoken of, by
    # the same kind or by a general word ("A struck a deal with B. The two firms signed a memorandum ...")
    general = ctx.lexicon.general_kind
    same_sides = _same_acquisition(item, recent)
    if same_sides is not None:
        return same_sides
    if item.label in VERBAL_LABELS and not (recent and any(i.label == item.label for i in recent[0].items)):
        return None  # "A and B agreed to form a partnership": a new agreement, unless it restates one so reported
    if fitting and fitting[0] is recent[0] and _within_recent(item, recent[0], ctx) \
            and ({i.kind or general for i in recent[0].items} & {item.kind or general, general}) \
            and _adds_no_side(item, recent[0], ctx):
        return recent[0]
    return None


def _same_acquisition(item: Item, recent: list[Referent]) -> Referent | None:
    """"Acme is to buy Vega ... Acme said it was buying all of Vega": a purchase by the same buyer of the same
    target restates the one already reported, however far back."""
    if item.label != "ACQUISITION" or len(item.parties.keys) < 2:
        return None
    sides = set(item.parties.keys)
    return next((r for r in recent if any(i.label == "ACQUISITION" and set(i.parties.keys) == sides
                                          for i in r.items)), None)


def _adds_no_side(item: Item, referent: Referent, ctx: DocContext) -> bool:
    """An indefinite restates the agreement in focus only with the same sides, or sides it refers back to ("the
    two firms signed a memorandum"); one that names sides the agreement does not have is another agreement."""
    return not item.parties.keys or all(any(same_party(k, p, ctx) for p in referent.parties)
                                        for k in item.parties.keys)


def _preference(item: Item, referent: Referent, ctx: DocContext) -> tuple[bool, int, bool, bool, int]:
    """Which of the agreements a definite mention fits it refers to: not one the text set apart as an earlier
    one ("the current accord", "the original pact"), then the one it describes the same way, then one spoken
    of in its sentence or the one before, then the one the text speaks of most (`max` keeps the most recent
    of equals). A generic "the deal" refers to one the text already treats as agreed before a purchase it
    only reported ("Acme is to buy Vega ... a year after Zeta bought Kappa ... the deal")."""
    return (not referent.earlier, _evidence(item, referent), referent.agreed or item.label != "GENERIC",
            _within_recent(item, referent, ctx, 1), len(referent.items))


def _evidence(item: Item, referent: Referent) -> int:
    """How positively a description points at an agreement: described the same way as one of its mentions
    (the same parties, subject area and head word: "India-US defence pact", "Indo-US defence pact") (2), a
    common subject area (1), or only nothing against (0)."""
    if item.label != "GENERIC" and any(_description(i) == _description(item) for i in referent.items
                                       if i.label != "GENERIC"):
        return 2
    return 1 if item.domains & referent.domains else 0


def _description(item: Item) -> tuple:
    return tuple(sorted(item.parties.keys)), tuple(sorted(item.domains)), item.head.lower_


def _within_recent(item: Item, referent: Referent, ctx: DocContext, sentences: int = RECENT_SENTENCES) -> bool:
    """Whether the referent was spoken of in the item's sentence or the `sentences` before it."""
    index = ctx.sentence_index
    return index.get(item.sentence, 0) - index.get(referent.last_sentence, 0) <= sentences


def _fits(item: Item, referent: Referent, ctx: DocContext) -> bool:
    """Nothing the mention says contradicts what is known of the agreement."""
    if kind_class(item.kind, ctx) != referent.kind_class:
        return False
    if item.domains and referent.domains and not item.domains & referent.domains:
        return False
    if item.amounts and referent.amounts and not item.amounts & referent.amounts:
        return False
    if item.new and referent.earlier:
        return False
    years = referent.years
    if item.years and years and not item.years & years:
        return False
    return not _contradicting_parties(item.parties.keys, referent.parties, ctx)


def _contradicting_parties(mine: list[str], theirs: list[str], ctx: DocContext) -> bool:
    """Each names a party the other does not ("a deal with A" against the deal between B and C)."""
    if not mine or not theirs:
        return False
    only_mine = [k for k in mine if not any(same_party(k, t, ctx) for t in theirs)]
    only_theirs = [t for t in theirs if not any(same_party(k, t, ctx) for k in mine)]
    return bool(only_mine) and bool(only_theirs)


def same_party(a: str, b: str, ctx: DocContext) -> bool:
    """The same entity key, two names of one organization in the document ("Acme" and "Acme Motors"), or a
    state and one of its own bodies or firms ("a deal with China", "China's CNPC")."""
    if a == b or ctx.country_of.get(a) == b or ctx.country_of.get(b) == a:
        return True
    if a.partition(":")[2] == b.partition(":")[2]:
        return True  # one name the tagger took for a person once and for a firm elsewhere
    if not (a.startswith("org:") and b.startswith("org:")):
        return False
    x, y = ctx.names.get(a, a[4:]).lower().split(), ctx.names.get(b, b[4:]).lower().split()
    short, long = sorted((x, y), key=len)
    return bool(short) and long[:len(short)] == short


def _attach(item: Item, referent: Referent, by_key: dict[str, Referent], ctx: DocContext) -> None:
    referent.items.append(item)
    if referent.kind is None or (item.named is not None and referent.named is None):
        referent.kind = item.kind or referent.kind
    referent.domains |= item.domains
    referent.amounts |= item.amounts
    for key in item.parties.keys:
        state = ctx.country_of.get(key)
        if state in referent.parties:  # "a deal with China", then "China's CNPC": the firm is the side
            referent.parties[referent.parties.index(state)] = key
        elif not any(same_party(key, p, ctx) for p in referent.parties):
            referent.parties.append(key)
    referent.agreed = referent.agreed or item.agreed
    referent.last_sentence = item.sentence
    referent.last_token = item.head.i
    if item.named is not None:
        referent.named = referent.named or item.named
        for key in [item.named.key, *item.named.alias_keys]:
            by_key.setdefault(key, referent)
