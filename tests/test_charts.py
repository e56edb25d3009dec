"""Drawing charts (render.charts, render.chart_png): the SVG read as XML and through WeasyPrint, the PNG with Pillow."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from briefgen.errors import RenderError
from briefgen.render import chart_png, charts
from briefgen.render.chart_png import png
from briefgen.render.charts import svg
from briefgen.view.viewmodel import Bar, Chart

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
FONTS = TEMPLATES / "fonts"
NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE_LABEL = "A & B <b>x</b> \"q\" 'y'"
HOSTILE_VALUE = '<0> & "1"'
DPI = 96 * 3
FONT_FACES = """
@font-face { font-family: "Briefgen Sans"; src: url("fonts/NotoSans-Regular.ttf"); font-weight: 400; }
@font-face { font-family: "Briefgen Sans"; src: url("fonts/NotoSans-Bold.ttf"); font-weight: 700; }
@font-face { font-family: "Briefgen JP"; src: url("fonts/NotoSansCJKjp-Regular.otf"); font-weight: 400; }
@font-face { font-family: "Briefgen JP"; src: url("fonts/NotoSansCJKjp-Regular.otf"); font-weight: 700; }
"""


def _chart(id: str, title: str, bars: list[Bar], alt: str = "") -> Chart:
    """A chart of plain numbers; its alt text defaults to the title."""
    return Chart(id, title, "", bars, alt or title)


def sample() -> Chart:
    """A fictional chart with diacritics, Japanese, a long label and hostile text."""
    return _chart(
        "sample",
        "Montants fictifs (données de test)",
        [
            Bar("Aide publique au développement (APD)", 1.0, "1 000 dollars"),
            Bar("Investissements directs étrangers", 0.8, "800 dollars"),
            Bar("Thành phố Hồ Chí Minh — Đà Nẵng", 0.55, "plus de 2 500"),
            Bar("北海道", 0.4, "2 jumelages"),
            Bar(HOSTILE_LABEL, 0.1, HOSTILE_VALUE),
            Bar("Touristes", 0.0, "0"),
        ],
    )


@pytest.fixture(scope="module")
def root() -> ET.Element:
    return ET.fromstring(svg(sample()))


@pytest.fixture(scope="module")
def png_bytes() -> bytes:
    return png(sample(), FONTS)


def _texts(root: ET.Element, cls: str) -> list[str]:
    return [el.text or "" for el in root.iterfind(f".//svg:text[@class='{cls}']", NS)]


def _rows(root: ET.Element) -> list[ET.Element]:
    return root.findall("svg:g[@class='row']", NS)


def _bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//svg:rect[@class='bar']", NS)


# ---- SVG --------------------------------------------------------------------------------------


def test_svg_is_a_160_mm_wide_accessible_image(root: ET.Element) -> None:
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "160mm"
    height = root.get("height", "")
    assert height.endswith("mm")
    assert root.get("viewBox") == f"0 0 160 {height.removesuffix('mm')}"
    assert root.get("role") == "img"
    assert root.get("aria-label") == root.findtext("svg:title", namespaces=NS) == sample().alt
    assert root.get("font-family") == "Briefgen Sans, Briefgen JP, Briefgen Added"
    assert root.get("id") == "chart-sample"


def test_the_svg_description_is_the_alt_text_stating_the_values() -> None:
    chart = _chart("a", "Titre", [Bar("un", 2.0, "2 dollars"), Bar("deux", 4.0, "4 dollars")], "Titre : un : 2 dollars")
    root = ET.fromstring(svg(chart))
    # The first <title> is what WeasyPrint writes as the figure's /Alt in the tagged PDF.
    assert root.get("aria-label") == root.findtext("svg:title", namespaces=NS) == "Titre : un : 2 dollars"
    assert _texts(root, "title") == ["Titre"]


def test_the_largest_value_spans_the_track_and_every_bar_starts_at_zero() -> None:
    chart = _chart("z", "T", [Bar("a", 50.0, "50"), Bar("b", 200.0, "200"), Bar("c", 100.0, "100")])
    bars = _bars(ET.fromstring(svg(chart)))
    assert {rect.get("x") for rect in bars} == {str(int(charts.TRACK_X))}
    assert [float(rect.get("width", "")) for rect in bars] == pytest.approx(
        [charts.TRACK_WIDTH / 4, charts.TRACK_WIDTH, charts.TRACK_WIDTH / 2], abs=0.01
    )


def test_svg_has_one_bar_on_one_track_per_row(root: ET.Element) -> None:
    chart = sample()
    assert len(_bars(root)) == len(root.findall(".//svg:rect[@class='track']", NS)) == len(chart.bars)
    widths = [float(rect.get("width", "")) for rect in _bars(root)]
    track = float(root.findall(".//svg:rect[@class='track']", NS)[0].get("width", ""))
    assert widths == pytest.approx([bar.value * track for bar in chart.bars], abs=0.01)


def test_svg_prints_labels_and_values_literally(root: ET.Element) -> None:
    labels = [" ".join(_texts(row, "label")) for row in _rows(root)]
    assert labels == [bar.label for bar in sample().bars]
    assert _texts(root, "value") == [bar.text for bar in sample().bars]
    assert _texts(root, "title") == [sample().title]


def test_hostile_text_is_escaped_everywhere() -> None:
    chart = _chart('x"><script>', HOSTILE_LABEL, [Bar(HOSTILE_LABEL, 0.5, HOSTILE_VALUE)])
    text = svg(chart)
    assert "<b>" not in text and "<script>" not in text and "<0>" not in text
    root = ET.fromstring(text)
    assert root.get("id") == 'chart-x"><script>'
    assert root.get("aria-label") == root.findtext("svg:title", namespaces=NS) == HOSTILE_LABEL
    assert _texts(root, "label") == [HOSTILE_LABEL]
    assert _texts(root, "value") == [HOSTILE_VALUE]
    assert _rows(root)[0].findtext("svg:title", namespaces=NS) == f"{HOSTILE_LABEL}: {HOSTILE_VALUE}"


def test_long_label_wraps_onto_two_lines_then_ends_with_an_ellipsis() -> None:
    words = "une étiquette beaucoup trop longue pour tenir sur les deux lignes de la colonne des libellés"
    root = ET.fromstring(svg(_chart("long", "T", [Bar("Commerce extérieur total", 0.5, "1"), Bar(words, 0.5, "2")])))
    short, long = (_texts(row, "label") for row in _rows(root))
    assert short == ["Commerce extérieur total"]
    assert len(long) == 2
    assert long[1].endswith("…")
    assert words.startswith(" ".join(long).removesuffix("…"))
    # The tooltip keeps the whole label.
    assert _rows(root)[1].findtext("svg:title", namespaces=NS) == f"{words}: 2"


def test_japanese_label_without_spaces_is_cut_too() -> None:
    label = "北海道" * 30
    lines = _texts(ET.fromstring(svg(_chart("jp", "T", [Bar(label, 0.5, "1")]))), "label")
    assert len(lines) == 2
    assert "".join(lines).removesuffix("…") == label[: len("".join(lines)) - 1]


def test_values_stand_in_their_own_column_and_a_long_one_is_printed_whole() -> None:
    long = "33,69 milliards de dollars des États-Unis"
    bars = [Bar("grand", 100.0, "100 milliards de dollars des États-Unis"), Bar("moyen", 40.0, long), Bar("x", 1, "1")]
    root = ET.fromstring(svg(_chart("w", "T", bars)))
    for row, bar in zip(_rows(root), bars, strict=True):
        lines = row.findall("svg:text[@class='value']", NS)
        assert " ".join(t.text or "" for t in lines) == bar.text
        assert {t.get("x") for t in lines} == {str(int(charts.VALUE_X))}
        assert all(t.get("fill") is None and t.get("text-anchor") is None for t in lines)
    track_end = charts.TRACK_X + charts.TRACK_WIDTH
    assert all(float(r.get("x", "")) + float(r.get("width", "")) <= track_end < charts.VALUE_X for r in _bars(root))


def test_height_grows_about_8_mm_per_bar() -> None:
    def height(n: int) -> float:
        chart = _chart("h", "Titre", [Bar(f"Ligne {i}", 0.5, str(i)) for i in range(n)])
        return float(ET.fromstring(svg(chart)).get("height", "").removesuffix("mm"))

    assert height(8) - height(4) == pytest.approx(32)
    assert 35 < height(4) < 45


def test_out_of_range_fractions_are_clamped() -> None:
    chart = _chart("c", "T", [Bar("a", -1.0, "a"), Bar("b", 3.0, "b"), Bar("c", float("nan"), "c")])
    widths = [float(rect.get("width", "")) for rect in _bars(ET.fromstring(svg(chart)))]
    assert widths == [0.0, charts.TRACK_WIDTH, 0.0]


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=120),
    bars=st.lists(st.tuples(st.text(max_size=150), st.floats(allow_nan=True), st.text(max_size=60)), max_size=5),
)
def test_any_text_gives_well_formed_svg(title: str, bars: list[tuple[str, float, str]]) -> None:
    root = ET.fromstring(svg(_chart("any", title, [Bar(*bar) for bar in bars])))
    assert len(_bars(root)) == len(bars)
    assert all(len(_texts(row, "label")) <= 2 for row in _rows(root))


def test_svg_renders_in_weasyprint_with_the_shipped_fonts() -> None:
    import weasyprint

    page = f"<html><head><style>{FONT_FACES}</style></head><body>{svg(sample())}</body></html>"
    pdf = weasyprint.HTML(string=page, base_url=str(TEMPLATES)).write_pdf()
    assert pdf is not None
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    for expected in ("Montants fictifs", "Aide publique au", "北海道", HOSTILE_LABEL, HOSTILE_VALUE):
        assert expected in text
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1] for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts == {"Briefgen-Sans", "Briefgen-Sans-Bold", "Briefgen-JP"}


# ---- PNG --------------------------------------------------------------------------------------


def _bar_boxes(root: ET.Element) -> list[tuple[int, int, int, int]]:
    """The pixel boxes of the bars, from the SVG's millimetres: both outputs share one layout."""
    px = DPI / 25.4
    boxes = []
    for rect in _bars(root):
        x, y, w, h = (float(rect.get(key, "")) for key in ("x", "y", "width", "height"))
        boxes.append((round(x * px), round(y * px), round((x + w) * px), round((y + h) * px)))
    return boxes


def test_png_is_160_mm_wide_at_288_dpi(png_bytes: bytes, root: ET.Element) -> None:
    image = Image.open(io.BytesIO(png_bytes))
    assert image.format == "PNG"
    assert image.width == round(160 / 25.4 * DPI) == 1814
    height_mm = float(root.get("height", "").removesuffix("mm"))
    assert image.height == round(height_mm / 25.4 * DPI)
    assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.1)


def test_png_bars_are_dark_on_a_light_track_in_greyscale(png_bytes: bytes, root: ET.Element) -> None:
    grey = Image.open(io.BytesIO(png_bytes)).convert("L")

    def tones(box: tuple[int, int, int, int]) -> bytes:
        return grey.crop(box).tobytes()

    boxes = _bar_boxes(root)
    for left, top, _, bottom in boxes[:4]:
        # The start of the bar, away from the value printed near its end.
        assert max(tones((left + 2, top + 2, left + 20, bottom - 2))) < 80
    _, top, right, bottom = boxes[-1]  # the empty bar: only the track
    assert min(tones((right + 600, top + 2, right + 700, bottom - 2))) > 200
    # Something is drawn in the label column.
    assert min(tones((0, top, boxes[0][0] - 10, bottom))) < 80


def test_png_is_deterministic(png_bytes: bytes) -> None:
    assert png(sample(), FONTS) == png_bytes
    assert b"tIME" not in png_bytes


def test_png_scale_sets_the_resolution() -> None:
    image = Image.open(io.BytesIO(png(sample(), FONTS, scale=1)))
    assert image.width == round(160 / 25.4 * 96)
    assert image.info["dpi"] == pytest.approx((96, 96), abs=0.1)


def test_missing_font_folder_is_a_render_error_naming_the_files(tmp_path: Path) -> None:
    with pytest.raises(RenderError) as caught:
        png(sample(), tmp_path)
    message = caught.value.message
    assert message.startswith(f"cannot open the chart font {tmp_path / 'NotoSans-Bold.ttf'}: ")
    assert message.endswith(
        "; the fonts folder must hold NotoSans-Regular.ttf, NotoSans-Bold.ttf and NotoSansCJKjp-Regular.otf"
    )


def test_importing_the_svg_charts_does_not_import_pillow() -> None:
    code = "import sys, briefgen.render.charts, briefgen.render.html; sys.exit('PIL' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# ---- Fonts of the PNG -------------------------------------------------------------------------


def test_japanese_falls_back_to_the_cjk_font() -> None:
    assert chart_png._font_for("北海道", FONTS) == FONTS / "NotoSansCJKjp-Regular.otf"
    assert chart_png._font_for("北海道", FONTS, bold=True) == FONTS / "NotoSansCJKjp-Regular.otf"
    assert chart_png._font_for("Thành phố Hồ Chí Minh — Đà Nẵng", FONTS) == FONTS / "NotoSans-Regular.ttf"
    assert chart_png._font_for("Đà Nẵng", FONTS, bold=True) == FONTS / "NotoSans-Bold.ttf"
    assert [(run, path.name) for run, path in chart_png._runs("Préfecture de 北海道 (Hokkaidō)", FONTS, False)] == [
        ("Préfecture de ", "NotoSans-Regular.ttf"),
        ("北海道", "NotoSansCJKjp-Regular.otf"),
        (" (Hokkaidō)", "NotoSans-Regular.ttf"),
    ]


def test_glyph_check_agrees_with_the_font_cmaps() -> None:
    sans = TTFont(FONTS / "NotoSans-Regular.ttf").getBestCmap()
    jp = TTFont(FONTS / "NotoSansCJKjp-Regular.otf").getBestCmap()
    path = FONTS / "NotoSans-Regular.ttf"
    assert all(chart_png._has_glyph(path, chr(cp)) for cp in sans if cp >= 0x20)
    lacking = [cp for cp in jp if cp not in sans][::25]
    assert len(lacking) > 100
    assert not any(chart_png._has_glyph(path, chr(cp)) for cp in lacking)


def test_japanese_label_is_not_drawn_as_notdef_boxes() -> None:
    def label_pixels(label: str) -> bytes:
        chart = _chart("jp", "", [Bar(label, 0.0, "")])
        image = Image.open(io.BytesIO(png(chart, FONTS))).convert("L")
        return image.crop((0, 0, round(charts.LABEL_WIDTH / 25.4 * DPI), image.height)).tobytes()

    tofu = label_pixels(chart_png._UNMAPPED * 3)
    assert label_pixels("北海道") != tofu
    assert label_pixels("\u4e02\u4e02\u4e02") == tofu  # a kanji outside JIS X 0208, which the subset lacks
