"""Files briefgen reads besides profiles: translation records and earlier facts (``--since``, an earlier pack).

None is trusted: a pipe must not hang a command, a link to ``/dev/zero`` must not fill memory, and a
malformed one is one line naming the file and what is wrong (exit 2), never a traceback. Everything
here is FICTIONAL: the fixtures of ``tests/fixtures/`` and hand-made files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefgen.pipeline import api
from briefgen.view.facts import facts_document
from briefgen.view.sections import newest_as_of

from .helpers import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"
VISIT = "strelsau-2026"


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(FIXTURES, folder)
    return folder


def _run(*args: str | Path, cwd: Path) -> tuple[int, str, str]:
    """briefgen in a child process limited to 1 GiB of memory and 60 s: a hang or a memory hog fails the test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    code = "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
    code += "sys.argv = ['briefgen', *sys.argv[1:]]; runpy.run_module('briefgen', run_name='__main__')"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"briefgen {' '.join(map(str, args))} hung")
    return done.returncode, done.stdout, done.stderr


def _one_error(err: str, *parts: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    for part in parts:
        assert part in lines[0], err


# ---- translation records ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pipe", "link_to_dev_zero", "folder"])
@pytest.mark.parametrize("command", ["export", "check"])
def test_translation_records_that_are_not_a_file_are_refused_at_once(
    profiles: Path, tmp_path: Path, kind: str, command: str
) -> None:
    records = profiles / ".translations" / "ruritania.json"
    records.parent.mkdir()
    if kind == "pipe":
        os.mkfifo(records)
    elif kind == "folder":
        records.mkdir()
    else:
        records.symlink_to("/dev/zero")
    if command == "export":
        args = ("translate", "export", "ruritania", "--lang", "en", "-o", tmp_path / "x.xlf")
    else:
        args = ("check", "ruritania", "--lang", "en")
    code, _, err = _run("--profiles", profiles, *args, cwd=tmp_path)
    assert code == 2, err
    _one_error(err, ".translations/ruritania.json: translation records cannot be read", "delete the file")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ('{"en": [1]}', '"en": expected a mapping of fields'),
        ('{"en": {"summary.0.text": 3}}', '"en"."summary.0.text": expected a mapping of languages to hashes'),
        ('{"en": {"summary.0.text": {"fr": 1}}}', '"en"."summary.0.text": expected a mapping of languages to hashes'),
        ("[1, 2]", "expected a mapping of languages"),
        ("[" * 100_000 + "]" * 100_000, "are not JSON"),
        ('{"en": ', "are not JSON"),
        ('{"en": {}}' + " " * (2 << 20), "larger than 2 MiB"),
    ],
    ids=["list", "number", "hash_not_text", "top_list", "deep", "truncated", "too_large"],
)
def test_malformed_translation_records_are_one_line(profiles: Path, tmp_path: Path, content: str, what: str) -> None:
    records = profiles / ".translations" / "ruritania.json"
    records.parent.mkdir()
    records.write_text(content, encoding="utf-8")
    for args in (
        ("translate", "export", "ruritania", "--lang", "en", "-o", tmp_path / "x.xlf"),
        ("check", "--lang", "en"),
    ):
        code, _, err = run_cli("--profiles", profiles, *args)
        assert code == 2, err
        _one_error(err, ".translations/ruritania.json: translation records", what, "delete the file")


# ---- --since ---------------------------------------------------------------------------------------------


def _facts(profiles: Path) -> dict[str, object]:
    profile = api.load_profile("ruritania", api.Places.find(profiles))
    return facts_document("ruritania", profile, "2025-06-30", newest_as_of(profile))


def _fact(value: object, as_of: object = "2025-01", kind: str = "figure") -> dict[str, object]:
    return {"format": 1, "facts": {"key_figures:Vieux": {"kind": kind, "value": value, "as_of": as_of}}}


@pytest.mark.parametrize(
    ("document", "what"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            {"format": 1, "facts": {"x": {"kind": "figure", "value": {"value": [[[[[[1]]]]]]}}}},
            ".value.value: expected",
        ),
        (_fact({"label": "Vieux", "value": "beaucoup"}), 'facts["key_figures:Vieux"].value.value: expected a number'),
        (_fact({"label": "Vieux", "value": 1, "qualifier": 3}), ".value.qualifier: expected a string"),
        (_fact(["not", "a", "mapping"]), ".value: expected a mapping"),
        (_fact({"label": "Vieux"}, as_of="hier"), ".as_of: expected a date such as 2025-11"),
        (_fact({"label": "Vieux"}, as_of="2025-13"), ".as_of: expected a date such as 2025-11"),
        ({"format": 1, "facts": {"x": 3}}, 'facts["x"]: expected a mapping'),
        ({"format": 1, "facts": {"x": {"kind": "claim", "value": {}, "source": [1]}}}, ".source: expected a mapping"),
        ({"format": 1, "facts": [], "dated": 3}, "no 'facts' mapping"),
        ({"format": "1", "facts": {}}, "no 'format': 1"),
        ({"format": 2, "facts": {}}, "facts.json format 2; this briefgen reads format 1"),
        ({"format": 1, "facts": {}, "dated": ["x"]}, "'dated' is not a string"),
    ],
    ids=[
        "deep",
        "deep_value",
        "figure_text",
        "qualifier",
        "value_list",
        "as_of_word",
        "as_of_month_13",
        "fact_number",
        "source_list",
        "facts_list",
        "format_text",
        "format_2",
        "dated_list",
    ],
)
def test_a_wrong_since_file_is_one_line_exit_2(profiles: Path, tmp_path: Path, document: object, what: str) -> None:
    since = tmp_path / "old.json"
    since.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    for extra in ((), ("--json",)):
        code, out, err = run_cli("--profiles", profiles, "diff", "ruritania", "--since", since, *extra)
        assert code == 2, out + err
        _one_error(err, f"{since}: ", what, "(--since)")


@pytest.mark.parametrize("kind", ["pipe", "link_to_dev_zero"])
def test_a_since_that_is_not_a_file_is_refused_at_once(profiles: Path, tmp_path: Path, kind: str) -> None:
    since = tmp_path / "old.json"
    if kind == "pipe":
        os.mkfifo(since)
    else:
        since.symlink_to("/dev/zero")
    code, _, err = _run("--profiles", profiles, "diff", "ruritania", "--since", since, cwd=tmp_path)
    assert code == 2, err
    _one_error(err, f"{since}: cannot be read", "(--since)")


def _zip_with_facts(path: Path, facts: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{VISIT}/facts.json", facts)
    return path


def test_a_malformed_facts_json_in_a_since_zip_is_one_line(profiles: Path, tmp_path: Path) -> None:
    since = _zip_with_facts(tmp_path / "old.zip", json.dumps(_fact({"label": "x"}, as_of="hier")).encode())
    code, _, err = run_cli("--profiles", profiles, "diff", "ruritania", "--since", since)
    assert code == 2, err
    _one_error(err, f"{since}: facts.json in the zip: ", ".as_of: expected a date", "(--since)")


def test_a_good_since_zip_still_compares(profiles: Path, tmp_path: Path) -> None:
    document = _facts(profiles)
    since = _zip_with_facts(tmp_path / "old.zip", json.dumps(document).encode())
    code, out, err = run_cli("--profiles", profiles, "diff", "ruritania", "--since", since)
    assert code == 0, err
    assert "Aucun fait n’a changé." in out


# ---- an earlier pack in batch ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "what"),
    [
        (json.dumps(_fact({"label": "x"}, as_of="hier")).encode(), ".as_of: expected a date"),
        (json.dumps(_fact({"label": "x", "value": "beaucoup"})).encode(), ".value.value: expected a number"),
        (b"{not json", "not JSON"),
        (None, "cannot be read as a zip"),
    ],
    ids=["as_of_word", "figure_text", "not_json", "bad_zip"],
)
def test_a_broken_earlier_pack_does_not_fail_the_new_one(
    profiles: Path, tmp_path: Path, earlier: bytes | None, what: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if earlier is None:
        (out / f"{VISIT}.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    else:
        _zip_with_facts(out / f"{VISIT}.zip", earlier)
    code, stdout, err = run_cli("--profiles", profiles, "batch", VISIT, "--jobs", "1", "--out", out)
    assert code == 0, stdout + err
    assert "Traceback" not in err
    warnings = [line for line in err.splitlines() if "changes since the earlier pack" in line]
    assert len(warnings) == 1, err
    assert warnings[0].startswith(f"warning: {VISIT}: the changes since the earlier pack are left out: ")
    assert f"{VISIT}.zip" in warnings[0] and what in warnings[0]
    assert (out / VISIT / "manifest.json").is_file() and zipfile.is_zipfile(out / f"{VISIT}.zip")
