"""Gaps are visible, and a final document has none (issue 11, section 2).

The visits here are FICTIONAL (tests/fixtures): strelsau-2026 lacks several of a visit's sections,
zenda-summit-2026 fills them all. The shipped Quảng Ninh visit is read, never changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from briefgen.data.catalog import Places
from briefgen.languages import labels
from briefgen.pipeline import api
from briefgen.view import sections
from tests.helpers import FIXTURES, REPO, run_cli

FR = labels("fr")

MISSING = ("asks", "interlocutors", "protocol", "follow_up", "drafting")
"""The sections the FICTIONAL strelsau-2026 visit leaves out."""


def _pdf_pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _docx_headers(path: Path) -> list[str]:
    document = Document(str(path))
    section = document.sections[0]
    return [p.text for story in (section.header, section.first_page_header) for p in story.paragraphs]


def test_a_draft_shows_each_gap_to_be_completed_and_lists_it_in_the_contents(profiles: Path) -> None:
    out = profiles.parent / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "strelsau-2026", "--format", "docx,pdf,html", "--out", out)
    assert code == 0, err
    view = api.briefing("strelsau-2026", places=Places.find(profiles))
    assert view.gaps == list(MISSING)
    assert [s.id for s in view.sections if s.gap] == list(MISSING)

    html = (out / "strelsau-2026" / "briefing.html").read_text(encoding="utf-8")
    toc = html[html.index('<nav class="toc">') : html.index("</nav>")]
    main = html[html.index("<main>") : html.index("</main>")]
    for section_id in MISSING:
        assert f'href="#{section_id}"' in toc
        heading = f'<h1 id="{section_id}">{FR[section_id]}</h1>'
        assert heading in main
        after = main[main.index(heading) :]
        assert after[: after.index("</section>")].count(FR["to_be_completed"]) == 1

    document = Document(str(out / "strelsau-2026" / "briefing.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    for section_id in MISSING:
        at = paragraphs.index(("Heading 1", FR[section_id]))
        assert paragraphs[at + 1] == ("To Be Completed", FR["to_be_completed"])

    body = " ".join(_pdf_pages(out / "strelsau-2026" / "briefing.pdf"))
    for section_id in MISSING:
        assert f"{FR[section_id]} {FR['to_be_completed']}" in body


def test_a_gap_is_in_the_document_language(profiles: Path) -> None:
    view = api.briefing("strelsau-2026", lang="en", places=Places.find(profiles))
    assert view.labels["to_be_completed"] == "To be completed" and view.cover.draft == "DRAFT"
    vi = api.briefing("strelsau-2026", lang="vi", places=Places.find(profiles))
    assert vi.labels["to_be_completed"] == "Chưa có thông tin" and vi.cover.draft == "DỰ THẢO"


def test_a_section_given_empty_is_not_a_gap(profiles: Path) -> None:
    visit = profiles / "visits" / "strelsau-2026.yaml"
    visit.write_text(visit.read_text(encoding="utf-8") + "  follow_up: []\n  our_asks: []\n", encoding="utf-8")
    view = api.briefing("strelsau-2026", places=Places.find(profiles))
    assert "follow_up" not in view.gaps and "asks" not in view.gaps
    assert "follow_up" not in [s.id for s in view.sections]


def test_the_shipped_visit_shows_its_missing_sections_to_be_completed() -> None:
    view = api.briefing("forum-quang-ninh", places=Places.find(REPO / "profiles"))
    assert view.purpose is not None and view.purpose.objectives  # what the seed gives
    assert view.purpose.text == ""  # the seed gives no purpose paragraph: nothing invented
    assert {"programme", "delegation", "interlocutors", "protocol", "follow_up", "drafting"} <= set(view.gaps)


def test_draft_on_every_pdf_page_and_in_the_docx_header(profiles: Path) -> None:
    out = profiles.parent / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "zenda-summit-2026", "--out", out)
    assert code == 0, err
    pages = _pdf_pages(out / "zenda-summit-2026" / "briefing.pdf")
    assert len(pages) > 3
    assert all(FR["draft"] in page for page in pages)
    assert all("FICTIONAL" in page for page in pages)  # the fixture's marking
    assert all(FR["draft"] in text for text in _docx_headers(out / "zenda-summit-2026" / "briefing.docx"))


def test_a_final_document_has_no_draft_mark(profiles: Path) -> None:
    out = profiles.parent / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "zenda-summit-2026", "--final", "--out", out)
    assert code == 0, err
    pages = _pdf_pages(out / "zenda-summit-2026" / "briefing.pdf")
    assert not any(FR["draft"] in page for page in pages)
    assert all("FICTIONAL" in page for page in pages)
    headers = _docx_headers(out / "zenda-summit-2026" / "briefing.docx")
    assert headers and not any(FR["draft"] in text for text in headers)
    assert all("FICTIONAL" in text for text in headers if text)  # the cover's first-page header is the draft mark only


def test_final_refuses_every_gap_with_file_and_line_and_writes_nothing(profiles: Path) -> None:
    out = profiles.parent / "out"
    code, stdout, err = run_cli("--profiles", profiles, "build", "strelsau-2026", "--final", "--out", out)
    assert code == 2 and stdout == ""
    lines = err.splitlines()
    assert lines[0] == (
        f"error: {len(MISSING)} thing(s) to complete before a final document; nothing was built (--final)"
    )
    where = f"{profiles / 'visits' / 'strelsau-2026.yaml'}:4:1: visit: the visit has no"
    for section_id in MISSING:
        assert f"error: gap: {where} {section_id.replace('_', ' ')} section" in err, section_id
    assert not out.exists()


def test_check_and_final_list_every_todo_of_a_new_skeleton(profiles: Path) -> None:
    code, _, err = run_cli("--profiles", profiles, "new", "--visit", "v-new", "--partner", "ruritania")
    assert code == 0, err
    skeleton = profiles / "visits" / "v-new.yaml"
    todo_lines = [n for n, line in enumerate(skeleton.read_text(encoding="utf-8").splitlines(), 1) if "TODO" in line]
    found = api.check(["v-new"], places=Places.find(profiles))
    placeholders = [f.problem for f in found if f.kind == "placeholder"]
    assert placeholders and all(p.file == str(skeleton) for p in placeholders)
    assert {p.line for p in placeholders} <= set(todo_lines)
    assert any("placeholder" in p.message and "TODO" in p.message for p in placeholders)
    assert {f.kind for f in found} >= {"placeholder", "gap"}

    code, _, err = run_cli("--profiles", profiles, "check", "v-new", "--strict")
    assert code == 1 and f"placeholder: {skeleton}:" in err + _

    out = profiles.parent / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "v-new", "--final", "--out", out)
    assert code == 2 and f"error: placeholder: {skeleton}:{placeholders[0].line}:" in err
    assert not out.exists()


def test_every_visit_section_is_a_possible_gap_and_the_partner_sections_never_are() -> None:
    visit_ids = [s.id for s in sections.SECTIONS if s.visit_keys]
    assert visit_ids == [
        "purpose",
        "asks",
        "programme",
        "talking_points",
        "vigilance",
        "delegation",
        "interlocutors",
        "protocol",
        "follow_up",
        "drafting",
    ]
    profile = api.load_profile("ruritania", Places.find(FIXTURES))
    assert sections.gaps(profile.visit) == []


def _with_photo(profiles: Path, value: str) -> Path:
    """Give the FICTIONAL interlocutor Rudolf Rassendyll a photo; the visit file it is written in."""
    visit = profiles / "visits" / "zenda-summit-2026.yaml"
    text = visit.read_text(encoding="utf-8")
    anchor = "        address: Monsieur le Gouverneur\n"
    assert text.count(anchor) == 1
    visit.write_text(text.replace(anchor, f"{anchor}        photo: {value}\n"), encoding="utf-8")
    return visit


def test_a_biography_photo_is_drawn_small_with_the_name_as_alt_text(profiles: Path) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (120, 90, 60)).save(buffer, format="PNG")
    (profiles / "images").mkdir()
    (profiles / "images" / "rassendyll.png").write_bytes(buffer.getvalue())
    _with_photo(profiles, "images/rassendyll.png")
    out = profiles.parent / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "zenda-summit-2026", "--format", "docx,html", "--out", out)
    assert code == 0, err

    html = (out / "zenda-summit-2026" / "briefing.html").read_text(encoding="utf-8")
    section = html[html.index('<section class="interlocutors">') :]
    assert '<img class="photo" src="data:image/png;base64,' in section[: section.index("</section>")]
    assert 'alt="Rudolf Rassendyll"' in section
    assert html.count('class="photo"') == 1  # nobody else has one

    document = Document(str(out / "zenda-summit-2026" / "briefing.docx"))
    body = document.element.body
    photos = [d for d in body.iter("{*}docPr") if d.get("descr") == "Rudolf Rassendyll"]
    assert len(photos) == 1
    extent = next(body.iter("{*}extent"))  # the only drawing in the body is the photo
    assert int(extent.get("cy")) == 25 * 36000  # 25 mm high, in EMU
    blobs = [p.blob for p in document.part.package.parts if p.partname.endswith(".png")]
    assert buffer.getvalue() in blobs


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("../outside.png", "is outside the profiles folder"),
        ("images/missing.png", "no such image file in the profiles folder"),
        ("images/not-an-image.png", "is not a PNG or JPEG image"),
    ],
)
def test_a_biography_photo_is_checked_like_the_logo(profiles: Path, value: str, phrase: str) -> None:
    (profiles / "images").mkdir()
    (profiles / "images" / "not-an-image.png").write_text("GIF89a, not a portrait", encoding="utf-8")
    (profiles.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    visit = _with_photo(profiles, value)
    line = visit.read_text(encoding="utf-8").splitlines().index(f"        photo: {value}") + 1
    code, _, err = run_cli("--profiles", profiles, "validate", "zenda-summit-2026")
    assert code == 2
    assert f"error: {visit}:{line}:9: visit.interlocutors[0].biography.photo: '{value}' {phrase}" in err


def test_one_final_refuses_gaps_and_missing_translations_together(profiles: Path) -> None:
    out = profiles.parent / "out"
    args = ("--profiles", profiles, "build", "strelsau-2026", "--lang", "en", "--final", "--out", out)
    code, stdout, err = run_cli(*args)
    assert code == 2 and stdout == ""
    lines = err.splitlines()
    count = int(lines[0].split()[1])
    assert lines[0].startswith("error: ") and "nothing was built (--final)" in lines[0]
    assert "briefgen translate export NAME --lang LANG" in lines[0]
    assert len(lines) == 1 + count
    kinds = {line.split(":")[1].strip() for line in lines[1:]}
    assert kinds == {"gap", "untranslated"}
    assert f"error: untranslated: {profiles / 'ruritania.yaml'}:3:3: partner.name: no 'en' text" in err
    assert not out.exists()
