"""How a build's cost grows with a profile's list lengths: whole processes, wall time and peak memory.

    .venv/bin/python bench/big_profile.py [--events 500,1000,2000] [--formats docx,pdf]

Writes a FICTIONAL profile with N timeline events (each with its own source, as a long real
profile would have) into a temporary folder, builds it with ``python -m briefgen build`` and
prints the file size, the wall time and the peak resident memory of the build (the process and
its forked DOCX child). Not a test: the machine is shared, so figures vary from run to run.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

HEAD = """\
# FICTIONAL benchmark profile: Ruritania does not exist.
language: fr
issuer: Bureau fictif
marking: NON PROTÉGÉ (fictif)
partner:
  name: Ruritanie
timeline:
"""


def write_profile(path: Path, events: int) -> int:
    """Write a valid profile with ``events`` timeline events, each citing its own source; return its size."""
    lines = [HEAD]
    for i in range(events):
        day = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(f"  - date: {day}\n    text: Événement fictif numéro {i} à Strelsau\n    source: s{i}\n")
    lines.append("sources:\n")
    for i in range(events):
        lines.append(f"  s{i}:\n    title: Source fictive {i}\n    publisher: Éditeur fictif\n    date: 2025-01-02\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path.stat().st_size


def measure(events: int, formats: str, folder: Path) -> tuple[int, float, int, int]:
    """Build a profile of ``events`` events; return (bytes, seconds, peak RSS in MiB, exit code)."""
    profiles = folder / f"p{events}"
    profiles.mkdir()
    size = write_profile(profiles / "big.yaml", events)
    command = [sys.executable, "-c", _CHILD, str(profiles), formats, str(folder / f"out{events}")]
    start = time.monotonic()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.monotonic() - start
    peak = int(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else 0
    if result.returncode:
        print(result.stderr.strip().splitlines()[-1][:200], file=sys.stderr)
    return size, seconds, peak // 1024, result.returncode


# Runs the CLI in a child and prints the peak RSS (KiB) of it and of its own children.
_CHILD = """
import resource, sys
from briefgen.cli import main
profiles, formats, out = sys.argv[1:]
try:
    main(["--quiet", "--profiles", profiles, "build", "big", "--format", formats, "--out", out])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(max(own, kids))
sys.exit(code)
"""


def main() -> None:
    """Measure each size asked for and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="500,1000,2000")
    parser.add_argument("--formats", default="docx,pdf")
    args = parser.parse_args()
    print(f"{'events':>7} {'file KiB':>9} {'seconds':>8} {'peak MiB':>9} exit")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.events.split(",")):
            size, seconds, peak, code = measure(n, args.formats, Path(tmp))
            print(f"{n:>7} {size // 1024:>9} {seconds:>8.1f} {peak:>9} {code}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1735776000")
    resource.getrlimit(resource.RLIMIT_AS)
    main()
