"""Text, references, labelled lines, images and portraits: the pieces every section is made of."""

from __future__ import annotations

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
