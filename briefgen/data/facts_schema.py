"""The building blocks of a profile: dates, texts, sources, and the partner's facts (figures, pairings, people…).

Part of the profile schema (``briefgen.data.schema``, which re-exports every name): each field's docstring
is the profile reference.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from briefgen.languages import LANGUAGES

if TYPE_CHECKING:
    Language = str
else:
    Language = Literal[tuple(LANGUAGES)]
    """A build language: one of ``briefgen.languages.LANGUAGES``."""
Qualifier = Literal["exactly", "about", "nearly", "more_than", "at_least"]


class Model(BaseModel):
    """The base of every profile model: unknown keys refused, values frozen, field docstrings kept."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class PartialDate(BaseModel):
    """A date known to the year, the month or the day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=1900, le=2200)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _exists(self) -> PartialDate:
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(f"{self.year}-{self.month:02d}-{self.day:02d} is not a date") from None
        return self

    @property
    def iso(self) -> str:
        """``2025``, ``2025-11`` or ``2025-11-24``."""
        parts = [f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders partial dates; a bare year sorts as its last day."""
        return (self.year, self.month or 12, self.day or 31)


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def _partial_date(value: Any) -> Any:
    """Accept ``2025``, ``"2025-11"`` or a YAML date ``2025-11-24``."""
    if isinstance(value, PartialDate | dict):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return {"year": value}
    if isinstance(value, str):
        match = _PARTIAL.match(value.strip())
        if match:
            year, month = int(match[1]), int(match[2]) if match[2] else None
            if month is None or 1 <= month <= 12:
                return {"year": year, "month": month}
    raise ValueError(f"expected a date such as 2025-11-24, 2025-11 or 2025, got {value!r}")


AsOf = Annotated[PartialDate, BeforeValidator(_partial_date)]


class Translatable:
    """Marks a field as text a reader reads, which a profile may give in several languages."""


def _text(value: Any) -> Any:
    if isinstance(value, bool | int | float):
        # One "expected text" error, not one per member of the union (str, then the language mapping).
        raise PydanticCustomError("string_type", "Input should be a valid string")
    if isinstance(value, dict) and not value:
        raise ValueError("expected text, or a mapping of languages to text such as {fr: …, en: …}")
    return value


Text = Annotated[str | dict[Language, str], BeforeValidator(_text), Translatable()]
"""Text in the profile's language (``Japon``), or in several (``{fr: Japon, en: Japan, vi: Nhật Bản}``)."""


class Source(Model):
    """A publication the facts come from."""

    title: str
    """Title of the article or document, as published."""
    publisher: str | None = None
    """Who published it (newspaper, ministry, agency)."""
    author: str | None = None
    """Author or byline, when the source gives one."""
    date: AsOf | None = None
    """Publication date, to the day when known."""
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    """Web address, when the source gives one."""
    note: Text | None = None
    """Anything a reader should know about the source (republished by, translated from)."""


class Sourced(Model):
    """Anything that states a fact: it names its source and the date the fact holds at."""

    source: str
    """Key of an entry of ``sources``."""
    as_of: AsOf
    """The date the fact holds at (``2025-11-24``, ``2025-11`` or ``2025``)."""


class Claim(Sourced):
    """A sourced sentence."""

    text: Text
    """The sentence, in the profile's language."""


class Figure(Sourced):
    """A key figure: a number, a rank, or both."""

    label: Text
    """What is counted or ranked, in the profile's language."""
    value: float | None = Field(default=None, allow_inf_nan=False, ge=-1e15, le=1e15)
    """The number itself, unformatted (``2500``, ``33690000000``, ``7.4``)."""
    qualifier: Qualifier = "exactly"
    """How exact the number is: exactly, about, nearly, more_than, at_least."""
    unit: str | None = Field(default=None, pattern=r"^(percent|[A-Z]{3})$")
    """``percent``, or an ISO 4217 currency code (``USD``, ``VND``); empty for a count."""
    rank: int | None = Field(default=None, ge=1)
    """The partner's rank among all partners (1 for first)."""
    note: Text | None = None
    """A short remark printed with the figure."""

    @model_validator(mode="after")
    def _value_or_rank(self) -> Figure:
        if self.value is None and self.rank is None:
            raise ValueError("a figure needs a 'value', a 'rank' or both")
        return self


class FigureGroup(Model):
    """Figures under one sub-heading."""

    title: Text
    """The sub-heading."""
    figures: list[Figure]
    """The figures, in the order they are printed."""


class Locality(Model):
    """A province, city or prefecture."""

    name: Text
    """Its name in each language (``{fr: Hô Chi Minh-Ville, en: Ho Chi Minh City, vi: Thành phố Hồ Chí Minh}``);
    a proper name written alike in every language is repeated (``{fr: Osaka, en: Osaka, vi: Osaka}``)."""
    native: str | None = None
    """Its name in its own language and script (``Quảng Ninh``, ``北海道``); printed after the name in
    brackets wherever it differs from it."""

    @property
    def names(self) -> list[str]:
        """Every way the profile writes it: its name in each language, then its native name."""
        found = [self.name] if isinstance(self.name, str) else list(self.name.values())
        if self.native:
            found.append(self.native)
        return list(dict.fromkeys(found))


class Partnership(Sourced):
    """Cooperation between one of our localities and one or more of the partner's."""

    ours: Locality
    """The Vietnamese locality."""
    theirs: list[Locality] = Field(min_length=1)
    """The partner's localities it cooperates with, as the source lists them."""
    kind: Text | None = None
    """What kind of pairing it is, as the source says (``jumelage``, ``accord de coopération``)."""
    since: AsOf | None = None
    """When the pairing started (``2013``, ``2013-05``), when the source says."""


class Agreement(Model):
    """A trade agreement both countries are party to."""

    short: str
    """Its usual abbreviation (``CPTPP``)."""
    name: Text
    """Its full name, in the profile's language."""
    signed: AsOf | None = None
    """When it was signed, when the source says."""
    status: Text | None = None
    """Where it stands (``en vigueur``, ``ratification en cours``), as the source says."""
    source: str
    """Key of an entry of ``sources``."""


class Event(Model):
    """A dated entry of the timeline."""

    text: Text
    """What happened, in the profile's language."""
    date: dt.date | None = None
    """The day it happened (or began)."""
    end: dt.date | None = None
    """The last day, for an event over several days."""
    period: Text | None = None
    """An approximate period when no exact date is known (``fin 2025``); never invent a date."""
    source: str
    """Key of an entry of ``sources``."""

    @model_validator(mode="after")
    def _dated(self) -> Event:
        if self.date is None and self.period is None:
            raise ValueError("an event needs a 'date' or, when no exact date is known, a 'period'")
        if self.end is not None and (self.date is None or self.end < self.date):
            raise ValueError("'end' must come with a 'date' and not before it")
        return self


class Biography(Model):
    """A short biography: what the delegation should know before shaking hands."""

    post: Text | None = None
    """Current post, in full (``Gouverneur de la préfecture de …, depuis 2021``)."""
    career: list[Text] = Field(default_factory=list)
    """Career points, most recent first, one line each."""
    address: Text | None = None
    """Form of address, in writing and in speech (``Monsieur le Gouverneur``)."""
    meetings: list[Text] = Field(default_factory=list)
    """Earlier meetings with us, most recent first (when, where, with whom, about what)."""
    photo: str | None = None
    """A portrait: a PNG or JPEG file, by its path relative to the profiles folder
    (``images/people/name.jpg``); it must sit inside that folder and weigh at most 2 MiB."""


class Person(Sourced):
    """Someone the sources name, with the role they held at the as-of date."""

    name: str
    """Full name, as the source writes it."""
    role: Text
    """Their role, in the profile's language."""
    side: Literal["vietnam", "partner"]
    """Whose side they are on."""
    biography: Biography | None = None
    """Their short biography."""


class Forum(Model):
    """The cooperation forum between the two sides' localities."""

    name: Text
    """Its full name."""
    place: Text
    """Where it is held."""
    when: Text
    """When, as precisely as the source says (``fin 2025``)."""
    organisers: list[Text] = Field(default_factory=list)
    """Who organises it."""
    theme: Text | None = None
    """Its theme, as announced."""
    strands: list[Text] = Field(default_factory=list)
    """The content strands of its programme."""
    source: str
    """Key of an entry of ``sources``."""


class Partner(Model):
    """The foreign partner the briefing is about."""

    name: Text
    """Its name in the profile's language (``Japon``)."""
    native: str | None = None
    """Its name in its own script (``日本``)."""
    logo: str | None = None
    """An emblem for the cover: a PNG or JPEG file, by its path relative to the profiles folder
    (``images/japan.png``); it must sit inside that folder and weigh at most 2 MiB."""
