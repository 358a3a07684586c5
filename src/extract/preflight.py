"""What a run needs, checked before it starts: a spaCy model that exists and an output folder it can write.

Without these checks a missing model is found when the first batch loads it, after ingest has read every
file, and an unwritable output when the first result is cached, or when the tables are written at the very
end. Both raise exceptions whose message names the thing and the fix, for a command line to print as is.
"""
from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

from extract.nlp.model import ModelNotFound, resolve_model_name
from extract.store import state_dir


class OutputUnusable(OSError):
    """The output folder cannot hold the tables (a file, not writable, not creatable)."""


def check_model(model: str | None = None) -> str:
    """The name of the model a run will load; ModelNotFound, naming the installed ones, if it is neither an
    installed spaCy pipeline nor a pipeline's folder. (The model is not loaded: that takes seconds.)"""
    name = resolve_model_name(model)
    if _is_pipeline_folder(Path(name)):
        return name
    spec = importlib.util.find_spec(name) if name.isidentifier() else None
    if spec is not None and spec.submodule_search_locations:
        package = Path(next(iter(spec.submodule_search_locations)))
        if (package / "meta.json").exists() or any(_is_pipeline_folder(p) for p in package.iterdir() if p.is_dir()):
            return name
    from spacy.util import get_installed_models

    installed = ", ".join(sorted(get_installed_models())) or "none"
    raise ModelNotFound(f"spaCy model {name!r} is not installed (installed: {installed}); "
                        f"install it (pip install ...) or pass --model with an installed one")


def _is_pipeline_folder(path: Path) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


def check_output(output: Path | str) -> None:
    """Make sure the output folder exists (it is created) and that files can be created in it and in its
    state folder, where the cache and the snapshots go; OutputUnusable otherwise."""
    output = Path(output)
    if output.exists() and not output.is_dir():
        raise OutputUnusable(f"--output {output} is a file, not a folder: name a folder (it is created if missing)")
    try:
        state_dir(output).mkdir(parents=True, exist_ok=True)
        for folder in (output, state_dir(output)):
            with tempfile.TemporaryFile(dir=folder):
                pass
    except NotADirectoryError:
        raise OutputUnusable(f"--output {output}: a part of the path is a file, not a folder") from None
    except OSError as exc:
        where = exc.filename or output
        raise OutputUnusable(f"cannot write to the output folder {where}: {exc.strerror or exc}; fix its "
                             f"permissions or pass another --output") from None
    if not os.access(output, os.R_OK):
        raise OutputUnusable(f"cannot read the output folder {output}: fix its permissions or pass another --output")
