"""Run one rendering in a forked child process while the parent does another (``briefgen japan``).

A single build wants a DOCX and a PDF. Both are Python-heavy (the GIL rules out threads), and
importing and laying out with WeasyPrint dominates; on a machine with a second core a forked child
can import docxtpl and render the DOCX meanwhile. The child returns bytes (or the error) through a
pipe and writes nothing: the parent still writes every file itself, after everything rendered.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable

from briefgen.errors import BriefgenError, RenderError


class Forked:
    """The result, later, of ``work()`` run in a forked child."""

    def __init__(self, work: Callable[[], bytes], what: str) -> None:
        self.what = what
        self.seconds = 0.0
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, report, and leave without running any cleanup
            os.close(read)
            started = time.perf_counter()
            status = "ok"
            value_or_error: bytes | str
            try:
                value_or_error = work()
            except BriefgenError as exc:
                status, value_or_error = "error", exc.message
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
                status, value_or_error = "error", f"{what} failed: {type(exc).__name__}: {exc}"
            with os.fdopen(write, "wb") as stream:
                stream.write(pickle.dumps((status, value_or_error, time.perf_counter() - started)))
            from briefgen.render.pdf import release_fonts

            release_fonts()  # os._exit runs no atexit: remove any font folder this child made
            os._exit(0)
        os.close(write)
        self._read = read

    def result(self) -> bytes:
        """Wait for the child; its bytes, or its error as a RenderError."""
        with os.fdopen(self._read, "rb") as stream:
            data = stream.read()
        os.waitpid(self.pid, 0)
        if not data:
            raise RenderError(f"{self.what}: the process rendering it died")
        status, value, self.seconds = pickle.loads(data)  # noqa: S301 - our own child's bytes
        if status != "ok":
            raise RenderError(str(value))
        assert isinstance(value, bytes)
        return value

    def cancel(self) -> None:
        """Stop the child (the parent failed and will not use the result)."""
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self._read)


def available() -> bool:
    """Whether forking is possible and worth it here (a second core, POSIX, not disabled)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and os.environ.get("BRIEFGEN_NO_FORK", "") == ""
