"""Every text and figure field of a profile and of a visit, found in every format and every language.

The profile is generated from the schema (briefgen.data.schema): each field a reader reads gets a unique,
FICTIONAL value, one per language for a text (``K017fr``, ``K017en``, ``K017vi``), and the test finds each
value in the Markdown, HTML, DOCX and PDF of the build in that language and in ``preview``. A field that is
deliberately not shown is declared in NOT_SHOWN, with the reason, and nowhere else. Dates fall on a day
whose day of the month (14) and day of the year (73) differ, so a pattern using the wrong one is caught.
"""

from __future__ import annotations

import datetime as dt
import html
import html.parser
import re
import types
import typing
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from pydantic import BaseModel

from briefgen import languages
from briefgen.data.facts_schema import Translatable
from briefgen.data.schema import Profile
from briefgen.view.sections import IDS, KEY_FACTS, SECTIONS

from .helpers import pdf_text, run_cli

LANGS = ("fr", "en", "vi")
NAME = "coverage"
SOURCE = "cov-src"
DAY = dt.date(2025, 3, 14)
"""Day 14 of the month, day 73 of the year."""
DATE_TEXT = {"fr": "14 mars 2025", "en": "14 March 2025", "vi": "14 tháng 3"}
"""How each language writes DAY (the Vietnamese pattern's year may follow with or without "năm")."""

QUOTATIONS = (
    "framework.quotation",
    "summary.quotation",
    "priorities.quotation",
    "orientations.quotation",
    "narrative.quotation",
    "forum.theme_quotation",
    "visit.theme_quotation",
)
"""Every quotation of the schema: each drawn after its claim, forum or visit."""

NOT_SHOWN: dict[str, str] = {
    "office": "the issuing office's form comes from the defaults layer; tested in test_official_words",
    "partner.logo": "an image path, not text",
    "visit.focus": "names of partnerships, shown as the partnership rows, not as its own text",
    "visit.languages": "the pack's languages, not text",
    "sources": "written by hand below: keys must match what the facts cite",
    "purpose": "a partner briefing's purpose: the visit's own (visit.purpose) wins, and this build is a visit's",
    "drafting": "a partner briefing's drafting block: the visit's own (visit.drafting) wins",
    "timeline.period": "only when an event has no date; the generated event has one",
    "visit.period": "only when a visit has no date; the generated visit has one",
    "visit.commitment": "only when a visit has no date; the generated visit has one",
    "visit.due": "comes with visit.commitment",
    "key_figures.accepted_old": "printed only by a final build of a figure older than the age limit",
    "national_context.figures.accepted_old": "printed only by a final build of a figure older than the age limit",
    "key_figures.unit": "a currency code, set by hand below (USD), printed as the language writes it",
    "national_context.figures.unit": "a currency code, set by hand below (USD), printed as the language writes it",
    **{
        f"{quotation}.also": "the source's other wording, kept for the fact-checker (check --sources), not printed"
        for quotation in QUOTATIONS
    },
    **{
        f"{quotation}.translated_by": "printed only beside a quotation shown as a translation (test_age_on_page)"
        for quotation in QUOTATIONS
    },
}
"""Paths (dots, no indexes) of fields the documents deliberately do not print, each with the reason."""

IGNORED_NAMES = {"quote", "photo", "archive", "sha256", "language", "original_language", "source"}
"""Field names that are never document text: excerpts checked against archives, files, languages, source keys."""


UNLABELLED: dict[str, str] = {
    "name": "a name is a heading or the first cell of its row",
    "value": "a figure's value is formatted with its unit and rank in the Value column",
    "purpose": "a section of its own",
    "objectives": "a section of its own",
    "talking_points": "a section of its own",
    "vigilance": "a section of its own",
    "question": "a Question: / Answer: pair",
    "answer": "a Question: / Answer: pair",
    "key_figures.note": "printed in brackets after the indicator",
    "national_context.figures.note": "printed in brackets after the indicator",
    "partnerships.kind": "printed in brackets after the partner localities",
    "agreements.status": "printed after the agreement's name",
    "visit.delegation.head.role": "under the 'Head of delegation' label",
    "visit.drafting.clearance": "a 'Cleared by: …' line of the closing block (see IN_CLOSING)",
    "visit.drafting.distribution": "under the closing block's 'Recipients' label (see IN_CLOSING)",
}
"""Fields (by name or path) named like a label but printed without it (test_each_field_is_under_its_own_label)."""


class Values:
    """Unique tokens, and where each belongs."""

    def __init__(self) -> None:
        self.n = 0
        self.expected: dict[str, dict[str, str]] = {}  # path -> {lang: token}

    def token(self, path: str, text: bool) -> Any:
        self.n += 1
        key = f"K{self.n:03d}"
        if text:
            values = {lang: f"{key}{lang}" for lang in LANGS}
            self.expected[path] = values
            return values
        self.expected[path] = dict.fromkeys(LANGS, f"{key}x")
        return f"{key}x"


def _strip_optional(annotation: Any) -> Any:
    """``X`` of ``X | None`` and of ``Annotated[X, ...]``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            annotation = args[0]
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _translatable(annotation: Any) -> bool:
    """Whether an item annotation (``list[Text]``'s ``Text``) is marked Translatable."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return any(_translatable(a) for a in typing.get_args(annotation))
    return typing.get_origin(annotation) is typing.Annotated and any(
        isinstance(m, Translatable) for m in annotation.__metadata__
    )


def generate(model: type[BaseModel], path: str, values: Values) -> dict[str, Any]:
    """A dict for ``model`` with every field filled, text fields with unique tokens per language."""
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        where = f"{path}.{name}" if path else name
        if where in NOT_SHOWN or name in IGNORED_NAMES:
            continue
        translatable = any(isinstance(m, Translatable) for m in field.metadata) or _translatable(field.annotation)
        annotation = _strip_optional(field.annotation)
        origin = typing.get_origin(annotation)
        if origin is list:
            (inner,) = typing.get_args(annotation)
            translatable = translatable or _translatable(inner)
            inner = _strip_optional(inner)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out[name] = [generate(inner, where, values)]
            elif inner is str or translatable:
                out[name] = [values.token(where, translatable)]
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ == "PartialDate":
                out[name] = DAY
            else:
                out[name] = generate(annotation, where, values)
            continue
        if translatable:
            out[name] = values.token(where, True)
        elif annotation is str:
            out[name] = values.token(where, False)
        elif annotation in (dt.date, dt.date | str):
            out[name] = DAY
        elif annotation is float:
            out[name] = 7654 + values.n  # unique, below a thousand-fold abbreviation
            values.n += 1
            values.expected[where] = dict.fromkeys(LANGS, str(out[name]))
        elif annotation is int:
            out[name] = 3
        elif typing.get_origin(annotation) is typing.Literal:
            out[name] = typing.get_args(annotation)[0]
    return out


def _fix_up(data: dict[str, Any]) -> dict[str, Any]:
    """What the validators need that a generic fill cannot know: real sources, languages, an url."""
    data["language"] = "fr"
    for key in (
        "summary",
        "narrative",
        "priorities",
        "orientations",
        "people",
        "key_figures",
        "partnerships",
        "timeline",
    ):
        for item in data.get(key, []):
            item["source"] = SOURCE
    for group in data.get("national_context", []):
        for item in group["figures"]:
            item["source"] = SOURCE
    for key in ("framework",):
        data[key]["source"] = SOURCE
    for item in data.get("agreements", []):
        item["source"] = SOURCE
    data["forum"]["source"] = SOURCE
    data["people"][0]["side"] = "partner"
    for figure in [*data["key_figures"], *data["national_context"][0]["figures"]]:
        figure["unit"] = "USD"
    data["visit"]["source"] = SOURCE
    data["visit"]["languages"] = list(LANGS)
    data["visit"]["programme"][0]["day"] = DAY
    data["visit"]["protocol"]["contacts"][0]["email"] = "k-mail@example.invalid"
    data["visit"]["protocol"]["contacts"][0]["phone"] = "+81 3 1234 5678"
    data["sources"] = {SOURCE: {"title": "Source fictive de couverture", "publisher": "Éditeur fictif", "date": DAY}}
    return data


def _without(value: Any, lang: str) -> Any:
    """``value`` with ``lang`` taken out of every language mapping."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS) and all(isinstance(v, str) for v in value.values()):
            return {k: v for k, v in value.items() if k != lang}
        return {k: _without(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_without(v, lang) for v in value]
    return value


def write_profiles(root: Path, missing: str | None = None) -> tuple[Values, Path]:
    """The generated profile, visit and defaults in ``root/profiles``; ``missing``: a language no mapping has."""
    values = Values()
    data = _fix_up(generate(Profile, "", values))
    if missing:
        data = _without(data, missing)
    visit = data.pop("visit")
    # the contacts' phone and e-mail are set by hand above; expect them where they are
    values.expected["visit.protocol.contacts.email"] = dict.fromkeys(LANGS, "k-mail@example.invalid")
    values.expected["visit.protocol.contacts.phone"] = dict.fromkeys(LANGS, "+81 3 1234 5678")
    profiles = root / "profiles"
    (profiles / "visits").mkdir(parents=True)
    header = "# FICTIONAL: generated by tests/test_field_coverage.py, every value invented.\n"
    partner = {k: v for k, v in data.items() if k not in ("issuer", "marking")}
    defaults = {"language": "fr", "issuer": data["issuer"], "marking": data["marking"]}
    (profiles / "defaults.yaml").write_text(header + yaml.safe_dump(defaults, allow_unicode=True), encoding="utf-8")
    (profiles / f"{NAME}-partner.yaml").write_text(header + yaml.safe_dump(partner, allow_unicode=True), "utf-8")
    visit_file = {"partner": f"{NAME}-partner", "visit": visit}
    (profiles / "visits" / f"{NAME}.yaml").write_text(header + yaml.safe_dump(visit_file, allow_unicode=True), "utf-8")
    return values, profiles


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Values, Path, Path]:
    """The generated visit's pack, once: its briefing (DOCX, PDF) and key-facts page in each of its three
    languages, from one ``batch`` (the costliest step of this file: every PDF is rendered once, here).
    (values, profiles, the pack's folder)."""
    values, profiles = write_profiles(tmp_path_factory.mktemp("coverage"))
    out = profiles.parent / "pack"
    code, _, err = run_cli("--profiles", profiles, "batch", NAME, "--out", out)
    assert code == 0, err
    return values, profiles, out / NAME


def _pdf_text(pdf: Path, *options: str) -> str:
    return pdf_text(pdf, layout="-layout" in options)


@pytest.fixture(scope="module")
def built(pack: tuple[Values, Path, Path]) -> tuple[Values, dict[str, dict[str, str]]]:
    """The generated profile in every format and language: {lang: {format: text}}. The PDF and DOCX are the
    pack's (a pack's briefing is the build's); the Markdown and HTML, which render nothing costly, are built."""
    values, profiles, folder = pack
    found: dict[str, dict[str, str]] = {}
    out = profiles.parent / "out"
    for lang in LANGS:
        code, _, err = run_cli(
            "--profiles", profiles, "build", NAME, "--lang", lang, "--format", "md,html", "--out", out
        )
        assert code == 0, err
        suffix = "" if lang == "fr" else f".{lang}"
        texts = {
            "md": (out / NAME / f"briefing{suffix}.md").read_text(encoding="utf-8"),
            "html": (out / NAME / f"briefing{suffix}.html").read_text(encoding="utf-8"),
            "docx": _docx_text(folder / f"briefing{suffix}.docx"),
            "pdf": _pdf_text(folder / f"briefing{suffix}.pdf"),
            # As laid out: a table's header cells share a line, so a column named as a section (Vietnamese
            # "Nguồn", "Đề nghị") is not taken for that section's heading, which stands alone on its line.
            "pdf-layout": _pdf_text(folder / f"briefing{suffix}.pdf", "-layout"),
        }
        code, preview, err = run_cli("--profiles", profiles, "preview", NAME, "--lang", lang, "--no-pager")
        assert code == 0, err
        texts["preview"] = preview
        found[lang] = texts
    return values, found


def _docx_text(path: Path) -> str:
    """The headers, then the body's paragraphs and table rows in document order (a row: its cells joined by
    `` | ``), then the footers."""
    document = Document(str(path))
    parts = [p.text for section in document.sections for p in section.header.paragraphs]
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                parts.append(" | ".join(cells))
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def _squash(text: str) -> str:
    """Letters and digits only, lower case: what no line break, hyphenation or thousands separator changes."""
    return re.sub(r"[\W_]+", "", text).lower()


FORMATS = ("md", "html", "docx", "pdf", "preview")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_field_is_in_every_format_and_language(
    built: tuple[Values, dict[str, dict[str, str]]], lang: str, fmt: str
) -> None:
    values, found = built
    text = _squash(found[lang][fmt])
    missing = {path: tokens[lang] for path, tokens in values.expected.items() if _squash(tokens[lang]) not in text}
    assert not missing, f"{lang} {fmt}: not found: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_other_language_shows_through(built: tuple[Values, dict[str, dict[str, str]]], lang: str) -> None:
    """A field given in every language never shows another language's text (a fallback without mark)."""
    values, found = built
    others = {t[other] for t in values.expected.values() for other in LANGS if other != lang and t[other] != t[lang]}
    for fmt in FORMATS:
        text = found[lang][fmt]
        leaked = sorted(others & set(re.findall(r"\bK\d{3}[a-z]{2}\b", text)))  # every text token is so made
        assert not leaked, f"{lang} {fmt}: {leaked}"


@pytest.mark.parametrize("lang", LANGS)
def test_dates_use_the_day_of_the_month(built: tuple[Values, dict[str, dict[str, str]]], lang: str) -> None:
    _, found = built
    for fmt in ("md", "docx", "pdf"):
        text = " ".join(found[lang][fmt].split())
        assert DATE_TEXT[lang] in text, f"{lang} {fmt}"
        assert "73" not in re.findall(r"\b\d+\b", text), f"{lang} {fmt}: the day of the year"


def _md_labels(markdown: str, token: str) -> set[str]:
    """The labels ``token`` sits under in the Markdown: a table's column header, a ``- **Label**:`` line, or the
    ``- **Label**:`` item a nested list hangs from."""
    lines = markdown.splitlines()
    found: set[str] = set()
    for i, line in enumerate(lines):
        if token not in line:
            continue
        if line.startswith("|"):
            header = next(j for j in range(i, -1, -1) if lines[j].startswith("|---") or lines[j].startswith("|:"))
            columns = [c.strip() for c in lines[header - 1].strip("|").split("|")]
            cells = [c.strip() for c in line.strip("|").split("|")]
            found |= {columns[k] for k, cell in enumerate(cells) if token in cell and k < len(columns)}
            continue
        own = re.match(r"^\s*- \*\*(.+?)\*\*: ", line)
        if own:
            found.add(own[1])
            continue
        indent = len(line) - len(line.lstrip())
        for j in range(i - 1, -1, -1):
            above = lines[j]
            if not above.strip() or above.startswith("#"):
                break
            if len(above) - len(above.lstrip()) < indent:
                parent = re.match(r"^\s*- \*\*(.+?)\*\*:\s*$", above)
                if parent:
                    found.add(parent[1])
                break
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_each_field_is_under_its_own_label(built: tuple[Values, dict[str, dict[str, str]]], lang: str) -> None:
    """A field whose name is a label (``phone``, ``career``, ``meetings``...) is printed under that label.

    Catches one field shown in another's place: phone and e-mail swapped, the career under earlier meetings.
    """
    values, found = built
    labels = languages.labels(lang)
    markdown = found[lang]["md"]
    wrong = {}
    for path, tokens in values.expected.items():
        name = path.rsplit(".", 1)[-1]
        if name not in labels or name in UNLABELLED or path in UNLABELLED:
            continue
        where = _md_labels(markdown, tokens[lang].replace("+", "\\+"))
        if labels[name] not in where:
            wrong[path] = (labels[name], sorted(where))
    assert not wrong, "\n".join(f"{k}: {v}" for k, v in wrong.items())


class _Langs(html.parser.HTMLParser):
    """Each piece of text of an HTML page with the language of its nearest element that says one."""

    VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr", "source"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.pieces: list[tuple[str, str | None]] = []
        self.title: set[str] = set()
        """The text of ``<title>``, which cannot hold markup (the marks are dropped there)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang", None))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        lang = next((lang for lang in reversed(self.stack) if lang), None)
        self.pieces.append((data, lang))
        if self.lasttag == "title":
            self.title.add(data)


def _docx_runs(path: Path) -> list[tuple[str, str | None]]:
    """The text of each run of the DOCX's body, with its ``w:lang`` (None: the document's)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    runs = []
    for run in root.iter(f"{w}r"):
        lang = run.find(f"{w}rPr/{w}lang")
        text = "".join(t.text or "" for t in run.iter(f"{w}t"))
        runs.append((text, lang.get(f"{w}val") if lang is not None else None))
    return runs


def test_a_field_without_the_build_language_shows_french_marked_as_french(tmp_path: Path) -> None:
    """Every mapping lacks ``en``: the English build shows each French text, and wherever it shows it (a cell,
    a list joined by commas, ``Name (native)``, ``Status: …``, a quotation), it marks it French: inside an HTML
    element of lang fr, in a DOCX run of ``w:lang`` fr-FR."""
    values, profiles = write_profiles(tmp_path, missing="en")
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "build", NAME, "--lang", "en", "--format", "html,docx", "--out", out)
    assert code == 0, err
    parser = _Langs()
    parser.feed((out / NAME / "briefing.en.html").read_text(encoding="utf-8"))
    html = [(data, lang) for data, lang in parser.pieces if data not in parser.title]
    docx = _docx_runs(out / NAME / "briefing.en.docx")
    texts = [tokens["fr"] for tokens in values.expected.values() if tokens["fr"].endswith("fr")]
    assert texts
    for name, pieces, french in (("html", html, "fr"), ("docx", docx, "fr-FR")):
        unmarked = sorted(
            token
            for token in texts
            if not any(token in data for data, _ in pieces)
            or any(token in data and lang != french for data, lang in pieces)
        )
        assert not unmarked, f"{name}: {unmarked}"


KEY_FACTS_LEFT_OUT: dict[str, str] = {
    "biography": "a person is one line on the key-facts page: name and role",
    "organisation": "an interlocutor is one line on the key-facts page: name and role",
    "theme_quotation": "a quotation is left to the briefing: the sheet gives the facts",
    "strands": "a forum's programme strands are a list left to the briefing: the sheet gives one line a fact",
}
"""Field names (anywhere in the path) that a key-facts section shows in the briefing but not on the sheet."""

KEY_FACTS_ALSO: dict[str, str] = {
    "visit.delegation.head.name": "the sheet's heading names the head of delegation, as the cover does",
    "visit.delegation.head.role": "the sheet's heading names the head of delegation, as the cover does",
    "visit.drafting.reference": "the sheet carries the note's reference",
}
"""Fields of other sections that the sheet also shows, and why."""


def _sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) of each ``## `` section of the Markdown."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))


@pytest.fixture(scope="module")
def sheets(pack: tuple[Values, Path, Path]) -> dict[str, str]:
    """The key-facts page of the generated visit's pack in each language, as text."""
    folder = pack[2]
    return {lang: _pdf_text(folder / f"key-facts{'' if lang == 'fr' else f'.{lang}'}.pdf") for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_facts_page_has_every_field_of_its_sections(
    built: tuple[Values, dict[str, dict[str, str]]], sheets: dict[str, str], lang: str
) -> None:
    """What the briefing prints in a section the registry marks key_facts is on the sheet, what it prints
    elsewhere is not (the sheet's sections found from the briefing's Markdown headings)."""
    values, found = built
    labels = languages.labels(lang)
    titles = {labels[key] for key in KEY_FACTS}
    sections = _sections(found[lang]["md"])
    assert titles <= {title for title, _ in sections}
    sheet = _squash(sheets[lang])
    missing, extra = [], []
    for path, tokens in values.expected.items():
        token = tokens[lang]
        homes = {title for title, body in sections if token in body}
        if not homes or len(set(tokens.values())) == 1 and not token.startswith("K"):
            continue  # on the cover only, or not a unique token (a date, a phone number)
        on_sheet = _squash(token) in sheet
        if homes & titles and not any(part in KEY_FACTS_LEFT_OUT for part in path.split(".")):
            if not on_sheet:
                missing.append(f"{path} ({', '.join(homes)})")
        elif not homes & titles and on_sheet and path not in KEY_FACTS_ALSO:
            extra.append(f"{path} ({', '.join(homes)})")
    assert not missing and not extra, f"missing: {missing}\nnot of the sheet's sections: {extra}"


SOURCED = {
    "framework.text": "", "summary.text": "", "narrative.text": "", "priorities.text": "", "orientations.text": "",
    "forum.name": "", "agreements.name": "", "timeline.text": "", "people.role": "", "visit.title": "",
    "key_figures.label": "as of", "national_context.figures.label": "as of",
}  # fmt: skip
"""The text of each sourced fact, and whether its row also prints its as-of date."""

UNSOURCED_IN_PRINT: dict[str, str] = {}
"""Sourced facts the documents print without their note number, each with the reason."""


@pytest.mark.parametrize("lang", LANGS)
def test_each_sourced_fact_carries_its_note_number_and_date(
    built: tuple[Values, dict[str, dict[str, str]]], lang: str
) -> None:
    """In the Markdown, the line of a sourced fact's text has its note ``[1]``, and a figure's row its as-of date."""
    values, found = built
    lines = found[lang]["md"].splitlines()
    wrong = []
    for path in (*SOURCED, *UNSOURCED_IN_PRINT):
        token = values.expected[path][lang]
        own = [line for line in lines if token in line and not line.startswith("#  ")]
        noted = any("[1]" in line and (not SOURCED.get(path) or DATE_TEXT[lang] in line) for line in own)
        if noted == (path in UNSOURCED_IN_PRINT):
            wrong.append(f"{path}: {own}")
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------- each field in its section, every format

HOME_ELSEWHERE: dict[str, str] = {
    "framework": "summary",
}
"""Top-level fields shown in a section named otherwise (the framework is the summary's first line)."""

_CLOSES = (
    "the closing block at the foot of the last page shows it (the issuer's form: the recipients and the signature "
    "close the document), and the drafting section does not repeat it (office_form.drafting_left)"
)
IN_CLOSING: dict[str, str] = {
    "visit.drafting.officer": _CLOSES,
    "visit.drafting.clearance": _CLOSES,
    "visit.drafting.distribution": _CLOSES,
}
"""Fields shown in the closing block instead of their section, each with the reason. The closing follows the last
section, so it is read under that section's heading: their home is the last section shown (the drafting section,
last in the registry, shows only the reference of a note without a heading: this generated one's)."""


def _home(path: str) -> str | None:
    """The id of the section a field belongs to, from the registry: a visit field's section is the one that
    declares its key (``visit_keys``), else the visit's own; a partner field's is named as it is. ``None``: the
    cover's (the partner's name, the issuer, the marking), which no section owns."""
    parts = path.split(".")
    if path in IN_CLOSING:
        return IDS[-1]
    if parts[0] == "visit":
        return next((s.id for s in SECTIONS if parts[1] in s.visit_keys), "visit")
    home = HOME_ELSEWHERE.get(parts[0], parts[0])
    return home if home in IDS else None


def _titles(page: str) -> list[tuple[str, str]]:
    """(id, title) of each section of a briefing's HTML, in order."""
    return [(i, html.unescape(t)) for i, t in re.findall(r'<h1 id="([a-z_]+)">(.*?)</h1>', page)]


def _heading(line: str) -> str:
    """A line as a heading would read: no panel border (preview), no contents number, spaces collapsed."""
    return " ".join(re.sub(r"^\d+\.\s", "", line.strip(" \t╭╮─│")).split()).casefold()


def _split(text: str, titles: list[tuple[str, str]], fmt: str, every: bool = True) -> dict[str, str]:
    """``text`` cut into its sections: {id: the text from its heading to the next}.

    Each heading is the first line after the previous one that reads as its title; when the titles are all
    found twice, the first round was the contents page, and the second is taken. (From the first line after
    the previous heading: a table column named as its section, as Vietnamese "Đề nghị", comes after it.)
    The HTML is cut at its ``<h1 id>``, the Markdown at its ``## ``. ``every``: each title must be found
    (a key-facts page shows only some sections).
    """
    if fmt == "html":
        cut = re.split(r'<h1 id="([a-z_]+)">', text)
        return dict(zip(cut[1::2], cut[2::2], strict=True))
    if fmt == "md":
        by_title = dict(_sections(text))
        return {i: by_title[t] for i, t in titles if t in by_title}
    lines = text.splitlines()
    starts = _starts(lines, titles, 0, every)
    assert starts is not None and starts, f"{fmt}: not every heading of {[t for _, t in titles]}"
    again = _starts(lines, titles, max(starts.values()) + 1, every)
    if again and set(again) == set(starts):
        starts = again
    order = sorted(starts.items(), key=lambda item: item[1])
    bounds = [*(at for _, at in order[1:]), len(lines)]
    return {section: "\n".join(lines[at:stop]) for (section, at), stop in zip(order, bounds, strict=True)}


def _starts(lines: list[str], titles: list[tuple[str, str]], begin: int, every: bool) -> dict[str, int] | None:
    """The line of each title's heading, in order from ``begin``; ``None`` when ``every`` and one is missing."""
    starts: dict[str, int] = {}
    at = begin
    for section, title in titles:
        wanted = " ".join(title.split()).casefold()
        found = next((n for n in range(at, len(lines)) if _heading(lines[n]) == wanted), None)
        if found is None:
            if every:
                return None
            continue
        starts[section], at = found, found + 1
    return starts


def _laid_out(texts: dict[str, str], fmt: str) -> str:
    """The text of ``fmt`` to cut into sections: the PDF's as laid out (see ``built``)."""
    return texts["pdf-layout" if fmt == "pdf" else fmt]


def _plain(text: str) -> str:
    """Entities decoded, every kind of space one space."""
    return " ".join(html.unescape(text).replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_field_is_in_its_own_section_in_every_format(
    built: tuple[Values, dict[str, dict[str, str]]], lang: str, fmt: str
) -> None:
    """Each field's value is in the section the registry gives it (found by its heading), in every format."""
    values, found = built
    titles = _titles(found[lang]["html"])
    sections = {key: _squash(body) for key, body in _split(_laid_out(found[lang], fmt), titles, fmt).items()}
    assert [key for key, _ in titles] == list(sections) or fmt != "html"
    wrong = {}
    for path, tokens in values.expected.items():
        home = _home(path)
        token = _squash(tokens[lang])
        if home is not None and token not in sections.get(home, ""):
            wrong[path] = (home, sorted(key for key, body in sections.items() if token in body))
    assert not wrong, "\n".join(
        f"{path}: expected in {home}, found in {where}" for path, (home, where) in wrong.items()
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_each_sourced_fact_has_its_note_number_and_date_in_its_section_in_every_format(
    built: tuple[Values, dict[str, dict[str, str]]], lang: str, fmt: str
) -> None:
    """The section of each sourced fact carries its note ``[1]`` (and a figure's its as-of date), every format.

    Every list of the generated profile has one item citing one source, so a section's note and date are its fact's.
    """
    values, found = built
    sections = _split(_laid_out(found[lang], fmt), _titles(found[lang]["html"]), fmt)
    wrong = []
    for path, dated in SOURCED.items():
        home = _home(path)
        assert home is not None, path
        body = _plain(re.sub(r"<[^>]+>", "", sections[home]) if fmt == "html" else sections[home])
        if values.expected[path][lang] not in body or "[1]" not in body or dated and DATE_TEXT[lang] not in body:
            wrong.append(f"{path} ({home}): {body[:300]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_facts_page_shows_each_fact_in_its_section_with_its_note_and_date(
    built: tuple[Values, dict[str, dict[str, str]]], pack: tuple[Values, Path, Path], lang: str
) -> None:
    """On the sheet, a key-facts section's sourced fact is under that section's heading, with ``[1]`` (a figure
    with its as-of date), and the notes listed at its end are the sheet's own: ``[1]`` and the source."""
    values, found = built
    titles = [(key, title) for key, title in _titles(found[lang]["html"]) if key in (*KEY_FACTS, "sources")]
    sheet = _pdf_text(pack[2] / f"key-facts{'' if lang == 'fr' else f'.{lang}'}.pdf", "-layout")
    sections = {key: _plain(body) for key, body in _split(sheet, titles, "pdf", every=False).items()}
    assert set(sections) == {key for key, _ in titles}, sorted(sections)
    wrong = []
    for path, dated in SOURCED.items():
        home = _home(path)
        if home not in KEY_FACTS or any(part in KEY_FACTS_LEFT_OUT for part in path.split(".")):
            continue
        body = sections[home]
        if values.expected[path][lang] not in body or "[1]" not in body or dated and DATE_TEXT[lang] not in body:
            wrong.append(f"{path} ({home}): {body[:300]}")
    assert not wrong, "\n".join(wrong)
    # The sheet's note is brief (publisher and date): the briefing gives the whole citation under the same number.
    assert "[1] Éditeur fictif" in sections["sources"] and "Source fictive de couverture" not in sections["sources"]
