"""The shipped example visit: complete in fr, en and vi, final before its date, and a start for new visits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from .helpers import EXAMPLE, EXAMPLE_DRAFTED, REPO, pdf_text, run_cli

PROFILES = REPO / "profiles"
BEFORE = EXAMPLE_DRAFTED
"""A day before the visit (19–22 April 2027): the day the example was drafted."""
MARKS = {"fr": "EXEMPLE", "en": "EXAMPLE", "vi": "EXAMPLE"}


def _example() -> dict[str, object]:
    data = yaml.safe_load((PROFILES / "visits" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_example_has_every_section_and_every_language() -> None:
    for lang in ("en", "vi"):
        out = run_cli("--profiles", PROFILES, "check", EXAMPLE, "--lang", lang)[1]
        assert f"{lang}: " in out and "(100 %)" in out, out
    found = run_cli("--profiles", PROFILES, "check", EXAMPLE)[1]
    # No section left "to be completed", no TODO, no untranslated field: only the partner's figures may be old.
    assert not [line for line in found.splitlines() if line.split(":")[0] in {"gap", "placeholder", "untranslated"}]


def test_example_names_only_people_the_sources_name() -> None:
    """Someone the articles do not name is a role marked [EXAMPLE], never an invented name."""
    japan = yaml.safe_load((PROFILES / "japan.yaml").read_text(encoding="utf-8"))
    sourced = {p["name"] for p in japan["people"]}
    visit = _example()["visit"]
    assert isinstance(visit, dict)
    delegation = visit["delegation"]
    people = [delegation["head"], *delegation["members"], *visit["interlocutors"], *visit["protocol"]["contacts"]]
    names = [p["name"] for p in people]
    assert names and all(n == "[EXAMPLE]" or n in sourced for n in names), names
    drafting = visit["drafting"]
    marks = {"fr": "[EXEMPLE]", "en": "[EXAMPLE]", "vi": "[VÍ DỤ]"}
    for role in [drafting["officer"], *drafting["clearance"]]:
        assert set(role) == set(marks) and all(role[lang].startswith(mark) for lang, mark in marks.items()), role
    assert visit["source"] == "baoquocte-2025-11-24"


WITHIN_AGE = "2026-08-31"
"""The last day on which every fact the example shows (its own, its partner's and the defaults') is within
``--final``'s 12-month age limit: the oldest is a national-context figure as of 2025-08."""


def test_example_builds_final_before_the_visit_with_example_on_every_page(tmp_path: Path) -> None:
    code, out, err = run_cli(
        "--profiles", PROFILES, "build", EXAMPLE, "--final", "--lang", "fr,en,vi", "--format", "pdf",
        "--out", tmp_path, "--date", WITHIN_AGE,
    )  # fmt: skip
    assert code == 0, err
    folder = tmp_path / EXAMPLE
    for lang, suffix in (("fr", ""), ("en", ".en"), ("vi", ".vi")):
        pdf = folder / f"briefing{suffix}.pdf"
        assert str(pdf) in out
        # pypdf: each page's text, in less than half the time pdfplumber takes over these 17-page briefings.
        pages = [text for page in PdfReader(pdf).pages if (text := page.extract_text() or "").strip()]
        assert len(pages) > 3
        assert all(MARKS[lang] in page for page in pages), [i + 1 for i, p in enumerate(pages) if MARKS[lang] not in p]


def test_example_final_on_its_drafting_day_is_refused_only_for_its_partners_old_facts(tmp_path: Path) -> None:
    """On 2026-12-07 the sources' figures and titles (2025) are past the age limit: nothing in the visit is."""
    code, _, err = run_cli(
        "--profiles", PROFILES, "build", EXAMPLE, "--final", "--format", "md", "--out", tmp_path, "--date", BEFORE
    )
    problems = err.splitlines()[1:]
    assert code == 2 and problems
    assert all(line.startswith("error: stale: profiles/") for line in problems), problems
    assert not [line for line in problems if "visits/" in line], problems


def test_example_is_refused_as_final_once_the_visit_is_past(tmp_path: Path) -> None:
    code, _, err = run_cli(
        "--profiles", PROFILES, "build", EXAMPLE, "--final", "--format", "md", "--out", tmp_path, "--date", "2027-04-23"
    )
    assert code == 2
    assert "visit.end: the visit (2027-04-22) is already past on the document's date 2027-04-23" in err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    profiles = tmp_path / "profiles"
    shutil.copytree(PROFILES, profiles)
    (profiles / "visits" / f"{EXAMPLE}.yaml").unlink()  # found among the shipped examples all the same
    return profiles


def test_new_visit_from_the_example_starts_a_copy_that_final_refuses_until_reworked(project: Path) -> None:
    code, out, err = run_cli("--profiles", project, "new", "--visit", "ha-long-2027", "--from", EXAMPLE)
    path = project / "visits" / "ha-long-2027.yaml"
    assert code == 0, err
    assert out.splitlines()[0] == str(path)
    assert run_cli("--profiles", project, "validate", "ha-long-2027") == (0, "ok: ha-long-2027\n", "")
    copy = yaml.safe_load(path.read_text(encoding="utf-8"))
    example = _example()
    assert copy["partner"] == "japan" and "marking" not in copy  # the defaults' marking, not EXAMPLE
    assert copy["visit"]["programme"][2] == example["visit"]["programme"][2]  # type: ignore[index]
    assert copy["visit"]["delegation"]["head"]["name"] == "TODO [EXAMPLE]"
    found = run_cli("--profiles", project, "check", "ha-long-2027")[1]
    assert any(line.startswith("placeholder: ") and "TODO [EXAMPLE]" in line for line in found.splitlines())
    code, _, err = run_cli(
        "--profiles", project, "build", "ha-long-2027", "--final", "--format", "md", "--out", project.parent / "out",
        "--date", BEFORE,
    )  # fmt: skip
    assert code == 2 and "TODO" in err
    # Never overwrites: a second run says the file exists.
    code, _, err = run_cli("--profiles", project, "new", "--visit", "ha-long-2027", "--from", EXAMPLE)
    assert code == 2 and "already exists" in err


def test_new_visit_from_sets_the_partner_given(project: Path) -> None:
    assert run_cli("--profiles", project, "new", "--visit", "v2", "--from", EXAMPLE, "--partner", "japan")[0] == 0
    assert yaml.safe_load((project / "visits" / "v2.yaml").read_text(encoding="utf-8"))["partner"] == "japan"


UNKNOWN = "error: no visit named 'nowhere' to start from; known visits: "
ALONE = f"error: --from goes with --visit: briefgen new --visit NAME --from {EXAMPLE}"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["new", "--visit", "v3", "--from", "nowhere"], UNKNOWN), (["new", "x", "--from", EXAMPLE], ALONE)],
)
def test_new_visit_from_bad_usage_says_what_to_do(project: Path, args: list[str], message: str) -> None:
    code, out, err = run_cli("--profiles", project, *args)
    assert code == 2 and out == ""
    assert err.startswith(message) and len(err.splitlines()) == 1, err


# Part 2: a pack is made in every language its profiles are complete in, unless the visit says otherwise.


def _pack(profiles: Path, out: Path, name: str) -> list[str]:
    code, stdout, err = run_cli("--profiles", profiles, "batch", name, "--out", out, "--json", "--date", BEFORE)
    assert code == 0, stdout + err
    return sorted(p.name for p in (out / name).iterdir() if p.suffix in {".pdf", ".docx"})


def _pdf_text(path: Path) -> str:
    return pdf_text(path)


def test_a_pack_is_made_in_every_language_its_profiles_are_complete_in(example_pack: Path) -> None:
    # The pack is conftest.example_pack: `batch EXAMPLE --date BEFORE` on the shipped profiles, made once.
    tmp_path = example_pack
    files = sorted(p.name for p in (tmp_path / EXAMPLE).iterdir() if p.suffix in {".pdf", ".docx"})
    assert files == [
        "briefing.docx", "briefing.en.docx", "briefing.en.pdf", "briefing.pdf", "briefing.vi.docx",
        "briefing.vi.pdf", "key-facts.en.pdf", "key-facts.pdf", "key-facts.vi.pdf",
    ]  # fmt: skip
    folder = tmp_path / EXAMPLE
    # Each is in its own language: the visit's title as written in that language.
    assert "Visite de travail de la délégation" in _pdf_text(folder / "briefing.pdf")
    assert "Working visit of the Quảng Ninh provincial" in " ".join(_pdf_text(folder / "briefing.en.pdf").split())
    assert "[Ví dụ] Chuyến công tác của" in _pdf_text(folder / "key-facts.vi.pdf")
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    assert all(name in manifest for name in files)


def test_a_pack_stays_in_the_languages_its_visit_names_or_its_own(project: Path, tmp_path: Path) -> None:
    text = (PROFILES / "visits" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    asked = text.replace("\n  focus:\n", "\n  languages: [fr, en]\n  focus:\n", 1)
    (project / "visits" / "two-languages.yaml").write_text(asked, encoding="utf-8")
    assert _pack(project, tmp_path / "out", "two-languages") == [
        "briefing.docx", "briefing.en.docx", "briefing.en.pdf", "briefing.pdf", "key-facts.en.pdf", "key-facts.pdf"
    ]  # fmt: skip
    # One English field missing: no English pack, the Vietnamese one still made.
    partial = text.replace("\n        en: Head and members of the delegation", "", 1)
    (project / "visits" / "one-short.yaml").write_text(partial, encoding="utf-8")
    assert _pack(project, tmp_path / "out", "one-short") == [
        "briefing.docx", "briefing.pdf", "briefing.vi.docx", "briefing.vi.pdf", "key-facts.pdf", "key-facts.vi.pdf"
    ]  # fmt: skip


# Part 3 (data): the issuer's own form, in the defaults and overridable per visit.

OFFICE_DEFAULTS = """
office:
  parent: {fr: Comité populaire de la province de Quảng Ninh, en: People's Committee of Quảng Ninh Province,
           vi: UBND TỈNH QUẢNG NINH}
  province: {fr: Quảng Ninh, en: Quảng Ninh, vi: Quảng Ninh}
  national_heading:
    - {fr: RÉPUBLIQUE SOCIALISTE DU VIET NAM, en: SOCIALIST REPUBLIC OF VIET NAM,
       vi: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM}
    - {fr: Indépendance – Liberté – Bonheur, en: Independence – Freedom – Happiness,
       vi: Độc lập - Tự do - Hạnh phúc}
  reference: "{number}/BC-SNgV"
  addressee: {fr: Monsieur le Président du Comité populaire, en: The Chairman of the People's Committee,
              vi: Đồng chí Chủ tịch UBND tỉnh}
  distribution:
    - {fr: Archives du Service, en: Department files, vi: "Lưu: VT, Sở Ngoại vụ."}
purpose: {fr: Note d'information, en: Briefing note, vi: Tài liệu phục vụ}
drafting:
  officer: {fr: "[EXEMPLE] Chargé de mission Japon", en: "[EXAMPLE] Japan desk officer", vi: "[VÍ DỤ] Chuyên viên"}
  date: 2026-12-07
  clearance: [{fr: "[EXEMPLE] Directeur", en: "[EXAMPLE] Director", vi: "[VÍ DỤ] Giám đốc"}]
  cleared_on: 2026-12-08
"""


def _profile(profiles: Path, name: str) -> object:
    from briefgen.data.assembly import assemble
    from briefgen.data.catalog import Places
    from briefgen.data.merging import merge
    from briefgen.data.validation import validate

    return validate(merge(assemble(name, Places.find(profiles)).layers), profiles)


def test_the_office_form_is_data_in_the_defaults_and_a_visit_overrides_it_key_by_key(project: Path) -> None:
    # The shipped defaults carry an office; this test's own stands in for it, so that its values are known.
    defaults = project / "defaults.yaml"
    shipped = defaults.read_text(encoding="utf-8")
    start = shipped.index("\noffice:\n")
    end = shipped.index("\n\n", start + 1)
    defaults.write_text(shipped[:start] + shipped[end:] + OFFICE_DEFAULTS, encoding="utf-8")
    japan = project / "japan.yaml"
    mine = japan.read_text(encoding="utf-8")
    start = mine.index("\npurpose:\n")
    japan.write_text(mine[:start] + mine[mine.index("\n\n", mine.index("\ndrafting:\n")) :], encoding="utf-8")
    shutil.copy(PROFILES / "visits" / f"{EXAMPLE}.yaml", project / "visits" / f"{EXAMPLE}.yaml")
    partner = _profile(project, "japan")
    visit = _profile(project, EXAMPLE)
    office, mine = partner.office, visit.office  # type: ignore[attr-defined]
    assert office.parent["vi"] == "UBND TỈNH QUẢNG NINH" and office.reference == "{number}/BC-SNgV"
    assert office.addressee["vi"] == "Đồng chí Chủ tịch UBND tỉnh"
    assert partner.drafting.cleared_on.isoformat() == "2026-12-08"  # type: ignore[attr-defined]
    # The visit addresses its note to the head of delegation; the rest of the office's form stays.
    assert mine.addressee["vi"] == "Đồng chí Phó Chủ tịch UBND tỉnh, Trưởng đoàn công tác"
    assert mine.parent == office.parent and mine.national_heading == office.national_heading
    # Every text of the form is checked for translation like any other.
    for lang in ("en", "vi"):
        assert "(100 %)" in run_cli("--profiles", project, "check", "japan", "--lang", lang)[1]


def test_an_unknown_office_key_is_one_clear_error(project: Path) -> None:
    defaults = project / "defaults.yaml"
    text = defaults.read_text(encoding="utf-8").replace("\noffice:\n", "\noffice:\n  adressee: x\n", 1)
    defaults.write_text(text, encoding="utf-8")
    code, out, err = run_cli("--profiles", project, "validate", "japan")
    assert code == 2
    assert "defaults.yaml:" in err and "office.adressee" in err and "addressee" in err, err
    assert "Traceback" not in err
