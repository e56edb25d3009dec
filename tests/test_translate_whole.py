"""``translate import`` writes all or nothing: limits and refusals come before any write (issue 18, part 4)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from .helpers import run_cli, write_tree

X = "{urn:oasis:names:tc:xliff:document:2.0}"

# Ruritania — a FICTIONAL profile for tests; nothing here is a fact.
PROFILE = """\
partner:
  name: Ruritanie
language: fr
issuer: Bureau fictif
marking: NON PROTÉGÉ (fictif)
summary:
  - text: Un pays de fiction, inventé pour les tests de briefgen.
    as_of: 2025-01-01
    source: fiction
sources:
  fiction:
    title: Une source de fiction
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fictional profile exported to ``tmp_path/r.xlf``; the profiles are in ``tmp_path/profiles``."""
    profiles = write_tree(tmp_path / "profiles", {"ruritania.yaml": PROFILE})
    code, _, err = run_cli(
        "--profiles", profiles, "translate", "export", "ruritania", "--lang", "en", "-o", tmp_path / "r.xlf"
    )
    assert code == 0, err
    return tmp_path


def _fill(xlf: Path, targets: dict[str, str]) -> None:
    """Put ``targets`` (unit id → text) into the exported file."""
    tree = ET.parse(xlf)
    for unit in tree.iter(X + "unit"):
        if unit.attrib["id"] in targets:
            target = unit.find(f"{X}segment/{X}target")
            assert target is not None
            target.text = targets[unit.attrib["id"]]
    tree.write(xlf, encoding="UTF-8", xml_declaration=True)


def test_a_failed_records_write_leaves_the_profile_unchanged(project: Path) -> None:
    profiles, xlf = project / "profiles", project / "r.xlf"
    _fill(xlf, {"partner.name": "Ruritania"})
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    (profiles / ".translations").symlink_to(elsewhere)  # refused by the writer: it never follows a link
    before = (profiles / "ruritania.yaml").read_bytes()
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code != 0 and "is a symbolic link" in err and "Traceback" not in err
    assert (profiles / "ruritania.yaml").read_bytes() == before
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in profiles.iterdir()) == [
        ".translations",
        "ruritania.yaml",
    ]


def test_a_profile_over_the_size_limit_is_refused_before_writing(project: Path) -> None:
    profiles, xlf = project / "profiles", project / "r.xlf"
    _fill(xlf, {"summary.0.text": "mot " * (600 * 1024)})  # 2.4 MiB of English
    before = (profiles / "ruritania.yaml").read_bytes()
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2, err
    [line] = err.splitlines()
    head, size, tail = line.partition(" KiB; ")[0].rpartition(" ")[0], line.split(" KiB; ")[0].rsplit(" ", 1)[1], line
    assert head == f"error: {xlf}: with these translations {profiles / 'ruritania.yaml'} would be"
    assert 2048 < int(size) < 2500  # counted on the bytes to be written: the YAML around the text too
    assert tail.endswith(
        " KiB; profiles are limited to 2048 KiB, so nothing was written; shorten the translations or split the profile"
    )
    assert (profiles / "ruritania.yaml").read_bytes() == before and not (profiles / ".translations").exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_relative_profiles_folder_works(project: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.chdir(project)
    _fill(project / "r.xlf", {"partner.name": "Ruritania"})
    if how == "option":
        code, _, err = run_cli("--profiles", "profiles", "translate", "import", "r.xlf")
    else:
        code, _, err = run_cli("translate", "import", "r.xlf", env={"BRIEFGEN_PROFILES": "profiles"})
    assert code == 0, err
    data = yaml.safe_load((project / "profiles" / "ruritania.yaml").read_text(encoding="utf-8"))
    assert data["partner"]["name"] == {"fr": "Ruritanie", "en": "Ruritania"}
    records = json.loads((project / "profiles" / ".translations" / "ruritania.json").read_text(encoding="utf-8"))
    assert list(records["en"]) == ["partner.name"]


def _line_of(text: str, needle: str, occurrence: int) -> int:
    """The 1-based line of the ``occurrence``-th (1-based) line containing ``needle``."""
    return [n for n, line in enumerate(text.splitlines(), 1) if needle in line][occurrence - 1]


def test_a_unit_given_twice_is_refused_with_its_line(project: Path) -> None:
    profiles, xlf = project / "profiles", project / "r.xlf"
    _fill(xlf, {"partner.name": "Ruritania"})
    text = xlf.read_text(encoding="utf-8")
    start = text.index('<unit id="partner.name">')
    end = text.index("</unit>", start) + len("</unit>")
    twice = text[:end] + "\n    " + text[start:end].replace(">Ruritania<", ">Other<") + text[end:]
    xlf.write_text(twice, encoding="utf-8")
    before = (profiles / "ruritania.yaml").read_bytes()
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2
    first, second = _line_of(twice, 'id="partner.name"', 1), _line_of(twice, 'id="partner.name"', 2)
    assert err.splitlines() == [
        f"error: {xlf}:{second}: unit 'partner.name' of 'ruritania.yaml' appears a second time (first at line "
        f"{first}); keep one"
    ]
    assert (profiles / "ruritania.yaml").read_bytes() == before


def test_two_file_elements_for_one_file_are_refused_with_their_line(project: Path) -> None:
    profiles, xlf = project / "profiles", project / "r.xlf"
    _fill(xlf, {"partner.name": "Ruritania", "issuer": "Fictional office"})
    text = xlf.read_text(encoding="utf-8")
    # The issuer's unit moves into a second <file> for the same profile file.
    start = text.index('<unit id="issuer">')
    end = text.index("</unit>", start) + len("</unit>")
    unit = text[start:end]
    split = text[:start] + text[end:]
    split = split.replace("</file>", f'</file>\n  <file id="f2" original="ruritania.yaml">\n    {unit}\n  </file>')
    xlf.write_text(split, encoding="utf-8")
    before = (profiles / "ruritania.yaml").read_bytes()
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 2
    first, second = _line_of(split, 'original="ruritania.yaml"', 1), _line_of(split, 'original="ruritania.yaml"', 2)
    assert err.splitlines() == [
        f"error: {xlf}:{second}: a second <file> for 'ruritania.yaml' (the first is at line {first}); "
        "put all its units in one <file>"
    ]
    assert (profiles / "ruritania.yaml").read_bytes() == before


@pytest.mark.parametrize("where", ["partner.name", "summary.0.text"])
def test_line_breaks_of_yaml_1_1_come_back_as_written(project: Path, where: str) -> None:
    profiles, xlf = project / "profiles", project / "r.xlf"
    english = "Line\x85next\u2028and\u2029last"
    _fill(xlf, {where: english})
    code, _, err = run_cli("--profiles", profiles, "translate", "import", xlf)
    assert code == 0, err
    data = yaml.safe_load((profiles / "ruritania.yaml").read_text(encoding="utf-8"))
    value = data["partner"]["name"] if where == "partner.name" else data["summary"][0]["text"]
    assert value["en"] == english
