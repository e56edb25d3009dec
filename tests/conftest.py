"""Every test builds documents dated 31 December 2025, whatever day the suite runs.

A document is dated by ``--date``, else ``SOURCE_DATE_EPOCH``, else the build day
(``briefgen.view.dating``); ``build`` warns about figures older than 12 months on that date. Without a
fixed date, a test asserting an empty stderr would start failing as the shipped facts age. Tests
of the precedence itself pass ``--date``, their own ``SOURCE_DATE_EPOCH`` or remove it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXAMPLE, EXAMPLE_DRAFTED, FIXTURES, REPO, run_cli

FIXED_EPOCH = "1767139200"
"""2025-12-31T00:00:00Z."""


def pytest_configure(config: pytest.Config) -> None:
    """Set before any fixture, module-scoped ones included; a test's own monkeypatch undoes its changes."""
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH


GROUPS = dict.fromkeys(
    (
        "test_documents.py",
        "test_example_visit.py",
        "test_key_facts_page.py",
        "test_languages.py",
        "test_layout_check.py",
        "test_layout_summary.py",
        "test_no_french_left.py",
        "test_office_form.py",
    ),
    "shared-builds",
)
"""Test files one xdist worker runs together, so that the session builds they read (``japan_built``,
``example_pack``) are made once in the whole run, not once on each worker; every other file is its own unit, as
pyproject's ``--dist loadfile`` says (its module-scoped builds made once)."""

HEAVIEST = (
    "shared-builds",
    "test_batch.py",
    "test_key_facts_and_changes.py",
    "test_dates.py",
    "test_fuzz.py",
    "test_partner_edition.py",
    "test_faults.py",
    "test_docs.py",
    "test_build.py",
    "test_untrusted_files.py",
    "test_field_coverage.py",
    "test_place_names.py",
    "test_age_on_page.py",
    "test_formats.py",
    "test_watch.py",
    "test_image_resolution.py",
    "test_bad_inputs.py",
    "test_guard_io.py",
    "test_fuzz_outputs.py",
    "test_golden.py",
)
"""The units that take longest (8 s to a minute and a half each on one core, ``--durations``), handed out first and
in this order; the others (a few seconds each) follow, those with the most tests first (xdist's order). A long unit
handed out last keeps one core busy while the other idles: xdist's order alone put most of these among the last."""


@pytest.hookimpl(optionalhook=True)  # without xdist (`-p no:xdist -o addopts=`) the hook is unknown
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile`` with the files of ``GROUPS`` sent to one worker, the ``HEAVIEST`` units first.

    (xdist's own ``--dist loadgroup`` cannot do it with pytest 9: the group it appends to a test's id is lost.)
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    here = Path(__file__).parent
    named = [*GROUPS, *(name for name in HEAVIEST if name not in GROUPS.values())]
    assert all((here / name).is_file() for name in named), "conftest: GROUPS or HEAVIEST names a file that is gone"

    def rank(scope: str) -> int:
        name = scope.rsplit("/", 1)[-1]
        return HEAVIEST.index(name) if name in HEAVIEST else len(HEAVIEST)

    class FilesAndGroups(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return GROUPS.get(file.rsplit("/", 1)[-1], file)

        def _assign_work_unit(self, node: Any) -> None:
            if not self.ordered:  # the queue is complete before the first unit is handed out
                self.ordered = True
                units = sorted(self.workqueue.items(), key=lambda unit: rank(unit[0]))  # stable: xdist's order after
                self.workqueue.clear()
                self.workqueue.update(units)
            super()._assign_work_unit(node)

    return FilesAndGroups(config, log)


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    """A copy of the FICTIONAL fixtures (tests/fixtures) in ``tmp_path/profiles``, for a test to change.

    A test file that needs more in it overrides this fixture with one that takes it and adds to it.
    """
    folder = tmp_path / "profiles"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture(scope="session")
def japan_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The shipped Japan briefing built once per test process (DOCX and PDF, in fr, en and vi), for the tests of
    several files that only read it: (the out folder, holding ``japan/briefing[.LANG].*``; {lang: the build's
    stderr}). Building it once saves the costliest renders of the suite (see tests/test_languages.py)."""
    out = tmp_path_factory.mktemp("japan-built")
    errors = {}
    for lang in ("fr", "en", "vi"):
        code, _, err = run_cli("--profiles", REPO / "profiles", "build", "japan", "--lang", lang, "--out", out)
        assert code == 0, err
        errors[lang] = err
    return out, errors


@pytest.fixture(scope="session")
def example_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example visit's pack made once per test process by ``batch`` dated ``EXAMPLE_DRAFTED`` (briefing
    DOCX and PDF and key-facts page in fr, en and vi, manifest), for the tests of several files that only read it:
    the out folder, holding ``EXAMPLE/``. A test that copies a file out of it must not change it."""
    out = tmp_path_factory.mktemp("example-pack")
    code, stdout, err = run_cli(
        "--profiles", REPO / "profiles", "batch", EXAMPLE, "--out", out, "--json", "--date", EXAMPLE_DRAFTED
    )
    assert code == 0, stdout + err
    return out
