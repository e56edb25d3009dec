"""The honest-chart rule (briefgen.view.chart_data) on fictional figures: which figures become a chart, and its data.

Every figure here is FICTIONAL test data.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefgen.data import schema
from briefgen.view.chart_data import build_charts
from briefgen.view.formatting import Formatter


def figure(label: str, value: float | None = None, **extra: Any) -> schema.Figure:
    """A fictional figure as of 2025 from a fictional source."""
    data: dict[str, Any] = {"label": label, "value": value, "as_of": "2025", "source": "fict-src", **extra}
    return schema.Figure.model_validate(data)


FR = Formatter("fr", "fr")
EN = Formatter("en", "en")


def test_three_exact_amounts_of_one_currency_make_a_chart_that_states_its_values() -> None:
    figures = [figure("Aide", 2e9, unit="USD"), figure("Commerce", 5e9, unit="USD"), figure("Prêts", 1e9, unit="USD")]
    (chart,) = build_charts(figures, EN)
    assert chart.id == "amounts-USD" and chart.title == "Headline figures" and chart.unit == "US dollars"
    assert [(b.label, b.value) for b in chart.bars] == [("Aide", 2e9), ("Commerce", 5e9), ("Prêts", 1e9)]
    assert [b.text for b in chart.bars] == [EN.quantity(f) for f in figures]
    assert chart.alt == "Headline figures: " + "; ".join(f"{b.label}: {b.text}" for b in chart.bars)


def test_alt_text_follows_the_build_language() -> None:
    figures = [figure("Aide", 2e9, unit="USD"), figure("Commerce", 5e9, unit="USD"), figure("Prêts", 1e9, unit="USD")]
    (chart,) = build_charts(figures, FR)
    assert chart.alt.startswith("Principaux chiffres : Aide : ")
    assert all(f"{b.label} : {b.text}" in chart.alt for b in chart.bars)


def test_different_units_never_share_an_axis() -> None:
    figures = [figure("Aide", 2e9, unit="USD"), figure("Commerce", 5e9, unit="VND"), figure("Prêts", 1e9, unit="JPY")]
    assert build_charts(figures, EN) == []
    figures = [figure("Accords", 110), figure("Entreprises", 2500), figure("Jumelages", 12)]
    assert build_charts(figures, EN) == [], "counts of different things are different quantities"
    figures = [figure(f"Part {i}", 10.0 * i, unit="percent") for i in (1, 2, 3)]
    assert build_charts(figures, EN) == [], "percentages of different wholes are not comparable"


def test_one_currency_group_charts_alone_when_another_unit_is_mixed_in() -> None:
    figures = [figure(f"Montant {i}", 10.0 * i, unit="EUR") for i in (1, 2, 3)] + [figure("Entreprises", 2500)]
    (chart,) = build_charts(figures, EN)
    assert chart.id == "amounts-EUR" and [b.label for b in chart.bars] == ["Montant 1", "Montant 2", "Montant 3"]


@pytest.mark.parametrize("qualifier", ["more_than", "at_least", "nearly"])
def test_a_bound_is_never_a_bar(qualifier: str) -> None:
    bounded = figure("Borné", 9e9, unit="USD", qualifier=qualifier)
    exact = [figure(f"Exact {i}", 1e9 * i, unit="USD") for i in (1, 2, 3)]
    (chart,) = build_charts([bounded, *exact], EN)
    assert "Borné" not in [b.label for b in chart.bars] and "Borné" not in chart.alt
    assert build_charts([bounded, *exact[:2]], EN) == [], "two exact values left are too few for a chart"


def test_about_is_drawn_and_says_so() -> None:
    figures = [figure(f"Environ {i}", 1e6 * i, unit="USD", qualifier="about") for i in (1, 2, 3)]
    (chart,) = build_charts(figures, EN)
    assert all(b.text.startswith("about ") for b in chart.bars)


def test_ranks_are_never_a_bar_chart() -> None:
    ranks = [figure("APD", rank=1), figure("Emploi", rank=1), figure("Commerce", rank=4), figure("Tourisme", rank=3)]
    assert build_charts(ranks, EN) == []
    # A figure with an amount and a rank charts its amount; the rank stays in the table.
    with_rank = [figure(f"Montant {i}", 1e9 * i, unit="USD", rank=i) for i in (1, 2, 3)]
    (chart,) = build_charts(with_rank, EN)
    assert [b.value for b in chart.bars] == [1e9, 2e9, 3e9] and "1st" not in chart.alt


def test_negative_values_are_not_drawn_from_zero() -> None:
    figures = [figure("Solde", -5e9, unit="USD")] + [figure(f"M{i}", 1e9 * i, unit="USD") for i in (1, 2)]
    assert build_charts(figures, EN) == []


def test_one_figure_over_time_is_a_series_in_date_order() -> None:
    figures = [
        figure("Touristes", 900_000, as_of="2024"),
        figure("Touristes", 700_000, as_of="2022"),
        figure("Touristes", 800_000, as_of="2023"),
        figure("Entreprises", 2500),
    ]
    (chart,) = build_charts(figures, EN)
    assert chart.id == "series-1" and chart.title == "Touristes" and chart.unit == ""
    assert [(b.label, b.value) for b in chart.bars] == [("2022", 7e5), ("2023", 8e5), ("2024", 9e5)]
    assert chart.alt == "Touristes: 2022: 700,000; 2023: 800,000; 2024: 900,000"


def test_a_series_needs_distinct_dates_and_several_points() -> None:
    same_day = [figure("Touristes", 1000.0 * i) for i in (1, 2, 3)]
    assert build_charts(same_day, EN) == []
    two = [figure("Touristes", 1.0, as_of="2022"), figure("Touristes", 2.0, as_of="2023")]
    assert build_charts(two, EN) == []


def test_a_series_of_one_currency_is_not_drawn_twice() -> None:
    figures = [figure("Commerce", 1e9 * i, unit="USD", as_of=str(2020 + i)) for i in (1, 2, 3)]
    charts = build_charts(figures, EN)
    assert [c.id for c in charts] == ["series-1"]
