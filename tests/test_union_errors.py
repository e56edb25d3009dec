"""A value that fits no form of a field with several (a text: string or language mapping; a day: date or label).

The message is ours, one line at the value: never pydantic's member tags (``partner.name.str``,
``dict[literal['fr','en','vi'],str]``, ``[key]``). Profiles are the FICTIONAL fixtures, edited.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"
TEXT_IS = "a text is a string or a mapping {fr: ..., en: ...}"
INTERNALS = (".str", "dict[", "literal[", "[key]", "function-", "union", "Input should")


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(FIXTURES, folder)
    return folder


def _errors(profiles: Path, name: str, file: str, old: str, new: str) -> list[str]:
    path = profiles / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "validate", name)
    assert code == 2, err
    for word in INTERNALS:
        assert word not in err, err
    return err.splitlines()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{fr: x, de: y}", f"3:3: partner.name: 'de' is not a language of this project (fr, en, vi); {TEXT_IS}"),
        ("{de: y}", f"3:3: partner.name: 'de' is not a language of this project (fr, en, vi); {TEXT_IS}"),
        ("[1, 2]", f"3:3: partner.name: expected text, got a list; {TEXT_IS}"),
        ("{}", f"3:3: partner.name: expected text, or a mapping of languages to text; {TEXT_IS}"),
        ("", f"3:3: partner.name: expected text, got nothing; {TEXT_IS}"),
        ("{fr: [1]}", "3:10: partner.name.fr: expected text, got a list"),
        ("{fr: x, en: {a: 1}}", "3:17: partner.name.en: expected text, got a mapping"),
        (
            "{fr: no}",
            "3:10: partner.name.fr: expected text, read the boolean false (YAML reads no as false); "
            'write it in quotes: "no"',
        ),
    ],
    ids=[
        "unknown_language",
        "only_unknown",
        "list",
        "empty_mapping",
        "empty",
        "list_in_fr",
        "mapping_in_en",
        "yaml_no",
    ],
)
def test_a_text_that_fits_neither_form_is_one_line_in_our_words(profiles: Path, value: str, expected: str) -> None:
    lines = _errors(profiles, "ruritania", "ruritania.yaml", "  name: Ruritanie\n", f"  name: {value}\n")
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert lines[0].endswith(f"profiles/ruritania.yaml:{expected}"), lines


def test_a_programme_day_that_is_neither_a_date_nor_a_label(profiles: Path) -> None:
    lines = _errors(
        profiles,
        "strelsau-2026",
        "visits/strelsau-2026.yaml",
        "{day: Jour 2,",
        "{day: [1, 2],",
    )
    assert len(lines) == 1, lines
    assert lines[0].endswith("visit.programme[1].day: expected a date such as 2025-11-24 or text, got a list"), lines


def test_a_text_in_a_list_of_texts_points_at_its_item(profiles: Path) -> None:
    lines = _errors(
        profiles,
        "ruritania",
        "ruritania.yaml",
        "  - text: Relation fictive avec Quảng Ninh, Đà Nẵng et 北海道.\n",
        "  - text: {fr: Relation fictive, ja: 関係}\n",
    )
    assert len(lines) == 1, lines
    assert lines[0].endswith(
        f"profiles/ruritania.yaml:6:5: summary[0].text: 'ja' is not a language of this project (fr, en, vi); {TEXT_IS}"
    ), lines
