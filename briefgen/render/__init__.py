"""Renderers: one module per output format, and the registry that names them.

A format is declared once, in :data:`FORMATS`: its name, the file extension it writes, the
template files a template folder needs for it, and the dotted path of its ``render(view,
templates, options) -> bytes``. The renderer module itself is imported only when a document of
that format is rendered, so that ``--help``, ``list``, ``validate`` and ``preview`` never load
WeasyPrint or docxtpl. ``build``, packs, ``batch``, ``doctor``, ``validate --templates``, shell
completion and the docs read this registry; nothing else lists formats.

A new format is one module under ``briefgen/render/`` with a ``render`` function, its templates
(``templates/briefing.EXT`` and ``templates/sections/ID.EXT``) and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import InputError

if TYPE_CHECKING:
    from briefgen.view.viewmodel import Briefing


@dataclass(frozen=True)
class Options:
    """What shapes a rendering besides the view and the template folder."""

    document: str = "briefing"
    """Which document of the template folder: ``briefing``, or ``key-facts`` (a pack's one-page sheet)."""
    pdf_variant: str | None = None
    """The PDF/A or PDF/UA variant WeasyPrint is asked for (PDF only)."""
    fonts: tuple[Path, ...] = ()
    """The fonts a project adds (briefgen.data.fonts): drawn and embedded after the template's own (PDF, DOCX)."""


Render = Callable[["Briefing", Path, Options], bytes]
"""A renderer: the view, the template folder and the options in; the document's bytes out."""


@dataclass(frozen=True)
class Format:
    """One output format, as the registry declares it (light: its module is not imported)."""

    name: str
    """What ``--format`` takes."""
    extension: str
    """The extension of the file it writes: ``briefing.EXTENSION``."""
    templates: tuple[str, ...]
    """The files a template folder needs for the briefing in this format (``briefing`` in each
    name stands for the document, so the key-facts sheet in PDF needs ``key-facts.html``)."""
    renderer: str
    """``module:function`` of its ``render(view, templates, options) -> bytes``."""
    summary: str
    """One line for ``--help`` and the docs."""
    parallel: bool = False
    """Slow enough to be worth a forked child while another slow format renders (briefgen.pipeline.forked)."""
    staged: str | None = None
    """A module whose ``warm()``, ``source(view, templates, options)`` and ``from_source(source, templates,
    options)`` split :attr:`renderer` in two, so that a child forked ahead can import and warm up before
    the source (picklable) exists (briefgen.pipeline.forked.Ahead); ``render`` is ``from_source(source(…))``."""

    def filename(self, document: str = "briefing") -> str:
        """The file this format writes for ``document``: ``briefing.pdf``, ``key-facts.pdf``."""
        return f"{document}.{self.extension}"

    def template_files(self, document: str = "briefing") -> tuple[str, ...]:
        """The template files it needs for ``document``."""
        return tuple(name.replace("briefing", document, 1) for name in self.templates)

    def render(self, view: Briefing, templates: Path, options: Options | None = None) -> bytes:
        """The document's bytes; imports the renderer module now, on first use.

        The template folder is checked first, the same for every format: a file of it that is a
        link leading outside it is a TemplateError naming it (briefgen.render.templating).
        """
        from briefgen.render.templating import check_folder

        check_folder(templates)
        module, function = self.renderer.split(":")
        render: Render = getattr(importlib.import_module(module), function)
        return render(view, templates, options or Options())

    def warm(self) -> None:
        """Import and warm up what rendering needs before the view exists (a :attr:`staged` format only)."""
        assert self.staged is not None, f"{self.name} is not staged"
        importlib.import_module(self.staged).warm()

    def warmed(self) -> bool:
        """Whether :meth:`warm` has nothing left to do in this process (a :attr:`staged` format only)."""
        assert self.staged is not None, f"{self.name} is not staged"
        done: bool = importlib.import_module(self.staged).warmed()
        return done

    def source(self, view: Briefing, templates: Path, options: Options | None = None) -> object:
        """The first half of :meth:`render`: what :meth:`from_source` turns into bytes (picklable), folder checked."""
        from briefgen.render.templating import check_folder

        assert self.staged is not None, f"{self.name} is not staged"
        check_folder(templates)
        return importlib.import_module(self.staged).source(view, templates, options or Options())

    def from_source(self, source: object, templates: Path, options: Options | None = None) -> bytes:
        """The second half of :meth:`render`: the document's bytes from :meth:`source`."""
        assert self.staged is not None, f"{self.name} is not staged"
        made: bytes = importlib.import_module(self.staged).from_source(source, templates, options or Options())
        return made


FORMATS: tuple[Format, ...] = (
    Format("docx", "docx", ("briefing.docx",), "briefgen.render.docx:render", "Word, editable", parallel=True),
    Format("html", "html", ("briefing.html",), "briefgen.render.html:render", "a web page standing on its own"),
    Format(
        "pdf",
        "pdf",
        ("briefing.html",),
        "briefgen.render.pdf:render",
        "PDF for print (A4)",
        parallel=True,
        staged="briefgen.render.pdf",
    ),  # fmt: skip
    Format("md", "md", ("briefing.md",), "briefgen.render.markdown:render", "Markdown to paste into an e-mail or chat"),
)
"""Every format, in the order a build writes and lists them."""

NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
"""The format names, in order."""

DEFAULT: tuple[str, ...] = ("docx", "pdf")
"""What ``build`` writes when no ``--format`` is given."""


def get(name: str) -> Format:
    """The format called ``name``; an InputError listing the others when there is none."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise InputError(f"unknown format '{name}': use {described()}", option="format")


def described() -> str:
    """The format names as a sentence: ``docx, html, pdf or md``."""
    return f"{', '.join(NAMES[:-1])} or {NAMES[-1]}"


def chosen(names: Iterable[str]) -> list[Format]:
    """The formats named (``--format docx,pdf``), in registry order, each once; unknown names are refused."""
    wanted = [n.strip().lower() for n in names if n.strip()]
    unknown = [n for n in wanted if n not in NAMES]
    if unknown or not wanted:
        raise InputError(f"unknown format '{','.join(unknown)}': use {described()}", option="format")
    return [f for f in FORMATS if f.name in wanted]


def provided_by(folder: Path) -> list[str]:
    """The formats a template folder can render the briefing in (it holds all their template files)."""
    return [f.name for f in FORMATS if all((folder / t).is_file() for t in f.templates)]


def is_template_folder(folder: Path) -> bool:
    """Whether ``folder`` holds the briefing template of at least one format."""
    return any((folder / t).is_file() for f in FORMATS for t in f.templates)
