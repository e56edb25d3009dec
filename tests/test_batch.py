"""Packs and ``briefgen batch``: contents, manifest, skipping, failures, interruption, reproducibility.

Every profile here is a FICTIONAL fixture (tests/fixtures), copied and multiplied in tmp_path.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from .helpers import REPO, default_signals, run_cli, stop

VISIT = "strelsau-2026"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def profiles(profiles: Path) -> Path:
    """The FICTIONAL fixtures plus copies of the visit, visit-2 … visit-4."""
    folder = profiles
    (folder / "visits" / "zenda-summit-2026.yaml").unlink()  # these tests count the packs: four visits
    text = (folder / "visits" / f"{VISIT}.yaml").read_text(encoding="utf-8")
    for i in range(2, 5):
        (folder / "visits" / f"visit-{i}.yaml").write_text(text.replace("Strelsau", f"Strelsau {i}"), encoding="utf-8")
    return folder


def batch(profiles: Path, out: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    code, stdout, stderr = run_cli("--profiles", profiles, "batch", "--out", out, "--json", *args)
    return code, json.loads(stdout) if stdout.strip() else [], stderr


def statuses(results: list[dict[str, object]]) -> dict[object, object]:
    return {r["name"]: r["status"] for r in results}


def test_pack_contents_manifest_and_zip(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, results, err = batch(profiles, out, VISIT, "--jobs", "1")
    assert (code, err) == (0, "")
    assert statuses(results) == {VISIT: "built"}
    folder = out / VISIT
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefing.docx",
        "briefing.pdf",
        "facts.json",
        "key-facts.pdf",
        "manifest.json",
    ]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == VISIT and manifest["version"] == "0.1.0"
    assert manifest["options"] == {
        "lang": None,
        "template": "default",
        "formats": ["briefing.docx", "briefing.pdf", "key-facts.pdf"],
    }
    assert [i["path"] for i in manifest["inputs"]] == ["defaults.yaml", "ruritania.yaml", f"visits/{VISIT}.yaml"]
    for entry in manifest["inputs"]:
        assert entry["sha256"] == sha256(profiles / entry["path"])
    assert {
        "path": "fonts/NotoSansCJKjp-Regular.otf",
        "sha256": sha256(REPO / "templates/fonts/NotoSansCJKjp-Regular.otf"),
    } in manifest["templates"]
    for entry in manifest["outputs"]:
        path = folder / entry["path"]
        assert (entry["sha256"], entry["size"]) == (sha256(path), path.stat().st_size)
    with zipfile.ZipFile(out / f"{VISIT}.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"{VISIT}/{p.name}" for p in folder.iterdir())
        for name in archive.namelist():
            assert archive.read(name) == (out / name).read_bytes()

    # The briefing: the visit first, the marking of the visit file, the highlighted partnership.
    text = pdf_text(folder / "briefing.pdf")
    assert "CONFIDENTIEL (fictif)" in text and "★ Quang Ninh (Quảng Ninh)" in text
    assert text.index("Visite fictive à Strelsau") < text.index("La relation en bref")
    paragraphs = Document(str(folder / "briefing.docx")).paragraphs
    docx_text = "\n".join(p.text for p in paragraphs).replace("\xa0", " ")  # names: no-break spaces
    assert "Point fictif 7" in docx_text and "Nguyễn Văn Fictif" in docx_text

    # The key-facts page: one page, the key figures, the focus partnership, five talking points only.
    reader = PdfReader(folder / "key-facts.pdf")
    assert len(reader.pages) == 1
    facts = pdf_text(folder / "key-facts.pdf")
    for expected in (
        "FICHE MÉMO",  # the CSS sets it in capitals
        "plus de 2 500",
        "33,69 Md USD",  # the short form of a value column
        "Strelsau (シュトレルザウ)",
        "Point fictif 5",
    ):
        assert expected in facts.replace("\u202f", " ").replace("\xa0", " ")
    assert "Point fictif 6" not in facts and "Zenda" not in facts


def test_unchanged_packs_are_skipped_and_force_rebuilds(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, results, _ = batch(profiles, out, "--all", "--jobs", "2")
    assert code == 0 and set(statuses(results).values()) == {"built"} and len(results) == 4
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    code, results, _ = batch(profiles, out, "--all")
    assert code == 0 and set(statuses(results).values()) == {"up to date"}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps  # nothing rewritten

    # Editing one visit file rebuilds that pack only; so does a pack whose files were tampered with.
    visit = profiles / "visits" / "visit-3.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("Objectif fictif", "Autre objectif fictif"), encoding="utf-8"
    )
    (out / "visit-2" / "key-facts.pdf").write_bytes(b"not a pdf")
    (out / "visit-4" / "manifest.json").unlink()
    code, results, _ = batch(profiles, out, "--all")
    assert statuses(results) == {VISIT: "up to date", "visit-2": "built", "visit-3": "built", "visit-4": "built"}
    assert PdfReader(out / "visit-2" / "key-facts.pdf").pages

    code, results, _ = batch(profiles, out, VISIT, "--force")
    assert statuses(results) == {VISIT: "built"}


def test_a_pack_file_changed_to_the_same_size_is_rebuilt(profiles: Path, tmp_path: Path) -> None:
    """The up-to-date check compares hashes, not sizes: an edit that keeps the size is still seen."""
    out = tmp_path / "out"
    code, results, _ = batch(profiles, out, VISIT, "--jobs", "1")
    assert (code, statuses(results)) == (0, {VISIT: "built"})
    for name in ("briefing.docx", "key-facts.pdf"):
        path = out / VISIT / name
        good = path.read_bytes()
        tampered = good[:100] + bytes([good[100] ^ 0xFF]) + good[101:]
        path.write_bytes(tampered)
        assert path.stat().st_size == len(good)
        code, results, _ = batch(profiles, out, VISIT, "--jobs", "1")
        assert (code, statuses(results)) == (0, {VISIT: "built"}), name
        assert path.read_bytes() == good


def test_a_changed_template_rebuilds(profiles: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "out"
    args = ("--templates", str(templates))
    code, stdout, _ = run_cli(*args, "--profiles", profiles, "batch", VISIT, "--out", out, "--json")
    assert json.loads(stdout)[0]["status"] == "built"
    with (templates / "key-facts.css").open("a") as css:
        css.write("\n/* changed */\n")
    code, stdout, _ = run_cli(*args, "--profiles", profiles, "batch", VISIT, "--out", out, "--json")
    assert json.loads(stdout)[0]["status"] == "built"


def test_a_failing_pack_does_not_stop_the_others(profiles: Path, tmp_path: Path) -> None:
    (profiles / "visits" / "visit-2.yaml").write_text("partner: ruritania\nvisit: {title: T, date: 2026-02-30}\n")
    out = tmp_path / "out"
    code, results, _ = batch(profiles, out, "--all", "--jobs", "2")
    assert code == 1
    assert statuses(results) == {VISIT: "built", "visit-2": "failed", "visit-3": "built", "visit-4": "built"}
    failed = next(r for r in results if r["status"] == "failed")
    assert "visits/visit-2.yaml:2:" in str(failed["error"]) and "visit.date" in str(failed["error"])
    assert not (out / "visit-2").exists()

    # The table says the same for people.
    code, stdout, _ = run_cli("--profiles", profiles, "batch", "--all", "--out", out)
    assert code == 1
    assert "failed" in stdout and "visit-2" in stdout and "3 up to date, 1 failed" in stdout


def test_a_worker_killed_outright_fails_its_pack_only(
    profiles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL in the middle of a pack: that pack fails, no temporary stays, the others build."""
    import briefgen.pipeline.pack

    real = briefgen.pipeline.pack.build_pack

    def killer(name: str, **kwargs: object) -> object:
        if name == "visit-3":
            # Die as a worker would in the middle of write_atomic: its temporary is on disk.
            folder = Path(str(kwargs["out"])) / name
            folder.mkdir(parents=True, exist_ok=True)
            tempfile.mkstemp(dir=folder, prefix=f".briefing.pdf.{os.getpid()}.", suffix=".tmp")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(briefgen.pipeline.pack, "build_pack", killer)  # inherited by forked workers
    out = tmp_path / "out"
    code, results, _ = batch(profiles, out, "--all", "--jobs", "2")
    assert code == 1
    assert statuses(results) == {VISIT: "built", "visit-2": "built", "visit-3": "failed", "visit-4": "built"}
    assert "the worker died (killed by signal 9)" in str(next(r["error"] for r in results if r["name"] == "visit-3"))
    assert list(out.rglob("*.tmp")) == []


def test_bad_usage_exits_2(profiles: Path, tmp_path: Path) -> None:
    for args in (
        (),
        ("nope",),
        ("../x",),
        (VISIT, "--jobs", "0"),
        (VISIT, "--lang", "de"),
        (VISIT, "--template", "nope"),
    ):
        code, _, err = run_cli("--profiles", profiles, "batch", "--out", tmp_path / "out", *args)
        assert code == 2, args
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_builds_are_reproducible(profiles: Path, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        code, _, _ = batch(profiles, tmp_path / folder, VISIT, "--jobs", "1")
        assert code == 0
    for name in ("briefing.docx", "briefing.pdf", "key-facts.pdf", "manifest.json"):
        assert sha256(tmp_path / "a" / VISIT / name) == sha256(tmp_path / "b" / VISIT / name), name
    assert sha256(tmp_path / "a" / f"{VISIT}.zip") == sha256(tmp_path / "b" / f"{VISIT}.zip")


def test_document_dates_come_from_the_date_option_then_source_date_epoch(profiles: Path, tmp_path: Path) -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z
    code, _, _ = run_cli("--profiles", profiles, "build", VISIT, "--out", tmp_path / "a", env=epoch)
    assert code == 0
    info = PdfReader(tmp_path / "a" / VISIT / "briefing.pdf").metadata
    assert info is not None and str(info["/CreationDate"]).startswith("D:20260101000000")
    core = Document(str(tmp_path / "a" / VISIT / "briefing.docx")).core_properties
    assert core.created is not None and core.created.isoformat().startswith("2026-01-01T00:00:00")
    # --date wins over SOURCE_DATE_EPOCH (see briefgen.view.dating; the build day comes last)
    code, _, _ = run_cli(
        "--profiles", profiles, "build", VISIT, "--out", tmp_path / "b", "--date", "2026-02-15", env=epoch
    )
    info = PdfReader(tmp_path / "b" / VISIT / "briefing.pdf").metadata
    assert code == 0 and info is not None and str(info["/CreationDate"]).startswith("D:20260215000000")


# Runs the CLI with the clock moved by argv[1] seconds (time.time, localtime, gmtime, datetime.now):
# what a build made at another moment would see, without waiting for it.
SHIFTED_CLOCK = """
import datetime, sys, time
shift = float(sys.argv[1])
real_time, real_localtime, real_gmtime = time.time, time.localtime, time.gmtime
time.time = lambda: real_time() + shift
time.localtime = lambda secs=None: real_localtime(time.time() if secs is None else secs)
time.gmtime = lambda secs=None: real_gmtime(time.time() if secs is None else secs)
base = datetime.datetime
class Shifted(base):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(time.time(), tz)
    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(time.time(), datetime.timezone.utc).replace(tzinfo=None)
    @classmethod
    def today(cls):
        return cls.now()
datetime.datetime = Shifted
from briefgen.cli import main
main(sys.argv[2:])
"""


def build_docx_at(profiles: Path, out: Path, shift: int, epoch: str) -> bytes:
    """The visit's DOCX built with the clock moved by ``shift`` seconds and SOURCE_DATE_EPOCH=``epoch``."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, BRIEFGEN_NO_FORK="1")
    command = [sys.executable, "-c", SHIFTED_CLOCK, str(shift), "--profiles", str(profiles), "build", VISIT]
    result = subprocess.run(
        [*command, "--format", "docx", "--out", str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr) == (0, "")
    return (out / VISIT / "briefing.docx").read_bytes()


def test_docx_bytes_follow_source_date_epoch_not_the_clock(profiles: Path, tmp_path: Path) -> None:
    first = build_docx_at(profiles, tmp_path / "a", 0, "1767225600")
    later = build_docx_at(profiles, tmp_path / "b", 3 * 365 * 86400 + 17, "1767225600")  # 3 years and 17 s on
    other = build_docx_at(profiles, tmp_path / "c", 0, "1700000000")
    assert later == first  # another moment, same inputs: same bytes
    assert other != first  # another SOURCE_DATE_EPOCH: the dates inside change
    for folder, stamp in (("a", "2026-01-01T00:00:00"), ("c", "2023-11-14T22:13:20")):
        docx = tmp_path / folder / VISIT / "briefing.docx"
        core = Document(str(docx)).core_properties
        assert core.created is not None and core.created.isoformat().startswith(stamp)
        assert core.modified is not None and core.modified.isoformat().startswith(stamp)
        with zipfile.ZipFile(docx) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# Runs the CLI with every pack but argv[1] slowed down by a minute (workers are forked, so they
# inherit the patch): the signal always lands while the batch is still running.
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


def _interrupt(process: subprocess.Popen[str], out: Path, how: int) -> None:
    deadline = time.monotonic() + 120
    while not list(out.glob("*/manifest.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the batch ended before it could be interrupted"
    if how == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
    else:
        process.send_signal(signal.SIGTERM)  # a service manager signals the main process only


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interruption_leaves_complete_packs_and_no_temporaries(profiles: Path, tmp_path: Path, how: int) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SLOW_PACKS,
            VISIT,
            "--profiles",
            str(profiles),
            "batch",
            "--all",
            "--jobs",
            "2",
            "--out",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
        preexec_fn=default_signals,
    )
    try:
        _interrupt(process, out, how)
        _, stderr = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the group this test started, workers included
        stop(process)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "error: interrupted"
    assert list(out.rglob("*.tmp")) == []
    complete = [m.parent for m in out.glob("*/manifest.json")]
    assert [f.name for f in complete] == [VISIT]  # the fast pack finished; the slowed ones were interrupted
    for folder in complete:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["outputs"]:
            assert sha256(folder / entry["path"]) == entry["sha256"]
    # The next batch finishes the job: complete packs are skipped, the others built.
    code, results, _ = batch(profiles, out, "--all")
    assert code == 0
    assert [r["name"] for r in results if r["status"] == "up to date"] == sorted(f.name for f in complete)
