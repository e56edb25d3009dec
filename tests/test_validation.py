"""Merge and validate: layered profiles, every problem with file:line:col, path and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen
from briefgen.data.catalog import Places
from briefgen.data.loading import load_layer
from briefgen.data.merging import merge
from briefgen.data.translation import resolve
from briefgen.errors import InputError, ProfileError

from .helpers import FIXTURES, REPO, write_tree


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def places(root: Path) -> Places:
    return Places(root, REPO / "templates")


def copy_fixtures(root: Path, **extra: str) -> Path:
    files = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in ("defaults.yaml", "ruritania.yaml")}
    write_tree(root, files)
    write_tree(root, extra)
    return root


def test_shipped_japan_profile_is_valid_and_sourced() -> None:
    profile = briefgen.load_profile("japan")
    assert profile.partner.name == {"fr": "Japon", "en": "Japan", "vi": "Nhật Bản"} and profile.partner.native == "日本"
    assert profile.language == "fr" and profile.marking and profile.issuer
    figures = {resolve(f.label, "fr", "fr"): f for f in profile.key_figures}
    assert figures["Entreprises japonaises implantées au Vietnam"].value == 2500
    assert figures["Entreprises japonaises implantées au Vietnam"].qualifier == "more_than"
    assert figures["Aide publique au développement (APD)"].rank == 1
    assert {a.short for a in profile.agreements} == {"VJEPA", "AJCEP", "CPTPP", "RCEP"}
    pairs = {p.ours.native: [resolve(t.name, "vi", "fr") for t in p.theirs] for p in profile.partnerships}
    assert pairs == {
        "Thành phố Hồ Chí Minh": ["Osaka"],
        "Hà Nội": ["Fukuoka"],
        "Quảng Ninh": ["tỉnh Hokkaido", "Tottori"],  # the level, where only one exists (issue 24)
        "Đà Nẵng": ["thành phố Sakai", "thành phố Yokohama"],
    }
    # The defaults layer brings the national context, with its own sources.
    assert [resolve(g.title, "fr", "fr") for g in profile.national_context][0].startswith("Action extérieure")
    assert {"tournant-2025", "cvn-2026-01-19", "baoquocte-2025-11-24"} <= set(profile.sources)


def test_later_layers_win_and_lists_replace(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "a.yaml": "marking: A\npartner: {name: X, native: Y}\nlist: [1, 2, 3]\n",
            "b.yaml": "marking: B\npartner: {name: Z}\nlist: [9]\n",
        },
    )
    merged = merge([load_layer(tmp_path / "a.yaml"), load_layer(tmp_path / "b.yaml")])
    assert merged.data == {"marking": "B", "partner": {"name": "Z", "native": "Y"}, "list": [9]}
    assert merged.origin(("marking",)).file == "b.yaml"
    assert merged.origin(("partner", "native")).file == "a.yaml"
    assert merged.origin(("list", 0)).file == "b.yaml"


def test_origin_of_missing_field_in_replaced_list_is_the_replacing_layer(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "a.yaml": "items:\n  - {x: 1, y: 2}\n",
            "b.yaml": "# b\nitems:\n  - {x: 1}\n",
        },
    )
    merged = merge([load_layer(tmp_path / "a.yaml"), load_layer(tmp_path / "b.yaml")])
    origin = merged.origin(("items", 0, "y"))
    assert (origin.file, origin.line) == ("b.yaml", 3)


def test_all_problems_at_once_with_exact_positions(tmp_path: Path) -> None:
    copy_fixtures(
        tmp_path,
        **{
            "broken.yaml": """
        partner:
          name: Broken
        key_figures:
          - label: ok
            value: 1
            as_of: 2025
            source: fict-src
          - label: bad
            value: beaucoup
            asof: 2025
            source: fict-srd
        people:
          - name: X
            role: Y
            side: ours
            as_of: 2025-13
            source: fict-src
    """
        },
    )
    reports = briefgen.validate(["broken"], places(tmp_path))
    assert [str(p) for p in reports[0].problems] == [
        "broken.yaml:8:5: key_figures[1]: missing required key 'as_of'",
        "broken.yaml:9:5: key_figures[1].value: expected a number, got 'beaucoup'",
        "broken.yaml:10:5: key_figures[1].asof: unknown key 'asof', did you mean 'as_of'?",
        "broken.yaml:11:5: key_figures[1].source: source 'fict-srd' is not in sources, did you mean 'fict-src'?",
        "broken.yaml:15:5: people[0].side: expected one of 'vietnam' or 'partner', got 'ours'",
        "broken.yaml:16:5: people[0].as_of: expected a date such as 2025-11-24, 2025-11 or 2025, got '2025-13'",
    ]


def test_problem_in_defaults_points_at_defaults(tmp_path: Path) -> None:
    copy_fixtures(tmp_path)
    defaults = (tmp_path / "defaults.yaml").read_text(encoding="utf-8")
    (tmp_path / "defaults.yaml").write_text(defaults.replace("language: fr", "langage: fr"), encoding="utf-8")
    reports = briefgen.validate(["ruritania"], places(tmp_path))
    assert [str(p) for p in reports[0].problems] == [
        "defaults.yaml:2:1: langage: unknown key 'langage', did you mean 'language'?"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("key_figures:\n  - {label: x, as_of: 2025, source: fict-src}\n", "a figure needs a 'value', a 'rank' or both"),
        ("timeline:\n  - {text: x, source: fict-src}\n", "an event needs a 'date'"),
        (
            "key_figures:\n  - {label: x, value: 1, unit: dollars, as_of: 2025, source: fict-src}\n",
            "expected 'percent' or a currency code such as 'USD', got 'dollars'",
        ),
        ("language: de\n", "expected one of 'fr', 'en' or 'vi', got 'de'"),
        ("summary: just text\n", "expected a list (lines starting with '- '), got 'just text'"),
        ("sources:\n  s2: {title: t, url: 'ftp://x'}\n", "expected a web address starting with http"),
    ],
)
def test_semantic_problems(tmp_path: Path, content: str, message: str) -> None:
    copy_fixtures(tmp_path, **{"ruritania.yaml": "partner: {name: X}\n" + content})
    problems = [str(p) for p in briefgen.validate(["ruritania"], places(tmp_path))[0].problems]
    assert any(message in p for p in problems), problems


def test_partner_must_be_a_mapping(tmp_path: Path) -> None:
    copy_fixtures(tmp_path, **{"ruritania.yaml": "partner: Japon\n"})
    problems = [str(p) for p in briefgen.validate(["ruritania"], places(tmp_path))[0].problems]
    assert problems == ["ruritania.yaml:1:1: partner: expected a mapping of keys, got 'Japon'"]


@pytest.mark.parametrize("name", ["../japan", "/etc/passwd", "ja\x00pan", "a/b", ".hidden", "japan\n", ""])
def test_names_are_never_paths(name: str) -> None:
    with pytest.raises(InputError, match="is not a profile name"):
        briefgen.load_profile(name)


def test_unknown_name_suggests() -> None:
    with pytest.raises(InputError, match="did you mean 'japan'"):
        briefgen.load_profile("jpan")


def test_profile_error_is_an_input_error(tmp_path: Path) -> None:
    copy_fixtures(tmp_path, **{"ruritania.yaml": "partner: {name: X}\nbogus: 1\n"})
    with pytest.raises(ProfileError) as info:
        briefgen.load_profile("ruritania", places(tmp_path))
    assert info.value.exit_code == 2
    assert "ruritania.yaml:2:1: bogus: unknown key 'bogus'" in str(info.value)
