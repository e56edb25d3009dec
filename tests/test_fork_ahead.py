"""A cold build forks, as soon as it knows a PDF is to be made, a child that imports WeasyPrint meanwhile.

(briefgen.pipeline.stages.fork_ahead, briefgen.pipeline.forked.Ahead.) The PDF is the same bytes as
without the child; a build failing before its PDF is wanted leaves no child behind; a failing child is
one line, exit 1; ``watch`` imports WeasyPrint itself and forks no such child. Every profile here is
the FICTIONAL fixture (tests/fixtures), copied into tmp_path.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import briefgen.pipeline.forked
from briefgen.data.catalog import Places
from briefgen.errors import ProfileError, RenderError
from briefgen.pipeline import api
from briefgen.pipeline.watch import Watcher

from .helpers import REPO, run_cli


def _cli(*args: str | Path, no_fork: bool = False) -> subprocess.CompletedProcess[str]:
    """briefgen in a new process: a cold one, which has not imported WeasyPrint (this test process may have)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("BRIEFGEN_NO_FORK", None)
    if no_fork:
        env["BRIEFGEN_NO_FORK"] = "1"
    command = [sys.executable, "-m", "briefgen", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"), reason="forks only with a second core")
def test_a_pdf_build_lays_out_in_a_child_forked_ahead_and_writes_the_same_bytes(profiles: Path, tmp_path: Path) -> None:
    common = ("--profiles", profiles, "ruritania", "--format", "pdf", "--date", "2026-12-01", "--force", "--timings")
    ahead = _cli(*common, "--out", tmp_path / "ahead")
    alone = _cli(*common, "--out", tmp_path / "alone", no_fork=True)
    assert ahead.returncode == 0 and alone.returncode == 0, ahead.stderr + alone.stderr
    # Before: a PDF alone was laid out in the process itself, timed as "pdf".
    assert "timing: pdf, in a parallel process" in ahead.stderr
    assert "parallel" not in alone.stderr and "timing: pdf " in alone.stderr
    pdf = (tmp_path / "ahead" / "ruritania" / "briefing.pdf").read_bytes()
    assert pdf == (tmp_path / "alone" / "ruritania" / "briefing.pdf").read_bytes()
    assert "Ruritanie" in PdfReader(tmp_path / "ahead" / "ruritania" / "briefing.pdf").pages[0].extract_text()


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """This process taken for a cold one (WeasyPrint not imported yet), and each child forked ahead, recorded."""
    made: list[Any] = []
    real = briefgen.pipeline.forked.Ahead

    def recorded(*args: Any, **kwargs: Any) -> Any:
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr("briefgen.render.pdf.warmed", lambda: False)
    monkeypatch.setattr("briefgen.pipeline.stages._forked_ahead", False)
    monkeypatch.setattr(briefgen.pipeline.forked, "Ahead", recorded)
    monkeypatch.setattr(briefgen.pipeline.forked, "available", lambda: True)
    monkeypatch.delenv("BRIEFGEN_NO_FORK", raising=False)
    return made


def test_a_build_refused_after_the_fork_leaves_no_child(cold: list[Any], profiles: Path, tmp_path: Path) -> None:
    profile = profiles / "ruritania.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("value: 2500", "value: many", 1), encoding="utf-8")
    with pytest.raises(ProfileError):  # loaded and merged, then refused by validation, after the fork
        api.build(["ruritania"], formats=["pdf"], out=tmp_path / "out", places=Places(profiles, REPO / "templates"))
    assert len(cold) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped: no such child any more
        os.waitpid(cold[0].pid, os.WNOHANG)
    assert not (tmp_path / "out" / "ruritania").exists()


def test_a_child_forked_ahead_that_fails_is_one_line_and_exit_1(
    cold: list[Any], profiles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--out", out)
    assert code == 0, err
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (out / "ruritania").iterdir()}

    def broken(html: str, templates: Path, options: object) -> bytes:
        raise ValueError("simulated failure")

    monkeypatch.setattr("briefgen.render.pdf.from_source", broken)  # inherited by the child
    monkeypatch.setattr("briefgen.pipeline.stages._forked_ahead", False)  # as in a new process
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--out", out, "--force")
    assert (code, err) == (1, "error: briefing.pdf failed: ValueError: simulated failure\n")
    assert len(cold) == 2
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (out / "ruritania").iterdir()} == before


def test_watch_imports_weasyprint_itself_and_forks_no_child_ahead(
    cold: list[Any], profiles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed: list[bool] = []
    monkeypatch.setattr("briefgen.render.pdf.warmed", lambda: bool(warmed))
    monkeypatch.setattr("briefgen.render.pdf.warm", lambda: warmed.append(True))
    watcher = Watcher("ruritania", places=Places(profiles, REPO / "templates"), out=tmp_path / "out", formats=["pdf"])
    first = watcher.build()
    (profiles / "ruritania.yaml").write_text(
        (profiles / "ruritania.yaml").read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8"
    )
    second = watcher.build()
    assert not first.error and not second.error
    assert [p.name for p in second.files] == ["briefing.pdf"]
    assert warmed == [True] and cold == []  # warmed once, in this process; every save lays out here


def test_a_child_interrupted_before_its_request_never_runs_the_parents_code(tmp_path: Path) -> None:
    """Ctrl-C reaches the child too: it leaves at once, and the parent's build fails with one line."""

    def interrupted() -> None:
        raise KeyboardInterrupt

    child = briefgen.pipeline.forked.Ahead(interrupted, lambda request: b"never", "briefing.pdf")
    (tmp_path / f"after-{os.getpid()}").touch()  # a child returning from Ahead() would leave its own
    child.send("<html>")
    with pytest.raises(RenderError, match=r"^briefing.pdf: the process rendering it died$"):
        child.result()
    assert [p.name for p in tmp_path.iterdir()] == [f"after-{os.getpid()}"]


def test_a_process_that_builds_again_forks_ahead_once(cold: list[Any], profiles: Path, tmp_path: Path) -> None:
    """A script building in a loop imports WeasyPrint itself after the first build, and keeps it warm."""
    places = Places(profiles, REPO / "templates")
    for n in range(3):
        api.build(["ruritania"], formats=["pdf"], out=tmp_path / f"out{n}", places=places)
    assert len(cold) == 1
    pdfs = [(tmp_path / f"out{n}" / "ruritania" / "briefing.pdf").read_bytes() for n in range(3)]
    assert pdfs[0] == pdfs[1] == pdfs[2]
    assert "Ruritanie" in PdfReader(tmp_path / "out2" / "ruritania" / "briefing.pdf").pages[0].extract_text()


_SPARE_PROBE = """
import os, sys, json
import briefgen.pipeline.forked as forked
seen = {}
real_start, real_assign = forked.Spare.__init__, forked.Spare.assign
def start(self, *args):
    seen["typer imported before the fork"] = "typer" in sys.modules
    real_start(self, *args)
    seen["pid"] = self.pid
def assign(self, *args):
    seen["assigned"] = args[1]
    return real_assign(self, *args)
forked.Spare.__init__, forked.Spare.assign = start, assign
from briefgen.cli import main
try:
    main(sys.argv[1:])
finally:
    if "pid" in seen:  # the child is gone (reaped), or killed and waiting to be (a zombie: state Z), soon
        import time
        seen["child left running"] = True
        for _ in range(100):
            try:
                state = open(f"/proc/{seen['pid']}/stat").read().rsplit(")", 1)[1].split()[0]
            except FileNotFoundError:
                state = "gone"
            if state in ("Z", "gone"):
                del seen["child left running"]
                break
            time.sleep(0.01)
    print(json.dumps(seen), file=sys.stderr)
"""


def _probe(*args: str | Path) -> tuple[int, dict[str, Any]]:
    """briefgen in a new process, and what its spare child did: forked when, assigned what, gone at the end."""
    import json

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("BRIEFGEN_NO_FORK", None)
    done = subprocess.run(
        [sys.executable, "-c", _SPARE_PROBE, *map(str, args)], capture_output=True, text=True, env=env, check=False
    )
    return done.returncode, json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"), reason="forks only with a second core")
def test_the_command_forks_its_spare_before_parsing_and_the_build_lays_its_pdf_out_there(
    profiles: Path, tmp_path: Path
) -> None:
    common = ("--profiles", profiles, "ruritania", "--date", "2026-12-01", "--out", tmp_path / "out")
    code, seen = _probe(*common, "--format", "pdf")
    assert code == 0
    assert seen["typer imported before the fork"] is False  # forked before the command line was even parsed
    assert seen["assigned"] == "briefing.pdf"
    assert "child left running" not in seen
    assert "Ruritanie" in PdfReader(tmp_path / "out" / "ruritania" / "briefing.pdf").pages[0].extract_text()
    # Up to date: the spare is stopped unused, and gone when the command ends.
    code, seen = _probe(*common, "--format", "pdf")
    assert code == 0 and "pid" in seen and "assigned" not in seen and "child left running" not in seen
    # Another command, help, or a build without a PDF: no spare at all.
    for words in (["validate", "ruritania"], ["ruritania", "--help"], ["ruritania", "--format", "md", "--force"]):
        code, seen = _probe("--profiles", profiles, *words, "--out", tmp_path / "out")
        assert "pid" not in seen, words


def test_the_guess_before_parsing_names_every_command_but_build() -> None:
    from briefgen.cli import command_names
    from briefgen.cli.cli_args import ELSEWHERE, may_lay_out

    assert set(command_names()) - ELSEWHERE == {"build"}
    assert may_lay_out(["japan"], "pdf")
    assert may_lay_out(["--profiles", "validate", "build", "japan", "--format", "docx,pdf"], "pdf")
    assert may_lay_out(["-q", "japan", "--format=pdf"], "pdf")
    assert not may_lay_out(["--profiles", "p", "validate", "japan"], "pdf")
    assert not may_lay_out(["japan", "--format", "docx"], "pdf")
    assert not may_lay_out(["japan", "--format=md"], "pdf")
    assert not may_lay_out(["build", "-h"], "pdf")
    assert not may_lay_out(["--version"], "pdf")
    assert not may_lay_out([], "pdf")


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"), reason="forks only with a second core")
def test_several_builds_stop_the_spare_before_they_render(profiles: Path, tmp_path: Path) -> None:
    probe = _SPARE_PROBE.replace(
        "from briefgen.cli import main",
        "import briefgen.pipeline.stages as stages\n"
        "real_context = stages.context\n"
        "def context(prepared, **kwargs):\n"
        "    seen.setdefault('spare alive at the first view', forked._spare is not None)\n"
        "    return real_context(prepared, **kwargs)\n"
        "stages.context = context\n"
        "import briefgen.pipeline.builds as builds\n"
        "builds.context = context\n"
        "from briefgen.cli import main",
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("BRIEFGEN_NO_FORK", None)
    args = ["--profiles", profiles, "build", "--all", "--format", "pdf", "--date", "2026-12-01", "--out", tmp_path]
    done = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True, env=env)
    import json

    seen = json.loads(done.stderr.strip().splitlines()[-1])
    assert done.returncode == 0, done.stderr
    assert "pid" in seen and "assigned" not in seen  # forked at the start, never given a document
    assert seen["spare alive at the first view"] is False  # stopped before the views and the layouts
    assert "child left running" not in seen
