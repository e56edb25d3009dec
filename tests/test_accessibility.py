"""PDF accessibility, checked by an independent PDF/UA validator and by reading the structure tree.

The validator is the ``pdfua`` package (machine-checkable subset of PDF/UA-1 and WCAG 2.1, no JVM);
it reads the files as any checker would, not through our own idea of the tags.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from briefgen.render.html import render_html
from briefgen.render.pdf import render_pdf

from .helpers import REPO, run_cli

pdfua = pytest.importorskip("pdfua", reason="the test extra installs pdfua")

TEMPLATES = REPO / "templates"


@pytest.fixture(scope="module")
def ua_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Japan briefing built with ``--pdf-variant pdf/ua-1``."""
    out = tmp_path_factory.mktemp("ua")
    code, _, err = run_cli("japan", "--out", out, "--format", "pdf", "--pdf-variant", "pdf/ua-1")
    assert (code, err) == (0, "")
    return out / "japan" / "briefing.pdf"


@pytest.fixture(scope="module")
def key_facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The key-facts sheet of the FICTIONAL fixture visit (it has row headers as well as column headers)."""
    from briefgen.data.catalog import Places
    from briefgen.pipeline import api

    view = api.briefing("strelsau-2026", places=Places.find(REPO / "tests" / "fixtures"))
    path = tmp_path_factory.mktemp("kf") / "key-facts.pdf"
    path.write_bytes(render_pdf(render_html(view, TEMPLATES, "key-facts.html"), TEMPLATES, "pdf/ua-1"))
    return path


def _findings(path: Path) -> list[str]:
    report = pdfua.validate(str(path))
    return [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]


def test_the_briefing_passes_the_pdfua_validator(ua_briefing: Path) -> None:
    assert _findings(ua_briefing) == []


def test_the_key_facts_sheet_passes_the_pdfua_validator(key_facts: Path) -> None:
    assert _findings(key_facts) == []


def test_pdf_ua_variant_is_declared_in_xmp(ua_briefing: Path) -> None:
    reader = PdfReader(ua_briefing)
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1<)', metadata), metadata
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def _header_scopes(path: Path) -> list[str]:
    """The /Scope of every /TH element of the structure tree, in document order ('' when absent)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, DictionaryObject):
            if node.get("/S") == "/TH":
                attributes = node.get("/A")
                found.append(str(attributes.get_object().get("/Scope", "")) if attributes else "")
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_table_header_cells_carry_their_scope(ua_briefing: Path, key_facts: Path) -> None:
    # The briefing has both kinds (figure tables: columns; visit details: rows), every one scoped.
    assert set(_header_scopes(ua_briefing)) == {"/Column", "/Row"}
    sheet = _header_scopes(key_facts)
    assert sheet and "" not in sheet


@pytest.mark.parametrize("template", ["briefing", "key-facts"])
def test_every_header_cell_of_the_templates_has_a_scope(template: str) -> None:
    # A document's HTML is its template, the block macros that draw its sections, and any section partial.
    partials = sorted((TEMPLATES / "sections").glob("*.html"))
    files = [TEMPLATES / f"{template}.html", TEMPLATES / "blocks.html", *partials]
    cells = [cell for f in files for cell in re.findall(r"<th\b[^>]*>", f.read_text(encoding="utf-8"))]
    assert cells
    assert [c for c in cells if not re.search(r'scope="(col|row)"', c)] == []
