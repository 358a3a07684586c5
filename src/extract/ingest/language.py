"""Language identification (py3langid, model bundled in the package: nothing is downloaded).

Most input is English, and English prose is recognisable at a glance: a third to a half of its words are
function words ("the", "of", "and", ...; spaCy's English stop words), against a few percent in other
languages. A sample that clears ENGLISH_SHARE is taken as English without the identifier, which costs a
model load per process and half a millisecond per document; any other text goes to the identifier.
"""
from __future__ import annotations

import re
from functools import lru_cache

SAMPLE_CHARS = 1200  # enough for a confident answer; identification cost grows with length
MIN_CHARS = 200  # below this, identification is too unreliable to reject a document on it
MIN_PROBABILITY = 0.9
ENGLISH_SHARE = 0.3  # of the sample's words: English news 0.34-0.55 (BBC, 99%), other languages under 0.15
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def release_identifier() -> None:
    """Drop the identifier's model (70 MB) once the documents of a run are read: nothing else needs it, and
    it would otherwise stay in memory through the whole run."""
    _identifier.cache_clear()


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and the model's probability for it."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(prob)


def likely_languages(text: str, n: int) -> list[str]:
    """ISO 639-1 codes of the `n` languages the text most likely is in, the likeliest first (for a few words,
    the right one is among them more often than first: "9. Juli 2025" ranks German sixth)."""
    return [lang for lang, _ in _identifier().rank(text[:SAMPLE_CHARS])[:n]]


def plainly_english(text: str) -> bool:
    """Whether function words of English make up ENGLISH_SHARE of the words of the text's sample."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    common = _english_function_words()
    return bool(words) and sum(w in common for w in words) >= ENGLISH_SHARE * len(words)


def unsupported_language(text: str, supported: str = "en") -> str | None:
    """The detected language when the text is confidently not in `supported`, else None."""
    if len(text.strip()) < MIN_CHARS or supported == "en" and plainly_english(text):
        return None
    lang, prob = identify(text)
    return lang if lang != supported and prob >= MIN_PROBABILITY else None
