"""notebooks/explore.ipynb runs headless on a fresh run, and on a run that found nothing, without an error.

The figures of the sample run are saved as PNG under build/notebook/ (or $EXTRACT_TEST_PLOTS) to be looked at,
with the executed notebook beside them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from . import runs
from .conftest import ROOT

pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
FIGURES = ("agreements_timeline", "events_timeline", "actor_network", "events_map", "agreement_lineage")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def execute(output: Path, plots: Path, monkeypatch) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel (from notebooks/, as Jupyter would); raises on the first error."""
    monkeypatch.setenv("EXTRACT_OUTPUT", str(output))
    monkeypatch.setenv("EXTRACT_PLOTS", str(plots))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    plots.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, plots / "explore.executed.ipynb")
    return notebook


def outputs(notebook: nbformat.NotebookNode, kind: str) -> list[dict]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == kind]


def test_notebook_runs_on_the_sample_and_saves_its_figures(tmp_path_factory, monkeypatch):
    plots = Path(os.environ.get("EXTRACT_TEST_PLOTS", ROOT / "build" / "notebook"))
    for figure in FIGURES:
        (plots / f"{figure}.png").unlink(missing_ok=True)
    notebook = execute(runs.sample_output(tmp_path_factory), plots, monkeypatch)

    assert not [o for o in outputs(notebook, "stream") if o["name"] == "stderr"], "the notebook printed warnings"
    for figure in FIGURES:
        png = (plots / f"{figure}.png").read_bytes()
        assert png.startswith(PNG_SIGNATURE) and len(png) > 20_000, figure
    shown = [o for o in outputs(notebook, "display_data") if "image/png" in o["data"]]
    assert len(shown) == len(FIGURES)
    printed = "".join(o["text"] for o in outputs(notebook, "stream"))
    dated = re.search(r"(\d+) agreements, (\d+) with a signing date", printed)
    assert dated and int(dated.group(2)) > 0
    html = "".join(o["data"].get("text/html", "") for o in outputs(notebook, "display_data"))
    assert "<mark>" in html  # the evidence of an event, words highlighted


def test_notebook_runs_on_a_run_that_found_nothing(tmp_path_factory, tmp_path, monkeypatch):
    notebook = execute(runs.nothing_output(tmp_path_factory), tmp_path, monkeypatch)
    printed = "".join(o["text"] for o in outputs(notebook, "stream"))
    assert "0 agreements, 0 with a signing date" in printed and "no events in this run" in printed
    assert all((tmp_path / f"{figure}.png").exists() for figure in FIGURES)


def test_readme_shows_the_timeline_picture():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert "docs/img/agreements_timeline.png" in pictures
    for picture in pictures:
        assert (ROOT / picture).read_bytes().startswith(PNG_SIGNATURE), picture
