"""Habits of a good command line (issue 13, part 5): -h, global options anywhere, "did you mean",
names reserved for commands, build --all/--open, a paged and narrow-friendly preview, completion of
option values, batch's errors in full, readable placeholders, and --debug keeping exit codes.

Profiles here are the FICTIONAL fixtures (Ruritania) or the shipped Japan profile.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from briefgen.cli import app, command_names
from briefgen.cli.cli_args import hoist_globals

from .helpers import run_cli


def _commands() -> list[tuple[str, ...]]:
    """Every command path: ('build',), ('translate', 'export'), ..."""
    root: Any = typer.main.get_command(app)
    paths: list[tuple[str, ...]] = []
    for name, command in root.commands.items():
        paths.append((name,))
        paths += [(name, sub) for sub in getattr(command, "commands", {})]
    return paths


def _command(path: tuple[str, ...]) -> tuple[Any, Any]:
    """The click command at ``path`` and a context for it under a root context, as completion makes them."""
    root: Any = typer.main.get_command(app)
    ctx = root.make_context("briefgen", [], resilient_parsing=True)
    command = root
    for word in path:
        command = command.commands[word]
        ctx = command.make_context(word, [], parent=ctx, resilient_parsing=True)
    return command, ctx


# -h, global options after the command, did you mean, reserved names


@pytest.mark.parametrize("path", [(), *_commands()])
def test_dash_h_is_help_everywhere(path: tuple[str, ...]) -> None:
    code, out, err = run_cli(*path, "-h")
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first.startswith("Usage: ") and f"{' '.join(path)} [OPTIONS]".lstrip() in first
    assert out == run_cli(*path, "--help")[1]


def test_global_options_after_the_command(profiles: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli("list", "--profiles", profiles)
    assert code == 0 and "ruritania" in out and "japan" not in out
    code, out, _ = run_cli("list", f"--profiles={profiles}", "--json")
    assert json.loads(out)["folder"]["profiles"] == str(profiles)

    out_dir = tmp_path / "out"
    code, out, err = run_cli("ruritania", "--format", "md", "--out", out_dir, "--profiles", profiles, "--quiet")
    assert (code, out, err) == (0, "", "")
    assert "Ruritanie" in (out_dir / "ruritania" / "briefing.md").read_text(encoding="utf-8")
    code, _, err = run_cli("build", "nosuch", "--profiles", profiles, "-q")
    assert code == 2 and "no profile or visit named 'nosuch'" in err


def test_hoisting_keeps_the_meaning_of_the_line() -> None:
    root: Any = typer.main.get_command(app)
    assert hoist_globals(root, ["japan", "--quiet"]) == ["--quiet", "japan"]
    assert hoist_globals(root, ["build", "japan", "--debug", "--profiles", "P"]) == [
        "--debug",
        "--profiles",
        "P",
        "build",
        "japan",
    ]
    # validate has its own --templates; --out's value is not an option; nothing after --.
    assert hoist_globals(root, ["validate", "--templates"]) == ["validate", "--templates"]
    assert hoist_globals(root, ["build", "japan", "--out", "--quiet"]) == ["build", "japan", "--out", "--quiet"]
    assert hoist_globals(root, ["build", "--", "--quiet"]) == ["build", "--", "--quiet"]
    assert hoist_globals(root, ["translate", "export", "japan", "-q"]) == ["-q", "translate", "export", "japan"]


def test_validate_templates_is_still_validates_own_option() -> None:
    code, out, _ = run_cli("validate", "--templates")
    assert code == 0 and "ok: template default" in out.splitlines()
    code, out, _ = run_cli("validate", "--templates", "-q")
    assert (code, out) == (0, "")


def test_a_mistyped_command_says_did_you_mean(profiles: Path, tmp_path: Path) -> None:
    code, out, err = run_cli("--profiles", profiles, "biuld", "ruritania")
    assert code == 2 and out == ""
    assert err == "error: no command or profile named 'biuld'; did you mean 'build'? (see 'briefgen --help')\n"
    # A profile whose name is close to a command's is built, not corrected.
    shutil.copy(profiles / "ruritania.yaml", profiles / "checks.yaml")
    out_dir = tmp_path / "out"
    code, out, err = run_cli("--profiles", profiles, "checks", "--format", "md", "--out", out_dir)
    assert code == 0, err
    assert (out_dir / "checks" / "briefing.md").is_file()
    # A word close to no command is a profile name as before.
    code, _, err = run_cli("--profiles", profiles, "zzz")
    assert code == 2 and "no profile or visit named 'zzz'" in err


def test_a_profile_may_not_take_a_commands_name(profiles: Path) -> None:
    assert {"build", "list", "check", "translate", "preview"} <= set(command_names())
    shutil.copy(profiles / "ruritania.yaml", profiles / "list.yaml")
    warning = "warning: profile 'list' has the name of a command: 'briefgen list' runs the command"
    code, _, err = run_cli("--profiles", profiles, "list")
    assert code == 0 and warning in err
    code, _, err = run_cli("--profiles", profiles, "validate")
    assert code == 0 and warning in err
    for name in ("build", "check", "translate"):
        code, out, err = run_cli("--profiles", profiles, "new", name)
        assert code == 2 and out == ""
        assert err == f"error: '{name}' is the name of a briefgen command; choose another name for the profile\n"
        assert not (profiles / f"{name}.yaml").exists()
    code, _, err = run_cli("--profiles", profiles, "new", "--visit", "diff", "--partner", "ruritania")
    assert code == 2 and "'diff' is the name of a briefgen command" in err
    assert not (profiles / "visits" / "diff.yaml").exists()


# build --all and --open


def test_build_all_builds_every_partner_and_visit(profiles: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run_cli("--profiles", profiles, "build", "--all", "--format", "md", "--out", out_dir)
    assert code == 0, err
    assert out.split() == [
        str(out_dir / n / "briefing.md") for n in ("ruritania", "strelsau-2026", "zenda-summit-2026")
    ]
    assert "Strelsau" in (out_dir / "strelsau-2026" / "briefing.md").read_text(encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "build")
    assert code == 2 and "name the profiles or visits to build, or use --all" in err


def _fake_opener(folder: Path, log: Path, code: int = 0) -> Path:
    folder.mkdir()
    script = folder / ("open" if sys.platform == "darwin" else "xdg-open")
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexit {code}\n')
    script.chmod(0o755)
    return folder


def test_build_open_opens_the_result_with_the_desktop_viewer(profiles: Path, tmp_path: Path) -> None:
    log, out_dir = tmp_path / "opened.txt", tmp_path / "out"
    bin_dir = _fake_opener(tmp_path / "bin", log)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    args = ("--profiles", profiles, "build", "ruritania", "--format", "md,html", "--out", out_dir, "--open")
    code, _, err = run_cli(*args, env=env)
    assert (code, err) == (0, "")
    assert log.read_text().split() == [str(out_dir / "ruritania" / "briefing.html")]
    # Up to date: nothing is written, the existing document is still opened.
    code, out, _ = run_cli(*args, env=env)
    assert code == 0 and "up to date" in out
    assert log.read_text().split() == [str(out_dir / "ruritania" / "briefing.html")] * 2


def test_build_open_without_a_viewer_notes_it_and_succeeds(profiles: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out_dir = tmp_path / "out"
    args = ("--profiles", profiles, "build", "ruritania", "--format", "md", "--out", out_dir, "--open")
    code, out, err = run_cli(*args, env={"PATH": str(empty)})
    assert code == 0 and out.strip() == str(out_dir / "ruritania" / "briefing.md")
    assert err.startswith(f"note: {out_dir / 'ruritania' / 'briefing.md'} was built but not opened: no ")
    # A viewer that fails is a note too.
    log = tmp_path / "opened.txt"
    bin_dir = _fake_opener(tmp_path / "bin", log, code=3)
    code, _, err = run_cli(*args, "--force", env={"PATH": str(bin_dir)})
    assert code == 0 and "was built but not opened: " in err and "failed (exit 3)" in err


# preview: pager and 80 columns


def _run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run briefgen with its stdin and stdout on a pseudo-terminal; return what reached the terminal."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args], stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")
def test_preview_pages_a_long_briefing_on_a_terminal(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"cat > '{paged}'", "TERM": "xterm", "LINES": "24", "COLUMNS": "80"}
    env.pop("MANPAGER", None)
    screen = _run_on_a_terminal(["preview", "japan"], env)
    assert "Chiffres clés" in paged.read_text(encoding="utf-8")
    assert "Chiffres clés" not in screen
    paged.unlink()
    screen = _run_on_a_terminal(["preview", "japan", "--no-pager"], env)
    assert "Chiffres clés" in screen and not paged.exists()
    # A briefing that fits the screen is not paged.
    screen = _run_on_a_terminal(["preview", "japan"], {**env, "LINES": "10000"})
    assert "Chiffres clés" in screen and not paged.exists()


def test_preview_through_a_pipe_is_never_paged() -> None:
    code, out, _ = run_cli("preview", "japan", env={"PAGER": "false", "COLUMNS": "80"})
    assert code == 0 and "Chiffres clés" in out


def _lines_holding(text: str, lines: list[str]) -> int:
    """How many consecutive lines ``text`` spans (its words in order), 0 when it is not found."""
    cells = [re.sub(r"^[│ ]+|[│ ]+$", "", line) for line in lines]
    for span in (1, 2, 3, 4, 5, 6, 7, 8):
        for start in range(len(cells) - span + 1):
            if " ".join(text.split()) in " ".join(" ".join(cells[start : start + span]).split()):
                return span
    return 0


def test_preview_at_80_columns_wraps_no_label_over_more_than_two_lines() -> None:
    from briefgen.pipeline import api

    view = api.briefing("japan")
    labels = [f.label for f in view.key_figures] + [f.label for g in view.national_context for f in g.figures]
    code, out, _ = run_cli("preview", "japan", env={"COLUMNS": "80"})
    lines = out.splitlines()
    assert code == 0 and max(len(line) for line in lines) <= 80
    spans = {label: _lines_holding(label, lines) for label in labels}
    assert all(1 <= span <= 2 for span in spans.values()), spans
    # On a wide screen the figures stay a table (short labels on one line, a header row).
    code, out, _ = run_cli("preview", "japan", env={"COLUMNS": "160"})
    assert all(_lines_holding(f.label, out.splitlines()) == 1 for f in view.key_figures)
    assert re.search(r"Indicateur +Valeur +À jour au +Source", out)


# completion of option values


def test_completion_offers_lang_format_and_template_values() -> None:
    expected = {
        "--lang": ("", {"fr", "en", "vi"}),
        "--format": ("docx,p", {"docx,pdf"}),
        "--template": ("", {"default"}),
    }
    seen = set()
    for path in _commands():
        command, ctx = _command(path)
        for param in command.params:
            opt = next((o for o in getattr(param, "opts", []) if o in expected), None)
            if opt is None:
                continue
            incomplete, values = expected[opt]
            offered = {item.value for item in param.shell_complete(ctx, incomplete)}
            assert values <= offered, (path, opt, offered)
            seen.add((path[-1], opt))
    assert {("build", "--lang"), ("build", "--format"), ("build", "--template"), ("watch", "--format")} <= seen
    assert {("batch", "--template"), ("export", "--lang"), ("preview", "--lang")} <= seen


# batch errors and where the packs are; placeholders in help


def test_batch_prints_a_failed_packs_whole_reason_and_where_the_packs_are(profiles: Path, tmp_path: Path) -> None:
    (profiles / "visits" / "bad-visit.yaml").write_text(
        "partner: ruritania\nvisit: {title: T, date: 2026-02-30}\n", encoding="utf-8"
    )
    out_dir = tmp_path / "out"
    code, out, _ = run_cli("--profiles", profiles, "batch", "bad-visit", "--out", out_dir, "--json")
    reason = json.loads(out)[0]["error"]
    assert code == 1 and "visits/bad-visit.yaml:2:" in reason
    code, out, err = run_cli("--profiles", profiles, "batch", "bad-visit", "strelsau-2026", "--out", out_dir)
    assert code == 1
    assert f"error: bad-visit: {reason}\n" in err
    assert f"packs in: {out_dir}" in out
    assert (out_dir / "strelsau-2026.zip").is_file()


def test_help_shows_placeholders_not_python_types() -> None:
    python_types = re.compile(r"\b(TEXT|INTEGER|PATH|FLOAT|BOOLEAN)\b|<(str|int|path|float|list\[str\])>")
    for path in [(), *_commands()]:
        code, out, _ = run_cli(*path, "--help", env={"COLUMNS": "200"})
        assert code == 0
        assert not python_types.search(out), (path, python_types.search(out))
    _, out, _ = run_cli("batch", "--help", env={"COLUMNS": "200"})
    assert "--jobs, -j N" in out or "-j, --jobs N" in out
    _, out, _ = run_cli("check", "--help", env={"COLUMNS": "200"})
    assert "--today DATE" in out and "--lang LANG" in out


# --debug


@pytest.mark.parametrize("args", [("nosuch",), ("build", "nosuch"), ("check", "japan", "--today", "x")])
def test_debug_never_changes_the_exit_code(args: tuple[str, ...]) -> None:
    code, _, err = run_cli(*args)
    assert code == 2 and "Traceback" not in err
    for debug in (("--debug", *args), (*args, "--debug")):
        code_debug, _, err_debug = run_cli(*debug)
        assert code_debug == 2, debug
        assert "Traceback (most recent call last)" in err_debug
        assert err_debug.endswith(err)  # the same error line, after the traceback


def test_option_values_reach_the_command_as_typed_by_our_own_converters() -> None:
    """str, Path, list[str] and flags are converted without typer's pydantic adapters, to the same values."""
    root: Any = typer.main.get_command(app)
    words = ["build", "japan", "kenya", "--out", "o", "--lang", "en,vi", "--format", "md", "--force"]
    ctx = root.make_context("briefgen", ["-q", *words])  # the group's parse gives every option its converter
    command = root.commands["build"]
    sub = command.make_context("build", words[1:], parent=ctx)
    assert sub.params["out"] == Path("o") and isinstance(sub.params["out"], Path)
    assert sub.params["lang"] == "en,vi"
    assert sub.params["format"] == "md"
    assert sub.params["force"] is True
    assert sub.params["names"] == ["japan", "kenya"]
    assert sub.params["template"] is None
    assert ctx.params["quiet"] is True
    if hasattr(command.params[0], "_runtime_param"):  # typer 0.29's place for them: another typer uses its own
        ours = {"out", "lang", "names"}
        assert {type(p._runtime_param).__name__ for p in command.get_params(sub) if p.name in ours} == {"Plain"}
