"""Broken inputs: every one is refused with exit 2, a clear ``error:`` line, no traceback, nothing written.

The corpus is ``tests/bad_inputs/``: one broken profile per file, and ``cases.yaml`` saying what
briefgen must answer to each. Both ``validate`` and ``build`` run on every case, in process (typer's
runner). Cases that could cost unbounded time or memory (50 MB, 100,000 levels of ``[``, alias
bombs, 2 MiB of values) also run as a real process under a 1 GiB address-space limit and a timeout.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.errors import ProfileError
from briefgen.loading import load_layer

from .helpers import REPO, run_cli

CORPUS = Path(__file__).parent / "bad_inputs"
FIXTURES = Path(__file__).parent / "fixtures"
CASES: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the resource-bound runs
TIME_LIMIT = 10.0  # seconds of wall time for one resource-bound run


def _case_params() -> list[Any]:
    params = []
    for name, case in CASES.items():
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def _fragments(case: dict[str, Any]) -> list[str]:
    expect = case["expect"]
    return [expect] if isinstance(expect, str) else list(expect)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder with ``profiles/``; messages show paths relative to it."""
    (tmp_path / "profiles").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def install_case(workdir: Path, name: str) -> None:
    """Copy case ``name`` to profiles/bad.yaml (or profiles/defaults.yaml) with its valid companion."""
    case, profiles = CASES[name], workdir / "profiles"
    if case.get("layer") == "defaults":
        shutil.copyfile(CORPUS / f"{name}.yaml", profiles / "defaults.yaml")
        shutil.copyfile(FIXTURES / "ruritania.yaml", profiles / "bad.yaml")
    else:
        shutil.copyfile(FIXTURES / "defaults.yaml", profiles / "defaults.yaml")
        shutil.copyfile(CORPUS / f"{name}.yaml", profiles / "bad.yaml")


def assert_refused(code: int, stderr: str, fragments: list[str]) -> None:
    """Exit 2, every stderr line an ``error:`` line, each fragment present, no traceback."""
    assert code == 2, stderr
    assert stderr.startswith("error: "), stderr
    assert all(line.startswith("error: ") for line in stderr.splitlines()), stderr
    assert "Traceback" not in stderr
    assert not any(c < " " and c != "\n" for c in stderr), "control characters in messages reach the terminal"
    for fragment in fragments:
        assert fragment in stderr, f"{fragment!r} not in {stderr!r}"


def written(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()] if out.exists() else []


def test_corpus_is_complete() -> None:
    files = {p.stem for p in CORPUS.glob("*.yaml")} - {"cases"}
    assert files == set(CASES), "every file of tests/bad_inputs/ needs an entry in cases.yaml, and back"
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", _case_params())
def test_validate_refuses(workdir: Path, name: str) -> None:
    install_case(workdir, name)
    code, out, err = run_cli("--profiles", "profiles", "validate", "bad")
    assert_refused(code, err, _fragments(CASES[name]))
    assert "ok:" not in out


@pytest.mark.parametrize("name", _case_params())
def test_build_refuses_and_writes_nothing(workdir: Path, name: str) -> None:
    install_case(workdir, name)
    out = workdir / "out"
    code, stdout, err = run_cli("--profiles", "profiles", "build", "bad", "--format", "html", "--out", out)
    assert_refused(code, err, _fragments(CASES[name]))
    assert stdout == ""
    assert written(out) == []


# Files that are not files: a folder, a symlink loop, a pipe (they used to get "no profile named
# 'bad'; did you mean 'bad'?"; a pipe read would block for ever).


def _not_a_file(workdir: Path, kind: str) -> None:
    shutil.copyfile(FIXTURES / "defaults.yaml", workdir / "profiles" / "defaults.yaml")
    target = workdir / "profiles" / "bad.yaml"
    if kind == "folder":
        target.mkdir()
    elif kind == "pipe":
        os.mkfifo(target)
    else:
        target.symlink_to("bad.yaml")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("folder", "profiles/bad.yaml: is a folder, not a profile file"),
        ("symlink_loop", "profiles/bad.yaml: is a link to nothing or to itself, not a profile file"),
        ("pipe", "profiles/bad.yaml: is not a file, not a profile file"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_not_a_file_is_refused(workdir: Path, kind: str, expected: str, command: str) -> None:
    _not_a_file(workdir, kind)
    extra = ["--format", "html", "--out", "out"] if command == "build" else []
    code, _, err = run_cli("--profiles", "profiles", command, "bad", *extra)
    assert_refused(code, err, [expected])
    assert written(workdir / "out") == []


def test_devices_and_pipes_are_not_read(tmp_path: Path) -> None:
    """A pipe would block for ever and /dev/zero never ends: the loader refuses both unread."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(ProfileError) as info:
            load_layer(path)
        assert "is not a regular file" in str(info.value)


# Names that are paths


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "/etc/passwd",
        "a/b",
        "a\x00b",
        "..",
        ".hidden",
        "",
        "x" * 65,
        "japan\nok: japan",
    ],
)
def test_build_refuses_names_that_are_paths(workdir: Path, name: str) -> None:
    shutil.copyfile(FIXTURES / "ruritania.yaml", workdir / "profiles" / "x.yaml")
    code, _, err = run_cli("--profiles", "profiles", "build", name, "--format", "html", "--out", "out")
    assert_refused(code, err, [f"{name!r} is not a profile name: use letters, digits, '-' and '_' only"])
    assert written(workdir / "out") == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("../x", "../x: no such file"),  # validate takes paths too (README): this one does not exist
        ("a/b", "a/b: no such file"),
        ("a\x00b", "'a\\x00b' is not a profile name"),  # shown with repr(): no NUL reaches the terminal
        ("japan\nok: japan", "'japan\\nok: japan' is not a profile name"),  # and no forged "ok:" line
        ("..", "'..' is not a profile name"),
        (".hidden", "'.hidden' is not a profile name"),
        ("/etc/passwd", "/etc/passwd"),  # read as YAML and refused; what it says depends on the machine
        ("/dev/zero", "/dev/zero"),
    ],
)
def test_validate_refuses_names_that_are_not_profiles(workdir: Path, target: str, expected: str) -> None:
    code, _, err = run_cli("--profiles", "profiles", "validate", target)
    assert_refused(code, err, [expected])


# Bounded time and memory, in a real process


def _limit_memory() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(*args: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``python -m briefgen ARGS`` under the memory limit; return the result and its wall time."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT * 3,  # a hang fails here; the wall-time assertion below is the real bound
        preexec_fn=_limit_memory,
    )
    return result, time.monotonic() - start


def _write_big(path: Path) -> None:
    with path.open("wb") as stream:  # 50 MB of one long value: cheap to write, costly to parse
        stream.write(b"partner:\n  name: ")
        chunk = b"x" * (1 << 20)
        for _ in range(50):
            stream.write(chunk)


BOUNDED = {
    "file_of_50_mb": (_write_big, ["profiles/bad.yaml: the file is 51200 KiB; profiles are limited to 2048 KiB"]),
    # 100,000 levels crashed PyYAML's C composer (segfault) before loading checked the depth first.
    "nesting_100000_deep": (
        lambda p: p.write_text("partner: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        # Where exactly depends on who stops first: our event count (column 50) or PyYAML's own limit.
        ["profiles/bad.yaml:1:", "nests more than 40 levels deep; refused"],
    ),
    "two_mib_of_values": (
        lambda p: p.write_text("partner:\n" + "- 1\n" * 500_000),
        ["holds more than 100000 values; refused"],
    ),
    "billion_laughs": (
        lambda p: shutil.copyfile(CORPUS / "billion_laughs.yaml", p),
        ["expands to more than 100000 values (aliases?); refused"],
    ),
    "nesting_1000_deep": (
        lambda p: shutil.copyfile(CORPUS / "deep_nesting.yaml", p),
        ["profiles/bad.yaml:2:", "nests more than 40 levels deep; refused"],
    ),
}


@pytest.mark.parametrize("name", list(BOUNDED))
def test_costly_inputs_stop_early(tmp_path: Path, name: str) -> None:
    write, expected = BOUNDED[name]
    (tmp_path / "profiles").mkdir()
    shutil.copyfile(FIXTURES / "defaults.yaml", tmp_path / "profiles" / "defaults.yaml")
    write(tmp_path / "profiles" / "bad.yaml")
    for args in (["validate", "bad"], ["build", "bad", "--format", "html", "--out", "out"]):
        result, seconds = run_bounded("--profiles", "profiles", *args, cwd=tmp_path)
        assert_refused(result.returncode, result.stderr, expected)
        assert seconds < TIME_LIMIT, f"{args[0]} took {seconds:.1f} s"
    assert written(tmp_path / "out") == []
