"""The pipeline version recorded with every document: package version, model, and a fingerprint of the
code and data files, so that any change to how documents are read makes them be processed again."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"
_PACKAGE = Path(__file__).resolve().parent
_FINGERPRINTED = (".py", ".yaml", ".txt", ".csv", ".json")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's Python and data files."""
    digest = hashlib.sha1()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _FINGERPRINTED and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


@lru_cache(maxsize=8)
def pipeline_version(model_name: str, options: str = "") -> str:
    """e.g. "0.1.0+en_core_web_sm-3.8.0+1a2b3c4d"; `options`: the run's settings that change the output
    (`RunConfig.fingerprint()`, "+timeml")."""
    import spacy.util

    try:
        model_version = spacy.util.get_package_version(model_name) or "local"
    except Exception:  # a model given as a path has no package version
        model_version = "local"
    return f"{__version__}+{model_name}-{model_version}+{code_fingerprint()}{options}"
