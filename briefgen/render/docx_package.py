"""Finish a rendered .docx at the zip level: embed the briefing's fonts, name briefgen as its application.

Word and LibreOffice draw a document with the fonts installed on the reader's machine; a machine
without Noto draws Vietnamese with a substitute and Japanese with boxes or not at all. So the
shipped Noto faces are embedded the way Word embeds fonts (ECMA-376 Part 1, §17.8.1 and §17.8.3.3):

- each face is stored as ``word/fonts/fontN.odttf``, "obfuscated": its first 32 bytes XORed with a
  16-byte key that is the GUID ``w:fontKey`` read backwards (the last hex pair first);
- ``fontTable.xml`` gives the font ``w:embedRegular`` / ``embedBold`` / ... with the part's
  relationship id and the key; ``settings.xml`` says ``w:embedTrueTypeFonts``.

A face is embedded only when the template's font table names its family (a custom template set in
Arial gets no Noto), and the Japanese face only when the document holds a CJK character.

The Latin faces (Noto Sans, four styles, about 145 KB each) go in whole, so that a desk officer
can edit the French, English or Vietnamese text in Word with the embedded face. The Japanese
face does not. The shipped file is OpenType with CFF outlines and 3.6 MB, and Word's embedding is
documented for TrueType: the option is "Embed TrueType fonts" (``w:embedTrueTypeFonts``), and Office
embeds through Windows' font embedding library, of which Microsoft writes "OpenType fonts are
supported as long as they use the TrueType file format" (KB 2524096, on Office's PDF/XPS export).
So each document gets its own subset of that face, cut to the characters of its text plus printable
ASCII, with TrueType outlines (``briefgen.render.font_subset``): about 16 KB for the Japan
briefing. The font table says so: ``w:subsetted="1"`` on its ``w:embedRegular`` (the schema's
``CT_FontRel`` has ``fontKey`` and ``subsetted``). Recent LibreOffice ignores, when a document is
opened for editing, a subsetted font with fewer than 26 glyphs (``embeddedfontshelper.cxx``); the
ASCII keeps every subset above that.

The key is derived from the font's bytes and the subset's bytes from the characters, so the same
document gives the same file.

A font a project adds (briefgen.data.fonts: Korean, Chinese, Thai, Khmer…) is embedded the same way, a
TrueType subset of the characters it draws, with its layout tables kept (Thai and Khmer shape with
them), but only when the document holds a character the template's fonts cannot draw: each run
holding one names that font in its East Asian and complex-script slots (``w:rFonts`` ``w:eastAsia``,
``w:cs``: Word and LibreOffice draw Hangul and Han with the first, Thai and Khmer with the second),
and the font table gains the font with its ``w:embedRegular``. A document that needs no added font
is byte for byte what it was.
Noto is under the SIL Open Font License, which allows embedding and subsetting
(``templates/fonts/OFL.txt``). ``tests/test_libreoffice.py`` converts a DOCX on a machine without
Noto and checks that the PDF's Japanese is drawn from the embedded TrueType subset.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# lxml, not ElementTree: it keeps every namespace declaration (mc:Ignorable needs them).
from lxml import etree as ET  # type: ignore[import-untyped]

from briefgen.render.font_subset import truetype_subset

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
APPLICATION = "briefgen"


@dataclass(frozen=True)
class Face:
    """One embeddable font file: the family Word knows it by, its style, its file in ``templates/fonts``."""

    family: str
    style: str
    """``Regular``, ``Bold``, ``Italic`` or ``BoldItalic`` (the ``w:embed*`` element it fills)."""
    file: str
    cjk: bool = False
    """Embedded only when the document holds a CJK character."""
    subset: bool = False
    """Embedded as a TrueType subset of the document's characters (``w:subsetted``), not whole."""


FACES = (
    Face("Noto Sans", "Regular", "NotoSans-Regular.ttf"),
    Face("Noto Sans", "Bold", "NotoSans-Bold.ttf"),
    Face("Noto Sans", "Italic", "NotoSans-Italic.ttf"),
    Face("Noto Sans", "BoldItalic", "NotoSans-BoldItalic.ttf"),
    Face("Noto Sans CJK JP", "Regular", "NotoSansCJKjp-Regular.otf", cjk=True, subset=True),
)

# CJK radicals to ideographs (kana, punctuation, kanji), compatibility ideographs, full-width forms.
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")

# Printable ASCII, kept in every subset: digits and Latin typed into Japanese text draw in the
# embedded face too, and recent LibreOffice ignores for editing a subsetted embedded font with fewer
# than 26 glyphs (vcl/source/gdi/embeddedfontshelper.cxx), which a short Japanese text would give.
_ASCII = frozenset(map(chr, range(0x20, 0x7F)))

# The parts that hold the document's text.
_STORY = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")

# The children of w:settings that come before w:embedTrueTypeFonts in the schema's sequence.
_BEFORE_EMBED = {
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
}

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>"
).encode()


def font_key(data: bytes) -> str:
    """The ``w:fontKey`` GUID of a font file: derived from its bytes, so every build gives the same one."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID ``key`` read backwards (§17.8.1); the same call undoes it."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ digits[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def finish_package(
    entries: Iterable[tuple[str, bytes]], fonts: Path, added: Sequence[Path] = ()
) -> list[tuple[str, bytes]]:
    """The .docx entries with the template's Noto faces embedded and ``docProps/app.xml`` naming briefgen.

    ``added``: the fonts a project adds, named and embedded for the characters ``fonts`` cannot draw.
    """
    from briefgen.render.added_fonts import assign

    parts = dict(entries)
    order = list(parts)
    if "docProps/app.xml" in parts:
        parts["docProps/app.xml"] = APP_XML
    characters = _characters(parts)
    faces = _faces_to_embed(parts, fonts, characters)
    extra = assign(characters, added, fonts) if added else {}
    if extra:
        faces += _name_added(parts, extra)
    if faces:
        new = _embed(parts, faces, fonts, characters, extra)
        order += [name for name in new if name not in order]
    return [(name, parts[name]) for name in order]


def _name_added(parts: dict[str, bytes], extra: dict[Path, set[str]]) -> list[Face]:
    """Name each added font on the runs holding its characters, and in the font table; its faces to embed."""
    from briefgen.data.glyphs import font_coverage

    families = {path: font_coverage(path)[0] for path in extra}
    owner = {char: families[path] for path, chars in extra.items() for char in chars}
    for name, data in list(parts.items()):
        if not _STORY.fullmatch(name):
            continue
        root = _parse(data)
        changed = False
        for run in root.iter(f"{{{W}}}r"):
            text = "".join(t.text or "" for t in run.iter(f"{{{W}}}t"))
            family = next((owner[c] for c in text if c in owner), None)
            if family is None:
                continue
            properties = run.find(f"{{{W}}}rPr")
            if properties is None:
                properties = ET.Element(f"{{{W}}}rPr")
                run.insert(0, properties)
            fonts = properties.find(f"{{{W}}}rFonts")
            if fonts is None:
                fonts = ET.Element(f"{{{W}}}rFonts")
                style = properties.find(f"{{{W}}}rStyle")  # rStyle comes first in CT_RPr's sequence
                properties.insert(0 if style is None else list(properties).index(style) + 1, fonts)
            fonts.set(f"{{{W}}}eastAsia", family)
            fonts.set(f"{{{W}}}cs", family)
            changed = True
        if changed:
            parts[name] = _xml(root)
    table = _parse(parts["word/fontTable.xml"])
    named = {f.get(f"{{{W}}}name") for f in table.iter(f"{{{W}}}font")}
    for family in dict.fromkeys(families.values()):
        if family not in named:
            font = ET.SubElement(table, f"{{{W}}}font")
            font.set(f"{{{W}}}name", family)
            ET.SubElement(font, f"{{{W}}}family").set(f"{{{W}}}val", "auto")
            ET.SubElement(font, f"{{{W}}}pitch").set(f"{{{W}}}val", "variable")
    parts["word/fontTable.xml"] = _xml(table)
    return [Face(families[path], "Regular", str(path), subset=True) for path in extra]


def _characters(parts: dict[str, bytes]) -> frozenset[str]:
    """Every character of the document's text (``w:t`` of the body, headers, footers and notes)."""
    found: set[str] = set()
    for name, data in parts.items():
        if _STORY.fullmatch(name):
            for run_text in _parse(data).iter(f"{{{W}}}t"):
                found.update(run_text.text or "")
    return frozenset(found)


def _faces_to_embed(parts: dict[str, bytes], fonts: Path, characters: frozenset[str]) -> list[Face]:
    """The faces whose family the font table names and whose file is there (CJK ones only if used)."""
    table = parts.get("word/fontTable.xml")
    if table is None:
        return []
    named = {f.get(f"{{{W}}}name") for f in _parse(table).iter(f"{{{W}}}font")}
    has_cjk = any(_CJK.match(c) for c in characters)
    return [
        face for face in FACES if face.family in named and (has_cjk or not face.cjk) and (fonts / face.file).is_file()
    ]


def _embed(
    parts: dict[str, bytes],
    faces: list[Face],
    fonts: Path,
    characters: frozenset[str],
    extra: dict[Path, set[str]] | None = None,
) -> list[str]:
    """Store the faces and point the font table and settings at them; return the names of new parts.

    ``extra``: the added fonts (a face's ``file`` is then the font's whole path) and the characters each draws.
    """
    extra = extra or {}
    table = _parse(parts["word/fontTable.xml"])
    rels_name = "word/_rels/fontTable.xml.rels"
    rels = _parse(parts[rels_name]) if rels_name in parts else ET.Element(f"{{{REL}}}Relationships", nsmap={None: REL})
    added = [rels_name]
    for number, face in enumerate(faces, start=1):
        if Path(face.file) in extra:
            data = truetype_subset(Path(face.file), frozenset(extra[Path(face.file)]) | _ASCII, layout=True)
        elif face.subset:
            data = truetype_subset(fonts / face.file, characters | _ASCII)
        else:
            data = (fonts / face.file).read_bytes()
        key = font_key(data)
        part = f"word/fonts/font{number}.odttf"
        parts[part] = obfuscate(data, key)
        added.append(part)
        rid = f"rIdBriefgenFont{number}"
        ET.SubElement(rels, f"{{{REL}}}Relationship", Id=rid, Type=FONT_REL, Target=f"fonts/font{number}.odttf")
        for font in table.iter(f"{{{W}}}font"):
            if font.get(f"{{{W}}}name") == face.family:
                embed = ET.SubElement(font, f"{{{W}}}embed{face.style}", nsmap={"r": R})
                embed.set(f"{{{R}}}id", rid)
                embed.set(f"{{{W}}}fontKey", key)
                if face.subset:
                    embed.set(f"{{{W}}}subsetted", "1")
    parts["word/fontTable.xml"] = _xml(table)
    parts[rels_name] = _xml(rels)
    parts["word/settings.xml"] = _with_embed_setting(parts["word/settings.xml"])
    parts["[Content_Types].xml"] = _with_odttf_type(parts["[Content_Types].xml"])
    return sorted(added, key=lambda name: (name != rels_name, name))


def _with_embed_setting(settings: bytes) -> bytes:
    """``settings.xml`` with ``w:embedTrueTypeFonts`` at its place in the schema's order."""
    root = _parse(settings)
    if root.find(f"{{{W}}}embedTrueTypeFonts") is None:
        index = 0
        while index < len(root) and root[index].tag.rsplit("}", 1)[-1] in _BEFORE_EMBED:
            index += 1
        root.insert(index, ET.Element(f"{{{W}}}embedTrueTypeFonts"))
    return _xml(root)


def _with_odttf_type(types: bytes) -> bytes:
    """``[Content_Types].xml`` with the content type of ``.odttf`` parts."""
    root = _parse(types)
    if not any(d.get("Extension") == "odttf" for d in root.iter(f"{{{CT}}}Default")):
        default = ET.Element(f"{{{CT}}}Default", Extension="odttf", ContentType=ODTTF)
        root.insert(0, default)
    return _xml(root)


def _parse(data: bytes) -> ET._Element:
    """Parse a part as python-docx does: no entity expansion."""
    return ET.fromstring(data, ET.XMLParser(resolve_entities=False))


def _xml(root: ET._Element) -> bytes:
    """Serialize a part with its XML declaration (Word wants ``standalone="yes"``)."""
    return bytes(ET.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
