"""spaCy's attribute ruler, with the same rules and the same results, at a fraction of the cost.

The attribute ruler of the English models maps each tag to its universal POS and features, and a few words
to their lemma: about 180 rules, nearly all on one token ("TAG is VBP and LOWER is 'have'"). spaCy runs
them through its `Matcher`, token by token and rule by rule: a tenth of the whole model's time. Here a rule
on one token, whose conditions are equalities (or IN lists) on the token's own attributes, is decided once
per distinct combination of those attributes and remembered; the rest (rules on several tokens, other
operators) still go through a `Matcher`. Rules still apply in spaCy's order (later rules win), and the
values written are the ones spaCy's ruler writes; a rule set this cannot reproduce exactly (rules writing
lexical attributes or extensions) is run by spaCy's own code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes a remembered rule may test: string-valued ones (compared by hash) and boolean flags.
_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE", "SHAPE"}
_FLAG_ATTRS = {name for name in IDS if name.startswith(("IS_", "LIKE_"))}
# What a remembered rule may write: attributes of the token alone (spaCy's ruler also writes the word's
# lexeme, which for these is a no-op).
_TOKEN_ATTRS = {POS, TAG, MORPH, LEMMA, DEP}
_OTHER = np.uint64(2**64 - 1)  # stands for every value no rule mentions
_MAX_REMEMBERED = 200_000  # combinations of attributes kept; a long run starts over past this


@Language.factory("extract_attribute_ruler",
                  default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Callable | None) -> "RememberingAttributeRuler":
    return RememberingAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put a `RememberingAttributeRuler` with the same rules in place of the pipeline's stock attribute ruler."""
    if name not in nlp.pipe_names or type(nlp.get_pipe(name)) is not AttributeRuler:
        return
    stock = nlp.get_pipe(name)
    faster = nlp.replace_pipe(name, "extract_attribute_ruler", config={"validate": stock.validate})
    faster.add_patterns(stock.patterns)


@dataclass
class _Plan:
    """The rules compiled for the remembered path."""

    columns: list[int]  # attributes read from each token
    mentioned: list[np.ndarray]  # per column, the values some rule tests (others read as _OTHER)
    tests: list[tuple[int, list[tuple[int, frozenset[int]]]]]  # rule -> [(column, accepted values)]
    writes: list[int]  # attributes the rules write
    windows: list[_Window]  # rules that need the Matcher, where they can match
    everywhere: Matcher | None  # rules that need the Matcher over the whole document
    remembered: dict[tuple, _Decision] = field(default_factory=dict)


@dataclass
class _Window:
    """A fixed-length pattern that needs the Matcher, tried only around the tokens that satisfy the simple
    conditions of one of its tokens (the `offset`-th): a match can only be there."""

    matcher: Matcher
    conditions: list[tuple[int, frozenset[int]]]
    offset: int
    length: int


@dataclass
class _Decision:
    """For a combination of attributes: the one-token rules that apply, what they write, and the windows
    that may start around such a token."""

    rules: tuple[int, ...]
    values: np.ndarray
    written: np.ndarray
    windows: tuple[int, ...]


class RememberingAttributeRuler(AttributeRuler):
    """`AttributeRuler` (same patterns, serialization and scores) that decides each one-token rule once per
    distinct combination of the attributes it tests."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._plan: _Plan | None = None
        self._stock_only = False

    def clear(self) -> None:
        super().clear()
        self._plan, self._stock_only = None, False

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._plan = None

    def __call__(self, doc: Doc) -> Doc:
        plan = self._compiled()
        if plan is None:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            self._apply(doc, plan)
            return doc
        except Exception as e:  # noqa: BLE001  (spaCy's error handler decides, as for any component)
            return error_handler(self.name, self, [doc], e)

    def _apply(self, doc: Doc, plan: _Plan) -> None:
        if not len(doc):
            return
        found = doc.to_array(plan.columns)
        for column, mentioned in enumerate(plan.mentioned):
            values = found[:, column]
            found[:, column] = np.where(np.isin(values, mentioned), values, _OTHER)
        distinct: dict[tuple, int] = {}
        which = np.fromiter((distinct.setdefault(k, len(distinct)) for k in map(tuple, found.tolist())),
                            dtype=np.intp, count=len(doc))
        decided = [self._decide(key, plan) for key in distinct]
        before = doc.to_array(plan.writes)
        after = np.where(np.stack([d.written for d in decided])[which],
                         np.stack([d.values for d in decided])[which], before)
        for token, extra in self._matcher_rules(doc, plan, decided, which).items():  # all rules, in order
            row = before[token].copy()
            for rule in sorted({*decided[which[token]].rules, *extra}):
                for attr, value in self.attrs[rule].items():
                    row[plan.writes.index(attr)] = value
            after[token] = row
        doc.from_array(plan.writes, after)

    def _decide(self, key: tuple, plan: _Plan) -> _Decision:
        """The one-token rules that apply to a token with these attributes and what they write, in order."""
        known = plan.remembered.get(key)
        if known is None:
            def holds(conditions: list[tuple[int, frozenset[int]]]) -> bool:
                return all(key[column] in accepted for column, accepted in conditions)

            rules = tuple(rule for rule, conditions in plan.tests if holds(conditions))
            values = np.zeros(len(plan.writes), dtype=np.uint64)
            written = np.zeros(len(plan.writes), dtype=bool)
            for rule in rules:
                for attr, value in self.attrs[rule].items():
                    values[plan.writes.index(attr)] = value
                    written[plan.writes.index(attr)] = True
            windows = tuple(i for i, window in enumerate(plan.windows) if holds(window.conditions))
            if len(plan.remembered) >= _MAX_REMEMBERED:
                plan.remembered.clear()
            known = plan.remembered[key] = _Decision(rules, values, written, windows)
        return known

    def _matcher_rules(self, doc: Doc, plan: _Plan, decided: list[_Decision], which: np.ndarray) -> dict[int, set[int]]:
        """token -> the rules that need the Matcher and write it (spaCy's span index semantics)."""
        matches = set(plan.everywhere(doc, allow_missing=True, as_spans=False)) if plan.everywhere else set()
        with_windows = [i for i, d in enumerate(decided) if d.windows]
        for token in np.flatnonzero(np.isin(which, with_windows)).tolist():
            for window in (plan.windows[i] for i in decided[which[token]].windows):
                start = token - window.offset
                if 0 <= start and start + window.length <= len(doc):
                    matches.update((match_id, start + s, start + e) for match_id, s, e in
                                   window.matcher(doc[start:start + window.length], allow_missing=True))
        extra: dict[int, set[int]] = {}
        for match_id, start, end in matches:
            rule = int(self.vocab.strings[match_id])
            index = self.indices[rule]
            if not -(end - start) <= index < end - start:
                raise ValueError(Errors.E1001.format(patterns=self.matcher.get(self.vocab.strings[match_id]),
                                                     span=[t.text for t in doc[start:end]], index=index))
            extra.setdefault(start + index if index >= 0 else end + index, set()).add(rule)
        return extra

    def _compiled(self) -> _Plan | None:
        if self._plan is None and not self._stock_only:
            self._plan = self._compile()
            self._stock_only = self._plan is None
        return self._plan

    def _compile(self) -> _Plan | None:
        if any(not set(attrs) <= _TOKEN_ATTRS for attrs in self.attrs):
            return None
        mentioned: dict[str, set[int]] = {}  # in the order first seen: the columns
        tests: list[tuple[int, list[tuple[str, frozenset[int]]]]] = []
        windows: list[tuple[Matcher, list[tuple[str, frozenset[int]]], int, int]] = []
        everywhere = Matcher(self.vocab, validate=self.validate)
        for rule, entry in enumerate(self.patterns):  # spaCy's own record of the rules, in order
            key, index = self.vocab.strings.add(str(rule)), entry["index"]
            for pattern in entry["patterns"]:
                conditions = _conditions(pattern, self.vocab) if index in (0, -1) else None
                if conditions is not None:
                    tests.append((rule, conditions))
                elif (anchor := _anchor(pattern, self.vocab)) is not None:
                    matcher = Matcher(self.vocab, validate=self.validate)
                    matcher.add(key, [pattern])
                    windows.append((matcher, anchor[1], anchor[0], len(pattern)))
                    conditions = anchor[1]
                else:
                    everywhere.add(key, [pattern])
                for name, accepted in conditions or ():
                    mentioned.setdefault(name, set()).update(accepted)
        column = {name: i for i, name in enumerate(mentioned)}

        def by_column(conditions: list[tuple[str, frozenset[int]]]) -> list[tuple[int, frozenset[int]]]:
            return [(column[name], accepted) for name, accepted in conditions]

        return _Plan(
            columns=[IDS[name] for name in mentioned],
            mentioned=[np.array(sorted(values), dtype=np.uint64) for values in mentioned.values()],
            tests=[(rule, by_column(conditions)) for rule, conditions in tests],
            writes=sorted({attr for attrs in self.attrs for attr in attrs}),
            windows=[_Window(m, by_column(conditions), offset, length) for m, conditions, offset, length in windows],
            everywhere=everywhere if len(everywhere) else None,
        )


def _conditions(pattern: list[dict], vocab: Vocab) -> list[tuple[str, frozenset[int]]] | None:
    """A one-token pattern as (attribute, accepted values) conditions, or None when it needs the Matcher."""
    if len(pattern) != 1:
        return None
    return _token_conditions(pattern[0], vocab)


def _anchor(pattern: list[dict], vocab: Vocab) -> tuple[int, list[tuple[str, frozenset[int]]]] | None:
    """For a pattern of fixed length (no operators): a token of it and the simple conditions it must meet."""
    if any("OP" in spec for spec in pattern):
        return None
    for offset, spec in enumerate(pattern):
        simple = {k: v for k, v in spec.items() if _token_conditions({k: v}, vocab) is not None}
        if simple:
            return offset, _token_conditions(simple, vocab)
    return None


def _token_conditions(spec: dict, vocab: Vocab) -> list[tuple[str, frozenset[int]]] | None:
    """A token's pattern as (attribute, accepted values) conditions, or None when it needs the Matcher."""
    conditions = []
    for key, wanted in spec.items():
        name = "ORTH" if key == "TEXT" else key
        if isinstance(wanted, dict):
            if set(wanted) != {"IN"}:
                return None
            options = list(wanted["IN"])
        else:
            options = [wanted]
        if name in _STRING_ATTRS and all(isinstance(o, str) for o in options):
            accepted = frozenset(int(vocab.strings.add(o)) for o in options)
        elif name in _FLAG_ATTRS and all(isinstance(o, bool) for o in options):
            accepted = frozenset(int(o) for o in options)
        else:
            return None
        conditions.append((name, accepted))
    return conditions
