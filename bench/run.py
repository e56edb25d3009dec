"""briefgen's benchmark: whole processes, medians, ratios measured in the same run.

    .venv/bin/python bench/run.py [--runs 5] [--packs 20]

Prints one table:
- the floor: a plain Python process that imports WeasyPrint and docxtpl and renders briefgen's own
  briefing.html (as `--format html` writes it) and the DOCX template with a prepared context;
- `briefgen japan --force` (DOCX + PDF) and its ratio to the floor; `briefgen japan` unchanged (skipped)
  as a share of it;
- `briefgen --help`, `list`, `validate japan`, `preview japan` and their ratio to
  `python -c "import typer, rich"`;
- a batch of FICTIONAL visits (bench/batch.py): 1 and 2 jobs, the speed-up, an unchanged re-run,
  a re-run after editing one visit, the peak memory per worker;
- the stage breakdown of `briefgen build --timings`.
- `briefgen watch` (bench/watch.py): a cold PDF build, from a save to the refreshed preview and to
  the rewritten PDF, and its ratio to the cold build.
Not a test: the machine is shared and noisy, so only the ratios within one run mean anything.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch as batch_bench  # noqa: E402
import watch as watch_bench  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BRIEFGEN = [PYTHON, "-m", "briefgen"]

FLOOR = """
import pickle, sys, io
import weasyprint, docxtpl
from docx.shared import Mm
html, templates, docx_template, view, images, out = pickle.load(open(sys.argv[1], "rb"))
weasyprint.HTML(string=html, base_url=templates).write_pdf(out + "/floor.pdf")
tpl = docxtpl.DocxTemplate(docx_template)
names = view.template_vars()
names["charts"] = [
    {"id": c.id, "title": c.title, "image": docxtpl.InlineImage(tpl, io.BytesIO(png), width=Mm(160))}
    for c, png in zip(view.charts, images)
]
tpl.render(names, autoescape=True)
tpl.save(out + "/floor.docx")
"""


def timed(command: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time of ``runs`` runs of ``command`` (after one warm-up run)."""
    subprocess.run(command, cwd=cwd, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(command, cwd=cwd, capture_output=True, check=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def prepare_floor(work: Path) -> Path:
    """The floor's input: briefgen's HTML, the template paths and a prepared context, pickled."""
    import briefgen
    from briefgen.render.chart_png import png
    from briefgen.render.html import render_html

    view = briefgen.briefing("japan")
    templates = REPO / "templates"
    html = render_html(view, templates)
    images = [png(c, templates / "fonts") for c in view.charts]
    data = work / "floor.pickle"
    base = templates.resolve().as_uri() + "/"
    data.write_bytes(pickle.dumps((html, base, str(templates / "briefing.docx"), view, images, str(work))))
    return data


def stage_breakdown(work: Path) -> list[tuple[str, str]]:
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
            rows.append((f"  stage: {match[1]}", f"{float(match[2]):.1f} ms"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--packs", type=int, default=20)
    args = parser.parse_args()
    # Where PYTHONDONTWRITEBYTECODE is set (this workplace sets it), every process would compile
    # briefgen's sources again; users get cached bytecode, so the benchmark does too.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "briefgen")], check=True, capture_output=True)
    rows: list[tuple[str, str]] = [("machine", f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")]
    rows.append(("load average (1, 5, 15 min) at the start", " ".join(f"{x:.2f}" for x in os.getloadavg())))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floor_input = prepare_floor(work)
        script = work / "floor.py"
        script.write_text(FLOOR, encoding="utf-8")
        floor = timed([PYTHON, str(script), str(floor_input)], args.runs)
        japan = timed([*BRIEFGEN, "japan", "--out", str(work / "out"), "--force"], args.runs, cwd=work)
        noop_build = timed([*BRIEFGEN, "japan", "--out", str(work / "out")], args.runs, cwd=work)
        rows += [
            ("floor (plain script: PDF + DOCX)", f"{floor:.3f} s"),
            ("briefgen japan", f"{japan:.3f} s   {japan / floor:.2f} x the floor (target <= 1.15, stretch <= 1.0)"),
            (
                "briefgen japan, unchanged",
                f"{noop_build:.3f} s   {100 * noop_build / japan:.1f} % of a build (target <= 10 %)",
            ),
        ]
        base = timed([PYTHON, "-c", "import typer, rich"], args.runs)
        rows.append(("python -c 'import typer, rich'", f"{base:.3f} s"))
        for label, command in (
            ("briefgen --help", ["--help"]),
            ("briefgen list", ["list"]),
            ("briefgen validate japan", ["validate", "japan"]),
            ("briefgen preview japan", ["preview", "japan"]),
        ):
            seconds = timed([*BRIEFGEN, *command], args.runs, cwd=work)
            rows.append((label, f"{seconds:.3f} s   {seconds / base:.2f} x typer+rich (target <= 2)"))
        rows += stage_breakdown(work)

        profiles = batch_bench.make_profiles(work / "batch", args.packs)
        out = work / "batch-out"
        one, results = batch_bench.batch(profiles, out, "--jobs", "1", "--force")
        two, results = batch_bench.batch(profiles, out, "--jobs", "2", "--force")
        noop, unchanged = batch_bench.batch(profiles, out)
        edited = profiles / "visits" / "bench-001.yaml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Objectif fictif", "Objectif fictif modifié"))
        after, after_edit = batch_bench.batch(profiles, out)
    n = args.packs
    peak = max(int(str(r["peak_rss_kb"])) for r in results) / 1024
    rebuilt = [str(r["name"]) for r in after_edit if r["status"] == "built"]
    rows += [
        (f"batch of {n}, --jobs 1", f"{one:.2f} s  ({n / one:.2f} packs/s)"),
        (f"batch of {n}, --jobs 2", f"{two:.2f} s  ({n / two:.2f} packs/s)  {one / two:.2f} x (target >= 1.8)"),
        ("batch, unchanged re-run", f"{noop:.2f} s  {100 * noop / one:.1f} % of the full build (target <= 3 %)"),
        ("batch, after editing 1 visit", f"{after:.2f} s  rebuilt: {', '.join(rebuilt)}"),
        ("batch, peak memory per worker", f"{peak:.0f} MB (target <= 200)"),
    ]
    for label, seconds, note in watch_bench.measure(saves=7, runs=args.runs):
        rows.append((label, f"{seconds:.3f} s   {note}" if seconds else note))
    rows.append(("load average (1, 5, 15 min) at the end", " ".join(f"{x:.2f}" for x in os.getloadavg())))
    width = max(len(k) for k, _ in rows)
    print(f"medians of {args.runs} runs after a warm-up; whole processes")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
