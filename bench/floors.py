"""Where the time of the commands that render nothing goes, and what a warm PDF layout costs: issue 22's floors.

    .venv/bin/python bench/floors.py [--runs 7]

Each step is timed in a fresh process (CPU time, median of --runs), in the order a command meets it, so that
each figure is the step's own cost with the earlier ones already paid:

- a minimal typer + rich program's parts: importing typer and rich, importing pydantic (typer's adapters do,
  for the options), the adapters of five options; and the whole minimal program (bench/run.py's), as a process;
- what ``validate japan`` adds: the profile models (class creation), their schema (built on first use, in the
  first validation), reading and parsing the YAML, the validation itself;
- what ``preview`` adds: the section registry and view, the terminal writer;
- a warm process's PDF layout of the Japan briefing (what ``watch`` pays on each save, at best).

The budget of a command is what its target ratio lets it add to the minimal program (``validate``: 30 % of
it); the steps it cannot do without, taken together, show what is left for everything else. Not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys, time
clock = time.process_time
steps = {}
def step(name, start):
    steps[name] = clock() - start

start = clock()
import typer, rich.console
step("import typer and rich", start)
start = clock()
import pydantic, pydantic.main
step("import pydantic", start)
start = clock()
from typer._adapters import try_build_adapter
from typer.models import OptionInfo
from pathlib import Path
from typing import Optional
for annotation in (str, Optional[str], Path, bool, int):
    try_build_adapter(annotation, OptionInfo())
step("typer: five options' pydantic adapters", start)
start = clock()
import briefgen.data.validation
step("profile models: classes", start)
from briefgen.data.catalog import Places
from briefgen.data import assembly
places = Places.find()
start = clock()
loaded = assembly.load("japan", places)
merged = loaded.merged
step("read, parse and merge the YAML", start)
start = clock()
profile = loaded.profile
step("profile models: schema, and the first validation", start)
start = clock()
for _ in range(5):
    briefgen.data.validation.validate(merged, places.profiles, places.added_fonts())
step("one validation (warm)", start)
steps["one validation (warm)"] /= 5
start = clock()
import briefgen.view.sections, briefgen.view.checks
from briefgen.pipeline import api
step("preview: section registry, checks and API", start)
start = clock()
views = api.briefings("japan", places=places)
step("preview: the view", start)
import io
from rich.console import Console
console = Console(file=io.StringIO(), width=100, force_terminal=True)
start = clock()
api.render_terminal(views[0], console)
step("preview: the terminal writer", start)
if "--pdf" in sys.argv:
    from briefgen import render
    pdf = render.get("pdf")
    pdf.warm()
    pdf.render(views[0], places.templates)
    start = time.perf_counter()
    pdf.render(views[0], places.templates)
    steps["warm PDF layout (wall)"] = time.perf_counter() - start
print(json.dumps(steps))
"""


def _cpu(command: list[str]) -> float:
    """The CPU time (user + system) of one process running ``command``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, check=True, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import MINIMAL  # the floor bench/run.py measures against

    runs: list[dict[str, float]] = []
    minimal: list[float] = []
    for n in range(args.runs):
        minimal.append(_cpu([sys.executable, "-c", MINIMAL, "japan"]))
        flags = ["--pdf"] if n < 3 else []
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *flags], capture_output=True, text=True, cwd=REPO, check=True
        )
        runs.append(json.loads(done.stdout))
    median = {name: statistics.median(r[name] for r in runs if name in r) for name in runs[0]}
    floor = statistics.median(minimal)
    print(f"median of {args.runs} fresh processes, CPU ms (the PDF layout: wall, median of 3)\n")
    for name, seconds in median.items():
        print(f"{name:55} {seconds * 1000:7.1f}")
    adapters = median["typer: five options' pydantic adapters"]
    validating = (
        "profile models: classes",
        "read, parse and merge the YAML",
        "profile models: schema, and the first validation",
    )
    viewing = ("preview: section registry, checks and API", "preview: the view", "preview: the terminal writer")
    validate = sum(median[k] for k in validating) - adapters
    preview = validate + sum(median[k] for k in viewing)
    print(f"\nminimal typer + rich program, whole process: {floor * 1000:.0f} ms CPU")
    print(
        f"validating a profile adds at least {validate * 1000:.0f} ms (its steps, less the adapters it has not);"
        f" the budget of validate, check and list at 1.30x: {0.30 * floor * 1000:.0f} ms"
    )
    print(f"a preview adds at least {preview * 1000:.0f} ms; its budget at 1.60x: {0.60 * floor * 1000:.0f} ms")


if __name__ == "__main__":
    main()
