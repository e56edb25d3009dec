"""Images a profile names (the partner's logo) must be PNG or JPEG files inside the profiles folder."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from .helpers import REPO, run_cli


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 58, 95)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The FICTIONAL fixtures, with an emblem in profiles/images/."""
    folder = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", folder)
    (folder / "images").mkdir()
    (folder / "images" / "emblem.png").write_bytes(png_bytes())
    monkeypatch.chdir(tmp_path)
    return folder


def with_logo(profiles: Path, value: str) -> None:
    path = profiles / "ruritania.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  native: ルリタニア\n", f"  native: ルリタニア\n  logo: {value}\n"
    )
    path.write_text(text, encoding="utf-8")


def test_logo_is_on_the_cover_of_both_documents(profiles: Path, tmp_path: Path) -> None:
    with_logo(profiles, "images/emblem.png")
    code, _, err = run_cli("--profiles", "profiles", "ruritania", "--out", "out")
    assert code == 0, err
    first = PdfReader(tmp_path / "out/ruritania/briefing.pdf").pages[0]
    assert list(first.images), "the cover carries the emblem"
    with zipfile.ZipFile(tmp_path / "out/ruritania/briefing.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert any(archive.read(n) == png_bytes() for n in media)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../outside.png", "is outside the profiles folder; copy the image into it and give its relative path"),
        ("/etc/hostname", "is outside the profiles folder"),
        ("images/missing.png", "no such image file in the profiles folder"),
        ("ruritania.yaml", "is not a PNG or JPEG image"),
    ],
)
def test_a_logo_that_cannot_be_used_is_a_validation_error(
    profiles: Path, tmp_path: Path, value: str, message: str
) -> None:
    (tmp_path / "outside.png").write_bytes(png_bytes())
    with_logo(profiles, value)
    code, _, err = run_cli("--profiles", "profiles", "validate", "ruritania")
    assert code == 2
    assert err.startswith(f"error: profiles/ruritania.yaml:5:3: partner.logo: {value!r} {message}")
    code, _, _ = run_cli("--profiles", "profiles", "ruritania", "--format", "html", "--out", "out")
    assert code == 2 and not (tmp_path / "out").exists()
