"""XLIFF 2.0, the exchange file of ``briefgen translate export|import``: written and read safely.

One ``<file>`` per profile file (``original`` is its path below the profiles folder), one
``<unit>`` per field; a unit's ``id`` is the field path with dots (``summary.0.text``), stable
across exports. Notes carry the file:line and the field path for the translator. The root
carries ``bg:profile`` (namespace ``urn:briefgen:translate:1``): a file without it is not ours.

Reading refuses any DOCTYPE (hence any entity, internal or external) before ElementTree sees the
text, and files over ``MAX_BYTES``: a hostile file costs bounded time and fetches nothing. It also
refuses, with the line, a unit id given twice for one profile file and two ``<file>`` elements
for the same profile file: either would make one translation silently win over another.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import xml.parsers.expat
from dataclasses import dataclass, field

from briefgen.errors import InputError

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
OURS = "urn:briefgen:translate:1"
MAX_BYTES = 20 * 1024 * 1024
_X = f"{{{XLIFF}}}"


@dataclass(frozen=True)
class Unit:
    """One field to translate."""

    id: str
    """The field path with dots: ``summary.0.text``."""
    source: str
    target: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    """An exchange file: the profile it was exported from, its languages, and its units by file."""

    profile: str
    source_lang: str
    target_lang: str
    files: dict[str, list[Unit]]
    """Units by profile file, relative to the profiles folder (``japan.yaml``)."""


def write(doc: Document) -> bytes:
    """The XLIFF 2.0 bytes of ``doc`` (UTF-8, indented); ElementTree escapes every text."""
    ET.register_namespace("", XLIFF)
    ET.register_namespace("bg", OURS)
    root = ET.Element(
        _X + "xliff",
        {"version": "2.0", "srcLang": doc.source_lang, "trgLang": doc.target_lang, f"{{{OURS}}}profile": doc.profile},
    )
    for number, (original, units) in enumerate(doc.files.items(), 1):
        file = ET.SubElement(root, _X + "file", {"id": f"f{number}", "original": original})
        for unit in units:
            element = ET.SubElement(file, _X + "unit", {"id": unit.id})
            if unit.notes:
                notes = ET.SubElement(element, _X + "notes")
                for text in unit.notes:
                    ET.SubElement(notes, _X + "note").text = text
            segment = ET.SubElement(element, _X + "segment", {"state": "initial"})
            ET.SubElement(segment, _X + "source").text = unit.source
            ET.SubElement(segment, _X + "target").text = unit.target
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def read(data: bytes, shown: str) -> Document:
    """The document in ``data``, or an InputError naming ``shown`` if it is not a briefgen XLIFF file."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{shown}: the file is over {MAX_BYTES // (1024 * 1024)} MiB; not a briefgen export")
    lines = _refuse_doctype(data, shown)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(
            f"{shown}: not well-formed XML ({exc}); give the file 'briefgen translate export' wrote"
        ) from None
    profile = root.get(f"{{{OURS}}}profile")
    if root.tag != _X + "xliff" or root.get("version") != "2.0" or not profile:
        raise InputError(
            f"{shown}: not a briefgen translation file (an XLIFF 2.0 file written by 'briefgen translate export')"
        )
    # ElementTree keeps no line numbers; the expat pass saw the same elements in the same order.
    file_lines = dict(zip(map(id, root.iter(_X + "file")), lines["file"], strict=False))
    unit_lines = dict(zip(map(id, root.iter(_X + "unit")), lines["unit"], strict=False))
    files: dict[str, list[Unit]] = {}
    file_seen: dict[str, int | None] = {}
    for file in root.iter(_X + "file"):
        original = file.get("original") or ""
        line = file_lines.get(id(file))
        if original in file_seen:
            raise InputError(
                f"{shown}:{line}: a second <file> for '{original}' (the first is at line {file_seen[original]}); "
                "put all its units in one <file>"
            )
        file_seen[original] = line
        units = files.setdefault(original, [])
        unit_seen: dict[str, int | None] = {}
        for unit in file.iter(_X + "unit"):
            read = _unit(unit, shown)
            line = unit_lines.get(id(unit))
            if read.id in unit_seen:
                raise InputError(
                    f"{shown}:{line}: unit '{read.id}' of '{original}' appears a second time (first at line "
                    f"{unit_seen[read.id]}); keep one"
                )
            unit_seen[read.id] = line
            units.append(read)
    return Document(profile, root.get("srcLang") or "", root.get("trgLang") or "", files)


def _unit(unit: ET.Element, shown: str) -> Unit:
    unit_id = unit.get("id") or ""
    segments = unit.findall(_X + "segment")
    if len(segments) != 1:
        raise InputError(f"{shown}: unit '{unit_id}': expected one segment, found {len(segments)}")
    source = segments[0].find(_X + "source")
    target = segments[0].find(_X + "target")
    return Unit(unit_id, _text(source), _text(target))


def _text(element: ET.Element | None) -> str:
    """The element's text; inline markup a tool may add (``<ph/>``, ``<pc>``) is read as its text."""
    return "" if element is None else "".join(element.itertext())


def _refuse_doctype(data: bytes, shown: str) -> dict[str, list[int]]:
    """Raise an InputError if the XML declares a DOCTYPE or an entity (which could expand or fetch).

    Returns the lines of the ``<file>`` and ``<unit>`` elements (XLIFF namespace), in document order.
    """

    def refuse(*_: object) -> None:
        raise InputError(f"{shown}: declares a DOCTYPE or entities, which briefgen refuses; export the file again")

    lines: dict[str, list[int]] = {"file": [], "unit": []}

    def start(name: str, _attributes: object) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace == XLIFF and local in lines:
            lines[local].append(parser.CurrentLineNumber)

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(
            f"{shown}: not well-formed XML ({exc}); give the file 'briefgen translate export' wrote"
        ) from None
    return lines
