"""``briefgen watch``: the loop driven by hand-made change sets, then the real command through real saves.

Every profile here is a FICTIONAL fixture (tests/fixtures), copied into tmp_path.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.data.catalog import Places
from briefgen.pipeline.watch import Outcome, Watcher, run

from .helpers import REPO, default_signals, stop


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_loop_rebuilds_on_a_file_it_read_ignores_others_and_survives_a_broken_save(
    profiles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    profile = profiles / "ruritania.yaml"
    html = out / "ruritania" / "briefing.html"
    previews: list[str] = []
    watcher = Watcher(
        "ruritania",
        places=Places(profiles, REPO / "templates"),
        out=out,
        formats=["html"],
        on_view=lambda view: previews.append(view.cover.partner),
    )

    def saves() -> Iterator[set[Path]]:
        edit(profile, "value: 2500", "value: 2600")
        yield {profile}
        (profiles / "notes.txt").write_text("not read by the build", encoding="utf-8")
        yield {profiles / "notes.txt"}
        edit(profile, "value: 2600", "value: [broken")
        yield {profile}
        edit(profile, "value: [broken", "value: 2700")
        yield {profile}

    outcomes: list[Outcome] = []
    good: list[str] = []
    run(watcher, saves(), lambda o: (outcomes.append(o), good.append(html.read_text(encoding="utf-8"))))

    first, second, broken, fixed = outcomes  # the unrelated file caused no rebuild
    assert first.files == [html] and first.changes is None and not first.error
    assert second.changes is not None and [c.id for c in second.changes.changed] == ["key_figures:Entreprises fictives"]
    assert "2\u202f600" in good[1] or "2 600" in good[1]
    assert broken.exit_code == 2 and broken.files == []
    assert "ruritania.yaml:12:14: " in broken.error[0]
    assert good[2] == good[1]  # the last good document stays in place
    assert fixed.changes is not None and [c.id for c in fixed.changes.changed] == ["key_figures:Entreprises fictives"]
    assert len(previews) == 3  # one preview per good build


def test_loop_rebuilds_on_a_save_of_the_visit_and_of_a_template_in_a_sub_folder(profiles: Path, tmp_path: Path) -> None:
    """Not only the partner's file: the visit's own file and a section template in the template folder's
    ``sections/`` are read by the build, so a save of either rebuilds it, with the saved text (issue 23)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(REPO / "templates" / "briefing.md", templates)
    override = templates / "sections" / "timeline.md"
    override.parent.mkdir()
    override.write_text("## Chronologie fictive A\n", encoding="utf-8")
    visit = profiles / "visits" / "strelsau-2026.yaml"
    markdown = tmp_path / "out" / "strelsau-2026" / "briefing.md"
    watcher = Watcher("strelsau-2026", places=Places(profiles, templates), out=tmp_path / "out", formats=["md"])

    def saves() -> Iterator[set[Path]]:
        edit(visit, "Objectif fictif numéro un", "Objectif fictif numéro deux")
        yield {visit}
        override.write_text("## Chronologie fictive B\n", encoding="utf-8")
        yield {override}

    outcomes: list[Outcome] = []
    texts: list[str] = []
    run(watcher, saves(), lambda o: (outcomes.append(o), texts.append(markdown.read_text(encoding="utf-8"))))

    assert len(outcomes) == 3 and [o.error for o in outcomes] == [[], [], []] and all(o.files for o in outcomes)
    first, visit_saved, template_saved = texts
    assert "numéro un" in first and "Chronologie fictive A" in first
    assert "numéro deux" in visit_saved and "numéro un" not in visit_saved
    assert "Chronologie fictive B" in template_saved and "Chronologie fictive A" not in template_saved


def test_unknown_name_is_bad_usage_before_any_build(profiles: Path, tmp_path: Path) -> None:
    from briefgen.errors import InputError

    with pytest.raises(InputError, match="no profile or visit named 'atlantis'"):
        Watcher("atlantis", places=Places(profiles, REPO / "templates"), out=tmp_path / "out")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split()).replace("\u202f", " ")


def wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"watch exited early while waiting for {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_real_watch_rebuilds_the_pdf_keeps_watching_after_a_broken_save_and_exits_130(
    profiles: Path, tmp_path: Path
) -> None:
    out, own_tmp = tmp_path / "out", tmp_path / "tmp"
    own_tmp.mkdir()
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    pdf = out / "ruritania" / "briefing.pdf"
    profile = profiles / "ruritania.yaml"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update(PYTHONUNBUFFERED="1", TMPDIR=str(own_tmp), COLUMNS="200")
    command = [sys.executable, "-m", "briefgen", "--profiles", str(profiles), "--quiet"]
    command += ["watch", "ruritania", "--format", "pdf", "--out", str(out)]
    with stdout.open("wb") as out_file, stderr.open("wb") as err_file:
        process = subprocess.Popen(
            command, stdout=out_file, stderr=err_file, cwd=tmp_path, env=env, preexec_fn=default_signals
        )
    try:
        # Quiet: no status line to wait for, only the path of each PDF written.
        def written() -> int:
            return stdout.read_text(encoding="utf-8").splitlines().count(str(pdf))

        wait_for(lambda: written() == 1, "the first build", process)
        first = pdf.read_bytes()
        assert "2 500" in pdf_text(pdf)

        edit(profile, "value: 2500", "value: 2600")
        wait_for(lambda: pdf.read_bytes() != first, "the rebuilt PDF", process)
        wait_for(lambda: written() == 2, "the report", process)
        rebuilt = pdf.read_bytes()
        assert "2 600" in pdf_text(pdf) and "2 500" not in pdf_text(pdf)
        report = " ".join(stdout.read_text(encoding="utf-8").split())
        assert "~ Modifié key_figures:Entreprises fictives" in report
        assert "Nouveau : 0, Modifié : 1, Supprimé : 0" in report

        edit(profile, "value: 2600", "value: [broken")
        wait_for(lambda: "error: " in stderr.read_text(encoding="utf-8"), "the error of the broken save", process)
        errors = stderr.read_text(encoding="utf-8")
        assert "build failed; the last good documents are unchanged" in errors
        assert "error: profiles/ruritania.yaml:12:14: " in errors and "Traceback" not in errors
        assert pdf.read_bytes() == rebuilt

        edit(profile, "value: [broken", "value: 2700")
        wait_for(lambda: pdf.read_bytes() != rebuilt, "the PDF after the fix", process)
        wait_for(lambda: written() == 3, "the report", process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=30)
        finally:
            stop(process)
    assert code == 130
    assert stderr.read_text(encoding="utf-8").endswith("error: interrupted\n")
    # --quiet: the changed facts and the paths, no status line ("built in", "watching for changes")
    assert "watching" not in stdout.read_text(encoding="utf-8") and "built in" not in stdout.read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "ruritania").iterdir()) == [
        ".briefgen-build.json",
        "briefing.pdf",
        "facts.json",
    ]
    assert list(own_tmp.iterdir()) == []


def test_real_watch_warns_once_and_again_only_when_the_warnings_change(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    profile = profiles / "ruritania.yaml"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    # 15 February 2026: one figure (as of 2025-01) and the two titles (2025-01-02) are older than 12 months;
    # the other figure (2025) is not.
    env.update(PYTHONUNBUFFERED="1", COLUMNS="100", SOURCE_DATE_EPOCH="1771113600")
    command = [sys.executable, "-m", "briefgen", "--profiles", str(profiles)]  # --quiet would say no warning
    command += ["watch", "ruritania", "--format", "md", "--out", str(out)]
    with stdout.open("wb") as out_file, stderr.open("wb") as err_file:
        process = subprocess.Popen(
            command, stdout=out_file, stderr=err_file, cwd=tmp_path, env=env, preexec_fn=default_signals
        )

    def reports(n: int) -> None:
        wait_for(lambda: stdout.read_text(encoding="utf-8").count("watching for changes") == n, f"report {n}", process)

    def warnings() -> list[str]:
        return [line for line in stderr.read_text(encoding="utf-8").splitlines() if line.startswith("warning: ")]

    try:
        reports(1)
        assert warnings() == [
            "warning: ruritania: 3 facts older than 12 months on 15 Feb 2026; see 'briefgen check ruritania'"
        ]
        edit(profile, "value: 2500", "value: 2600")
        reports(2)
        assert len(warnings()) == 1  # the same warning is not said again on every save
        edit(profile, "    as_of: 2025\n", "    as_of: 2024\n")
        reports(3)
        assert len(warnings()) == 2 and "4 facts older than 12 months" in warnings()[1]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=30)
        finally:
            stop(process)
    assert code == 130


def test_a_watch_rebuild_writes_the_bytes_a_plain_build_writes(profiles: Path, tmp_path: Path) -> None:
    out, plain = tmp_path / "out", tmp_path / "plain"
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update(PYTHONUNBUFFERED="1", COLUMNS="100", SOURCE_DATE_EPOCH="1771113600")  # both dated 15 February 2026
    command = [sys.executable, "-m", "briefgen", "--profiles", str(profiles)]
    watch = [*command, "watch", "ruritania", "--format", "docx,pdf", "--out", str(out)]  # with the preview
    with stdout.open("wb") as out_file, stderr.open("wb") as err_file:
        process = subprocess.Popen(
            watch, stdout=out_file, stderr=err_file, cwd=tmp_path, env=env, preexec_fn=default_signals
        )
    try:
        wait_for(lambda: stdout.read_text(encoding="utf-8").count("watching for changes") == 1, "the build", process)
        edit(profiles / "ruritania.yaml", "value: 2500", "value: 2600")
        wait_for(lambda: stdout.read_text(encoding="utf-8").count("watching for changes") == 2, "the rebuild", process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        finally:
            stop(process)
    assert "Ruritanie" in stdout.read_text(encoding="utf-8")  # the preview was printed
    build = [*command, "ruritania", "--format", "docx,pdf", "--out", str(plain)]
    subprocess.run(build, cwd=tmp_path, env=env, check=True, capture_output=True)
    for name in ("briefing.pdf", "briefing.docx", "facts.json"):
        assert (out / "ruritania" / name).read_bytes() == (plain / "ruritania" / name).read_bytes(), name
    assert "2 600" in pdf_text(out / "ruritania" / "briefing.pdf")


def test_watch_builds_and_previews_each_edition_asked(profiles: Path, tmp_path: Path) -> None:
    """``watch --edition both``: both editions written and previewed, ours first, on every good build."""
    out = tmp_path / "out"
    visit = profiles / "visits" / "strelsau-2026.yaml"
    markings: list[str] = []
    watcher = Watcher(
        "strelsau-2026",
        places=Places(profiles, REPO / "templates"),
        out=out,
        formats=["md"],
        edition="both",
        on_view=lambda view: markings.append(view.cover.marking),
    )
    outcomes: list[Outcome] = []

    def saves() -> Iterator[set[Path]]:
        visit.write_text(visit.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        yield {visit}

    run(watcher, saves(), outcomes.append)
    folder = out / "strelsau-2026"
    assert [o.files for o in outcomes] == [[folder / "briefing.md", folder / "briefing.partner.md"]] * 2
    assert markings == ["CONFIDENTIEL (fictif)", "Édition destinée au partenaire"] * 2
    partner = (folder / "briefing.partner.md").read_text(encoding="utf-8")
    assert "Édition destinée au partenaire" in partner and "CONFIDENTIEL (fictif)" not in partner


def test_watch_refuses_an_unknown_edition_before_any_build(profiles: Path, tmp_path: Path) -> None:
    from briefgen.errors import InputError

    with pytest.raises(InputError, match="unknown edition 'public'"):
        Watcher("strelsau-2026", places=Places(profiles, REPO / "templates"), out=tmp_path / "out", edition="public")
    assert not (tmp_path / "out").exists()
