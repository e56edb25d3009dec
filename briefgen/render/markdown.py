"""Render a briefing as Markdown (GitHub-flavoured) to paste into an e-mail or a chat.

The template ``briefing.md`` includes one partial per section, ``sections/ID.md``, in the
order of the section registry, like the HTML. Every value a template prints with ``{{ }}`` is
escaped for Markdown (:func:`escape`) unless the template marks it :class:`Raw` with the ``raw``
filter: a profile's text cannot break a table (``|``), start a heading or a list, emphasise,
link, or inject HTML (``<``). References print as ``[3]`` and the sources as a numbered list.
A chart of the view model is drawn as a table whose middle column is a bar of block characters
(filter ``bars``: each bar with its cells), after the figures table that states the same values.
"""

from __future__ import annotations

import functools
import pathlib
import re
from typing import Any

import jinja2

from briefgen.errors import TemplateError
from briefgen.render import Options, templating
from briefgen.view.viewmodel import Bar, Briefing, Chart

# Every character that means something inline in CommonMark or GFM (tables, strikethrough).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
# An entity (&amp; &#60;) would be decoded; a lone & ("R&D") is left alone.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What starts a block at the beginning of a line: a list item, a quote, a setext underline.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_URL = re.compile(r"https?://[^\s<>\"'`]+")


class Raw(str):
    """Text a template marks as Markdown already (a reference ``[3]``, an autolink): not escaped."""


def escape(text: str) -> str:
    """``text`` as literal Markdown: one line, every special character backslash-escaped."""
    flat = " ".join(text.split())  # a newline would end a table row or start a block
    flat = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", flat))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def _finalize(value: Any) -> Any:
    if isinstance(value, Raw) or not isinstance(value, str):
        return value
    return escape(value)


_BAR_CELLS = 20
"""Block characters of the longest bar of a chart in Markdown."""


def _bars(chart: Chart) -> list[tuple[Bar, str]]:
    """Each bar of ``chart`` with its length drawn as block characters, the largest ``_BAR_CELLS`` long."""
    from briefgen.render.charts import bar_cells

    return [(bar, "█" * cells) for bar, cells in zip(chart.bars, bar_cells(chart, _BAR_CELLS), strict=True)]


def _url(value: str) -> str:
    """An address as an autolink ``<https://…>``, or escaped text when it is not a plain web address."""
    return Raw(f"<{value}>") if _URL.fullmatch(value) else escape(value)


@functools.lru_cache(maxsize=8)
def _environment(template_dir: pathlib.Path) -> jinja2.Environment:
    env = templating.environment(
        template_dir,
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["raw"] = Raw
    env.filters["url"] = _url
    env.filters["md"] = escape
    env.filters["bars"] = _bars
    return env


def render_markdown(briefing: Briefing, template_dir: pathlib.Path, document: str = "briefing") -> str:
    """The briefing as Markdown text, from ``template_dir/DOCUMENT.md``."""
    name = f"{document}.md"
    try:
        text = _environment(template_dir).get_template(name).render(briefing.template_vars())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}", file=exc.filename or str(template_dir / name), line=exc.lineno
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {exc.name!r} not found in {template_dir}; a template folder must contain {name}",
            file=str(template_dir / str(exc.name)),
        ) from exc
    except jinja2.TemplateError as exc:
        from briefgen.render.html import _template_location

        file, line = _template_location(exc, template_dir)
        message = templating.refused(exc) or f"template error: {exc.message or type(exc).__name__}"
        raise TemplateError(message, file=file, line=line) from exc
    # Partials leave blank lines where a section ends; one blank line between blocks is enough.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render(briefing: Briefing, template_dir: pathlib.Path, options: Options) -> bytes:
    """The ``md`` format: the document as UTF-8 Markdown (briefgen.render registry)."""
    return render_markdown(briefing, template_dir, options.document).encode("utf-8")
