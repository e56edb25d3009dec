"""The DOCX and the PDF say the same literal text, whatever template-like sequences a profile holds.

docxtpl turns ``{_{``, ``}_}``, ``{_%`` and ``%_}`` of the rendered XML into ``{{``, ``}}``, ``{%`` and
``%}``; briefgen.render.docx writes printed braces as character references so that profile text escapes it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
from docx import Document

from .helpers import FIXTURES, run_cli

BRACES = """\
# FICTIONAL test fixture: text fields holding template-like sequences (tests/test_literal_text.py).
partner:
  name: "Accolades {_{ x }_}"
summary:
  - text: "Un {_{ x }_} deux {_% y %_} trois {{ z }} quatre {% w %} cinq {# c #} fin."
    as_of: 2025-01-02
    source: fict-src
timeline:
  - date: 2023-11-27
    text: "Événement {_% y %_} et {# c #}"
    source: fict-src
people:
  - name: "Personne {{ z }}"
    role: "Rôle {% w %} fictif"
    side: partner
    as_of: 2025-01-02
    source: fict-src
"""
TEXTS = (
    "Accolades {_{ x }_}",
    "Un {_{ x }_} deux {_% y %_} trois {{ z }} quatre {% w %} cinq {# c #} fin.",
    "Événement {_% y %_} et {# c #}",
    "Personne {{ z }}",
    "Rôle {% w %} fictif",
)
LITERALS = ("{_{ x }_}", "{_% y %_}", "{{ z }}", "{% w %}", "{# c #}")


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)  # the PDF wraps lines where the DOCX does not


def test_docx_and_pdf_keep_template_like_text(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copyfile(FIXTURES / "defaults.yaml", profiles / "defaults.yaml")
    (profiles / "braces.yaml").write_text(BRACES, encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "build", "braces", "--out", tmp_path / "out")
    assert code == 0, err
    docx = _flat(_docx_text(tmp_path / "out/braces/briefing.docx"))
    pdf = _flat(_pdf_text(tmp_path / "out/braces/briefing.pdf"))
    for text in (*TEXTS, *LITERALS):
        assert text in docx, f"{text!r} not in the DOCX"
        assert text in pdf, f"{text!r} not in the PDF"
    for mangled in ("{{ x }}", "{% y %}"):
        assert mangled not in docx and mangled not in pdf
