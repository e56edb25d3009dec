"""Nothing left behind: a build, a batch and an interrupted batch leave the temporary folder as they
found it, and batch workers die with their parent.

Each process gets its own TMPDIR (a fresh folder under tmp_path), so other suites running at the
same time cannot disturb the count. Every profile here is a FICTIONAL fixture (tests/fixtures).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import REPO, default_signals, stop

VISIT = "strelsau-2026"


@pytest.fixture
def profiles(profiles: Path) -> Path:
    """The FICTIONAL fixtures plus copies of the visit, visit-2 … visit-4."""
    folder = profiles
    (folder / "visits" / "zenda-summit-2026.yaml").unlink()  # these tests count the packs: four visits
    text = (folder / "visits" / f"{VISIT}.yaml").read_text(encoding="utf-8")
    for i in range(2, 5):
        (folder / "visits" / f"visit-{i}.yaml").write_text(text.replace("Strelsau", f"Strelsau {i}"), encoding="utf-8")
    return folder


@pytest.fixture
def tmpdir_env(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An empty folder to be the process's TMPDIR, and the environment that says so."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder, dict(os.environ, TMPDIR=str(folder), PYTHONPATH=str(REPO), NO_COLOR="1")


def briefgen(profiles: Path, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "briefgen", "--profiles", str(profiles), *map(str, args)]


def left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_build_leaves_no_temporaries(profiles: Path, tmp_path: Path, tmpdir_env: tuple[Path, dict[str, str]]) -> None:
    tmp, env = tmpdir_env
    out = tmp_path / "out"
    # A visit: a DOCX (in a forked child where there are two cores) and PDFs with @font-face fonts.
    result = subprocess.run(
        briefgen(profiles, VISIT, "--out", out), env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert (out / VISIT / "briefing.pdf").read_bytes().startswith(b"%PDF")
    assert left_in(tmp) == []


def test_a_batch_leaves_no_temporaries(profiles: Path, tmp_path: Path, tmpdir_env: tuple[Path, dict[str, str]]) -> None:
    tmp, env = tmpdir_env
    out = tmp_path / "out"
    result = subprocess.run(
        briefgen(profiles, "batch", "--all", "--jobs", "2", "--out", out),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*/manifest.json"))) == 4
    assert left_in(tmp) == []


# Runs the CLI with every pack but argv[1] slowed down by a minute (workers are forked, so they
# inherit the patch): the signal always lands while the batch runs, its workers holding their temporaries.
SLOW_PACKS = """
import sys, time
import briefgen.pipeline.pack
real = briefgen.pipeline.pack.build_pack
def slow(name, **kwargs):
    if name != sys.argv[1]:
        time.sleep(60)
    return real(name, **kwargs)
briefgen.pipeline.pack.build_pack = slow
from briefgen.cli import main
main(sys.argv[2:])
"""


def test_an_interrupted_batch_leaves_no_temporaries(
    profiles: Path, tmp_path: Path, tmpdir_env: tuple[Path, dict[str, str]]
) -> None:
    tmp, env = tmpdir_env
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_PACKS, VISIT, "--profiles", str(profiles), "batch", "--all", "--jobs", "2"]
        + ["--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob("*/manifest.json")) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the batch ended before it could be interrupted"
        assert [m.parent.name for m in out.glob("*/manifest.json")] == [VISIT]
        assert left_in(tmp) != []  # the batch's folder, with the fonts its workers copied: what must go
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        stop(process)
    assert process.returncode == 130, stderr
    assert left_in(tmp) == []
    assert list(out.rglob("*.tmp")) == []


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with_children = task / "children"
        if with_children.exists():
            found |= {int(p) for p in with_children.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's wait is missing


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers through Linux /proc")
def test_workers_die_with_a_parent_killed_outright(
    profiles: Path, tmp_path: Path, tmpdir_env: tuple[Path, dict[str, str]]
) -> None:
    tmp, env = tmpdir_env
    process = subprocess.Popen(
        briefgen(profiles, "batch", "--all", "--jobs", "2", "--out", tmp_path / "out"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=default_signals,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            workers = {pid for pid in _children(process.pid) if _alive(pid)}
            time.sleep(0.05)
        assert len(workers) == 2, "the batch never started its two workers"
        time.sleep(1.0)  # let them import the renderers and start on a pack
        process.kill()
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = [pid for pid in workers if _alive(pid)]
    finally:
        stop(process)
        for pid in workers:  # our own workers' ids, should the product fail to end them
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not alive, "workers outlived their parent"
    # The parent could clean nothing; the workers removed their fonts and the last one the batch folder.
    assert left_in(tmp) == []
