"""Options read from the environment, in one place: they change the output, so the pipeline version
(`extract.version.pipeline_version`) includes them and a change reprocesses cached documents."""
from __future__ import annotations

import os

TIMEX_REFERENCES = "EXTRACT_TIMEX_REFERENCES"


def timex_references() -> bool:
    """Keep "now", "recently", "the future" (PRESENT_REF, PAST_REF, FUTURE_REF) in the dates, as TimeML does."""
    return os.environ.get(TIMEX_REFERENCES, "").lower() in ("1", "true", "yes")


def fingerprint() -> str:
    """The options that differ from the defaults, as a suffix for the pipeline version ("" by default)."""
    return "+timeml" if timex_references() else ""
