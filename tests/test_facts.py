"""facts.json with every build and pack, and ``briefgen diff`` against a build, a pack folder, a zip or a file.

Every profile here is a FICTIONAL fixture (tests/fixtures), copied into tmp_path.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from briefgen.data.catalog import Places
from briefgen.pipeline.api import load_profile
from briefgen.view.facts import facts_bytes, facts_of
from briefgen.view.sections import newest_as_of

from .helpers import REPO, run_cli

FIGURE = "key_figures:Entreprises fictives"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diff(profiles: Path, *args: str | Path) -> tuple[int, dict[str, object], str]:
    code, stdout, stderr = run_cli("--profiles", profiles, "diff", "ruritania", "--json", *args)
    return code, json.loads(stdout) if code == 0 else {}, stderr


def test_facts_have_stable_ids_sources_and_dates(profiles: Path) -> None:
    places = Places(profiles, REPO / "templates")
    facts = facts_of(load_profile("ruritania", places))
    assert list(facts) == sorted(facts)
    figure = facts[FIGURE]
    assert figure["kind"] == "figure" and figure["as_of"] == "2025-01"
    assert figure["value"] == {"label": "Entreprises fictives", "qualifier": "more_than", "value": 2500.0}
    assert figure["source"] == {
        "key": "fict-src",
        "title": "Source fictive",
        "publisher": "Éditeur fictif",
        "date": "2025-01-02",
    }
    assert facts["partnerships:Quang Ninh"]["value"] == {
        "ours": "Quang Ninh (Quảng Ninh)",
        "theirs": ["Strelsau (シュトレルザウ)"],
    }
    assert facts["people:Rudolf Rassendyll"]["value"]["role"] == "Gouverneur fictif de Strelsau"
    assert facts["timeline:fict-src#1"]["value"]["date"] == "2023-11-27"
    assert facts["summary:fict-src#1"]["kind"] == "summary"
    # The shipped profile's national context (from its defaults layer) is there too, by group and label.
    japan = facts_of(load_profile("japan", Places.find()))
    assert any(i.startswith("national_context:") for i in japan)
    # A pairing is known by our locality's name in the profile's language; the native one only where it differs.
    assert japan["partnerships:Quảng Ninh"]["value"] == {
        "ours": "Quảng Ninh",
        "theirs": ["Hokkaido (北海道)", "Tottori (鳥取)"],
    }
    assert japan["partnerships:Hô Chi Minh-Ville"]["value"]["ours"] == "Hô Chi Minh-Ville (Thành phố Hồ Chí Minh)"
    # The same profile, the same bytes.
    first, again = load_profile("ruritania", places), load_profile("ruritania", places)
    dated = "2025-12-31T00:00:00+00:00"
    assert facts_bytes("ruritania", first, dated, newest_as_of(first)) == facts_bytes(
        "ruritania", again, dated, newest_as_of(again)
    )


def test_build_writes_facts_json_and_diff_reports_nothing_then_a_change(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run_cli("--profiles", profiles, "build", "ruritania", "--format", "html", "--out", out)
    assert code == 0 and stdout.split() == [str(out / "ruritania" / "briefing.html")]
    written = json.loads((out / "ruritania" / "facts.json").read_text(encoding="utf-8"))
    assert written["name"] == "ruritania" and FIGURE in written["facts"]

    code, found, _ = diff(profiles, "--out", out)
    assert code == 0 and (found["added"], found["changed"], found["removed"]) == ([], [], [])

    edit(profiles / "ruritania.yaml", "value: 2500", "value: 2600")
    edit(profiles / "ruritania.yaml", "as_of: 2025-01\n", "as_of: 2025-06\n")
    edit(profiles / "ruritania.yaml", "  - name: Flavia Elphberg", "  - name: Flavia Elphberg-Strelsau")
    code, found, _ = diff(profiles, "--out", out)
    assert code == 0
    (changed,) = found["changed"]
    assert changed["id"] == FIGURE and changed["status"] == "changed"
    assert (changed["before"]["value"]["value"], changed["after"]["value"]["value"]) == (2500.0, 2600.0)
    assert (changed["before"]["as_of"], changed["after"]["as_of"]) == ("2025-01", "2025-06")
    assert changed["before"]["source"]["key"] == changed["after"]["source"]["key"] == "fict-src"
    assert [c["id"] for c in found["added"]] == ["people:Flavia Elphberg-Strelsau"]
    assert [c["id"] for c in found["removed"]] == ["people:Flavia Elphberg"]

    # The terminal form says the same, in the profile's language alone, with both values (grouped and
    # qualified as the documents write them) and both as-of dates with the source.
    code, stdout, _ = run_cli("--profiles", profiles, "diff", "ruritania", "--out", out)
    text = " ".join(stdout.split())
    assert code == 0 and "Nouveau : 1, Modifié : 1, Supprimé : 1" in text
    source = "source : Éditeur fictif, Source fictive"
    assert f"Entreprises fictives : plus de 2 500 (au janvier 2025, {source}) → " in text
    assert f"→ Entreprises fictives : plus de 2 600 (au juin 2025, {source})" in text
    for english in ("added", "changed", "removed", "was ", "now ", "more than", "as of"):
        assert english not in text, english
    # --lang speaks another language, numbers and dates included.
    code, stdout, _ = run_cli("--profiles", profiles, "diff", "ruritania", "--out", out, "--lang", "en")
    text = " ".join(stdout.split())
    assert code == 0 and "New: 1, Changed: 1, Removed: 1" in text and "more than 2,600 (as at June 2025" in text
    assert "plus de" not in text and "Nouveau" not in text


def test_pack_carries_facts_json_in_manifest_and_zip_and_diff_reads_each_form(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, stderr = run_cli("--profiles", profiles, "batch", "ruritania", "--out", out, "--json", "--jobs", "1")
    assert (code, stderr) == (0, "")
    manifest = json.loads((out / "ruritania" / "manifest.json").read_text(encoding="utf-8"))
    assert "facts.json" in [o["path"] for o in manifest["outputs"]]
    with zipfile.ZipFile(out / "ruritania.zip") as archive:
        assert archive.read("ruritania/facts.json") == (out / "ruritania" / "facts.json").read_bytes()

    edit(profiles / "ruritania.yaml", "value: 2500", "value: 2400")
    moved = tmp_path / "kept.json"
    shutil.copy(out / "ruritania" / "facts.json", moved)
    for since in (out / "ruritania", out / "ruritania.zip", moved):
        code, found, _ = diff(profiles, "--since", since)
        assert code == 0 and [c["id"] for c in found["changed"]] == [FIGURE], since
        assert found["since_dated"] == "2025-12-31T00:00:00Z"  # the date the documents carry (tests/conftest.py)


def test_bad_since_is_exit_2_with_a_clear_message(profiles: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "garbage.json").write_bytes(b"\xff\x00 not json")
    (tmp_path / "empty").mkdir()
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("x/briefing.pdf", b"%PDF")
    cases = {
        tmp_path / "missing": "no such file or folder; give a pack folder, a pack's zip or a facts.json",
        tmp_path / "notes.json": "not a facts.json written by briefgen",
        tmp_path / "garbage.json": "not JSON; expected a facts.json written by briefgen",
        tmp_path / "empty": "no facts.json in this folder",
        tmp_path / "other.zip": "the zip holds no facts.json",
    }
    for since, message in cases.items():
        code, stdout, stderr = run_cli("--profiles", profiles, "diff", "ruritania", "--since", since)
        assert code == 2 and stdout == "", since
        assert stderr.startswith(f"error: {since}: ") and message in stderr, stderr
        assert stderr.endswith(" (--since)\n"), stderr
        assert "Traceback" not in stderr


def test_diff_without_an_earlier_build_says_to_build_first(profiles: Path, tmp_path: Path) -> None:
    code, _, stderr = run_cli("--profiles", profiles, "diff", "ruritania", "--out", tmp_path / "none")
    assert code == 2
    assert "no earlier build of 'ruritania'" in stderr and "build it first (briefgen ruritania)" in stderr
    assert stderr.endswith("or name an earlier pack (--since)\n"), stderr


def test_diff_reads_back_a_facts_json_whose_source_titles_are_translated(tmp_path: Path) -> None:
    # The shipped Japan profile gives its sources' titles in fr, en and vi: facts.json keeps them as mappings.
    shipped = REPO / "profiles"
    code, _, err = run_cli("--profiles", shipped, "japan", "--format", "md", "--out", tmp_path / "out", "-q")
    assert code == 0, err
    facts = tmp_path / "out" / "japan" / "facts.json"
    kept = json.loads(facts.read_text(encoding="utf-8"))["facts"].values()
    assert any(isinstance((f.get("source") or {}).get("title"), dict) for f in kept)
    code, out, err = run_cli("--profiles", shipped, "diff", "japan", "--since", facts, "--lang", "en")
    assert (code, err) == (0, "") and out.splitlines()[-1] == "No fact has changed."
