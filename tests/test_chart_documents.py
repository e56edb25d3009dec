"""Each format draws the chart data it is given, and the Japan briefing draws no misleading chart.

The charted profile is the FICTIONAL fixture with three fictional amounts in dollars added.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from xml.sax.saxutils import unescape

import pikepdf
import pytest
from PIL import Image

import briefgen

from .helpers import REPO, run_cli

SVG = "{http://www.w3.org/2000/svg}"
AMOUNTS = """  - label: Commerce fictif
    value: 52000000000
    unit: USD
    as_of: 2025
    source: fict-src
  - label: Aide fictive
    value: 1200000000
    unit: USD
    as_of: 2025
    source: fict-src
"""
# What the French briefing prints for the three amounts (the fixture's 33.69 billion, then the two above): the
# short form of a value column (its spaces unbreakable where the format has them: compared as plain spaces).
VALUES = {
    "Investissements fictifs": "33,69 Md USD",
    "Commerce fictif": "52 Md USD",
    "Aide fictive": "1,2 Md USD",
}


@pytest.fixture(scope="module")
def charted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional profile with three comparable amounts, built in every format."""
    root = tmp_path_factory.mktemp("charted")
    shutil.copytree(REPO / "tests" / "fixtures", root / "profiles")
    path = root / "profiles" / "ruritania.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("timeline:\n", AMOUNTS + "timeline:\n", 1), "utf-8")
    code, _, err = run_cli("--profiles", root / "profiles", "ruritania", "--format", "docx,pdf,html,md", "--out", root)
    assert code == 0, err
    return root


@pytest.fixture(scope="module")
def japan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("japan")
    code, _, err = run_cli("japan", "--format", "docx,pdf,html,md", "--out", out)
    assert code == 0, err
    return out / "japan"


def _states_every_value(alt: str) -> None:
    assert alt.startswith("Principaux chiffres : ")
    for label, value in VALUES.items():
        assert f"{label} : {value}" in alt.replace("\xa0", " ")


def _figure_alts(pdf: Path) -> list[str]:
    """The /Alt of every Figure of the tagged PDF's structure tree."""
    alts: list[str] = []
    seen: set[tuple[int, int]] = set()

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and node.objgen not in seen:
            seen.add(node.objgen)
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot)
    return alts


def _docx_images(docx: Path) -> tuple[list[bytes], list[str]]:
    """The PNG images of a DOCX, and the alt text (``wp:docPr descr``) of every drawing."""
    with zipfile.ZipFile(docx) as archive:
        images = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        body = archive.read("word/document.xml").decode()
    return images, [unescape(d, {"&quot;": '"'}) for d in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)]


def test_the_html_draws_the_chart_as_svg_with_its_values(charted: Path) -> None:
    html = (charted / "ruritania" / "briefing.html").read_text(encoding="utf-8")
    (block,) = re.findall(r"<svg .*?</svg>", html, re.DOTALL)
    svg = ET.fromstring(block)
    assert svg.get("id") == "chart-amounts-USD"
    bars = [float(r.get("width", "")) for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == 3 and max(bars) == bars[1]  # 52 billion is the longest bar
    assert bars[0] / bars[1] == pytest.approx(33.69 / 52, abs=0.01)
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "row"]
    values = [" ".join(t.text or "" for t in row.iter(f"{SVG}text") if t.get("class") == "value") for row in rows]
    assert values == list(VALUES.values()), "every value printed whole"
    _states_every_value(svg.get("aria-label", ""))


def test_the_pdf_figure_is_tagged_with_alt_text_stating_every_value(charted: Path) -> None:
    (alt,) = _figure_alts(charted / "ruritania" / "briefing.pdf")
    _states_every_value(alt)


def test_the_docx_draws_the_chart_as_a_png_with_alt_text_stating_every_value(charted: Path) -> None:
    images, alts = _docx_images(charted / "ruritania" / "briefing.docx")
    (image,) = images
    with Image.open(io.BytesIO(image)) as picture:
        assert picture.format == "PNG" and picture.width == round(160 / 25.4 * 288)
    (alt,) = alts
    _states_every_value(alt)


def test_the_docx_chart_is_reproducible(charted: Path, tmp_path: Path) -> None:
    profiles = charted / "profiles"
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--format", "docx", "--out", tmp_path)
    assert code == 0, err
    again = (tmp_path / "ruritania" / "briefing.docx").read_bytes()
    assert again == (charted / "ruritania" / "briefing.docx").read_bytes()


def test_the_preview_draws_the_chart_as_text(charted: Path) -> None:
    code, out, err = run_cli("--profiles", charted / "profiles", "preview", "ruritania", env={"COLUMNS": "160"})
    assert code == 0, err
    assert "Principaux chiffres" in out
    rows = {label: line for line in out.splitlines() for label in VALUES if label in line and "█" in line}
    assert set(rows) == set(VALUES)
    for label, value in VALUES.items():
        assert value in rows[label].replace("\xa0", " ")
    cells = {label: rows[label].count("█") for label in VALUES}
    assert cells["Commerce fictif"] == 30 and cells["Aide fictive"] == round(30 * 1.2 / 52)


def test_the_markdown_draws_the_chart_as_a_table_of_text_bars(charted: Path) -> None:
    text = (charted / "ruritania" / "briefing.md").read_text(encoding="utf-8")
    chart = text.split("**Principaux chiffres**", 1)[1].strip().split("\n\n", 1)[0].splitlines()
    assert chart[:2] == ["| Indicateur | | Valeur |", "|---|---|--:|"]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in chart[2:]]
    assert [(label, value) for label, _, value in rows] == list(VALUES.items())
    assert [len(cells) for _, cells, _ in rows] == [round(20 * 33.69 / 52), 20, 1]
    assert {ch for _, cells, _ in rows for ch in cells} == {"█"}


def test_japan_draws_no_misleading_chart(japan: Path) -> None:
    view = briefgen.briefing("japan")
    assert view.charts == [], "ranks and lower-bound counts of different things make no honest chart"
    assert len(view.key_figures) >= 5  # the figures stay, as a table
    html = (japan / "briefing.html").read_text(encoding="utf-8")
    assert "<svg" not in html and 'class="chart"' not in html
    assert "plus de 110" in html and "plus de 2 500" in html
    assert _figure_alts(japan / "briefing.pdf") == []
    markdown = (japan / "briefing.md").read_text(encoding="utf-8")
    assert "█" not in markdown and "plus de 2 500" in markdown
    images, alts = _docx_images(japan / "briefing.docx")
    assert images == [] and alts == []
    code, out, err = run_cli("preview", "japan", env={"COLUMNS": "160"})
    assert code == 0, err
    assert "█" not in out and "plus de 2 500" in out
