"""Fonts a project adds for a script the shipped fonts lack (issue 22, part 4): `briefgen fonts add`, the glyph
check that names the font to add, and the PDF and DOCX that draw and embed it.

The fonts here are made in the test with fontTools' FontBuilder: a FICTIONAL family "Test Hangul" whose
glyphs are plain boxes, for a handful of Hangul syllables. No system font is used or needed. The project
is made by `briefgen init` in tmp_path, as a user would, with its example partner, Korea.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from briefgen.render.docx_package import obfuscate

from .helpers import run_cli

HANGUL = "한국서울"
NAME = {"fr": "Corée (한국)", "en": "Korea (한국)"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_font(path: Path, chars: str, family: str = "Test Hangul", fs_type: int = 0) -> Path:
    """A tiny TrueType font mapping ``chars`` (each glyph a box), made with fontTools' FontBuilder."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box(i: int) -> object:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 700 - 10 * i))
        pen.lineTo((900, 700))
        pen.lineTo((900, 0))
        pen.closePath()
        return pen.glyph()

    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    builder.setupGlyf({n: box(i) for i, n in enumerate(names)})
    builder.setupHorizontalMetrics({n: (1000, 100) for n in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120, fsType=fs_type)
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project made by `briefgen init`, with `briefgen new korea` (init's own example) named in Korean."""
    monkeypatch.delenv("BRIEFGEN_PROFILES", raising=False)
    monkeypatch.delenv("BRIEFGEN_TEMPLATES", raising=False)
    root = tmp_path / "briefings"
    assert run_cli("init", root)[0] == 0
    monkeypatch.chdir(root)
    assert run_cli("new", "korea")[0] == 0
    profile = root / "profiles" / "korea.yaml"
    text = profile.read_text(encoding="utf-8")
    line = "  name: korea  # TODO: its name as the briefing prints it\n"
    assert line in text
    profile.write_text(text.replace(line, f'  name: {{fr: "{NAME["fr"]}", en: "{NAME["en"]}"}}\n'), encoding="utf-8")
    return root


def test_the_glyph_check_names_the_font_to_add_with_file_and_line(project: Path) -> None:
    code, _, err = run_cli("validate", "korea")
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("error: profiles/korea.yaml:") and ": partner.name.fr: " in first
    assert first.endswith(
        "no font draws '한' (U+D55C, HANGUL SYLLABLE HAN); add one: briefgen fonts add FILE.ttf, e.g. Noto Sans KR"
    )


@pytest.mark.parametrize(
    ("char", "font"),
    [
        ("ก", "Noto Sans Thai"),
        ("ក", "Noto Sans Khmer"),
        ("你", "Noto Sans SC or Noto Sans TC"),
        ("م", "Noto Sans Arabic"),
    ],
)
def test_the_font_named_is_one_of_the_script(char: str, font: str) -> None:
    from briefgen.data.glyphs import drawable, font_for

    assert not drawable(char) and font_for(char) == font


def test_inits_korea_example_draws_its_hangul_in_the_pdf_and_docx_with_the_added_font(
    project: Path, tmp_path: Path
) -> None:
    font = make_font(tmp_path / "TestHangul.ttf", HANGUL)
    code, out, err = run_cli("fonts", "add", font)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        str(project / "fonts" / "TestHangul.ttf"),
        "Test Hangul: 4 characters, 4 of them not in the shipped fonts",
    ]
    assert (project / "fonts" / "coverage.json").is_file()
    assert run_cli("validate", "korea")[:2] == (0, "ok: korea\n")

    code, out, err = run_cli("korea")
    assert code == 0, err
    folder = project / "out" / "korea"

    with pdfplumber.open(folder / "briefing.pdf") as pdf:
        first = pdf.pages[0]
        assert "Corée (한국)" in first.extract_text()
        fonts = {c["fontname"].split("+", 1)[-1] for c in first.chars if c["text"] in HANGUL}
        latin = {c["fontname"].split("+", 1)[-1] for c in first.chars if c["text"] in "Corée"}
    assert fonts and all(f.startswith("Briefgen-Added") for f in fonts)  # embedded, under the declared family
    assert latin and all(f.startswith("Briefgen-Sans") for f in latin)  # the shipped fonts stay first

    docx = folder / "briefing.docx"
    runs = [r for p in Document(str(docx)).paragraphs for r in p.runs if "한국" in r.text]
    assert runs
    for run in runs:
        slots = run._r.find(f"{W}rPr/{W}rFonts")
        assert (slots.get(f"{W}eastAsia"), slots.get(f"{W}cs")) == ("Test Hangul", "Test Hangul")
    with zipfile.ZipFile(docx) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
        rels = package.read("word/_rels/fontTable.xml.rels").decode("utf-8")
        assert '<w:font w:name="Test Hangul">' in table and 'w:subsetted="1"' in table
        import re

        embed = re.search(r'<w:font w:name="Test Hangul">.*?<w:embedRegular r:id="([^"]+)" w:fontKey="([^"]+)"', table)
        assert embed is not None
        target = re.search(rf'Id="{embed[1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{embed[1]}"', rels)
        assert target is not None
        data = obfuscate(package.read("word/" + (target[1] or target[2])), embed[2])
    from fontTools.ttLib import TTFont

    embedded = TTFont(io.BytesIO(data))
    assert str(embedded["name"].getDebugName(1)) == "Test Hangul" and "glyf" in embedded
    assert {ord(c) for c in "한국"} <= set(embedded.getBestCmap())


def test_a_document_that_needs_no_added_font_is_unchanged_by_one(project: Path, tmp_path: Path) -> None:
    profile = project / "profiles" / "korea.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("(한국)", "(Hanguk)"), encoding="utf-8")
    assert run_cli("korea", "--out", tmp_path / "before")[0] == 0
    assert run_cli("fonts", "add", make_font(tmp_path / "TestHangul.ttf", HANGUL + "Hanguk"))[0] == 0
    code, out, err = run_cli("korea", "--out", tmp_path / "after")
    assert code == 0, err
    before, after = tmp_path / "before" / "korea", tmp_path / "after" / "korea"
    assert (after / "briefing.docx").read_bytes() == (before / "briefing.docx").read_bytes()
    with pdfplumber.open(after / "briefing.pdf") as pdf:
        names = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert names and not any("Added" in n for n in names)


def test_an_added_font_is_an_input_of_the_build(project: Path, tmp_path: Path) -> None:
    assert run_cli("fonts", "add", make_font(tmp_path / "TestHangul.ttf", HANGUL))[0] == 0
    assert run_cli("korea", "--format", "pdf")[0] == 0
    assert run_cli("korea", "--format", "pdf")[1].startswith("up to date: ")
    make_font(project / "fonts" / "TestHangul.ttf", HANGUL + "대")  # the same font, changed in place
    code, out, _ = run_cli("korea", "--format", "pdf")
    assert code == 0 and out.strip() == str(project / "out" / "korea" / "briefing.pdf")


def _garbage(path: Path) -> Path:
    path.write_bytes(b"\x00\x01\x00\x00" + b"not a font at all" * 10)
    return path


def test_fonts_add_refuses_what_is_not_a_usable_font_in_one_line(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = make_font(tmp_path / "TestHangul.ttf", HANGUL)
    link = tmp_path / "Link.ttf"
    link.symlink_to(good)
    collection = tmp_path / "Fonts.ttf"
    collection.write_bytes(b"ttcf" + bytes(60))
    restricted = make_font(tmp_path / "Restricted.ttf", HANGUL, fs_type=2)
    cases = {
        _garbage(tmp_path / "Broken.ttf"): "not a font fontTools can read",
        tmp_path / "notes.txt": "not a font file; give a TrueType (.ttf) or OpenType (.otf) font",
        tmp_path / "Missing.ttf": "no such file",
        link: "is a link; give the font file itself",
        collection: "a font collection (.ttc)",
        restricted: "its licence forbids embedding it",
    }
    (tmp_path / "notes.txt").write_text("text", encoding="utf-8")
    for path, words in cases.items():
        code, out, err = run_cli("fonts", "add", path)
        assert (code, out) == (2, ""), path
        assert err.startswith(f"error: {path}: ") and words in err and len(err.splitlines()) == 1, err
    monkeypatch.setattr("briefgen.data.fonts.MAX_FONT_BYTES", 100)
    code, _, err = run_cli("fonts", "add", good)
    assert code == 2 and "larger than" in err
    assert not (project / "fonts").exists() or not any((project / "fonts").iterdir())


def test_fonts_add_never_overwrites_and_needs_a_project(project: Path, tmp_path: Path) -> None:
    assert run_cli("fonts", "add", make_font(tmp_path / "TestHangul.ttf", HANGUL))[0] == 0
    assert run_cli("fonts", "add", tmp_path / "TestHangul.ttf")[0] == 0  # the same bytes again: fine
    other = tmp_path / "other"
    other.mkdir()
    code, _, err = run_cli("fonts", "add", make_font(other / "TestHangul.ttf", "한"))
    assert code == 2 and "already exists with other bytes" in err
    assert (project / "fonts" / "TestHangul.ttf").read_bytes() == (tmp_path / "TestHangul.ttf").read_bytes()

    os.chdir(tmp_path)  # no briefgen.toml here or above (monkeypatch restores the folder)
    code, _, err = run_cli("fonts", "add", tmp_path / "TestHangul.ttf")
    assert code == 2 and "no project here" in err and "briefgen init" in err


def test_a_link_in_the_fonts_folder_is_refused_before_rendering(project: Path, tmp_path: Path) -> None:
    (project / "fonts").mkdir()
    (project / "fonts" / "Elsewhere.ttf").symlink_to(make_font(tmp_path / "TestHangul.ttf", HANGUL))
    code, out, err = run_cli("korea")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {project / 'fonts' / 'Elsewhere.ttf'}: is not a plain file")
    assert not (project / "out" / "korea").exists()


def test_watch_rebuilds_when_the_missing_font_is_added(project: Path, tmp_path: Path) -> None:
    from briefgen.data.catalog import Places
    from briefgen.pipeline.watch import Watcher

    watcher = Watcher("korea", places=Places.find(), out=project / "out", formats=["html"])
    broken = watcher.build()
    assert broken.exit_code == 2 and "no font draws '한'" in broken.error[0]
    assert run_cli("fonts", "add", make_font(tmp_path / "TestHangul.ttf", HANGUL))[0] == 0
    added = project / "fonts" / "TestHangul.ttf"
    assert watcher.concerns({added})
    fixed = watcher.build()
    assert not fixed.error and fixed.files == [project / "out" / "korea" / "briefing.html"]
    assert "Corée (한국)" in fixed.files[0].read_text(encoding="utf-8")
    assert "Briefgen Added" in fixed.files[0].read_text(encoding="utf-8")  # declared, with the font's data
    # After a good build: a font saved into the folder counts, another file there does not.
    assert watcher.concerns({project / "fonts" / "Other.otf"}) and not watcher.concerns({project / "fonts" / "a.txt"})


def test_a_chart_label_the_template_fonts_lack_is_drawn_with_the_added_font(tmp_path: Path) -> None:
    from briefgen.data.glyphs import shipped_fonts
    from briefgen.render import chart_png

    font = make_font(tmp_path / "TestHangul.ttf", HANGUL)
    shipped = shipped_fonts()
    assert chart_png._font_for("서울", shipped, False, (font,)) == font  # the Word briefing's PNG charts
    assert chart_png._font_for("Séoul", shipped, False, (font,)) == shipped / chart_png.SANS  # shipped first
    assert chart_png._font_for("서울", shipped, False) == shipped / chart_png.SANS  # without it: boxes, as before


def test_doctor_names_each_font_the_project_adds_and_one_it_cannot_read(project: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli("doctor", "--out", tmp_path / "out")
    assert f"ok: no font added in {project / 'fonts'} (the shipped fonts draw everything)" in out.splitlines()
    assert run_cli("fonts", "add", make_font(tmp_path / "TestHangul.ttf", HANGUL))[0] == 0
    (project / "fonts" / "Broken.ttf").write_bytes(b"not a font at all")
    code, out, _ = run_cli("doctor", "--out", tmp_path / "out")
    lines = out.splitlines()
    assert f"ok: added font {project / 'fonts' / 'TestHangul.ttf'}: {len(HANGUL)} characters" in lines
    broken = [line for line in lines if "Broken.ttf" in line]
    assert broken == [
        f"problem: added font {project / 'fonts' / 'Broken.ttf'}: unreadable, draws nothing; "
        "fix: replace it: briefgen fonts add FILE (a .ttf or .otf font), then delete Broken.ttf",
        "problem: profile korea: korea: fonts/Broken.ttf: not a font briefgen can read (no TrueType or OpenType "
        "font opens from it); remove it, or add a working one with: briefgen fonts add FILE.ttf; "
        "fix: briefgen validate korea",
    ]
    assert code == 1


def test_a_damaged_font_in_the_project_is_one_line_and_exit_2_not_a_traceback(project: Path) -> None:
    (project / "fonts").mkdir()
    (project / "fonts" / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\xff" * 40)  # a font's tag, then junk
    message = (
        "fonts/Broken.ttf: not a font briefgen can read (no TrueType or OpenType font opens from it); "
        "remove it, or add a working one with: briefgen fonts add FILE.ttf"
    )
    for command in (["validate", "korea"], ["korea"], ["check", "korea"]):
        code, out, err = run_cli(*command)
        assert code == 2, command
        assert message in err and "Traceback" not in err, command
    assert not (project / "out" / "korea").exists()
