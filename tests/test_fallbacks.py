"""Honest fallbacks: text shown in the profile's language in an English build is marked as French.

The fictional Ruritania fixture (tests/fixtures) gets an English partner name only; every other
field falls back to French. The HTML marks that text ``<span lang="fr">``, the tagged PDF gives
its structure elements /Lang (fr), the DOCX gives its runs ``w:lang fr-FR``, and the cover of
each format says that parts are in French. A French build (nothing falls back) has none of it.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from .helpers import REPO, run_cli

NOTE = {"en": "Parts of this document are in French", "fr": "Certaines parties de ce document sont en"}
W_LANG = re.compile(r'<w:r>(?:(?!</w:r>).)*?<w:lang w:val="([^"]+)"/>(?:(?!</w:r>).)*?<w:t[^>]*>([^<]*)</w:t>')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Ruritania built in en (partly translated) and fr (its own language), in every format."""
    root = tmp_path_factory.mktemp("fallbacks")
    profiles = root / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", profiles)
    path = profiles / "ruritania.yaml"
    text = path.read_text(encoding="utf-8").replace("  name: Ruritanie\n", "  name: {fr: Ruritanie, en: Ruritania}\n")
    path.write_text(text, encoding="utf-8")
    folders = {}
    for lang in ("en", "fr"):
        out = root / f"out-{lang}"
        code, _, err = run_cli("--profiles", profiles, "build", "ruritania", "--lang", lang, "--out", out,
                               "--format", "docx,pdf,html,md")  # fmt: skip
        assert code == 0, err
        folders[lang] = out / "ruritania"
    return folders


def _files(folder: Path, stem: str = "briefing") -> dict[str, Path]:
    return {ext: next(folder.glob(f"{stem}*.{ext}")) for ext in ("docx", "pdf", "html", "md")}


def _pdf_langs(path: Path) -> list[str]:
    """The /Lang of every structure element of the tagged PDF."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/Lang" in node:
                found.append(str(node["/Lang"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_fallback_text_is_marked_french_in_html_pdf_and_docx(built: dict[str, Path]) -> None:
    files = _files(built["en"])
    html = files["html"].read_text(encoding="utf-8")
    spans = re.findall(r'<span lang="([^"]+)">([^<]*)</span>', html)
    assert ("fr", "Entreprises fictives") in spans and ("fr", "Gouverneur fictif de Strelsau") in spans
    assert {lang for lang, _ in spans} == {"fr"}
    assert not any(text == "Ruritania" for _, text in spans)  # translated: not marked
    assert "<title>Briefing note — Ruritania</title>" in html  # no markup where none may be
    langs = _pdf_langs(files["pdf"])
    assert langs and set(langs) == {"fr"} and len(langs) >= len(spans) - 2  # a few live in the <title>/headers
    xml = zipfile.ZipFile(files["docx"]).read("word/document.xml").decode()
    runs = W_LANG.findall(xml)
    assert ("fr-FR", "Entreprises fictives") in runs and ("fr-FR", "Gouverneur fictif de Strelsau") in runs
    assert "\ue000" not in xml and "\ue000" not in html


@pytest.mark.parametrize("ext", ["docx", "pdf", "html", "md"])
def test_the_cover_says_parts_are_in_french(built: dict[str, Path], ext: str) -> None:
    path = _files(built["en"])[ext]
    if ext == "pdf":
        text = " ".join(PdfReader(path).pages[0].extract_text().split())
    elif ext == "docx":
        text = zipfile.ZipFile(path).read("word/document.xml").decode()
    else:
        text = path.read_text(encoding="utf-8")
    assert f"{NOTE['en']}: they have not been translated yet." in text


def test_nothing_is_marked_when_nothing_falls_back(built: dict[str, Path]) -> None:
    files = _files(built["fr"])
    html = files["html"].read_text(encoding="utf-8")
    assert "<span lang=" not in html and NOTE["fr"] not in html
    assert NOTE["fr"] not in files["md"].read_text(encoding="utf-8")
    assert _pdf_langs(files["pdf"]) == []
    xml = zipfile.ZipFile(files["docx"]).read("word/document.xml").decode()
    assert W_LANG.findall(xml) == [] and NOTE["fr"] not in xml
