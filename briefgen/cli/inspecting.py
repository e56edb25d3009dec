"""``briefgen check``, ``list``, ``validate`` and ``doctor``: what is there and what is wrong, nothing written."""

# No ``from __future__ import annotations`` here: typer reads the annotations of every command on each
# run, and strings it would compile and evaluate one by one (briefgen.cli.app explains).

from pathlib import Path
from typing import Annotated, Any

import typer

import briefgen
from briefgen.cli import printing
from briefgen.cli.app import (
    app,
    complete_langs,
    complete_names,
    current_places,
    fail,
    handled_errors,
    say,
    state,
    warn_ignored,
)
from briefgen.cli.printing import say_json
from briefgen.errors import InputError
from briefgen.text import quoted


@app.command()
def check(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Profile or visit names (default: all).", autocompletion=complete_names, metavar="NAME"),
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
            autocompletion=complete_langs,
            metavar="LANG",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when anything is listed.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="Instead: check every quote against its archived source, list facts without one; "
            "exit 1 when a quote is not found or an archive no longer matches its sha256.",
        ),
    ] = False,
    layout: Annotated[
        bool,
        typer.Option(
            "--layout",
            help="Instead: read the built PDFs (briefing, key-facts page) and list nearly empty pages, headings at "
            "a page's foot, text under 9 pt, names broken across lines, tables cut from their header and a "
            "key-facts page that runs over or leaves a quarter blank, with their page; exit 1 when it lists anything.",
        ),
    ] = False,
    out: Annotated[Path, typer.Option("--out", help="Where the PDFs were built (--layout).", metavar="DIR")] = Path(
        "out"
    ),
) -> None:
    """List stale figures, unsourced claims, uncited sources and untranslated fields.

    Example: briefgen check japan --max-age 6m --lang en
    """
    import datetime as dt

    if layout:
        _check_layout(names or [], lang=lang, out=out, as_json=as_json)
        return
    if sources:
        _check_sources(names or [], strict=strict, as_json=as_json)
        return
    with handled_errors():
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise InputError(f"--today {quoted(today)}: expected a date such as 2026-01-31") from None
        found = briefgen.check(names or [], lang=lang, max_age=max_age, today=day, places=current_places())
        covered = briefgen.translation_coverage(names or [], lang, current_places()) if lang else None
    if as_json:
        # The coverage, when asked for, is the last entry, of kind "coverage".
        entries = [f.as_dict() for f in found] + ([covered.as_dict()] if covered else [])
        say_json(entries)
    else:
        for finding in found:
            printing.say(finding)
        if not found:
            say("nothing to report")
        if covered is not None:
            say(covered.line())
    if strict and found:
        raise typer.Exit(1)


def _check_layout(names: list[str], *, lang: str | None, out: Path, as_json: bool) -> None:
    """``check --layout``: each fault with its file and page; exit 1 when there is any."""
    with handled_errors():
        found = briefgen.check_layout(names, lang=lang, out=out, places=current_places())
    if as_json:
        say_json([f.as_dict() for f in found])
    else:
        for fault in found:
            printing.say(str(fault))
        if not found:
            say("nothing to report")
    if found:
        raise typer.Exit(1)


def _check_sources(names: list[str], *, strict: bool, as_json: bool) -> None:
    """``check --sources``: the findings, a summary line, exit 1 on a failure (or anything, with --strict)."""
    with handled_errors():
        report = briefgen.check_sources(names, current_places())
    if as_json:
        entries = [f.as_dict() for f in report.findings]
        say_json(entries)
    else:
        for finding in report.findings:
            printing.say(finding)
        say(report.line())
    if report.failed or (strict and report.findings):
        raise typer.Exit(1)


@app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the profiles (with their as-of dates) and the templates found.

    Example: briefgen list --json
    """
    with handled_errors():
        places = current_places()
        profiles = briefgen.list_profiles(places)
        templates = briefgen.list_templates(places)
    warn_ignored(places)
    if as_json:
        data = {
            "folder": {"profiles": str(places.profiles), "templates": str(places.templates), "from": places.origin},
            "profiles": [vars(p) for p in profiles],
            "templates": [{"name": n, "formats": f} for n, f in templates.items()],
        }
        say_json(data)
        return
    printing.say(f"Folder in use: {places.profiles} ({places.origin})")
    printing.say(f"Profiles ({places.profiles}):")
    for p in profiles:
        if p.kind == "partner":
            printing.say(f"  {p.name:<16} {p.problem or p.partner + ' — facts as of ' + p.facts_as_of}")
    visits = [p for p in profiles if p.kind == "visit"]
    if visits:
        printing.say("Visits:")
        for p in visits:
            printing.say(f"  {p.name:<16} {p.problem or f'{p.partner} — {p.dates} — {p.visit}'}")
    printing.say(f"Templates ({places.templates}):")
    for name, formats in templates.items():
        printing.say(f"  {name:<16} {', '.join(formats)}")


@app.command()
def validate(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Profile names or YAML paths (default: every profile).",
            autocompletion=complete_names,
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
    with handled_errors():
        reports = briefgen.validate(targets or [], current_places())
        if templates:
            reports += briefgen.validate_templates(current_places())
        if not targets:
            warn_ignored(current_places())
    problems = [p for r in reports for p in r.problems]
    if as_json:
        say_json([p.as_dict() for p in problems])
    else:
        for report in reports:
            if report.ok:
                say(f"ok: {report.target}")
        for problem in problems:
            printing.say(f"error: {problem}", err=True)
    if problems:
        raise typer.Exit(2)


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
    from briefgen.cli.doctor import run_checks  # ctypes and the machine checks: doctor only

    with handled_errors():
        checks = run_checks(current_places(), out)
    if as_json:
        say_json([c.as_dict() for c in checks])
    else:
        for c in checks:
            if not (state.quiet and c.ok):
                printing.say(c.line())
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command("help")
def help_(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None, typer.Argument(help="A command (and subcommand), such as 'build'.", metavar="COMMAND")
    ] = None,
) -> None:
    """Show the help of briefgen, or of COMMAND: the same text as 'briefgen COMMAND --help'.

    Example: briefgen help build
    """
    root = ctx.find_root()
    group: Any = root.command
    info = root
    for word in command or []:
        sub = getattr(group, "commands", {}).get(word)
        if sub is None:
            fail([f"no command named {quoted(word)} (see 'briefgen --help')"], 2)
        info = sub.make_context(word, [], parent=info, resilient_parsing=True)
        group = sub
    for line in group.get_help(info).split("\n"):
        printing.say(line)
