"""Settings in one place: the options read from the environment, which change the output (so the pipeline
version, `extract.version.pipeline_version`, includes them and a change reprocesses cached documents), and
the defaults the command lines show in their help (this module imports nothing heavy)."""
from __future__ import annotations

import os

DEFAULT_BATCH_SIZE = 64  # documents per batch: the unit of work of a task or worker process
TIMEX_REFERENCES = "EXTRACT_TIMEX_REFERENCES"


def timex_references() -> bool:
    """Keep "now", "recently", "the future" (PRESENT_REF, PAST_REF, FUTURE_REF) in the dates, as TimeML does."""
    return os.environ.get(TIMEX_REFERENCES, "").lower() in ("1", "true", "yes")


def fingerprint() -> str:
    """The options that differ from the defaults, as a suffix for the pipeline version ("" by default)."""
    return "+timeml" if timex_references() else ""
