"""Fuzzing: whatever a profile file holds, only briefgen's own errors come out of the pipeline.

The inputs: random text and bytes; the shipped ``profiles/japan.yaml`` with lines damaged (a byte
changed, a line deleted, duplicated or re-indented), with a YAML snippet added or swapped in for a
value, or with values replaced by random ones of the same type (these get furthest: formatting and
the template). Each goes through load → merge → validate → context → HTML, as ``briefgen build``
runs them. A ``BriefgenError`` is a correct answer; any other exception is a bug and fails the test
with the smallest input hypothesis finds.

The examples are derandomized, so that the suite gives the same answer on every run. Found this
way: ``!!float ''`` crashed PyYAML's constructor (IndexError); NaN, infinite and huge figure values
and ``as_of: {year: 2025, month: 13}`` crashed the context; all are snippets below.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.data.loading import load_layer
from briefgen.data.merging import merge
from briefgen.data.translation import resolve
from briefgen.data.validation import validate
from briefgen.errors import BriefgenError
from briefgen.pipeline.api import document_timestamp
from briefgen.render.html import render_html
from briefgen.view.context import build_briefing
from briefgen.view.viewmodel.common import Ref

from .helpers import REPO

JAPAN = (REPO / "profiles" / "japan.yaml").read_bytes()
JAPAN_DATA = yaml.safe_load(JAPAN)
DEFAULTS = load_layer(REPO / "profiles" / "defaults.yaml")
TEMPLATES = REPO / "templates"
LANGS = st.sampled_from([None, "fr", "en", "vi"])
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it: the same bytes as ``yaml.safe_dump`` for these profiles, in a third of the
time (writing the profile back was half of each example's cost)."""

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Plausible mistakes and hostile bits, each one line of YAML (or a value, after 'key: ').
SNIPPETS = [
    "~",
    "''",
    "[]",
    "{}",
    "- x",
    "- - - x",
    "? x",
    "&a x",
    "*a",
    "*undefined",
    "a: b: c",
    "[unclosed",
    '"unterminated',
    "---",
    "...",
    "%YAML 1.1",
    "!!str 5",
    "!!int x",
    "!!float ''",
    "!!binary aGk=",
    "!!python/object/apply:os.system ['true']",
    "!include other.yaml",
    "<<: {a: 1}",
    "|\n  multi\n  line",
    ">-\n  folded",
    "\t",
    "\ufeff",
    "\u00a0",
    '"\\u202e"',
    '"\\x1b[31m"',
    '"\\0"',
    "日本: 北海道",
    "partner: ~",
    "sources: ~",
    "sources: []",
    "key_figures: {}",
    "language: de",
    "language: vi",
    "source: nowhere",
    "as_of: 2025-02-30",
    "as_of: 2025-13",
    "as_of: 1899",
    "as_of: '2025-1'",
    "as_of: true",
    "as_of: {}",
    "date: 2025-01-01T10:00:00Z",
    "date: 9999-12-31",
    "end: 0001-01-01",
    "value: -0.0",
    "value: .nan",
    "value: -.inf",
    "value: 1e30",
    "value: '1e400'",
    "as_of: {year: 2025, month: 13}",
    "as_of: {year: 0}",
    "as_of: {year: 2025, day: 31}",
    "value: 1e20",
    "value: '12'",
    "value: true",
    "rank: 0",
    "rank: 2.5",
    "unit: percent",
    "unit: usd",
    "qualifier: roughly",
    "text: {fr: a, en: b}",
    "text: {de: x}",
    "text: {}",
    "name: {vi: Nhật Bản}",
    "url: javascript:alert(1)",
    'label: "<img src=x onerror=alert(1)>"',
    "text: '{{ 7*7 }}'",
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file each example is written to (load_layer reads files)."""
    return tmp_path_factory.mktemp("fuzz") / "partner.yaml"


def run_pipeline(path: Path, data: bytes, lang: str | None) -> None:
    """Load, merge, validate, build the view model and render HTML; only BriefgenError may escape.

    What builds must read whole: see :func:`assert_read_whole`.
    """
    path.write_bytes(data)
    try:
        layer = load_layer(path)
        profile = validate(merge([DEFAULTS, layer]))
        view = build_briefing(profile, lang, document_timestamp())
        page = render_html(view, TEMPLATES)
    except BriefgenError:
        return
    assert_read_whole(profile, view, page)


def _refs(value: Any, seen: set[int] | None = None) -> set[int]:
    """The numbers of every note reference (``Ref``) anywhere in ``value``."""
    found: set[int] = set()
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, str | int | float | bool | type(None)):
        return found
    seen.add(id(value))
    if isinstance(value, Ref):
        return {value.number}
    if dataclasses.is_dataclass(value):
        items: Any = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        items = value.values()
    elif isinstance(value, list | tuple):
        items = value
    else:
        return found
    for item in items:
        found |= _refs(item, seen)
    return found


def _words(text: str) -> str:
    """Text with its spacing squeezed and the word joiners that tie a name's hyphen (U+2060) taken out."""
    return " ".join(text.replace("\u2060", "").split())


def assert_read_whole(profile: Any, view: Any, page: str) -> None:
    """Every cited source is numbered 1..N and listed; every summary sentence and the partner's name appear
    literally in the HTML's text (tags removed, entities undone, spacing squeezed)."""
    numbers = [s.number for s in view.sources]
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    cited = _refs(view.body)
    assert cited <= set(numbers), f"cited {sorted(cited)}, listed {numbers}"
    text = _words(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    own = profile.language
    expected = [resolve(profile.partner.name, view.lang, own)]
    expected += [resolve(claim.text, view.lang, own) for claim in profile.summary]
    for sentence in expected:
        assert _words(sentence) in text, f"{sentence!r} not in the HTML"


JAPAN_LINES = JAPAN.split(b"\n")
VALUE_LINES = [i for i, line in enumerate(JAPAN_LINES) if b": " in line]


@st.composite
def damaged_japan(draw: st.DrawFn) -> bytes:
    """profiles/japan.yaml with one to four lines damaged: a byte changed, deleted, duplicated, re-indented."""
    lines = list(JAPAN_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["flip", "delete", "duplicate", "indent"]))
        if operation == "flip":
            line = bytearray(lines[i] or b" ")
            line[draw(st.integers(0, len(line) - 1))] = draw(st.integers(0, 255))
            lines[i] = bytes(line)
        elif operation == "delete" and len(lines) > 1:
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        else:
            shift = draw(st.integers(-4, 4))
            lines[i] = b" " * shift + lines[i] if shift > 0 else lines[i][-shift:]
    return b"\n".join(lines)


@st.composite
def japan_with_snippet(draw: st.DrawFn) -> bytes:
    """profiles/japan.yaml with one snippet as a new line, or as the value of an existing key."""
    lines = list(JAPAN_LINES)
    snippet = draw(st.sampled_from(SNIPPETS))
    if draw(st.booleans()):
        i = draw(st.sampled_from(VALUE_LINES))
        lines[i] = lines[i].split(b": ", 1)[0] + b": " + snippet.split(": ", 1)[-1].encode()
    else:
        indent = b" " * draw(st.sampled_from([0, 2, 4, 6]))
        lines.insert(draw(st.integers(0, len(lines))), indent + snippet.encode())
    return b"\n".join(lines)


YAMLISH = st.text(alphabet=st.sampled_from(list(":-?[]{},#&*!|>'\"%@` \n\t~.ab01日")), max_size=200)


@FUZZ
@given(text=st.one_of(st.text(), YAMLISH), lang=LANGS)
def test_random_text(scratch: Path, text: str, lang: str | None) -> None:
    run_pipeline(scratch, text.encode("utf-8", "surrogatepass"), lang)


@FUZZ
@given(data=st.binary(max_size=400), lang=LANGS)
def test_random_bytes(scratch: Path, data: bytes, lang: str | None) -> None:
    run_pipeline(scratch, data, lang)


@FUZZ
@given(data=damaged_japan(), lang=LANGS)
def test_damaged_japan(scratch: Path, data: bytes, lang: str | None) -> None:
    run_pipeline(scratch, data, lang)


@FUZZ
@given(data=japan_with_snippet(), lang=LANGS)
def test_japan_with_snippet(scratch: Path, data: bytes, lang: str | None) -> None:
    run_pipeline(scratch, data, lang)


def _scalar_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _scalar_paths(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _scalar_paths(value, (*path, i))]
    return [path]


SCALAR_PATHS = _scalar_paths(JAPAN_DATA)


def _like(value: Any) -> st.SearchStrategy[Any]:
    """Random values of the type of ``value`` (a number may also come as a float: NaN, inf, 1e300...)."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int | float):
        return st.one_of(st.integers(), st.floats())
    if isinstance(value, dt.date):
        return st.dates()
    return st.text(max_size=40)


@st.composite
def japan_with_random_values(draw: st.DrawFn) -> bytes:
    """profiles/japan.yaml with one to five of its values replaced by random ones of the same type."""
    data = copy.deepcopy(JAPAN_DATA)
    for _ in range(draw(st.integers(1, 5))):
        *parents, last = draw(st.sampled_from(SCALAR_PATHS))
        holder = data
        for part in parents:
            holder = holder[part]
        holder[last] = draw(_like(holder[last]))
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True).encode("utf-8")


@settings(FUZZ, max_examples=150)
@given(data=japan_with_random_values(), lang=LANGS)
def test_japan_with_random_values(scratch: Path, data: bytes, lang: str | None) -> None:
    run_pipeline(scratch, data, lang)


def test_the_unmutated_profile_goes_through(scratch: Path) -> None:
    """The pipeline above really builds: the mutations start from a valid profile."""
    scratch.write_bytes(JAPAN)
    profile = validate(merge([DEFAULTS, load_layer(scratch)]))
    view = build_briefing(profile, "fr", document_timestamp())
    page = render_html(view, TEMPLATES)
    assert "Japon" in page
    assert_read_whole(profile, view, page)
    assert len(view.sources) > 1 and _refs(view.body) == {s.number for s in view.sources}
