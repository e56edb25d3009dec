"""Age on the page (issue 20): what a reader on the document's date sees of the facts' age, in every format.

The shipped Japan briefing dated 7 December 2026 (its figures and titles date from November 2025 and
January 2026): each figure or title older than 12 months carries the mark †, one note says what it means
(once per document, under the first table with a mark), the cover says how many are marked, in the PDF,
the DOCX, the Markdown, the preview and the key-facts page, in fr, en and vi. The shipped Forum visit
(planned "by the end of 2025") is past on that date: its cover and heading say so. A visit given as a
commitment reads "Commitment", never under a date. A quotation shown in a language other than its
source's is marked as our translation.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from briefgen.data.catalog import Places
from briefgen.pipeline import api
from briefgen.render.key_facts import sheet
from briefgen.view.checks import age_marks, past_note
from briefgen.view.section_input import OLD_MARK
from briefgen.view.viewmodel import blocks

from .helpers import REPO, run_cli

DAY = dt.date(2026, 12, 7)
LANGS = ("fr", "en", "vi")
PROFILES = REPO / "profiles"


def _flat(text: str) -> str:
    """Text with every run of white space as one space (PDF text breaks lines anywhere)."""
    return " ".join(text.split())


def _suffix(lang: str) -> str:
    return "" if lang == "fr" else f".{lang}"


def _marks(lang: str, name: str = "japan", max_age: str = "12m") -> object:
    profile = api.load_profile(name, Places.find(PROFILES))
    return age_marks(profile, day=DAY, max_age=max_age, lang=lang)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Japan briefing dated 7 December 2026 in fr, en and vi: PDF, DOCX and Markdown."""
    out = tmp_path_factory.mktemp("age")
    code, _, err = run_cli(
        "--profiles", PROFILES, "build", "japan", "--date", DAY.isoformat(), "--lang", ",".join(LANGS),
        "--format", "md,docx,pdf", "--out", out,
    )  # fmt: skip
    assert code == 0, err
    return out / "japan"


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize("lang", LANGS)
def test_old_figures_and_titles_are_marked_noted_and_counted_in_every_format(built: Path, lang: str) -> None:
    marks = _marks(lang)
    assert marks.count and marks.note  # type: ignore[attr-defined]
    # The shipped figures of November 2025 are old on 7 December 2026: the count says how many.
    assert str(len(marks.old)) in marks.count  # type: ignore[attr-defined]
    texts = {
        "md": (built / f"briefing{_suffix(lang)}.md").read_text(encoding="utf-8"),
        "docx": _docx_text(built / f"briefing{_suffix(lang)}.docx"),
        "pdf": _pdf_text(built / f"briefing{_suffix(lang)}.pdf"),
    }
    note = _flat(f"{OLD_MARK} {marks.note}")  # type: ignore[attr-defined]
    for kind, text in texts.items():
        flat = _flat(text.replace("\\", ""))
        assert _flat(marks.count) in flat, (kind, "cover count")  # type: ignore[attr-defined]
        assert flat.count(note) == 1, (kind, "the note, once per document")
        assert flat.count(OLD_MARK) > len(marks.old), kind  # type: ignore[attr-defined]  # each mark, and its note


def test_the_markdown_marks_each_old_figure_on_its_row_and_dates_each_title(built: Path) -> None:
    text = (built / "briefing.en.md").read_text(encoding="utf-8")
    assert "| 24 November 2025 † | [1] |" in text  # a key figure of the article of 24 November 2025
    # Titles: their as-of date and their note; old ones marked, the one of January 2026 not.
    assert "President of Viet Nam [1] (As at: 24 November 2025 †)" in text
    assert "Deputy Minister of Foreign Affairs [2] (As at: 19 January 2026)" in text
    # The pairings carry their as-of date and their note like every table of facts.
    assert "| Vietnamese locality | Partner localities | As at | Source |" in text


def test_the_cover_count_is_on_the_first_page(built: Path) -> None:
    first = _flat(PdfReader(str(built / "briefing.pdf")).pages[0].extract_text() or "")
    assert _flat(_marks("fr").count) in first  # type: ignore[attr-defined]


def test_the_preview_and_the_key_facts_page_carry_the_marks() -> None:
    code, out, err = run_cli(
        "--profiles", PROFILES, "preview", "japan", "--date", DAY.isoformat(), "--lang", "en", "--no-pager",
        env={"COLUMNS": "200"},
    )  # fmt: skip
    assert code == 0, err
    marks = _marks("en")
    assert _flat(marks.count) in _flat(out)  # type: ignore[attr-defined]
    assert _flat(out).count(_flat(f"{OLD_MARK} {marks.note}")) == 1  # type: ignore[attr-defined]
    view = api.briefing("japan", lang="en", places=Places.find(PROFILES), date=DAY)
    page = sheet(view)
    rows = [r for s in page.body for b in blocks.walk(s.blocks) if isinstance(b, blocks.FiguresTable) for r in b.rows]
    # The figures of 24 November 2025 are old on 7 December 2026; one of 19 January 2026 is not.
    assert {r.as_of: r.marks for r in rows} == {"24 November 2025": (OLD_MARK,), "19 January 2026": ()}
    notes = [b for s in page.body for b in blocks.walk(s.blocks) if isinstance(b, blocks.Paragraph)]
    assert [marks.note in blocks.plain(p.text) for p in notes].count(True) == 1  # type: ignore[attr-defined]


def test_a_longer_age_limit_marks_nothing(tmp_path: Path) -> None:
    code, _, err = run_cli(
        "--profiles", PROFILES, "build", "japan", "--date", DAY.isoformat(), "--max-age", "2y",
        "--format", "md", "--out", tmp_path,
    )  # fmt: skip
    assert code == 0, err
    text = (tmp_path / "japan" / "briefing.md").read_text(encoding="utf-8")
    assert OLD_MARK not in text
    assert _marks("fr", max_age="2y").count == ""  # type: ignore[attr-defined]


def test_a_kept_old_figure_shows_its_reason_instead_of_the_mark(tmp_path: Path) -> None:
    profiles = shutil.copytree(PROFILES, tmp_path / "profiles")
    yaml = profiles / "japan.yaml"
    text = yaml.read_text(encoding="utf-8")
    first = re.search(r"^key_figures:\n  - ", text, re.M)
    assert first
    at = first.end()
    yaml.write_text(text[:at] + "accepted_old: {fr: seul chiffre publié, en: the only one published}\n    " + text[at:])
    code, _, err = run_cli(
        "--profiles", profiles, "build", "japan", "--date", DAY.isoformat(), "--lang", "en", "--format", "md",
        "--out", tmp_path / "out",
    )  # fmt: skip
    assert code == 0, err
    md = (tmp_path / "out" / "japan" / "briefing.en.md").read_text(encoding="utf-8")
    assert "Kept although old: the only one published" in md


@pytest.mark.parametrize("lang", LANGS)
def test_a_past_visit_says_so_on_its_cover_and_in_its_heading(tmp_path: Path, lang: str) -> None:
    code, _, err = run_cli(
        "--profiles", PROFILES, "build", "forum-quang-ninh", "--date", DAY.isoformat(), "--lang", lang,
        "--format", "md", "--out", tmp_path,
    )  # fmt: skip
    assert code == 0, err
    md = (tmp_path / "forum-quang-ninh" / f"briefing{_suffix(lang)}.md").read_text(encoding="utf-8")
    profile = api.load_profile("forum-quang-ninh", Places.find(PROFILES))
    past = past_note(profile, day=DAY, lang=lang)
    assert past
    cover, _, body = md.partition("\n## ")
    assert past in cover
    assert any(line.startswith("### ") and past in line for line in body.splitlines())


def test_a_visit_before_its_date_is_not_past(tmp_path: Path) -> None:
    profile = api.load_profile("forum-quang-ninh", Places.find(PROFILES))
    assert past_note(profile, day=dt.date(2025, 6, 1), lang="en") == ""


def test_a_commitment_is_labelled_a_commitment_never_a_date(tmp_path: Path) -> None:
    # The shipped Forum visit gives the Forum's timing as the source does: a commitment, not a date.
    profiles = shutil.copytree(PROFILES, tmp_path / "profiles")
    code, _, err = run_cli(
        "--profiles", profiles, "build", "forum-quang-ninh", "--date", "2025-06-01", "--lang", "en",
        "--format", "md,docx", "--out", tmp_path / "out",
    )  # fmt: skip
    assert code == 0, err
    folder = tmp_path / "out" / "forum-quang-ninh"
    md = (folder / "briefing.en.md").read_text(encoding="utf-8")
    cover = md.partition("\n## ")[0]
    assert "Commitment: by the end of 2025" in cover
    assert "**Commitment**: by the end of 2025" in md
    assert "Already past" not in md  # on 1 June 2025 the commitment still runs
    for label in ("Date", "When", "Planned"):
        assert f"{label}**: by the end of 2025" not in md and f"{label}: by the end of 2025" not in md
    assert "Commitment: by the end of 2025" in _docx_text(folder / "briefing.en.docx")


def test_a_translated_quotation_is_marked_ours_and_a_verbatim_one_is_not(tmp_path: Path) -> None:
    code, _, err = run_cli(
        "--profiles", PROFILES, "build", "forum-quang-ninh", "--lang", "fr,en", "--format", "md,docx",
        "--out", tmp_path,
    )  # fmt: skip
    assert code == 0, err
    folder = tmp_path / "forum-quang-ninh"
    en = (folder / "briefing.en.md").read_text(encoding="utf-8")
    fr = (folder / "briefing.md").read_text(encoding="utf-8")
    # The Forum's theme, printed in French by the article: verbatim in French, our translation in English.
    assert "> Partners in development – Building a sustainable future\n>\n> [1] our translation, by the drafting" in en
    assert "> Accompagner le développement – Créer un avenir durable" in fr
    theme = fr.partition("> Accompagner le développement")[2].partition("\n\n")[0]
    assert "traduction" not in theme
    assert "our translation, by the drafting department" in _docx_text(folder / "briefing.en.docx")


def test_the_forum_held_by_a_commitment_is_never_under_date(tmp_path: Path) -> None:
    """The article commits to holding the Forum by the end of 2025: the partner briefing says so as a commitment."""
    out = tmp_path / "out"
    code, _, err = run_cli("build", "japan", "--lang", "en", "--format", "md", "--date", "2026-12-07", "--out", out)
    assert code == 0, err
    md = (out / "japan" / "briefing.en.md").read_text(encoding="utf-8")
    forum = md.partition("## Forum")[2].partition("\n## ")[0]
    assert "**Commitment**: by the end of 2025" in forum
    assert "**Date**" not in forum and "**When**" not in forum
