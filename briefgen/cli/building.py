"""``briefgen build``, ``preview``, ``watch`` and ``diff``: one briefing, now or on every save."""

# No ``from __future__ import annotations`` here: typer reads the annotations of every command on each
# run, and strings it would compile and evaluate one by one (briefgen.cli.app explains).

from pathlib import Path
from typing import Annotated, Any

import typer

import briefgen
from briefgen import languages
from briefgen.cli import printing
from briefgen.cli.app import (
    BuildOutOpt,
    DateOpt,
    EditionOpt,
    FormatOpt,
    LangOpt,
    TemplateOpt,
    app,
    complete_names,
    current_places,
    handled_errors,
    out_dir,
    project_default,
    say,
    say_date_warnings,
    state,
    warn,
)
from briefgen.cli.opener import document_to_open, open_in_viewer
from briefgen.cli.printing import say_json
from briefgen.errors import BuildFailed, InputError

NamesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Profile or visit names (see 'briefgen list').",
        autocompletion=complete_names,
        metavar="NAME",
        show_default=False,
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Every partner profile and every visit found.")]
OpenOpt = Annotated[bool, typer.Option("--open", help="Open the result in the desktop's viewer (the PDF, if built).")]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Run 'briefgen check' first (with --max-age, on the document's date); build nothing if it lists anything.",
    ),
]
FinalOpt = Annotated[
    bool,
    typer.Option(
        "--final",
        help=(
            "A final document: no DRAFT mark; refuse (exit 2) any gap, TODO placeholder, missing translation, "
            "figure or title older than --max-age on the document's date (unless accepted_old), past visit, "
            "or a briefing without issuer, summary and a key figure."
        ),
    ),
]
PdfVariantOpt = Annotated[
    str | None,
    typer.Option("--pdf-variant", help="pdf/a-3b (archiving), pdf/a-2b, pdf/a-3u or pdf/ua-1.", metavar="VARIANT"),
]
TimingsOpt = Annotated[bool, typer.Option("--timings", help="Print the time spent in each stage.")]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Say which briefgen.toml is in use; list each field shown in the profile's language."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Rebuild even if nothing changed.")]
MaxAgeOpt = Annotated[
    str,
    typer.Option(
        "--max-age", help="Warn about figures older than this on the documents' date: 90d, 12m, 2y.", metavar="AGE"
    ),
]


@app.command()
def build(
    names: NamesArg = None,
    every: AllOpt = False,
    open_: OpenOpt = False,
    format: FormatOpt = "docx,pdf",
    lang: LangOpt = None,
    out: BuildOutOpt = None,
    template: TemplateOpt = None,
    strict: StrictOpt = False,
    final: FinalOpt = False,
    pdf_variant: PdfVariantOpt = None,
    timings: TimingsOpt = False,
    verbose: VerboseOpt = False,
    force: ForceOpt = False,
    date: DateOpt = None,
    max_age: MaxAgeOpt = "12m",
    edition: EditionOpt = None,
) -> None:
    """Write OUT/NAME/briefing.docx and briefing.pdf for each NAME (skipped if nothing changed).

    Example: briefgen build japan --format pdf,md --out /tmp/briefings
    """
    stages: dict[str, float] | None = {} if timings else None
    with handled_errors():
        if verbose:
            _say_project()
        try:
            built = briefgen.build(
                _build_names(names or [], every),
                formats=format.split(","),
                lang=project_default(lang, "lang"),
                out=out_dir(out),
                template=project_default(template, "template"),
                strict=strict,
                final=final,
                pdf_variant=pdf_variant,
                force=force,
                places=current_places(),
                timings=stages,
                date=briefgen.parse_date(date),
                max_age=max_age,
                edition=edition,
            )
        except BuildFailed as exc:
            _say_built(exc.built)  # what was written before the failure, then the error naming it
            say_date_warnings(exc.built)
            raise
    _say_built(built)
    _say_timings(stages)
    _say_gaps(built, verbose)
    say_date_warnings(built)
    if open_:
        _open_results(built)


def _say_project() -> None:
    """With --verbose, on stderr: the ``briefgen.toml`` in use, or that there is none."""
    project = current_places().project
    found = project.config if project is not None else "none (no briefgen.toml)"
    printing.say(f"project settings: {found}", err=True)


def _say_timings(stages: dict[str, float] | None) -> None:
    """With --timings, one line per stage on stderr."""
    for stage, seconds in (stages or {}).items():
        printing.say(f"timing: {stage:<38} {seconds * 1000:8.1f} ms", err=True)


def _build_names(names: list[str], every: bool) -> list[str]:
    """The names given, then with --all every partner and visit; none at all is bad usage."""
    if every:
        places = current_places()
        names = list(dict.fromkeys([*names, *places.partner_names(), *places.visit_names()]))
    if not names:
        raise InputError("name the profiles or visits to build, or use --all for all of them (see 'briefgen list')")
    return names


def _open_results(built: list[Any]) -> None:
    """Open each build's main document in the desktop's viewer; a note on stderr when that is not possible."""
    for result in built:
        path = document_to_open(result.files) or document_to_open(
            sorted(Path(result.folder).glob("briefing.*")) if result.folder else []
        )
        if path is None:
            continue
        why = open_in_viewer(path)
        if why is not None:
            printing.say(f"note: {path} was built but not opened: {why}", err=True)


def _say_gaps(built: list[Any], verbose: bool) -> None:
    """One warning line per build language with fields shown in the profile's own; each field with --verbose."""
    for result in built:
        if not result.untranslated:
            continue
        lang = result.lang
        stale = sum("stale" in p.message for p in result.untranslated)
        count = len(result.untranslated)
        detail = f" ({stale} of them stale)" if stale else ""
        warn(
            f"{result.name}: {lang}: {count} field(s) have no current {languages.english_name(lang)} "
            f"text{detail} and show the profile's own language; see 'briefgen check {result.name} --lang {lang}'"
        )
        if verbose:
            for problem in result.untranslated:
                printing.say(f"  {problem}", err=True)


def _say_built(built: list[Any]) -> None:
    for result in built:
        if result.status == "up to date":
            say(f"up to date: {result.folder} (use --force to rebuild)")
            continue
        for path in result.files:
            say(str(path))


@app.command()
def preview(
    name: Annotated[str, typer.Argument(help="Profile name.", autocompletion=complete_names, metavar="NAME")],
    lang: LangOpt = None,
    pager: Annotated[
        bool, typer.Option("--pager/--no-pager", help="Page a briefing taller than the screen (on a terminal).")
    ] = True,
    date: DateOpt = None,
    edition: EditionOpt = None,
) -> None:
    """Show the briefing in the terminal, with the same content as the documents (each edition's, ours first).

    Example: briefgen preview japan --edition partner
    """
    from briefgen.cli.printing import console, print_paged  # rich's console and pager: preview only

    with handled_errors():
        when = briefgen.parse_date(date)
        views = briefgen.briefings(
            name, lang=lang, places=current_places(), date=when, edition=edition, on_warning=warn
        )

    def draw(on: Any) -> None:
        for view in views:
            briefgen.render_terminal(view, on)

    print_paged(draw, console(), page=pager)


@app.command()
def watch(
    name: Annotated[str, typer.Argument(help="Profile or visit name.", autocompletion=complete_names, metavar="NAME")],
    format: FormatOpt = "docx,pdf",
    lang: LangOpt = None,
    out: BuildOutOpt = None,
    template: TemplateOpt = None,
    edition: EditionOpt = None,
) -> None:
    """Build, then rebuild and re-preview on every save of a file the build reads; Ctrl-C stops.

    With --quiet, prints only errors, the facts that changed and the files written. A broken save is
    reported with its file:line and the last good documents stay in place.

    Example: briefgen watch japan --format pdf --edition both
    """
    from briefgen.cli.printing import console  # rich: watch only
    from briefgen.cli.reports import TerminalReport

    lang = project_default(lang, "lang")
    with handled_errors():
        report = TerminalReport(console(), console(stderr=True), quiet=state.quiet, lang=lang)
        watcher = briefgen.watch.Watcher(
            name,
            places=current_places(),
            out=out_dir(out),
            formats=[f.strip() for f in format.split(",")],
            lang=lang,
            template=project_default(template, "template"),
            edition=edition,
            on_view=report.preview,
        )
        briefgen.watch.run(watcher, briefgen.watch.file_changes(watcher.folders()), report)


@app.command()
def diff(
    name: Annotated[str, typer.Argument(help="Profile or visit name.", autocompletion=complete_names, metavar="NAME")],
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
    from briefgen.cli.printing import console  # rich: diff only
    from briefgen.cli.reports import print_changes

    lang = project_default(lang, "lang")  # the build's language, else (None) the profile's own
    with handled_errors():
        briefgen.check_lang(lang)
        found = briefgen.changes_since(name, since, out=out_dir(out, writing=False), places=current_places())
    if as_json:
        say_json(found.as_dict())
        return
    on = console()
    on.soft_wrap = not on.is_terminal  # a pipe or a file gets whole lines, not lines cut at 80 columns
    print_changes(found, on, lang)
