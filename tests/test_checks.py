"""``briefgen check``: stale figures, unsourced claims, uncited sources, untranslated fields."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import REPO, run_cli


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The FICTIONAL fixtures, plus an uncited source and a talking point with an unsourced number."""
    folder = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", folder)
    with (folder / "defaults.yaml").open("a", encoding="utf-8") as f:
        f.write("  unused-src:\n    title: Source fictive que rien ne cite\n")
    visit = folder / "visits" / "strelsau-2026.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("- Point fictif 2\n", "- Point fictif 2 avec 45 accords\n"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return folder


GAPS = [
    f"gap: profiles/visits/strelsau-2026.yaml:4:1: visit: the visit has no {section} section: add {keys}; "
    "a draft shows it to be completed"
    for section, keys in (
        ("asks", "'our_asks' or 'their_asks' (or 'our_asks: []' when there is nothing to say)"),
        ("interlocutors", "'interlocutors' (or 'interlocutors: []' when there is nothing to say)"),
        ("protocol", "'protocol'"),
        ("follow up", "'follow_up' (or 'follow_up: []' when there is nothing to say)"),
        ("drafting", "'drafting'"),
    )
]
"""The sections the FICTIONAL strelsau-2026 visit leaves out, as ``check`` lists them."""


def test_check_lists_each_kind_with_file_and_line(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", "profiles", "check", "--today", "2026-06-30", "--max-age", "12m")
    assert code == 0  # a report, not a failure, without --strict
    assert out.splitlines() == [
        "uncited: profiles/defaults.yaml:10:3: sources.unused-src: nothing cites this source",
        "stale: profiles/ruritania.yaml:13:5: key_figures[0].as_of: as of 2025-01, older than 2025-06-30",
        "stale: profiles/ruritania.yaml:39:5: people[0].as_of: title as of 2025-01-02, older than 2025-06-30",
        "stale: profiles/ruritania.yaml:44:5: people[1].as_of: title as of 2025-01-02, older than 2025-06-30",
        *GAPS,
        "unsourced: profiles/visits/strelsau-2026.yaml:22:7: visit.talking_points[1]: states a number but the "
        "visit names no source; add 'source:' and 'as_of:' to the visit",
        "stale: profiles/visits/zenda-summit-2026.yaml:33:5: people[0].as_of: title as of 2025-01-02, "
        "older than 2025-06-30",
    ]


def test_a_year_only_date_counts_as_its_last_day(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", "profiles", "check", "ruritania", "--today", "2026-12-30", "--json")
    stale = [f for f in json.loads(out) if f["kind"] == "stale" and f["path"].startswith("key_figures")]
    # 2025-01 is stale from 2026-01-31 on, the bare year 2025 only from 2026-12-31 on.
    assert [f["path"] for f in stale] == ["key_figures[0].as_of"]
    code, out, _ = run_cli("--profiles", "profiles", "check", "ruritania", "--today", "2027-01-01", "--json")
    assert [f["path"] for f in json.loads(out) if f["kind"] == "stale" and f["path"].startswith("key_")] == [
        "key_figures[0].as_of",
        "key_figures[1].as_of",
    ]


def test_strict_exits_1_and_json_is_a_list(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", "profiles", "check", "--today", "2026-06-30", "--strict", "--json")
    assert code == 1
    found = json.loads(out)
    assert {f["kind"] for f in found} == {"uncited", "stale", "gap", "unsourced"}
    assert found[0] == {
        "kind": "uncited",
        "file": "profiles/defaults.yaml",
        "line": 10,
        "column": 3,
        "path": "sources.unused-src",
        "message": "nothing cites this source",
    }


def test_untranslated_fields_for_lang(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", "profiles", "check", "ruritania", "--lang", "en", "--max-age", "99y")
    lines = [line for line in out.splitlines() if line.startswith("untranslated:")]
    assert "untranslated: profiles/ruritania.yaml:3:3: partner.name: no 'en' text; a draft shows the 'fr' one" in lines
    # A locality's name is text a translator gives in each language, like any other (4 in the fixture).
    assert (
        "untranslated: profiles/ruritania.yaml:25:12: partnerships[0].ours.name: no 'en' text; "
        "a draft shows the 'fr' one" in lines
    )
    assert len(lines) == 9 + 4


def test_nothing_to_report_and_bad_options(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", "profiles", "check", "--max-age", "99y")
    assert code == 0 and "nothing to report" not in out  # the uncited source and the unsourced point remain
    for args in (("--max-age", "12 months"), ("--today", "2026-13-01"), ("--lang", "de"), ("nope",)):
        code, _, err = run_cli("--profiles", "profiles", "check", *args)
        assert code == 2 and err.startswith("error: "), args
