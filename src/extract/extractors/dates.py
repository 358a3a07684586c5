"""Time expressions of a parsed document, normalized in their context: the publication date, the tense of
their clause, the last date mentioned before them ("a year earlier", "the same quarter"), the other end of
a range ("January-April 2024"), and the words around them ("$5 million a year" is a frequency)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.nlp.components.timex import RANGE_END, RANGE_START, unnamed_day
from extract.nlp.text import doc_text
from extract.normalize.timex import Timex, normalize_date
from extract.normalize.timex.vocabulary import vocabulary
from extract.records import DateMention, Document, Span

# Words between the two ends of a range: "2025-2035", "from May to July", "between 1990 and 1995".
_RANGE_JOINERS = {"-", "–", "—", "to", "through", "thru", "until", "till", "and", "/"}
_PLANNED = {"will", "shall", "'ll", "going", "wo"}
# Before "a year", "a week": what makes it a rate ("$5 million a year", "twice a week").
_RATE_WORDS = {"once", "twice", "thrice", "times", "percent", "%"}
_PERIOD_ENDING = {"ended", "ending", "ends"}
_COMPARATIVES = {"earlier", "later", "sooner", "before", "after"}
_RECENT = 6  # how many earlier dates (of distinct precisions, past or to come) later expressions may refer to


def extract_dates(doc: Doc, document: Document) -> list[DateMention]:
    """Normalized date mentions, in text order; expressions that are not readable as time are dropped."""
    spans = list(doc.spans.get("timex", []))
    out: list[DateMention] = []
    recent: list[Timex] = []  # dates mentioned so far, most recent first, one per precision and side of the anchor
    previous: tuple[SpacySpan, Timex] | None = None
    for i, span in enumerate(spans):
        span = _amount_of_comparison(doc, span)
        tense = clause_tense(span.root)
        words = _range_part_words(spans, i) if span.label_ in (RANGE_START, RANGE_END) else span.text
        timex = normalize_date(words, document.published, tense, tuple(recent)) if words else None
        if timex is None:
            continue
        if i + 1 < len(spans) and _joined(doc, span, spans[i + 1]):
            timex = _complete_range_start(span, timex, spans[i + 1]) or timex
        timex = _in_context(doc, span, timex, tense)
        if _before_an_event(doc, span, timex):
            following = spans[i + 1] if i + 1 < len(spans) and spans[i + 1].start == span.end else None
            timex = _named_just_before(doc, span, previous) or _next_to(following, words, document, tense, recent) \
                or timex
        previous = (span, timex)
        sent = span.sent
        out.append(_mention(Span(span.start_char, span.end_char, sent.start_char, sent.end_char), span.text, timex))
        recent = _remember(recent, timex, document.published)
    return out


def _remember(recent: list[Timex], timex: Timex, published: date | None) -> list[Timex]:
    """The references after a date: only dates read on their own become references ("a year earlier" must not
    shift the next one), but one that names again a period already referred to ("the quarter", "the latest
    period") brings it back to the front: "...in the quarter, from $3 million a year ago" is that quarter's.
    A new date replaces the one of its precision on its side of the publication date (over, or still to come).
    In a text without a publication date, a date that stays unknown ("last year") hides the earlier ones: "the
    same period" after it is that unknown year's, not a year named before."""
    if timex.type not in ("DATE", "TIME"):
        return recent
    if timex.start is None:
        return [] if published is None and timex.value is None and not timex.anaphoric else recent
    if timex.anaphoric:
        again = next((t for t in recent if t.value == timex.value), None)
        return recent if again is None else [again] + [t for t in recent if t is not again]
    ended = _ended(timex, published)
    return [timex] + [t for t in recent if t.precision != timex.precision or _ended(t, published) != ended][:_RECENT - 1]


def _ended(timex: Timex, published: date | None) -> bool:
    """Whether a period is over by the publication date: a forecast ("the fourth quarter of next year") does not
    push out of the references the period just reported on ("the third quarter"), which has ended."""
    return published is not None and timex.end is not None and timex.end <= published


def _range_part_words(spans: list[SpacySpan], i: int) -> str | None:
    """The words a bare number at one end of a range stands for, taken from the other end: "12" before
    "and 18 months" is "12 months", "58" after "1957-" is "1958", "4" after "March 3 and" is "March 4"."""
    part = spans[i]
    if part.label_ == RANGE_START and i + 1 < len(spans):
        other = spans[i + 1]
        rest = [t for t in other if not t.like_num]
        return f"{part.text} {other[len(other) - len(rest):].text}" if rest and not other[-1].like_num else None
    if part.label_ == RANGE_END and i > 0:
        other = spans[i - 1]
        last = other[-1].text
        number = part.text
        if len(last) == 4 and last.isdigit() and len(number) == 2 and number.isdigit():  # "1957-58", "2012/13"
            year = int(last[:2] + number)
            number = str(year if year > int(last) else year + 100)
        return f"{other[:-1].text} {number}".strip() if len(other) > 1 else number
    return None


def _amount_of_comparison(doc: Doc, span: SpacySpan) -> SpacySpan:
    """"two days earlier than planned", "a month later than usual": the amount is a length of time between
    two moments, neither of them the publication date, so the expression is the amount alone (a duration)."""
    last = span[-1].lower_
    if last in _COMPARATIVES and len(span) > 1 and span.end < len(doc) and doc[span.end].lower_ == "than":
        return doc[span.start:span.end - 1]
    return span


def _joined(doc: Doc, a: SpacySpan, b: SpacySpan) -> bool:
    gap = doc_text(doc)[a.end_char:b.start_char].strip().lower()
    return gap in _RANGE_JOINERS and (gap != "and" or a.start > 0 and doc[a.start - 1].lower_ == "between")


def _complete_range_start(a: SpacySpan, a_value: Timex, b: SpacySpan) -> Timex | None:
    """The first end of a range read with the year of the second: "January-April 2024", "May 3 to June 1, 2025"."""
    b_value = normalize_date(b.text)
    if b_value is None or b_value.start is None or b_value.anchored or not a_value.anchored:
        return None
    completed = normalize_date(f"{a.text} {b_value.start.year}")
    return completed if completed is not None and completed.start is not None and completed.start <= b_value.end else None


def _in_context(doc: Doc, span: SpacySpan, timex: Timex, tense: str | None = None) -> Timex:
    """What the neighbouring words change: a rate ("$5 million a year") is a SET; "the year ended June 30"
    is a length of time, not a calendar year; "will one day be" points at the future, not at a day's length."""
    if unnamed_day(span):
        return Timex("DATE", "PAST_REF" if tense == "past" else "FUTURE_REF")
    after = doc[span.end] if span.end < len(doc) else None
    words = span.text.lower().split()
    if timex.type == "DURATION" and words[0] in ("a", "an", "per") and _after_amount(doc, span.start):
        return Timex("SET", timex.value)
    if timex.type == "DATE" and words[-1] == "year" and after is not None and after.lower_ in _PERIOD_ENDING:
        return Timex("DURATION", "P1Y")  # "for the year ended June 30": the twelve months before that day
    return timex


def _before_an_event(doc: Doc, span: SpacySpan, timex: Timex) -> bool:
    """"the day before the vote", "the year after winning": a day next to an event the text names ("the year
    before." is next to the last date mentioned). The event is often the last date's ("arrested on May 3 ... the
    day after his arrest"), so that reading stays unless the phrase is in apposition to a date."""
    if not timex.anaphoric or span[-1].lower_ not in ("before", "after") or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.is_alpha and after.pos_ != "CCONJ"


def _named_just_before(doc: Doc, span: SpacySpan, previous: tuple[SpacySpan, Timex] | None) -> Timex | None:
    """The date a phrase stands in apposition to: "last seen on June 3, the day before the embassy closed" is
    June 3 itself, not the day before it."""
    if previous is None or span.start < 2 or doc[span.start - 1].text != "," or previous[0].end != span.start - 1:
        return None
    return previous[1].but(anaphoric=True)


def _next_to(following: SpacySpan | None, words: str, document: Document, tense: str | None,
             recent: list[Timex]) -> Timex | None:
    """"the day before last Tuesday", "the week after Easter": counted from the date that follows."""
    if following is None:
        return None
    date_after = normalize_date(following.text, document.published, clause_tense(following.root), tuple(recent))
    if date_after is None or date_after.start is None:
        return None
    return normalize_date(words, document.published, tense, (date_after, *recent))


def _after_amount(doc: Doc, i: int) -> bool:
    """Whether an amount ends just before token i: "$5 million a year", "four flights a week", "twice a day"."""
    for token in reversed(doc[max(0, i - 3):i]):
        if token.like_num or token.lower_ in _RATE_WORDS or token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
            return True
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP"):
            return False
    return False


def clause_tense(token: Token) -> str | None:
    """past / present / future of the verb that governs a token (for "Friday", "March", "summer").

    "will meet", "is going to meet", "to meet" (a plan) are future; "met", "had met", "has met" past;
    "is scheduled", "meets" present. A present participle ("with troops arriving Tuesday") takes the tense
    of the clause it depends on, and a deadline moved or given ("extended the
    offer until Friday", "gave them until Tuesday") lies ahead. What was decided or promised in a past clause
    ("agreed to meet Friday") has no tense: it may lie on either side of the publication date."""
    vocab = vocabulary()
    planning = vocab.planning_words
    verb, path = token, []
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        path.append(verb)
        verb = verb.head
    if any(t.lower_ in _PAST_PREPOSITIONS and t.dep_ == "prep" for t in path[1:]):
        return "past"  # "the change is since year-end", "prices are up since March": a time gone by
    planned = any(t.lemma_.lower() in planning for t in path[1:])  # "payable Dec. 7", "due Friday"
    if verb.pos_ not in ("VERB", "AUX"):
        return "future" if planned else None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] + ([verb] if verb.pos_ == "AUX" else [])
    # "planned a rally Saturday", "is expected to close Monday"; not "On Friday, the government planned",
    # nor "had been due to expire Friday"
    planned = planned or _plans(verb) and token.i > verb.i
    if planned and not any(a.lower_ == "had" for a in auxes):
        return "future"
    if verb.lemma_ in vocab.deadline_words and _deadline(path) and not any(a.lower_ == "had" for a in auxes):
        return "future"
    if any(a.lower_ in _PLANNED or a.tag_ == "MD" and a.lower_ in ("will", "shall") for a in auxes):
        return "future"
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes) and verb.head.i != verb.i:
        if verb.head.lemma_ in ("be", "have") and verb.dep_ == "xcomp" or _plans(verb.head) and not _pluperfect(verb.head):
            # "is to resume trading Tuesday", "planned to leave Thursday", "set to resume Monday"; not the subject
            # of "be" ("the first to arrive on Friday were...")
            return "future"
        governing = clause_tense(verb.head)  # "is expected to close": the governing verb's
        # "chose three firms for the programme to run through June", "decided to admit them in March": what
        # was to come then may be past or future now
        if governing == "past" and (verb.dep_ in ("acl", "relcl", "advcl") or verb.head.lemma_ in vocab.intention_words):
            return None
        return governing
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in _UNTENSED_DEPS and verb.head.i != verb.i:
        return clause_tense(verb.head)  # "with troops arriving Tuesday"; not "shares issued July 1": done
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxes):
            return "past"
        return "present" if any(a.lemma_ == "be" for a in auxes) else "past"
    return "present"


def _plans(word: Token) -> bool:
    """Whether a word puts what hangs on it ahead: "planned", "due", or a participle such as "set" that plans
    only before "to" or "for" ("talks set to resume", "a summit set for April"; not "the record was set")."""
    vocab = vocabulary()
    lemma = word.lemma_.lower()
    if lemma in vocab.planning_words:
        return True
    return lemma in vocab.planning_participles and word.tag_ == "VBN" and any(
        c.dep_ == "xcomp" or c.lower_ == "for" and c.dep_ == "prep" for c in word.children)


def _pluperfect(word: Token) -> bool:
    """Whether a word's clause is in the past perfect: "had planned to", and "had been due to", where "had"
    hangs on "been" rather than on the adjective."""
    clause = [word] if word.pos_ in ("VERB", "AUX") or word.head.i == word.i else [word, word.head]
    return any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for w in clause for c in w.children)


# Dependents whose verb has no tense of its own: participles modifying a noun or a clause.
_UNTENSED_DEPS = {"acl", "advcl", "xcomp", "relcl", "conj"}
# Prepositions whose time is before the moment of the clause, whatever its tense.
_PAST_PREPOSITIONS = {"since"}
_DEADLINE_PREPOSITIONS = {"until", "till", "to", "for", "through", "thru"}


def _deadline(path: list[Token]) -> bool:
    """Whether a date hangs on its verb through "until", "to", "for" or "through" ("extended until Friday",
    "extended loans through January")."""
    return len(path) > 1 and path[-1].lower_ in _DEADLINE_PREPOSITIONS or bool(path) and any(
        c.lower_ in _DEADLINE_PREPOSITIONS and c.dep_ in ("prep", "case") for c in path[0].children)


def _mention(span: Span, text: str, timex: Timex) -> DateMention:
    return DateMention(span=span, text=text, type=timex.type, value=timex.value, start=timex.start,
                       end=timex.end, precision=timex.precision, mod=timex.mod, anchored=timex.anchored)
