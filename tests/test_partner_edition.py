"""The partner's edition (``build --edition partner``): without what is ours alone, in files of its own.

The shipped example visit is built in English in both editions into one folder; the partner's PDF, DOCX and
Markdown are read back: no internal section's title or text, no internal marking, a cover that says whose
edition it is. The internal edition is the same bytes whether or not the partner's was built beside it, and
``--final`` refuses a partner's edition that would still show an internal section.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
import yaml

import briefgen
from briefgen.data.catalog import Places
from briefgen.errors import InputError
from briefgen.view import context, sections
from briefgen.view.formatting import Formatter

from .helpers import REPO, run_cli

PROFILES = REPO / "profiles"
EXAMPLE = "example-quang-ninh-hokkaido-2027"
DATE = "2026-08-31"
"""A day on which the example is final-ready (see tests/test_example_visit.py, WITHIN_AGE)."""
PARTNER_WORDS = "Edition for the partner"


def _en(value: object) -> str:
    return " ".join(str(value["en"]).split()) if isinstance(value, dict) else " ".join(str(value).split())


def _ours_alone() -> dict[str, list[str]]:
    """The example's texts that are ours alone, in English, by where they come from."""
    visit = yaml.safe_load((PROFILES / "visits" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8"))
    plan = visit["visit"]
    meetings = plan["programme"]
    drafting = plan["drafting"]
    found = {
        "marking": [_en(visit["marking"])],
        "vigilance": [_en(t) for t in plan["vigilance"]],
        "their_asks": [_en(a[k]) for a in plan["their_asks"] for k in ("ask", "reply")],
        "replies": [_en(a["reply"]) for a in plan["our_asks"]],
        "lines_to_avoid": [_en(t) for m in meetings for t in m.get("lines_to_avoid", [])],
        "questions": [_en(q[k]) for m in meetings for q in m.get("questions", []) for k in ("question", "answer")],
        "notes": [_en(c["note"]) for c in plan["follow_up"] if c.get("note")],
        "drafting": [_en(drafting["officer"]), *(_en(c) for c in drafting["clearance"])],
    }
    assert all(found.values()), {k: v for k, v in found.items() if not v}  # the example has each of them
    return found


def _titles() -> list[str]:
    """The titles of the internal sections and parts, in English."""
    labels = {**Formatter("en", "fr").labels, **sections.section_words("en")}
    return [labels[k] for k in (*sections.INTERNAL, "their_asks", "lines_to_avoid", "questions")]


def _drafting_title() -> str:
    """The drafting section's title, which ours does not show either: its closing block and heading show the
    drafting block whole (``office_form.drafting_left``)."""
    return {**Formatter("en", "fr").labels, **sections.section_words("en")}["drafting"]


def _flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def _pdf(path: Path) -> str:
    """The PDF's text, flattened; read once per content (several tests read the module's shared build)."""
    return _pdf_text(path.read_bytes())


@functools.cache
def _pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def _docx(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    for s in document.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return _flat(" ".join(parts))


def _build(out: Path, *more: str) -> tuple[int, str, str]:
    return run_cli(
        "--profiles", PROFILES, "build", EXAMPLE, "--lang", "en", "--format", "pdf,docx,md", "--out", out,
        "--date", DATE, *more,
    )  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions, the partner's first, in one folder."""
    out = tmp_path_factory.mktemp("editions")
    for more in (("--edition", "partner"), ()):
        code, _, err = _build(out, *more)
        assert code == 0, err
    return out / EXAMPLE


def _texts(folder: Path, stem: str) -> dict[str, str]:
    return {
        "pdf": _pdf(folder / f"{stem}.pdf"),
        "docx": _docx(folder / f"{stem}.docx"),
        "md": _flat((folder / f"{stem}.md").read_text(encoding="utf-8")),
    }


def test_partner_edition_has_nothing_of_ours_alone(built: Path) -> None:
    partner = _texts(built, "briefing.partner.en")
    ours = _texts(built, "briefing.en")
    for kind, texts in _ours_alone().items():
        for text in texts:
            probe = _flat(text)[:40]
            for fmt, found in partner.items():
                assert probe not in found, f"{fmt}: the partner's edition shows {kind}: {probe!r}"
            if kind != "drafting":  # the drafting block is in ours (its names are checked in test_example_visit)
                assert probe in ours["md"], f"ours lacks {kind}: {probe!r}"  # the probe is a real one
    for title in _titles():
        for fmt, found in partner.items():
            assert title not in found, f"{fmt}: the partner's edition has the title {title!r}"
        assert title in ours["md"] or title == _drafting_title(), title


def test_partner_edition_says_so_on_its_cover(built: Path) -> None:
    partner = _texts(built, "briefing.partner.en")
    for fmt, found in partner.items():
        assert PARTNER_WORDS in found[:600], f"{fmt}: {found[:600]}"
        assert "RESTRICTED" not in found, fmt
    first_page = pypdf.PdfReader(io.BytesIO((built / "briefing.partner.en.pdf").read_bytes())).pages[0]
    assert PARTNER_WORDS in _flat(first_page.extract_text() or "")
    ours = _texts(built, "briefing.en")
    assert all(PARTNER_WORDS not in found and "RESTRICTED" in found for found in ours.values())


def test_partner_edition_never_overwrites_ours(built: Path, tmp_path: Path) -> None:
    """Both editions stand side by side, each with its record; ours is the bytes it is when built alone."""
    names = {p.name for p in built.iterdir()}
    for fmt in ("pdf", "docx", "md"):
        assert {f"briefing.en.{fmt}", f"briefing.partner.en.{fmt}"} <= names
    assert {".briefgen-build.en.json", ".briefgen-build.partner.en.json"} <= names
    code, _, err = _build(tmp_path)
    assert code == 0, err
    alone = tmp_path / EXAMPLE
    for fmt in ("md", "pdf"):
        assert (alone / f"briefing.en.{fmt}").read_bytes() == (built / f"briefing.en.{fmt}").read_bytes(), fmt
    assert _docx(alone / "briefing.en.docx") == _docx(built / "briefing.en.docx")


def test_final_partner_edition_builds(tmp_path: Path) -> None:
    code, _, err = _build(tmp_path, "--edition", "partner", "--final")
    assert code == 0, err


def test_final_refuses_a_partner_edition_that_shows_an_internal_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A context that would not drop the internal sections (a leak) makes --final refuse, writing nothing."""
    real = context.build_sections

    def leaking(i: sections.Input) -> object:
        return real(dataclasses.replace(i, partner_edition=False))

    monkeypatch.setattr(context, "build_sections", leaking)
    # (the drafting section is left out of ours too: its closing block and heading show the drafting block)
    with pytest.raises(InputError, match=r"ours alone \(vigilance\)"):
        briefgen.build(
            [EXAMPLE], formats=["md"], lang="en", out=tmp_path, final=True, edition="partner",
            places=Places.find(PROFILES), date=briefgen.parse_date(DATE),
        )  # fmt: skip
    assert not list(tmp_path.rglob("*.md"))


def test_unknown_edition_is_one_line_exit_2(tmp_path: Path) -> None:
    code, _, err = _build(tmp_path, "--edition", "public")
    assert code == 2
    assert re.fullmatch(r"error: .*unknown edition 'public'.*\n", err), err


def _both(profiles: Path) -> Path:
    """The FICTIONAL visit strelsau-2026 set to be made in both editions (``visit.edition: both``)."""
    path = profiles / "visits" / "strelsau-2026.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nvisit:\n" in text
    path.write_text(text.replace("\nvisit:\n", "\nvisit:\n  edition: both\n", 1), encoding="utf-8")
    return profiles


def test_a_visit_set_to_both_editions_builds_both(profiles: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("--profiles", _both(profiles), "build", "strelsau-2026", "--format", "md", "--out", tmp_path)
    assert code == 0, err
    folder = tmp_path / "strelsau-2026"
    ours = (folder / "briefing.md").read_text(encoding="utf-8")
    partner = (folder / "briefing.partner.md").read_text(encoding="utf-8")
    assert "CONFIDENTIEL (fictif)" in ours and "Édition destinée au partenaire" not in ours
    assert "CONFIDENTIEL (fictif)" not in partner and "Édition destinée au partenaire" in partner
    # --edition says which, whatever the visit says.
    code, _, err = run_cli(
        "--profiles", profiles, "build", "strelsau-2026", "--format", "md", "--out", tmp_path / "one",
        "--edition", "internal",
    )  # fmt: skip
    assert code == 0, err
    assert [p.name for p in (tmp_path / "one" / "strelsau-2026").glob("*.md")] == ["briefing.md"]


def test_a_pack_holds_both_editions_its_visit_names(profiles: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("--profiles", _both(profiles), "batch", "strelsau-2026", "--out", tmp_path)
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "strelsau-2026.zip") as pack:
        names = {Path(n).name for n in pack.namelist()}
    assert {"briefing.pdf", "briefing.partner.pdf", "key-facts.partner.pdf", "briefing.partner.docx"} <= names, names
    partner = _pdf(tmp_path / "strelsau-2026" / "key-facts.partner.pdf")
    assert "Édition destinée au partenaire" in partner and "CONFIDENTIEL (fictif)" not in partner


def _visit_edition(profiles: Path, edition: str) -> Path:
    """The FICTIONAL visit strelsau-2026 set to be made in ``edition`` (``visit.edition``)."""
    path = profiles / "visits" / "strelsau-2026.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nvisit:\n" in text
    path.write_text(text.replace("\nvisit:\n", f"\nvisit:\n  edition: {edition}\n", 1), encoding="utf-8")
    return profiles


def _md_build(profiles: Path, out: Path, *more: str) -> list[str]:
    """Build strelsau-2026 in Markdown; the lines it printed (the files written, or 'up to date: ...')."""
    code, printed, err = run_cli(
        "--profiles", profiles, "build", "strelsau-2026", "--format", "md", "--out", out, *more
    )  # fmt: skip
    assert code == 0, err
    return [Path(line).name if not line.startswith("up to date") else "up to date" for line in printed.splitlines()]


@pytest.mark.parametrize(
    ("first", "then", "visit", "expected"),
    [
        (("--edition", "internal"), ("--edition", "partner"), None, ["briefing.partner.md"]),
        (("--edition", "partner"), ("--edition", "internal"), None, ["briefing.md"]),
        (("--edition", "partner"), ("--edition", "both"), None, ["briefing.md", "up to date"]),
        (("--edition", "internal"), ("--edition", "both"), None, ["up to date", "briefing.partner.md"]),
        # ours built on purpose, then the visit's own choice: the partner's is still to make.
        (("--edition", "internal"), (), "partner", ["briefing.partner.md"]),
        (("--edition", "internal"), (), "both", ["up to date", "briefing.partner.md"]),
        (("--edition", "partner"), (), "both", ["briefing.md", "up to date"]),
    ],
)
def test_one_editions_record_never_makes_the_other_up_to_date(
    profiles: Path,
    tmp_path: Path,
    first: tuple[str, ...],
    then: tuple[str, ...],
    visit: str | None,
    expected: list[str],
) -> None:
    """Each edition is compared with its own record: building one never passes for the other's build."""
    if visit is not None:
        _visit_edition(profiles, visit)
    _md_build(profiles, tmp_path, *first)
    assert _md_build(profiles, tmp_path, *then) == expected
    again = _md_build(profiles, tmp_path, *then)  # and now both are up to date
    assert again == ["up to date"] * len(expected)


def _preview(*more: str) -> str:
    """The example's English preview, wide enough that no text wraps, flattened."""
    code, out, err = run_cli(
        "--profiles", PROFILES, "preview", EXAMPLE, "--lang", "en", "--date", DATE, "--no-pager", *more,
        env={"COLUMNS": "1000"},
    )  # fmt: skip
    assert code == 0, err
    return _flat(out)


def test_the_preview_of_the_partners_edition_shows_what_its_documents_show() -> None:
    partner, ours, both = _preview("--edition", "partner"), _preview(), _preview("--edition", "both")
    assert PARTNER_WORDS in partner[: partner.index("Purpose and objectives")] and "RESTRICTED" not in partner
    assert PARTNER_WORDS not in ours and "RESTRICTED" in ours
    for kind, texts in _ours_alone().items():
        for text in texts:
            probe = _flat(text)[:40]
            assert probe not in partner, f"the partner's preview shows {kind}: {probe!r}"
            if kind != "drafting":
                assert probe in ours and probe in both, f"ours lacks {kind}: {probe!r}"
    for title in _titles():
        assert title not in partner and (title in ours or title == _drafting_title()), title
    # both: ours, then the partner's, each whole
    assert both.index("RESTRICTED") < both.index(PARTNER_WORDS)
    assert both == _flat(ours + " " + partner)


def test_preview_refuses_an_unknown_edition_in_one_line() -> None:
    code, _, err = run_cli("--profiles", PROFILES, "preview", EXAMPLE, "--edition", "public")
    assert code == 2
    assert re.fullmatch(r"error: .*unknown edition 'public'.*\n", err), err


def test_preview_of_a_visit_set_to_both_editions_shows_both(profiles: Path) -> None:
    code, out, err = run_cli(
        "--profiles", _visit_edition(profiles, "both"), "preview", "strelsau-2026", "--no-pager", env={"COLUMNS": "300"}
    )  # fmt: skip
    assert code == 0, err
    assert out.index("CONFIDENTIEL (fictif)") < out.index("Édition destinée au partenaire")


def test_batch_edition_says_which_editions_a_pack_holds(profiles: Path, tmp_path: Path) -> None:
    """``batch --edition`` as build's: the partner's alone, then both (the pack is rebuilt, not up to date)."""
    code, _, err = run_cli("--profiles", profiles, "batch", "strelsau-2026", "--out", tmp_path, "--edition", "partner")
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "strelsau-2026.zip") as pack:
        names = {Path(n).name for n in pack.namelist()}
    assert {"briefing.partner.pdf", "briefing.partner.docx", "key-facts.partner.pdf"} <= names, names
    assert not names & {"briefing.pdf", "briefing.docx", "key-facts.pdf"}, names
    code, out, err = run_cli(
        "--profiles", profiles, "batch", "strelsau-2026", "--out", tmp_path, "--edition", "both", "--json"
    )  # fmt: skip
    assert code == 0, err
    assert '"up to date"' not in out
    with zipfile.ZipFile(tmp_path / "strelsau-2026.zip") as pack:
        names = {Path(n).name for n in pack.namelist()}
    assert {"briefing.pdf", "briefing.partner.pdf", "key-facts.pdf", "key-facts.partner.pdf"} <= names, names
    code, _, err = run_cli("--profiles", profiles, "batch", "strelsau-2026", "--out", tmp_path, "--edition", "public")
    assert code == 2
    assert re.fullmatch(r"error: .*unknown edition 'public'.*\n", err), err
