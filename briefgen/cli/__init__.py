"""The ``briefgen`` command: a thin shell that parses, calls one library function, maps errors.

``briefgen NAME ...`` is shorthand for ``briefgen build NAME ...``. Exit codes: 0 success,
1 a document could not be produced, 2 bad usage or bad input. Errors go to stderr as
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
    """Run the CLI (the console script's entry point)."""
    app(args=argv, prog_name="briefgen")


run: Callable[[], None] = main
