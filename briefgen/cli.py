"""The ``briefgen`` command: a thin shell that parses, calls one library function, maps errors.

``briefgen NAME ...`` is shorthand for ``briefgen build NAME ...``. Exit codes: 0 success,
1 a document could not be produced, 2 bad usage or bad input. Errors go to stderr as
``error: file:line:col: path: message``, without a traceback unless ``--debug``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from briefgen import languages
from briefgen.errors import BriefgenError
from briefgen.languages import LANGUAGES
from briefgen.text import markup_safe, shown

# briefgen uses no pydantic plugins; looking for them scans every installed package's metadata,
# a cost every command would pay before doing anything.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class _BuildByDefault(TyperGroup):
    """A group where an unknown first word is a profile name for ``build``; global options go anywhere."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from briefgen.cli_args import hide_argument_types

        hide_argument_types(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from briefgen.cli_args import hoist_globals

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
    from briefgen.cli_args import close_command

    close = close_command(word, commands)
    if close is None or ctx.resilient_parsing:
        return
    try:
        places = _completion_places(ctx)
        known = word in places.partner_names() + places.visit_names()
    except BriefgenError:
        known = False
    if not known:
        _fail([f"no command or profile named {word!r}; did you mean {close!r}? (see 'briefgen --help')"], 2)


def command_names() -> list[str]:
    """The names of briefgen's commands, read from the application (a profile may not take one)."""
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


_HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    cls=_BuildByDefault,
    context_settings=_HELP_OPTIONS,
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


_state = _State()


def _completion_places(ctx: typer.Context) -> Any:
    """The folders to complete from: --profiles and --templates as typed so far, else the usual search."""
    from briefgen.catalog import Places

    given = ctx.find_root().params
    return Places.find(given.get("profiles"), given.get("templates"))


def _complete_names(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        places = _completion_places(ctx)
        return [n for n in places.partner_names() + places.visit_names() if n.startswith(incomplete)]
    except BriefgenError:
        return []


def _complete_partners(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        return [n for n in _completion_places(ctx).partner_names() if n.startswith(incomplete)]
    except BriefgenError:
        return []


def _complete_templates(ctx: typer.Context, incomplete: str) -> list[str]:
    from briefgen import api

    try:
        return [n for n in api.list_templates(_completion_places(ctx)) if n.startswith(incomplete)]
    except (BriefgenError, OSError):
        return []


def _complete_formats(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete the last of ``--format docx,pd``: the formats of the registry not given yet."""
    from briefgen.render import NAMES

    given, _, last = incomplete.rpartition(",")
    before = [g for g in given.split(",") if g]
    return [f"{given + ',' if given else ''}{n}" for n in NAMES if n.startswith(last) and n not in before]


def _format_help() -> str:
    from briefgen.render import FORMATS

    return "Comma-separated: " + "; ".join(f"{f.name} ({f.summary})" for f in FORMATS) + "."


def _fail(lines: list[str], code: int) -> NoReturn:
    for line in lines:
        typer.echo(f"error: {shown(line)}", err=True)
    raise typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Map briefgen's errors to a message on stderr and an exit code; --debug adds the traceback, same code."""
    try:
        yield
    except BriefgenError as exc:
        _traceback_if_debug()
        _fail(exc.lines(), exc.exit_code)
    except KeyboardInterrupt:
        _traceback_if_debug()
        _fail(["interrupted"], 130)


def _traceback_if_debug() -> None:
    """With --debug, print the exception being handled, with its traceback, on stderr."""
    if _state.debug:
        import traceback

        typer.echo(traceback.format_exc().rstrip("\n"), err=True)


def _places() -> Any:
    from briefgen.catalog import Places

    return Places.find(_state.profiles, _state.templates)


def _out(out: Path | None) -> Path:
    """--out as given, else the project's output folder, else ./out."""
    if out is not None:
        return out
    project = _places().project
    return project.out if project is not None else Path("out")


def _project_default(given: str | None, key: str) -> str | None:
    """An option as given, else the project's setting (``template``, ``lang``)."""
    if given is not None:
        return given
    project = _places().project
    return getattr(project, key) if project is not None else None


def _say(text: str) -> None:
    if not _state.quiet:
        typer.echo(shown(text))


def _version(value: bool) -> None:
    if value:
        from briefgen.doctor import versions

        for name, version in versions().items():
            typer.echo(f"{name} {version}")
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
    _state.profiles, _state.templates, _state.quiet, _state.debug = profiles, templates, quiet, debug


NameArg = Annotated[
    list[str],
    typer.Argument(
        help="Profile or visit names (see 'briefgen list').", autocompletion=_complete_names, metavar="NAME"
    ),
]


def _complete_langs(incomplete: str) -> list[str]:
    return [lang for lang in LANGUAGES if lang.startswith(incomplete)]


_LANG_HELP = ", ".join(f"{code} ({languages.display_name(code)})" for code in LANGUAGES)
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=f"{_LANG_HELP} (default: the profile's language).",
        autocompletion=_complete_langs,
        metavar="LANG",
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


@app.command()
def build(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Profile or visit names (see 'briefgen list').",
            autocompletion=_complete_names,
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every partner profile and every visit found.")] = False,
    open_: Annotated[
        bool, typer.Option("--open", help="Open the result in the desktop's viewer (the PDF, if built).")
    ] = False,
    format: Annotated[
        str, typer.Option("--format", help=_format_help(), autocompletion=_complete_formats, metavar="FORMATS")
    ] = "docx,pdf",
    lang: LangOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Output folder; files go to OUT/NAME/ (default: the project's out/).", metavar="DIR"
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help="Template name (see 'briefgen list').",
            autocompletion=_complete_templates,
            metavar="NAME",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Run 'briefgen check' first and build nothing if it lists anything.")
    ] = False,
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="A final document: no DRAFT mark; refuse (exit 2) any gap, TODO placeholder or missing translation.",
        ),
    ] = False,
    pdf_variant: Annotated[
        str | None,
        typer.Option("--pdf-variant", help="pdf/a-3b (archiving), pdf/a-2b, pdf/a-3u or pdf/ua-1.", metavar="VARIANT"),
    ] = None,
    timings: Annotated[bool, typer.Option("--timings", help="Print the time spent in each stage.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every field shown in the profile's own language.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if nothing changed.")] = False,
    date: DateOpt = None,
    max_age: Annotated[
        str,
        typer.Option(
            "--max-age", help="Warn about figures older than this on the documents' date: 90d, 12m, 2y.", metavar="AGE"
        ),
    ] = "12m",
) -> None:
    """Write OUT/NAME/briefing.docx and briefing.pdf for each NAME (skipped if nothing changed).

    Example: briefgen build japan --format pdf,md --out /tmp/briefings
    """
    from briefgen import api
    from briefgen.dating import parse_date_option

    stages: dict[str, float] | None = {} if timings else None
    with _errors():
        try:
            built = api.build(
                _build_names(names or [], every),
                formats=format.split(","),
                lang=_project_default(lang, "lang"),
                out=_out(out),
                template=_project_default(template, "template"),
                strict=strict,
                final=final,
                pdf_variant=pdf_variant,
                force=force,
                places=_places(),
                timings=stages,
                date=parse_date_option(date),
                max_age=max_age,
            )
        except api.BuildFailed as exc:
            _say_built(exc.built)  # what was written before the failure, then the error naming it
            _say_date_warnings(exc.built)
            raise
    _say_built(built)
    if stages is not None:
        for stage, seconds in stages.items():
            typer.echo(f"timing: {stage:<38} {seconds * 1000:8.1f} ms", err=True)
    _say_gaps(built, verbose)
    _say_date_warnings(built)
    if open_:
        _open_results(built)


def _build_names(names: list[str], every: bool) -> list[str]:
    """The names given, then with --all every partner and visit; none at all is bad usage."""
    from briefgen.errors import InputError

    if every:
        places = _places()
        names = list(dict.fromkeys([*names, *places.partner_names(), *places.visit_names()]))
    if not names:
        raise InputError("name the profiles or visits to build, or use --all for all of them (see 'briefgen list')")
    return names


def _open_results(built: list[Any]) -> None:
    """Open each build's main document in the desktop's viewer; a note on stderr when that is not possible."""
    from briefgen.opener import document_to_open, open_in_viewer

    for result in built:
        path = document_to_open(result.files) or document_to_open(
            sorted(Path(result.folder).glob("briefing.*")) if result.folder else []
        )
        if path is None:
            continue
        why = open_in_viewer(path)
        if why is not None:
            typer.echo(shown(f"note: {path} was built but not opened: {why}"), err=True)


def _say_date_warnings(built: list[Any]) -> None:
    """One warning line per date a reader should know about (stale figures, a past visit) of each build."""
    for line in (line for result in built for line in result.warnings):
        typer.echo(f"warning: {shown(line)}", err=True)


def _say_gaps(built: list[Any], verbose: bool) -> None:
    """One warning line per build language with fields shown in the profile's own; each field with --verbose."""
    for result in built:
        if not result.untranslated:
            continue
        lang = result.lang
        stale = sum("stale" in p.message for p in result.untranslated)
        count = len(result.untranslated)
        detail = f" ({stale} of them stale)" if stale else ""
        typer.echo(
            f"warning: {result.name}: {lang}: {count} field(s) have no current {languages.english_name(lang)} "
            f"text{detail} and show the profile's own language; see 'briefgen check {result.name} --lang {lang}'",
            err=True,
        )
        if verbose:
            for problem in result.untranslated:
                typer.echo(f"  {shown(problem)}", err=True)


def _warn_ignored(places: Any) -> None:
    """A warning line per file of the profiles folder that is not read (``korea.yml``), or named like a command."""
    for note in places.ignored():
        typer.echo(f"warning: {note}", err=True)
    commands = command_names()
    for name in places.partner_names() + places.visit_names():
        if name in commands:
            typer.echo(
                shown(
                    f"warning: profile {name!r} has the name of a command: 'briefgen {name}' runs the command; "
                    f"build it with 'briefgen build {name}', or rename the file"
                ),
                err=True,
            )


def _say_built(built: list[Any]) -> None:
    for result in built:
        if result.status == "up to date":
            _say(f"up to date: {result.folder} (use --force to rebuild)")
            continue
        for path in result.files:
            _say(str(path))


@app.command()
def preview(
    name: Annotated[str, typer.Argument(help="Profile name.", autocompletion=_complete_names, metavar="NAME")],
    lang: LangOpt = None,
    pager: Annotated[
        bool, typer.Option("--pager/--no-pager", help="Page a briefing taller than the screen (on a terminal).")
    ] = True,
    date: DateOpt = None,
) -> None:
    """Show the briefing in the terminal, with the same content as the documents.

    Example: briefgen preview japan
    """
    from rich.console import Console

    from briefgen import api
    from briefgen.dating import parse_date_option
    from briefgen.paging import print_paged
    from briefgen.render.terminal import render_terminal

    with _errors():
        view = api.briefing(name, lang=lang, places=_places(), date=parse_date_option(date))
    print_paged(lambda console: render_terminal(view, console), Console(), page=pager)


@app.command()
def check(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Profile or visit names (default: all).", autocompletion=_complete_names, metavar="NAME"),
    ] = None,
    max_age: Annotated[
        str, typer.Option("--max-age", help="Oldest acceptable as-of date: 90d, 12m, 2y.", metavar="AGE")
    ] = "12m",
    today: Annotated[
        str | None, typer.Option("--today", help="Check as if today were this date (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Also list fields with no (or stale) text in this language, and count them.",
            autocompletion=_complete_langs,
            metavar="LANG",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when anything is listed.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """List stale figures, unsourced claims, uncited sources and untranslated fields.

    Example: briefgen check japan --max-age 6m --lang en
    """
    import datetime as dt

    from briefgen import api
    from briefgen.errors import InputError
    from briefgen.text import quoted

    with _errors():
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise InputError(f"--today {quoted(today)}: expected a date such as 2026-01-31") from None
        found = api.check(names or [], lang=lang, max_age=max_age, today=day, places=_places())
        covered = api.translation_coverage(names or [], lang, _places()) if lang else None
    if as_json:
        # The coverage, when asked for, is the last entry, of kind "coverage".
        entries = [f.as_dict() for f in found] + ([covered.as_dict()] if covered else [])
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for finding in found:
            typer.echo(shown(finding))
        if not found:
            _say("nothing to report")
        if covered is not None:
            _say(covered.line())
    if strict and found:
        raise typer.Exit(1)


@app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the profiles (with their as-of dates) and the templates found.

    Example: briefgen list --json
    """
    from briefgen import api

    with _errors():
        places = _places()
        profiles = api.list_profiles(places)
        templates = api.list_templates(places)
    _warn_ignored(places)
    if as_json:
        data = {
            "folder": {"profiles": str(places.profiles), "templates": str(places.templates), "from": places.origin},
            "profiles": [vars(p) for p in profiles],
            "templates": [{"name": n, "formats": f} for n, f in templates.items()],
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(shown(f"Folder in use: {places.profiles} ({places.origin})"))
    typer.echo(shown(f"Profiles ({places.profiles}):"))
    for p in profiles:
        if p.kind == "partner":
            typer.echo(shown(f"  {p.name:<16} {p.problem or p.partner + ' — ' + p.as_of}"))
    visits = [p for p in profiles if p.kind == "visit"]
    if visits:
        typer.echo("Visits:")
        for p in visits:
            typer.echo(shown(f"  {p.name:<16} {p.problem or f'{p.partner} — {p.dates} — {p.visit}'}"))
    typer.echo(shown(f"Templates ({places.templates}):"))
    for name, formats in templates.items():
        typer.echo(shown(f"  {name:<16} {', '.join(formats)}"))


@app.command()
def validate(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Profile names or YAML paths (default: every profile).",
            autocompletion=_complete_names,
            metavar="NAME_OR_PATH",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
    templates: Annotated[
        bool,
        typer.Option(
            "--templates", help="Also check the templates: tags split across Word runs, names the context lacks."
        ),
    ] = False,
) -> None:
    """Check profiles without rendering; exit 2 if any problem is found.

    Example: briefgen validate japan profiles/japan.yaml
    """
    from briefgen import api

    with _errors():
        reports = api.validate(targets or [], _places())
        if templates:
            reports += api.validate_templates(_places())
        if not targets:
            _warn_ignored(_places())
    problems = [p for r in reports for p in r.problems]
    if as_json:
        typer.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            if report.ok:
                _say(f"ok: {report.target}")
        for problem in problems:
            typer.echo(f"error: {shown(problem)}", err=True)
    if problems:
        raise typer.Exit(2)


@app.command()
def batch(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Visit or profile names.", autocompletion=_complete_names, metavar="NAME"),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every visit found.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of cores).", metavar="N"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild packs that are up to date.")] = False,
    lang: LangOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Output folder: OUT/NAME/ and OUT/NAME.zip (default: the project's).", metavar="DIR"
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help="Template name (see 'briefgen list').",
            autocompletion=_complete_templates,
            metavar="NAME",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    date: DateOpt = None,
) -> None:
    """Build pre-visit packs (briefing, key-facts page, manifest, zip) in parallel; skip unchanged ones.

    Exit 0 when every pack is built or up to date, 1 when any failed, 2 for bad usage.

    Example: briefgen batch --all --jobs 2
    """
    import os
    import sys

    from briefgen import batch as batching
    from briefgen.api import check_lang
    from briefgen.dating import parse_date_option

    with _errors():
        check_lang(lang)
        day = parse_date_option(date)
        places = _places()
        chosen = batching.resolve_names(names or [], every, places)
        show_progress = not (_state.quiet or as_json) and sys.stdout.isatty()
        with _progress(chosen, show_progress) as progress:
            results = batching.run(
                chosen,
                out=_out(out),
                places=places,
                jobs=jobs or os.cpu_count() or 1,
                lang=_project_default(lang, "lang"),
                template=_project_default(template, "template"),
                force=force,
                progress=progress,
                date=day,
            )
    if as_json:
        typer.echo(json.dumps([_result_dict(r) for r in results], ensure_ascii=False, indent=2))
    elif not _state.quiet:
        _summary_table(results)
        _say(f"packs in: {_out(out)}")
    if not as_json:
        for r in results:
            if r.status == "failed":
                typer.echo(shown(f"error: {r.name}: {r.error}"), err=True)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _result_dict(result: Any) -> dict[str, Any]:
    return {
        "name": result.name,
        "status": result.status,
        "seconds": round(result.seconds, 3),
        "outputs": list(result.outputs),
        "error": result.error,
        "peak_rss_kb": result.peak_rss_kb,
    }


@contextmanager
def _progress(names: list[str], shown: bool) -> Iterator[Callable[[str, str], None]]:
    """A rich progress display (overall, and one line per pack being built), or nothing."""
    if not shown:
        yield lambda name, event: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from briefgen.pack import STEPS

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    ) as bar:
        overall = bar.add_task("packs", total=len(names))
        running: dict[str, Any] = {}

        def update(name: str, event: str) -> None:
            if event in STEPS:
                if name not in running:
                    running[name] = bar.add_task(f"  {markup_safe(name)}", total=len(STEPS))
                bar.advance(running[name])
            elif event in ("built", "failed", "up to date"):
                if name in running:
                    bar.remove_task(running.pop(name))
                bar.advance(overall)

        yield update


def _summary_table(results: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=None, show_edge=False)
    for header in ("pack", "status", "time", "outputs / reason"):
        table.add_column(header)
    styles = {"built": "green", "up to date": "cyan", "failed": "bold red"}
    for r in results:
        detail = "see the error below" if r.status == "failed" else ", ".join(Path(o).name for o in r.outputs)
        seconds = f"{r.seconds:.1f} s" if r.status != "up to date" else "-"
        table.add_row(Text(shown(r.name)), Text(r.status, style=styles[r.status]), Text(seconds), Text(shown(detail)))
    console = Console(soft_wrap=False)
    console.print(table)
    counts = {s: sum(r.status == s for r in results) for s in styles}
    console.print(Text(", ".join(f"{n} {s}" for s, n in counts.items() if n)))


@app.command()
def doctor(
    out: Annotated[
        Path, typer.Option("--out", help="Output folder to check (it is not created).", metavar="DIR")
    ] = Path("out"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
) -> None:
    """Check Python, WeasyPrint and Pango, fonts, templates, profiles and the output folder; say how to fix.

    Exit 0 when every check is ok, 1 when any found a problem.

    Example: briefgen doctor --out /tmp/briefings
    """
    from briefgen.doctor import run_checks

    with _errors():
        checks = run_checks(_places(), out)
    if as_json:
        typer.echo(json.dumps([c.as_dict() for c in checks], ensure_ascii=False, indent=2))
    else:
        for c in checks:
            if not (_state.quiet and c.ok):
                typer.echo(shown(c.line()))
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
def new(
    name: Annotated[
        str | None,
        typer.Argument(help="Partner profile to create: PROFILES/NAME.yaml.", show_default=False, metavar="NAME"),
    ] = None,
    visit: Annotated[
        str | None, typer.Option("--visit", help="Create the visit PROFILES/visits/VISIT.yaml instead.", metavar="NAME")
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner", help="The visit's partner profile.", autocompletion=_complete_partners, metavar="PARTNER"
        ),
    ] = None,
) -> None:
    """Write a commented profile (or visit) to fill in, listing every field; never overwrites a file.

    Example: briefgen new ruritania

    and its visit: briefgen new --visit strelsau-2026 --partner ruritania
    """
    from briefgen import skeleton

    taken = {name, visit} & set(command_names())
    if taken:
        _fail([f"{taken.pop()!r} is the name of a briefgen command; choose another name for the profile"], 2)
    if (name is None) == (visit is None):
        _fail(["name a partner (briefgen new NAME) or a visit (briefgen new --visit NAME --partner PARTNER)"], 2)
    if partner is not None and visit is None:
        _fail([f"--partner goes with --visit: briefgen new --visit NAME --partner {partner}"], 2)
    with _errors():
        if visit is not None:
            path = skeleton.new_visit(visit, partner, _places())
        else:
            assert name is not None
            path = skeleton.new_partner(name, _places())
    _say(str(path))
    _say(f"next: fill it in from your sources, then: briefgen validate {visit or name}")


translate_app = typer.Typer(
    help=(
        "Send a profile's text to translators (XLIFF 2.0) and bring their work back.\n\n"
        "Example: briefgen translate export japan --lang en"
    ),
    no_args_is_help=True,
    context_settings=_HELP_OPTIONS,
)
app.add_typer(translate_app, name="translate")


@translate_app.command("export")
def translate_export(
    name: Annotated[str, typer.Argument(help="Profile or visit name.", autocompletion=_complete_names, metavar="NAME")],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="The language to translate into: en or vi.", autocompletion=_complete_langs, metavar="LANG"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The XLIFF file to write (default: NAME.LANG.xlf).", metavar="FILE"),
    ] = None,
) -> None:
    """Write the fields with no (or stale) LANG text to an XLIFF 2.0 file, with the French and where it is.

    Example: briefgen translate export japan --lang en -o japan.en.xlf
    """
    from briefgen import roundtrip
    from briefgen.output import write_atomic

    with _errors():
        data, count = roundtrip.export(name, lang, _places())
        target = output or Path(f"{name}.{lang}.xlf")
        write_atomic(target, data)
    _say(f"{target}: {count} field(s) to translate into '{lang}'")
    if count:
        _say(f"next: translate the <target> elements, then: briefgen translate import {target}")


@translate_app.command("import")
def translate_import(
    file: Annotated[Path, typer.Argument(help="An XLIFF file written by 'briefgen translate export'.", metavar="FILE")],
) -> None:
    """Write the translations of FILE into the profile's YAML, keeping its comments and layout, then validate.

    Example: briefgen translate import japan.en.xlf
    """
    from briefgen import roundtrip

    with _errors():
        done = roundtrip.import_file(file, _places())
    for warning in done.warnings:
        typer.echo(f"warning: {shown(warning)}", err=True)
    for path in done.files:
        _say(str(path))
    _say(f"{done.units} translation(s) imported")


@app.command()
def watch(
    name: Annotated[str, typer.Argument(help="Profile or visit name.", autocompletion=_complete_names, metavar="NAME")],
    format: Annotated[
        str, typer.Option("--format", help=_format_help(), autocompletion=_complete_formats, metavar="FORMATS")
    ] = "docx,pdf",
    lang: LangOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Output folder; files go to OUT/NAME/ (default: the project's out/).", metavar="DIR"
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help="Template name (see 'briefgen list').",
            autocompletion=_complete_templates,
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """Build, then rebuild and re-preview on every save of a file the build reads; Ctrl-C stops.

    With --quiet, prints only the facts that changed and the files written. A broken save is
    reported with its file:line and the last good documents stay in place.

    Example: briefgen watch japan --format pdf
    """
    from rich.console import Console

    from briefgen import watch as watching

    lang = _project_default(lang, "lang")
    with _errors():
        report = watching.TerminalReport(
            Console(), Console(stderr=True), quiet=_state.quiet, lang=lang or languages.DEFAULT
        )
        watcher = watching.Watcher(
            name,
            places=_places(),
            out=_out(out),
            formats=[f.strip() for f in format.split(",")],
            lang=lang,
            template=_project_default(template, "template"),
            on_view=report.preview,
        )
        watching.run(watcher, watching.file_changes(watcher.folders()), report)


@app.command()
def diff(
    name: Annotated[str, typer.Argument(help="Profile or visit name.", autocompletion=_complete_names, metavar="NAME")],
    since: Annotated[
        Path | None,
        typer.Option(
            "--since",
            help="A pack folder, a pack's zip or a facts.json (default: the last build).",
            metavar="PACK_OR_FILE",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where the last build is: OUT/NAME/facts.json (default: out/).", metavar="DIR"),
    ] = None,
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
) -> None:
    """List the facts added, changed (old and new value, as-of dates, sources) and removed since a build or pack.

    Exit 0 whether or not anything changed; 2 when --since is not a pack, a zip or a facts.json.

    Example: briefgen diff japan --since out/japan.zip
    """
    from briefgen import api
    from briefgen.changes import changes_since, print_changes

    with _errors():
        api.check_lang(lang)
        found = changes_since(name, since, out=_out(out), places=_places())
    if as_json:
        typer.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    print_changes(found, Console(), lang or languages.DEFAULT)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="The project folder (default: this one).", metavar="DIR")] = Path("."),
    marking: Annotated[
        str | None,
        typer.Option("--marking", help="Your classification marking, written into defaults.yaml.", metavar="MARKING"),
    ] = None,
) -> None:
    """Make a project folder: briefgen.toml, profiles/ with a defaults.yaml to fill, templates/, out/.

    Every command run in that folder or below it then uses its profiles, templates and out/.

    Example: briefgen init briefings && cd briefings && briefgen new korea
    """
    from briefgen.project import init_project

    with _errors():
        made = init_project(folder, marking)
    for path in made:
        _say(str(path))
    _say(f"next: fill in {folder / 'profiles' / 'defaults.yaml'}, then: cd {folder} && briefgen new NAME")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the console script's entry point)."""
    app(args=argv, prog_name="briefgen")


run: Callable[[], None] = main
