"""Images a profile names (the partner's logo) must be PNG or JPEG files inside the profiles folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from .helpers import run_cli


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 58, 95)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def profiles(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The FICTIONAL fixtures, with an emblem in profiles/images/."""
    folder = profiles
    (folder / "images").mkdir()
    (folder / "images" / "emblem.png").write_bytes(png_bytes())
    monkeypatch.chdir(profiles.parent)
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


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels, with no image data (a bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def _noisy_png() -> bytes:
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 64), bytes(range(256)) * 48).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (_noisy_png()[: len(_noisy_png()) // 2], "cannot be decoded (truncated or damaged)"),
        (_png_header(0, 0), "cannot be decoded"),
        (_png_header(8000, 6000), "is 8000 x 6000 pixels, more than the 40 megapixels"),
        (_png_header(100_000, 100_000), "more than the 40 megapixels"),
        (_png_header(30_000, 1), "(or 20000 pixels a side)"),
    ],
    ids=["truncated", "zero-size", "48-megapixels", "bomb", "absurd-side"],
)
def test_validate_decodes_the_logo(profiles: Path, content: bytes, phrase: str) -> None:
    (profiles / "images" / "emblem.png").write_bytes(content)
    with_logo(profiles, "images/emblem.png")
    for args in (("validate", "ruritania"), ("build", "ruritania", "--format", "pdf", "--out", "out")):
        code, _, err = run_cli("--profiles", "profiles", *args)
        assert code == 2, err
        assert err.startswith("error: profiles/ruritania.yaml:5:3: partner.logo: 'images/emblem.png' "), err
        assert phrase in err and len(err.splitlines()) == 1, err
        assert "DecompressionBomb" not in err and "Traceback" not in err
    assert not Path("out").exists() or not any(Path("out").rglob("*.pdf"))


def test_the_view_model_holds_images_as_bytes_and_each_format_places_them(profiles: Path, tmp_path: Path) -> None:
    from briefgen import briefing
    from briefgen.data.catalog import Places
    from briefgen.render.html import render_html
    from briefgen.view.viewmodel import Image as ViewImage

    with_logo(profiles, "images/emblem.png")
    places = Places.find(profiles)
    view = briefing("ruritania", places=places)
    assert view.logo == ViewImage(png_bytes(), "image/png")  # no data: URI: a format's own business
    # A template written when images were data: URIs (src="{{ logo }}") still gets one.
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "briefing.html").write_text('<img src="{{ logo }}"><img src="{{ logo | data_uri }}">')
    html = render_html(view, tmp_path / "old")
    assert html.count('src="data:image/png;base64,') == 2
