"""Text, references, labelled lines, images and portraits: the pieces every section is made of."""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class Text(str):
    """A profile's text shown in another language than the document's (a translation is missing).

    It is a ``str`` like any other, so templates print and test it as usual; ``lang`` says which
    language it is in, and the HTML/PDF and DOCX renderers mark it so (``<span lang>``,
    ``w:lang``), for screen readers and spell-checkers. Text in the document's own language is
    a plain ``str``. Building a string from it (``str.format``, ``+``) gives a plain ``str``.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> Text:
        """``text``, written in ``lang``."""
        self = super().__new__(cls, text)
        self.lang = lang
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its language (a batch sends views between processes)."""
        return Text, (str(self), self.lang)


class Mixed(str):
    """Text composed of pieces of which some are in another language (``Name (native)``, a list, ``Status: …``).

    A ``str`` like any other for the formats that do not mark languages (Markdown, terminal); ``pieces``
    keeps each piece, a ``Text`` where a translation is missing, so that the HTML/PDF and DOCX renderers
    mark that piece alone. Made by :func:`joined` and :func:`formatted`, and only when a piece is a ``Text``.
    """

    pieces: tuple[str, ...]
    """The pieces in reading order, each a plain ``str`` or a ``Text`` (a piece whose translation is missing)."""

    def __new__(cls, pieces: tuple[str, ...]) -> Mixed:
        """The text of ``pieces``, each a ``str`` or a ``Text``."""
        self = super().__new__(cls, "".join(pieces))
        self.pieces = pieces
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its pieces' languages."""
        return Mixed, (self.pieces,)


def _composed(pieces: list[str]) -> str:
    """``pieces`` as one string: a ``Mixed`` when one is in another language, else a plain ``str``."""
    flat: list[str] = []
    for piece in pieces:
        flat.extend(piece.pieces if isinstance(piece, Mixed) else (piece,) if piece else ())
    if not any(isinstance(piece, Text) for piece in flat):
        return "".join(flat)
    return Mixed(tuple(flat))


def joined(separator: str, items: Iterable[str]) -> str:
    """``separator.join(items)``, keeping the language of each item in another language (``Text``)."""
    pieces: list[str] = []
    for item in items:
        pieces += [separator, item] if pieces else [item]
    return _composed(pieces)


def formatted(template: str, **values: str) -> str:
    """``template.format(**values)`` (plain ``{name}`` fields), keeping the language of each value in another one."""
    pieces: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        pieces.append(literal)
        if name is not None:
            value = values[name]
            pieces.append(value if not spec and not conversion else format(str(value), spec or ""))
    return _composed(pieces)


def language_of(value: object) -> str | None:
    """The language of a view-model string when it differs from the document's, else None."""
    return value.lang if isinstance(value, Text) else None


@dataclass(frozen=True)
class Ref:
    """A numbered reference to an entry of the sources list."""

    number: int
    """1-based number, in order of first use in the briefing."""
    anchor: str
    """Identifier of the source entry in HTML (``src-3``), for internal links."""

    @property
    def label(self) -> str:
        """The reference as printed after a claim: ``[3]``."""
        return f"[{self.number}]"


@dataclass(frozen=True)
class Paragraph:
    """A sourced sentence or paragraph of text."""

    text: str
    ref: Ref | None = None


@dataclass(frozen=True)
class Line:
    """A labelled value, printed ``label: value`` or as one row of a two-column table."""

    label: str
    value: str


@dataclass(frozen=True)
class Bullets:
    """A labelled list (career points, earlier meetings, lines to take)."""

    label: str
    items: list[str]


@dataclass(frozen=True)
class Image:
    """An image a profile names (the partner's emblem, a biography photo): its bytes; each format places it."""

    data: bytes
    """The PNG or JPEG file's bytes, as read."""
    media_type: str
    """``image/png`` or ``image/jpeg``."""


@dataclass(frozen=True)
class Portrait:
    """Someone with their short biography: a heading, labelled lines, labelled lists."""

    name: str
    lines: list[Line]
    """Role, organisation, current post, form of address: only those given."""
    lists: list[Bullets]
    """Career points and earlier meetings with us: only those given."""
    photo: Image | None = None
    """Their photo; HTML: ``{{ p.photo | data_uri }}``, DOCX: ``{{ p | photo }}`` (its alt text the name)."""
