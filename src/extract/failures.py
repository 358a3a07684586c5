"""The failures a run can foresee, each as one line that names the thing and the fix, with its exit code.

The command lines print these lines instead of tracebacks; anything not described here is unforeseen, and
is reported as such (with its traceback under --debug).
"""
from __future__ import annotations

import errno

from extract.nlp.model import ModelNotFound
from extract.preflight import OutputUnusable
from extract.store import OutputBusy

EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 1, 2, 3

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}
_LEFT_AS_IT_WAS = "the tables were left as they were and the next run resumes from the cache"


def describe(exc: BaseException) -> tuple[str | None, int]:
    """(one line, exit code) for a foreseeable failure; (None, EXIT_FAILED) for any other."""
    if isinstance(exc, OutputBusy):
        return str(exc), EXIT_BUSY
    if isinstance(exc, (ModelNotFound, OutputUnusable)):
        return f"error: {exc}", EXIT_USAGE
    if isinstance(exc, OSError) and exc.errno is not None:
        where = exc.filename or "a file"
        if exc.errno in _NO_SPACE:
            return (f"error: no space left on the device while writing {where}: free some space or pass another "
                    f"--output; {_LEFT_AS_IT_WAS}"), EXIT_FAILED
        if exc.errno in _NOT_ALLOWED:
            return (f"error: cannot write {where} ({exc.strerror}): fix its permissions or pass another "
                    f"--output; {_LEFT_AS_IT_WAS}"), EXIT_FAILED
        return f"error: {exc.strerror or exc}: {where}", EXIT_FAILED
    return None, EXIT_FAILED
