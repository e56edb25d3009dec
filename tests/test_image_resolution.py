"""A profile's image with an absurd resolution (a PNG's pHYs of 10 pixels per metre, 0, four billion) builds.

The DOCX sizes a logo 20 mm and a photo 25 mm high, as wide as their pixels make them, whatever the
file says its resolution is (python-docx would divide by it). The profiles are the FICTIONAL fixtures.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from .helpers import REPO, run_cli

EMU_PER_MM = 36000


def png_with_phys(pixels_per_metre: int, unit: int = 1, size: tuple[int, int] = (40, 30)) -> bytes:
    """A PNG of ``size`` whose pHYs chunk says ``pixels_per_metre`` on both axes, written by hand (CRC included)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 58, 95)).save(buffer, format="PNG")
    data = buffer.getvalue()
    body = b"pHYs" + struct.pack(">IIB", pixels_per_metre, pixels_per_metre, unit)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib_crc(body))
    end_of_ihdr = 8 + 4 + 4 + 13 + 4  # signature, IHDR length, type, data, CRC
    assert b"pHYs" not in data
    return data[:end_of_ihdr] + chunk + data[end_of_ihdr:]


def zlib_crc(data: bytes) -> int:
    import zlib

    return zlib.crc32(data) & 0xFFFFFFFF


RESOLUTIONS = pytest.mark.parametrize(
    "phys", [10, 0, 0xFFFFFFFF, 1], ids=["10_per_metre", "zero", "four_billion", "one_per_metre"]
)


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", folder)
    (folder / "images").mkdir()
    return folder


def _drawings(docx: Path) -> list[tuple[str, int, int]]:
    """Each drawing of the document (body, headers): its alt text, width and height in EMU."""
    found = []
    document = Document(str(docx))
    parts = [document.part, *(rel.target_part for rel in document.part.rels.values() if "header" in rel.reltype)]
    for part in parts:
        for inline in part.element.iter("{*}inline", "{*}anchor"):
            extent = next(inline.iter("{*}extent"))
            descr = next(inline.iter("{*}docPr")).get("descr", "")
            found.append((descr, int(extent.get("cx")), int(extent.get("cy"))))
    return found


def _check_built(out: Path, name: str, tall_mm: int) -> None:
    docx = out / name / "briefing.docx"
    sized = [(cx, cy) for _, cx, cy in _drawings(docx) if cy == tall_mm * EMU_PER_MM]
    assert sized, _drawings(docx)
    assert all(cx == round(tall_mm * EMU_PER_MM * 40 / 30) for cx, _ in sized)  # the pixels' 4:3
    assert (out / name / "briefing.pdf").stat().st_size > 0
    with zipfile.ZipFile(docx) as archive:
        assert any(n.startswith("word/media/") for n in archive.namelist())


@RESOLUTIONS
def test_a_logo_with_an_absurd_resolution_validates_and_builds(profiles: Path, tmp_path: Path, phys: int) -> None:
    (profiles / "images" / "emblem.png").write_bytes(png_with_phys(phys))
    path = profiles / "ruritania.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  native: ルリタニア\n", "  native: ルリタニア\n  logo: images/emblem.png\n"), "utf-8"
    )
    code, _, err = run_cli("--profiles", profiles, "validate", "ruritania")
    assert code == 0, err
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "ruritania", "--format", "docx,pdf", "--out", out)
    assert code == 0, err
    assert "Traceback" not in err
    _check_built(out, "ruritania", 20)


@RESOLUTIONS
def test_a_photo_with_an_absurd_resolution_validates_and_builds(profiles: Path, tmp_path: Path, phys: int) -> None:
    (profiles / "images" / "rassendyll.png").write_bytes(png_with_phys(phys))
    visit = profiles / "visits" / "zenda-summit-2026.yaml"
    anchor = "        address: Monsieur le Gouverneur\n"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace(anchor, f"{anchor}        photo: images/rassendyll.png\n"), encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "validate", "zenda-summit-2026")
    assert code == 0, err
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "build", "zenda-summit-2026", "--format", "docx,pdf", "--out", out)
    assert code == 0, err
    assert "Traceback" not in err
    _check_built(out, "zenda-summit-2026", 25)
    assert ("Rudolf Rassendyll", round(25 * EMU_PER_MM * 40 / 30), 25 * EMU_PER_MM) in _drawings(
        out / "zenda-summit-2026" / "briefing.docx"
    )
