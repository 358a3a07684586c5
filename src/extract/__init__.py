"""news-extract: raw news articles to Parquet tables of actors, agreements, events and dates.

    from extract import run
    summary = run("raw/", "output/")

Stages: `extract.ingest` -> `extract.process` (spaCy) -> `extract.resolve` -> `extract.tables` -> `extract.store`.
"""
from extract.version import __version__

__all__ = ["__version__", "run"]


def run(*args, **kwargs):
    """Run the whole pipeline (see `extract.pipeline.run`)."""
    from extract.pipeline import run as _run

    return _run(*args, **kwargs)
