"""The ``briefgen`` command: a thin shell that parses, calls one library function, maps errors.

``briefgen NAME ...`` is shorthand for ``briefgen build NAME ...``. Exit codes (README, Exit codes):
0 success, 1 a document could not be produced from good input, 2 bad usage or bad input refused
before anything is written (``--strict`` and ``--final`` refusing, an ``--out`` that is a file),
130 interrupted. Errors go to stderr as
``error: file:line:col: path: message``, without a traceback unless ``--debug``.

The application and what every command shares are in ``app``; the commands, by what they are
for, in ``building``, ``inspecting``, ``packs`` and ``project``; each command calls the library
(``briefgen.pipeline.api``) once.
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.cli import building, inspecting, packs, project  # noqa: F401 - importing registers the commands
from briefgen.cli.app import app, command_names, complete_langs

__all__ = ["complete_langs", "app", "command_names", "main"]


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the console script's entry point).

    A reader that stops reading (``briefgen preview japan | head -1``) ends the command quietly, exit 0,
    as ``cat`` does: no BrokenPipeError traceback, no complaint when Python flushes standard output.
    """
    import sys

    try:
        app(args=argv, prog_name="briefgen")
    except BrokenPipeError:
        _reader_gone()
    except SystemExit as exc:
        # click turns a broken pipe into exit 1, its streams wrapped to keep quiet: a closed reader is no error.
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            _reader_gone()
        raise


def _reader_gone() -> None:
    import os
    import sys

    # Python flushes stdout again on exit: point it at /dev/null so that flush cannot fail too.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


run: Callable[[], None] = main
