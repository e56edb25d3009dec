"""The ``briefgen`` command: a thin shell that parses, calls one library function, maps errors.

``briefgen NAME ...`` is shorthand for ``briefgen build NAME ...``. Exit codes (README, Exit codes):
0 success, 1 a document could not be produced from good input, 2 bad usage or bad input refused
before anything is written (``--strict`` and ``--final`` refusing, an ``--out`` that is a file),
130 interrupted. Errors go to stderr as
``error: file:line:col: path: message``, without a traceback unless ``--debug``.

The application and what every command shares are in ``app``; the commands, by what they are
for, in ``building``, ``inspecting``, ``packs`` and ``project``; each command calls the library
(``briefgen.pipeline.api``) once. Importing this package imports none of them (nor typer): ``main``
first guesses whether the command may lay out a PDF, and if so forks the child that imports WeasyPrint
(``briefgen.warm_renderer``) before typer and the commands are even imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefgen.cli.app import app, command_names, complete_langs

__all__ = ["complete_langs", "app", "command_names", "main"]


def __getattr__(name: str) -> Any:
    """``app``, ``command_names`` and ``complete_langs``, with every command registered, on first use."""
    if name not in ("app", "command_names", "complete_langs"):
        raise AttributeError(f"module 'briefgen.cli' has no attribute {name!r}")
    import importlib

    application = importlib.import_module("briefgen.cli.app")
    for commands in ("building", "inspecting", "packs", "project"):  # importing registers the commands
        importlib.import_module(f"briefgen.cli.{commands}")
    # Importing the module ``app`` made it this package's attribute ``app``: the application takes its place.
    globals().update(app=application.app, command_names=application.command_names,
                     complete_langs=application.complete_langs)  # fmt: skip
    return globals()[name]


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the console script's entry point).

    A reader that stops reading (``briefgen preview japan | head -1``) ends the command quietly, exit 0,
    as ``cat`` does: no BrokenPipeError traceback, no complaint when Python flushes standard output.
    """
    import sys

    import briefgen

    _warm_ahead(sys.argv[1:] if argv is None else argv)
    try:
        __getattr__("app")(args=argv, prog_name="briefgen")
    except BrokenPipeError:
        _reader_gone()
    except SystemExit as exc:
        # click turns a broken pipe into exit 1, its streams wrapped to keep quiet: a closed reader is no error.
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            _reader_gone()
        raise
    finally:
        briefgen.stop_warming()


def _warm_ahead(args: list[str]) -> None:
    """Start the child that imports WeasyPrint now, when the words of ``args`` may build a PDF."""
    import os

    import briefgen
    from briefgen.cli.cli_args import may_lay_out

    if not os.environ.get("_BRIEFGEN_COMPLETE") and may_lay_out(args, "pdf"):
        briefgen.warm_renderer("pdf")


def _reader_gone() -> None:
    import os
    import sys

    # Python flushes stdout again on exit: point it at /dev/null so that flush cannot fail too.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


run: Callable[[], None] = main
