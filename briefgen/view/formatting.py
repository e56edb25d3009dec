"""Formatting for the context stage: numbers, dates and ranks per language, and source numbering.

Only the context stage (``briefgen.view.context`` and the section builders of ``briefgen.view.sections``)
uses this module: renderers receive strings already formatted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent, get_currency_name

from briefgen import languages
from briefgen.data import schema
from briefgen.data.translation import Localized, resolve_with_language
from briefgen.view import viewmodel

_SCALES = ((1_000_000_000, "billion_short"), (1_000_000, "million_short"))
"""From these up, an amount reads ``33,69 Md USD`` rather than ``33 690 000 000 USD``: the multiplier, its word."""


class Formatter:
    """Formats numbers, dates and ranks for one language."""

    def __init__(self, lang: str, own: str | None = None) -> None:
        self.lang = lang
        self.own = own or lang
        """The profile's own language: what plain-string text is written in."""
        self.locale = languages.locale(lang)
        self.labels = languages.labels(lang)
        self.fallbacks: set[str] = set()
        """The languages text has fallen back to (for the cover's note)."""

    def text(self, value: Localized | None) -> str:
        """A translatable field in the build language (see briefgen.data.translation).

        Text the build language lacks comes in another language as a ``viewmodel.Text`` that
        says which, so that the renderers can mark it and the cover can say so.
        """
        if value is None:
            return ""
        text, lang = resolve_with_language(value, self.lang, self.own)
        if lang == self.lang or not text:
            return text
        self.fallbacks.add(lang)
        return viewmodel.Text(text, lang)

    def fallback_note(self) -> str:
        """The cover's sentence naming the languages some text is shown in, or ``""``."""
        if not self.fallbacks:
            return ""
        # The catalogue names each language as it reads in the sentence (tiếng Pháp); Babel otherwise.
        names = [
            self.labels.get(f"language_{code}") or self.locale.languages.get(code, code)
            for code in sorted(self.fallbacks)
        ]
        return self.labels["fallback_note"].format(languages=", ".join(names))

    def texts(self, values: Iterable[Localized]) -> list[str]:
        """Each translatable field of ``values`` in the build language."""
        return [self.text(v) for v in values]

    def number(self, value: float) -> str:
        """A plain number, grouped the way the language writes it."""
        if value == int(value):
            value = int(value)
        return format_decimal(value, locale=self.locale)

    def figure(self, figure: schema.Figure) -> str:
        """A figure's value and rank, as printed in a figures table."""
        parts = []
        if figure.value is not None:
            parts.append(self.quantity(figure))
        if figure.rank is not None:
            parts.append(self.rank(figure.rank))
        return " — ".join(parts)

    def quantity(self, figure: schema.Figure) -> str:
        """A figure's value with its qualifier and unit, as printed (``plus de 2 500``)."""
        assert figure.value is not None
        value = figure.value
        if figure.unit == "percent":
            # Decimal, so that 7.4 % does not print as 7,400000000000001 %.
            ratio = Decimal(str(value)) / 100
            text = format_percent(ratio, locale=self.locale, decimal_quantization=False)
        elif figure.unit:
            text = self.amount(value, figure.unit)
        else:
            text = self.number(value)
        return self.labels[f"qualifier_{figure.qualifier}"].format(text)

    def amount(self, value: float, unit: str) -> str:
        """An amount of currency ``unit`` in its short form, as a table's value column prints it.

        ``33,69 Md USD``, ``USD 33.69 bn``, ``33,69 tỷ USD``: from a million up, the number of millions or
        billions with the catalogue's short word for them (``billion_short``) and the currency as officials
        write it (``currency_USD``), in the language's order (``amount_compact``). Its spaces do not break:
        an amount never runs across two lines.
        """
        # A currency the catalogue does not name is written as its code (EUR): a value column's short form.
        currency = self.labels.get(f"currency_{unit}", unit)
        if currency == "long":
            currency = get_currency_name(unit, count=value, locale=self.locale)
        scale = next((s for s in _SCALES if abs(value) >= s[0]), None)
        if scale is None:
            text = self.labels["amount"].format(number=self.number(value), currency=currency)
        else:
            # Decimal, so that 33 690 000 000 reads 33,69 and not 33,690000000000005.
            number = format_decimal(Decimal(str(value)) / scale[0], format="#,##0.##", locale=self.locale)
            words = {"number": number, "scale": self.labels[scale[1]], "currency": currency}
            text = self.labels["amount_compact"].format(**words)
        return text.replace(" ", "\u00a0")

    def rank(self, n: int) -> str:
        """A partner's rank ``n`` (3e partenaire, third-largest partner, đối tác lớn thứ ba).

        Ranks 1 to 10 have their own words in the catalogue (``rank_3``); above, Babel gives the
        language's ordinal category of ``n`` (CLDR: one, two, few, other) and the catalogue the words for each.
        """
        form = self.locale.ordinal_form(n)
        pattern = self.labels.get(f"rank_{n}") or self.labels.get(f"rank_{form}", self.labels["rank_other"])
        return pattern.format(n=n)

    def date(self, value: dt.date) -> str:
        """A full date in the language's pattern."""
        # The catalogue says "long" (Babel's long date for the locale) or gives a CLDR pattern.
        return format_date(value, self._date_pattern(value), locale=self.locale)

    def _date_pattern(self, value: dt.date) -> str:
        """The catalogue's pattern for ``value``: its own for January and February, the first of a month, or any day."""
        early = self.labels["date_format_early"]
        if value.month <= 2 and early != self.labels["date_format"]:
            return early
        return self.labels["date_format_first" if value.day == 1 else "date_format"]

    def source_title(self, source: schema.Source) -> str:
        """A source's title as this language cites it (see ``schema.Source.title``).

        Its own published title if it has one, else the original title followed by our translation,
        marked as ours (``“Nâng tầm…” (our translation: “…”)``), or the original alone.
        """
        titles = _titles(source)
        quoted = self.labels["quoted"]
        published = [code for code in (source.original_language, source.language) if code and code in titles]
        first = published[0] if published else next(iter(titles))
        if self.lang in published or first == self.lang:
            return quoted.format(text=titles[self.lang])
        original = quoted.format(text=titles[first])
        if self.lang not in titles:
            return original
        return self.labels["title_translated"].format(title=original, translation=quoted.format(text=titles[self.lang]))

    def partial(self, value: schema.PartialDate) -> str:
        """A year, a month or a day, as precise as the profile gives it."""
        if value.month is None:
            return str(value.year)
        if value.day is None:
            month = dt.date(value.year, value.month, 1)
            pattern = self.labels["month_format_early" if value.month <= 2 else "month_format"]
            if pattern == "long":
                return format_skeleton("yMMMM", month, locale=self.locale)
            return format_date(month, pattern, locale=self.locale)
        return self.date(dt.date(value.year, value.month, value.day))

    def span(self, start: dt.date | None, end: dt.date | None, period: str) -> str:
        """A day, a range of days, or the approximate period when no date is known."""
        if start is None:
            return period or ""
        if end is None or end == start:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            # The first day padded as the language's pattern pads days (07–09 tháng 12).
            day = format_date(start, "dd" if "dd" in self._date_pattern(start) else "d", locale=self.locale)
            return f"{day}–{self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"


def _titles(source: schema.Source) -> dict[str, str]:
    """A source's titles by language (a single title is in the source's language)."""
    if isinstance(source.title, str):
        return {source.original_language or source.language or "": source.title}
    return dict(source.title)


class Sources:
    """Numbers sources in the order the sections cite them (see ``briefgen.view.sections``).

    The context numbers every present section's declared sources first (``cite``), then the
    section builders look the numbers up (``ref``); a builder citing a source its section does
    not declare is a programming error, caught here rather than shipped as a wrong note number.
    """

    def __init__(self, sources: dict[str, schema.Source]) -> None:
        self._sources = sources
        self._refs: dict[str, viewmodel.Ref] = {}

    def cite(self, key: str) -> None:
        """Give ``key`` the next number, unless an earlier section cited it already."""
        if key not in self._refs:
            number = len(self._refs) + 1
            self._refs[key] = viewmodel.Ref(number, f"src-{number}")

    def ref(self, key: str) -> viewmodel.Ref:
        """The numbered reference of ``key``, which a section must have declared it cites."""
        try:
            return self._refs[key]
        except KeyError:
            raise LookupError(f"source {key!r} is used but no section declares that it cites it") from None

    def cited(self) -> Iterable[tuple[str, viewmodel.Ref, schema.Source]]:
        """The cited sources with their references, in order of number."""
        for key, ref in self._refs.items():
            yield key, ref, self._sources[key]
