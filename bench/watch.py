"""``briefgen watch`` benchmark: from a save to a refreshed preview and to a rewritten PDF, whole process, medians.

    .venv/bin/python bench/watch.py [--saves 7] [--runs 3]

Works on a copy of the shipped profiles in a temporary folder (the copy's key figure is edited
on each save; nothing shipped is touched). Prints, in one run:
- a cold build: `briefgen japan --format pdf` as a new process (median of --runs);
- from a save to the refreshed terminal preview (the cover's first line printed again; target ≤ 0.3 s);
- from a save to the rewritten briefing.pdf (target ≤ 1.0 s, and at most half the cold build).
Not a test: the machine is shared and noisy, so only the ratios within one run mean anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFGEN = [sys.executable, "-m", "briefgen"]
COVER = "╔"  # the preview's cover panel (double box) starts each preview


def cold_build(profiles: Path, out: Path, runs: int) -> float:
    # --force: without it every run after the first is an unchanged build, skipped.
    command = [*BRIEFGEN, "--profiles", str(profiles), "japan", "--format", "pdf", "--out", str(out), "--force"]
    subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def _wait(condition: object, timeout: float = 120) -> float:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("bench: timed out waiting for the watcher")
        time.sleep(0.005)
    return time.monotonic()


def watch_saves(profiles: Path, out: Path, saves: int, work: Path) -> tuple[list[float], list[float]]:
    """Seconds from each save to the refreshed preview, and to the rewritten PDF."""
    log = work / "watch.out"
    pdf = out / "japan" / "briefing.pdf"
    profile = profiles / "japan.yaml"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [*BRIEFGEN, "--profiles", str(profiles), "watch", "japan", "--format", "pdf", "--out", str(out)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    to_preview, to_pdf = [], []
    try:
        _wait(lambda: "watching for changes" in log.read_text(encoding="utf-8"))
        text = profile.read_text(encoding="utf-8")
        value = "value: 2500"
        for n in range(1, saves + 1):
            before = pdf.read_bytes()
            previews = log.read_text(encoding="utf-8").count(COVER)
            new = f"value: {2500 + n}"
            started = time.monotonic()
            profile.write_text(text.replace(value, new, 1), encoding="utf-8")
            seen = _wait(lambda: log.read_text(encoding="utf-8").count(COVER) > previews)  # noqa: B023
            written = _wait(lambda: pdf.read_bytes() != before)  # noqa: B023
            to_preview.append(seen - started)
            to_pdf.append(written - started)
            _wait(lambda: log.read_text(encoding="utf-8").count("watching for changes") == n + 1)  # noqa: B023
            time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return to_preview, to_pdf


def measure(saves: int, runs: int) -> list[tuple[str, float, str]]:
    """The rows of the table: the cold build, save → preview and save → PDF (medians), with their targets."""
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-watch-") as name:
        work = Path(name)
        profiles = work / "profiles"
        shutil.copytree(REPO / "profiles", profiles)
        cold = cold_build(profiles, work / "cold", runs)
        to_preview, to_pdf = watch_saves(profiles, work / "out", saves, work)
    preview, rebuilt = statistics.median(to_preview), statistics.median(to_pdf)
    return [
        ("cold build, new process (pdf)", cold, ""),
        ("watch: save → refreshed preview", preview, "target ≤ 0.30 s"),
        ("watch: save → rewritten PDF", rebuilt, f"target ≤ 1.00 s; {rebuilt / cold:.2f} × cold (target ≤ 0.5)"),
        ("watch: each save → PDF, sorted", 0.0, " ".join(f"{t:.3f}" for t in sorted(to_pdf))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "briefgen")], check=True, capture_output=True)
    print(f"{'measure (median)':<40} {'seconds':>8}")
    for label, seconds, note in measure(args.saves, args.runs):
        print(f"{label:<40} {seconds:8.3f}  {note}")


if __name__ == "__main__":
    main()
