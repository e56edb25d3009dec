"""Marking text in another language than the document's, in the HTML and DOCX renderers.

The context hands a renderer a ``viewmodel.Text`` where a translation is missing (the profile's
own language shows instead), or a ``viewmodel.Mixed`` where such a text is part of a longer one
(``Name (native)``, a list). Templates print it like any string: the renderer's ``finalize``
hook wraps it in invisible marks (:func:`marked`), and once the template is rendered the marks
become a ``<span lang>`` in HTML (:func:`html_spans`) or a run with ``w:lang`` in Word
(``briefgen.render.docx``). Where a value lands in an attribute or a ``<title>``, which cannot
hold markup, the marks are dropped. Doing it after rendering keeps the templates free of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from briefgen.view.viewmodel import Mixed, language_of

OPEN, LANG_END, CLOSE = "\ue000", "\ue001", "\ue002"
"""Private-use characters: no profile text holds them (the marks are stripped from values first)."""

_MARKS = re.compile(f"[{OPEN}{LANG_END}{CLOSE}]")
_OPENING = re.compile(f"{OPEN}([A-Za-z-]+){LANG_END}")
# A tag, or an element whose text cannot hold markup, or plain text between them.
_HTML_PART = re.compile(r"(<(title|style|script|textarea)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


def marked(value: object, escaped: Callable[[str], str]) -> str:
    """``value`` escaped by ``escaped``, each part of it in another language wrapped in marks.

    A ``Text`` is marked whole; a ``Mixed`` (a text composed of pieces) piece by piece.
    """
    if isinstance(value, Mixed):
        return "".join(marked(piece, escaped) for piece in value.pieces)
    text = escaped(str(value))
    lang = language_of(value)
    if lang is None:
        return text
    return f"{OPEN}{lang}{LANG_END}{_MARKS.sub('', text)}{CLOSE}"


def unmarked(text: str) -> str:
    """``text`` without any marks."""
    return _MARKS.sub("", text)


def html_spans(html: str) -> str:
    """The rendered HTML with each marked text as ``<span lang="LANG">``; marks in tags dropped."""
    if OPEN not in html:
        return html
    parts = _HTML_PART.split(html)
    out = []
    # split() with two groups yields: text, whole match, inner group, text, …
    for i in range(0, len(parts), 3):
        out.append(_OPENING.sub(r'<span lang="\1">', parts[i]).replace(CLOSE, "</span>"))
        if i + 1 < len(parts):
            out.append(unmarked(parts[i + 1]))
    return "".join(out)


def split_marked(text: str) -> list[tuple[str, str | None]]:
    """``text`` as pieces, each with the language it is marked in (None: the document's)."""
    pieces: list[tuple[str, str | None]] = []
    lang: str | None = None
    pos = 0
    for match in re.finditer(f"{OPEN}([A-Za-z-]+){LANG_END}|{CLOSE}", text):
        if match.start() > pos:
            pieces.append((unmarked(text[pos : match.start()]), lang))
        lang = match[1] if match[0] != CLOSE else None
        pos = match.end()
    if pos < len(text):
        pieces.append((unmarked(text[pos:]), lang))
    return pieces


def docx_languages(xml: bytes, word_language: Callable[[str], str]) -> bytes:
    """A Word part with each marked text in a run of its own carrying ``w:lang`` (``fr-FR``).

    ``word_language`` gives the tag of a language code; marks anywhere else (attributes) are dropped.
    """
    if OPEN.encode() not in xml:
        return xml
    from lxml import etree  # type: ignore[import-untyped]

    root = etree.fromstring(xml)
    for r in list(root.iter(_W + "r")):
        if any(OPEN in (t.text or "") for t in r.iter(_W + "t")):
            _split_run(r, word_language)
    for element in root.iter():
        if element.text and _MARKS.search(element.text):
            element.text = unmarked(element.text)
        for key, value in element.attrib.items():
            if _MARKS.search(value):
                element.set(key, unmarked(value))
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return written


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _split_run(r: Any, word_language: Callable[[str], str]) -> None:
    """Replace run ``r`` by runs of one language each, its properties copied into every one."""
    import copy

    from lxml import etree

    props = r.find(_W + "rPr")
    runs: list[tuple[str | None, list[Any]]] = []
    lang: str | None = None
    for child in r:
        if child is props:
            continue
        if child.tag != _W + "t":
            runs.append((lang, [child]))
            continue
        for piece, piece_lang in split_marked(_carry(lang, child.text or "")):
            t = etree.Element(_W + "t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = piece
            runs.append((piece_lang, [t]))
        lang = _last_language(lang, child.text or "")
    parent = r.getparent()
    at = parent.index(r)
    parent.remove(r)
    for offset, (piece_lang, children) in enumerate(runs):
        new = etree.Element(_W + "r")
        new_props = copy.deepcopy(props) if props is not None else None
        if piece_lang is not None:
            if new_props is None:
                new_props = etree.Element(_W + "rPr")
            for old in new_props.findall(_W + "lang"):
                new_props.remove(old)
            etree.SubElement(new_props, _W + "lang").set(_W + "val", word_language(piece_lang))
        if new_props is not None:
            new.append(new_props)
        new.extend(children)
        parent.insert(at + offset, new)


def _carry(lang: str | None, text: str) -> str:
    """``text`` preceded by an opening mark when a marked text began in an earlier ``w:t`` of the run."""
    return f"{OPEN}{lang}{LANG_END}{text}" if lang else text


def _last_language(lang: str | None, text: str) -> str | None:
    """The language marked at the end of ``text``, given ``lang`` at its start."""
    for match in re.finditer(f"{OPEN}([A-Za-z-]+){LANG_END}|{CLOSE}", text):
        lang = match[1] if match[0] != CLOSE else None
    return lang
