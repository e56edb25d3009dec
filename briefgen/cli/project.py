"""``briefgen new``, ``init`` and ``translate``: a project folder, a profile skeleton, a translator's round trip."""

# No ``from __future__ import annotations`` here: typer reads the annotations of every command on each
# run, and strings it would compile and evaluate one by one (briefgen.cli.app explains).

from pathlib import Path
from typing import Annotated

import typer

import briefgen
from briefgen.cli import printing
from briefgen.cli.app import (
    HELP_OPTIONS,
    app,
    command_names,
    complete_langs,
    complete_names,
    complete_partners,
    current_places,
    fail,
    handled_errors,
    say,
    warn,
)


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
            "--partner", help="The visit's partner profile.", autocompletion=complete_partners, metavar="PARTNER"
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start the visit from a copy of this one (the shipped example: example-quang-ninh-hokkaido-2027).",
            autocompletion=complete_names,
            metavar="VISIT",
        ),
    ] = None,
) -> None:
    """Write a commented profile (or visit) to fill in, listing every field; never overwrites a file.

    Example: briefgen new ruritania

    and its visit: briefgen new --visit strelsau-2026 --partner ruritania

    or a visit started from the complete example:
    briefgen new --visit my-visit --from example-quang-ninh-hokkaido-2027
    """
    taken = {name, visit} & set(command_names())
    if taken:
        fail([f"{taken.pop()!r} is the name of a briefgen command; choose another name for the profile"], 2)
    if (name is None) == (visit is None):
        fail(["name a partner (briefgen new NAME) or a visit (briefgen new --visit NAME --partner PARTNER)"], 2)
    if partner is not None and visit is None:
        fail([f"--partner goes with --visit: briefgen new --visit NAME --partner {partner}"], 2)
    if start is not None and visit is None:
        fail([f"--from goes with --visit: briefgen new --visit NAME --from {start}"], 2)
    with handled_errors():
        if visit is not None and start is not None:
            path = briefgen.new_visit_from(visit, start, partner, current_places())
        elif visit is not None:
            path = briefgen.new_visit(visit, partner, current_places())
        else:
            assert name is not None
            path = briefgen.new_partner(name, current_places())
    say(str(path))
    say(f"next: fill it in from your sources, then: briefgen validate {visit or name}")


translate_app = typer.Typer(
    help=(
        "Send a profile's text to translators (XLIFF 2.0) and bring their work back.\n\n"
        "Example: briefgen translate export japan --lang en"
    ),
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)


app.add_typer(translate_app, name="translate")


@translate_app.command("export")
def translate_export(
    name: Annotated[str, typer.Argument(help="Profile or visit name.", autocompletion=complete_names, metavar="NAME")],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="The language to translate into: en or vi.", autocompletion=complete_langs, metavar="LANG"
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
    with handled_errors():
        target, count = briefgen.export_translation(name, lang, output=output, places=current_places())
    say(f"{target}: {count} field(s) to translate into '{lang}'")
    if count:
        say(f"next: translate the <target> elements, then: briefgen translate import {target}")


@translate_app.command("import")
def translate_import(
    file: Annotated[Path, typer.Argument(help="An XLIFF file written by 'briefgen translate export'.", metavar="FILE")],
) -> None:
    """Write the translations of FILE into the profile's YAML, keeping its comments and layout, then validate.

    Example: briefgen translate import japan.en.xlf
    """
    with handled_errors():
        done = briefgen.import_translation(file, current_places())
    for warning in done.warnings:
        printing.say(f"warning: {warning}", err=True)
    for path in done.files:
        say(str(path))
    say(f"{done.units} translation(s) imported")


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
    with handled_errors():
        made = briefgen.init_project(folder, marking)
    for path in made:
        say(str(path))
    say(f"next: fill in {folder / 'profiles' / 'defaults.yaml'}, then: cd {folder} && briefgen new NAME")


fonts_app = typer.Typer(
    help=(
        "Fonts a project adds, for a script the shipped fonts lack (Korean, Chinese, Thai, Khmer…).\n\n"
        "Example: briefgen fonts add NotoSansKR-Regular.otf"
    ),
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)


app.add_typer(fonts_app, name="fonts")


@fonts_app.command("add")
def fonts_add(
    file: Annotated[Path, typer.Argument(help="A TrueType (.ttf) or OpenType (.otf) font file.", metavar="FILE")],
) -> None:
    """Copy a font into the project's fonts/ and record what it draws: the PDF and the DOCX then embed it.

    The shipped fonts stay first; the added font draws only what they lack. It must be a single font
    (not a .ttc collection) whose licence allows embedding, such as Noto Sans KR, SC, TC, Thai or Khmer.

    Example: briefgen fonts add ~/Downloads/NotoSansKR-Regular.otf
    """
    with handled_errors():
        added = briefgen.add_font(file, current_places())
    say(str(added.path))
    say(f"{added.family}: {added.characters} characters, {added.new} of them not in the shipped fonts")
    if not added.new:
        warn(f"{added.family} draws nothing the shipped fonts do not; it will not be used")
