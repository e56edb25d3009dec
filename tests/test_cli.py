"""The command line: exit codes, messages on stderr, shorthand, preview, light imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.render import NAMES

from .helpers import REPO, run_cli, write_tree


def test_validate_ok_and_json() -> None:
    code, out, _ = run_cli("validate", "japan")
    assert code == 0 and out.strip() == "ok: japan"
    code, out, _ = run_cli("validate", "--json")
    assert code == 0 and json.loads(out) == []


def test_validate_reports_file_line_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"p/defaults.yaml": "issuer: I\nmarking: M\n", "p/x.yaml": "partner:\n  name: X\n  nmae: Y\n"})
    code, out, err = run_cli("--profiles", "p", "validate", "x")
    assert code == 2
    assert err.strip() == "error: p/x.yaml:3:3: partner.nmae: unknown key 'nmae', did you mean 'name'?"
    code, out, _ = run_cli("--profiles", "p", "validate", "x", "--json")
    assert code == 2
    assert json.loads(out) == [
        {
            "file": "p/x.yaml",
            "line": 3,
            "column": 3,
            "path": "partner.nmae",
            "message": "unknown key 'nmae', did you mean 'name'?",
        }
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("build", "../etc"),
        ("jpan",),
        ("build", "japan", "--format", "odt"),
        ("build", "japan", "--lang", "de"),
        ("preview", "nope"),
    ],
)
def test_bad_usage_exits_2_without_traceback(args: tuple[str, ...]) -> None:
    code, out, err = run_cli(*args)
    assert code == 2
    assert err.startswith("error: ") and "Traceback" not in err


def test_unknown_profile_message() -> None:
    code, _, err = run_cli("jpan")
    assert err.strip() == (
        f"error: no profile or visit named 'jpan' in {REPO / 'profiles'}; did you mean 'japan'? "
        "(found: japan, example-quang-ninh-hokkaido-2027, forum-quang-ninh; see 'briefgen list')"
    )


def test_list_shows_profiles_templates_and_as_of() -> None:
    code, out, _ = run_cli("list", "--json")
    data = json.loads(out)
    assert code == 0
    common = {"partner": "Japon", "as_of": "2026-01-19", "problem": "", "facts_as_of": "2025..2026-01-19"}
    assert data["profiles"] == [
        {"name": "japan", **common, "kind": "partner", "visit": "", "dates": ""},
        {
            "name": "example-quang-ninh-hokkaido-2027",
            **common,
            "kind": "visit",
            "visit": "[Exemple] Visite de travail de la délégation de la province de Quảng Ninh à Hokkaido",
            "dates": "2027-04-19..2027-04-22",
        },
        {
            "name": "forum-quang-ninh",
            **common,
            "kind": "visit",
            "visit": "Forum de coopération locale Vietnam-Japon",
            "dates": "d'ici la fin de l'année 2025",
        },
    ]
    assert {"name": "default", "formats": list(NAMES)} in data["templates"]


def test_preview_shows_sections_and_literal_text(tmp_path: Path) -> None:
    fixtures = REPO / "tests" / "fixtures"
    hostile = "A & B <b>bold</b> [bold]x[/bold] {{ 7*7 }}"
    write_tree(
        tmp_path,
        {
            "defaults.yaml": (fixtures / "defaults.yaml").read_text(encoding="utf-8"),
            "x.yaml": (fixtures / "ruritania.yaml")
            .read_text(encoding="utf-8")
            .replace("Relation fictive", f"'{hostile}' Relation fictive")
            .replace("text: '", "text: \"'")
            .replace("北海道.", '北海道."'),
        },
    )
    code, out, err = run_cli("--profiles", tmp_path, "preview", "x", env={"COLUMNS": "200"})
    assert code == 0, err
    assert hostile in out
    for title in ("La relation en bref", "Chiffres clés", "Chronologie", "Sources"):
        assert title in out
    assert "plus de 2\u202f500" in out and "Quảng Ninh" in out


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_commands_that_render_nothing_import_no_renderer(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('weasyprint', 'docxtpl', 'docx', 'matplotlib', 'PIL') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    for args in (
        ["--help"],
        ["--version"],
        ["list"],
        ["validate", "japan"],
        ["preview", "japan"],
        ["check", "japan"],
        ["batch", "--help"],
        ["doctor", "--help"],
        ["new", "--help"],
        ["--profiles", ".", "new", "x"],
    ):
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
        )
        assert "HEAVY []" in result.stdout, (args, result.stdout[-300:], result.stderr[-300:])


def test_version() -> None:
    from importlib.metadata import version

    from briefgen import __version__

    code, out, _ = run_cli("--version")
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"briefgen {__version__}"
    assert lines[1] == "python {}.{}.{}".format(*sys.version_info[:3])
    assert lines[2:] == [f"{name} {version(name)}" for name in ("weasyprint", "docxtpl", "pydantic", "typer")]
