"""The last mile of the CLI: ``doctor``, ``new``, shell completion and ``--version``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from briefgen.data.schema import PartialDate, Profile, Visit
from briefgen.data.skeleton import field_docs
from briefgen.render import NAMES

from .helpers import FIXTURES, REPO, run_cli, write_tree

PREFIX = re.compile(r"^(ok|problem): ")


def _fixture_profiles(root: Path, defaults: bool = True) -> Path:
    """A profiles folder with the FICTIONAL fixtures (ruritania and its visit strelsau-2026)."""
    profiles = root / "profiles"
    shutil.copytree(FIXTURES, profiles, ignore=shutil.ignore_patterns("*.md"))
    if not defaults:
        (profiles / "defaults.yaml").unlink()
    return profiles


# doctor


def test_doctor_lines_say_ok_or_problem(tmp_path: Path) -> None:
    code, out, err = run_cli("doctor", "--out", tmp_path / "out")
    lines = out.splitlines()
    assert err == "" and lines
    assert all(PREFIX.match(line) for line in lines), lines
    assert code == (1 if any(line.startswith("problem: ") for line in lines) else 0)
    assert lines[0].startswith("ok: Python 3.")
    for expected in (
        "ok: profile japan is valid",
        "ok: visit forum-quang-ninh is valid",
        f"ok: output folder {tmp_path / 'out'} does not exist yet; it can be created in {tmp_path}",
        f"ok: templates in {REPO / 'templates'}: default ({', '.join(NAMES)})",
    ):
        assert expected in lines
    for script, sample in (("Latin", "Briefing"), ("Vietnamese", "Quảng Ninh Đà Nẵng"), ("Japanese", "北海道 日本")):
        assert any(line.startswith(f"ok: {script} text ({sample}): ") for line in lines), script
    assert not list((tmp_path).iterdir())  # nothing created


def test_doctor_json(tmp_path: Path) -> None:
    code, out, _ = run_cli("doctor", "--out", tmp_path, "--json")
    checks = json.loads(out)
    assert [set(c) for c in checks] == [{"name", "ok", "detail", "fix"}] * len(checks)
    names = [c["name"] for c in checks]
    for name in ("python", "docxtpl", "weasyprint", "pango", "harfbuzz-subset", "templates", "output"):
        assert name in names
    assert {"fonts-latin", "fonts-vietnamese", "fonts-japanese", "profile:japan", "visit:forum-quang-ninh"} <= set(
        names
    )
    assert code == (0 if all(c["ok"] for c in checks) else 1)
    assert next(c for c in checks if c["name"] == "output")["detail"] == f"output folder {tmp_path} is writable"
    assert all(c["fix"] for c in checks if not c["ok"])
    assert not list(tmp_path.iterdir())  # the probe file is gone


@pytest.mark.parametrize("where", ["file", "under-file"])
def test_doctor_blocked_out_is_a_problem(tmp_path: Path, where: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    out = blocker if where == "file" else blocker / "out"
    code, stdout, _ = run_cli("doctor", "--out", out)
    expected = {
        "file": f"problem: output folder {out} is a file; fix: choose a folder with --out DIR",
        "under-file": f"problem: output folder {out} cannot be created: {blocker} is a file; "
        "fix: choose a folder with --out DIR",
    }[where]
    assert code == 1 and expected in stdout.splitlines()


def test_doctor_reports_an_invalid_profile_with_its_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = _fixture_profiles(tmp_path)
    write_tree(profiles, {"broken.yaml": "partner:\n  name: X\n  nmae: Y\n"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("--profiles", "profiles", "doctor", "--out", tmp_path)
    assert code == 1
    assert (
        "problem: profile broken: profiles/broken.yaml:3:3: partner.nmae: unknown key 'nmae', did you mean 'name'?; "
        "fix: briefgen validate broken"
    ) in out.splitlines()
    assert "ok: profile ruritania is valid" in out and "ok: visit strelsau-2026 is valid" in out


def test_doctor_without_harfbuzz_subset_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint.text.ffi  # type: ignore[import-untyped]

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    code, out, _ = run_cli("doctor", "--out", tmp_path)
    assert code == 1
    assert (
        "problem: HarfBuzz subsetting (libharfbuzz-subset 4.1 or newer) not found: fonts are subset with fontTools; "
        "fix: apt-get install libharfbuzz-subset0 (makes PDF writing about 3x faster)"
    ) in out.splitlines()


def test_doctor_finds_missing_glyphs(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "fonts" / "NotoSansCJKjp-Regular.otf").unlink()
    code, out, _ = run_cli("--templates", templates, "doctor", "--out", tmp_path)
    assert code == 1
    line = next(line for line in out.splitlines() if "Japanese" in line)
    assert line.startswith(f"problem: Japanese text (北海道 日本): no font in {templates / 'fonts'} has 北 (U+5317)")
    assert any(line.startswith("ok: Vietnamese text") for line in out.splitlines())


# new


def _field_names(model: type[BaseModel], prune: str = "", seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every field name of ``model`` and of the models its fields hold (but not field ``prune``'s)."""
    seen = seen if seen is not None else set()
    seen.add(model)
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        if name == prune:
            continue
        for nested in _models_in(field.annotation):
            if nested not in seen:
                names |= _field_names(nested, prune, seen)
    return names


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    # A PartialDate is written as a date (2025-11-24), not as a mapping of its parts.
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation is not PartialDate:
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _keys(text: str) -> set[str]:
    """The keys a YAML text shows, set or commented out."""
    return set(re.findall(r"^[#\s]*(?:- )?([a-z_][a-z0-9_]*):", text, re.M))


def _flat(text: str) -> str:
    return " ".join(text.replace("#", " ").replace("``", "").split())


def test_new_partner_validates_as_written(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    code, out, err = run_cli("--profiles", profiles, "new", "bohemia")
    path = profiles / "bohemia.yaml"
    assert code == 0, err
    assert out == f"{path}\nnext: fill it in from your sources, then: briefgen validate bohemia\n"
    assert run_cli("--profiles", profiles, "validate", "bohemia") == (0, "ok: bohemia\n", "")
    # No invented fact: the only value set is the partner's name, taken from the file name.
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"partner": {"name": "bohemia"}}


def test_new_partner_without_defaults_gets_placeholders_that_validate(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path, defaults=False)
    assert run_cli("--profiles", profiles, "new", "bohemia")[0] == 0
    assert run_cli("--profiles", profiles, "validate", "bohemia") == (0, "ok: bohemia\n", "")
    data = yaml.safe_load((profiles / "bohemia.yaml").read_text(encoding="utf-8"))
    assert data == {"issuer": "TODO issuer", "marking": "TODO marking", "partner": {"name": "bohemia"}}


def test_new_visit_validates_as_written(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    code, out, err = run_cli("--profiles", profiles, "new", "--visit", "zenda-2027", "--partner", "ruritania")
    path = profiles / "visits" / "zenda-2027.yaml"
    assert code == 0, err
    assert out.splitlines()[0] == str(path)
    assert run_cli("--profiles", profiles, "validate", "zenda-2027") == (0, "ok: zenda-2027\n", "")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {
        "partner": "ruritania",
        "visit": {"title": "TODO visit title", "period": "TODO period"},
    }


def test_skeletons_show_every_field_with_its_docstring(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    run_cli("--profiles", profiles, "new", "bohemia")
    run_cli("--profiles", profiles, "new", "--visit", "zenda-2027", "--partner", "ruritania")
    partner = (profiles / "bohemia.yaml").read_text(encoding="utf-8")
    visit = (profiles / "visits" / "zenda-2027.yaml").read_text(encoding="utf-8")
    # A partner profile shows every field but the visit's, which a visit file shows.
    visit_fields = _field_names(Visit)
    partner_fields = _field_names(Profile, prune="visit")
    assert _field_names(Profile) == partner_fields | visit_fields
    assert "sources" in partner_fields and "side" in partner_fields and "programme" in visit_fields
    assert partner_fields - _keys(partner) == set()
    assert (visit_fields | {"partner"}) - _keys(visit) == set()
    for model, text in ((Profile, partner), (Visit, visit)):
        docs = field_docs(model)
        for name in model.model_fields:
            if name != "visit":
                assert docs[name] and _flat(docs[name]) in _flat(text), name
    assert "Whose side they are on." in partner and "One of: vietnam, partner." in partner


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    before = (profiles / "ruritania.yaml").read_bytes()
    code, out, err = run_cli("--profiles", profiles, "new", "ruritania")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {profiles / 'ruritania.yaml'} already exists; briefgen new never overwrites a file: "
        "edit it, or choose another name (see 'briefgen list')\n"
    )
    assert (profiles / "ruritania.yaml").read_bytes() == before
    code, _, err = run_cli("--profiles", profiles, "new", "--visit", "strelsau-2026", "--partner", "ruritania")
    assert code == 2 and "already exists" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "error: name a partner (briefgen new NAME) or a visit (briefgen new --visit NAME --partner PARTNER)"),
        (("x", "--visit", "y"), "error: name a partner (briefgen new NAME) or a visit"),
        (("--visit", "y"), "error: a visit is merged over a partner profile: name the partner of 'y' (--partner)"),
        (("x", "--partner", "ruritania"), "error: --partner goes with --visit"),
        (("--visit", "y", "--partner", "nope"), "error: no profile or visit named 'nope'"),
        (("../x",), "error: '../x' is not a profile name"),
        (("strelsau-2026",), "error: a visit named 'strelsau-2026' exists"),
    ],
)
def test_new_bad_usage_exits_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    profiles = _fixture_profiles(tmp_path)
    before = sorted(profiles.rglob("*"))
    code, out, err = run_cli("--profiles", profiles, "new", *args)
    assert code == 2 and out == "" and err.startswith(message), err
    assert sorted(profiles.rglob("*")) == before


# completion and version


def _complete(words: str, **env: str) -> list[str]:
    """What bash completion offers for the command line ``words`` (the last word being completed)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    environment.update(
        _BRIEFGEN_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        PYTHONPATH=str(REPO),
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-m", "briefgen"], capture_output=True, text=True, timeout=120, env=environment, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_names_commands_and_templates() -> None:
    assert _complete("briefgen ja") == ["japan"]
    assert {"build", "doctor", "new", "japan", "forum-quang-ninh"} <= set(_complete("briefgen "))
    assert _complete("briefgen preview fo") == ["forum-quang-ninh"]
    assert _complete("briefgen build japan --template ") == ["default"]
    assert _complete("briefgen batch --template d") == ["default"]
    assert _complete("briefgen new --visit v --partner ") == ["japan"]


def test_completion_reads_the_profiles_folder_given() -> None:
    assert _complete(f"briefgen --profiles {FIXTURES} r") == ["ruritania"]
    assert _complete("briefgen validate s", BRIEFGEN_PROFILES=str(FIXTURES)) == ["strelsau-2026"]


def test_install_completion_is_offered() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0 and "--install-completion" in out and "--show-completion" in out
