"""Agreement mention detection, written to `doc.spans["agreements"]`:

- NAMED: capitalized names ending (or starting) with a kind word ("Pacific Anchovy Conservation
  Agreement", "Treaty of Lisbon");
- QUOTED: a quoted name that is launched, announced or followed by a kind word ("launched “Blue Horizon”",
  "the “Clean Seas” initiative");
- COORDINATED: a proper name coordinated with a named agreement ("the Coastal Fisheries Initiative and the
  newer SEAWATCH platform");
- DESCRIPTIVE: a kind noun with identifying modifiers ("the Kenya-Uganda water pact", "a 10-year framework");
- GENERIC: a kind noun with only a determiner ("the pact", "this agreement").

Plural heads ("earlier frameworks") are never one agreement and are left out; words that only evaluate a
description ("the landmark ten-year deal") are left out of its span. Kind words with another common sense
(a radio programme, a network protocol, a music act) name an agreement only with evidence (a place, a year,
what it is on); a price ("a $2bn bill"), a count ("one law") or a possessor's number ("Radio 4's programme")
does not identify one.
"""
from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.lexicons import agreement_lexicon
from extract.nlp.text import doc_text


_QUOTE = re.compile(r"[“\"]([A-Z][^“”\"\n.!?]{1,60}?)[,]?[”\"]")
_CAMEL_GLUE = re.compile(r"[a-z]([A-Z][a-z]+)$")  # "ShortsThis": page furniture glued to a sentence start
_CAP = r"(?:[A-Z][\w’'.&]*(?:[-–][\w’'.&]+)*|\d[\w]*(?:[-–][\w]+)+|(?:19|20)\d\d)"
_CONNECT = r"(?:of|for|and|on|the|in|to|through|Through|against|between|with|&)"
_CONNECTORS = {"of", "for", "and", "on", "the", "in", "to", "through", "Through", "against", "between", "with", "&"}
_NAME = re.compile(_CAP + r"(?:[ \t]+(?:" + _CONNECT + r"[ \t]+)*" + _CAP + r")*")  # never across lines
_CENTURY = re.compile(r"[ \t]+(?:in|for|of)[ \t]+the[ \t]+\d+(?:st|nd|rd|th)[ \t]+Century\b")
_COMPLEMENT = {"of", "for", "on", "to", "against", "between"}  # "Convention on Human Rights", "Treaty of Rome"
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PLACE_LABELS = {"GPE", "LOC", "NORP"}


@Language.factory("extract_agreements", default_config={"spans_key": "agreements"})
def make_agreement_recognizer(nlp: Language, name: str, spans_key: str) -> "AgreementRecognizer":
    return AgreementRecognizer(nlp, name, spans_key=spans_key)


class AgreementRecognizer:
    """Find agreement mentions.

    spans_key (str): the `doc.spans` key to write.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "agreements"):
        self.name = name
        self.spans_key = spans_key
        lexicon = agreement_lexicon()
        self.kinds: dict[str, str] = lexicon.kinds
        self.generic_determiners = set(lexicon.generic_determiners)
        self.quantity_idioms = lexicon.quantity_idioms
        self.stop_words = set(lexicon.name_stop_words)
        self.name_adjectives = set(lexicon.name_adjectives)
        self.named_only = set(lexicon.named_only_kinds)
        self.subject_identified = set(lexicon.subject_identified_kinds)
        self.legislative_verbs = set(lexicon.legislative_verbs)
        self.evaluative = set(lexicon.evaluative_modifiers)
        self.launch_verbs = set(lexicon.launch_verbs)
        self.ambiguous: dict[str, set[str]] = {k: set(v) for k, v in lexicon.ambiguous_kinds.items()}
        self.domain_words = {w for words in lexicon.domains.values() for w in words}
        # a hyphenated kind ("tie-up") is found by its last word, then checked whole
        self._kind_ids = np.array([nlp.vocab.strings.add(kind.rsplit("-", 1)[-1]) for kind in self.kinds],
                                  dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        spans = _add([], self.named(doc))
        spans = _add(spans, self.quoted(doc))
        spans = _add(spans, self.coordinated(doc, spans))
        spans = _add(spans, self.descriptive(doc))
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        return doc

    def named(self, doc: Doc) -> list[Span]:
        """Capitalized names whose last word (or first, before of/for) is a kind word."""
        spans = []
        for m in _NAME.finditer(doc_text(doc)):
            for words in _sentence_pieces([(m.start() + w.start(), w.group()) for w in re.finditer(r"\S+", m.group())]):
                span = self._name_in(doc, words)
                if span is not None:
                    spans.append(span)
        return spans

    def _name_in(self, doc: Doc, words: list[tuple[int, str]]) -> Span | None:
        for i in range(len(words) - 1, -1, -1):
            glued = _CAMEL_GLUE.search(words[i][1])
            if glued:  # "More ShortsThis Pact": the name starts after the glue
                words = [(words[i][0] + glued.start(1), glued.group(1))] + words[i + 1:]
                break
        words = self._strip_leading(words)
        last_kind = max((i for i, (_, w) in enumerate(words) if self._kind(w)), default=None)
        if last_kind == 0 and len(words) > 2 and words[1][1] in ("of", "for", "on", "between"):
            last_kind = len(words) - 1  # "Treaty of Lisbon", not "... of Lisbon in 2007"
            while last_kind > 2 and (words[last_kind][1].rstrip(".").isdigit() or words[last_kind][1] in _CONNECTORS):
                last_kind -= 1
        if last_kind is None or last_kind < 1:
            return None
        words = words[:last_kind + 1] + self._complement(doc, words[last_kind + 1:])
        start, end = words[0][0], words[-1][0] + len(words[-1][1].rstrip("."))
        century = _CENTURY.match(doc_text(doc), end)  # "Partnership for the 21st Century" is one name
        if century:
            end = century.end()
        span = doc.char_span(start, end, label="NAMED", alignment_mode="contract")
        if span is None or len(span) < 2 or _names_someone(span) or not self._sense_is_agreement(span):
            return None
        return span

    def _strip_leading(self, words: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """A name without the words that only lead into it ("Under the Coastal Accord" is "Coastal Accord"),
        but an adjective that makes the name stays when only the kind word would be left ("the New Deal")."""
        while words and (words[0][1] in self.stop_words or words[0][1] in _CONNECTORS):
            adjective = words[0][1] in self.name_adjectives
            if adjective and len(words) == 2 and self._kind(words[1][1]):
                break
            words = words[1:]
        return words

    def _complement(self, doc: Doc, rest: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """What a name's kind word is about, when the name goes on with it: "Convention on Human Rights",
        "Protocol to the ... Convention"; never a date or a year ("the Accord on Monday", "of 1997")."""
        if not rest or rest[0][1] not in _COMPLEMENT:
            return []
        kept = list(rest)
        for i, (offset, word) in enumerate(rest):
            token = _token_at(doc, offset)
            if token is None or token.ent_type_ in ("DATE", "TIME") or word.rstrip(".").isdigit():
                kept = rest[:i]
                break
        while kept and (kept[-1][1] in _CONNECTORS or kept[-1][1].endswith(",")):
            kept.pop()
        return kept if len(kept) >= 2 else []

    def _sense_is_agreement(self, span: Span) -> bool:
        """Whether a name is an agreement's. No name whose kind word only modifies a longer name ("Brooklyn
        Law School") is. A name whose kind word has another common sense ("Session Initiation Protocol",
        "Morning Edition Programme") needs the evidence `ambiguous_kinds` lists for it: the NER's reading of
        it as a law or treaty, a place or people in the name, a year, what it is on ("Convention on ..."), a
        subject-area word, or an article or possessor in front ("the Coastal Access Act")."""
        last = span[-1]
        nxt = span.doc[last.i + 1] if last.i + 1 < len(span.doc) else None
        if last.dep_ == "compound" and nxt is not None and nxt.i == last.head.i and nxt.is_title \
                and nxt.lower_ not in self.kinds:
            return False  # "Brooklyn Law School", "Open Charter Group": the kind word modifies a longer name
        heads = [t for t in span if t.lower_ in self.ambiguous]
        if not heads or any(t.lower_ in self.kinds and t.lower_ not in self.ambiguous for t in span):
            return True
        head = heads[-1]
        wanted = self.ambiguous[head.lower_]
        others = [t for t in span if t.i != head.i]
        evidence = {"law"} if any(t.ent_type_ == "LAW" for t in span) else set()
        if any(t.ent_type_ in _PLACE_LABELS or _is_country_word(t.text) for t in others):
            evidence.add("place")
        if any(_YEAR.match(t.text) for t in others):
            evidence.add("year")
        if head.i < span.end - 1 and span.doc[head.i + 1].lower_ in _COMPLEMENT:
            evidence.add("complement")
        if any(t.lower_ in self.domain_words for t in others):
            evidence.add("subject")
        if _is_determined(span):
            evidence.add("definite")
        if any(t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") for t in others):
            evidence.add("party")  # "the EU constitution"
        if self._legislative(head):
            evidence.add("legislative")
        return bool(evidence & wanted)

    def _legislative(self, head: Token) -> bool:
        """"MPs debated the bill", "if the bill becomes law", "a bill passed by the Senate": a law in the making."""
        token = head
        while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
            token = token.head
        return token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "acl") and (
            token.head.lemma_.lower() in self.legislative_verbs
            or any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.legislative_verbs for c in token.children))

    def quoted(self, doc: Doc) -> list[Span]:
        """Quoted names that something launches ("launched “Blue Horizon”"), that follow "under", or that a
        kind word follows ("the “Clean Seas” initiative")."""
        spans = []
        for m in _QUOTE.finditer(doc_text(doc)):
            span = doc.char_span(m.start(1), m.end(1), label="QUOTED", alignment_mode="contract")
            if span is None or not all(t.is_title or t.is_upper or t.is_punct or t.like_num or t.is_lower
                                       and t.is_stop for t in span):
                continue
            before = doc[span.start - 2] if span.start >= 2 else None
            after = next((t for t in doc[span.end:span.end + 3] if not t.is_punct), None)
            launched = span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in self.launch_verbs
            under = before is not None and before.lower_ == "under"
            kind_after = after is not None and after.is_lower and after.lower_ in self.kinds
            if launched or under or kind_after:
                spans.append(span)
        return spans

    def coordinated(self, doc: Doc, named: list[Span]) -> list[Span]:
        """Proper names coordinated with a named agreement: "the Coastal Fisheries Initiative and the newer
        SEAWATCH platform" names two instruments."""
        spans = []
        for agreement in (s for s in named if s.label_ == "NAMED"):
            for conj in agreement.root.conjuncts:
                if agreement.start <= conj.i < agreement.end:
                    continue
                proper = [t for t in conj.subtree if t.i <= conj.i and (t.pos_ == "PROPN" or t.is_upper
                          or t.text in "-–") and t.ent_type_ not in ("PERSON", "GPE", "NORP")]
                while proper and proper[0].text in "-–":
                    proper.pop(0)
                while proper and proper[-1].text in "-–":
                    proper.pop()
                if proper and any(t.is_upper or t.is_title for t in proper):
                    span = Span(doc, proper[0].i, proper[-1].i + 1, label="COORDINATED")
                    if span.end - span.start == len(proper):
                        spans.append(span)
        return spans

    def descriptive(self, doc: Doc) -> list[Span]:
        """Lower-case kind nouns with their modifiers: descriptive when a modifier identifies the agreement
        (a country pair, a number, a capitalized word, a subject noun), generic otherwise."""
        spans = []
        for i in np.flatnonzero(np.isin(doc.to_array(LOWER), self._kind_ids)).tolist():  # the kind words only
            token = doc[i]
            if kind_word(token) not in self.kinds or not _is_noun(token) or token.tag_ in ("NNS", "NNPS"):
                continue
            if token.dep_ == "compound" and token.head.lower_ in self.kinds:
                continue  # "framework agreement": the head carries the mention
            if token.lower_ in self.ambiguous and token.dep_ == "compound" and token.head.i > token.i:
                continue  # "a network protocol address", "the programme makers": the other sense
            left_edge, det = _noun_phrase_left(token)
            if self._is_quantity(doc, min([left_edge] + [t.i for t in det]), token.i):
                continue
            start = self._skip_evaluative(doc, left_edge, token.i)
            modifiers = doc[start:token.i]
            owned = [t for t in modifiers if t.i > max((p.i for p in modifiers if p.tag_ == "POS"), default=-1)]
            has_number = any(_identifying_number(t) for t in owned)
            identifying = has_number or any(t.is_title or t.is_upper or "-" in t.text or t.pos_ == "NOUN"
                                            for t in modifiers if t.ent_type_ != "MONEY")
            label = "DESCRIPTIVE" if identifying else "GENERIC"
            about = token.lower_ in self.subject_identified and any(
                t.pos_ == "NOUN" and t.dep_ == "compound" for t in modifiers)
            if token.lower_ in self.named_only and not has_number and not about and not self._legislative(token):
                continue  # "the strategic partnership" is the relationship, "a 10-year partnership" the pact
            if label == "GENERIC" and not det and not _party_after(token):
                continue
            if label == "GENERIC" and any(t.pos_ == "PROPN" or t.ent_type_ for t in det):
                label = "DESCRIPTIVE"  # "Acme's takeover", "Chile's deal with Peru": its possessor says which
            if label == "GENERIC" and any(t.lower_ not in self.generic_determiners for t in det):
                continue
            if label == "GENERIC" and token.lower_ in self.ambiguous and not (
                    "legislative" in self.ambiguous[token.lower_] and self._legislative(token)):
                continue  # "the constitution", "the programme": only with a word that says which
            if label == "DESCRIPTIVE" and not self._sense_is_agreement(Span(doc, start, token.i + 1)):
                continue  # "the Democratic National Convention", "the Session Initiation Protocol"
            spans.append(Span(doc, start, token.i + 1, label=label))
        return spans

    def _is_quantity(self, doc: Doc, start: int, head: int) -> bool:
        """"a great deal of work": the kind word in an idiom of amount (`quantity_idioms`), no agreement."""
        words = " ".join(t.lower_ for t in doc[start:head + 2])
        return any(words.startswith(idiom) for idiom in self.quantity_idioms)

    def _skip_evaluative(self, doc: Doc, start: int, head: int) -> int:
        """The first token after the punctuation and evaluating words at the left of a description."""
        while start < head:
            token = doc[start]
            nxt = doc[start + 1] if start + 1 < head else None
            hyphen_word = nxt is not None and nxt.text == "-" and start + 2 < head and (
                f"{token.lower_}-{doc[start + 2].lower_}" in self.evaluative)
            if hyphen_word:
                start += 3
            elif token.is_punct or token.is_space or token.lower_ in self.evaluative or token.tag_ in ("VBN", "VBG"):
                start += 1
            else:
                break
        return start

    def _kind(self, word: str) -> str | None:
        word = word.strip("“”\"'‘’(),.:;")
        return self.kinds.get(word.lower()) if word[:1].isupper() else None


def _party_after(token: Token) -> bool:
    """"buyout by Acme", "takeover of Acme", "deal with Acme": a name after the noun says which agreement it is."""
    return any(c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of", "with", "between")
               and any(p.dep_ == "pobj" and p.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") for p in c.children)
               for c in token.children)


def kind_word(token: Token) -> str:
    """The word a kind is written as, ending at this token: "deal", or "tie-up" over the tokens tie, -, up."""
    if token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 1].idx == token.idx - 1:
        return f"{token.doc[token.i - 2].lower_}-{token.lower_}"
    return token.lower_


def _identifying_number(token: Token) -> bool:
    """"the 1998 accord", "a 10-year pact", "a ten-year pact": a year or a duration, not a price ("a $2bn
    bill") or a count ("one law", "the third act")."""
    if not token.like_num or token.ent_type_ == "MONEY":
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return any(ch.isdigit() for ch in token.text) or (nxt is not None and nxt.text in "-–")


def _is_determined(span: Span) -> bool:
    """"the Coastal Access Act", "Kenya's proposed Data Act": a name after an article or a possessor, as laws are
    written; not "nominated for Best Urban Act"."""
    i = span.start - 1
    while i >= 0 and span.doc[i].is_lower and span.doc[i].pos_ in ("ADJ", "VERB") and span.start - i <= 2:
        i -= 1
    return i >= 0 and (span.doc[i].lower_ in ("the", "this", "its", "their") or span.doc[i].tag_ == "POS")


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _is_country_word(text: str) -> bool:
    from extract.normalize.countries import countries_in_compound

    return bool(countries_in_compound(text.strip("“”\"'‘’(),.:;")))


def _names_someone(span: Span) -> bool:
    """"Mr Law", "the World Food Programme": a person or a known organization, not an agreement."""
    from extract.normalize.organizations import known_organizations
    from extract.normalize.names import name_key

    if any(t.ent_type_ == "PERSON" for t in span):
        return True
    key = f" {name_key(span.text)} "
    return any(f" {org} " in key for org in known_organizations() if " " in org)


def _sentence_pieces(words: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Words of a capitalized run cut after a word that ends a sentence ("Banjul. This ..."), not after an
    abbreviation ("U.S.")."""
    pieces: list[list[tuple[int, str]]] = [[]]
    for offset, word in words:
        pieces[-1].append((offset, word))
        if word.endswith(".") and word.count(".") == 1 and len(word) > 2:
            pieces.append([])
    return [p for p in pieces if p]


def _noun_phrase_left(token: Token) -> tuple[int, list[Token]]:
    """Where the modifiers of a kind noun start, and its determiners; read off the words before it when the
    tagger took the noun for a verb."""
    if token.pos_ != "VERB":
        left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nummod", "nmod", "npadvmod", "quantmod")]
        return min([token.i] + [t.left_edge.i for t in left]), [t for t in token.lefts if t.dep_ in ("det", "poss")]
    i = token.i
    while i > 0 and (token.doc[i - 1].pos_ in ("NOUN", "ADJ", "PROPN", "NUM", "SYM") or token.doc[i - 1].text in "-()"
                     or token.doc[i - 1].ent_type_ == "MONEY"):  # "a $6bn (£3bn) deal"
        i -= 1
    det = [token.doc[i - 1]] if i > 0 and token.doc[i - 1].pos_ in ("DET", "PRON") else []
    return i, det


def _is_noun(token: Token) -> bool:
    """A noun, or a kind word the tagger took for a verb inside a noun phrase ("a new fisheries pact") or in a
    noun's place ("signed a $6bn (£3bn) deal": the object of a verb is no verb)."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    if token.pos_ == "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos"):
        return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return (token.pos_ == "VERB" and prev is not None and prev.pos_ in ("NOUN", "ADJ", "NUM", "DET")
            and prev.tag_ != "VBN")


def _add(spans: list[Span], new: list[Span]) -> list[Span]:
    """`spans` and those of `new` that overlap none of them."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for span in new:
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return out
