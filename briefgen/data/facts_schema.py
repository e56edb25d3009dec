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
from briefgen.text import quoted

if TYPE_CHECKING:
    Language = str
else:
    Language = Literal[tuple(LANGUAGES)]
    """A build language: one of ``briefgen.languages.LANGUAGES``."""
Qualifier = Literal["exactly", "about", "nearly", "more_than", "at_least"]


class Model(BaseModel):
    """The base of every profile model: unknown keys refused, values frozen.

    The docstring under each field documents it; ``briefgen new`` reads them from the source
    (briefgen.data.skeleton.field_docs), so that pydantic need not parse it on every run.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PartialDate(BaseModel):
    """A date known to the year, the month or the day."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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


def _quotes(value: Any) -> Any:
    """One excerpt written as a plain string is a list of one."""
    return [value] if isinstance(value, str) else value


Quotes = Annotated[list[Annotated[str, Field(min_length=3, max_length=600)]], BeforeValidator(_quotes)]
"""Short excerpts copied word for word from the fact's source, in the source's own language: one string or a
list. ``briefgen check --sources`` finds each in the source's archived text (case, spacing, apostrophes and
quotation marks folded)."""


class Translatable:
    """Marks a field as text a reader reads, which a profile may give in several languages."""


TEXT_IS = f"a text is a string or a mapping {{{', '.join(f'{code}: ...' for code in list(LANGUAGES)[:2])}}}"
"""What a text may be, said after each error about one."""


def _text(value: Any) -> Any:
    """One error in our words for a text that is neither a string nor a language mapping, not one per union member.

    A mapping's values that are not text are left to the mapping's own check, which points at the language.
    """
    if isinstance(value, bool | int | float):
        # "expected text" with YAML's reading of it (briefgen.data.validation), not one error per member.
        raise PydanticCustomError("string_type", "Input should be a valid string")
    if isinstance(value, dict):
        if not value:
            raise ValueError(f"expected text, or a mapping of languages to text; {TEXT_IS}")
        unknown = [key for key in value if key not in LANGUAGES]
        if unknown:
            languages = ", ".join(LANGUAGES)
            raise ValueError(f"{quoted(unknown[0])} is not a language of this project ({languages}); {TEXT_IS}")
    elif not isinstance(value, str):
        got = "a list" if isinstance(value, list) else "nothing" if value is None else f"a {type(value).__name__}"
        raise ValueError(f"expected text, got {got}; {TEXT_IS}")
    return value


Text = Annotated[str | dict[Language, str], BeforeValidator(_text), Translatable()]
"""Text in the profile's language (``Japon``), or in several (``{fr: Japon, en: Japan, vi: Nhật Bản}``)."""


_SHA256 = r"^[0-9a-f]{64}$"


class Source(Model):
    """A publication the facts come from."""

    title: Annotated[str | dict[Language, str], BeforeValidator(_text)]
    """Title of the article or document, as published (``Nâng tầm hợp tác…``), or per language
    (``{vi: Nâng tầm…, fr: Renforcer…, en: Raising…}``): the titles in ``language`` and ``original_language``
    are the published ones, cited as they are; any other is a translation of ours, printed as one after the
    original title."""
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
    language: Language | None = None
    """The language the source is written in (``fr``): the language its quotations are verbatim in."""
    original_language: Language | None = None
    """The language the source was first published in, when ``language`` is that of an edition its publisher
    translated (the French edition of a Vietnamese newspaper's article): a reader of that language is cited
    the original title."""
    archive: str | None = None
    """A copy of the source's text, by its path relative to the profiles folder (``sources/KEY.txt``): a UTF-8
    text file inside that folder, at most as large as a profile, against which ``briefgen check --sources``
    verifies every ``quote`` citing this source."""
    sha256: str | None = Field(default=None, pattern=_SHA256)
    """The SHA-256 of the archived file's bytes, in hex (``sha256sum sources/KEY.txt``): ``check --sources``
    fails when the file no longer matches it."""

    @model_validator(mode="after")
    def _archived(self) -> Source:
        if (self.archive is None) != (self.sha256 is None):
            raise ValueError("an archived source needs both 'archive' (the file) and 'sha256' (its hash)")
        return self


class Sourced(Model):
    """Anything that states a fact: it names its source and the date the fact holds at."""

    source: str
    """Key of an entry of ``sources``."""
    as_of: AsOf
    """The date the fact holds at (``2025-11-24``, ``2025-11`` or ``2025``)."""
    quote: Quotes = Field(default_factory=list)
    """Short excerpts of the source that state the fact, word for word in the source's language."""


class Quotation(Model):
    """Words someone said or wrote, as the source prints them: verbatim in one language, translated in the others."""

    text: Text
    """The words: verbatim in ``lang``, the source's language (``{fr: « … », en: …, vi: …}``); every other
    language is a translation, and the document prints it as one."""
    lang: Language
    """The language the source prints the words in; the text in this language is verbatim (``check
    --sources`` finds it in the archived source), the others are translations."""
    translated_by: Text | None = None
    """Who translated the other languages (``Service des affaires extérieures``); a translation is marked
    as such in the document whether or not it says by whom."""
    speaker: str | None = None
    """Who said or wrote the words, as the source names them."""
    also: list[str] = Field(default_factory=list)
    """Other wordings the source itself gives of the same words (a motto printed two ways), verbatim."""

    @model_validator(mode="after")
    def _verbatim(self) -> Quotation:
        if isinstance(self.text, dict) and self.lang not in self.text:
            raise ValueError(
                f"the quotation has no text in '{self.lang}', the language its source prints it in; "
                "give the words as the source prints them"
            )
        return self

    def translated(self, lang: str) -> bool:
        """Whether the text shown in ``lang`` is a translation rather than the source's own words."""
        return lang != self.lang


class Claim(Sourced):
    """A sourced sentence."""

    text: Text
    """The sentence, in the profile's language."""
    quotation: Quotation | None = None
    """The words the sentence reports, when it reports someone's words: verbatim in the source's language,
    marked as a translation in the others."""


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
    accepted_old: Text | None = None
    """Why this figure stays in a final document although it is older than the age limit (``no newer
    figure published; checked with the embassy on 2026-11-30``): ``build --final`` then lets it through,
    and the document prints this reason beside it. Without it an old figure stops ``build --final``."""

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
    quote: Quotes = Field(default_factory=list)
    """Short excerpts of the source that name it, word for word in the source's language."""


class Event(Model):
    """A dated entry of the timeline."""

    text: Text
    """What happened, in the profile's language."""
    date: dt.date | None = None
    """The day it happened (or began)."""
    end: dt.date | None = None
    """The last day, for an event over several days."""
    period: Text | None = None
    """When no exact date is known: the date as the source gives it (``le 7 août``, with no year when the
    source gives none) or an approximate period (``fin 2025``); never invent a date, nor its year."""
    source: str
    """Key of an entry of ``sources``."""
    quote: Quotes = Field(default_factory=list)
    """Short excerpts of the source that state the event, word for word in the source's language."""

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
    """Someone the sources name, with the role they held at the as-of date.

    ``as_of`` and ``source`` date and source the title (``role``): the date the source states it at,
    not when the briefing is written; ``check --max-age`` treats a title like a figure.
    """

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
    commitment: bool = False
    """``when`` is a commitment to hold it by then (``d'ici la fin de 2025``), not a date it was held or set:
    printed as a commitment, never under "Date"."""
    organisers: list[Text] = Field(default_factory=list)
    """Who organises it."""
    theme: Text | None = None
    """Its theme, as announced; a translated theme says it is one (``(traduction)``)."""
    theme_quotation: Quotation | None = None
    """The theme as the source prints it, verbatim in the source's language (``also``: the other wording
    the source gives), and its translations, marked as such."""
    strands: list[Text] = Field(default_factory=list)
    """The content strands of its programme."""
    source: str
    """Key of an entry of ``sources``."""
    quote: Quotes = Field(default_factory=list)
    """Short excerpts of the source that state where, when and by whom it is held, word for word."""


class Partner(Model):
    """The foreign partner the briefing is about."""

    name: Text
    """Its name in the profile's language (``Japon``)."""
    native: str | None = None
    """Its name in its own script (``日本``)."""
    logo: str | None = None
    """An emblem for the cover: a PNG or JPEG file, by its path relative to the profiles folder
    (``images/japan.png``); it must sit inside that folder and weigh at most 2 MiB."""
