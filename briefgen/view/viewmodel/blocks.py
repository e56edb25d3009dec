"""The document model: the few kinds of block every section is made of, and that every writer walks.

A section builder (``briefgen.view.partner_sections``, ``visit_sections``, registered in
``briefgen.view.sections``) returns a list of blocks; the context wraps them in a ``Section``. A
writer (HTML for the PDF, Markdown, DOCX, terminal, key facts) walks the blocks of every section
and draws each *kind* its own way, the way Sphinx's translators walk a doctree or pandoc's writers
its AST: it never names a section, and a kind it does not know fails loudly (``UnknownBlock``).
A new section is made of existing kinds and reaches every format for free.

The kinds are a closed set (``KINDS``). Every string arrives ready: formatted, translated, labelled
by the context. Text inside a block is *inline*: a tuple of runs, each a plain ``str`` (possibly a
``viewmodel.Text`` in another language), a ``Span`` (strong, or an aside set after the main text)
or a ``NoteRef`` (``[3]``, a link to the numbered sources). Table cells are inline too, so that a
cell carries its note reference and its aside itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import ClassVar, Generic, Literal, TypeAlias, TypeVar

from briefgen.errors import RenderError
from briefgen.view.viewmodel.common import Image, Portrait, Ref
from briefgen.view.viewmodel.partner import Chart, Source

NoteRef = Ref
"""A numbered reference to the sources list, printed ``[3]`` after a claim (``viewmodel.Ref``)."""


@dataclass(frozen=True)
class Span:
    """A run of inline text with a role: ``strong`` (emphasised) or ``aside`` (a note set after the main text)."""

    text: str
    role: Literal["strong", "aside"]


Run: TypeAlias = str | Span | NoteRef
"""One run of inline text."""

Inline: TypeAlias = tuple[Run, ...]
"""Inline text: runs in reading order (an empty tuple: nothing)."""


def inline(*runs: Run | None) -> Inline:
    """Inline text of ``runs``, leaving out empty strings and missing references."""
    return tuple(r for r in runs if r)


def plain(text: Inline) -> str:
    """The inline text as a plain string: its texts joined, references `` [3]`` after text, asides in brackets."""
    parts = []
    for run in text:
        if isinstance(run, Span):
            parts.append(f" ({run.text})" if run.role == "aside" else run.text)
        elif isinstance(run, Ref):
            parts.append(f" {run.label}" if parts else run.label)
        else:
            parts.append(run)
    return "".join(parts)


# --------------------------------------------------------------------------- the block kinds


@dataclass(frozen=True)
class Heading:
    """A heading inside a section; ``level`` 2 is the first level under the section's own title (1)."""

    kind: ClassVar[str] = "heading"
    text: Inline
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text; a ``label`` is printed before it (``Press line``)."""

    kind: ClassVar[str] = "paragraph"
    text: Inline
    label: str = ""
    role: Literal["", "legend", "press"] = ""
    """``legend``: small print explaining the marks above it; ``press``: words to be said as they stand."""


@dataclass(frozen=True)
class Bullets:
    """A list of items, ordered (numbered) or not, under an optional ``label`` (``Career``)."""

    kind: ClassVar[str] = "bullets"
    items: tuple[Inline, ...]
    ordered: bool = False
    label: str = ""


@dataclass(frozen=True)
class Fact:
    """One labelled value of a ``Facts`` block; ``items`` when the value is a list (a forum's strands)."""

    label: str
    value: Inline
    items: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class Facts:
    """Labelled values, one per line: ``label | value`` (when, where, who organises, role, post)."""

    kind: ClassVar[str] = "facts"
    rows: tuple[Fact, ...]


@dataclass(frozen=True)
class Definition:
    """A term and what it means (a defensive question and its answer), each already labelled."""

    term: Inline
    definition: Inline


@dataclass(frozen=True)
class Definitions:
    """Terms and their definitions, under an optional ``label`` (``Questions``)."""

    kind: ClassVar[str] = "definitions"
    items: tuple[Definition, ...]
    label: str = ""


@dataclass(frozen=True)
class FigureRow:
    """One row of a figures table: what is counted, how much, as of when, from which note, with what marks."""

    label: str
    value: str
    as_of: str
    ref: NoteRef | None = None
    note: str = ""
    """A precision set after the label (``hors investissements indirects``); empty when none."""
    marks: tuple[str, ...] = ()
    """What the checks know about this figure, printed with it (an old figure); empty when nothing."""


@dataclass(frozen=True)
class FiguresTable:
    """Sourced figures: label, value, as-of date and note number, under four column titles."""

    kind: ClassVar[str] = "figures"
    columns: tuple[str, str, str, str]
    """The titles of the label, value, as-of and source columns."""
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True)
class Column:
    """A column of a ``Table``: its title, and a ``key`` naming it for templates (width, style)."""

    title: str
    key: str
    """A stable name: ``date``, ``name``, ``short``, ``source``, ``status``…; the HTML writer sets it as a class."""


@dataclass(frozen=True)
class Row:
    """A row of cells; ``highlight`` marks what the visit concerns (drawn ★, explained by a legend)."""

    cells: tuple[Inline, ...]
    highlight: bool = False


@dataclass(frozen=True)
class Table:
    """A table of columns and rows of inline cells (pairings, agreements, timeline, programme, contacts)."""

    kind: ClassVar[str] = "table"
    name: str
    """What the table holds (``events``, ``agreements``…), for a template's styles."""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Card:
    """Someone with their short biography: name, labelled lines, labelled lists, photo."""

    name: str
    lines: tuple[Fact, ...] = ()
    """Role, organisation, current post, form of address: only those given."""
    lists: tuple[Bullets, ...] = ()
    """Career points and earlier meetings with us: only those given."""
    photo: Image | None = None
    as_of: str = ""
    """When the lines were true, formatted; empty when the profile does not say."""
    ref: NoteRef | None = None


@dataclass(frozen=True)
class PeopleCards:
    """People, each on a card of their own."""

    kind: ClassVar[str] = "people"
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Quotation:
    """Words quoted from a source; ``translated`` when they are not the speaker's own language (``note`` says so)."""

    kind: ClassVar[str] = "quotation"
    text: str
    speaker: str = ""
    ref: NoteRef | None = None
    translated: bool = False
    note: str = ""
    """Printed after a translated quotation (``translated from Japanese``), in the build language."""


@dataclass(frozen=True)
class Gap:
    """Something the briefing lacks: printed as it stands (``To be completed``), refused by ``build --final``."""

    kind: ClassVar[str] = "gap"
    text: str


@dataclass(frozen=True)
class Picture:
    """An image with its alternative text."""

    kind: ClassVar[str] = "image"
    image: Image
    alt: str


@dataclass(frozen=True)
class BarChart:
    """A bar chart of comparable values (``viewmodel.Chart``); each format draws it its own way."""

    kind: ClassVar[str] = "chart"
    chart: Chart


@dataclass(frozen=True)
class SourceList:
    """The numbered sources the ``NoteRef`` point to, in order of first citation."""

    kind: ClassVar[str] = "sources"
    entries: tuple[Source, ...]


@dataclass(frozen=True)
class Group:
    """Blocks that belong together and are kept on one page where they fit (a meeting and its lines)."""

    kind: ClassVar[str] = "group"
    blocks: tuple[Block, ...]


Block: TypeAlias = (
    Heading
    | Paragraph
    | Bullets
    | Facts
    | Definitions
    | FiguresTable
    | Table
    | PeopleCards
    | Quotation
    | Gap
    | Picture
    | BarChart
    | SourceList
    | Group
)
"""Any block."""

KINDS: tuple[type[Block], ...] = (
    Heading,
    Paragraph,
    Bullets,
    Facts,
    Definitions,
    FiguresTable,
    Table,
    PeopleCards,
    Quotation,
    Gap,
    Picture,
    BarChart,
    SourceList,
    Group,
)
"""Every block kind, the closed set writers handle."""

KIND_NAMES: tuple[str, ...] = tuple(k.kind for k in KINDS)
"""The names of the kinds: a writer handles each with ``visit_NAME`` (a template, with a macro ``NAME``)."""


@dataclass(frozen=True)
class Section:
    """One section of the briefing: its id (anchor, styles), its title, its blocks."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    gap: bool = False
    """True when the visit lacks this section: its one block is a ``Gap``."""
    key_facts: bool = False
    """Whether the one-page key-facts sheet of a pack shows it (the section registry says)."""


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block of ``blocks``, depth first, the blocks of a ``Group`` after the group itself."""
    for block in blocks:
        yield block
        if isinstance(block, Group):
            yield from walk(block.blocks)


def refs(blocks: Iterable[Block]) -> set[int]:
    """The numbers of every note reference in ``blocks``."""
    opaque = (Group, Chart, Image, Source)  # a group's blocks are walked by ``walk`` itself
    return {leaf.number for block in walk(blocks) for leaf in _leaves(block, opaque) if isinstance(leaf, Ref)}


def _leaves(value: object, opaque: tuple[type, ...]) -> Iterator[str | Span | Ref]:
    """Every string, span and note reference ``value`` holds, through tuples and dataclasses not of ``opaque``."""
    if isinstance(value, str | Span | Ref):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _leaves(item, opaque)
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, opaque):
        for f in fields(value):  # type: ignore[arg-type]
            yield from _leaves(getattr(value, f.name), opaque)


def noted_once(sections: Iterable[Section], note: Block, mark: str) -> list[Section]:
    """``sections`` with ``note``, which explains ``mark`` (†), once: right after the first block carrying the mark.

    Every other copy of ``note`` goes, and without a block carrying the mark there is no note. The briefing
    and the key-facts page each place theirs, since the page keeps only some of the briefing's blocks.
    """
    placed = False
    shown = []
    for section in sections:
        kept: list[Block] = []
        for block in section.blocks:
            if block == note:
                continue
            kept.append(block)
            if not placed and any(mark in text for text in _strings(block)):
                kept.append(note)
                placed = True
        shown.append(replace(section, blocks=tuple(kept)))
    return shown


def _strings(value: object) -> Iterator[str]:
    """Every string a block holds, in its inline text, cells, rows, cards and nested blocks."""
    for leaf in _leaves(value, (Chart, Image, Source)):
        if not isinstance(leaf, Ref):
            yield leaf.text if isinstance(leaf, Span) else leaf


class UnknownBlock(RenderError):
    """A writer met a block kind it has no ``visit_`` method (or template macro) for."""


T = TypeVar("T")


class Walker(Generic[T]):
    """Base of a writer that walks blocks: ``visit(block)`` calls ``visit_KIND(block)``; an unknown kind fails.

    Subclasses define one ``visit_NAME`` per name of ``KIND_NAMES``; ``tests/test_blocks.py`` checks
    every registered writer handles every kind.
    """

    def visit(self, block: Block) -> T:
        """What this writer makes of ``block``."""
        method = getattr(self, f"visit_{getattr(block, 'kind', '')}", None)
        if method is None:
            raise UnknownBlock(f"{type(self).__name__} cannot draw a block of kind {type(block).__name__}")
        result: T = method(block)
        return result

    @classmethod
    def missing(cls) -> list[str]:
        """The block kinds this writer does not handle (none for a complete writer)."""
        return [name for name in KIND_NAMES if not hasattr(cls, f"visit_{name}")]


def card(p: Portrait) -> Card:
    """Someone's card from their portrait (a person of the partner, of the delegation, an interlocutor)."""
    return Card(
        p.name,
        tuple(Fact(line.label, (line.value,)) for line in p.lines),
        tuple(Bullets(tuple((item,) for item in b.items), label=b.label) for b in p.lists),
        p.photo,
    )
