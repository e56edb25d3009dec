"""Benchmark ``briefgen batch``: N FICTIONAL visits built with 1 and 2 workers, then re-run unchanged.

    .venv/bin/python bench/batch.py [--packs 20]

Whole processes, timed with a monotonic clock, in one run so that the ratios hold on a noisy
machine. The visits are copies of the FICTIONAL fixture tests/fixtures/visits/strelsau-2026.yaml,
written to a temporary folder; nothing in profiles/ is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def make_profiles(root: Path, packs: int) -> Path:
    """A profiles folder with the FICTIONAL partner and ``packs`` FICTIONAL visits."""
    profiles = root / "profiles"
    shutil.copytree(FIXTURES, profiles)
    visit = (profiles / "visits" / "strelsau-2026.yaml").read_text(encoding="utf-8")
    (profiles / "visits" / "strelsau-2026.yaml").unlink()
    for i in range(1, packs + 1):
        text = f"# FICTIONAL benchmark visit {i}\n" + visit.replace("Visite fictive à Strelsau", f"Visite fictive {i}")
        (profiles / "visits" / f"bench-{i:03}.yaml").write_text(text, encoding="utf-8")
    return profiles


def batch(profiles: Path, out: Path, *args: str) -> tuple[float, list[dict[str, object]]]:
    command = [sys.executable, "-m", "briefgen", "--profiles", str(profiles), "batch", "--all", "--json"]
    started = time.monotonic()
    result = subprocess.run([*command, "--out", str(out), *args], capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"batch failed ({result.returncode}): {result.stderr.strip()}")
    return elapsed, json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        profiles = make_profiles(root, args.packs)
        out = root / "out"
        one, results = batch(profiles, out, "--jobs", "1", "--force")
        two, results = batch(profiles, out, "--jobs", "2", "--force")
        noop, unchanged = batch(profiles, out)
        edited = profiles / "visits" / "bench-001.yaml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Objectif fictif", "Objectif fictif modifié"))
        one_edit, after_edit = batch(profiles, out)
    n = args.packs
    peak = max(int(str(r["peak_rss_kb"])) for r in results) / 1024
    rebuilt = [r["name"] for r in after_edit if r["status"] == "built"]
    rows = [
        ("packs", f"{n}"),
        ("cores", f"{os.cpu_count()}"),
        ("--jobs 1", f"{one:.2f} s  ({n / one:.2f} packs/s)"),
        ("--jobs 2", f"{two:.2f} s  ({n / two:.2f} packs/s)"),
        ("speed-up, 2 jobs", f"{one / two:.2f} x   (target >= 1.7 x)"),
        ("unchanged re-run", f"{noop:.2f} s  ({100 * noop / one:.1f} % of --jobs 1; target < 5 %)"),
        ("  statuses", ", ".join(sorted({str(r["status"]) for r in unchanged}))),
        ("re-run after editing 1 visit", f"{one_edit:.2f} s, rebuilt: {', '.join(map(str, rebuilt))}"),
        ("peak memory per worker", f"{peak:.0f} MB"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
