"""Pipeline runs shared by the tests that read a run's tables (treat them as read-only).

Each run happens once per test session, whichever module asks first; the spaCy model is loaded once per process.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import RAW

# Two short reports of one signing, written for the tests (no sample-article content).
ARTICLES = {
    "kenya.txt": """Kenya and Tanzania sign Lake Victoria Fisheries Treaty

Nairobi, March 4, 2021

Kenya and Tanzania signed the Lake Victoria Fisheries Treaty in Arusha on March 3, 2021. Foreign Minister Amina Odhiambo said the treaty ends a decade of disputes over fishing rights.

The two countries first negotiated the accord in 2019. Uganda is expected to join the treaty next year.
""",
    "tanzania.txt": """Fisheries pact signed in Arusha

Dar es Salaam, March 5, 2021

Tanzania and Kenya signed the Lake Victoria Fisheries Treaty on March 3, 2021, officials said. The treaty was signed by Foreign Minister Amina Odhiambo and her Tanzanian counterpart Joseph Mwakasege.

Tanzania imposed sanctions on illegal trawlers last year.
""",
}


_RUNS: dict[str, Path] = {}


def _run(kind: str, factory: pytest.TempPathFactory) -> Path:
    if kind not in _RUNS:
        _RUNS[kind] = _fresh_run(kind, factory)
    return _RUNS[kind]


def _fresh_run(kind: str, factory: pytest.TempPathFactory) -> Path:
    from extract.pipeline import run

    base = factory.mktemp(f"run-{kind}")
    if kind == "sample":
        source = RAW
    else:
        source = base / "input"
        source.mkdir()
        articles = ARTICLES if kind == "articles" else {"empty.txt": ""}  # "nothing": one rejected document
        for name, text in articles.items():
            (source / name).write_text(text, encoding="utf-8")
    run(source, base / "output")
    return base / "output"


def sample_output(factory: pytest.TempPathFactory) -> Path:
    """The tables of a run on the sample articles in raw/."""
    return _run("sample", factory)


def articles_output(factory: pytest.TempPathFactory) -> Path:
    """The tables of a run on ARTICLES."""
    return _run("articles", factory)


def nothing_output(factory: pytest.TempPathFactory) -> Path:
    """The tables of a run that found nothing (one empty, rejected document)."""
    return _run("nothing", factory)
