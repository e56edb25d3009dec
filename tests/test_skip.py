"""An unchanged build is skipped, cheaply, and says what the build that made its files said; any input change rebuilds.

Every profile here is a FICTIONAL fixture (tests/fixtures), copied into tmp_path.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from .helpers import REPO, run_cli

VISIT = "zenda-summit-2026"


def png_bytes(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def profiles(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The FICTIONAL fixtures with an emblem (the partner's logo) and a photo (the visit's delegation head)."""
    folder = profiles
    (folder / "images").mkdir()
    (folder / "images" / "emblem.png").write_bytes(png_bytes((31, 58, 95)))
    (folder / "images" / "head.png").write_bytes(png_bytes((200, 120, 40)))
    partner = folder / "ruritania.yaml"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(
        text.replace("  native: ルリタニア\n", "  native: ルリタニア\n  logo: images/emblem.png\n"), "utf-8"
    )
    monkeypatch.chdir(profiles.parent)
    return folder


def with_photo(profiles: Path) -> None:
    visit = profiles / "visits" / f"{VISIT}.yaml"
    lines = visit.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "biography:")
    indent = " " * (len(lines[at]) - len(lines[at].lstrip()) + 2)
    lines.insert(at + 1, f"{indent}photo: images/head.png\n")
    visit.write_text("".join(lines), encoding="utf-8")


def build(*args: str | Path) -> tuple[int, str, str]:
    return run_cli("--profiles", "profiles", *args, "--out", "out", "--date", "2026-02-15")


def docx_media(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


@pytest.mark.parametrize(("image", "name"), [("emblem.png", "ruritania"), ("head.png", VISIT)])
def test_editing_only_an_image_the_profile_names_rebuilds(
    profiles: Path, tmp_path: Path, image: str, name: str
) -> None:
    with_photo(profiles)
    code, _, err = build(name, "--format", "docx")
    assert code == 0, err
    assert build(name, "--format", "docx")[1].startswith("up to date: ")
    (profiles / "images" / image).write_bytes(png_bytes((0, 160, 0)))  # the YAML is untouched
    code, out, err = build(name, "--format", "docx")
    assert code == 0, err
    assert out == f"{Path('out') / name / 'briefing.docx'}\n"
    assert png_bytes((0, 160, 0)) in docx_media(tmp_path / "out" / name / "briefing.docx")
    assert build(name, "--format", "docx")[1].startswith("up to date: ")


def test_a_removed_image_is_not_up_to_date_but_an_error(profiles: Path) -> None:
    assert build("ruritania", "--format", "md")[0] == 0
    (profiles / "images" / "emblem.png").unlink()
    code, out, err = build("ruritania", "--format", "md")
    assert code == 2 and out == ""
    assert "partner.logo: 'images/emblem.png' no such image file in the profiles folder" in err


@pytest.mark.parametrize(
    "change",
    ["defaults", "partner", "visit", "template", "font", "format", "lang", "date", "final", "version"],
)
def test_every_input_of_a_build_rebuilds_it(profiles: Path, tmp_path: Path, change: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    args: list[str] = ["--templates", str(templates), "--profiles", "profiles", VISIT, "--out", "out"]
    base = [*args, "--format", "md", "--date", "2026-02-15"]
    assert run_cli(*base)[0] == 0
    code, out, _ = run_cli(*base)
    assert (code, out) == (0, f"up to date: {Path('out') / VISIT} (use --force to rebuild)\n")
    edits = {
        "defaults": lambda: _append(profiles / "defaults.yaml", "\n# edited\n"),
        "partner": lambda: _append(profiles / "ruritania.yaml", "\n# edited\n"),
        "visit": lambda: _append(profiles / "visits" / f"{VISIT}.yaml", "\n# edited\n"),
        "template": lambda: _append(templates / "briefing.md", "\n"),
        "font": lambda: _append(next((templates / "fonts").iterdir()), "\0"),
    }
    again = list(base)
    if change in edits:
        edits[change]()
    elif change == "format":
        again[again.index("md")] = "md,html"
    elif change == "lang":
        again += ["--lang", "en"]
    elif change == "date":
        again[again.index("2026-02-15")] = "2026-02-16"
    elif change == "final":
        again += ["--final"]
    env = {"BRIEFGEN_TEST_VERSION": "9.9.9"} if change == "version" else None
    if change == "version":
        code, out, err = _real(again, env)
    else:
        code, out, err = run_cli(*again)
    assert "up to date" not in out, (change, out, err)


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def _real(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The real command in a new process; ``BRIEFGEN_TEST_VERSION`` stands for another briefgen version."""
    code = "import sys, briefgen; briefgen.__version__ = sys.argv[1]; import briefgen.pipeline.record as r; "
    code += "r.__version__ = sys.argv[1]; from briefgen.cli import main; main(sys.argv[2:])"
    version = (env or {}).get("BRIEFGEN_TEST_VERSION", "0.1.0")
    result = subprocess.run(
        [sys.executable, "-c", code, version, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    return result.returncode, result.stdout, result.stderr


def test_an_unchanged_build_repeats_its_warnings_and_translation_summary(profiles: Path) -> None:
    code, _, first = build(VISIT, "--format", "md", "--lang", "en")
    assert code == 0
    assert "facts older than 12 months on 15 Feb 2026" in first
    assert "warning: zenda-summit-2026: en: " in first and "field(s) have no current English text" in first
    code, out, again = build(VISIT, "--format", "md", "--lang", "en")
    assert (code, again) == (0, first)
    assert out.startswith("up to date: ")
    code, out, other = build(VISIT, "--format", "md", "--lang", "en", "--max-age", "20y")
    assert code == 0 and not out.startswith("up to date: ")  # the age shapes the documents: the marks of old facts
    assert "older than" not in other and "field(s) have no current English text" in other
    code, out, again = build(VISIT, "--format", "md", "--lang", "en", "--max-age", "20y")
    assert (code, again) == (0, other) and out.startswith("up to date: ")


def test_an_unchanged_build_loads_no_model_renderer_or_babel(profiles: Path, tmp_path: Path) -> None:
    args = ["--profiles", "profiles", VISIT, "--out", "out", "--format", "docx,pdf", "--date", "2026-02-15"]
    assert _real(args)[0] == 0
    code = (
        "import sys, atexit\n"
        "heavy = ('briefgen.data.schema', 'briefgen.view.viewmodel', 'weasyprint', 'docxtpl', 'babel', 'pydantic')\n"
        "atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy)))))\n"
        "import json\nfrom briefgen.cli import main\nmain(sys.argv[1:])\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    skipped, loaded = result.stdout.splitlines()
    assert skipped.startswith("up to date: ")
    assert json.loads(loaded) == []
    assert "facts older than 12 months" in result.stderr  # said again, from the record


def test_a_record_from_before_images_were_recorded_rebuilds_once(profiles: Path, tmp_path: Path) -> None:
    assert build("ruritania", "--format", "md")[0] == 0
    record_path = tmp_path / "out" / "ruritania" / ".briefgen-build.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert [i["path"] for i in record["images"]] == ["images/emblem.png"]
    del record["images"]
    record_path.write_text(json.dumps(record), encoding="utf-8")
    assert "up to date" not in build("ruritania", "--format", "md")[1]
    assert build("ruritania", "--format", "md")[1].startswith("up to date: ")


def test_batch_warns_about_dates_for_built_and_up_to_date_packs(profiles: Path) -> None:
    args = ["--profiles", "profiles", "batch", VISIT, "--out", "out", "--date", "2026-06-30", "--jobs", "1"]
    code, _, first = run_cli(*args)
    assert code == 0
    assert first.splitlines() == [
        f"warning: {VISIT}: 2 facts older than 12 months on 30 Jun 2026; see 'briefgen check {VISIT}'",
        f"warning: {VISIT}: visit.end is already past on 30 Jun 2026; see 'briefgen check {VISIT}'",
    ]
    code, out, again = run_cli(*args, "--json")
    assert (code, again) == (0, first)  # up to date: the same lines, from the manifest
    (result,) = json.loads(out)
    assert result["status"] == "up to date" and result["warnings"] == [
        line[len("warning: ") :] for line in first.splitlines()
    ]
