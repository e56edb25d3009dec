"""Amounts in a value column: the short form officials write (33,69 Md USD, USD 33.69 bn, 33,69 tỷ USD), never
Babel's long currency names, and never broken across two lines."""

from __future__ import annotations

import pytest

from briefgen.view.formatting import Formatter

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("lang", "value", "unit", "expected"),
    [
        ("fr", 33_690_000_000, "USD", "33,69 Md USD"),
        ("en", 33_690_000_000, "USD", "USD 33.69 bn"),
        ("vi", 33_690_000_000, "USD", "33,69 tỷ USD"),
        ("fr", 51_000_000_000, "VND", "51 Md VND"),
        ("en", 51_000_000_000, "VND", "VND 51 bn"),
        ("vi", 51_000_000_000, "VND", "51 tỷ đồng"),
        ("fr", 1_500_000, "USD", "1,5 M USD"),
        ("en", 1_500_000, "USD", "USD 1.5 m"),
        ("vi", 1_500_000, "USD", "1,5 triệu USD"),
        ("en", 1_200_000_000, "USD", "USD 1.2 bn"),
        ("en", 7_654, "USD", "USD 7,654"),
        ("fr", 7_654, "USD", "7\u202f654 USD"),
    ],
)
def test_an_amount_has_the_short_form_of_a_value_column(lang: str, value: float, unit: str, expected: str) -> None:
    shown = Formatter(lang).amount(value, unit)
    assert shown == expected.replace(" ", NBSP)
    assert " " not in shown  # one unbreakable unit: a line never ends inside it


@pytest.mark.parametrize("lang", ["fr", "en", "vi"])
def test_no_long_currency_name_reaches_a_value_column(lang: str) -> None:
    for value in (2_500, 33_690_000_000, 51_000_000_000):
        for unit in ("USD", "VND"):
            shown = Formatter(lang).amount(value, unit).casefold()
            assert not any(word in shown for word in ("dollar", "dông", "dong ", "milliard", "billion", "million"))
