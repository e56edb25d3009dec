"""One file per language: fr, en and vi builds of one name side by side, and one load for all three.

The fictional Ruritania fixture (tests/fixtures) is written in French: a French build writes
``briefing.pdf``, an English one ``briefing.en.pdf``, each with its own record, so that no
build overwrites another language's files or takes them for its own.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import briefgen
import briefgen.data.validation
import briefgen.pipeline.builds
from briefgen import languages
from briefgen.data import assembly
from briefgen.data.catalog import Places

from .helpers import REPO, run_cli

FILES = {
    "fr": ["briefing.docx", "briefing.pdf"],
    "en": ["briefing.en.docx", "briefing.en.pdf"],
    "vi": ["briefing.vi.docx", "briefing.vi.pdf"],
}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_each_language_writes_its_own_files_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = out / "ruritania"
    seen: dict[str, dict[str, str]] = {}
    for lang in ("fr", "en", "vi"):
        code, stdout, err = run_cli(
            "--profiles", REPO / "tests" / "fixtures", "ruritania", "--lang", lang, "--out", out
        )
        assert code == 0, err
        assert stdout.split() == [str(folder / name) for name in FILES[lang]]
        seen[lang] = _digests(folder)
    # Every earlier language's documents are still there, byte for byte.
    for name in FILES["fr"]:
        assert seen["vi"][name] == seen["fr"][name]
    for name in FILES["en"]:
        assert seen["vi"][name] == seen["en"][name]
    documents = [seen["vi"][name] for names in FILES.values() for name in names]
    assert len(set(documents)) == 6  # three languages, two formats: six different files
    records = {p.name for p in folder.glob(".briefgen-build*.json")}
    assert records == {".briefgen-build.json", ".briefgen-build.en.json", ".briefgen-build.vi.json"}
    english = json.loads((folder / ".briefgen-build.en.json").read_text(encoding="utf-8"))
    assert english["options"]["lang"] == "en"
    assert [o["path"] for o in english["outputs"]] == [*FILES["en"], "facts.json"]
    # The French build is its own record's: not rebuilt after the English and Vietnamese ones.
    code, stdout, _ = run_cli("--profiles", REPO / "tests" / "fixtures", "ruritania", "--lang", "fr", "--out", out)
    assert (code, stdout) == (0, f"up to date: {folder} (use --force to rebuild)\n")
    code, stdout, _ = run_cli("--profiles", REPO / "tests" / "fixtures", "ruritania", "--out", out)
    assert stdout.startswith("up to date: ")  # no --lang: the profile's own language, the same files


def test_three_languages_in_one_run_read_the_profiles_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", profiles)
    loads: list[str] = []
    real = assembly.load

    def counted(name: str, places: Places) -> assembly.Loaded:
        loads.append(name)
        return real(name, places)

    monkeypatch.setattr(briefgen.pipeline.builds, "load", counted)  # a build's one way into the data
    validated: list[int] = []
    real_validate = briefgen.data.validation.validate

    def counted_validate(*args: object, **kwargs: object) -> object:
        validated.append(1)
        return real_validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(briefgen.data.validation, "validate", counted_validate)
    places = Places.find(profiles)
    built = briefgen.build(["ruritania"], lang="fr,en,vi", formats=["md"], out=tmp_path / "out", places=places)
    assert (loads, len(validated)) == (["ruritania"], 1)
    assert [(b.lang, [f.name for f in b.files]) for b in built] == [
        ("fr", ["briefing.md"]), ("en", ["briefing.en.md"]), ("vi", ["briefing.vi.md"])
    ]  # fmt: skip
    folder = tmp_path / "out" / "ruritania"
    # Each language's cover says, in its own words, when its facts hold (the catalogue's info_as_of).
    for lang, filename in (("fr", "briefing.md"), ("en", "briefing.en.md"), ("vi", "briefing.vi.md")):
        words = languages.labels(lang)["info_as_of"].split("{")[0].strip()
        assert words in (folder / filename).read_text(encoding="utf-8"), lang


def test_a_pack_carries_the_languages_its_visit_asks_for(tmp_path: Path) -> None:
    """A FICTIONAL visit with ``languages: [fr, en]``: one pack, both languages, one manifest and zip."""
    import zipfile

    profiles = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", profiles)
    visit = profiles / "visits" / "strelsau-2026.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("visit:\n", "visit:\n  languages: [fr, en]\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "batch", "strelsau-2026", "--jobs", "1", "--out", out)
    assert code == 0, err
    folder = out / "strelsau-2026"
    made = {"briefing.docx", "briefing.pdf", "key-facts.pdf", "briefing.en.docx", "briefing.en.pdf", "key-facts.en.pdf"}
    assert made <= {p.name for p in folder.iterdir()}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert made <= {o["path"] for o in manifest["outputs"]}
    with zipfile.ZipFile(out / "strelsau-2026.zip") as archive:
        assert {f"strelsau-2026/{n}" for n in made} <= set(archive.namelist())
    english = (folder / "briefing.en.pdf").read_bytes()
    assert english != (folder / "briefing.pdf").read_bytes()
    code, report, err = run_cli("--profiles", profiles, "batch", "strelsau-2026", "--jobs", "1", "--out", out, "--json")
    assert code == 0 and '"up to date"' in report, err  # the next run finds every language's files intact
