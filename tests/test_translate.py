"""``translate export|import``: the translator's round trip, stale translations, coverage, refusals."""

from __future__ import annotations

import difflib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from .helpers import REPO, run_cli, write_tree

X = "{urn:oasis:names:tc:xliff:document:2.0}"


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    """A copy of the shipped profiles."""
    return Path(shutil.copytree(REPO / "profiles", tmp_path / "profiles"))


def _drop_lines(text: str, start: str, count: int) -> tuple[str, range]:
    """``text`` without ``count`` lines from the first line equal to ``start``; the original lines dropped."""
    lines = text.splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if line.rstrip("\n") == start)
    return "".join(lines[:i] + lines[i + count :]), range(i, i + count)


def _fill(xlf: Path, original: dict[str, Any], files: dict[str, str] | None = None) -> list[str]:
    """Fill every target with the text the original data holds at the unit's path; the unit ids."""
    tree = ET.parse(xlf)
    ids = []
    for unit in tree.iter(X + "unit"):
        target = unit.find(f"{X}segment/{X}target")
        assert target is not None
        if files is not None:
            target.text = files[unit.attrib["id"]]
        else:
            value: Any = original
            for part in unit.attrib["id"].split("."):
                value = value[int(part)] if isinstance(value, list) else value[part]
            target.text = value["en"]
        ids.append(unit.attrib["id"])
    tree.write(xlf, encoding="UTF-8", xml_declaration=True)
    return ids


def _changed_lines(before: str, after: str) -> set[int]:
    """The lines of ``before`` (0-based) that ``after`` changes, and the places it inserts at."""
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed |= set(range(i1, max(i2, i1 + 1)))
    return changed


def test_round_trip_on_japan_changes_only_the_translated_fields(profiles: Path, tmp_path: Path) -> None:
    japan = profiles / "japan.yaml"
    original_text = japan.read_text(encoding="utf-8")
    original = yaml.safe_load(original_text)
    # Take out four English texts: a flow mapping's, a folded paragraph's, a list item's, a one-liner's.
    text = original_text.replace("name: {fr: Japon, en: Japan, vi: Nhật Bản}", "name: {fr: Japon, vi: Nhật Bản}")
    name_line = original_text.splitlines().index("  name: {fr: Japon, en: Japan, vi: Nhật Bản}")
    text, summary = _drop_lines(text, "      en: >-", 3)  # the first summary point's: its key and two lines
    when = "    en: by the end of 2025 (a commitment of the two Prime Ministers; the source gives no date)"
    text, forum_when = _drop_lines(text, when, 1)
    text, agreement = _drop_lines(text, "      en: Viet Nam–Japan Economic Partnership Agreement", 1)
    japan.write_text(text, encoding="utf-8")
    # Each later removal counted lines in the already shortened text: map them back to the original's.
    touched = {name_line, *summary, *(i + 3 for i in forum_when), *(i + 4 for i in agreement)}

    xlf = tmp_path / "japan.en.xlf"
    code, out, err = run_cli("--profiles", profiles, "translate", "export", "japan", "--lang", "en", "-o", xlf)
    assert code == 0, err
    assert "4 field(s) to translate into 'en'" in out
    root = ET.parse(xlf).getroot()
    assert root.attrib["srcLang"] == "fr" and root.attrib["trgLang"] == "en"
    (file,) = root.iter(X + "file")
    assert file.attrib["original"] == "japan.yaml"
    units = {u.attrib["id"]: u for u in root.iter(X + "unit")}
    assert units["partner.name"].findtext(f"{X}segment/{X}source") == "Japon"
    notes = [n.text for n in units["partner.name"].iter(X + "note")]
    assert notes[0].endswith("japan.yaml:10") and notes[1] == "field: partner.name"
    assert any(i.startswith("summary.0.text") for i in units)

    _fill(xlf, original)
    code, out, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 0, err
    assert "4 translation(s) imported" in out and err == ""
    result = japan.read_text(encoding="utf-8")
    assert yaml.safe_load(result) == original
    assert _changed_lines(original_text, result) <= touched
    assert result.splitlines()[name_line] == "  name: {fr: Japon, en: Japan, vi: Nhật Bản}"

    records = json.loads((profiles / ".translations/japan.json").read_text(encoding="utf-8"))
    assert set(records["en"]) == set(units) and set(records["en"]["partner.name"]) == {"fr", "en"}
    code, out, _ = run_cli("--profiles", profiles, "check", "japan", "--lang", "en")
    assert "untranslated:" not in out and "en: 127/127 fields translated (100 %)" in out


def test_a_changed_french_makes_its_translation_stale_and_exported_again(profiles: Path, tmp_path: Path) -> None:
    japan = profiles / "japan.yaml"
    japan.write_text(japan.read_text(encoding="utf-8").replace("en: Japan, ", ""), encoding="utf-8")
    xlf = tmp_path / "x.xlf"
    run_cli("--profiles", profiles, "translate", "export", "japan", "--lang", "en", "-o", xlf)
    _fill(xlf, {"partner": {"name": {"en": "Japan"}}})
    assert run_cli("--profiles", profiles, "translate", "import", xlf)[0] == 0
    # A hand-written translation has no record: current. An imported one whose French changed: stale.
    text = japan.read_text(encoding="utf-8").replace("{fr: Japon, en: Japan", "{fr: État du Japon, en: Japan")
    japan.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("--profiles", profiles, "check", "japan", "--lang", "en", "--json")
    entries = json.loads(out)
    stale = [e for e in entries if e["kind"] == "stale" and e["path"] == "partner.name"]
    assert len(stale) == 1 and "the 'fr' text changed after it was translated" in stale[0]["message"]
    assert entries[-1] == {"kind": "coverage", "lang": "en", "translated": 126, "stale": 1, "missing": 0, "total": 127}
    code, out, _ = run_cli("--profiles", profiles, "translate", "export", "japan", "--lang", "en", "-o", xlf)
    units = list(ET.parse(xlf).getroot().iter(X + "unit"))
    assert [u.attrib["id"] for u in units] == ["partner.name"]
    assert units[0].findtext(f"{X}segment/{X}source") == "État du Japon"
    assert "previous translation, made from an earlier text: Japan" in [n.text for n in units[0].iter(X + "note")]


RICH = """\
# Ruritania — a FICTIONAL profile for tests; nothing here is a fact.
# The comments, blank lines and odd quoting below must survive an import.

partner:
  name: Ruritanie   # the name as the French press writes it
  native: 'Ruritania'

language: fr
issuer: "Bureau fictif"
marking: NON PROTÉGÉ (fictif)

summary:
    # a summary line with a plain French string
    - text: "Un pays de fiction, inventé pour les tests de briefgen et décrit ici en une phrase longue."
      as_of: 2025-01-01   # as of
      source: fiction

sources:
  fiction:
    title: Une source de fiction   # not translatable
"""


LONG = '    - text: "Un pays de fiction, inventé pour les tests de briefgen et décrit ici en une phrase longue."'


def test_a_comment_rich_file_keeps_its_comments_and_plain_strings_become_mappings(tmp_path: Path) -> None:
    profiles = write_tree(tmp_path / "profiles", {"ruritania.yaml": RICH})
    xlf = tmp_path / "r.xlf"
    code, out, err = run_cli("--profiles", profiles, "translate", "export", "ruritania", "--lang", "en", "-o", xlf)
    assert code == 0, err
    english = {
        "partner.name": "Ruritania",
        "summary.0.text": "A fictional country, made up for briefgen's tests.",
        "issuer": "Fictional office",
        "marking": "UNCLASSIFIED (fictional)",
    }
    assert sorted(_fill(xlf, {}, english)) == sorted(english)
    code, out, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 0 and err == "", err
    result = (profiles / "ruritania.yaml").read_text(encoding="utf-8")
    expected = (
        RICH.replace("  name: Ruritanie   #", "  name: {fr: Ruritanie, en: Ruritania} #")
        .replace('issuer: "Bureau fictif"', 'issuer: {fr: "Bureau fictif", en: Fictional office}')
        .replace("marking: NON PROTÉGÉ (fictif)", "marking: {fr: NON PROTÉGÉ (fictif), en: UNCLASSIFIED (fictional)}")
        .replace(
            LONG + "\n",
            "    - text:\n"
            "        fr: " + LONG.split(": ", 1)[1] + "\n"
            "        en: A fictional country, made up for briefgen's tests.\n",
        )
    )
    assert result == expected


def _export(profiles: Path, tmp_path: Path) -> Path:
    japan = profiles / "japan.yaml"
    japan.write_text(japan.read_text(encoding="utf-8").replace("en: Japan, ", ""), encoding="utf-8")
    xlf = tmp_path / "x.xlf"
    assert run_cli("--profiles", profiles, "translate", "export", "japan", "--lang", "en", "-o", xlf)[0] == 0
    _fill(xlf, {"partner": {"name": {"en": "Japan"}}})
    return xlf


def test_import_refuses_a_unit_whose_source_changed_since_the_export(profiles: Path, tmp_path: Path) -> None:
    xlf = _export(profiles, tmp_path)
    japan = profiles / "japan.yaml"
    before = japan.read_text(encoding="utf-8").replace("{fr: Japon,", "{fr: Nippon,")
    japan.write_text(before, encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2
    assert "unit 'partner.name'" in err and "the profile changed since the export" in err
    assert japan.read_text(encoding="utf-8") == before and not (profiles / ".translations").exists()


@pytest.mark.parametrize(
    "content",
    [
        b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>',
        b"<html><body>hello</body></html>",
        b"not xml at all",
    ],
)
def test_import_refuses_a_file_that_is_not_ours(profiles: Path, tmp_path: Path, content: bytes) -> None:
    xlf = tmp_path / "other.xlf"
    xlf.write_bytes(content)
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert "not a briefgen translation file" in err or "not well-formed XML" in err


def test_import_refuses_entities_and_doctypes(profiles: Path, tmp_path: Path) -> None:
    xlf = _export(profiles, tmp_path)
    text = xlf.read_text(encoding="utf-8")
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    hostile = text.replace("?>", "?>" + laughs, 1).replace("<target>Japan</target>", "<target>&b;</target>")
    xlf.write_text(hostile, encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2 and "declares a DOCTYPE or entities, which briefgen refuses" in err
    assert not (profiles / ".translations").exists()


def test_import_refuses_a_file_outside_the_profile(profiles: Path, tmp_path: Path) -> None:
    xlf = _export(profiles, tmp_path)
    xlf.write_text(xlf.read_text(encoding="utf-8").replace('original="japan.yaml"', 'original="../x.yaml"'))
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2 and "names the file '../x.yaml', which is not one of the profile's files" in err


def test_build_summarises_missing_text_in_one_line_and_final_refuses(profiles: Path, tmp_path: Path) -> None:
    japan = profiles / "japan.yaml"
    japan.write_text(japan.read_text(encoding="utf-8").replace("en: Japan, ", ""), encoding="utf-8")
    args = ("--profiles", profiles, "build", "japan", "--lang", "en", "--format", "html", "--out", tmp_path / "o")
    code, _, err = run_cli(*args)
    assert code == 0
    assert err.splitlines() == [
        "warning: japan: en: 1 field(s) have no current English text and show the profile's own language; "
        "see 'briefgen check japan --lang en'"
    ]
    code, _, err = run_cli(*args, "--verbose", "--force")  # an unchanged build is skipped, silently
    assert "japan.yaml:10:3: partner.name: no 'en' text; a draft shows the 'fr' one" in err
    shutil.rmtree(tmp_path / "o")
    code, _, err = run_cli(*args, "--final")
    assert code == 2
    assert err.splitlines()[0] == (
        "error: 1 thing(s) to complete before a final document; nothing was built (--final); "
        "translate with 'briefgen translate export NAME --lang LANG'"
    )
    assert f"error: untranslated: {japan}:10:3: partner.name: no 'en' text" in err
    assert not (tmp_path / "o").exists()
