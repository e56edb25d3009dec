"""Quiet means quiet, a warning is one line, and the command line's habits (issue 22, parts 2 and 3)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cli import printing
from briefgen.data.catalog import Places
from briefgen.pipeline.watch import Watcher

from .helpers import REPO, run_cli

VISIT = "strelsau-2026"


def _build(profiles: Path, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    return run_cli("--profiles", profiles, *args, "--format", "md", "--out", tmp_path / "out", "--date", "2027-01-01")


def test_quiet_prints_no_warning(profiles: Path, tmp_path: Path) -> None:
    code, _, err = _build(profiles, tmp_path, "ruritania")
    assert code == 0 and err.startswith("warning: ruritania: ")
    code, out, err = _build(profiles, tmp_path, "-q", "ruritania", "--force")
    assert (code, out, err) == (0, "", "")


def test_a_date_warning_is_one_short_line_with_its_cut_off(profiles: Path, tmp_path: Path) -> None:
    code, _, err = _build(profiles, tmp_path, "ruritania")
    assert code == 0
    assert err.splitlines() == [
        "warning: ruritania: 4 facts older than 12 months on 1 Jan 2027; see 'briefgen check ruritania'"
    ]
    assert all(len(line) <= 100 for line in err.splitlines())


def test_batch_says_a_partners_warning_once_for_all_its_packs(profiles: Path, tmp_path: Path) -> None:
    shutil.copy(profiles / "visits" / f"{VISIT}.yaml", profiles / "visits" / "strelsau-bis.yaml")
    args = ("batch", VISIT, "strelsau-bis", "--jobs", "1", "--out", tmp_path / "out", "--date", "2026-06-30")
    code, _, err = run_cli("--profiles", profiles, *args)
    assert code == 0
    stale = [line for line in err.splitlines() if "older than" in line]
    assert stale == ["warning: ruritania: 3 facts older than 12 months on 30 Jun 2026; see 'briefgen check ruritania'"]
    assert sum("already past" in line for line in err.splitlines()) == 2  # each visit's own
    assert all(len(line) <= 100 for line in err.splitlines())


def test_diff_is_not_cut_at_80_columns_in_a_pipe(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / ("a-long-output-folder-name-" * 3)
    assert run_cli("--profiles", profiles, "ruritania", "--format", "md", "--out", out)[0] == 0
    code, text, _ = run_cli("--profiles", profiles, "diff", "ruritania", "--out", out)
    assert code == 0
    heading = text.splitlines()[0]
    assert heading.startswith("ruritania : changements depuis ") and len(heading) > 80 and heading.endswith(")")


def _outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFGEN_PROFILES", raising=False)
    monkeypatch.delenv("BRIEFGEN_TEMPLATES", raising=False)


def test_new_outside_a_project_writes_nothing_and_says_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _outside_a_project(tmp_path, monkeypatch)
    shipped = [REPO / "profiles" / "korea.yaml", REPO / "briefgen" / "_shipped" / "profiles" / "korea.yaml"]
    code, out, err = run_cli("new", "korea")
    assert code == 2 and out == ""
    assert "no project here" in err and "briefgen init" in err
    assert not any(path.exists() for path in shipped)


def test_an_unknown_name_outside_a_project_says_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _outside_a_project(tmp_path, monkeypatch)
    code, _, err = run_cli("korea")
    assert code == 2
    assert err.startswith("error: no profile or visit named 'korea', and no project here") and "briefgen init" in err


def test_batch_all_without_visits_says_there_are_none(profiles: Path, tmp_path: Path) -> None:
    shutil.rmtree(profiles / "visits")
    code, _, err = run_cli("--profiles", profiles, "batch", "--all", "--out", tmp_path / "out")
    assert code == 2
    assert err.startswith("error: there are no visits in ")


def test_a_date_that_does_not_exist_says_the_day_is_out_of_range(profiles: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--date", "2025-02-30", "--out", tmp_path)
    assert code == 2
    assert err == "error: the document's date '2025-02-30': day is out of range for month (--date)\n"


def test_help_command(profiles: Path) -> None:
    code, out, _ = run_cli("help")
    assert code == 0 and out.startswith("Usage: ") and "[OPTIONS] COMMAND [ARGS]..." in out.splitlines()[0]
    code, out, _ = run_cli("help", "build")
    assert code == 0 and out.startswith("Usage: ") and " build [OPTIONS] [NAME]..." in out.splitlines()[0]
    code, out, _ = run_cli("help", "translate", "export")
    assert code == 0 and " translate export [OPTIONS]" in out.splitlines()[0]
    code, _, err = run_cli("help", "nope")
    assert code == 2 and err == "error: no command named 'nope' (see 'briefgen --help')\n"


def test_a_pager_that_cannot_run_prints_plainly_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.setenv("PAGER", "nonexistent-pager --flag")
    file = io.StringIO()
    on = printing.console(file=file, force_terminal=True, height=5, width=60, color_system=None)
    paged = printing.print_paged(lambda c: [c.print(f"line {n}") for n in range(20)], on)
    assert not paged
    assert file.getvalue().splitlines() == [f"line {n}" for n in range(20)]
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "nonexistent-pager" in err


def test_preview_into_head_exits_0_quietly(profiles: Path) -> None:
    command = [sys.executable, "-m", "briefgen", "--profiles", str(profiles), "preview", "ruritania"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # as `head -1` does
    code = process.wait(timeout=60)
    assert (code, process.stderr.read()) == (0, b"")


def test_out_dash_is_refused(profiles: Path) -> None:
    code, out, err = run_cli("--profiles", profiles, "ruritania", "--format", "md", "--out", "-")
    assert code == 2 and out == ""
    assert err.startswith("error: '-' is not an output folder") and err.endswith("(--out)\n")
    assert not Path("-").exists()


def test_a_yml_profile_is_named_with_its_fix(profiles: Path) -> None:
    (profiles / "ruritania.yaml").rename(profiles / "corea.yml")
    code, _, err = run_cli("--profiles", profiles, "validate", "corea")
    assert code == 2
    assert "corea.yml is not read, profile files end in '.yaml'; rename it corea.yaml" in err


def test_strict_refusing_and_an_out_that_is_a_file_are_bad_input(profiles: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    assert run_cli("--profiles", profiles, "ruritania", "--format", "md", "--out", tmp_path / "taken")[0] == 2
    strict = ("--profiles", profiles, "ruritania", "--format", "md", "--strict", "--date", "2027-01-01")
    assert run_cli(*strict, "--out", tmp_path / "out")[0] == 2
    assert not (tmp_path / "out" / "ruritania").exists()


if os.name != "posix":  # pragma: no cover
    pytest.skip("pipes as on POSIX", allow_module_level=True)


def test_watch_on_an_up_to_date_build_says_what_changed_on_the_first_save(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    places = Places(profiles, REPO / "templates")
    assert Watcher("ruritania", places=places, out=out, formats=["html"]).build().files  # an earlier session
    watcher = Watcher("ruritania", places=places, out=out, formats=["html"])
    first = watcher.build()
    assert first.changes is None  # up to date: nothing to compare with yet
    profile = profiles / "ruritania.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("value: 2500", "value: 2600"), encoding="utf-8")
    saved = watcher.build()
    assert saved.changes is not None and [c.id for c in saved.changes.changed]


def test_diff_writes_numbers_as_the_documents_do() -> None:
    import briefgen

    fact = {"kind": "figure", "value": {"label": "Trade", "qualifier": "about", "value": 1500000.0, "unit": "EUR"}}
    # Not 1.5e+06: as the documents' value columns write it (a currency the catalogue does not name by its code).
    assert briefgen.describe_fact(fact, "en") == "Trade: about EUR\xa01.5\xa0m"
    assert briefgen.describe_fact(fact, "fr").startswith("Trade : environ 1,5")  # in one language


def test_a_read_only_output_folder_is_refused_before_rendering(
    profiles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != locked and real(path, mode, **kw))
    code, out, err = run_cli("--profiles", profiles, "ruritania", "--format", "md", "--out", locked / "sub")
    assert (code, out) == (2, "")  # root may write anywhere: os.access stands for a read-only folder
    assert err == f"error: {locked}: cannot write there (read-only); choose another output folder (--out)\n"


def test_watch_quiet_prints_no_warning_and_no_status_line(tmp_path: Path) -> None:
    from briefgen.cli.reports import TerminalReport
    from briefgen.pipeline.watch import Outcome

    out, err = io.StringIO(), io.StringIO()
    on, on_err = printing.console(file=out, width=400), printing.console(file=err, width=400)
    report = TerminalReport(on, on_err, quiet=True)
    written = tmp_path / "out" / "ruritania" / "briefing.pdf"
    stale = "ruritania: 3 facts older than 12 months on 15 Feb 2026; see 'briefgen check ruritania'"
    report(Outcome(0.5, files=[written], warnings=[stale]))
    report(Outcome(0.1, error=["profiles/ruritania.yaml:12:14: key_figures[0].value: expected a number"]))
    assert out.getvalue().splitlines() == [str(written)]
    assert "warning" not in err.getvalue() and "ruritania.yaml:12:14" in err.getvalue()
