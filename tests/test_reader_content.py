"""What a reader sees, checked against the view model: every section in the body, every citation numbered.

Two briefings between them have every section: the shipped Japan profile (partner sections, forum,
agreements, national context) and the complete FICTIONAL fixture visit (every section of a visit).
Each section's title and one of its facts must be in the body of every format
(DOCX between its Heading 1 and the next, PDF on the pages its bookmark points to, the terminal
preview), not only in the contents list.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from briefgen.data.catalog import Places
from briefgen.pipeline import api
from briefgen.view.viewmodel import Briefing, Ref

from .helpers import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"
CASES = {"japan": None, "zenda-summit-2026": FIXTURES}

# One fact per section, taken from the view model (so already formatted as the reader sees it).
FACT: dict[str, Callable[[Briefing], str]] = {
    "visit": lambda v: v.visit.place if v.visit else "",
    "purpose": lambda v: v.purpose.objectives[0] if v.purpose else "",
    "asks": lambda v: v.asks.theirs[0].ask if v.asks else "",
    "delegation": lambda v: v.delegation[0].name,
    "interlocutors": lambda v: v.interlocutors[0].name,
    "protocol": lambda v: v.protocol.lines[0].value if v.protocol else "",
    "follow_up": lambda v: v.follow_up[0].promise,
    "drafting": lambda v: v.drafting.lines[-1].value if v.drafting else "",
    "programme": lambda v: v.programme[0].item,
    "talking_points": lambda v: v.talking_points[0],
    "vigilance": lambda v: v.vigilance[0],
    "summary": lambda v: v.summary[-1].text,
    "forum": lambda v: v.forum.when if v.forum else "",
    "key_figures": lambda v: v.key_figures[0].value,
    "partnerships": lambda v: v.partnerships[0].theirs,
    "agreements": lambda v: v.agreements[0].name,
    "timeline": lambda v: v.timeline[0].text,
    "people": lambda v: v.people[-1].name,
    "priorities": lambda v: v.priorities[0].text,
    "national_context": lambda v: v.national_context[0].figures[0].value,
    "sources": lambda v: v.sources[-1].citation,
}


def flat(text: str) -> str:
    """Text with every run of spaces (no-break and narrow ones included) made one space."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def head(text: str, size: int = 30) -> str:
    """The start of a fact, cut at a word end: long facts wrap, and a wrap may hyphenate the tail."""
    text = flat(text)
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0]


def view_of(name: str) -> Briefing:
    folder = CASES[name]
    return api.briefing(name, places=Places.find(folder) if folder else None)


def profile_args(name: str) -> list[str | Path]:
    folder = CASES[name]
    return ["--profiles", folder] if folder else []


@pytest.fixture(scope="module", params=list(CASES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Path]:
    """(view model, folder with briefing.docx and briefing.pdf) of one of the two briefings."""
    name = request.param
    out = tmp_path_factory.mktemp("out")
    code, _, err = run_cli(*profile_args(name), "build", name, "--out", out, "--format", "docx,pdf")
    assert (code, err) == (0, "")
    return view_of(name), out / name


def test_both_briefings_together_have_every_section() -> None:
    present = {s.id for name in CASES for s in view_of(name).sections}
    assert present == set(FACT)


def docx_sections(path: Path) -> dict[str, str]:
    """Body text between each Heading 1 and the next, by heading text (tables included, in body order)."""
    document = Document(str(path))
    sections: dict[str, str] = {}
    current: str | None = None
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = block.style or ""
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            if style.replace(" ", "").lower() in ("heading1", "titre1"):
                current = flat(text)
                sections[current] = ""
                continue
        elif tag == "tbl":
            text = " ".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
        else:
            continue
        if current is not None:
            sections[current] += " " + text
    return {title: flat(body) for title, body in sections.items()}


def pdf_sections(path: Path) -> dict[str, str]:
    """Text of the pages from each top-level bookmark's page to the next one's, by bookmark title."""
    reader = PdfReader(path)
    pages = [flat(page.extract_text()) for page in reader.pages]
    marks = [(flat(m.title), reader.get_destination_page_number(m)) for m in reader.outline if not isinstance(m, list)]
    result = {}
    for i, (title, first) in enumerate(marks):
        last = marks[i + 1][1] if i + 1 < len(marks) else len(pages) - 1
        result[title] = " ".join(pages[first : last + 1])
    return result


def test_every_section_has_its_title_and_a_fact_in_the_docx_body(built: tuple[Briefing, Path]) -> None:
    view, folder = built
    body = docx_sections(folder / "briefing.docx")
    for section in view.sections:
        assert flat(section.title) in body, f"no Heading 1 {section.title!r}"
        assert head(FACT[section.id](view)) in body[flat(section.title)], section.id


def test_every_section_has_its_title_and_a_fact_in_the_pdf_body(built: tuple[Briefing, Path]) -> None:
    view, folder = built
    body = pdf_sections(folder / "briefing.pdf")
    for section in view.sections:
        assert flat(section.title) in body, f"no bookmark {section.title!r}"
        assert head(FACT[section.id](view)) in body[flat(section.title)], section.id


@pytest.mark.parametrize("name", list(CASES))
def test_preview_shows_every_section_with_a_fact(name: str) -> None:
    view = view_of(name)
    code, out, err = run_cli(*profile_args(name), "preview", name, env={"COLUMNS": "400", "NO_COLOR": "1"})
    assert code == 0, err
    # Each section is a panel titled with the section's title; its fact lies between that title and the next.
    # A title is looked for in a panel's top border ("╭─ Forum ─╮"), not in the text ("Le Forum de…").
    text = flat(out.replace("│", " ").replace("╰", " ").replace("─", " "))
    titles = [f"╭ {flat(section.title)} ╮" for section in view.sections]
    cursor = 0
    for title in titles:
        found = text.find(title, cursor)
        assert found >= 0, f"no section {title!r} after position {cursor}"
        cursor = found
    for i, section in enumerate(view.sections):
        start = text.find(titles[i])
        end = text.find(titles[i + 1], start) if i + 1 < len(view.sections) else len(text)
        assert head(FACT[section.id](view)) in text[start:end], section.id


def citations(value: Any) -> Iterator[Ref]:
    """Every Ref in the view model outside the sources list (each prints one note marker)."""
    if isinstance(value, Ref):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in ("sources", "body"):  # the body holds the same references as blocks
                yield from citations(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from citations(item)


MARKER = re.compile(r"\[(\d+)\]")


def test_every_citation_prints_its_number_in_the_pdf(built: tuple[Briefing, Path]) -> None:
    view, folder = built
    refs = list(citations(view))
    assert refs
    text = "\n".join(page.extract_text() for page in PdfReader(folder / "briefing.pdf").pages)
    # One marker per citation, plus one per entry of the sources list (its numbers print as "[n]").
    expected = [r.number for r in refs] + [s.number for s in view.sources]
    assert sorted(int(n) for n in MARKER.findall(text)) == sorted(expected)
    assert {r.number for r in refs} == {s.number for s in view.sources}


def test_every_citation_prints_its_number_in_the_docx(built: tuple[Briefing, Path]) -> None:
    view, folder = built
    document = Document(str(folder / "briefing.docx"))
    text = "\n".join(t.text or "" for t in document.element.body.iter() if t.tag.endswith("}t"))
    # As in the PDF: one marker per citation, plus one per entry of the sources list (numbered "[n]").
    expected = [r.number for r in citations(view)] + [s.number for s in view.sources]
    assert sorted(int(n) for n in MARKER.findall(text)) == sorted(expected)
