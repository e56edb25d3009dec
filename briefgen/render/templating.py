"""The one place Jinja environments are made: sandboxed, each loading only from its template folder.

Templates are code a colleague wrote, and a template folder may be named by a project's
``briefgen.toml``. Every environment briefgen renders with (HTML and PDF, Markdown, and the one
docxtpl fills the Word template with) is made by :func:`environment`, a
:class:`jinja2.sandbox.ImmutableSandboxedEnvironment`:

- a template reads the names of the view model (briefgen.view.viewmodel.Briefing) and the filters
  its renderer adds; it may loop, test, format, and call methods that change nothing;
- it cannot reach Python internals: an attribute starting with ``_`` (``''.__class__.__mro__``,
  ``cycler.__init__.__globals__``, ``self._TemplateReference__context``) and a method that changes
  a list, dict or set are refused by the sandbox, so no module (``os``), no environment variable
  and no file is within reach; the only globals are ``range``, ``dict`` and ``namespace``
  (Jinja's ``lipsum``, ``cycler`` and ``joiner`` are removed);
- what it loads (``include``, ``import``, ``extends``) comes from its folder, never through a link
  to a file outside it (:class:`FolderLoader`); and no file of the template folder (its top level,
  ``sections/`` and ``fonts/``) may be such a link, whatever the format (:func:`check_folder`,
  run by :meth:`briefgen.render.Format.render` before any renderer).

A refused access stops the rendering with a TemplateError naming the template file (and line,
where Jinja knows it): exit 1, a document that could not be produced. No other module of the
package constructs a Jinja environment (``tests/test_trust.py`` greps for one).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from briefgen.errors import TemplateError

_GLOBALS = ("range", "dict", "namespace")
"""Jinja's default globals a template keeps; ``lipsum``, ``cycler`` and ``joiner`` are removed."""

_CHECKED_FOLDERS = ("sections", "fonts")
"""The folders of a template folder whose files renderers read, besides its top level."""


def environment(folder: Path | None, **options: Any) -> ImmutableSandboxedEnvironment:
    """A sandboxed Jinja environment loading templates from ``folder`` only (None: from strings only).

    ``options`` are Jinja's (``autoescape``, ``finalize``, ``undefined``…).
    """
    env = ImmutableSandboxedEnvironment(loader=FolderLoader(folder) if folder is not None else None, **options)
    for name in list(env.globals):
        if name not in _GLOBALS:
            del env.globals[name]
    return env


class FolderLoader(jinja2.BaseLoader):
    """Load templates from one folder, refusing a name that is, or passes through, a link leading outside it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool] | None]:
        """The template's text, its file name and an up-to-date check, as Jinja's FileSystemLoader gives them."""
        path = self.folder.joinpath(*split_template_path(template))  # refuses '..' as Jinja does
        if not (path.is_symlink() or path.exists()):
            raise jinja2.TemplateNotFound(template)
        inside(self.folder, path)
        try:
            text = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime
        except OSError as exc:
            raise TemplateError(f"cannot be read: {exc.strerror or exc}", file=str(path)) from None
        except UnicodeDecodeError as exc:
            raise TemplateError(f"is not UTF-8 text ({exc.reason} at byte {exc.start})", file=str(path)) from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return text, os.path.normpath(path), uptodate


def inside(folder: Path, path: Path) -> Path:
    """``path``, a file of template folder ``folder``; a TemplateError when it leads outside it or is no file.

    A missing ``path`` is returned as it is, for the caller to report.

    A link is followed only to check where it leads: to a file inside the folder it is fine; to
    anything outside (another user's stylesheet, ``/etc/passwd``), to nothing, or to a pipe or a
    device (reading would block or never end) it is refused, naming the link.
    """
    if not (path.is_symlink() or path.exists()):
        return path  # missing: the caller says what it expected there
    try:
        resolved = path.resolve(strict=True)
        info = resolved.stat()
    except (OSError, RuntimeError):
        raise TemplateError(
            "is a link to nothing or to itself; replace it with the file itself", file=str(path)
        ) from None
    root = folder.resolve()
    if not resolved.is_relative_to(root):
        raise TemplateError(
            f"is a link to {resolved}, outside the template folder {folder}; templates, stylesheets and fonts "
            "are read only from inside it: copy the file into the folder instead",
            file=str(path),
        )
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise TemplateError("is not a regular file (a pipe or a device?); replace it with a file", file=str(path))
    return path


def refused(exc: jinja2.TemplateError) -> str | None:
    """Our words for a sandbox refusal (Jinja's after them, in parentheses); None for any other template error."""
    if not isinstance(exc, jinja2.exceptions.SecurityError):
        return None
    return (
        f"refused: a template runs in a sandbox and may only read the briefing's names and use its filters, "
        f"never Python internals, files or the environment ({exc.message})"
    )


def check_folder(folder: Path) -> None:
    """Refuse (TemplateError) a template folder where a file renderers may read leads outside the folder.

    Checked: every entry of the folder's top level that is not a folder of its own (the named
    templates below it are checked when they are used), and ``sections/`` and ``fonts/`` with
    their entries. Links inside the folder are fine.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # a missing folder is the renderer's to report, with what it expected there
    for entry in entries:
        if entry.is_symlink() and (entry.name in _CHECKED_FOLDERS or not entry.is_dir()):
            inside(folder, Path(entry.path))
    for name in _CHECKED_FOLDERS:
        sub = folder / name
        if not sub.is_dir():
            continue
        for entry in os.scandir(sub):
            if entry.is_symlink():
                inside(folder, Path(entry.path))
