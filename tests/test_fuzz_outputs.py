"""Fuzzing to the end: generated valid profiles go through every format, and the reader sees them.

Hypothesis generates FICTIONAL profiles from the schema's shapes (claims, figures, people, events,
agreements, sources), with text mixing Latin, Vietnamese diacritics, Japanese, characters that
mean something in markup (``<>&|*_#{}[]``) and long words; only characters the shipped fonts draw
(briefgen.data.glyphs refuses the others at validate). Each profile is written to a profiles folder,
loaded and validated as ``briefgen build`` does, and rendered in every format of the registry.
What is asserted, in each output's extracted text:

- every generated text appears literally (DOCX paragraphs and tables by python-docx, PDF by pypdf
  with line breaks and wraps squeezed out, HTML by an HTML parser, Markdown with its escapes undone);
- every figure's value appears grouped the way the language writes it (2 500 / 2,500 / 2.500);
- every cited source is numbered: the ``[n]`` markers are exactly 1..N, N the number of sources listed.

Text holds no digits, so that a generated ``[`` or ``]`` can never pass for a note marker.
The examples are derandomized (same answer on every run); the PDF and DOCX run few examples.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefgen import render as formats
from briefgen.data.catalog import Places
from briefgen.data.glyphs import drawable
from briefgen.pipeline import api
from briefgen.view.viewmodel import Briefing

from .helpers import REPO

TEMPLATES = REPO / "templates"
DEFAULTS = (REPO / "tests" / "fixtures" / "defaults.yaml").read_text(encoding="utf-8")
GROUPING = {"fr": "\u202f", "en": ",", "vi": "."}
"""How each language separates groups of three digits (CLDR, as Babel writes them)."""

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçœ"
VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ"
JAPANESE = "日本語東京北海道大阪協力交流さくらひらがなカタカナ"
MARKUP = "<>&|*_#{}[]"
ALPHABET = [c for c in dict.fromkeys(LATIN + VIETNAMESE + JAPANESE + MARKUP) if drawable(c)]

WORD = st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=12)
LONG_WORD = st.text(alphabet=st.sampled_from(LATIN + VIETNAMESE), min_size=25, max_size=40)
TEXT = st.lists(st.one_of(WORD, WORD, WORD, LONG_WORD), min_size=1, max_size=5).map(" ".join)
SHORT = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
"""For table cells beside another column, where a wrapped line would interleave with its neighbour's."""
AS_OF = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A FICTIONAL valid partner profile (its defaults layer is tests/fixtures/defaults.yaml)."""
    keys = [f"src{i}" for i in range(draw(st.integers(1, 3)))]
    source = st.sampled_from(keys)

    def sourced(**fields: Any) -> dict[str, Any]:
        return {**fields, "source": draw(source), "as_of": draw(AS_OF)}

    claims = st.lists(TEXT, min_size=1, max_size=2)
    profile: dict[str, Any] = {
        "language": draw(st.sampled_from(["fr", "en", "vi"])),
        "partner": {"name": draw(SHORT)},
        "summary": [sourced(text=t) for t in draw(claims)],
        "key_figures": [
            sourced(label=draw(SHORT), value=draw(st.integers(0, 999_999))) for _ in range(draw(st.integers(1, 3)))
        ],
        "people": [
            sourced(name=draw(SHORT), role=draw(SHORT), side=draw(st.sampled_from(["vietnam", "partner"])))
            for _ in range(draw(st.integers(0, 2)))
        ],
        "timeline": [{"text": t, "date": draw(AS_OF), "source": draw(source)} for t in draw(claims)],
        "priorities": [sourced(text=t) for t in draw(claims)],
        "sources": {key: {"title": draw(TEXT), "publisher": draw(SHORT)} for key in keys},
    }
    # Every source is cited at least once, so that each is numbered.
    profile["summary"].extend(sourced(text=draw(TEXT)) | {"source": key} for key in keys)
    return profile


def texts_of(profile: dict[str, Any]) -> list[str]:
    """Every text of ``profile`` a reader must see (not source keys, not enumerations)."""
    found = [profile["partner"]["name"]]
    for section in ("summary", "timeline", "priorities"):
        found += [item["text"] for item in profile[section]]
    found += [figure["label"] for figure in profile["key_figures"]]
    found += [p[field] for p in profile["people"] for field in ("name", "role")]
    found += [s[field] for s in profile["sources"].values() for field in ("title", "publisher")]
    return found


def grouped(n: int, lang: str) -> str:
    """``n`` with its digits grouped by threes, written independently of Babel."""
    return f"{n:,}".replace(",", GROUPING[lang])


def view_for(folder: Path, profile: dict[str, Any]) -> Briefing:
    """The view model of ``profile``, loaded and validated from files as a build does."""
    (folder / "defaults.yaml").write_text(DEFAULTS, encoding="utf-8")
    (folder / "fuzzed.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return api.briefing("fuzzed", places=Places.find(folder, TEMPLATES))


def spaced(text: str) -> str:
    """NFC text with every run of white space (no-break and narrow ones included) one space."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u202f", " ").replace("\xa0", " ").split())


def squeezed(text: str) -> str:
    """NFC text without any white space: PDF lines wrap, and long words break, anywhere."""
    return "".join(unicodedata.normalize("NFC", text).replace("\u00ad", "").split())


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(data: bytes) -> str:
    """The text an HTML page shows (tags dropped, entities decoded, styles left out)."""
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.parts)


def markdown_text(data: bytes) -> str:
    """Markdown with its backslash escapes undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", data.decode("utf-8"))


def docx_text(data: bytes) -> str:
    """Every paragraph's text and every table cell's text of a DOCX body."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


EXTRACT = {"html": html_text, "md": markdown_text, "docx": docx_text, "pdf": pdf_text}
MARKER = re.compile(r"\[(\d+)\]")


def check_output(fmt: str, data: bytes, profile: dict[str, Any], view: Briefing) -> None:
    """The three properties in the module docstring, for one rendered document."""
    text = EXTRACT[fmt](data)
    fit = squeezed if fmt == "pdf" else spaced
    lang = profile["language"]
    for expected in texts_of(profile):
        assert fit(expected) in fit(text), f"{fmt}: text {expected!r} missing"
    for figure in profile["key_figures"]:
        assert fit(grouped(figure["value"], lang)) in fit(text), f"{fmt}: figure {figure['value']} not formatted"
    numbers = {int(n) for n in MARKER.findall(text)}
    assert [s.number for s in view.sources] == list(range(1, len(profile["sources"]) + 1))
    assert numbers == set(range(1, len(profile["sources"]) + 1)), f"{fmt}: markers {sorted(numbers)}"


FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The profiles folder each example is written to."""
    return tmp_path_factory.mktemp("fuzzed-profiles")


@settings(FUZZ, max_examples=60)
@given(profile=profiles())
def test_generated_profiles_read_whole_in_html_and_markdown(folder: Path, profile: dict[str, Any]) -> None:
    view = view_for(folder, profile)
    for fmt in ("html", "md"):
        check_output(fmt, formats.get(fmt).render(view, TEMPLATES), profile, view)


@settings(FUZZ, max_examples=8)
@given(profile=profiles())
def test_generated_profiles_read_whole_in_every_format(folder: Path, profile: dict[str, Any]) -> None:
    view = view_for(folder, profile)
    for fmt in formats.NAMES:
        check_output(fmt, formats.get(fmt).render(view, TEMPLATES), profile, view)


def test_the_properties_fail_on_a_missing_text(folder: Path) -> None:
    """The checks above can fail: a text left out of a rendering is reported."""
    fixed = {
        "language": "vi",
        "partner": {"name": "Ruritanie <&>"},
        "summary": [{"text": "Quảng Ninh 北海道 *x*", "source": "src0", "as_of": dt.date(2025, 1, 2)}],
        "key_figures": [{"label": "Nombre", "value": 2500, "source": "src0", "as_of": dt.date(2025, 1, 2)}],
        "people": [],
        "timeline": [{"text": "Événement", "date": dt.date(2024, 5, 6), "source": "src0"}],
        "priorities": [{"text": "Priorité [x]", "source": "src0", "as_of": dt.date(2025, 1, 2)}],
        "sources": {"src0": {"title": "Titre | fictif", "publisher": "Éditeur_fictif"}},
    }
    view = view_for(folder, fixed)
    data = formats.get("html").render(view, TEMPLATES)
    check_output("html", data, fixed, view)
    assert "2.500" in spaced(html_text(data))
    with pytest.raises(AssertionError, match="missing"):
        check_output("html", data.replace("Priorité [x]".encode(), b"Priorite"), fixed, view)
    with pytest.raises(AssertionError, match="not formatted"):
        check_output("html", data.replace(b"2.500", b"2,500"), fixed, view)
