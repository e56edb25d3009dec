"""Render a briefing view model to HTML with the Jinja2 template of a template folder."""

from __future__ import annotations

import functools
import pathlib
import traceback

import jinja2

from briefgen.errors import TemplateError
from briefgen.viewmodel import Briefing

TEMPLATE_NAME = "briefing.html"
"""The template file every template folder provides for HTML and PDF output."""


@functools.lru_cache(maxsize=8)
def _environment(template_dir: pathlib.Path) -> jinja2.Environment:
    # One per folder and process: a batch worker compiles each template once, not once per pack.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(briefing: Briefing, template_dir: pathlib.Path, name: str = TEMPLATE_NAME) -> str:
    """Return the briefing as an HTML document, from ``template_dir/NAME`` (``briefing.html``)."""
    env = _environment(template_dir)
    try:
        template = env.get_template(name)
        return template.render(briefing.template_vars())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            file=exc.filename or str(template_dir / (exc.name or name)),
            line=exc.lineno,
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {exc.name!r} not found in {template_dir}; a template folder must contain {name}",
            file=str(template_dir / str(exc.name)),
        ) from exc
    except jinja2.TemplateError as exc:
        file, line = _template_location(exc, template_dir)
        raise TemplateError(
            f"{exc.message or type(exc).__name__} (the briefing has no such name; "
            "see briefgen.viewmodel.Briefing for what templates may use)"
            if isinstance(exc, jinja2.UndefinedError)
            else f"template error: {exc.message or type(exc).__name__}",
            file=file,
            line=line,
        ) from exc


def _template_location(exc: BaseException, template_dir: pathlib.Path) -> tuple[str | None, int | None]:
    """Return the innermost template file and line in the traceback of ``exc``.

    Jinja rewrites tracebacks so that frames of compiled templates carry the template's
    path as their file name and the template's line as their line number.
    """
    root = template_dir.resolve()
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        try:
            pathlib.Path(frame.filename).resolve().relative_to(root)
        except (ValueError, OSError):
            continue
        found = (frame.filename, frame.lineno)
    return found
