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
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.data.loading import load_layer
from briefgen.errors import ProfileError

from .helpers import FIXTURES, REPO, run_cli

CORPUS = Path(__file__).parent / "bad_inputs"
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
# 'bad'; did you mean 'bad'?"; a pipe read would block for ever), as the profile, its defaults.yaml or
# a visit; and links out of the profiles folder, refused like a logo outside it is.

LAYER_FILES = {"profile": "bad.yaml", "defaults": "defaults.yaml", "visit": "visits/bad-visit.yaml"}
KINDS = {
    "folder": "is a folder",
    "pipe": "is a pipe",
    "symlink_loop": "is a link to nothing or to itself",
    "dangling_link": "is a link to nothing or to itself",
    "link_outside": "is a link to a file outside the profiles folder",
    "device": "is a device",
}


def _not_a_file(workdir: Path, kind: str, layer: str = "profile") -> Path:
    profiles = workdir / "profiles"
    (profiles / "visits").mkdir()
    shutil.copyfile(FIXTURES / "defaults.yaml", profiles / "defaults.yaml")
    shutil.copyfile(FIXTURES / "ruritania.yaml", profiles / "bad.yaml")
    shutil.copyfile(FIXTURES / "visits" / "strelsau-2026.yaml", profiles / "visits" / "bad-visit.yaml")
    (profiles / "visits" / "bad-visit.yaml").write_text(
        (profiles / "visits" / "bad-visit.yaml")
        .read_text(encoding="utf-8")
        .replace("partner: ruritania", "partner: bad"),
        encoding="utf-8",
    )
    target = profiles / LAYER_FILES[layer]
    target.unlink()
    if kind == "folder":
        target.mkdir()
    elif kind == "pipe":
        os.mkfifo(target)
    elif kind == "symlink_loop":
        target.symlink_to(target.name)
    elif kind == "dangling_link":
        target.symlink_to("nowhere.yaml")
    elif kind == "device":
        os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's numbers
    else:  # a password-like file outside the folder: its lines must never be echoed back
        (workdir / "secrets.txt").write_text("hunter2: swordfish\nadmin: letmein\n", encoding="utf-8")
        target.symlink_to(workdir / "secrets.txt")
    return target


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("layer", list(LAYER_FILES))
@pytest.mark.parametrize("command", ["validate", "build"])
def test_not_a_file_is_refused(workdir: Path, kind: str, layer: str, command: str) -> None:
    if kind == "device" and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    _not_a_file(workdir, kind, layer)
    name = "bad-visit" if layer == "visit" else "bad"
    extra = ["--format", "html", "--out", "out"] if command == "build" else []
    code, _, err = run_cli("--profiles", "profiles", command, name, *extra)
    kinds = {"profile": "profile", "defaults": "defaults", "visit": "visit"}
    assert_refused(code, err, [f"profiles/{LAYER_FILES[layer]}: {KINDS[kind]}", f"not a {kinds[layer]} file"])
    assert "did you mean" not in err
    assert "swordfish" not in err and "hunter2" not in err and "admin" not in err
    assert written(workdir / "out") == []


def test_a_file_that_is_not_a_profile_is_not_echoed(workdir: Path) -> None:
    """A password-like file given as a profile gets one line, none of its keys or values."""
    shutil.copyfile(FIXTURES / "defaults.yaml", workdir / "profiles" / "defaults.yaml")
    (workdir / "profiles" / "bad.yaml").write_text("hunter2: swordfish\nadmin: letmein\n", encoding="utf-8")
    code, _, err = run_cli("--profiles", "profiles", "validate", "bad")
    assert_refused(code, err, ["profiles/bad.yaml: is not a briefgen profile: none of its 2 top-level key(s)"])
    assert len(err.splitlines()) == 1
    assert "hunter2" not in err and "admin" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("just some words\n", "expected a mapping of keys at the top of the file, got a single value"),
        ("- a\n- b\n", "expected a mapping of keys at the top of the file, got a list"),
        ("\x89PNG\r\n\x1a\n", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_yaml_or_not_a_mapping_is_one_line(workdir: Path, content: str, expected: str) -> None:
    (workdir / "profiles" / "bad.yaml").write_bytes(content.encode("latin-1"))
    code, _, err = run_cli("--profiles", "profiles", "validate", "bad")
    assert_refused(code, err, [expected])
    assert len(err.splitlines()) == 1
    assert "words" not in err


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
