"""The build languages, declared once, and their interface words (gettext catalogues, read with Babel).

``LANGUAGES`` is the one list of languages: the schema (``language``, the keys of a translated
text), ``--lang`` (its check, help and completion), the translation warnings and the docs read it.
Adding a language is one line here plus its catalogue ``locale/LANG/LC_MESSAGES/briefgen.po``
(see docs/architecture.md, "Adding a language").
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import InputError
from briefgen.words import WORDS

if TYPE_CHECKING:  # Babel is imported when first needed: the data layer reads LANGUAGES without it.
    from babel import Locale
    from babel.support import Translations

LANGUAGES: dict[str, str] = {
    "fr": "fr_FR",
    "en": "en_GB",
    "vi": "vi_VN",
}
"""Each build language's code, and the Babel locale it formats numbers, dates and currencies with."""

STATE_FORM: frozenset[str] = frozenset({"vi"})
"""The languages whose documents take the state's own presentation of an official note: Vietnamese
follows Decree 30/2020/NĐ-CP (national heading, bodies in upper case, "Số:", "Nơi nhận:"); the others
give the same information in a neutral form (``briefgen.view.office_form``)."""

SOURCE = "en"
"""The language of the interface words' msgids (``briefgen/words.py``, a section's own ``words``)."""

DEFAULT = next(iter(LANGUAGES))
"""The language of a profile that does not say which it is written in."""

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "briefgen"


@functools.cache
def locale(lang: str) -> Locale:
    """The Babel locale of ``lang``."""
    from babel import Locale

    return Locale.parse(LANGUAGES[lang])


def word_language(lang: str) -> str:
    """The language tag Word and HTML write for ``lang`` (fr-FR)."""
    return LANGUAGES.get(lang, lang).replace("_", "-")


def display_name(lang: str) -> str:
    """The name of ``lang`` in itself, from Babel's locale data (français, English, Tiếng Việt)."""
    return locale(lang).language_name or lang


def english_name(lang: str) -> str:
    """The English name of ``lang``, from Babel's locale data (French, English, Vietnamese), for messages."""
    from babel import Locale

    return str(Locale.parse("en").languages.get(lang, lang))


@functools.cache
def translations(lang: str) -> Translations:
    """The compiled catalogue of ``lang``, read once."""
    from babel.support import Translations

    found = Translations.load(str(LOCALE_DIR), [lang], DOMAIN)
    if not isinstance(found, Translations):
        raise LookupError(f"no catalogue for language {lang!r} in {LOCALE_DIR}")
    return found


@functools.cache
def _labels(lang: str) -> tuple[tuple[str, str], ...]:
    catalogue = translations(lang)
    return tuple((key, str(catalogue.pgettext(key, source))) for key, source in WORDS)


def labels(lang: str) -> dict[str, str]:
    """Every interface word in ``lang``, by key (a fresh dict, the caller may keep it)."""
    return dict(_labels(lang))


def check_lang(lang: str | None) -> None:
    """Refuse a build language briefgen has no labels for (``None``: the profile's own, always fine)."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")
