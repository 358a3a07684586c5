"""Time expressions to TIMEX3 values, with the calendar period they denote.

Table-driven: the words live in `data/timex.yaml` (vocabulary.py), the rules are patterns with a builder each
(rules.py), and the same rules find expressions in text (detect.py) and read them (normalizer.py). Relative
expressions resolve against the publication date (`anchor`) and the tense of their clause, and stay
unresolved without an anchor (anchoring.py); values and periods are built in periods.py.
"""
from extract.normalize.timex.anchoring import Context
from extract.normalize.timex.detect import find_expressions
from extract.normalize.timex.normalizer import normalize_date, read
from extract.normalize.timex.periods import Timex

__all__ = ["Context", "Timex", "find_expressions", "normalize_date", "read"]
