"""What time-expression work costs next to spaCy, on the BBC corpus (the issue's bar: under 10%).

    .venv/bin/python bench/timex_cost.py [--corpus ../shared/evaldata/bbc_news] [--limit N] [--anchor 2005-01-01]

Measured in one run on the same texts: (1) bare `nlp.pipe` of the spaCy model alone; (2) the project's
detector component (`extract_timex`: grammar scan, parse checks, spaCy entities) and (3) the date extractor
(normalization with anchoring, clause tense, references, ranges) on the parsed documents. The texts carry no
publication date, so every document gets `--anchor`, which makes relative expressions resolve as in real use.
Caches start cold. Prints figures only: timings on a shared machine are indicative, the ratio is the point.
"""
from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import spacy

from extract.extractors.dates import extract_dates
from extract.ingest.decode import decode
from extract.nlp.model import load_pipeline, resolve_model_name
from extract.records import Document

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "evaldata" / "bbc_news")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files (default: all)")
    ap.add_argument("--anchor", type=date.fromisoformat, default=date(2005, 1, 1))
    ap.add_argument("--batch-size", type=int, default=64)
    a = ap.parse_args()

    paths = sorted(a.corpus.rglob("*.txt"))
    paths = [p for p in paths if p.name.lower() != "readme.txt"][: a.limit or None]
    if not paths:
        ap.error(f"no .txt files under {a.corpus} (give the BBC corpus with --corpus)")
    texts = [decode(p.read_bytes()).text for p in paths]
    print(f"{len(texts)} texts, {sum(map(len, texts)) / 1e6:.2f} M characters, model {resolve_model_name()}")

    bare = spacy.load(resolve_model_name())
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=a.batch_size):
        pass
    spacy_s = time.perf_counter() - t0

    nlp = load_pipeline()
    with nlp.select_pipes(disable=["extract_timex"]):
        docs = list(nlp.pipe(texts, batch_size=a.batch_size))
    detector = nlp.get_pipe("extract_timex")
    t0 = time.perf_counter()
    docs = [detector(doc) for doc in docs]
    detect_s = time.perf_counter() - t0

    documents = [Document(doc_id=str(i), source=str(p), text=t, published=a.anchor)
                 for i, (p, t) in enumerate(zip(paths, texts))]
    t0 = time.perf_counter()
    n = sum(len(extract_dates(doc, d)) for doc, d in zip(docs, documents))
    normalize_s = time.perf_counter() - t0

    total = detect_s + normalize_s
    print(f"spaCy alone (bare nlp.pipe)        {spacy_s:8.2f} s")
    print(f"timex detection (extract_timex)    {detect_s:8.2f} s  {100 * detect_s / spacy_s:5.1f}% of spaCy")
    print(f"normalization (extract_dates)      {normalize_s:8.2f} s  {100 * normalize_s / spacy_s:5.1f}% of spaCy")
    print(f"time expressions, all              {total:8.2f} s  {100 * total / spacy_s:5.1f}% of spaCy"
          f"  ({n} expressions, {1e3 * total / max(n, 1):.2f} ms each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
