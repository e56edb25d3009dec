"""Loading: YAML to layers, with file:line:column for every value and problem."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from briefgen.data.loading import MAX_FILE_BYTES, load_layer
from briefgen.errors import ProfileError

from .helpers import write_tree


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working folder


def problems(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as info:
        load_layer(path)
    return [str(p) for p in info.value.problems]


def test_marks_point_at_keys_and_items(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "p.yaml": """
        partner:
          name: X
        key_figures:
          - label: a
            value: 3
    """
        },
    )
    layer = load_layer(tmp_path / "p.yaml")
    assert layer.data == {"partner": {"name": "X"}, "key_figures": [{"label": "a", "value": 3}]}
    assert layer.marks[("partner", "name")] == (2, 3)
    assert layer.marks[("key_figures", 0)] == (4, 5)
    assert layer.marks[("key_figures", 0, "value")] == (5, 5)


def test_dates_and_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Quảng Ninh")
    write_tree(tmp_path, {"p.yaml": f"d: 2025-11-24\nname: {decomposed}\n"})
    data = load_layer(tmp_path / "p.yaml").data
    assert data["d"] == dt.date(2025, 11, 24)
    assert data["name"] == "Quảng Ninh" and unicodedata.is_normalized("NFC", data["name"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 1\na: 2\n", "p.yaml:2:1: a: duplicate key 'a' (first given on line 1)"),
        (
            "a: !!python/object/apply:os.system ['true']\n",
            "p.yaml:1:4: a: tag '!!python/object/apply:os.system' is not allowed",
        ),
        ("a: 2025-02-30\n", "p.yaml:1:4: a: '2025-02-30' is not a valid date"),
        ("a: 1\n\tb: 2\n", "p.yaml:2:1: YAML syntax error: found a tab character"),
        ("a: [1,\n", "p.yaml:2:1: YAML syntax error"),
        ("a: b\n---\nc: d\n", "p.yaml:2:1: YAML syntax error: found a second document"),
        ("", "p.yaml: the file is empty"),
        ("# only a comment\n", "p.yaml: the file is empty"),
        ("- a\n- b\n", "p.yaml:1:1: expected a mapping of keys at the top of the file, got a list"),
        ("just text\n", "got a single value"),
        ("a: <<: 1\n", "YAML syntax error"),
    ],
)
def test_bad_yaml_is_one_clear_problem(tmp_path: Path, content: str, expected: str) -> None:
    write_tree(tmp_path, {"p.yaml": content})
    found = problems(tmp_path / "p.yaml")
    assert any(expected in p for p in found), found


def test_binary_and_encoding(tmp_path: Path) -> None:
    write_tree(tmp_path, {"bin.yaml": b"a: 1\n\x00\x01\x02", "latin.yaml": "a: caf\xe9\n".encode("latin-1")})
    assert problems(tmp_path / "bin.yaml") == [
        "bin.yaml:2: contains a NUL byte; is this a binary file rather than YAML?"
    ]
    assert problems(tmp_path / "latin.yaml") == ["latin.yaml:1: is not UTF-8 text; save the file as UTF-8"]


def test_missing_folder_and_oversized(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    assert problems(tmp_path / "dir.yaml") == ["dir.yaml: is a folder, not a YAML file"]
    assert problems(tmp_path / "none.yaml") == ["none.yaml: no such file"]
    (tmp_path / "big.yaml").write_bytes(b"a: " + b"x" * MAX_FILE_BYTES)
    assert "profiles are limited to" in problems(tmp_path / "big.yaml")[0]


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    write_tree(tmp_path, {"bomb.yaml": "\n".join(lines) + "\n"})
    found = problems(tmp_path / "bomb.yaml")
    assert any("expands to more than" in p for p in found)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    write_tree(tmp_path, {"deep.yaml": "a: " + "[" * 200 + "]" * 200 + "\n"})
    assert any("nests more than" in p for p in problems(tmp_path / "deep.yaml"))
