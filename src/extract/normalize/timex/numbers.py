"""Amounts written in digits or words: "24", "2 1/2", "twenty-four", "one and a half", "a couple of"."""
from __future__ import annotations

import re
from functools import lru_cache

from extract.normalize.timex.vocabulary import vocabulary

_FRACTION = re.compile(r"^(?:(?P<whole>\d+)\s+)?(?P<num>\d+)/(?P<den>\d+)$")


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int | float | None:
    """The amount a number phrase denotes; None for vague amounts ("several", "a few") or non-numbers."""
    vocab = vocabulary()
    text = " ".join(text.lower().replace(",", "").split())
    if not text or text in vocab.vague_numbers:
        return None
    if text in vocab.numbers:
        return vocab.numbers[text]
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d*\.\d+", text):
        return float(text)
    fraction = _FRACTION.match(text)
    if fraction:
        whole = int(fraction["whole"] or 0)
        return whole + int(fraction["num"]) / int(fraction["den"])
    if text in ("half", "a half", "half a", "half an"):
        return 0.5
    half = text.endswith(" and a half")
    words = text.removesuffix(" and a half").replace("-", " ").split()
    amount = _words(words, vocab.numbers)
    return amount + 0.5 if half and amount is not None else amount


def _words(words: list[str], numbers: dict[str, int]) -> int | None:
    total, current = 0, 0
    for word in words:
        if word in ("and", "of"):
            continue
        if word not in numbers:
            return None
        value = numbers[word]
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            current += value
    return total + current or None
