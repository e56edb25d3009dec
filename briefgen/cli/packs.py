"""``briefgen batch``: pre-visit packs in parallel, with a progress bar and a summary."""

# No ``from __future__ import annotations`` here: typer reads the annotations of every command on each
# run, and strings it would compile and evaluate one by one (briefgen.cli.app explains).

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

import briefgen
from briefgen.cli import printing
from briefgen.cli.app import (
    DateOpt,
    EditionOpt,
    LangOpt,
    TemplateOpt,
    app,
    complete_names,
    current_places,
    flagged,
    handled_errors,
    out_dir,
    project_default,
    say,
    state,
    warn,
)
from briefgen.cli.printing import console, say_json
from briefgen.text import markup_safe, shown


@app.command()
def batch(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Visit or profile names.", autocompletion=complete_names, metavar="NAME"),
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
    template: TemplateOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    date: DateOpt = None,
    edition: EditionOpt = None,
) -> None:
    """Build pre-visit packs (briefing, key-facts page, manifest, zip) in parallel; skip unchanged ones.

    Exit 0 when every pack is built or up to date, 1 when any failed, 2 for bad usage.

    Example: briefgen batch --all --jobs 2
    """
    import sys

    with handled_errors():
        briefgen.check_lang(lang)
        day = briefgen.parse_date(date)
        places = current_places()
        chosen = briefgen.batch.resolve_names(names or [], every, places)
        show_progress = not (state.quiet or as_json) and sys.stdout.isatty()
        with _progress(chosen, show_progress) as progress:
            results = briefgen.batch.run(
                chosen,
                out=out_dir(out),
                places=places,
                jobs=jobs or os.cpu_count() or 1,
                lang=project_default(lang, "lang"),
                template=project_default(template, "template"),
                force=force,
                progress=progress,
                date=day,
                edition=edition,
            )
    _report(results, as_json, out_dir(out))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _report(results: list[Any], as_json: bool, folder: Path) -> None:
    """The batch's summary (a table, or JSON with ``--json``), its warnings, then each failed pack's error on stderr."""
    if as_json:
        say_json([_result_dict(r) for r in results])
    elif not state.quiet:
        _summary_table(results)
        say(f"packs in: {folder}")
    for line in dict.fromkeys(line for r in results for line in r.warnings):
        warn(line)  # as 'build' says them, skipped packs too; a partner's once, however many packs
    if as_json:
        return
    for r in results:
        if r.status == "failed":
            (line,) = flagged([f"{r.name}: {r.error}"], r.option)
            printing.say(f"error: {line}", err=True)


def _result_dict(result: Any) -> dict[str, Any]:
    return {
        "name": result.name,
        "status": result.status,
        "seconds": round(result.seconds, 3),
        "outputs": list(result.outputs),
        "error": result.error,
        "peak_rss_kb": result.peak_rss_kb,
        "warnings": list(result.warnings),
    }


@contextmanager
def _progress(names: list[str], shown: bool) -> Iterator[Callable[[str, str], None]]:
    """A rich progress display (overall, and one line per pack being built), or nothing."""
    if not shown:
        yield lambda name, event: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=console(),
    ) as bar:
        overall = bar.add_task("packs", total=len(names))
        running: dict[str, Any] = {}

        def update(name: str, event: str) -> None:
            if event in briefgen.PACK_STEPS:
                if name not in running:
                    running[name] = bar.add_task(f"  {markup_safe(name)}", total=len(briefgen.PACK_STEPS))
                bar.advance(running[name])
            elif event in ("built", "failed", "up to date"):
                if name in running:
                    bar.remove_task(running.pop(name))
                bar.advance(overall)

        yield update


def _summary_table(results: list[Any]) -> None:
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
    on = console(soft_wrap=False)
    on.print(table)
    counts = {s: sum(r.status == s for r in results) for s in styles}
    on.print(Text(", ".join(f"{n} {s}" for s, n in counts.items() if n)))
