"""The names of a profile no line may break inside: countries, currencies, people, places.

A reader stumbles on "Việt / Nam" or "États- / Unis" cut across two lines. The names are found once, here, for
three readers: the HTML and DOCX writers tie each short one (``Briefing.names``, :func:`found_in_text`), and
``check --layout`` (briefgen.render.layout_check) reports a name a PDF breaks all the same.

- :func:`names` reads them from a profile's data: the short texts under keys that hold names (``name``,
  ``country``, ``native``, ``localities``…), the issuer's own country, and the hyphenated proper names of any
  text (``Hô Chi Minh-Ville``, not a title such as ``Vice-Chairman`` nor two names joined, ``Vietnam-Japon``);
- :func:`kept_whole` says which are short enough to keep on one line: a longer name (an organisation's, a
  forum's) may break between its words, as a column needs, but never inside one.

Pure: data in, strings out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from briefgen.languages import LANGUAGES

HOME_COUNTRY = ("Vietnam", "Viet Nam", "Việt Nam")
"""The issuer's own country, which no profile names as a field."""
WHOLE_CHARS = 28
"""A name up to this long is kept on one line (``Nguyễn Thị Minh Hằng``, ``Hô Chi Minh-Ville``)."""
WHOLE_WORDS = 4
"""A name of up to this many words is kept on one line."""
_KEYS = ("name", "country", "currency", "partner", "native", "province", "locality", "localities", "speaker")
_LONGEST = 60
"""Text under a name key longer than this is a sentence, not a name."""
_PREFIXES = {"Vice", "Co", "Ex", "Pre", "Post", "Anti", "Non", "Sous", "Phó"}
_COMPOUND = re.compile(r"\b[A-ZÀ-Ỹ][\w']*(?:-[A-ZÀ-Ỹ][\w']*)+")


def names(data: object) -> list[str]:
    """Every name of the profile ``data`` (its merged mapping), once each, longest first."""
    proper = [*_proper(data), *HOME_COUNTRY]
    words = {word for name in proper for word in name.split()}
    found = {n.strip() for n in [*proper, *_compounds(data, words)] if len(n.strip()) >= 3}
    return sorted(found, key=lambda n: (-len(n), n))


def found_in_text(names: Iterable[str]) -> re.Pattern[str]:
    """What finds any of ``names`` in a text as a whole name, the longest first, for the writers to tie.

    Never inside a longer word (``Japon`` in ``Japonais``) nor inside a longer hyphenated name.
    """
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def kept_whole(name: str) -> bool:
    """Whether ``name`` is short enough to be kept on one line: it breaks neither inside a word nor between words."""
    return len(name) <= WHOLE_CHARS and len(name.split()) <= WHOLE_WORDS


def _proper(data: object, key: str = "") -> Iterable[str]:
    """The short texts under keys that hold names (people, countries, currencies, places)."""
    if isinstance(data, Mapping):
        for k, v in data.items():
            yield from _proper(v, key if k in LANGUAGES else str(k))
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _proper(item, key)
    elif isinstance(data, str) and any(part in key for part in _KEYS) and len(data) <= _LONGEST:
        yield data


def _compounds(data: object, words: set[str]) -> Iterable[str]:
    """Hyphenated proper names in a profile's text (États-Unis, Hô Chi Minh-Ville): never to be cut at the hyphen."""
    if isinstance(data, Mapping):
        for v in data.values():
            yield from _compounds(v, words)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _compounds(item, words)
    elif isinstance(data, str):
        # Not a title (Vice-Chairman), nor two names joined (Vietnam-Japon): each may break at its hyphen.
        for found in _COMPOUND.findall(data):
            parts = found.split("-")
            if parts[0] not in _PREFIXES and not all(part in words for part in parts):
                yield found
