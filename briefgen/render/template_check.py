"""Check templates before anyone builds with them (``briefgen validate --templates``).

Two mistakes are common in hand-edited templates and both are caught here:

- a docxtpl tag that Word split across runs (typing ``{{ cover.title }}`` in Word, then
  correcting a letter, can leave ``{{ cover.ti`` and ``tle }}`` in two runs with different
  formatting; docxtpl then sees broken tags);
- a name the context does not have: each template is rendered with a real briefing, and
  StrictUndefined turns an unknown name into an error naming the template file and line.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from briefgen.errors import BriefgenError, Problem, TemplateError
from briefgen.render import Format, Options
from briefgen.view.viewmodel import Briefing

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_OPEN = re.compile(r"\{[{%#]")
_CLOSE = re.compile(r"[}%#]\}")


def split_tags(docx: Path) -> list[Problem]:
    """Every paragraph of ``docx`` where a ``{{ }}``, ``{% %}`` or ``{# #}`` tag spans several runs."""
    problems = []
    try:
        with zipfile.ZipFile(docx) as archive:
            parts = sorted(n for n in archive.namelist() if _PARTS.match(n))
            for part in parts:
                root = ElementTree.fromstring(archive.read(part))
                for number, paragraph in enumerate(root.iter(f"{_W}p"), start=1):
                    runs = ["".join(t.text or "" for t in run.iter(f"{_W}t")) for run in paragraph.iter(f"{_W}r")]
                    if any(_unbalanced(text) for text in runs) or _split_brace(runs):
                        near = "".join(runs).strip()[:80]
                        message = (
                            f"paragraph {number}: a template tag is split across Word runs near «{near}»; "
                            "select the whole tag, delete it and type it again in one go"
                        )
                        problems.append(Problem(f"{docx}:{part}", None, None, "", message))
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        problems.append(Problem(str(docx), None, None, "", f"is not a readable .docx file: {exc}"))
    return problems


def _unbalanced(text: str) -> bool:
    return len(_OPEN.findall(text)) != len(_CLOSE.findall(text))


def _split_brace(runs: list[str]) -> bool:
    """``{`` ending one run and ``{``/``%`` starting the next: a tag whose opening was split."""
    return any(a.endswith("{") and b[:1] in "{%#" for a, b in zip(runs, runs[1:], strict=False) if b)


def render_errors(template_dir: Path, formats: list[str], view: Briefing) -> list[Problem]:
    """Render each template of ``template_dir`` with ``view``; every error becomes a Problem (file, line).

    Each template file is rendered once, by the first format of the registry that reads it (the
    HTML page rather than the PDF made from it); the key-facts sheet too, where there is one.
    """
    from briefgen import render

    problems = []
    attempts: list[tuple[Path, Callable[[], object]]] = []
    seen: set[str] = set()
    for fmt in (render.get(name) for name in formats):
        for document in ("briefing", "key-facts"):
            files = [f for f in fmt.template_files(document) if f not in seen]
            if not files or not all((template_dir / f).is_file() for f in files):
                continue
            seen.update(files)
            options = render.Options(document)
            attempts.append((template_dir / files[0], _attempt(fmt, view, template_dir, options)))
    for path, attempt in attempts:
        try:
            attempt()
        except TemplateError as exc:
            problems.append(Problem(exc.file or str(path), exc.line, None, "", exc.detail))
        except BriefgenError as exc:
            problems.append(Problem(str(path), None, None, "", exc.message))
    return problems


def _attempt(fmt: Format, view: Briefing, folder: Path, options: Options) -> Callable[[], object]:
    return lambda: fmt.render(view, folder, options)
