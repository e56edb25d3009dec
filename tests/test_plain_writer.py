"""A format is one writer: plain text, written and registered here in a test only, walking every block kind.

It knows no section: the Japan briefing comes out whole, every section's title and its facts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen import render
from briefgen.data.catalog import Places, shipped
from briefgen.pipeline.api import briefing
from briefgen.render import Format, Options
from briefgen.view import blocks
from briefgen.view.viewmodel import Briefing


class PlainWriter(blocks.Walker[str]):
    """Blocks as plain text lines."""

    def runs(self, text: blocks.Inline) -> str:
        return blocks.plain(text)

    def visit_heading(self, b: blocks.Heading) -> str:
        return self.runs(b.text).upper() if b.level == 2 else self.runs(b.text)

    def visit_paragraph(self, b: blocks.Paragraph) -> str:
        return f"{b.label}: {self.runs(b.text)}" if b.label else self.runs(b.text)

    def visit_bullets(self, b: blocks.Bullets) -> str:
        items = [f"{f'{n}.' if b.ordered else '*'} {self.runs(i)}" for n, i in enumerate(b.items, 1)]
        return "\n".join([f"{b.label}:"] * bool(b.label) + items)

    def visit_facts(self, b: blocks.Facts) -> str:
        return "\n".join(f"{f.label}: {self.runs(f.value)}{'; '.join(map(self.runs, f.items))}" for f in b.rows)

    def visit_definitions(self, b: blocks.Definitions) -> str:
        return "\n".join(f"{self.runs(d.term)} — {self.runs(d.definition)}" for d in b.items)

    def visit_figures(self, b: blocks.FiguresTable) -> str:
        return "\n".join(f"{r.label}: {r.value} ({r.as_of}){f' {r.ref.label}' if r.ref else ''}" for r in b.rows)

    def visit_table(self, b: blocks.Table) -> str:
        rows = [" | ".join(c.title for c in b.columns)]
        return "\n".join(rows + [("★ " * r.highlight) + " | ".join(map(self.runs, r.cells)) for r in b.rows])

    def visit_people(self, b: blocks.PeopleCards) -> str:
        return "\n".join(c.name + "".join(f"\n  {f.label}: {self.runs(f.value)}" for f in c.lines) for c in b.cards)

    def visit_quotation(self, b: blocks.Quotation) -> str:
        return f"« {b.text} » — {b.speaker}"

    def visit_gap(self, b: blocks.Gap) -> str:
        return f"[{b.text}]"

    def visit_image(self, b: blocks.Picture) -> str:
        return f"[{b.alt}]"

    def visit_chart(self, b: blocks.BarChart) -> str:
        return "\n".join([b.chart.title] + [f"{bar.label}: {bar.text}" for bar in b.chart.bars])

    def visit_sources(self, b: blocks.SourceList) -> str:
        return "\n".join(f"[{s.number}] {s.citation}" for s in b.entries)

    def visit_group(self, b: blocks.Group) -> str:
        return "\n".join(map(self.visit, b.blocks))


def render_plain(view: Briefing, templates: Path, options: Options) -> bytes:
    """The ``txt`` format: the title, then each section's title and blocks."""
    writer = PlainWriter()
    parts = [view.cover.title] + [
        f"\n{s.title}\n{'=' * len(s.title)}\n" + "\n\n".join(map(writer.visit, s.blocks)) for s in view.body
    ]
    return "\n".join(parts).encode("utf-8")


def test_a_plain_text_writer_is_one_class_registered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PlainWriter.missing() == []
    txt = Format("txt", "txt", (), f"{__name__}:render_plain", "plain text")
    monkeypatch.setattr(render, "FORMATS", (*render.FORMATS, txt))
    places = Places(shipped("profiles"), shipped("templates"))
    view = briefing("japan", lang="fr", places=places, date=dt.date(2025, 12, 31))
    text = render.get("txt").render(view, places.templates).decode("utf-8")
    for section in view.sections:
        assert f"\n{section.title}\n" in text, section.id
    assert "Entreprises japonaises implantées au Vietnam: plus de 2\u202f500 (24 novembre 2025) [1]" in text
    assert "VJEPA | Accord de partenariat économique Vietnam-Japon | [1]" in text
    assert "[1] Báo Quốc Tế, « Renforcer la coopération locale Vietnam-Japon" in text
