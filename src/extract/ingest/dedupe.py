"""Near-duplicate detection: a document most of whose word 5-grams appear in a longer one is a copy of it
(a truncated re-post, a re-download with different furniture)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 5
MIN_CONTAINMENT = 0.6
MIN_SHINGLES = 20  # shorter texts are too small to call copies


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of the lower-cased word n-grams of a text (Python's hash: the index lives in one process)."""
    words = _WORD.findall(text.lower())
    return {hash(gram) for gram in zip(*(words[i:] for i in range(n)))}


class NearDuplicateIndex:
    """Inverted index of shingles; feed documents longest first, so the original is indexed before its copies."""

    def __init__(self, min_containment: float = MIN_CONTAINMENT) -> None:
        self.min_containment = min_containment
        self._postings: dict[int, list[str]] = defaultdict(list)

    def add(self, doc_id: str, text: str) -> tuple[str, float] | None:
        """Index a document; return (doc_id of the document it copies, share of its shingles found there)."""
        own = shingles(text)
        best: tuple[str, float] | None = None
        if len(own) >= MIN_SHINGLES:
            shared = Counter(other for s in own for other in self._postings.get(s, ()))
            if shared:
                other, n = max(shared.items(), key=lambda kv: (kv[1], kv[0]))
                containment = n / len(own)
                if containment >= self.min_containment:
                    best = (other, containment)
        if best is None:
            for s in own:
                self._postings[s].append(doc_id)
        return best
