"""Run one rendering in a forked child process while the parent does another (``briefgen japan``).

A single build wants a DOCX and a PDF. Both are Python-heavy (the GIL rules out threads), and
importing and laying out with WeasyPrint dominates; on a machine with a second core a forked child
can import docxtpl and render the DOCX meanwhile. The child returns bytes (or the error) through a
pipe and writes nothing: the parent still writes every file itself, after everything rendered.

:class:`Ahead` starts the child before its input exists: a cold ``briefgen japan`` forks, as soon as it
knows there is a PDF to make, a child that imports WeasyPrint (about a third of the floor) while the
parent validates the profile, builds the view and its HTML; the parent then sends the HTML, and
renders the DOCX itself while the child lays the PDF out.

:func:`start_spare` forks such a child earlier still, at the command's very start (``briefgen.cli.main``),
before the command line is even parsed, when its words say it may build a PDF: the import then overlaps
typer's parsing and the loading too. The build takes it (:func:`take_spare`) instead of forking; a command
that turns out to make no PDF (up to date, DOCX only) has it stopped (:func:`drop_spare`), having cost
only some time on the second core.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, NoReturn

from briefgen.errors import BriefgenError, RenderError


class Forked:
    """The result, later, of ``work()`` run in a forked child."""

    done = False
    """The result was taken, or the child stopped: nothing left to wait for."""

    def __init__(self, work: Callable[[], bytes], what: str) -> None:
        self.what = what
        self.seconds = 0.0
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, report, and leave without running any cleanup
            try:
                os.close(read)
                _report(write, what, work)
            finally:
                _leave()  # never return into the parent's code
        os.close(write)
        self._read = read

    def result(self) -> bytes:
        """Wait for the child; its bytes, or its error as a RenderError."""
        self.done = True
        with os.fdopen(self._read, "rb") as stream:
            data = stream.read()
        os.waitpid(self.pid, 0)
        if not data:
            raise RenderError(f"{self.what}: the process rendering it died")
        import pickle  # here, not at the top: a command whose spare is stopped unused never needs it

        status, value, self.seconds = pickle.loads(data)  # noqa: S301 - our own child's bytes
        if status != "ok":
            raise RenderError(str(value))
        assert isinstance(value, bytes)
        return value

    def cancel(self) -> None:
        """Stop the child (the parent failed and will not use the result); nothing once the result is taken.

        It is reaped at once (a few milliseconds while the kernel frees its memory): its time counts in this
        process's, and the standard streams it shares are closed when this process ends.
        """
        import signal

        if self.done:
            return
        self.done = True
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self._read)


class Ahead(Forked):
    """The result, later, of ``work(request)`` in a child forked now, that runs ``warm()`` while it waits.

    The request is sent later (:meth:`send`, pickled through a pipe). A child whose parent never
    sends one (it failed, or was interrupted, and closed the pipe) leaves without doing the work.
    """

    def __init__(self, warm: Callable[[], object], work: Callable[[Any], bytes], what: str) -> None:
        self.what = what
        self.seconds = 0.0
        ask_read, ask_write = os.pipe()
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child
            try:
                os.close(read)
                os.close(ask_write)
                try:
                    warm()
                except Exception:  # noqa: BLE001, S110 - the work itself will fail and say why
                    pass
                with os.fdopen(ask_read, "rb") as stream:
                    asked = stream.read()
                if asked:  # else the parent gave up (failed or interrupted): nothing to do
                    import pickle

                    request = pickle.loads(asked)  # noqa: S301 - our own parent's bytes
                    named = request[1] if work is _assigned else what  # a spare learns its document's name now
                    _report(write, named, lambda: work(request))
            finally:
                _leave()  # never return into the parent's code (Ctrl-C while waiting, say)
        os.close(write)
        os.close(ask_read)
        self._read = read
        self._ask: int | None = ask_write

    def send(self, request: object) -> None:
        """Give the child its input; it starts the work at once."""
        assert self._ask is not None, "one request per child"
        ask, self._ask = self._ask, None
        try:
            with os.fdopen(ask, "wb") as stream:
                import pickle

                stream.write(pickle.dumps(request))
        except BrokenPipeError:
            pass  # the child is gone: result() says so (no BrokenPipeError for the CLI to take for a closed reader)

    def cancel(self) -> None:
        """Stop the child (the parent failed and will not use the result)."""
        if self._ask is not None:
            os.close(self._ask)
            self._ask = None
        super().cancel()


class Spare(Ahead):
    """A child forked ahead before anyone knows which document it will lay out: :meth:`assign` says, later.

    What it runs is sent with its input: ``(work, what, request)``, pickled (``work`` a picklable callable).
    """

    def __init__(self, warm: Callable[[], object], warms: str) -> None:
        super().__init__(warm, _assigned, "the document")
        self.warms = warms
        """The name of the format whose renderer it warms up (``pdf``)."""
        self._work: Callable[[Any], bytes] | None = None

    def assign(self, work: Callable[[Any], bytes], what: str) -> Spare:
        """Say what the child will make from the request :meth:`send` gives it; the spare itself."""
        self._work, self.what = work, what
        return self

    def send(self, request: object) -> None:
        """Give the child its work and input; it starts at once."""
        assert self._work is not None, "assign() first"
        super().send((self._work, self.what, request))


def _assigned(request: tuple[Callable[[Any], bytes], str, object]) -> bytes:
    """In a spare child: the work it was sent, on the input sent with it."""
    work, _what, source = request
    return work(source)


_spare: Spare | None = None
"""The spare child of this process, until taken or dropped (one a process)."""


def start_spare(warm: Callable[[], object], warms: str) -> None:
    """Fork a :class:`Spare` that runs ``warm()`` (the renderer of format ``warms``) now, unless forking is off."""
    global _spare
    if _spare is None and available():
        _spare = Spare(warm, warms)


def warm_renderer(format_name: str) -> bool:
    """Start, now, a child that imports the renderer of ``format_name`` for this process's next build to take.

    The command line calls it at its very start for a command that may lay out a PDF; a build that needs
    no such child stops it (see the module), and :func:`stop_warming` stops it when the command ends.
    False when nothing was started: a format with nothing to warm up, one core, or forking turned off.
    """
    from briefgen import render

    made = render.get(format_name)
    if made.staged is None:
        return False
    start_spare(made.warm, made.name)
    return _spare is not None


def stop_warming() -> None:
    """Stop the child :func:`warm_renderer` started, if no build took it."""
    drop_spare()


def take_spare() -> Spare | None:
    """The spare child, now the caller's (to :meth:`Spare.assign`, send and wait for), or None."""
    global _spare
    spare, _spare = _spare, None
    return spare


def drop_spare() -> None:
    """Stop the spare child nobody took (the command made no PDF); nothing when there is none."""
    spare = take_spare()
    if spare is not None:
        spare.cancel()


def _report(write: int, what: str, work: Callable[[], bytes]) -> NoReturn:
    """In the child: do the work, send its bytes or error to the parent, and leave without running any cleanup."""
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
        import pickle

        stream.write(pickle.dumps((status, value_or_error, time.perf_counter() - started)))
    _leave()


def _leave() -> NoReturn:
    """Leave the child without running the parent's cleanup, having removed any font folder it made."""
    try:
        from briefgen.render.pdf import release_fonts

        release_fonts()  # os._exit runs no atexit
    finally:
        os._exit(0)


def available() -> bool:
    """Whether forking is possible and worth it here (a second core, POSIX, not disabled)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and os.environ.get("BRIEFGEN_NO_FORK", "") == ""
