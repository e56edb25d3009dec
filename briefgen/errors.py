"""briefgen's one error family. Exceptions carry context and never print; the CLI shows them.

Exit codes are decided here, once: bad input is 2, a document that could not be produced is 1.

Messages are in the library's words, for a Python caller as much as for the command line: they
never name a command-line flag. An error about what an option gave (the output folder, the
document's date, the earlier pack) says so in ``option`` (``"out"``), and the CLI, which alone
knows the flags, adds the hint when it prints it (``briefgen.cli.app.error_lines``: ``(--out)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefgen.text import shown


class BriefgenError(Exception):
    """Root of every error briefgen raises on purpose."""

    exit_code = 1
    option: str | None = None
    """The command-line option the error is about, as typed after ``--`` (``"out"``, ``"max-age"``)."""

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option

    def lines(self) -> list[str]:
        """The error as the lines the CLI prints after ``error: ``, user text shown with ``text.shown``."""
        return [shown(self.message)]


@dataclass(frozen=True)
class Problem:
    """One problem of an input file, with where it is."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        line = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return shown(line)

    def as_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping (``validate --json``)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }


class InputError(BriefgenError):
    """Bad usage or bad input: an unknown name, a missing file. Raised before any rendering."""

    exit_code = 2


class ProfileError(InputError):
    """A profile or visit file is unreadable or invalid. Raised by loading and validation."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def lines(self) -> list[str]:
        """One line per problem."""
        return [str(p) for p in self.problems]


class TemplateError(BriefgenError):
    """A template is broken or uses a name the context does not have. Raised by renderers."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        where = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
        super().__init__(where + message)
        self.detail = message
        """The message without its file and line."""
        self.file = file
        self.line = line


class RenderError(BriefgenError):
    """A renderer failed on valid input (WeasyPrint, docxtpl) or was refused a resource."""


class OutputError(BriefgenError):
    """The briefing could not be written: folder not writable, disk full. Raised by output."""


class OutputFolderError(OutputError):
    """The output folder given is a file (or lies under one): bad input, exit 2, found before rendering."""

    exit_code = 2


class BuildFailed(BriefgenError):
    """One name of several could not be built; ``built`` holds what was written before it."""

    def __init__(self, name: str, built: list[Any], cause: BriefgenError) -> None:
        super().__init__(f"{name}: not built: {cause.message}")
        self.name, self.built, self.cause = name, list(built), cause
        self.exit_code = cause.exit_code
        self.option = cause.option

    def lines(self) -> list[str]:
        """The cause's lines, each naming the build that failed."""
        return [f"{self.name}: not built: {line}" for line in self.cause.lines()]


class CheckError(BriefgenError):
    """``build --strict`` found something ``check`` lists; nothing was built (exit 2, like ``--final``)."""

    exit_code = 2

    def __init__(self, found: Sequence[Any]) -> None:
        super().__init__(f"{len(found)} finding(s) (see 'briefgen check'); nothing was built", option="strict")
        self.found = list(found)

    def lines(self) -> list[str]:
        """The summary, then one line per finding."""
        return [self.message, *(str(f) for f in self.found)]


class FinalError(InputError):
    """``build --final`` found what a final document may not have; nothing was built (exit 2).

    A gap, a placeholder, a missing translation, an old figure or title, a past visit, a missing minimum.
    """

    def __init__(self, found: Sequence[Any]) -> None:
        message = f"{len(found)} thing(s) to complete before a final document; nothing was built"
        super().__init__(message, option="final")
        self.found = list(found)
        # "stale" is also an old figure or title (at its as_of), which no translator can settle.
        self.untranslated = any(
            f.kind == "untranslated" or (f.kind == "stale" and not f.problem.path.endswith("as_of")) for f in found
        )
        """Whether a translation is missing or stale (the CLI then says how to export it for a translator)."""

    def lines(self) -> list[str]:
        """The summary, then one line per finding with its file:line."""
        return [self.message, *(str(f) for f in self.found)]
