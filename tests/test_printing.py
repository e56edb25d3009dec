"""Every byte briefgen prints goes through ``briefgen.cli.printing``, which shows what moves or hides, never obeys it.

Profiles here are the FICTIONAL fixtures of ``tests/fixtures/``, edited; the ``--since`` files are
fictional facts.json documents made from them.
"""

from __future__ import annotations

import ast
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefgen.cli.printing import _json_escaped, console
from briefgen.pipeline import api
from briefgen.view.facts import facts_document
from briefgen.view.sections import newest_as_of

from .helpers import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"
PRINTING = REPO / "briefgen" / "cli" / "printing.py"
NOT_PRINTING = {
    # Runs with the system Python before any dependency is installed, and prints only its own
    # words, pip's command lines and paths of this checkout: no profile, no facts, no user text.
    REPO / "briefgen" / "bootstrap.py",
}

# Each: a terminal-moving or hiding sequence, and how it must print.
HOSTILE = {
    "\x1b]0;PWNED\x07": "\\x1b]0;PWNED\\x07",  # OSC: set the window title
    "\x1b[2J\x1b[H": "\\x1b[2J\\x1b[H",  # clear the screen, cursor home
    "\x1b[3A": "\\x1b[3A",  # cursor up three lines
    "\x9b2K": "\\x9b2K",  # C1 CSI: erase the line
    "\x9d0;T\x9c": "\\x9d0;T\\x9c",  # C1 OSC ... ST
    "\u202egnp.exe": "\\u202egnp.exe",  # right-to-left override
    "\u2067x\u2069": "\\u2067x\\u2069",  # right-to-left isolate
    "a\u200bb\u2060c\ufeff": "a\\u200bb\\u2060c\\ufeff",  # zero-width space, word joiner, BOM
    "x\nok: forged": "x\\nok: forged",  # a line of our own, forged
}
SUMMARY = "text: Relation fictive avec Quảng Ninh, Đà Nẵng et 北海道."
RAW = ["\x1b", "\x07", "\x9b", "\x9c", "\x9d", "\u202e", "\u2067", "\u2069", "\u200b", "\u2060", "\ufeff"]


def _assert_escaped(text: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached the terminal"
    assert "\nok: forged" not in text


# ---- by construction: one module prints ---------------------------------------------------------


def _printing_calls(tree: ast.AST) -> list[tuple[int, str]]:
    """Every way to print that bypasses briefgen.cli.printing, with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("rich", "typer", "click", "builtins", "pprint"):
            for alias in node.names:
                if alias.name in ("print", "echo", "secho", "pprint", "get_console"):
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
        if isinstance(node, ast.ImportFrom) and node.module == "rich.console":
            for alias in node.names:
                if alias.name in ("get_console",):
                    found.append((node.lineno, "rich.console.get_console"))
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        dotted = ast.unparse(func)
        if isinstance(func, ast.Name) and func.id in ("print", "pprint", "breakpoint", "input"):
            found.append((node.lineno, dotted))
        elif dotted in ("typer.echo", "typer.secho", "click.echo", "click.secho", "rich.print", "os.write"):
            found.append((node.lineno, dotted))
        elif dotted.startswith(("sys.stdout.", "sys.stderr.", "sys.__stdout__.", "sys.__stderr__.")) and (
            dotted.endswith((".write", ".writelines", ".buffer.write"))
        ):
            found.append((node.lineno, dotted))
        elif dotted.startswith("traceback.print_") or dotted in ("warnings.showwarning",):
            found.append((node.lineno, dotted))
        elif dotted.endswith(".file.write"):  # a rich console's own file
            found.append((node.lineno, dotted))
        elif (isinstance(func, ast.Name) and func.id in ("Console", "get_console")) or dotted.endswith(
            (".Console", ".get_console")
        ):
            found.append((node.lineno, dotted))
        elif dotted.split(".")[-1] in ("Progress", "Live", "Status") and not any(
            k.arg == "console" for k in node.keywords
        ):
            found.append((node.lineno, f"{dotted} without console= (it would make its own)"))
    return found


def test_nothing_prints_but_the_printing_module() -> None:
    offenders = []
    for path in sorted((REPO / "briefgen").rglob("*.py")):
        if path == PRINTING or path in NOT_PRINTING:
            continue
        for line, what in _printing_calls(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(REPO)}:{line}: {what}")
    assert offenders == [], "print through briefgen.cli.printing (say, say_json, console):\n" + "\n".join(offenders)


def test_the_scan_finds_each_way_to_print() -> None:
    source = """
import sys, typer, click, rich, os, traceback
from rich import print as rprint
from rich.console import Console
from rich.progress import Progress
print("x")
typer.echo("x")
click.secho("x")
rich.print("x")
sys.stdout.write("x")
sys.stderr.buffer.write(b"x")
os.write(1, b"x")
traceback.print_exc()
Console()
rich.console.Console(stderr=True)
console.file.write("x")
Progress()
"""
    found = [what for _, what in _printing_calls(ast.parse(source))]
    assert len(found) == 13, found


# ---- the console, say_json -----------------------------------------------------------------------


@pytest.mark.parametrize("raw", list(HOSTILE))
def test_the_console_escapes_every_text_it_draws(raw: str) -> None:
    stream = io.StringIO()
    on = console(file=stream, force_terminal=True, color_system="standard", width=200)
    table = Table(raw)
    table.add_row(raw, Text(raw, style="bold"))
    on.print(Text("a " + raw, style="red"))
    on.print(raw)
    on.print(table)
    on.print(Panel(Text(raw), title=Text(raw)))
    out = stream.getvalue()
    for char in RAW:
        if char != "\x1b":
            assert char not in out
    # The only escape sequences left are the console's own colours (ESC [ ... m).
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x1b[3A" not in out and "\x1b[H" not in out
    # rich itself drops BEL, backspace and carriage return from a Text; the rest shows as escapes.
    assert HOSTILE[raw].split("\\n")[0].replace("\\x07", "") in out
    assert "\x1b[1m" in out  # styles still work


def test_the_console_keeps_markup_literal_and_lines_aligned() -> None:
    stream = io.StringIO()
    on = console(file=stream, width=60)
    table = Table("a", "b")
    table.add_row("x\u200by", "[bold]z")
    on.print(table)
    lines = stream.getvalue().splitlines()
    assert "x\\u200by" in stream.getvalue() and "[bold]z" in stream.getvalue()
    assert len({len(line) for line in lines if line.strip()}) == 1  # widths computed on the escaped text


def test_json_output_escapes_invisible_characters_and_parses_back() -> None:
    data = {"v": "a\x9db\u202ec\u200bd\U000e0041", "ok": "Quảng Ninh 北海道"}
    text = _json_escaped(json.dumps(data, ensure_ascii=False, indent=2))
    assert text.isprintable() or set(text) - set("\n") <= set(text)
    assert all(c not in text for c in ("\x9d", "\u202e", "\u200b", "\U000e0041"))
    assert "Quảng Ninh 北海道" in text
    assert json.loads(text) == data


# ---- diff and watch --------------------------------------------------------------------------------


def _profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(FIXTURES, folder)
    return folder


def _hostile_since(folder: Path, tmp_path: Path) -> Path:
    """A facts.json (FICTIONAL) whose every value, date label and source is hostile text."""
    profile = api.load_profile("ruritania", api.Places.find(folder))
    document = facts_document("ruritania", profile, "2025-06-30", newest_as_of(profile))
    hostile = "".join(HOSTILE)
    for fact in document["facts"].values():
        for key, value in fact["value"].items():
            if isinstance(value, str):
                fact["value"][key] = value + hostile
        if fact["source"]:
            fact["source"]["key"] += hostile
    document["facts"]["removed:" + hostile] = {"kind": "claim", "value": {"text": hostile}, "as_of": None}
    document["dated"] = "2025-06-30" + hostile
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_diff_since_a_hostile_facts_json_prints_every_sequence_escaped(tmp_path: Path) -> None:
    folder = _profiles(tmp_path)
    since = _hostile_since(folder, tmp_path)
    code, out, err = run_cli("--profiles", folder, "diff", "ruritania", "--since", since, env={"COLUMNS": "300"})
    assert code == 0, err
    _assert_escaped(out + err)
    assert "~ Modifié  summary:fict-src#1" in out
    for escaped in HOSTILE.values():
        assert escaped in out
    code, out, err = run_cli("--profiles", folder, "diff", "ruritania", "--since", since, "--json")
    assert code == 0, err
    _assert_escaped(out)
    removed = json.loads(out)["removed"]
    assert removed[0]["before"]["value"]["text"] == "".join(HOSTILE)  # the JSON holds the very text


def test_diff_shows_hostile_profile_text_escaped(tmp_path: Path) -> None:
    folder = _profiles(tmp_path)
    since = tmp_path / "facts.json"
    profile = api.load_profile("ruritania", api.Places.find(folder))
    document = facts_document("ruritania", profile, "2025-06-30", newest_as_of(profile))
    since.write_text(json.dumps(document), encoding="utf-8")
    profile = folder / "ruritania.yaml"
    # A profile cannot hold ESC (loading refuses it), but C1 controls, bidi, zero-width and line breaks it can.
    hostile = "Relation\\x9b2K \\x9d0;T\\x9c \\u202egnp.exe \\u2067x\\u2069 a\\u200bb\\u2060c x\\nok: forged"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace(SUMMARY, f'text: "{hostile}"', 1), encoding="utf-8")
    code, out, err = run_cli("--profiles", folder, "diff", "ruritania", "--since", since, env={"COLUMNS": "300"})
    assert code == 0, err
    _assert_escaped(out + err)
    assert "→ Relation\\x9b2K \\x9d0;T\\x9c \\u202egnp.exe \\u2067x\\u2069 a\\u200bb\\u2060c x\\nok: forged" in out


def test_watch_prints_hostile_profile_text_escaped(tmp_path: Path) -> None:
    folder, out_dir = _profiles(tmp_path), tmp_path / "out"
    profile = folder / "ruritania.yaml"
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update(PYTHONUNBUFFERED="1", COLUMNS="300")
    command = [sys.executable, "-m", "briefgen", "--profiles", str(folder)]
    command += ["watch", "ruritania", "--format", "md", "--out", str(out_dir)]
    hostile = "Relation\\x9b2K \\x9d0;T\\x9c \\u202egnp.exe \\u2067x\\u2069 a\\u200bb\\u2060c x\\nok: forged"

    def wait(count: int, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 90
        while stdout.read_text(encoding="utf-8").count("watching for changes") < count:
            assert process.poll() is None and time.monotonic() < deadline, stderr.read_text(encoding="utf-8")
            time.sleep(0.05)

    with stdout.open("wb") as out_file, stderr.open("wb") as err_file:
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, cwd=tmp_path, env=env)
    try:
        wait(1, process)
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace(SUMMARY, f'text: "{hostile}"', 1), encoding="utf-8")
        wait(2, process)
        # A broken save whose error quotes hostile text (a key with a bidi override).
        profile.write_text(profile.read_text(encoding="utf-8") + '"x\\u202e\\u200b": 1\n', encoding="utf-8")
        deadline = time.monotonic() + 90
        while "error: " not in stderr.read_text(encoding="utf-8"):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    printed, errors = stdout.read_text(encoding="utf-8"), stderr.read_text(encoding="utf-8")
    _assert_escaped(printed + errors)
    flat = " ".join(printed.split())
    assert "~ Modifié summary:fict-src#1" in flat
    assert "Relation\\x9b2K \\x9d0;T\\x9c \\u202egnp.exe \\u2067x\\u2069 a\\u200bb\\u2060c x\\nok: forged" in flat
    assert "x\\u202e\\u200b" in errors


def _report_lines(outcome: Any) -> str:
    from briefgen.cli.reports import TerminalReport

    stream = io.StringIO()
    on = console(file=stream, width=300)
    TerminalReport(on, on)(outcome)  # not quiet: quiet prints no warning
    return stream.getvalue()


def test_watch_report_escapes_errors_warnings_and_paths() -> None:
    from briefgen.pipeline.watch import Outcome

    hostile = "".join(HOSTILE)
    printed = _report_lines(Outcome(0.1, error=[f"profiles/x.yaml:1: {hostile}"]))
    printed += _report_lines(Outcome(0.1, files=[Path("out") / hostile], warnings=[hostile]))
    _assert_escaped(printed)
    assert printed.count("\\x1b]0;PWNED\\x07") == 3
