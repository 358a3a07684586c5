"""Time expression detection into `doc.spans["timex"]`, for the date extractor to normalize.

The grammar of `extract.normalize.timex` finds expressions with TimeML extents ("the early 1990s", "about two
years ago", "third-quarter"); the parse then settles what words alone cannot: "May" the month or the verb,
"1990" a year or a count, "spring" a season or a well. spaCy's own DATE/TIME entities add what the grammar
does not know, when the normalizer can read them once their leading prepositions are trimmed.

Words that only point at the present, past or future ("now", "recently", "the years ahead": TIMEX3
PRESENT_REF, PAST_REF, FUTURE_REF) name no calendar period, so the project's dates leave them out; TimeML
counts them, and `references=True` (or the environment variable EXTRACT_TIMEX_REFERENCES=1, for runs through
the command line) keeps them.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.lexicons import word_list
from extract.nlp.text import doc_text
from extract.normalize.timex import find_expressions, normalize_date
from extract.normalize.timex.vocabulary import vocabulary

# Entities inside which a time word names something else ("the Sunday Times", "Good Friday Agreement").
_NAMING_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "NORP", "GPE", "LOC"}
# Counts and amounts: a four-digit number tagged so is not a year.
_AMOUNT_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
# Words before a bare plural unit that make it a length of time ("for years", "within weeks").
_DURATION_CUES = {"for", "within", "in", "over", "after", "take", "takes", "took", "taken", "taking", "last", "lasted",
                  "spent", "spend", "spending", "wait", "waited"}
_AGE_WORDS = {"age", "ages", "aged"}
_DECADE = re.compile(r"['’]?\d0['’]?s")
_FRACTION = re.compile(r"\b(?:a|one|two|three|four|half)[\s-]+quarters?$")
# Words that come before the word that makes an expression ("the", "last", "early"): "the march" is no month.
_LEAD_INS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "last", "next", "past", "coming",
             "early", "mid", "late", "-", "every", "each", "per"}
_TRIM_START = {"in", "on", "at", "by", "since", "until", "till", "from", "during", "for", "of", "before", "after",
               "through", "throughout", "within", "as", "to", "between", "and"}
_REFERENCE_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_APPOSITION_NOUNS = {"period", "year", "month", "quarter", "decade"}
_ANY_DAY = date(2000, 1, 1)  # references read alike on any publication date, but need one to be read at all


@Language.factory("extract_timex",
                  default_config={"spans_key": "timex", "labels": ["DATE", "TIME"], "references": False})
def make_timex_detector(nlp: Language, name: str, spans_key: str, labels: list[str],
                        references: bool) -> "TimexDetector":
    return TimexDetector(nlp, name, spans_key=spans_key, labels=labels, references=references)


class TimexDetector:
    """Collect time expressions into a span group.

    spans_key (str): the `doc.spans` key to write.
    labels (list[str]): entity labels of the NER whose spans are taken when the grammar missed them.
    references (bool): also keep expressions that only point at the present, past or future ("now",
        "recently"), as TimeML does; by default they are left out (they name no calendar period).
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "timex", labels: list[str] | None = None,
                 references: bool = False):
        self.name = name
        self.spans_key = spans_key
        self.labels = set(labels or ["DATE", "TIME"])
        self.references = references

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in self._grammar_spans(doc) if _plausible(s)]
        taken = {i for s in spans for i in range(s.start, s.end)}
        for ent in doc.ents:
            if ent.label_ not in self.labels or taken.intersection(range(ent.start, ent.end)):
                continue
            trimmed = _trim(ent)
            if trimmed is not None and not _name_or_age(trimmed) and normalize_date(trimmed.text) is not None:
                spans.append(trimmed)
                taken.update(range(trimmed.start, trimmed.end))
        if not self.references:
            spans = [s for s in spans if not _only_reference(s) and not unnamed_day(s)]
        spans = sorted(spans, key=lambda s: s.start)
        spans = [s for s, after in zip(spans, spans[1:] + [None]) if not _named_by_the_next(s, after)]
        doc.spans[self.spans_key] = sorted(spans + range_parts(doc, spans), key=lambda s: s.start)
        return doc

    def _grammar_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for start, end in find_expressions(doc_text(doc)):
            span = doc.char_span(start, end, label="TIMEX", alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        return spans


# A bare number that is one end of a range whose other end is a whole expression: "between 12 and 18 months"
# (12 months), "1957-58" (1958), "March 3 and 4" (March 4). TimeML marks each end; the date extractor reads
# the number with the words it shares with the other end.
RANGE_START, RANGE_END = "TIMEX_RANGE_START", "TIMEX_RANGE_END"
_RANGE_BEFORE = {"and", "to", "or", "-", "–"}
_RANGE_AFTER = {"-", "–", "/", "to", "through", "and"}
_NOT_A_TIME = {"MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


def range_parts(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans of the bare numbers that begin or end a range with one of `spans`."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    parts = []
    for span in spans:
        if span.start >= 2 and doc[span.start - 1].lower_ in _RANGE_BEFORE and span[0].like_num:
            number = doc[span.start - 2]
            between = number.i > 0 and doc[number.i - 1].lower_ in ("between", "from")
            if _bare_number(number, taken) and (doc[span.start - 1].lower_ != "and" or between):
                parts.append(Span(doc, number.i, number.i + 1, label=RANGE_START))
        if span.end + 1 < len(doc) and doc[span.end].lower_ in _RANGE_AFTER and span[-1].like_num:
            number = doc[span.end + 1]
            after = doc[number.i + 1] if number.i + 1 < len(doc) else None
            if _bare_number(number, taken) and (after is None or not after.like_num and after.pos_ != "NOUN"):
                parts.append(Span(doc, number.i, number.i + 1, label=RANGE_END))
    return parts


def _bare_number(token: Token, taken: set[int]) -> bool:
    return (token.i not in taken and token.like_num and token.ent_type_ not in _NOT_A_TIME
            and (token.is_digit and len(token.text) <= 2 or token.is_alpha))


def _plausible(span: Span) -> bool:
    """Whether a grammar match is a time expression in this sentence, judged from the parse."""
    tokens = [t for t in span if not t.is_punct]
    if not tokens:
        return False
    if len(tokens) == 1 and tokens[0].ent_type_ in _NAMING_LABELS and not _holiday_word(tokens[0]):
        return False  # "Orion 1980", "the Sunday Times"; not "after Easter", which the model may take for a name
    if _name_or_age(span):
        return False
    after = span.doc[span.end] if span.end < len(span.doc) else None
    text = span.text.lower()
    if _FRACTION.search(text) and (after is not None and after.lower_ == "of" or "-" in text):
        return False  # "about three-quarters of its food", "a quarter of the market": fractions
    if (tokens[0].pos_ == "DET" and len(tokens) == 2 and tokens[1].pos_ == "ADJ"
            and vocabulary().references.get(tokens[1].lower_) == "PAST_REF"):
        return False  # "the recent sale": the adjective alone marks no time
    core = [t for t in tokens if t.lower_ not in _LEAD_INS]
    if len(core) > 1 or not core:
        return True
    return _single_word_plausible(core[0])


def _name_or_age(span: Span) -> bool:
    """A programme or a film ("CBS's 60 Minutes", "High Noon"), a firm ("August's chairman"), or an age
    ("children aged 6 months", "in his 30s")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    words = [t for t in span if not t.is_punct] or list(span)
    core = [t for t in words if t.lower_ not in _LEAD_INS]
    a_holiday = len(words) == 1 and _holiday_word(words[0])  # "after Easter", which the model may call a name
    an_age = before is not None and (before.lower_ in _AGE_WORDS
                                     or before.tag_ == "PRP$" and _DECADE.fullmatch(span.text) is not None)
    return (_inside_name(words) and not a_holiday or _titled_unit(span) or len(core) == 1 and _names_something(core[0])
            or an_age)


def _titled_unit(span: Span) -> bool:
    """An amount of a unit, or "This Week", written with capitals inside a sentence in lower case: a title
    ("60 Minutes", ABC's "This Week"; not "the 20th Century", "Christmas Day")."""
    units = vocabulary().units
    titled = [t for t in span if t.is_title and t.lower_ in units and not t.is_sent_start]
    if not titled or not (span[0].is_digit or span[0].is_title and span[0].pos_ in ("DET", "PRON")):
        return False
    words = [t for t in span.sent if t.is_alpha]
    return sum(t.is_title for t in words) < len(words) / 2


def _inside_name(tokens: list[Token]) -> bool:
    """Whether the words all lie inside one name the model found (a programme, a film, a firm)."""
    first = tokens[0]
    if first.ent_type_ not in _NAMING_LABELS or any(t.ent_type_ != first.ent_type_ for t in tokens):
        return False
    start = next(i for i in range(first.i, -1, -1) if first.doc[i].ent_iob_ == "B")
    return all(first.doc[i].ent_iob_ == "I" for i in range(start + 1, tokens[-1].i + 1))


def _single_word_plausible(token: Token) -> bool:
    v = vocabulary()
    word = token.lower_.rstrip(".")
    if word in v.set_words and (token.pos_ in ("NOUN", "PROPN") or _before_title(token)):
        return False  # "the Communist Party daily", "the party daily Harbour Voice": a newspaper
    if word in v.units and word.endswith("s"):  # "years", "weeks"
        return token.i > 0 and token.nbor(-1).lower_ in _DURATION_CUES
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    if word in v.months:
        return word not in v.ambiguous_months or (token.is_title and token.pos_ == "PROPN")
    if word in v.seasons:
        return token.pos_ == "NOUN" and token.i > 0 and token.nbor(-1).lower_ in ("in", "during", "by", "until", "since", "through")
    if token.like_num and len(word) == 4:  # a bare year
        if token.ent_type_ in _AMOUNT_LABELS:
            return False
        before = token.nbor(-1) if token.i > 0 else None
        return before is None or before.text not in ("$", "£", "€", "#") and before.lower_ not in ("no.", "number")
    return True


def _holiday_word(token: Token) -> bool:
    """A one-word holiday ("Easter", "Christmas")."""
    return token.lower_ in vocabulary().holidays


def _names_something(token: Token) -> bool:
    """A time word that is a name here: the owner of a role ("August's chairman": a firm called August) or,
    written with a capital inside the sentence, the name of a programme ("the Tonight show")."""
    if token.dep_ == "poss" and token.head.lower_ in _role_words():
        return True
    return (token.dep_ == "compound" and token.is_title and not token.is_sent_start
            and token.lower_ in vocabulary().deictic_days)


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """The last words of titles and roles ("chairman", "executive", "owner"): what a firm or a person has."""
    return frozenset(title.split()[-1].lower() for title in word_list("titles.txt"))


def _before_title(token: Token) -> bool:
    """Whether a proper name that is no time word follows the token: "daily Kestrel" names a paper."""
    if token.i + 1 >= len(token.doc):
        return False
    after = token.nbor(1)
    v = vocabulary()
    word = after.lower_.rstrip(".")
    return after.pos_ == "PROPN" and word not in v.weekdays and word not in v.months


# After an amount of time, words that make it a distance from another moment ("one day later").
_DISTANCE_WORDS = {"later", "earlier", "after", "before", "ago", "of", "from", "since"}


def unnamed_day(span: Span) -> bool:
    """Whether "one day" names some unnamed day, not a length of time: before its verb ("the city will one day
    be", "he hoped he one day follows", "One day, he walked in"), not "the strike lasted one day", "one day
    later", "for one day", nor the subject of "One day is enough"."""
    if " ".join(span.text.lower().split()) not in vocabulary().unnamed_days:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.pos_ == "ADP" or after is not None and after.lower_ in _DISTANCE_WORDS:
        return False
    if before is not None and before.pos_ == "AUX":  # "will one day", "could some day"
        return True
    verb = span.root.head
    return span.root.dep_ in ("npadvmod", "advmod") and verb.pos_ in ("VERB", "AUX") and span.end <= verb.i


def _named_by_the_next(span: Span, after: Span | None) -> bool:
    """"the period 2031-2037", "this year 2030": a period noun in apposition to the date right after it is that
    date, not an expression of its own that would point back at an earlier one."""
    words = [t.lower_ for t in span]
    return (after is not None and after.start == span.end and len(words) == 2 and words[0] in ("the", "this", "that")
            and words[1] in _APPOSITION_NOUNS)


def _only_reference(span: Span) -> bool:
    """Whether an expression only points at the present, past or future ("now", "recently"); "in recent
    years" still names a stretch of the calendar (data: `calendar_references`) and stays."""
    timex = normalize_date(span.text, _ANY_DAY)
    if timex is None or timex.value not in _REFERENCE_VALUES:
        return False
    words = " ".join(span.text.lower().split())
    return not {words, words.removeprefix("the ")} & vocabulary().calendar_references


def _trim(ent: Span) -> Span | None:
    """An entity without the prepositions and punctuation spaCy sometimes includes."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in _TRIM_START or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ == "'s"):
        end -= 1
    return Span(doc, start, end, label=ent.label_) if end > start else None
