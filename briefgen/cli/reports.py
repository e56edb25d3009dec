"""What ``briefgen diff`` and ``briefgen watch`` print: the changed facts, each build's outcome.

The facts come from profiles and from a ``--since`` file someone else may have written: each line is
composed, then passed whole through ``shown`` (a line break in a value cannot start a line of its
own), and printed on a ``briefgen.cli.printing`` console (which escapes what ``shown`` missed).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from briefgen.text import shown

if TYPE_CHECKING:
    from rich.console import Console

    from briefgen import Briefing, Changes, Outcome


_STYLES = {"heading": "bold", "added": "green", "changed": "yellow", "removed": "red"}


def print_changes(changes: Changes, console: Console, lang: str | None = None) -> None:
    """Print ``changes`` in ``lang`` alone (default: the profile's), words and numbers as the documents write them."""
    from rich.text import Text

    from briefgen import change_lines

    for status, text in change_lines(changes, lang):
        console.print(Text(shown(text), style=_STYLES.get(status, "")))


class TerminalReport:
    """Prints each outcome of ``watch``: the preview (``preview``), then what was written or what failed."""

    def __init__(self, console: Console, err_console: Console, quiet: bool = False, lang: str | None = None) -> None:
        """``quiet``: print only the errors, the changed facts and the files written: no preview, warning or status."""
        self.console, self.err, self.quiet, self.lang = console, err_console, quiet, lang
        self.warned: list[str] | None = None
        """The warnings printed last: a rebuild says them again only when they change."""
        self.fresh = True
        """No preview yet since the last outcome: the next one starts a new screen."""

    def preview(self, view: Briefing) -> None:
        """Print the briefing (not when quiet), on a cleared screen unless it follows another edition's."""
        if self.quiet:
            return
        from briefgen import render_terminal

        if self.fresh:
            self.console.clear()
            self.fresh = False
        render_terminal(view, self.console)

    def __call__(self, outcome: Outcome) -> None:
        """Print the outcome of one build."""
        from rich.text import Text

        def line(on: Any, text: str, style: str = "", **options: Any) -> None:
            on.print(Text(shown(text), style=style), **options)

        stamp = time.strftime("%H:%M:%S")
        self.fresh = True
        if outcome.error:
            line(self.err, f"{stamp} build failed; the last good documents are unchanged", "bold red")
            for error in outcome.error:
                line(self.err, f"error: {error}")
        else:
            if outcome.changes is not None and (self.quiet or not outcome.changes.empty):
                print_changes(outcome.changes, self.console, self.lang)
            if outcome.warnings != self.warned and not self.quiet:
                for warning in outcome.warnings:
                    line(self.err, f"warning: {warning}", "yellow", soft_wrap=True)
                self.warned = outcome.warnings
            for path in outcome.files:
                line(self.console, str(path))
            if not self.quiet:
                line(self.console, f"{stamp} built in {outcome.seconds:.2f} s", "green")
        if not self.quiet:
            line(self.console, "watching for changes (Ctrl-C to stop)", "dim")
