"""The key-facts sheet's note numbers when its sources are not the briefing's first ones.

The FICTIONAL fixture (tests/fixtures) is rewritten so that the briefing numbers nine sources and the sheet's
sections cite only two of them, 3 (the key figures, the pairings) and 7 (a person), while 8 (a person the visit
does not concern) stays off the sheet. The sheet keeps the briefing's numbers: a reader holding both reads
``[7]`` as the same source on either page. So its notes list is exactly the numbers its text cites, each note
word for word the briefing's note of that number.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from briefgen import languages
from tests.helpers import FIXTURES, pdf_text, run_cli

FR = languages.labels("fr")
DAY = dt.date(2025, 1, 2)


def _rewrite(profiles: Path) -> None:
    """Nine FICTIONAL sources, cited so that the key-facts sections cite the 3rd and the 7th (and the 8th, unshown)."""
    partner = yaml.safe_load((profiles / "ruritania.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((profiles / "defaults.yaml").read_text(encoding="utf-8"))
    defaults["sources"] = {
        f"s{n}": {"title": f"Titre fictif {n}", "publisher": f"Éditeur fictif {n}", "date": DAY} for n in range(1, 10)
    }
    partner["summary"] = [{"text": f"Résumé fictif {n}", "as_of": DAY, "source": f"s{n}"} for n in (1, 2)]
    for item in [*partner["key_figures"], *partner["partnerships"]]:
        item["source"] = "s3"
    partner["agreements"] = [{"short": f"AF{n}", "name": f"Accord fictif {n}", "source": f"s{n}"} for n in (4, 5, 6)]
    partner["timeline"][0]["source"] = "s6"
    partner["people"][0]["source"] = "s7"  # Rudolf Rassendyll, the visit's counterpart: on the sheet
    partner["people"][1]["source"] = "s9"  # not concerned by the visit: the sheet's table leaves her out
    partner["priorities"] = [{"text": "Priorité fictive", "as_of": DAY, "source": "s8"}]
    header = "# FICTIONAL test fixture, rewritten by tests/test_key_facts_numbers.py.\n"
    for name, data in (("ruritania.yaml", partner), ("defaults.yaml", defaults)):
        (profiles / name).write_text(header + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _text(pdf: Path) -> str:
    return pdf_text(pdf, layout=True)


def _notes(text: str) -> tuple[set[int], dict[int, str]]:
    """The note numbers cited before the last ``Sources`` heading, and the notes listed after it."""
    at = text.rindex(FR["sources"])
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text[:at])}
    listed = dict(re.findall(r"^\s*\[(\d+)\]\s+(\S.*)$", text[at:], flags=re.MULTILINE))
    return cited, {int(n): " ".join(note.split()) for n, note in listed.items()}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("numbers")
    profiles = root / "profiles"
    shutil.copytree(FIXTURES, profiles)
    _rewrite(profiles)
    code, _, err = run_cli("--profiles", profiles, "batch", "strelsau-2026", "--out", root / "out")
    assert code == 0, err
    return root / "out" / "strelsau-2026"


def test_the_briefing_numbers_nine_sources(pack: Path) -> None:
    cited, listed = _notes(_text(pack / "briefing.pdf"))
    assert cited == set(listed) == set(range(1, 10))
    assert len(set(listed.values())) == 9 and all("Titre fictif" in note for note in listed.values())


def test_the_sheet_lists_the_notes_it_cites_with_the_briefing_s_numbers_and_words(pack: Path) -> None:
    cited, listed = _notes(_text(pack / "key-facts.pdf"))
    assert cited == set(listed) == {3, 7}, (cited, listed)
    _, briefing = _notes(_text(pack / "briefing.pdf"))
    # Each note in brief (publisher and date, as the briefing's note under the same number begins and ends).
    brief = {n: ", ".join((briefing[n].split(", ")[0], briefing[n].split(", ")[-1])) for n in listed}
    assert {n: listed[n] for n in listed} == brief
    assert all(listed[n] != briefing[n] for n in listed)  # the title is left to the briefing
