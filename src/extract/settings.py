"""Settings in one place: the configuration of a run (`RunConfig`), passed explicitly from the command line or
the flow to every step, worker process and the spaCy pipeline, and the defaults the command lines show in
their help. The options that change the output are part of the pipeline version
(`extract.version.pipeline_version`), so a change reprocesses the cached documents. The environment is read
here only, when a command line or the flow builds its configuration (this module imports nothing heavy)."""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_BATCH_SIZE = 64  # documents per batch: the unit of work of a task or worker process
TIMEX_REFERENCES = "EXTRACT_TIMEX_REFERENCES"  # environment variable: the default of `timex_references`


@dataclass(frozen=True)
class RunConfig:
    """How a run reads its documents.

    model: the spaCy pipeline to load (None: the default model, see `extract.nlp.model`).
    batch_size: documents per batch, the unit of work of a task or worker process.
    processes: worker processes for the NLP (1: in the run's own process).
    timex_references: also keep "now", "recently", "the future" (PRESENT_REF, PAST_REF, FUTURE_REF) in the dates,
        as TimeML does; they name no calendar period, so they are left out by default.
    """

    model: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    processes: int = 1
    timex_references: bool = False

    @classmethod
    def from_environment(cls, **options: object) -> RunConfig:
        """The options given, with the environment's for those not given (EXTRACT_TIMEX_REFERENCES=1)."""
        options.setdefault("timex_references", os.environ.get(TIMEX_REFERENCES, "").lower() in ("1", "true", "yes"))
        return cls(**options)  # type: ignore[arg-type]

    def fingerprint(self) -> str:
        """The options that change the output and differ from the defaults, as a suffix of the pipeline version
        ("" by default)."""
        return "+timeml" if self.timex_references else ""
