"""Library messages never name a command-line flag; the CLI names the flag an error is about.

A Python caller of ``briefgen.build(out=...)`` has no ``--out``: the library's error says what is
wrong in its own words and records the option it concerns (``BriefgenError.option``); the CLI,
which alone knows the flags, adds ``(--out)`` when it prints it (``briefgen.cli.app.error_lines``).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import briefgen
from briefgen import render
from briefgen.data import earlier as earlier_facts
from briefgen.data.catalog import Places
from briefgen.errors import BriefgenError
from briefgen.pipeline import batch, roundtrip
from briefgen.view import checks, dating

from .helpers import FIXTURES, REPO, run_cli

FLAG = re.compile(r"(?<![\w-])--[a-z]")


def test_an_api_error_names_no_flag_and_the_cli_names_it(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("a file where the output folder should be", encoding="utf-8")
    with pytest.raises(briefgen.OutputError) as caught:
        briefgen.build(["ruritania"], formats=["md"], out=blocked / "out", places=Places.find(FIXTURES))
    assert caught.value.option == "out"
    assert str(caught.value) == f"{blocked}: is a file, not a folder; choose another output folder"
    assert not FLAG.search(str(caught.value))

    code, _, err = run_cli("--profiles", FIXTURES, "ruritania", "--format", "md", "--out", blocked / "out")
    assert code == 2
    assert err == f"error: {blocked}: is a file, not a folder; choose another output folder (--out)\n"


def _since(tmp_path: Path) -> None:
    earlier_facts.read_facts(tmp_path / "missing", "ruritania")


def _build(tmp_path: Path, name: str, **options: object) -> None:
    briefgen.build([name], formats=["md"], out=tmp_path, places=Places.find(FIXTURES), **options)  # type: ignore[arg-type]


def _export(tmp_path: Path) -> None:
    roundtrip.export("ruritania", "fr", Places.find(FIXTURES))  # the fixture is written in French


LIBRARY_CALLS: dict[str, tuple[Callable[[Path], object], str]] = {
    "date": (lambda _: dating.parse_date_option("15/02/2026"), "date"),
    "age": (lambda _: checks.parse_age("12 months"), "max-age"),
    "age-too-old": (lambda _: checks.cutoff(dt.date(1, 1, 1), (1, "y")), "max-age"),
    "format": (lambda _: render.chosen(["odt"]), "format"),
    "since": (_since, "since"),
    "profiles": (lambda tmp: Places.find(tmp / "no-such-folder"), "profiles"),
    "templates": (lambda tmp: Places.find(FIXTURES, tmp / "no-such-folder"), "templates"),
    "export": (_export, "lang"),
    "no-language": (lambda _: briefgen.build(["ruritania"], lang=" , ", places=Places.find(FIXTURES)), "lang"),
    "batch": (lambda _: batch.resolve_names([], False, Places.find(FIXTURES)), "all"),
    "final": (lambda tmp: _build(tmp, "strelsau-2026", final=True), "final"),
    "strict": (lambda tmp: _build(tmp, "ruritania", strict=True, lang="en"), "strict"),
}


@pytest.mark.parametrize("case", sorted(LIBRARY_CALLS))
def test_library_errors_about_an_option_say_which_without_its_flag(case: str, tmp_path: Path) -> None:
    call, option = LIBRARY_CALLS[case]
    with pytest.raises(BriefgenError) as caught:
        call(tmp_path)
    assert caught.value.option == option
    assert not FLAG.search(caught.value.message), caught.value.message


def test_no_message_raised_by_the_library_names_a_flag() -> None:
    """Every string in a ``raise`` of the data, view, render and pipeline stages (docstrings may name flags)."""
    found = []
    for stage in ("data", "view", "render", "pipeline"):
        for path in sorted((REPO / "briefgen" / stage).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Raise) or node.exc is None:
                    continue
                for part in ast.walk(node.exc):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str) and FLAG.search(part.value):
                        found.append(f"{path.relative_to(REPO)}:{node.lineno}: {part.value}")
    assert found == []
