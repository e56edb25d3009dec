"""The format registry (briefgen.render), the Markdown briefing, and builds that skip when nothing changed.

The hostile profile text below is FICTIONAL (tests/fixtures with invented edits).
"""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import render
from briefgen.pipeline import api
from briefgen.render.markdown import escape
from briefgen.view.viewmodel import Briefing
from tests.helpers import FIXTURES, REPO, run_cli


def _strings(value: object, skip: frozenset[str]) -> list[str]:
    """Every text the view model holds for the reader (not anchors, images, labels or charts)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, skip)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = []
        for f in dataclasses.fields(value):
            if f.name not in skip:
                found += _strings(getattr(value, f.name), skip)
        return found
    return []


def _plain(markdown: str) -> str:
    """Markdown as a reader sees its words: backslash escapes removed, whitespace joined."""
    return " ".join(re.sub(r"\\(.)", r"\1", markdown).split())


# ---------------------------------------------------------------------- the registry


def test_every_format_is_provided_by_the_shipped_templates_and_named_in_help_and_readme() -> None:
    assert api.list_templates(api.Places.find())["default"] == list(render.NAMES)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code, out, _ = run_cli("build", "--help")
    help_text = " ".join(out.split())
    for fmt in render.FORMATS:
        assert f"{fmt.name} ({fmt.summary})" in help_text
        assert f"`{fmt.filename()}`" in readme, fmt.name
        module = fmt.renderer.split(":")[0]
        assert (REPO / (module.replace(".", "/") + ".py")).is_file(), fmt.renderer


def test_format_completion_offers_the_registry_names() -> None:
    env = {
        "_BRIEFGEN_COMPLETE": "complete_bash",
        "COMP_WORDS": "briefgen build japan --format docx,",
        "COMP_CWORD": "4",
    }
    result = subprocess.run(
        [sys.executable, "-m", "briefgen"], env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )
    offered = [line.split(",", 1)[-1] for line in result.stdout.split()]
    assert sorted(offered) == sorted(n for n in render.NAMES if n != "docx"), result.stdout


def test_an_unknown_format_names_every_format_of_the_registry(tmp_path: Path) -> None:
    code, _, err = run_cli("japan", "--format", "odt", "--out", tmp_path)
    assert code == 2
    assert err == f"error: unknown format 'odt': use {render.described()} (--format)\n"
    assert not (tmp_path / "japan").exists()


@pytest.mark.parametrize("module", ["pack", "batch", "forked"])
def test_packs_batch_and_fork_do_not_call_back_into_the_api(module: str) -> None:
    tree = ast.parse((REPO / "briefgen" / "pipeline" / f"{module}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert "briefgen.pipeline.api" not in imported


# ---------------------------------------------------------------------- Markdown


@pytest.mark.parametrize("name", ["japan", "forum-quang-ninh"])
def test_md_holds_every_fact_of_the_view_model(tmp_path: Path, name: str) -> None:
    code, out, err = run_cli(name, "--format", "md", "--out", tmp_path)
    assert (code, err) == (0, "")
    assert out.split() == [str(tmp_path / name / "briefing.md")]
    text = _plain((tmp_path / name / "briefing.md").read_text(encoding="utf-8"))
    view: Briefing = api.briefing(name)
    # images, ids, and a source's brief note (publisher and date), which only the key-facts sheet prints
    not_text = {"labels", "charts", "logo", "photo", "timestamp", "lang", "anchor", "id", "gaps", "brief"}
    wanted = _strings(view, frozenset(not_text))
    assert len(wanted) > 50
    missing = [s for s in wanted if " ".join(s.split()) not in text]
    assert missing == []
    assert [f"[{s.number}]" for s in view.sources] and all(f"[{s.number}]" in text for s in view.sources)


def test_md_escape_keeps_user_text_literal() -> None:
    assert escape("a | b") == "a \\| b"
    assert escape("*x* _y_ `z` # <b> [l](u) ~s~") == "\\*x\\* \\_y\\_ \\`z\\` \\# \\<b\\> \\[l\\](u) \\~s\\~"
    assert escape("line one\nline two") == "line one line two"
    assert escape("- not a list") == "\\- not a list"
    assert escape("1. not a list") == "1\\. not a list"
    assert escape("R&D &amp;") == "R&D \\&amp;"


def test_hostile_profile_text_cannot_break_a_table_or_inject_html(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(FIXTURES, profiles)
    path = profiles / "ruritania.yaml"
    hostile = 'name: "Rudolf | <img src=x onerror=alert(1)> *gras* `code` # titre _x_"'
    path.write_text(path.read_text(encoding="utf-8").replace("name: Rudolf Rassendyll", hostile), encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--format", "md", "--out", tmp_path / "out")
    assert code == 0, err
    text = (tmp_path / "out" / "ruritania" / "briefing.md").read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)<img", text) is None and "\\<img src=x onerror=alert(1)\\>" in text
    row = next(line for line in text.splitlines() if "Rudolf" in line)
    header = text.splitlines()[text.splitlines().index(row) - 2]
    unescaped = re.compile(r"(?<!\\)\|")
    assert len(unescaped.findall(row)) == len(unescaped.findall(header)) == 4
    assert "\\*gras\\* \\`code\\` \\# titre \\_x\\_" in row


# ---------------------------------------------------------------------- do nothing when nothing changed


def _build(profiles: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "--profiles", str(profiles), "ruritania", "--format", "md,html"]
        + ["--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unchanged_build_is_skipped_and_any_change_rebuilds(tmp_path: Path) -> None:
    profiles, out = tmp_path / "profiles", tmp_path / "out"
    shutil.copytree(FIXTURES, profiles)
    folder = out / "ruritania"
    first = _build(profiles, out)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == [str(folder / "briefing.html"), str(folder / "briefing.md")]
    record = json.loads((folder / ".briefgen-build.json").read_text(encoding="utf-8"))
    assert [o["path"] for o in record["outputs"]] == ["briefing.html", "briefing.md", "facts.json"]

    skipped = _build(profiles, out)
    assert (skipped.returncode, skipped.stdout) == (0, f"up to date: {folder} (use --force to rebuild)\n")

    mtime = (folder / "briefing.md").stat().st_mtime_ns
    forced = _build(profiles, out, "--force")
    assert forced.stdout.split() == first.stdout.split()
    assert (folder / "briefing.md").stat().st_mtime_ns != mtime

    path = profiles / "ruritania.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Rudolf Rassendyll", "Rudolf Rassendyl"), encoding="utf-8")
    edited = _build(profiles, out)
    assert edited.stdout.split() == first.stdout.split()
    assert "Rudolf Rassendyl " in (folder / "briefing.md").read_text(encoding="utf-8")
    assert _build(profiles, out).stdout.startswith("up to date: ")

    md = folder / "briefing.md"
    data = md.read_bytes()
    md.write_bytes(data.replace(b"Rudolf", b"Rodolf"))  # same size, other bytes
    assert len(md.read_bytes()) == len(data)
    tampered = _build(profiles, out)
    assert tampered.stdout.split() == first.stdout.split()
    assert md.read_bytes() == data

    other = _build(profiles, out, "--lang", "en")  # another language: its own files and record
    assert other.stdout.split() == [p.replace("briefing.", "briefing.en.") for p in first.stdout.split()]
    assert _build(profiles, out).stdout.startswith("up to date: ")  # the French files are still the French build's
    assert _build(profiles, out, "--final").stdout.split() == first.stdout.split()  # an option is an input too
