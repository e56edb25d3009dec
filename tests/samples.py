"""A fictional view model for renderer tests. Every fact here is invented, on purpose."""

from __future__ import annotations

from briefgen import languages
from briefgen.view import blocks
from briefgen.view.viewmodel import (
    Agreement,
    Briefing,
    Cover,
    Event,
    Figure,
    FigureGroup,
    Forum,
    Paragraph,
    Partnership,
    Person,
    Ref,
    Section,
    Source,
)

PARTNER_SECTIONS = (
    "summary",
    "forum",
    "key_figures",
    "partnerships",
    "agreements",
    "timeline",
    "people",
    "priorities",
    "national_context",
    "sources",
)
"""The sections of a partner briefing, in the documents' order."""

HOSTILE = "A & B <b>bold</b> {{ 7*7 }} {% raw %} \"quoted\" 'single'"


def sample_briefing(hostile: str = HOSTILE) -> Briefing:
    """A fictional Briefing touching every section, with diacritics, Japanese and hostile text."""
    r1, r2 = Ref(1, "src-1"), Ref(2, "src-2")
    labels = languages.labels("fr")
    sections = [Section(key, labels[key]) for key in PARTNER_SECTIONS]
    figures = (labels["figure"], labels["value"], labels["as_of"], labels["source"])

    def table(name: str, keys: tuple[str, ...], *rows: tuple[blocks.Inline, ...]) -> blocks.Table:
        columns = tuple(blocks.Column(labels[k], k) for k in keys)
        return blocks.Table(name, columns, tuple(blocks.Row(cells) for cells in rows))

    content: dict[str, tuple[blocks.Block, ...]] = {
        "summary": (
            blocks.Paragraph(("Relation fictive entre Quảng Ninh et 北海道.", r1)),
            blocks.Paragraph((hostile, r2)),
        ),
        "forum": (
            blocks.Heading(("Forum fictif", r1)),
            blocks.Facts(
                (
                    blocks.Fact(labels["when"], ("fin 2025",)),
                    blocks.Fact(labels["place"], ("Đà Nẵng",)),
                    blocks.Fact(labels["organisers"], ("Organisateur A, Organisateur B",)),
                    blocks.Fact(labels["theme"], ("« Thème fictif »",)),
                    blocks.Fact(labels["strands"], (), (("Volet un",), ("Volet deux",))),
                )
            ),
        ),
        "key_figures": (
            blocks.FiguresTable(
                figures,
                (
                    blocks.FigureRow("Entreprises fictives", "plus de 2\u202f500", "novembre 2025", r1),
                    blocks.FigureRow("Rang fictif", "1er", "2025", r2, note=hostile),
                ),
            ),
        ),
        "partnerships": (
            table("pairs", ("ours", "theirs"), (("Quang Ninh (Quảng Ninh)",), ("Hokkaido (北海道), Tottori (鳥取)",))),
        ),
        "agreements": (
            table(
                "agreements", ("short", "agreement", "source"), (("FTA-X",), ("Accord fictif de libre-échange",), (r1,))
            ),
        ),
        "timeline": (table("events", ("date", "event"), (("27 novembre 2023",), ("Événement fictif à Hà Nội", r1))),),
        "people": (
            table(
                "people", ("name", "role", "side"), (("Nguyễn Văn Fictif",), ("Personnage fictif", r2), ("Viet Nam",))
            ),
        ),
        "priorities": (blocks.Bullets((("Priorité fictive", r1),)),),
        "national_context": (
            blocks.Heading(("Thème fictif",)),
            blocks.FiguresTable(figures, (blocks.FigureRow("Accords fictifs", "135", "2025", r2),)),
        ),
    }
    cited = [
        Source(1, "src-1", "Éditeur fictif, « Article fictif », 24 novembre 2025", "https://example.invalid/a"),
        Source(2, "src-2", "Autre éditeur fictif, « Second article », 19 janvier 2026"),
    ]
    content["sources"] = (blocks.SourceList(tuple(cited)),)
    return Briefing(
        lang="fr",
        labels=labels,
        cover=Cover(
            title="Note de synthèse — Pays fictif",
            partner="Pays fictif",
            partner_native="架空国",
            subtitle="Données fictives pour les tests",
            issuer="Bureau fictif des affaires extérieures",
            marking="DIFFUSION RESTREINTE",
            info_as_of="Date des informations : 24 novembre 2025",
        ),
        sections=sections,
        body=[blocks.Section(key, labels[key], content[key]) for key in PARTNER_SECTIONS],
        summary=[Paragraph("Relation fictive entre Quảng Ninh et 北海道.", r1), Paragraph(hostile, r2)],
        forum=Forum(
            name="Forum fictif",
            when="fin 2025",
            place="Đà Nẵng",
            organisers="Organisateur A, Organisateur B",
            theme="« Thème fictif »",
            strands=["Volet un", "Volet deux"],
            ref=r1,
        ),
        key_figures=[
            Figure("Entreprises fictives", "plus de 2\u202f500", "novembre 2025", r1),
            Figure("Rang fictif", "1er", "2025", r2, note=hostile),
        ],
        partnerships=[Partnership("Quang Ninh (Quảng Ninh)", "Hokkaido (北海道), Tottori (鳥取)")],
        agreements=[Agreement("FTA-X", "Accord fictif de libre-échange", r1)],
        timeline=[Event("27 novembre 2023", "Événement fictif à Hà Nội", r1)],
        people=[Person("Nguyễn Văn Fictif", "Personnage fictif", "Viet Nam", r2)],
        priorities=[Paragraph("Priorité fictive", r1)],
        national_context=[FigureGroup("Thème fictif", [Figure("Accords fictifs", "135", "2025", r2)])],
        sources=cited,
    )
