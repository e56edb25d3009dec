"""The section registry: every declared section is built, numbered, dated and drawn in every format.

The profile here is FICTIONAL (tests/fixtures plus invented sections): it fills every section, so a
section whose partial is missing in one format fails here, not in a user's hands.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from rich.console import Console

from briefgen import languages
from briefgen.data import earlier as earlier_facts
from briefgen.data.schema import PartialDate
from briefgen.languages import LANGUAGES
from briefgen.pipeline import api
from briefgen.render import FORMATS, NAMES
from briefgen.render.markdown import escape
from briefgen.render.terminal import render_terminal
from briefgen.view import facts, sections
from briefgen.view.context import build_briefing
from briefgen.view.formatting import Sources
from briefgen.view.viewmodel import Briefing, blocks
from tests.helpers import FIXTURES, REPO

VISIT = "zenda-summit-2026"
"""The complete FICTIONAL visit (tests/fixtures/visits/zenda-summit-2026.yaml): it fills every section."""

FACTS = {
    "visit": "Sommet fictif de Zenda",
    "changes": "Source fictive ancienne",
    "purpose": "Objet fictif de la visite",
    "asks": "Demande fictive de visas facilités",
    "programme": "Question fictive défensive",
    "talking_points": "Point fictif 1",
    "vigilance": "Vigilance fictive",
    "delegation": "Carrière fictive au port de Cái Lân",
    "interlocutors": "Monsieur le Gouverneur",
    "protocol": "Cadeau fictif en laque",
    "follow_up": "Engagement fictif de bourses",
    "summary": "Cadre fictif",
    "forum": "Forum fictif de Zenda",
    "key_figures": "Entreprises fictives",
    "partnerships": "jumelage fictif",
    "agreements": "ACC-FICT",
    "timeline": "Événement fictif",
    "people": "Ambassadrice fictive à Hanoï",
    "priorities": "Priorite fictive unique",
    "narrative": "Récit fictif de la relation",
    "national_context": "Theme national fictif",
    "sources": "Source fictive",
    "drafting": "FICT-2026-001",
}
"""One fact of each section, as the documents print it, picked by hand (deep in the section where it can be);
a section not listed here is checked with its first words (``fact``)."""


def _texts(block: blocks.Block) -> Iterator[blocks.Inline]:
    """The inline texts of a block that hold facts rather than labels, in reading order."""
    if isinstance(block, blocks.Heading | blocks.Paragraph):
        yield block.text
    elif isinstance(block, blocks.Bullets):
        yield from block.items
    elif isinstance(block, blocks.Facts):
        for row in block.rows:
            yield from (row.value, *row.items)
    elif isinstance(block, blocks.Table):
        for cells in block.rows:
            yield from cells.cells
    elif isinstance(block, blocks.FiguresTable | blocks.PeopleCards | blocks.SourceList):
        yield from ((x,) for x in re.findall(r"(?:label|name|citation)='([^']*)'", repr(block)))
    elif isinstance(block, blocks.Group):
        for inner in block.blocks:
            yield from _texts(inner)


@functools.cache
def _first_words() -> dict[str, str]:
    """Each section's first words of fact (at most six) in the FICTIONAL visit, as the documents print them."""
    view = build_briefing(api.load_profile(VISIT, api.Places.find(FIXTURES)))
    found = {}
    for section in view.body:
        runs = (r for b in section.blocks for text in _texts(b) for r in text if isinstance(r, str) and r.strip())
        first = next(runs, "")
        found[section.id] = " ".join(first.split()[:6])
    return found


def fact(section_id: str) -> str:
    """The fact the documents must print for ``section_id``: the one picked in ``FACTS``, else its first words."""
    return FACTS.get(section_id) or _first_words()[section_id]


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sections") / "profiles"
    shutil.copytree(FIXTURES, folder)
    return folder


EARLIER_FACT = {
    "kind": "figure",
    "value": {"label": "Indicateur retiré", "value": 7},
    "as_of": "2024",
    "source": {"key": "old", "publisher": "Source fictive ancienne", "title": "Ancien titre"},
}


@pytest.fixture(scope="module")
def earlier(profiles: Path) -> Path:
    """An earlier pack's facts (FICTIONAL): today's facts plus one figure since removed."""
    profile = api.load_profile(VISIT, api.Places.find(profiles))
    document = facts.facts_document(VISIT, profile, "2025-06-30T00:00:00+00:00", sections.newest_as_of(profile))
    document["facts"]["key_figures:Indicateur retiré"] = {"id": "key_figures:Indicateur retiré", **EARLIER_FACT}
    path = profiles.parent / "earlier-facts.json"
    path.write_bytes(facts.dumps(document))
    return path


@pytest.fixture(scope="module")
def built(profiles: Path, earlier: Path) -> Path:
    out = profiles.parent / "out"
    api.build([VISIT], formats=NAMES, out=out, places=api.Places.find(profiles), since=earlier)
    return out / VISIT


@pytest.fixture(scope="module")
def view(profiles: Path, earlier: Path) -> Briefing:
    profile = api.load_profile(VISIT, api.Places.find(profiles))
    return build_briefing(profile, earlier=earlier_facts.read_facts(earlier, VISIT))


def title(section_id: str) -> str:
    """A section's title as the documents print it (the changes name the earlier pack's date)."""
    label = {**languages.labels("fr"), **sections.section_words("fr")}[section_id]
    return label.format(date="30 juin 2025") if section_id == "changes" else label


def test_the_fictional_profile_fills_every_section(view: Briefing) -> None:
    assert [s.id for s in view.sections] == list(sections.IDS)
    assert set(FACTS) <= set(sections.IDS)
    assert all(fact(s) for s in sections.IDS if s != "changes")


def test_the_key_facts_sections_are_marked_in_the_registry() -> None:
    assert {"visit", "purpose", "key_figures", "partnerships", "talking_points", "people"} <= set(sections.KEY_FACTS)


def test_every_section_has_a_label_and_blocks_and_no_partial() -> None:
    for section in sections.SECTIONS:
        section_id = section.id
        # Its title: a word of the catalogues (briefgen/words.py), or one it declares itself in every language.
        own = section.words.get(section_id, {})
        assert all(section_id in languages.labels(lang) or lang in own for lang in LANGUAGES), section_id
        assert all(set(texts) >= {languages.SOURCE, *LANGUAGES} for texts in section.words.values()), section_id
        assert section.content is not None, section_id
        # Every writer walks the section's blocks: a shipped partial would override that walk.
        for suffix in (".html", ".md", ".docx.py", ".key-facts.html"):
            assert not (REPO / "templates" / "sections" / f"{section_id}{suffix}").exists(), section_id
    assert len(set(sections.IDS)) == len(sections.IDS) and sections.IDS[-2:] == ("sources", "drafting")


@pytest.mark.parametrize("section_id", sections.IDS)
def test_docx_body_draws_every_section(built: Path, section_id: str) -> None:
    document = Document(str(built / "briefing.docx"))
    headings = [p.text.replace("\xa0", " ") for p in document.paragraphs if p.style.name == "Heading 1"]
    assert title(section_id) in headings
    # A name is written with no-break spaces in the DOCX (it never breaks): read as written.
    body = [p.text.replace("\xa0", " ") for p in document.paragraphs if not p.style.name.startswith("toc")]
    body += [cell.text.replace("\xa0", " ") for table in document.tables for row in table.rows for cell in row.cells]
    assert fact(section_id) in "\n".join(body)


@functools.cache
def _page_texts(pdf: bytes) -> tuple[str, ...]:
    """Each page's text; read once per content, every section being looked for in the same briefing."""
    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("section_id", sections.IDS)
def test_pdf_body_draws_every_section(built: Path, section_id: str) -> None:
    pages = _page_texts((built / "briefing.pdf").read_bytes())
    contents = languages.labels("fr")["toc"]
    body = " ".join(" ".join(text.split()) for text in pages if contents not in text)
    assert title(section_id) in body
    assert fact(section_id) in body


@pytest.mark.parametrize("section_id", sections.IDS)
def test_html_body_draws_every_section(built: Path, section_id: str) -> None:
    html = (built / "briefing.html").read_text(encoding="utf-8")
    main = html[html.index("<main>") : html.index("</main>")]
    main = main.replace("\xa0", " ").replace("\u2060", "")  # a name tied into one piece, read as written
    assert re.search(rf'<h1 id="{section_id}">{re.escape(title(section_id))}</h1>', main)
    assert fact(section_id) in main


@pytest.mark.parametrize("section_id", sections.IDS)
def test_md_body_draws_every_section(built: Path, section_id: str) -> None:
    text = (built / "briefing.md").read_text(encoding="utf-8")
    heading = f"## {escape(title(section_id))}\n"
    assert heading in text
    body = text[text.index(heading) :]
    assert escape(fact(section_id)) in body


def test_the_build_writes_every_format_of_the_registry(built: Path) -> None:
    assert {p.name for p in built.iterdir() if not p.name.startswith(".")} == {f.filename() for f in FORMATS} | {
        "facts.json"
    }


def test_terminal_draws_every_section(view: Briefing) -> None:
    console = Console(record=True, width=200, color_system=None)
    render_terminal(view, console)
    text = console.export_text()
    for section_id in sections.IDS:
        assert title(section_id) in text
        assert fact(section_id) in text, section_id


def test_sources_are_numbered_in_registry_order(view: Briefing) -> None:
    # fict-src is first cited by the summary, fict-forum by the forum after it.
    assert [s.citation.split(",")[1].strip() for s in view.sources] == [
        "« Source fictive »",
        "« Programme fictif du forum »",
    ]
    assert view.forum is not None and view.forum.ref is not None and view.forum.ref.number == 2


def test_a_source_used_but_not_declared_is_refused() -> None:
    numbered = Sources({})
    with pytest.raises(LookupError, match="no section declares that it cites it"):
        numbered.ref("undeclared")


def test_newest_as_of_reads_the_dated_sections_and_prefers_the_precise_date(view: Briefing) -> None:
    dated = {s.id for s in sections.SECTIONS if s.dates}
    assert {"visit", "summary", "key_figures", "partnerships", "people", "priorities", "national_context"} <= dated
    # A section whose facts carry an as-of date counts them toward the cover's range (the registry says so).
    complete = api.load_profile(VISIT, api.Places.find(FIXTURES))
    assert {s.id for s in sections.SECTIONS if any(f.as_of for f in s.facts(complete))} <= dated
    profile = api.load_profile("ruritania", api.Places.find(FIXTURES))
    newest = sections.newest_as_of(profile)
    assert newest is not None and newest.iso == "2025"  # a bare year counts as its last day
    # People come after key figures in the registry; December 2025 ends with the year 2025 and is more precise.
    december = PartialDate(year=2025, month=12)
    people = [p.model_copy(update={"as_of": december}) for p in profile.people]
    assert sections.newest_as_of(profile.model_copy(update={"people": people})) == december


def test_visit_names_and_roles_are_joined_once(view: Briefing) -> None:
    assert view.visit is not None and view.visit.head is not None
    assert view.visit.head.line == "Nguyễn Văn Fictif, Président fictif du comité populaire"
    assert "Nguyễn Văn Fictif, Président fictif du comité populaire" in " ".join(view.cover.details)
