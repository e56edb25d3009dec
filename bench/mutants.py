"""Mutation testing by hand: plant one bug at a time in a copy of the repository and see the tests catch it.

Run ``.venv/bin/python bench/mutants.py`` (``--list`` shows the mutants, ``--only N,M`` runs some,
``--check`` only checks that every snippet still applies, ``--workers 0`` runs each mutant's tests
serially). Each mutant is one exact snippet replaced in one file of the modules that decide what a
reader sees (context, formatting, sections, renderers, templates, catalogues, output, plan, record,
watch, checks). The repository (its tracked files, plus new ones not ignored) is copied once to a
temporary folder; each mutant is applied there, the tests it names run (files or single tests,
``pytest -x -q``, with a timeout), and the file is restored, with what a script run after it
regenerated (the Word template, the compiled catalogues). The working tree is never touched. A
mutant is *killed* when a test fails, *survived* when they all pass: a survivor is a hole in the
tests (or a harmless change: say so beside it).

The copy's ``briefgen`` is imported through ``PYTHONPATH`` ahead of the editable install; the
script checks that before it starts. Prints one line per mutant and the score; exit 1 if any
mutant survived. Expect several minutes: the slow tests build PDFs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python" if (REPO / ".venv").is_dir() else Path(sys.executable)
"""The repository's own environment (the README's set-up), else the Python running this script."""
TIMEOUT = 600

READER = (
    "tests/test_reader_content.py",
    "tests/test_reader_rows.py",
    "tests/test_fuzz_outputs.py",
    "tests/test_context.py",
    "tests/test_sections.py",
    "tests/test_literal_text.py",
    "tests/test_formats.py",
    "tests/test_documents.py",
)
WORD = ("tests/test_render_docx.py", "tests/test_render_docx_package.py", *READER)
WRITE = ("tests/test_output.py", "tests/test_build.py", "tests/test_faults.py", "tests/test_batch.py")
LANG = ("tests/test_languages.py", "tests/test_context.py", "tests/test_fuzz_outputs.py", *READER)
REGENERATE_DOCX = ("templates/make_briefing_docx.py",)
COMPILE_CATALOGUES = ("docs/tools/catalogues.py",)
GENERATED = ("templates/briefing.docx", "briefgen/locale/*/LC_MESSAGES/*", "briefgen/locale/*.pot")
"""What the ``after`` scripts rewrite: saved before each mutant and put back after it."""
COVERAGE = "tests/test_field_coverage.py"
STALE = "tests/test_fact_reports.py::test_a_stale_translation_is_exported_alone_imported_and_built"
WATCH = "tests/test_watch.py::test_loop_rebuilds_on_a_save_of_the_visit_and_of_a_template_in_a_sub_folder"
FINAL_PARTNER = "tests/test_final.py::test_a_visit_s_final_build_and_check_refuse_a_placeholder_in_its_partner_s_file"


@dataclass(frozen=True)
class Mutant:
    """One planted bug: ``old`` (found exactly once in ``file``) replaced by ``new``."""

    file: str
    old: str
    new: str
    description: str
    tests: tuple[str, ...] = READER
    after: tuple[str, ...] = ()
    """A script run (with the copy's Python) after the change, e.g. to regenerate the Word template."""


MUTANTS = [
    # The bugs issue 14 lists.
    Mutant(
        "templates/briefing.css",
        'ol.sources .number::before { content: "["; }',
        'a.ref { display: none; }\nol.sources .number::before { content: "["; }',
        "source numbers [n] removed from the PDF (CSS hides them)",
    ),
    Mutant(
        "briefgen/render/terminal.py",
        "    for section in view.body:\n",
        '    for section in view.body:\n        if section.id == "people":\n            continue\n',
        "preview leaves out the people section",
    ),
    Mutant(
        "briefgen/pipeline/output.py",
        "            temporaries.append((fd, _write_temporary(fd, target, data), target))\n",
        "            temporaries.append((fd, _write_temporary(fd, target, data), target))\n"
        "            os.replace(temporaries[-1][1], target.name, src_dir_fd=fd, dst_dir_fd=fd)\n"
        "            temporaries.pop()\n",
        "write_all renames each file as soon as it is written",
        WRITE,
    ),
    Mutant(
        "briefgen/pipeline/record.py",
        "    return file_digest(path) == sha256\n",
        "    return True\n",
        "up-to-date check compares sizes, not hashes",
        WRITE,
    ),
    Mutant(
        "briefgen/render/docx.py",
        "        stamp = dt.datetime.fromisoformat(briefing.timestamp)\n",
        "        stamp = dt.datetime.now().replace(microsecond=0)\n",
        "DOCX timestamps not fixed (the clock, not SOURCE_DATE_EPOCH)",
        ("tests/test_build.py", "tests/test_render_docx.py", "tests/test_render_docx_package.py", *WRITE),
    ),
    Mutant(
        "briefgen/render/html.py",
        "        autoescape=True,\n",
        "        autoescape=False,\n",
        "HTML/PDF autoescape off",
    ),
    Mutant(
        "briefgen/render/docx_blocks.py",
        "        drawn = [self.visit(block) for block in shown]\n",
        '        drawn = [self.visit(block) if block.kind != "table" else "" for block in shown]\n',
        "the Word writer leaves out every table (the people, the timeline, the pairings...)",
        WORD,
    ),
    Mutant(
        "templates/make_briefing_docx.py",
        '    return "".join([*_cover(), *_toc(), para(run("{{p body }}")), *_closing()])\n',
        '    return "".join([*_cover(), *_toc(), *_closing()])\n',
        "the Word template has no place for the sections",
        WORD,
        REGENERATE_DOCX,
    ),
    Mutant(
        "briefgen/render/key_facts.py",
        "        return dataclasses.replace(block, items=block.items[:POINTS]) if block.ordered else block\n",
        "        return block\n",
        "the key-facts page keeps every talking point, not the first five",
        ("tests/test_writers.py", "tests/test_key_facts_and_changes.py"),
    ),
    Mutant(
        "briefgen/view/formatting.py",
        "        return format_decimal(value, locale=self.locale)\n",
        '        return format_decimal(value, locale="en_GB" if self.lang == "vi" else self.locale)\n',
        "Vietnamese numbers grouped the English way (2,500 for 2.500)",
        LANG,
    ),
    # Formatting and numbering.
    Mutant(
        "briefgen/view/formatting.py",
        "            number = len(self._refs) + 1\n",
        "            number = len(self._refs)\n",
        "sources numbered from 0",
    ),
    Mutant(
        "briefgen/view/formatting.py",
        '        return self.labels[f"qualifier_{figure.qualifier}"].format(text)\n',
        "        return text\n",
        "a figure's qualifier (about, more than) dropped",
    ),
    Mutant(
        "briefgen/view/formatting.py",
        "            parts.append(self.rank(figure.rank))\n",
        "            pass\n",
        "a figure's rank dropped",
    ),
    Mutant(
        "briefgen/view/formatting.py",
        "            ratio = Decimal(str(value)) / 100\n",
        "            ratio = Decimal(str(value))\n",
        "percentages a hundred times too large",
    ),
    Mutant(
        "briefgen/view/formatting.py",
        "        scale = next((s for s in _SCALES if abs(value) >= s[0]), None)\n",
        "        scale = None\n",
        "large amounts never written compactly (33,69 milliards)",
    ),
    Mutant(
        "briefgen/view/formatting.py",
        "        if value.month is None:\n            return str(value.year)\n",
        "        if True:\n            return str(value.year)\n",
        "as-of dates shown to the year only",
    ),
    Mutant(
        "briefgen/view/formatting.py",
        "        if end is None or end == start:\n",
        "        if True:\n",
        "an event's end day dropped",
    ),
    # Sections and context.
    Mutant(
        "briefgen/view/sections.py",
        "    for section in SECTIONS:\n        if section.internal and i.partner_edition:\n",
        "    for section in reversed(SECTIONS):\n        if section.internal and i.partner_edition:\n",
        "sections (and source numbers) in reverse order",
    ),
    Mutant(
        "briefgen/view/partner_sections.py",
        "        note=fmt.text(figure.note),\n",
        '        note="",\n',
        "a figure's note dropped",
    ),
    Mutant(
        "briefgen/view/partner_sections.py",
        '            i.labels["side_vietnam"] if p.side == "vietnam" else i.partner,\n',
        '            i.partner if p.side == "vietnam" else i.labels["side_vietnam"],\n',
        "people's sides swapped",
    ),
    Mutant(
        "briefgen/view/partner_sections.py",
        "            highlight=p.name.casefold() in counterparts,\n",
        "            highlight=False,\n",
        "the delegation's counterparts no longer starred",
        (*READER, "tests/test_visits.py"),
    ),
    Mutant(
        "briefgen/view/partner_sections.py",
        "    parts.append(fmt.source_title(source))\n",
        "",
        "a source's title left out of its note",
    ),
    Mutant(
        "briefgen/view/partner_sections.py",
        '        viewmodel.Source(ref.number, ref.anchor, _citation(src, i.fmt), src.url or "", _brief(src, i.fmt))\n',
        '        viewmodel.Source(ref.number, ref.anchor, _citation(src, i.fmt), "", _brief(src, i.fmt))\n',
        "a source's web address dropped",
    ),
    Mutant(
        "briefgen/view/dating.py",
        "    newest = max(found, key=lambda d: (last_day(d), d.month is not None, d.day is not None))\n",
        "    newest = min(found, key=lambda d: (last_day(d), d.month is not None, d.day is not None))\n",
        "the cover's 'facts as of' range ends at the oldest fact",
    ),
    Mutant(
        "briefgen/view/context.py",
        '        marking=labels["partner_edition"] if given.partner_edition else fmt.text(profile.marking),\n',
        '        marking=labels["partner_edition"] if given.partner_edition else "",\n',
        "classification marking left off the cover and pages",
    ),
    Mutant(
        "briefgen/view/context.py",
        "    fmt = Formatter(lang or profile.language, profile.language)\n",
        "    fmt = Formatter(profile.language, profile.language)\n",
        "--lang ignored: always the profile's language",
        LANG,
    ),
    # Templates.
    Mutant(
        "briefgen/view/partner_sections.py",
        "            ((p.name,), blocks.inline(p.role, p.ref, _aside(",
        "            ((p.name,), blocks.inline(p.ref, _aside(",
        "people's roles left out of the people table (every format)",
    ),
    Mutant(
        "templates/blocks.html",
        '<span class="number">{{ source.number }}</span>',
        '<span class="number"></span>',
        "HTML/PDF: the sources list without its numbers",
    ),
    Mutant(
        "briefgen/render/markdown.py",
        '                out.append(f" {run.label}" if out else run.label)\n',
        "                pass\n",
        "Markdown: note references [n] left out",
    ),
    Mutant(
        "templates/briefing.html",
        '<html lang="{{ lang }}">',
        '<html lang="fr">',
        "HTML/PDF always declared French",
        (*READER, "tests/test_accessibility.py", "tests/test_render_pdf.py"),
    ),
    Mutant(
        "briefgen/render/markdown.py",
        "        return value\n    return escape(value)\n",
        "        return value\n    return value\n",
        "Markdown: profile text not escaped",
    ),
    # Writing and records.
    Mutant(
        "briefgen/render/zips.py",
        "            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))\n",
        '            entry = zipfile.ZipInfo(name, date_time=__import__("time").localtime()[:6])\n',
        "zip entries (DOCX, packs) dated by the clock",
        ("tests/test_output.py", "tests/test_build.py", "tests/test_batch.py", "tests/test_render_docx_package.py"),
    ),
    Mutant(
        "briefgen/pipeline/stages.py",
        "        write_all(files, out)\n        write_atomic(folder / plan.record, record, out)\n",
        "        write_atomic(folder / plan.record, record, out)\n        write_all(files, out)\n",
        "the build record written before the documents",
        WRITE,
    ),
    Mutant(
        "briefgen/pipeline/record.py",
        '        "templates": [[t["path"], t["sha256"]] for t in templates],\n',
        "",
        "a changed template does not trigger a rebuild",
        WRITE,
    ),
    Mutant(
        "briefgen/pipeline/stages.py",
        "    rendered[FACTS] = facts_bytes(",
        "    rendered['unused'] = facts_bytes(",
        "facts.json no longer written",
        (*WRITE, "tests/test_facts.py"),
    ),
    Mutant(
        "briefgen/view/chart_data.py",
        'DRAWN_QUALIFIERS = frozenset({"exactly", "about"})',
        'DRAWN_QUALIFIERS = frozenset({"exactly", "about", "more_than"})',
        "charts: a lower bound (more than) drawn as an exact bar",
        ("tests/test_chart_rule.py", "tests/test_charts.py", "tests/test_chart_documents.py", *READER),
    ),
    Mutant(
        "briefgen/view/visit_sections.py",
        "                lines_to_avoid=avoid,\n",
        "                lines_to_avoid=[],\n",
        "a meeting's lines to avoid dropped",
        ("tests/test_brief.py", *READER),
    ),
    Mutant(
        "briefgen/render/marking.py",
        """r'<span lang="\\1">'""",
        """r'<span>'""",
        "HTML/PDF: text falling back to French not marked as French",
        ("tests/test_fallbacks.py", *LANG),
    ),
    Mutant(
        "briefgen/view/context.py",
        'draft="" if final else labels["draft"],',
        'draft="",',
        "a draft not marked DRAFT",
        ("tests/test_brief.py", *READER),
    ),
    Mutant(
        "templates/blocks.html",
        '<thead><tr>{% for c in b.columns %}<th scope="col">{{ c.title }}</th>{% endfor %}</tr></thead>',
        "<thead><tr>{% for c in b.columns %}<th>{{ c.title }}</th>{% endfor %}</tr></thead>",
        "HTML/PDF: the tables' header cells (people, pairings...) without their scope",
        ("tests/test_accessibility.py", *READER),
    ),
    # The classes of issue 23, each caught by a test of behaviour (not only by the golden hashes).
    Mutant(
        "briefgen/view/partner_sections.py",
        "fmt.text(e.period)), fmt.text(e.text), sources.ref(e.source))",
        'fmt.text(e.period)), f"{fmt.text(e.text)}", sources.ref(e.source))',
        "a timeline event's text composed into a plain string: its French fallback unmarked in an English build",
        (f"{COVERAGE}::test_a_field_without_the_build_language_shows_french_marked_as_french",),
    ),
    Mutant(
        "briefgen/pipeline/roundtrip.py",
        "        by_unit[unit] = {own: digest(source), lang: digest(translation)}\n",
        "        by_unit.setdefault(unit, {own: digest(source), lang: digest(translation)})\n",
        "translate import of a stale translation keeps the old record: the next French change is not seen",
        (STALE,),
    ),
    Mutant(
        "briefgen/pipeline/roundtrip.py",
        "        if lang in value:\n            value[lang] = new\n",
        "        if lang in value:\n            pass\n",
        "translate import of a stale translation leaves the old English in place",
        (STALE,),
    ),
    Mutant(
        "briefgen/view/changes.py",
        'for k in ("value", "as_of", "source"))',
        'for k in ("value", "as_of"))',
        "diff: a fact whose only change is its source is not changed",
        ("tests/test_fact_reports.py::test_diff_and_facts_json_see_one_attribute_changed",),
    ),
    Mutant(
        "briefgen/view/changes.py",
        'for k in ("value", "as_of", "source"))',
        'for k in ("value", "source"))',
        "diff: a fact whose only change is its as-of date is not changed",
        ("tests/test_fact_reports.py::test_diff_and_facts_json_see_one_attribute_changed",),
    ),
    Mutant(
        "briefgen/pipeline/watch.py",
        "        files = [*loaded.files, *template_files(self.template_dir), *self.places.added_fonts()]\n",
        "        files = [*loaded.files[:-1], *template_files(self.template_dir), *self.places.added_fonts()]\n",
        "watch: a save of the visit's own file does not rebuild",
        (WATCH,),
    ),
    Mutant(
        "briefgen/pipeline/watch.py",
        "        files = [*loaded.files, *template_files(self.template_dir), *self.places.added_fonts()]\n",
        "        files = [*loaded.files, *(f for f in template_files(self.template_dir)"
        " if f.parent == self.template_dir), *self.places.added_fonts()]\n",
        "watch: a save in a template's sub-folder (sections/) does not rebuild",
        (WATCH,),
    ),
    Mutant(
        "briefgen/render/key_facts.py",
        '        dataclasses.replace(s, citation=s.brief, url="") if s.brief else s'
        " for s in entries if s.number in cited\n",
        '        dataclasses.replace(s, citation=s.brief, url="", number=n) if s.brief'
        " else dataclasses.replace(s, number=n)"
        " for n, s in enumerate([s for s in entries if s.number in cited], 1)\n",
        "key facts: the notes renumbered 1..k while the sheet's text keeps the briefing's numbers",
        ("tests/test_key_facts_numbers.py",),
    ),
    Mutant(
        "briefgen/view/checks.py",
        "    for path, text in _strings(merged.data, ()):\n",
        '    for path, text in _strings({"visit": merged.data.get("visit")}, ()):\n',
        "--final and check: a TODO in a partner-level value not seen in a visit's build",
        (FINAL_PARTNER,),
    ),
    Mutant(
        "briefgen/view/checks.py",
        "    for layer in merged.layers:\n",
        "    for layer in merged.layers[-1:]:\n",
        "--final and check: a TODO comment in the partner's file not seen in a visit's build",
        (FINAL_PARTNER,),
    ),
    Mutant(
        "briefgen/view/visit_sections.py",
        '(("career", bio.career), ("meetings", bio.meetings))',
        '(("career", bio.career), ("meetings", bio.career))',
        "an interlocutor's earlier meetings list shows the career list",
        (f"{COVERAGE}::test_each_field_is_under_its_own_label",),
    ),
    Mutant(
        "briefgen/view/visit_sections.py",
        'fmt.text(c.role), c.phone or "", c.email or "")',
        'fmt.text(c.role), c.email or "", c.phone or "")',
        "protocol contacts: phone and e-mail swapped",
        (f"{COVERAGE}::test_each_field_is_under_its_own_label",),
    ),
    Mutant(
        "briefgen/locale/vi/LC_MESSAGES/briefgen.po",
        'msgctxt "date_format"\nmsgid "long"\nmsgstr "dd \'tháng\' M \'năm\' y"',
        'msgctxt "date_format"\nmsgid "long"\nmsgstr "DD \'tháng\' M \'năm\' y"',
        "Vietnamese dates with the day of the year (DD) for the day of the month (dd)",
        (f"{COVERAGE}::test_dates_use_the_day_of_the_month",),
        COMPILE_CATALOGUES,
    ),
]


def copy_repo(target: Path) -> None:
    """Copy the tracked files and the new, not ignored ones (not .git, not .venv, not outputs)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if source.is_file():
            destination = target / os.fsdecode(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def run(args: list[str], cwd: Path, timeout: float = TIMEOUT) -> tuple[int, str]:
    """Run ``args`` in ``cwd`` with the copy first on the import path; (exit code, last output)."""
    env = {**os.environ, "PYTHONPATH": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -1, "timeout"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode, lines[-1] if lines else ""


def test_command(tests: tuple[str, ...], workers: str) -> list[str]:
    """The pytest command for ``tests`` (files or node ids), each once, on ``workers`` processes (xdist ``-n``)."""
    return [str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-n", workers, *dict.fromkeys(tests)]


def generated(copy: Path) -> dict[Path, bytes]:
    """The files of :data:`GENERATED` in ``copy``, with their bytes, to put back after a mutant."""
    return {path: path.read_bytes() for pattern in GENERATED for path in copy.glob(pattern) if path.is_file()}


def apply(copy: Path, mutant: Mutant) -> str:
    """Plant ``mutant`` in ``copy``; return the original text of the file."""
    path = copy / mutant.file
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        found = text.count(mutant.old)
        raise SystemExit(
            f"error: {mutant.file}: the snippet of {mutant.description!r} is there {found} times, not once"
        )
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return text


def main() -> int:
    """Run the mutants; print one line each and the score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--check", action="store_true", help="only check that every snippet applies")
    parser.add_argument("--only", help="comma-separated mutant numbers (1-based)")
    parser.add_argument("--workers", default="auto", help="pytest-xdist workers per mutant's tests (0: serially)")
    options = parser.parse_args()
    chosen = list(enumerate(MUTANTS, start=1))
    if options.only:
        wanted = {int(n) for n in options.only.split(",")}
        chosen = [(n, m) for n, m in chosen if n in wanted]
    if options.list:
        for n, m in chosen:
            print(f"{n:2d}. {m.file}: {m.description}")
        return 0
    with tempfile.TemporaryDirectory(prefix="briefgen-mutants-") as folder:
        copy = Path(folder) / "repo"
        copy_repo(copy)
        for _, mutant in chosen:
            (copy / mutant.file).write_text(apply(copy, mutant), encoding="utf-8")
        if options.check:
            print(f"{len(chosen)} mutants apply")
            return 0
        code, where = run([str(PYTHON), "-c", "import briefgen; print(briefgen.__file__)"], copy)
        if code != 0 or not where.startswith(str(copy)):
            raise SystemExit(f"error: the copy's briefgen is not the one imported ({where})")
        killed = 0
        for n, mutant in chosen:
            original = apply(copy, mutant)
            saved = generated(copy)
            started = time.monotonic()
            try:
                for script in mutant.after:
                    code, last = run([str(PYTHON), script], copy)
                    if code != 0:
                        raise SystemExit(f"error: {script} failed for mutant {n}: {last}")
                code, last = run(test_command(mutant.tests, options.workers), copy)
            finally:
                (copy / mutant.file).write_text(original, encoding="utf-8")
                for path, data in saved.items():
                    path.write_bytes(data)
            verdict = "killed" if code != 0 else "SURVIVED"
            killed += code != 0
            seconds = time.monotonic() - started
            print(f"{n:2d}. {verdict:8s} {seconds:5.0f}s  {mutant.file}: {mutant.description}  ({last})")
            sys.stdout.flush()
    print(f"score: {killed}/{len(chosen)} killed ({100 * killed // max(len(chosen), 1)}%)")
    return 0 if killed == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
