"""The commands that report facts, each tried with ONE attribute of one fact changed at a time.

``diff`` (text and JSON), ``facts.json`` and ``check --max-age`` must each see the change, name the fact,
and say nothing about the attributes that did not change. Every profile here is a FICTIONAL fixture
(tests/fixtures), copied into tmp_path.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import run_cli

FIGURE = "key_figures:Entreprises fictives"
PERSON = "people:Rudolf Rassendyll"

EDITS = {
    # name: (old text, new text, the fact, the attributes that change, words the text report must show)
    "value only": ("value: 2500", "value: 2600", FIGURE, {"value.value"}, ("2500", "2600")),
    "as-of only": ("as_of: 2025-01\n", "as_of: 2025-02\n", FIGURE, {"as_of"}, ("au janvier 2025", "au février 2025")),
    "source only": (
        "qualifier: more_than\n    as_of: 2025-01\n    source: fict-src\n",
        "qualifier: more_than\n    as_of: 2025-01\n    source: fict-src-2\n",
        FIGURE,
        {"source.key", "source.title"},
        ("Source fictive)", "Seconde source fictive)"),
    ),
    "qualifier only": ("qualifier: more_than", "qualifier: about", FIGURE, {"value.qualifier"}, ("plus de", "environ")),
    "text only": ("Gouverneur fictif de Strelsau", "Gouverneur fictif de Zenda", PERSON, {"value.role"}, ("Zenda",)),
}

SECOND_SOURCE = """
sources:
  fict-src-2:
    title: Seconde source fictive
    publisher: Éditeur fictif
    date: 2025-01-02
"""


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for key, item in value.items():
            found |= _flat(item, f"{prefix}.{key}" if prefix else key)
        return found
    return {prefix: value}


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    old, new = _flat(before), _flat(after)
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def built(profiles: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The fixtures with a second source, built once: (profiles, out)."""
    with (profiles / "ruritania.yaml").open("a", encoding="utf-8") as file:
        file.write(SECOND_SOURCE)
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "ruritania", "--format", "md", "--out", out)
    assert code == 0, err
    return profiles, out


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_diff_and_facts_json_see_one_attribute_changed(built: tuple[Path, Path], edit: str) -> None:
    profiles, out = built
    old, new, fact, attributes, words = EDITS[edit]
    facts = out / "ruritania" / "facts.json"
    first = json.loads(facts.read_text(encoding="utf-8"))["facts"]
    _edit(profiles / "ruritania.yaml", old, new)

    code, printed, err = run_cli("--profiles", profiles, "diff", "ruritania", "--out", out, "--json")
    assert code == 0, err
    report = json.loads(printed)
    assert (report["added"], report["removed"]) == ([], [])
    assert [c["id"] for c in report["changed"]] == [fact]
    change = report["changed"][0]
    assert _changed(change["before"], change["after"]) == attributes

    code, printed, err = run_cli("--profiles", profiles, "diff", "ruritania", "--out", out)
    assert code == 0, err
    text = " ".join(printed.split())
    assert f"~ Modifié {fact}" in text and "Nouveau : 0, Modifié : 1, Supprimé : 0" in text, text
    # Numbers are grouped as the documents write them (2 500, with a narrow no-break space in French).
    bare = "".join(ch for ch in text if ch not in " \u00a0\u202f")
    assert all(word.replace(" ", "") in bare for word in words), text

    code, _, err = run_cli("--profiles", profiles, "build", "ruritania", "--format", "md", "--out", out)
    assert code == 0, err
    second = json.loads(facts.read_text(encoding="utf-8"))["facts"]
    assert {key for key in first.keys() | second.keys() if first.get(key) != second.get(key)} == {fact}
    assert _changed(first[fact], second[fact]) == attributes
    assert _flat(second[fact]) == _flat(change["after"])


def test_a_source_s_own_date_changes_every_fact_citing_it_and_only_its_date(built: tuple[Path, Path]) -> None:
    profiles, out = built
    _edit(profiles / "defaults.yaml", "date: 2025-01-02", "date: 2025-01-03")
    code, printed, err = run_cli("--profiles", profiles, "diff", "ruritania", "--out", out, "--json")
    assert code == 0, err
    report = json.loads(printed)
    assert report["changed"], "a source's new date is a change of every fact it backs"
    for change in report["changed"]:
        assert _changed(change["before"], change["after"]) == {"source.date"}, change["id"]
    assert FIGURE in [c["id"] for c in report["changed"]]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("as_of: 2025-01\n", "as_of: 2023-01\n", "key_figures[0].as_of"),
        ("    as_of: 2025\n", "    as_of: 2023\n", "key_figures[1].as_of"),
    ],
)
def test_check_names_only_the_fact_made_old(profiles: Path, old: str, new: str, path: str) -> None:
    """On 2025-12-31 (the suite's date) with a 24-month limit, nothing is old until one as-of date is moved."""
    code, printed, err = run_cli("--profiles", profiles, "check", "ruritania", "--max-age", "24m")
    assert code == 0 and "stale" not in printed, printed + err
    _edit(profiles / "ruritania.yaml", old, new)
    code, printed, err = run_cli("--profiles", profiles, "check", "ruritania", "--max-age", "24m")
    stale = [line for line in (printed + err).splitlines() if "stale" in line]
    assert len(stale) == 1 and f"{path}: " in stale[0], printed + err


X = "{urn:oasis:names:tc:xliff:document:2.0}"


def _translate(profiles: Path, xlf: Path, fill: Callable[[str, str], str]) -> list[str]:
    """Export ruritania's missing or stale English, fill each target with ``fill(id, French)``, import it."""
    code, _, err = run_cli("--profiles", profiles, "translate", "export", "ruritania", "--lang", "en", "-o", xlf)
    assert code == 0, err
    tree = ET.parse(xlf)
    ids = []
    for unit in tree.iter(X + "unit"):
        source, target = unit.find(f"{X}segment/{X}source"), unit.find(f"{X}segment/{X}target")
        assert source is not None and target is not None and source.text
        target.text = fill(unit.attrib["id"], source.text)
        ids.append(unit.attrib["id"])
    tree.write(xlf, encoding="UTF-8", xml_declaration=True)
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 0, err
    return ids


def _english_problems(profiles: Path) -> list[dict[str, Any]]:
    _, printed, _ = run_cli("--profiles", profiles, "check", "ruritania", "--lang", "en", "--json")
    entries = json.loads(printed)
    return [e for e in entries if e["kind"] == "untranslated" or e["kind"] == "stale" and "translated" in e["message"]]


def test_a_stale_translation_is_exported_alone_imported_and_built(profiles: Path, tmp_path: Path) -> None:
    """One French text changes after translation: only it is stale, exported, and its new English replaces the old."""
    xlf = tmp_path / "ruritania.en.xlf"
    first = _translate(profiles, xlf, lambda _, french: f"EN {french}")
    assert "summary.0.text" in first and _english_problems(profiles) == []

    _edit(profiles / "ruritania.yaml", "fr: Relation fictive avec", "fr: Relation fictive renouvelée avec")
    problems = _english_problems(profiles)
    assert [(p["kind"], p["path"]) for p in problems] == [("stale", "summary[0].text")], problems

    again = _translate(profiles, xlf, lambda _, french: f"NEW {french}")
    assert again == ["summary.0.text"]
    assert _english_problems(profiles) == []
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "ruritania", "--lang", "en", "--format", "md", "--out", out)
    assert code == 0, err
    markdown = (out / "ruritania" / "briefing.en.md").read_text(encoding="utf-8")
    assert "NEW Relation fictive renouvelée avec" in markdown
    assert "EN Relation fictive avec" not in markdown
    assert "EN Ruritanie" in markdown  # the translations that stayed current are kept

    # The import remembered the new French: changing it once more makes the new English stale in turn.
    _edit(profiles / "ruritania.yaml", "fr: Relation fictive renouvelée avec", "fr: Relation fictive révisée avec")
    problems = _english_problems(profiles)
    assert [(p["kind"], p["path"]) for p in problems] == [("stale", "summary[0].text")], problems
