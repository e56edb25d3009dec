"""briefgen's benchmark: issue 22's table, whole processes, interleaved runs, medians, ratios in one run.

    .venv/bin/python bench/run.py [--runs 7] [--quick] [--no-watch] [--batch]

Prints one table, ``measure | value | target | met?``, with the machine's load average beside it:

- ``briefgen japan --format pdf --force`` ÷ WeasyPrint alone laying out the same HTML (the floor: a
  plain script importing WeasyPrint and writing the PDF of briefgen's own ``briefing.html``, as it is
  given to WeasyPrint, with the same options: tagged PDF, the template folder as base URL);
- ``briefgen japan --force`` (DOCX + PDF) ÷ the same floor;
- ``briefgen japan`` unchanged (skipped) ÷ the cold DOCX + PDF build;
- ``validate japan``, ``check japan``, ``list`` and ``preview japan --no-pager`` ÷ a minimal typer + rich
  program (one command, an argument, a few typed options, one rich print: the fair floor of a typer command);
- ``watch japan``: from a save to the rewritten PDF ÷ a cold PDF build (bench/watch.py);
- the peak memory (largest process of the tree, as ``wait4`` reports it) of a DOCX + PDF build ÷ the floor's;
- then the stage breakdown of ``briefgen build --timings``, and with ``--batch`` the batch figures.

The machine is shared and noisy: the commands of a group run interleaved (A, B, C, A, B, C…), so
that a burst of load falls on all of them alike, and only the ratios of medians within one run mean
anything. The CPU time (user + system, whole tree) of each is printed too: it is far less disturbed
by other processes than the wall time, and shows the work itself. Not a test.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch as batch_bench  # noqa: E402
import watch as watch_bench  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BRIEFGEN = [PYTHON, "-m", "briefgen"]

FLOOR = """
import pickle, sys
import weasyprint
html, base, out = pickle.load(open(sys.argv[1], "rb"))
weasyprint.HTML(string=html, base_url=base).write_pdf(out, pdf_tags=True)
"""

MINIMAL = '''
"""A minimal typer + rich program: the floor of a typer command."""
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer()


@app.command()
def main(
    name: str,
    lang: Annotated[Optional[str], typer.Option(help="language")] = None,
    out: Annotated[Path, typer.Option(help="folder")] = Path("out"),
    force: Annotated[bool, typer.Option(help="again")] = False,
    jobs: Annotated[int, typer.Option(help="workers")] = 1,
) -> None:
    Console().print(f"[bold]{name}[/bold] {lang} {out} {force} {jobs}")


app()
'''


@dataclass
class Timed:
    """The runs of one command: wall seconds, CPU seconds (user + system) and peak memory (KiB)."""

    command: list[str]
    cwd: Path | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def run(self) -> None:
        """One run, measured through ``wait4`` (the process and every child it waited for)."""
        started = time.monotonic()
        process = subprocess.Popen(
            self.command, cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        self.wall.append(time.monotonic() - started)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            sys.exit(f"bench: {' '.join(self.command)} failed ({process.returncode}): {errors.decode()[-400:]}")
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.rss.append(usage.ru_maxrss)

    @property
    def seconds(self) -> float:
        """The median wall time."""
        return statistics.median(self.wall)

    @property
    def cpu_seconds(self) -> float:
        """The median CPU time."""
        return statistics.median(self.cpu)

    @property
    def mib(self) -> float:
        """The median peak memory, MiB."""
        return statistics.median(self.rss) / 1024


def interleaved(group: dict[str, Timed], runs: int) -> dict[str, Timed]:
    """Each command once as a warm-up, then ``runs`` rounds of each in turn (the order rotating each round)."""
    names = list(group)
    for name in names:
        group[name].run()
        group[name].wall.clear(), group[name].cpu.clear(), group[name].rss.clear()
    for n in range(runs):
        for name in names[n % len(names) :] + names[: n % len(names)]:
            group[name].run()
    return group


def prepare_floor(work: Path) -> Path:
    """The floor's input: the HTML briefgen gives WeasyPrint for the Japan briefing, and its base URL, pickled."""
    import briefgen
    from briefgen.render.html import render_html

    templates = REPO / "templates"
    html = render_html(briefgen.briefing("japan"), templates)
    data = work / "floor.pickle"
    data.write_bytes(pickle.dumps((html, templates.resolve().as_uri() + "/", str(work / "floor.pdf"))))
    return data


def stage_breakdown(work: Path) -> list[tuple[str, str]]:
    """The stages of one ``briefgen japan --timings`` build (DOCX + PDF)."""
    result = subprocess.run(
        [*BRIEFGEN, "japan", "--out", str(work / "t"), "--timings", "--force"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"timing: (.*?)\s+([\d.]+) ms", line)
        if match:
            rows.append((match[1], f"{float(match[2]):.1f} ms"))
    return rows


Row = tuple[str, str, str, str]


def ratio_row(label: str, a: Timed, b: Timed, target: float, unit: str = "×") -> Row:
    """A row ``a ÷ b``: the ratio of median wall times (and of CPU times), against ``target``."""
    ratio = a.seconds / b.seconds
    cpu = a.cpu_seconds / b.cpu_seconds
    if unit == "%":
        value = f"{100 * ratio:.1f} % ({a.seconds:.3f} s vs {b.seconds:.3f} s; CPU {100 * cpu:.1f} %)"
        return (label, value, f"≤ {100 * target:.0f} %", "yes" if ratio <= target else "no")
    value = f"{ratio:.2f}× ({a.seconds:.3f} s vs {b.seconds:.3f} s; CPU {cpu:.2f}×)"
    return (label, value, f"≤ {target:.2f}×", "yes" if ratio <= target else "no")


def load() -> str:
    """The load average (1, 5, 15 min)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="interleaved rounds (medians of these)")
    parser.add_argument("--quick", action="store_true", help="3 rounds, no watch, no stage breakdown")
    parser.add_argument("--no-watch", action="store_true", help="leave out briefgen watch")
    parser.add_argument("--batch", action="store_true", help="also the batch figures (bench/batch.py), slow")
    parser.add_argument("--packs", type=int, default=20, help="visits in the batch (with --batch)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    # Where PYTHONDONTWRITEBYTECODE is set (this workplace sets it), every process would compile
    # briefgen's sources again; users get cached bytecode, so the benchmark does too.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "briefgen")], check=True, capture_output=True)
    started_load = load()
    rows: list[Row] = []
    notes: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        work = Path(tmp)
        floor_input = prepare_floor(work)
        (work / "floor.py").write_text(FLOOR, encoding="utf-8")
        (work / "minimal.py").write_text(MINIMAL, encoding="utf-8")
        out = str(work / "out")
        builds = interleaved(
            {
                "floor": Timed([PYTHON, str(work / "floor.py"), str(floor_input)]),
                "pdf": Timed([*BRIEFGEN, "japan", "--format", "pdf", "--out", str(work / "pdf"), "--force"], work),
                "both": Timed([*BRIEFGEN, "japan", "--out", out, "--force"], work),
                # After a DOCX + PDF build into the same folder: skipped.
                "unchanged": Timed([*BRIEFGEN, "japan", "--out", out], work),
            },
            runs,
        )
        floor = builds["floor"]
        rows += [
            ratio_row("`briefgen japan --format pdf --force` ÷ WeasyPrint alone", builds["pdf"], floor, 1.10),
            ratio_row("DOCX + PDF ÷ WeasyPrint alone", builds["both"], floor, 1.15),
            ratio_row("unchanged build ÷ cold build", builds["unchanged"], builds["both"], 0.08, unit="%"),
        ]
        commands = interleaved(
            {
                "minimal": Timed([PYTHON, str(work / "minimal.py"), "japan", "--jobs", "2"], work),
                "validate": Timed([*BRIEFGEN, "validate", "japan"], work),
                "check": Timed([*BRIEFGEN, "check", "japan"], work),
                "list": Timed([*BRIEFGEN, "list"], work),
                "preview": Timed([*BRIEFGEN, "preview", "japan", "--no-pager"], work),
            },
            runs,
        )
        minimal = commands["minimal"]
        for name in ("validate", "check", "list"):
            arg = "" if name == "list" else " japan"
            rows.append(ratio_row(f"`{name}{arg}` ÷ minimal typer+rich program", commands[name], minimal, 1.3))
        rows.append(
            ratio_row("`preview japan --no-pager` ÷ the same minimal program", commands["preview"], minimal, 1.6)
        )
        if not (args.quick or args.no_watch):
            measured = {label: seconds for label, seconds, _ in watch_bench.measure(saves=7, runs=runs)}
            cold, saved = measured["cold build, new process (pdf)"], measured["watch: save → rewritten PDF"]
            ratio = saved / cold
            rows.append(
                (
                    "`watch japan`: save → rewritten PDF ÷ cold build",
                    f"{ratio:.2f}× ({saved:.3f} s vs {cold:.3f} s)",
                    "≤ 0.45×",
                    "yes" if ratio <= 0.45 else "no",
                )
            )
        both_mib, floor_mib = builds["both"].mib, floor.mib
        rows.append(
            (
                "peak memory of a build ÷ WeasyPrint alone",
                f"{both_mib / floor_mib:.2f}× ({both_mib:.1f} ÷ {floor_mib:.1f} MiB; PDF only {builds['pdf'].mib:.1f})",
                "≤ 1.15×",
                "yes" if both_mib / floor_mib <= 1.15 else "no",
            )
        )
        if not args.quick:
            notes += [(f"stage: {stage}", value) for stage, value in stage_breakdown(work)]
        if args.batch:
            notes += batch_rows(work, args.packs)
    print(f"medians of {runs} interleaved runs after a warm-up; whole processes; {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}")  # fmt: skip
    print(f"load average (1, 5, 15 min): {started_load} at the start, {load()} at the end")
    print()
    print("| measure | value | target | met? |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if notes:
        print()
        width = max(len(k) for k, _ in notes)
        for key, value in notes:
            print(f"{key:<{width}}  {value}")


def batch_rows(work: Path, packs: int) -> list[tuple[str, str]]:
    """The batch figures: FICTIONAL visits with 1 and 2 workers, unchanged, after an edit (bench/batch.py)."""
    profiles = batch_bench.make_profiles(work / "batch", packs)
    out = work / "batch-out"
    one, results = batch_bench.batch(profiles, out, "--jobs", "1", "--force")
    two, results = batch_bench.batch(profiles, out, "--jobs", "2", "--force")
    noop, _ = batch_bench.batch(profiles, out)
    edited = profiles / "visits" / "bench-001.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Objectif fictif", "Objectif fictif modifié"))
    after, after_edit = batch_bench.batch(profiles, out)
    peak = max(int(str(r["peak_rss_kb"])) for r in results) / 1024
    rebuilt = [str(r["name"]) for r in after_edit if r["status"] == "built"]
    return [
        (f"batch of {packs}, --jobs 1", f"{one:.2f} s  ({packs / one:.2f} packs/s)"),
        (f"batch of {packs}, --jobs 2", f"{two:.2f} s  ({packs / two:.2f} packs/s)  {one / two:.2f} x"),
        ("batch, unchanged re-run", f"{noop:.2f} s  {100 * noop / one:.1f} % of the full build"),
        ("batch, after editing 1 visit", f"{after:.2f} s  rebuilt: {', '.join(rebuilt)}"),
        ("batch, peak memory per worker", f"{peak:.0f} MB"),
    ]


if __name__ == "__main__":
    main()
