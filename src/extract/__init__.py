"""news-extract: raw news articles to Parquet tables of actors, agreements, events and dates.

    from extract import run
    summary = run("raw/", "output/")

    import extract
    tables = extract.load("output/")     # pandas DataFrames, e.g. tables.events; tables.evidence(row)
    db = extract.connect("output/")      # DuckDB with one view per table

Stages: `extract.ingest` -> `extract.process` (spaCy) -> `extract.resolve` -> `extract.tables` -> `extract.store`.
Importing the package is light: spaCy, pandas and DuckDB are imported when a function first needs them.
"""
from extract.version import __version__

__all__ = ["__version__", "connect", "describe", "load", "run"]

# Names served by extract.explore, imported on first use (PEP 562).
_EXPLORE = {"load", "connect", "describe", "Tables"}


def run(*args, **kwargs):
    """Run the whole pipeline (see `extract.pipeline.run`)."""
    from extract.pipeline import run as _run

    return _run(*args, **kwargs)


def __getattr__(name: str):
    if name in _EXPLORE:
        from extract import explore

        return getattr(explore, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
