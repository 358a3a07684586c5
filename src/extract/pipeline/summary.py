"""What a run did: documents by status, how many the NLP read, rows per table, seconds per stage; as one line
for terminals and logs, and as the Markdown report the flow publishes."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.tables import SPECS


@dataclass
class RunSummary:
    """What a run did: documents by status, how many the NLP read, rows per table, seconds per stage."""

    output: Path
    statuses: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    n_words: int = 0  # words of the documents the NLP read in this run
    n_processed: int = 0  # documents the NLP read in this run
    n_cached: int = 0  # documents whose results came from earlier runs

    @property
    def n_documents(self) -> int:
        return sum(self.statuses.values())

    def throughput(self) -> tuple[float, float]:
        """Documents and words per second of the NLP stage (0 when it had nothing to do)."""
        seconds = self.seconds.get("nlp", 0.0)
        if not self.n_processed or seconds <= 0:
            return 0.0, 0.0
        return self.n_processed / seconds, self.n_words / seconds

    def line(self) -> str:
        """One line for logs and terminals: counts by status, NLP work, table sizes and time."""
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items()))
        return (f"{self.n_documents} documents ({statuses or 'none'}); "
                f"NLP on {self.n_processed}, {self.n_cached} from cache; "
                + "".join(f"{self.rows.get(s.name, 0)} {s.name}, " for s in SPECS if s.in_summary).removesuffix(", ")
                + f" in {sum(self.seconds.values()):.1f}s -> {self.output}")

    def markdown(self) -> str:
        """The summary as a Markdown report (published as a Prefect artifact by the flow)."""
        docs_per_s, words_per_s = self.throughput()
        lines = ["# news-extract run", "", f"Output: `{self.output}`", "",
                 "| documents | count |", "|---|---:|"]
        lines += [f"| {status} | {n} |" for status, n in sorted(self.statuses.items())]
        lines += [f"| **total** | **{self.n_documents}** |", f"| read by the NLP in this run | {self.n_processed} |",
                  f"| results reused from earlier runs | {self.n_cached} |", "",
                  "| stage | seconds |", "|---|---:|"]
        lines += [f"| {stage} | {seconds:.2f} |" for stage, seconds in self.seconds.items()]
        lines += [f"| **total** | **{sum(self.seconds.values()):.2f}** |", "",
                  f"NLP throughput: {docs_per_s:.2f} documents/s, {words_per_s:,.0f} words/s "
                  f"({self.n_words:,} words).", "", "| table | rows |", "|---|---:|"]
        lines += [f"| {name} | {n} |" for name, n in self.rows.items()]
        return "\n".join(lines) + "\n"


def count_words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)
