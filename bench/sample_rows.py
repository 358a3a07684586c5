"""Print random rows of a run's tables with the sentences behind them, for judging precision by hand.

    .venv/bin/python bench/sample_rows.py OUTPUT [--table agreements|events|actors] [--n 30] [--seed 1]

Each row is shown with what an analyst would check: for an agreement its name, parties, status and every
sentence that mentions it; for an event its type, participants, agreement, date, modality and the sentences
that report it; for an actor its name, type and the sentences of its first mentions.
"""
from __future__ import annotations

import argparse
import random
import textwrap
from pathlib import Path

import extract


def _sentences(tables, doc_id: str, spans: list[tuple[int, int]], limit: int = 3) -> list[str]:
    text = tables.documents.set_index("doc_id").loc[doc_id, "text"]
    out = []
    for start, end in spans[:limit]:
        out.append(" ".join(text[start:end].split()))
    return out


def show_agreements(tables, rows) -> None:
    mentions = tables.mentions
    for i, (_, row) in enumerate(rows.iterrows(), 1):
        print(f"[{i}] AGREEMENT {row['name']!r}  kind={row['kind']} parties={list(row['parties'])} "
              f"status={row['status']} signed={row['signed']}")
        own = mentions[mentions.agreement_id == row.agreement_id]
        for doc_id, group in own.groupby("doc_id"):
            source = tables.documents.set_index("doc_id").loc[doc_id, "source"]
            spans = sorted(set(zip(group.sentence_start, group.sentence_end)))
            print(f"    {source}: mentions {sorted(set(group.text))}")
            for s in _sentences(tables, doc_id, spans):
                print(textwrap.indent(textwrap.fill(s, 110), "      | "))


def show_events(tables, rows) -> None:
    reports = tables.event_mentions
    names = tables.agreements.set_index("agreement_id")["name"].to_dict()
    for i, (_, row) in enumerate(rows.iterrows(), 1):
        print(f"[{i}] EVENT {row['type']} participants={list(row['participants'])} "
              f"agreement={names.get(row['agreement_id'])!r} date={row['date']} place={row['place']} "
              f"modality={row['modality']}")
        for _, r in reports[reports.event_id == row.event_id].head(3).iterrows():
            source = tables.documents.set_index("doc_id").loc[r.doc_id, "source"]
            print(f"    {source} (trigger {r['trigger']!r}):")
            print(textwrap.indent(textwrap.fill(" ".join(r["sentence"].split()), 110), "      | "))


def show_actors(tables, rows) -> None:
    mentions = tables.mentions
    for i, (_, row) in enumerate(rows.iterrows(), 1):
        print(f"[{i}] ACTOR {row['name']!r} type={row['type']} iso3={row['iso3']} aliases={list(row['aliases'])[:6]}")
        own = mentions[mentions.actor_id == row.actor_id].head(2)
        for _, m in own.iterrows():
            print(textwrap.indent(textwrap.fill(
                _sentences(tables, m.doc_id, [(m.sentence_start, m.sentence_end)])[0], 110), "      | "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path, help="an output folder of `extract run`")
    parser.add_argument("--table", choices=["agreements", "events", "actors"], default="agreements")
    parser.add_argument("--n", type=int, default=30, help="how many rows (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    tables = extract.load(args.output)
    table = getattr(tables, args.table)
    rows = table.iloc[sorted(random.Random(args.seed).sample(range(len(table)), min(args.n, len(table))))]
    {"agreements": show_agreements, "events": show_events, "actors": show_actors}[args.table](tables, rows)


if __name__ == "__main__":
    main()
