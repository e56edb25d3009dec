"""``check --layout``: read a built PDF and list the page faults a template author must fix, each with its page.

Read back with pdfplumber, page by page; the running header and footer (the marking, DRAFT, the page
number) are the words in the top :data:`HEADER_MM` or from :data:`FOOTER_MM` down, and are left out of
every rule. The rules:

- ``empty``: a page, not the last and not before the first section (cover, contents), whose content
  ends above the middle of the page: more than half of it wasted, as a forced break leaves it;
- ``heading``: a page, not the last, whose last line is a heading (bold, 10.5 pt or more): the heading
  is cut from what it introduces;
- ``small``: a line of body text (at least :data:`SMALL_CHARS` characters) set under 9 pt;
- ``name``: a name of the profile (a country, a currency, a person) broken inside a word across two
  lines (at a hyphen, hard or added by hyphenation, or without one); or a short name, one the HTML writer
  keeps whole (briefgen.view.names.kept_whole: "Việt Nam", "Nguyễn Minh Hằng"), broken between its words;
- ``sheet``: a one-page sheet (the key-facts page, ``sheet=True``) that runs onto a second page, or whose
  content ends with more than :data:`SHEET_BLANK` of its page left blank: it does not use its page;
- ``table``: a page after one that ended on a light row rule of a table with a header (bold text just
  above a dark rule; a table of labelled lines has none), whose first row rule under text
  comes before any dark header rule: the rows go on without the table's header repeated.

Pure: a PDF's bytes and the names in, :class:`LayoutFault` out; finding the PDFs is the pipeline's job.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Sequence
from typing import Any

from briefgen.view.names import kept_whole

MM = 72 / 25.4
HEADER_MM = 17.5
"""Words whose top is above this (mm from the page's top) are the running header."""
FOOTER_MM = 280.5
"""Words whose top is below this (mm from the page's top) are the running footer."""
SMALL_PT = 9.0
SMALL_CHARS = 12
HYPHENS = ("-", "\u2010", "\u00ad")
SHEET_BLANK = 0.25
"""The most of its page a one-page sheet may leave blank below its content."""


@dataclasses.dataclass(frozen=True)
class LayoutFault:
    """One fault on one page of one PDF."""

    file: str
    page: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: page {self.page}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The fault as a JSON-ready mapping."""
        return dataclasses.asdict(self)


@dataclasses.dataclass
class _Line:
    top: float
    bottom: float
    words: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def heading(self) -> bool:
        return all("Bold" in w["fontname"] for w in self.words) and max(w["size"] for w in self.words) >= 10.5


def _lines(words: Iterable[dict[str, Any]]) -> list[_Line]:
    """Words grouped into visual lines by their top, top to bottom, each line left to right."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 0), w["x0"])):
        if lines and abs(lines[-1].top - w["top"]) < 2:
            lines[-1].words.append(w)
            lines[-1].bottom = max(lines[-1].bottom, w["bottom"])
        else:
            lines.append(_Line(w["top"], w["bottom"], [w]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _runs(line: _Line) -> list[list[dict[str, Any]]]:
    """A line's words cut where a gap is wider than a space: one run per table cell or column."""
    runs: list[list[dict[str, Any]]] = []
    for w in line.words:
        if runs and w["x0"] - runs[-1][-1]["x1"] < w["size"] * 0.6:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _rules(page: Any) -> list[tuple[float, float]]:
    """The page's horizontal rules as (top, grey level 0 dark..1 light), top to bottom."""
    found = []
    for shape, colour in [(r, "non_stroking_color") for r in page.rects] + [(x, "stroking_color") for x in page.lines]:
        if shape["height"] > 2 or shape["width"] < 20:
            continue
        value = shape.get(colour)
        grey = sum(value) / len(value) if isinstance(value, (tuple, list)) and value else 0.0
        found.append((shape["top"], float(grey)))
    return sorted(found)


def _broken_names(lines: Sequence[_Line], names: Sequence[str]) -> list[str]:
    """The names that start at the end of one line's run and end at the start of the next line's run."""
    found: list[str] = []
    for above, below in zip(lines, lines[1:], strict=False):
        if not 0 < below.top - above.top < 3 * max(w["size"] for w in above.words):
            continue
        for tail in _runs(above):
            for head in _runs(below):
                if head[0]["x0"] > tail[-1]["x1"] or head[-1]["x1"] < tail[0]["x0"]:
                    continue  # not the same column
                end = " ".join(w["text"] for w in tail[-3:])
                start = " ".join(w["text"] for w in head[:3])
                # A break inside a word: at a hyphen (hard, or one the renderer added), or with none at all.
                joins = [(end + start, len(end), False)]
                if end.endswith(HYPHENS):
                    joins.append((end[:-1] + start, len(end) - 1, False))
                # A break between words, counted for a short name only: a longer one may wrap as a column needs.
                joins.append((end + " " + start, len(end), True))
                for name in names:
                    for joined, cut, between in joins:
                        if between and not kept_whole(name):
                            continue
                        at = joined.find(name)
                        while at != -1:
                            if at < cut < at + len(name) and name not in found:
                                found.append(name)
                            at = joined.find(name, at + 1)
    return found


def faults(pdf: bytes, file: str, names: Sequence[str] = (), *, sheet: bool = False) -> list[LayoutFault]:
    """The layout faults of the PDF ``pdf`` (named ``file`` in the messages), page by page.

    ``sheet``: the PDF is a one-page sheet (the key-facts page), which must fill its one page.
    """
    import pdfplumber

    out: list[LayoutFault] = []
    names = sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first_body = _first_section_page(doc)
        count = len(doc.pages)
        previous_rule: tuple[float, float] | None = None
        for number, page in enumerate(doc.pages, 1):
            words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
            body = [w for w in words if HEADER_MM * MM <= w["top"] <= FOOTER_MM * MM]
            lines = _lines(body)

            def fault(kind: str, message: str, number: int = number) -> None:
                out.append(LayoutFault(file, number, kind, message))

            if sheet and number == 2:
                fault("sheet", f"the one-page sheet runs onto {count - 1} more page(s): it must fit one page")
            if sheet and number == 1 and lines:
                blank = 1 - (lines[-1].bottom / MM - HEADER_MM) / (FOOTER_MM - HEADER_MM)
                if blank > SHEET_BLANK:
                    fault("sheet", f"the one-page sheet leaves {round(100 * blank)}% of its page blank (at most 25%)")

            last = number == count
            if lines and not last and number >= first_body:
                used = (lines[-1].bottom / MM - HEADER_MM) / (FOOTER_MM - HEADER_MM)
                if used < 0.5:
                    fault(
                        "empty", f"nearly empty page: {round(100 * (1 - used))}% of it left blank before the next page"
                    )
                if lines[-1].heading:
                    fault("heading", f"heading at the page's foot: {lines[-1].text!r}")
            for line in lines:
                small = [w for w in line.words if w["size"] < SMALL_PT - 0.05]
                if sum(len(w["text"]) for w in small) >= SMALL_CHARS:
                    size = min(w["size"] for w in small)
                    text = " ".join(w["text"] for w in small)
                    fault("small", f"text under 9 pt ({size:.1f} pt): {text[:60]!r}")
                    break
            for name in _broken_names(lines, names):
                fault("name", f"name broken across lines: {name!r}")
            rules = [r for r in _rules(page) if HEADER_MM * MM <= r[0] <= FOOTER_MM * MM]
            if rules and lines and previous_rule is not None and previous_rule[1] > 0.6 and number > first_body:
                # The previous page ended on a row rule; here, the first row rule under text must come after
                # a header's dark rule, else the rows go on without their header.
                rows = [top for top, grey in rules if grey > 0.6 and top > lines[0].top]
                dark = [top for top, grey in rules if grey < 0.4]
                if rows and not (dark and dark[0] < rows[0]):
                    fault("table", "a table continues here without its header repeated")
            previous_rule = None
            if rules and lines and not any(line.top > rules[-1][0] for line in lines) and _headed(rules, lines):
                previous_rule = rules[-1]
    return out


def _headed(rules: Sequence[tuple[float, float]], lines: Sequence[_Line]) -> bool:
    """Whether the page's last table has a header: bold text under 10.5 pt just above its last dark rule."""
    dark = [top for top, grey in rules if grey < 0.4]
    if not dark:
        return False
    return any(
        0 <= dark[-1] - line.bottom < 4 * MM
        and all("Bold" in w["fontname"] for w in line.words)
        and max(w["size"] for w in line.words) < 10.5
        for line in lines
    )


def _first_section_page(doc: Any) -> int:
    """The page of the first outline entry (the first section): pages before it are the cover and contents."""
    try:
        from pdfminer.pdfdocument import PDFNoOutlines

        pages = {p.page_obj.pageid: i for i, p in enumerate(doc.pages, 1)}
        for _level, _title, dest, _action, _se in doc.doc.get_outlines():
            target = dest[0] if isinstance(dest, list) else None
            objid = getattr(target, "objid", None)
            if objid in pages:
                return pages[objid]
    except (PDFNoOutlines, TypeError, ValueError, KeyError, IndexError):
        pass
    return 1
