#!/usr/bin/env python3
"""Throughput and memory of the pipeline against bare spaCy, on the same texts and model, in one run.

    .venv/bin/python bench/throughput.py --corpus ../shared/evaldata/bbc_news --docs 500
    .venv/bin/python bench/throughput.py --corpus ../shared/evaldata/bbc_news --docs 2225 --no-flow

Measures, each in a fresh subprocess so memory figures do not mix:
  (a) bare `nlp.pipe` over the texts (the model alone, loading included),
  (b) the full library pipeline `extract run` (ingest, NLP, normalization, resolution, Parquet), 1 process,
  (b2) the same with --processes N (default 2),
  (c) the Prefect flow `python -m flows.news_flow`, ephemeral server start-up included,
  (d) a no-op re-run of (b) on the unchanged input and output,
and prints words per second, the ratios to (a), and peak RSS. Works on any folder of .txt files.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from extract.ingest.decode import decode
    from extract.nlp.model import resolve_model_name
    import spacy
    files = sorted(Path(sys.argv[1]).rglob("*.txt"))
    texts = [decode(f.read_bytes()).text for f in files]
    t0 = time.perf_counter()
    nlp = spacy.load(resolve_model_name(sys.argv[2] or None))
    for doc in nlp.pipe(texts):
        pass
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")

LIBRARY = textwrap.dedent("""
    import json, resource, sys, time
    t0 = time.perf_counter()
    from extract.pipeline import run
    summary = run(sys.argv[1], sys.argv[2], model=sys.argv[3] or None, processes=int(sys.argv[4]))
    seconds = time.perf_counter() - t0
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": seconds, "rss_mb": rss / 1024, "stages": summary.seconds}))
""")


def words_in(folder: Path) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from extract.ingest.decode import decode

    return sum(len(decode(f.read_bytes()).text.split()) for f in sorted(folder.rglob("*.txt")))


def sample(corpus: Path, n: int, into: Path) -> int:
    """Copy the first n .txt files of the corpus (sorted) into a flat input folder."""
    files = sorted(corpus.rglob("*.txt"))[:n]
    into.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(files):
        shutil.copyfile(f, into / f"{i:05d}_{f.parent.name}_{f.name}")
    return len(files)


def python(code: str, *args: str, env: dict | None = None) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def flow(input_dir: Path, output: Path, model: str, prefect_home: str | None) -> dict:
    env = {**os.environ}
    if prefect_home:
        env["PREFECT_HOME"] = prefect_home
    cmd = [sys.executable, "-m", "flows.news_flow", str(input_dir), "--output", str(output)]
    if model:
        cmd += ["--model", model]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - t0
    if result.returncode != 0 or "Traceback" in result.stderr:
        raise SystemExit(f"flow failed:\n{result.stderr[-3000:]}")
    import resource

    return {"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="folder of .txt files (searched recursively)")
    ap.add_argument("--docs", type=int, default=500, help="number of documents (first N, sorted)")
    ap.add_argument("--model", default="", help="spaCy model (default: the pipeline's default)")
    ap.add_argument("--processes", type=int, default=2, help="process count for the (b2) measurement")
    ap.add_argument("--no-flow", action="store_true", help="skip the Prefect flow measurement")
    ap.add_argument("--prefect-home", default=None, help="PREFECT_HOME for the flow (default: the environment's)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        n = sample(a.corpus, a.docs, work / "input")
        words = words_in(work / "input")
        print(f"{n} documents, {words} words from {a.corpus}")
        figures = {"documents": n, "words": words}
        figures["bare"] = python(BARE, str(work / "input"), a.model)
        figures["library"] = python(LIBRARY, str(work / "input"), str(work / "out1"), a.model, "1")
        figures["noop_rerun"] = python(LIBRARY, str(work / "input"), str(work / "out1"), a.model, "1")
        figures[f"library_{a.processes}p"] = python(LIBRARY, str(work / "input"), str(work / "out2"), a.model, str(a.processes))
        if not a.no_flow:
            if a.prefect_home and not Path(a.prefect_home).exists():
                flow(work / "input", work / "warmup", a.model, a.prefect_home)  # first start migrates the database
            figures["flow"] = flow(work / "input", work / "out3", a.model, a.prefect_home)
        report(figures, a.processes)
        if a.json:
            a.json.write_text(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(f: dict, processes: int) -> None:
    words = f["words"]
    bare = words / f["bare"]["seconds"]
    rows = [("(a) bare nlp.pipe", "bare"), ("(b) library, 1 process", "library"),
            (f"(b2) library, {processes} processes", f"library_{processes}p"), ("(c) Prefect flow", "flow"),
            ("(d) no-op re-run of (b)", "noop_rerun")]
    print(f"{'measurement':<32}{'seconds':>9}{'words/s':>10}{'x bare':>8}{'peak RSS MB':>13}")
    for label, key in rows:
        if key not in f:
            continue
        s = f[key]["seconds"]
        print(f"{label:<32}{s:9.1f}{words / s:10.0f}{words / s / bare:8.2f}{f[key]['rss_mb']:13.0f}")
    lib = f["library"]["seconds"]
    print(f"ratios: b/a {f['bare']['seconds'] / lib:.2f}   "
          f"b2/b {lib / f[f'library_{processes}p']['seconds']:.2f}   "
          + (f"c/a {f['bare']['seconds'] / f['flow']['seconds']:.2f}   " if "flow" in f else "")
          + f"no-op re-run / first run {f['noop_rerun']['seconds'] / lib:.1%}")
    if "stages" in f["library"]:
        print("library stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in f["library"]["stages"].items()))


if __name__ == "__main__":
    sys.exit(main())
