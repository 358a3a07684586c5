"""Language identification (py3langid, model bundled in the package: nothing is downloaded)."""
from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 1200  # enough for a confident answer; identification cost grows with length
MIN_CHARS = 200  # below this, identification is too unreliable to reject a document on it
MIN_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and the model's probability for it."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(prob)


def unsupported_language(text: str, supported: str = "en") -> str | None:
    """The detected language when the text is confidently not in `supported`, else None."""
    if len(text.strip()) < MIN_CHARS:
        return None
    lang, prob = identify(text)
    return lang if lang != supported and prob >= MIN_PROBABILITY else None
