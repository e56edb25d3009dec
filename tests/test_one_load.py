"""A build reads each profile file once: built, skipped, in several languages, or checked first (``--strict``).

The profiles are the FICTIONAL fixtures (tests/fixtures), copied into tmp_path so that no earlier
read in this process (a cached digest) can hide a second one.
"""

from __future__ import annotations

import builtins
import io
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import briefgen

from .helpers import run_cli

VISIT = "zenda-summit-2026"
FILES = ("defaults.yaml", "ruritania.yaml", f"visits/{VISIT}.yaml")


@pytest.fixture
def opened(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How many times each profile file is opened (os.open, open, io.open), by its path under the profiles folder."""
    counts: Counter[str] = Counter()
    root = profiles.resolve()

    def note(path: Any) -> None:
        if isinstance(path, str | os.PathLike):
            resolved = Path(os.fsdecode(path)).resolve()
            if resolved.is_relative_to(root) and resolved.suffix == ".yaml":
                counts[resolved.relative_to(root).as_posix()] += 1

    real_os_open, real_open = os.open, builtins.open

    def os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        note(path)
        return real_os_open(path, *args, **kwargs)

    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        note(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    yield counts


def build(profiles: Path, out: Path, **options: Any) -> list[briefgen.Built]:
    places = briefgen.Places.find(profiles)
    return briefgen.build([VISIT], formats=["md"], out=out, places=places, date=None, **options)


def test_a_build_reads_each_profile_file_once(profiles: Path, tmp_path: Path, opened: Counter[str]) -> None:
    (built,) = build(profiles, tmp_path / "out")
    assert built.status == "built"
    assert opened == {name: 1 for name in FILES}


def test_a_skipped_build_reads_each_profile_file_once(profiles: Path, tmp_path: Path, opened: Counter[str]) -> None:
    build(profiles, tmp_path / "out")
    opened.clear()
    (built,) = build(profiles, tmp_path / "out")
    assert built.status == "up to date"
    assert opened == {name: 1 for name in FILES}


def test_a_strict_build_in_three_languages_reads_each_profile_file_once(
    profiles: Path, tmp_path: Path, opened: Counter[str]
) -> None:
    with pytest.raises(briefgen.BriefgenError):  # the fixtures have findings: --strict refuses them
        build(profiles, tmp_path / "out", strict=True, lang="fr,en,vi")
    assert opened == {name: 1 for name in FILES}
    opened.clear()
    built = build(profiles, tmp_path / "out", lang="fr,en,vi", force=True)
    assert [b.status for b in built] == ["built"] * 3
    assert opened == {name: 1 for name in FILES}


def test_a_strict_build_from_the_command_line_reads_each_file_once(profiles: Path, tmp_path: Path) -> None:
    """Through the CLI, a partner alone: ``--strict`` refuses its stale figure, having read each file once."""
    (profiles / "visits" / f"{VISIT}.yaml").unlink()
    (profiles / "visits" / "strelsau-2026.yaml").unlink()
    counts: Counter[str] = Counter()
    real = os.open

    def os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".yaml"):
            counts[Path(os.fsdecode(path)).name] += 1
        return real(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", os_open)
        code, _, err = run_cli(
            "--profiles",
            profiles,
            "ruritania",
            "--strict",
            "--date",
            "2026-12-07",
            "--format",
            "md",
            "--out",
            tmp_path / "o",
        )
    assert (code, (err.splitlines() or [""])[0]) == (
        2,
        "error: 3 finding(s) (see 'briefgen check'); nothing was built (--strict)",
    )
    assert counts == {"defaults.yaml": 1, "ruritania.yaml": 1}
