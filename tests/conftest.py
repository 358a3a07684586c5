"""Shared fixtures. Prefect runs in a throw-away PREFECT_HOME with one test server for the whole session."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports prefect: a private home, and the local-run defaults of flows.local_prefect (which
# does not import Prefect itself).
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="prefect-home-")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("PREFECT_PROFILE", None)
from flows.local_prefect import apply_ephemeral_defaults  # noqa: E402

apply_ephemeral_defaults()
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with the project's components (loaded once)."""
    from extract.nlp.model import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for every test that runs a flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def analyze_text(nlp):
    """Run the whole per-document analysis on a text written in a test."""
    from datetime import date

    from extract.ingest import build_document, mask_text
    from extract.ingest.sources import RawItem
    from extract.process import analyze

    def run(text: str, published: date | None = None):
        meta = {"published": published.isoformat()} if published else {}
        document = build_document(RawItem("test.txt", "text", text.encode("utf-8"), meta))
        return analyze(nlp(mask_text(document.text, document.segments)), document)

    return run
