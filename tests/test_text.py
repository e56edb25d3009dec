"""What a user wrote is printed one way (``briefgen.text.shown``), and date computations are bounded.

Profiles here are the FICTIONAL fixtures of ``tests/fixtures/``, edited.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.text import markup_safe, shown

from .helpers import FIXTURES, run_cli


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),  # OSC: set the terminal title
        ("\x1b[2J", "\\x1b[2J"),  # clear the screen
        ("a\x9d0;t\x9cb", "a\\x9d0;t\\x9cb"),  # C1 OSC and ST
        ("a\nok: b", "a\\nok: b"),
        ("a\rok", "a\\rok"),
        ("a\x85b\u2028c\u2029d", "a\\x85b\\u2028c\\u2029d"),  # NEL, line and paragraph separators
        ("abc\u202egnp.exe", "abc\\u202egnp.exe"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # isolates
        ("na\u200bme\u200c\u200d\u2060\ufeff", "na\\u200bme\\u200c\\u200d\\u2060\\ufeff"),
        ("\u3164", "\\u3164"),  # Hangul filler: a letter that draws nothing
    ],
)
def test_shown_escapes_what_moves_or_hides(raw: str, expected: str) -> None:
    assert shown(raw) == expected
    assert shown(shown(raw)) == expected  # idempotent: composing then printing changes nothing more


@pytest.mark.parametrize("text", ["Quảng Ninh", "北海道 ルリタニア", "plus de 2\u202f500\u00a0USD", "A & [b]", ""])
def test_shown_keeps_real_text(text: str) -> None:
    assert shown(text) == text


def test_markup_safe_escapes_rich_markup() -> None:
    assert markup_safe("[bold]x\u200b") == "\\[bold]x\\u200b"


def _profiles(tmp_path: Path, name: str = "Ruritanie") -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(FIXTURES, folder)
    path = folder / "ruritania.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Ruritanie", f'name: "{name}"'), encoding="utf-8")
    return folder


def test_preview_cannot_set_the_title_or_reverse_the_line(tmp_path: Path) -> None:
    folder = _profiles(tmp_path, "Ruri\\x9d0;TITLE\\x9ctanie \\u202eexe.fdp \\u200b")
    code, out, err = run_cli("--profiles", folder, "preview", "ruritania", env={"COLUMNS": "200"})
    assert code == 0, err
    assert "Ruri\\x9d0;TITLE\\x9ctanie \\u202eexe.fdp \\u200b" in out
    assert not any(c in out for c in "\x9d\x9c\u202e\u200b")


def test_list_and_check_show_escapes(tmp_path: Path) -> None:
    folder = _profiles(tmp_path, "Ruri\\u2028ok: forged")
    code, out, err = run_cli("--profiles", folder, "list")
    assert code == 0, err
    assert "Ruri\\u2028ok: forged" in out and "\u2028" not in out


def test_validate_zero_width_key_is_visible(tmp_path: Path) -> None:
    folder = _profiles(tmp_path)
    path = folder / "ruritania.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '"people\\u200b": []\n', encoding="utf-8")
    code, _, err = run_cli("--profiles", folder, "validate", "ruritania")
    assert code == 2
    assert "unknown key 'people\\u200b', did you mean 'people'?" in err
    assert "\u200b" not in err


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("--max-age", "3000y"), "reaches before the year 1"),
        (("--max-age", "9999d", "--today", "0001-01-01"), "reaches before the year 1"),
        (("--max-age", "12m", "--today", "0001-01-01"), "reaches before the year 1"),
    ],
)
def test_check_dates_are_bounded(tmp_path: Path, args: tuple[str, ...], phrase: str) -> None:
    folder = _profiles(tmp_path)
    code, _, err = run_cli("--profiles", folder, "check", "ruritania", *args)
    assert code == 2
    assert err.startswith("error: the maximum age ") and phrase in err and err.endswith(" (--max-age)\n")
    assert len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("epoch", ["-1", "-62135596801", "253402300800", "99999999999999999999"])
def test_source_date_epoch_is_bounded(tmp_path: Path, epoch: str) -> None:
    folder = _profiles(tmp_path)
    out = tmp_path / "out"
    code, _, err = run_cli(
        "--profiles", folder, "build", "ruritania", "--format", "html", "--out", out, env={"SOURCE_DATE_EPOCH": epoch}
    )
    assert code == 2
    assert err == f"error: SOURCE_DATE_EPOCH='{epoch}': expected a number of seconds since 1970 (0 to 253402300799)\n"
    assert not out.exists() or not any(out.rglob("*.html"))
