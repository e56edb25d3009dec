"""Dates that cannot mislead, and the marking on every page (issue 11, parts 3 and 5).

The cover carries the document's own date and the range of its facts' as-of dates; ``build``
warns about stale figures and a visit already past; a period with no date is shown as planned;
the classification marking stands at the top and bottom of every PDF page and once at the top of
the cover. Profiles here are the FICTIONAL fixtures of ``tests/fixtures``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from briefgen.view.dating import document_date, period_is_past

from .helpers import REPO, run_cli, write_tree

VISIT = "strelsau-2026"
MARKING = "CONFIDENTIEL"  # the fixture visit's marking: "CONFIDENTIEL (fictif)"

# On 15 February 2026 (--date), the fixture's facts run from 2 January 2025 to the bare year 2025.
COVER = {
    "fr": ("Document établi le 15 février 2026", "Date des informations : janvier 2025 – 2025"),
    "en": ("Date: 15 February 2026", "Information as at January 2025 – 2025"),
    "vi": ("Ngày 15 tháng 02 năm 2026", "Thông tin cập nhật: tháng 01 năm 2025 – 2025"),  # January padded (Decree 30)
}
"""The facts' range of the FICTIONAL visit: from January 2025 (a figure as of 2025-01; the one as of 2025 may
be as old, and the month is the more precise) to 2025 (the year may hold facts of December: its last day)."""
PLANNED = {"fr": "Prévu", "en": "Planned", "vi": "Dự kiến"}
PERIOD = {"fr": "d'ici la fin de 2025", "en": "by the end of 2025", "vi": "trước cuối năm 2025"}


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FICTIONAL fixtures, plus a FICTIONAL visit whose only date is a planned period."""
    folder = tmp_path_factory.mktemp("dates") / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", folder)
    write_tree(
        folder,
        {
            "visits/planned.yaml": f"""
                # FICTIONAL test fixture: a visit planned "by the end of 2025", with no date fixed.
                partner: ruritania
                visit:
                  title: Visite fictive prévue
                  period: {{fr: "{PERIOD["fr"]}", en: "{PERIOD["en"]}", vi: "{PERIOD["vi"]}"}}
                  place: Strelsau
            """
        },
    )
    return folder


def _build(profiles: Path, out: Path, name: str, *args: str) -> None:
    code, _, stderr = run_cli("--profiles", profiles, "build", name, "--out", out, *args)
    assert code == 0, stderr


@pytest.fixture(scope="module")
def visits(profiles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture visit built in each language on 15 February 2026: the folder of its documents."""
    out = tmp_path_factory.mktemp("out")
    folders = {}
    for lang in COVER:
        _build(profiles, out / lang, VISIT, "--lang", lang, "--date", "2026-02-15")
        folders[lang] = out / lang / VISIT
    return folders


def _pdf(folder: Path, lang: str) -> Path:
    suffix = "" if lang == "fr" else f".{lang}"
    found = sorted(folder.glob(f"briefing{suffix}.pdf")) or sorted(folder.glob(f"*{lang}*.pdf"))
    return found[0] if found else folder / "briefing.pdf"


def _docx(folder: Path, lang: str) -> Path:
    return _pdf(folder, lang).with_suffix(".docx")


def _cover_paragraphs(path: Path) -> list[str]:
    """The DOCX body paragraphs before the contents heading: the cover."""
    lines = []
    for paragraph in Document(str(path)).paragraphs:
        if paragraph.style is not None and paragraph.style.name == "TOC Heading":
            break
        lines.append(paragraph.text)
    return lines


# --------------------------------------------------------------------------- the document's date


def test_the_date_comes_from_the_option_then_source_date_epoch_then_the_build_day() -> None:
    day = dt.date(2026, 2, 15)
    epoch = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z
    assert document_date(day, epoch, today=dt.date(2030, 1, 1)).timestamp == "2026-02-15T00:00:00Z"
    assert document_date(None, epoch, today=dt.date(2030, 1, 1)).timestamp == "2026-01-01T00:00:00Z"
    built = document_date(None, {}, today=dt.date(2030, 5, 6))
    assert (built.day, built.timestamp) == (dt.date(2030, 5, 6), "2030-05-06T00:00:00Z")  # never the time of day


def test_a_bad_date_option_is_bad_usage(profiles: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("--profiles", profiles, "build", VISIT, "--out", tmp_path, "--date", "15/02/2026")
    expected = "error: the document's date '15/02/2026': expected YYYY-MM-DD, such as 2026-01-24 (--date)\n"
    assert (code, err) == (2, expected)
    assert not (tmp_path / VISIT).exists()


@pytest.mark.parametrize("lang", list(COVER))
def test_pdf_cover_shows_the_document_date_and_the_facts_range(visits: dict[str, Path], lang: str) -> None:
    dated, facts = COVER[lang]
    with pdfplumber.open(_pdf(visits[lang], lang)) as pdf:
        cover = pdf.pages[0].extract_text()
        rest = "\n".join(page.extract_text() for page in pdf.pages[1:])
    assert dated in cover and facts in cover
    assert dated not in rest  # the cover's, not a running header's


@pytest.mark.parametrize("lang", list(COVER))
def test_docx_cover_shows_the_document_date_and_the_facts_range(visits: dict[str, Path], lang: str) -> None:
    dated, facts = COVER[lang]
    cover = _cover_paragraphs(_docx(visits[lang], lang))
    assert dated in cover and facts in cover


def test_document_date_is_in_the_documents_properties(visits: dict[str, Path]) -> None:
    core = Document(str(_docx(visits["fr"], "fr"))).core_properties
    assert core.created is not None and core.created.isoformat().startswith("2026-02-15T00:00:00")
    with pdfplumber.open(_pdf(visits["fr"], "fr")) as pdf:
        assert str(pdf.metadata["CreationDate"]).startswith("D:20260215")


def test_the_cover_no_longer_says_up_to_date_at_the_newest_fact(visits: dict[str, Path]) -> None:
    with pdfplumber.open(_pdf(visits["fr"], "fr")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "à jour au" not in text.replace("À jour au", "")  # the figures' column heading may say it


# --------------------------------------------------------------------------- build warnings


def _real_build(profiles: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = [sys.executable, "-m", "briefgen", "--profiles", str(profiles), "build", *args, "--out", str(out)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_build_warns_about_stale_figures_and_a_past_visit(profiles: Path, tmp_path: Path) -> None:
    result = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--date", "2026-06-30")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "warning: ruritania: 3 facts older than 12 months on 30 Jun 2026; see 'briefgen check ruritania'",
        f"warning: {VISIT}: visit.end is already past on 30 Jun 2026; see 'briefgen check {VISIT}'",
    ]
    assert (tmp_path / VISIT / "briefing.html").is_file()  # a warning, not a refusal


def test_a_build_in_several_languages_says_each_warning_once(profiles: Path, tmp_path: Path) -> None:
    result = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--lang", "fr,en,vi", "--date", "2026-06-30")
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if " on 30 Jun 2026" in line]
    assert len(warnings) == 2 and len(set(warnings)) == 2, warnings  # stale figure, past visit: once each
    assert all((tmp_path / VISIT / f"briefing{s}.html").is_file() for s in ("", ".en", ".vi"))


def test_max_age_and_a_fresh_date_silence_the_warnings(profiles: Path, tmp_path: Path) -> None:
    quiet = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--date", "2026-02-15", "--max-age", "2y")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    stale = _real_build(profiles, tmp_path, "ruritania", "--format", "html", "--date", "2027-01-01")
    assert stale.stderr.startswith(
        "warning: ruritania: 4 facts older than 12 months on 1 Jan 2027"
    )  # two figures and the two people's titles


def test_a_planned_period_already_past_is_a_warning(profiles: Path, tmp_path: Path) -> None:
    result = _real_build(profiles, tmp_path, "planned", "--format", "html", "--date", "2026-01-10")
    assert result.stderr.splitlines()[1:] == [  # after the line on the FICTIONAL people's titles of 2025-01-02
        "warning: planned: visit.period is already past on 10 Jan 2026; see 'briefgen check planned'"
    ]


def test_a_period_is_past_only_when_every_year_it_names_is() -> None:
    day = dt.date(2026, 1, 10)
    assert period_is_past({"fr": "fin 2025", "en": "late 2025"}, day)
    assert not period_is_past("2025–2026", day)
    assert not period_is_past("au printemps", day)  # no year: not known to be past


# --------------------------------------------------------------------------- a commitment, not a date


@pytest.mark.parametrize("lang", list(PLANNED))
def test_a_period_shows_as_planned_not_as_a_date(profiles: Path, tmp_path: Path, lang: str) -> None:
    _build(profiles, tmp_path, "planned", "--lang", lang, "--date", "2025-11-01")
    folder = tmp_path / "planned"
    with pdfplumber.open(_pdf(folder, lang)) as pdf:
        cover = pdf.pages[0].extract_text()
        text = "\n".join(page.extract_text() for page in pdf.pages)
    labelled = {"fr": f"Prévu : {PERIOD['fr']}", "en": f"Planned: {PERIOD['en']}", "vi": f"Dự kiến: {PERIOD['vi']}"}
    assert labelled[lang] in cover
    assert f"{PLANNED[lang]} {PERIOD[lang]}" in text  # the visit's facts table: a "Planned" row
    document = Document(str(_docx(folder, lang)))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert [PLANNED[lang], PERIOD[lang]] in rows
    assert not [r for r in rows if r[-1] == PERIOD[lang] and r[0] != PLANNED[lang]]  # in no "Date" row


# --------------------------------------------------------------------------- the marking


def _bands(page: pdfplumber.page.Page) -> tuple[str, str, str]:
    """The text of the page's top band (top 15 %), its body, and its bottom band (bottom 8 %)."""
    top, bottom = page.height * 0.15, page.height * 0.92
    words = page.extract_words()

    def text(keep: object) -> str:
        return " ".join(w["text"] for w in words if keep(w))  # type: ignore[operator]

    return (
        text(lambda w: w["bottom"] <= top),
        text(lambda w: top < w["top"] and w["bottom"] < bottom),
        text(lambda w: w["top"] >= bottom),
    )


@pytest.mark.parametrize("lang", list(COVER))
def test_marking_at_top_and_bottom_of_every_pdf_page_once_at_the_top_of_the_cover(
    visits: dict[str, Path], lang: str
) -> None:
    with pdfplumber.open(_pdf(visits[lang], lang)) as pdf:
        assert len(pdf.pages) > 2
        for number, page in enumerate(pdf.pages, start=1):
            top, body, bottom = _bands(page)
            assert top.count(MARKING) == 1, (number, top)
            assert bottom.count(MARKING) == 1, (number, bottom)
            assert MARKING not in body, (number, body)
        # On the cover the top one is the cover's own, larger marking, in the page body (not a header).
        cover = pdf.pages[0]
        sizes = {round(c["size"]) for c in cover.chars if c["text"] == "C" and c["top"] < cover.height * 0.15}
        assert sizes == {13}
        assert cover.chars[0]["top"] > 24 / 25.4 * 72 - 1  # below the top margin: the body's first line


@pytest.fixture(scope="module")
def pack(profiles: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The fixture visit's pack made on 15 February 2026, once for the tests that read it: (out folder, stderr)."""
    out = tmp_path_factory.mktemp("pack")
    code, _, err = run_cli("--profiles", profiles, "batch", VISIT, "--out", out, "--date", "2026-02-15")
    assert code == 0, err
    return out, err


def test_key_facts_page_carries_the_marking_top_and_bottom(pack: tuple[Path, str]) -> None:
    with pdfplumber.open(pack[0] / VISIT / "key-facts.pdf") as pdf:
        assert len(pdf.pages) == 1
        top, body, bottom = _bands(pdf.pages[0])
        assert (top.count(MARKING), bottom.count(MARKING), MARKING in body) == (1, 1, False)
        assert "Document établi le 15 février 2026" in pdf.pages[0].extract_text()


def test_docx_marking_in_header_and_footer_and_once_on_the_cover(visits: dict[str, Path]) -> None:
    document = Document(str(_docx(visits["fr"], "fr")))
    section = document.sections[0]
    assert MARKING in section.header.paragraphs[0].text
    assert MARKING in section.footer.paragraphs[0].text
    assert section.different_first_page_header_footer
    assert MARKING not in "".join(p.text for p in section.first_page_header.paragraphs)  # the cover line is it
    assert MARKING in section.first_page_footer.paragraphs[0].text
    assert sum(MARKING in line for line in _cover_paragraphs(_docx(visits["fr"], "fr"))) == 1


# --------------------------------------------------------------------------- Markdown, skipped builds, packs


@pytest.mark.parametrize("lang", list(PLANNED))
def test_markdown_carries_the_same_dates_and_the_planned_period(profiles: Path, tmp_path: Path, lang: str) -> None:
    _build(profiles, tmp_path / "visit", VISIT, "--lang", lang, "--format", "md", "--date", "2026-02-15")
    md = "briefing.md" if lang == "fr" else f"briefing.{lang}.md"  # another language has its own files
    text = (tmp_path / "visit" / VISIT / md).read_text(encoding="utf-8")
    date_line, range_line = COVER[lang]
    assert f"**{date_line}** · {range_line}\n" in text
    _build(profiles, tmp_path / "planned", "planned", "--lang", lang, "--format", "md", "--date", "2025-11-01")
    planned = (tmp_path / "planned" / "planned" / md).read_text(encoding="utf-8")
    labelled = {"fr": f"Prévu : {PERIOD['fr']}", "en": f"Planned: {PERIOD['en']}", "vi": f"Dự kiến: {PERIOD['vi']}"}
    assert f"- {labelled[lang]}\n" in planned  # under the cover's title, as in the PDF and DOCX
    rows = [line for line in planned.splitlines() if line.startswith("- **") and PERIOD[lang] in line]
    assert rows == [f"- **{PLANNED[lang]}**: {PERIOD[lang]}"]  # the visit's facts: a "Planned" line, no "Date" one


def test_another_date_rebuilds_the_same_date_is_up_to_date_and_warns_the_same(profiles: Path, tmp_path: Path) -> None:
    first = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--date", "2026-06-30")
    assert first.returncode == 0 and len(first.stderr.splitlines()) == 2  # stale figures, past visit
    page = tmp_path / VISIT / "briefing.html"
    record = json.loads((tmp_path / VISIT / ".briefgen-build.json").read_text(encoding="utf-8"))
    assert record["options"]["date"] == "2026-06-30"
    again = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--date", "2026-06-30")
    assert (again.returncode, again.stderr) == (0, first.stderr)  # nothing written; the same warnings, from the record
    assert again.stdout == f"up to date: {tmp_path / VISIT} (use --force to rebuild)\n"
    other = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--date", "2026-02-15")
    assert other.returncode == 0 and other.stdout == f"{page}\n"  # rebuilt: the date shapes the bytes
    assert other.stderr.splitlines() == [  # on 15 February the visit is ahead; a figure and two titles are stale
        "warning: ruritania: 3 facts older than 12 months on 15 Feb 2026; see 'briefgen check ruritania'"
    ]
    assert "15 février 2026" in page.read_text(encoding="utf-8") and "30 juin 2026" not in page.read_text("utf-8")
    forced = _real_build(profiles, tmp_path, VISIT, "--format", "html", "--date", "2026-02-15", "--force")
    assert forced.stdout == f"{page}\n"


def test_a_pack_records_its_date_and_dates_every_document(
    profiles: Path, pack: tuple[Path, str], tmp_path: Path
) -> None:
    shutil.copytree(pack[0], tmp_path, dirs_exist_ok=True)  # a copy: this test builds the pack again
    err = pack[1]  # a batch warns as a build does:
    assert err.startswith("warning: ruritania: 3 facts older than 12 months on 15 Feb 2026")
    manifest = json.loads((tmp_path / VISIT / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["date"] == "2026-02-15"
    facts = json.loads((tmp_path / VISIT / "facts.json").read_text(encoding="utf-8"))
    assert facts["dated"] == "2026-02-15T00:00:00Z"
    assert Document(str(tmp_path / VISIT / "briefing.docx")).core_properties.created == dt.datetime(
        2026, 2, 15, tzinfo=dt.UTC
    )
    with pdfplumber.open(tmp_path / VISIT / "key-facts.pdf") as pdf:
        assert COVER["fr"][0] in pdf.pages[0].extract_text()
    code, _, _ = run_cli("--profiles", profiles, "batch", VISIT, "--out", tmp_path, "--date", "2026-02-16", "--json")
    assert code == 0
    manifest = json.loads((tmp_path / VISIT / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["date"] == "2026-02-16"  # another date: rebuilt, not up to date


@pytest.mark.parametrize("command", ["build", "preview", "batch"])
def test_a_date_before_the_newest_fact_warns_in_one_line(profiles: Path, tmp_path: Path, command: str) -> None:
    # The fixture's newest fact is as of the year 2025: on 1 June 2024 the document predates it.
    name = VISIT if command == "batch" else "ruritania"
    args: list[str | Path] = ["--profiles", profiles, command, name, "--date", "2024-06-01"]
    if command == "build":
        args += ["--format", "md", "--out", tmp_path / "out"]
    elif command == "batch":
        args += ["--jobs", "1", "--out", tmp_path / "out"]
    else:
        args += ["--no-pager"]
    code, _, err = run_cli(*args)
    assert code == 0, err
    early = [line for line in err.splitlines() if "before its newest fact" in line]
    assert early == [f"warning: {name}: dated 1 Jun 2024, before its newest fact (2025)"]
    assert all(len(line) <= 100 for line in err.splitlines())
    # From the newest fact's first day on, nothing is said.
    later = ["--date" if a == "--date" else "2025-01-01" if a == "2024-06-01" else a for a in args]
    if command != "preview":
        later += ["--force"]
    code, _, err = run_cli(*later)
    assert code == 0 and "before its newest fact" not in err
