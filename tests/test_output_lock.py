"""Two builds of one partner into one ``--out`` at the same time: the record always matches the documents.

Two processes build the (FICTIONAL) Ruritania profile from two profile folders that differ by one
figure into the same ``--out``. Hooks make them overlap for certain and try to interleave their
writes the bad way: both render before either writes (a barrier, so they did overlap); then
build B waits for build A's documents before writing its own, and build A waits for B's record
before writing its own record. Without a lock, that is A's documents, B's documents and record,
A's record: A's record beside B's documents. With the folder serialised, a build that waits for
the other's step while holding the lock gives up after ``PATIENCE`` seconds and goes on, so the
two writes happen one after the other.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .helpers import REPO

PATIENCE = 3.0

HOOKED = """
import os, sys, time
from pathlib import Path
import briefgen.pipeline.builds as builds
import briefgen.pipeline.stages as stages

sync, role, patience = Path(os.environ["SYNC"]), os.environ["ROLE"], float(os.environ["PATIENCE"])
other = "b" if role == "a" else "a"

def wait_for(name, timeout):
    end = time.monotonic() + timeout
    while not (sync / name).exists():
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True

real_render, real_all, real_atomic = builds.render, stages.write_all, stages.write_atomic

def render(*args, **kwargs):
    documents = real_render(*args, **kwargs)
    (sync / f"rendered-{role}").touch()
    if not wait_for(f"rendered-{other}", 120):  # both rendered before either writes: they overlap
        sys.exit("the other build never rendered")
    return documents

def write_all(*args, **kwargs):
    if role == "b":
        wait_for("documents-a", patience)
    real_all(*args, **kwargs)
    (sync / f"documents-{role}").touch()

def write_atomic(*args, **kwargs):
    if role == "a":
        wait_for("record-b", patience)
    real_atomic(*args, **kwargs)
    (sync / f"record-{role}").touch()

builds.render, stages.write_all, stages.write_atomic = render, write_all, write_atomic
from briefgen.cli import main
main(sys.argv[1:])
"""


def test_two_builds_into_one_folder_leave_one_runs_record_beside_its_documents(tmp_path: Path) -> None:
    out, sync = tmp_path / "out", tmp_path / "sync"
    sync.mkdir()
    folders = {}
    for role, figure in (("a", "2500"), ("b", "2600")):
        folders[role] = Path(shutil.copytree(REPO / "tests" / "fixtures", tmp_path / f"profiles-{role}"))
        ruritania = folders[role] / "ruritania.yaml"
        text = ruritania.read_text(encoding="utf-8")
        assert "value: 2500\n" in text
        ruritania.write_text(text.replace("value: 2500\n", f"value: {figure}\n", 1), encoding="utf-8")
    processes: dict[str, subprocess.Popen[str]] = {}
    try:
        for role in ("a", "b"):
            args = ["--profiles", str(folders[role]), "build", "ruritania", "--format", "md", "--out", str(out)]
            processes[role] = subprocess.Popen(
                [sys.executable, "-c", HOOKED, *args],
                env={**os.environ, "SYNC": str(sync), "ROLE": role, "PATIENCE": str(PATIENCE)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        for role, process in processes.items():
            _, err = process.communicate(timeout=180)
            assert process.returncode == 0, f"build {role}: {err}"
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    # They overlapped: each rendered, and waited for the other to render before writing anything.
    assert {p.name for p in sync.iterdir()} >= {"rendered-a", "rendered-b", "documents-a", "documents-b"}
    folder = out / "ruritania"
    record = json.loads((folder / ".briefgen-build.json").read_text(encoding="utf-8"))
    assert record["outputs"], record
    for entry in record["outputs"]:
        data = (folder / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{entry['path']}: not the record's run"
