"""FICTIONAL blocks of every kind, for the writers' tests. Every fact here is invented, on purpose.

``sample_body()`` is a briefing body (``Briefing.body``) in which each block kind of
``briefgen.view.viewmodel.blocks`` appears at least once, with diacritics, Japanese, text in another language
and hostile text; ``with_body()`` puts it into the fictional view model of ``tests/samples.py``.
"""

from __future__ import annotations

import base64
import dataclasses

from briefgen.view.viewmodel import Briefing, Chart, Image, Ref, Section, Source, Text
from briefgen.view.viewmodel import blocks as b
from briefgen.view.viewmodel.partner import Bar
from tests.samples import HOSTILE, sample_briefing

# A 40 x 30 PNG, written out here rather than drawn with Pillow.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAL0lEQVR4nO3NMQEAMAgAoLki9rCM/VtYwc8HChBZ/S78k1U"
    "sFovFYrFYLBaLxSsD55cA9A58Y4sAAAAASUVORK5CYII="
)
R1, R2 = Ref(1, "src-1"), Ref(2, "src-2")
SOURCES = (
    Source(1, "src-1", "Éditeur fictif, « Article fictif », 24 novembre 2025", "https://example.invalid/a"),
    Source(2, "src-2", "Autre éditeur fictif, « Second article », 19 janvier 2026"),
)
CHART = Chart(
    "amounts-USD",
    "Montants fictifs",
    "dollars",
    [Bar("Aide fictive", 2.5, "2,5 milliards"), Bar("Prêts fictifs", 1.0, "1 milliard")],
    "Montants fictifs : Aide fictive 2,5 milliards ; Prêts fictifs 1 milliard",
)


def sample_body(hostile: str = HOSTILE) -> list[b.Section]:
    """Fictional sections whose blocks are of every kind (``blocks.KIND_NAMES``)."""
    figures = b.FiguresTable(
        ("Indicateur", "Valeur", "À jour au", "Source"),
        (
            b.FigureRow("Entreprises fictives", "plus de 2\u202f500", "novembre 2025", R1),
            b.FigureRow("Rang fictif", "1er", "2025", R2, note=hostile, marks=("donnée ancienne fictive",)),
        ),
    )
    table = b.Table(
        "events",
        (b.Column("Date", "date"), b.Column("Événement", "event"), b.Column("Source", "source")),
        (
            b.Row((("27 novembre 2023",), ("Événement fictif à Hà Nội", b.Span("aparté fictif", "aside")), (R1,))),
            b.Row((("2025",), ("Rencontre fictive à 北海道",), (R2,)), highlight=True),
        ),
    )
    card = b.Card(
        "Nguyễn Văn Fictif",
        lines=(b.Fact("Fonction", ("Personnage fictif",)),),
        lists=(b.Bullets((("Carrière fictive",),), label="Parcours"),),
        photo=Image(PNG, "image/png"),
        as_of="novembre 2025",
        ref=R2,
    )
    meeting = b.Group(
        (
            b.Heading(("11 mai 2026 — Entretien fictif",), level=3),
            b.Bullets((("Ligne fictive à tenir",),), label="À dire"),
            b.Definitions((b.Definition(("Question : fictive ?",), ("Réponse : fictive.",)),), label="Questions"),
            b.Paragraph(("Élément presse fictif",), label="Élément presse", role="press"),
        )
    )
    return [
        b.Section(
            "summary",
            "La relation en bref",
            (
                b.Paragraph(("Relation fictive entre Quảng Ninh et 北海道.", R1)),
                b.Paragraph((hostile, R2)),
                b.Paragraph((Text("Fictional text left in English", "en"), b.Span("fort", "strong"))),
                b.Quotation(
                    "Une citation fictive.", "Personne fictive", R1, translated=True, note="traduit du japonais"
                ),
            ),
        ),
        b.Section(
            "forum",
            "Forum",
            (
                b.Heading(("Forum fictif", R1)),
                b.Facts(
                    (
                        b.Fact("Lieu", ("Đà Nẵng",)),
                        b.Fact("Contenus", (), items=(("Volet un",), ("Volet deux",))),
                    )
                ),
            ),
        ),
        b.Section("key_figures", "Chiffres clés", (figures, b.BarChart(CHART)), key_facts=True),
        b.Section(
            "timeline",
            "Chronologie",
            (table, b.Paragraph(("★ : ce que la visite concerne (fictif)",), role="legend")),
            key_facts=True,
        ),
        b.Section(
            "people", "Personnalités", (b.PeopleCards((card,)), b.Picture(Image(PNG, "image/png"), "Emblème fictif"))
        ),
        b.Section("programme", "Programme", (meeting,)),
        b.Section(
            "talking_points",
            "Éléments de langage",
            (b.Bullets((("Point fictif un",), ("Point fictif deux",)), ordered=True),),
            key_facts=True,
        ),
        b.Section("vigilance", "Points de vigilance", (b.Bullets((("Vigilance fictive",),), ordered=True),)),
        b.Section("protocol", "Protocole et logistique", (b.Gap("À compléter"),), gap=True),
        b.Section("sources", "Sources", (b.SourceList(SOURCES),)),
    ]


def with_body(briefing: Briefing | None = None, body: list[b.Section] | None = None) -> Briefing:
    """The fictional view model with ``body`` (``sample_body()`` by default), its contents listing it."""
    body = sample_body() if body is None else body
    view = briefing or sample_briefing()
    return dataclasses.replace(
        view, body=body, sections=[Section(s.id, s.title, gap=s.gap) for s in body], sources=list(SOURCES)
    )
