"""The ``briefgen`` command: a thin shell that parses, calls one library function, maps errors.

``briefgen NAME ...`` is shorthand for ``briefgen build NAME ...``. Exit codes (README, Exit codes):
0 success, 1 a document could not be produced from good input, 2 bad usage or bad input refused
before anything is written (``--strict`` and ``--final`` refusing, an ``--out`` that is a file),
130 interrupted. Errors go to stderr as
``error: file:line:col: path: message``, without a traceback unless ``--debug``.

The application, its global options and the helpers every command shares; the commands are in
the sibling modules (building, inspecting, packs, project), registered on import by ``briefgen.cli``.
"""

# No ``from __future__ import annotations`` in the modules that declare commands: typer reads the
# annotations of every command and callback on each run (about 56 functions), and given strings it
# compiles and evaluates each one again (typing.get_type_hints): measured, about two thirds of
# building the command line (0.14 s -> 0.04 s on a loaded machine), paid by every command, `--help` too.

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

import briefgen
from briefgen import languages
from briefgen.cli import printing
from briefgen.cli.cli_args import close_command, hide_argument_types, hoist_globals, name_languages, plain_coercion
from briefgen.errors import BriefgenError, FinalError, InputError
from briefgen.languages import LANGUAGES

# briefgen uses no pydantic plugins; looking for them scans every installed package's metadata,
# a cost every command would pay before doing anything.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class _BuildByDefault(TyperGroup):
    """A group where an unknown first word is a profile name for ``build``; global options go anywhere."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hide_argument_types(self)
        name_languages(self, _named_languages)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_coercion(self, ctx)
        return super().parse_args(ctx, hoist_globals(self, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            _refuse_typo(ctx, args[0], list(self.commands))
            args = ["build", *args]
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Complete command names and, since ``briefgen NAME`` builds, profile and visit names."""
        names = next(p for p in self.commands["build"].params if p.name == "names")
        return [*super().shell_complete(ctx, incomplete), *names.shell_complete(ctx, incomplete)]


def _refuse_typo(ctx: Any, word: str, commands: list[str]) -> None:
    """Exit 2 with "did you mean" when ``word`` is close to a command's name and names no profile or visit."""
    close = close_command(word, commands)
    if close is None or ctx.resilient_parsing:
        return
    try:
        places = _completion_places(ctx)
        known = word in places.partner_names() + places.visit_names()
    except BriefgenError:
        known = False
    if not known:
        fail([f"no command or profile named {word!r}; did you mean {close!r}? (see 'briefgen --help')"], 2)


def command_names() -> list[str]:
    """The names of briefgen's commands, read from the application (a profile may not take one)."""
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


app = typer.Typer(
    cls=_BuildByDefault,
    context_settings=HELP_OPTIONS,
    help="Merge partner profiles (YAML) into Word and PDF briefing documents.\n\nExample: briefgen japan",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _State:
    profiles: Path | None = None
    templates: Path | None = None
    quiet = False
    debug = False


state = _State()


def _completion_places(ctx: typer.Context) -> Any:
    """The folders to complete from: --profiles and --templates as typed so far, else the usual search."""
    given = ctx.find_root().params
    return briefgen.Places.find(given.get("profiles"), given.get("templates"))


def complete_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The profile and visit names starting with ``incomplete`` (shell completion)."""
    try:
        places = _completion_places(ctx)
        return [n for n in places.partner_names() + places.visit_names() if n.startswith(incomplete)]
    except BriefgenError:
        return []


def complete_partners(ctx: typer.Context, incomplete: str) -> list[str]:
    """The partner names starting with ``incomplete`` (shell completion)."""
    try:
        return [n for n in _completion_places(ctx).partner_names() if n.startswith(incomplete)]
    except BriefgenError:
        return []


def _complete_templates(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        return [n for n in briefgen.list_templates(_completion_places(ctx)) if n.startswith(incomplete)]
    except (BriefgenError, OSError):
        return []


def _complete_formats(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete the last of ``--format docx,pd``: the formats of the registry not given yet."""
    given, _, last = incomplete.rpartition(",")
    before = [g for g in given.split(",") if g]
    return [
        f"{given + ',' if given else ''}{n}"
        for n in (f.name for f in briefgen.FORMATS)
        if n.startswith(last) and n not in before
    ]


def _format_help() -> str:
    return "Comma-separated: " + "; ".join(f"{f.name} ({f.summary})" for f in briefgen.FORMATS) + "."


def error_lines(exc: BriefgenError) -> list[str]:
    """The error as the command line prints it: the library's words, then the flag it is about, ``(--out)``."""
    lines = flagged(exc.lines(), exc.option)
    cause = getattr(exc, "cause", exc)  # BuildFailed names the build and carries what failed it
    if isinstance(cause, FinalError) and cause.untranslated:
        lines[0] += "; translate with 'briefgen translate export NAME --lang LANG'"
    return lines


def flagged(lines: list[str], option: str | None) -> list[str]:
    """``lines`` with the command-line flag ``option`` named after the first (the library never names flags)."""
    if not option or not lines:
        return lines
    return [f"{lines[0]} (--{option})", *lines[1:]]


def fail(lines: list[str], code: int) -> NoReturn:
    """Print each line as an ``error:`` line on stderr and exit with ``code``."""
    for line in lines:
        printing.say(f"error: {line}", err=True)
    raise typer.Exit(code)


@contextmanager
def handled_errors() -> Iterator[None]:
    """Map briefgen's errors to a message on stderr and an exit code; --debug adds the traceback, same code."""
    try:
        yield
    except BriefgenError as exc:
        _traceback_if_debug()
        fail(error_lines(exc), exc.exit_code)
    except KeyboardInterrupt:
        _traceback_if_debug()
        fail(["interrupted"], 130)


def _traceback_if_debug() -> None:
    """With --debug, print the exception being handled, with its traceback, on stderr."""
    if state.debug:
        import traceback

        for line in traceback.format_exc().rstrip("\n").split("\n"):
            printing.say(line, err=True)


def current_places() -> Any:
    """Where the profiles and templates are: --profiles and --templates, else the usual search."""
    return briefgen.Places.find(state.profiles, state.templates)


def out_dir(out: Path | None, *, writing: bool = True) -> Path:
    """--out as given, else the project's output folder, else ./out; ``-`` (standard output) is refused.

    ``writing``: a folder that cannot be written (read-only) is refused now, before anything is rendered.
    """
    if out is not None and str(out) == "-":
        raise InputError(
            "'-' is not an output folder: briefgen writes files into a folder, not to standard output", option="out"
        )
    if out is None:
        project = current_places().project
        out = project.out if project is not None else Path("out")
    if writing:
        existing = next((p for p in (out, *out.absolute().parents) if p.exists()), None)
        if existing is not None and existing.is_dir() and not os.access(existing, os.W_OK | os.X_OK):
            raise InputError(f"{existing}: cannot write there (read-only); choose another output folder", option="out")
    return out


def project_default(given: str | None, key: str) -> str | None:
    """An option as given, else the project's setting (``template``, ``lang``)."""
    if given is not None:
        return given
    project = current_places().project
    return getattr(project, key) if project is not None else None


def say(text: str) -> None:
    """Print ``text`` on stdout unless --quiet."""
    if not state.quiet:
        printing.say(text)


def warn(text: str) -> None:
    """Print ``warning: text`` on stderr unless --quiet (which prints nothing but errors)."""
    if not state.quiet:
        printing.say(f"warning: {text}", err=True)


def _version(value: bool) -> None:
    if value:
        from briefgen.cli.doctor import versions  # ctypes and the versions of every library: --version only

        for name, version in versions().items():
            printing.say(f"{name} {version}")
        raise typer.Exit()


@app.callback()
def _main(
    profiles: Annotated[
        Path | None,
        typer.Option(envvar="BRIEFGEN_PROFILES", help="Folder of profiles (default: the shipped ones).", metavar="DIR"),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            envvar="BRIEFGEN_TEMPLATES", help="Folder of templates (default: the shipped ones).", metavar="DIR"
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Merge partner profiles (YAML) into Word and PDF briefing documents.

    Example: briefgen japan
    """
    state.profiles, state.templates, state.quiet, state.debug = profiles, templates, quiet, debug


NameArg = Annotated[
    list[str],
    typer.Argument(help="Profile or visit names (see 'briefgen list').", autocompletion=complete_names, metavar="NAME"),
]


def complete_langs(incomplete: str) -> list[str]:
    """The language codes starting with ``incomplete`` (shell completion)."""
    return [lang for lang in LANGUAGES if lang.startswith(incomplete)]


_LANG_HELP = ", ".join(LANGUAGES)


def _named_languages(help_text: str) -> str:
    """``--lang``'s help with each code followed by its language's name (see cli_args.name_languages)."""
    named = ", ".join(f"{code} ({languages.display_name(code)})" for code in LANGUAGES)
    return help_text.replace(_LANG_HELP, named, 1) if help_text.startswith(_LANG_HELP) else help_text


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=f"{_LANG_HELP} (default: the profile's language).",
        autocompletion=complete_langs,
        metavar="LANG",
    ),
]
TemplateOpt = Annotated[
    str | None,
    typer.Option(
        "--template", help="Template name (see 'briefgen list').", autocompletion=_complete_templates, metavar="NAME"
    ),
]
FormatOpt = Annotated[
    str, typer.Option("--format", help=_format_help(), autocompletion=_complete_formats, metavar="FORMATS")
]
BuildOutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Output folder; files go to OUT/NAME/ (default: the project's out/).", metavar="DIR"),
]


EditionOpt = Annotated[
    str | None,
    typer.Option(
        "--edition",
        help="internal, partner (without what is ours alone: lines to avoid, questions, their asks, vigilance, "
        "comments, our marking; in briefing.partner.pdf) or both; default: the visit's 'edition', else internal.",
        metavar="EDITION",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The documents' date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH when set, else today).",
        metavar="DATE",
    ),
]


def say_date_warnings(built: list[Any]) -> None:
    """One warning line per date a reader should know about (stale figures, a past visit), each said once.

    The dates are the profile's, so a build in several languages has the same warnings for each.
    """
    for line in dict.fromkeys(line for result in built for line in result.warnings):
        warn(line)


def warn_ignored(places: Any) -> None:
    """A warning line per file of the profiles folder that is not read (``korea.yml``), or named like a command."""
    for note in places.ignored():
        warn(note)
    commands = command_names()
    for name in places.partner_names() + places.visit_names():
        if name in commands:
            warn(
                f"profile {name!r} has the name of a command: 'briefgen {name}' runs the command; "
                f"build it with 'briefgen build {name}', or rename the file"
            )
