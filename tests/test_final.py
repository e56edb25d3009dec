"""Final means final (issue 20, part 2) and the age of facts on the document's date (part 1, data side).

``build --final`` refuses, each with its file:line: a placeholder (in a value, or in the comment ending its
line), a figure or title older than ``--max-age`` on the document's date unless the profile accepts it, a
visit already past, a briefing without issuer, summary and key figure; no option silences it.
``build --strict`` checks with ``--max-age`` on the document's date (issue 23).
Every profile here is FICTIONAL (tests/fixtures, and the small ones written below).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from briefgen.data.catalog import Places
from briefgen.data.schema import PartialDate, Visit
from briefgen.pipeline import api
from briefgen.view.checks import age_marks, cutoff, is_older, past_note
from briefgen.view.dating import span, visit_past
from tests.helpers import REPO, run_cli, write_tree


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the FICTIONAL fixtures, as ``profiles/`` in the working folder (messages name it so)."""
    folder = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", folder)
    monkeypatch.chdir(tmp_path)
    return folder


def _final(name: str, *more: str) -> tuple[int, str, str]:
    return run_cli("--profiles", "profiles", "build", name, "--final", "--format", "md", "--out", "out", *more)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fresh_people(profiles: Path) -> None:
    """Date the FICTIONAL people's titles 2025-12-01 (partner and visit), so that only figures are old."""
    for name in ("ruritania.yaml", "visits/zenda-summit-2026.yaml"):
        path = profiles / name
        head, people = path.read_text(encoding="utf-8").split("people:\n", 1)
        path.write_text(head + "people:\n" + people.replace("as_of: 2025-01-02", "as_of: 2025-12-01"), "utf-8")


# --------------------------------------------------------------------------- placeholders


def test_a_new_skeleton_is_refused_final_with_each_placeholder_and_the_missing_minimum(profiles: Path) -> None:
    code, _, err = run_cli("--profiles", "profiles", "new", "korea")
    assert code == 0, err
    skeleton = (profiles / "korea.yaml").read_text(encoding="utf-8").splitlines()
    # The skeleton's only value with a TODO is the partner's name; its TODO is in the comment ending the line.
    (name_line,) = [n for n, line in enumerate(skeleton, 1) if "TODO" in line and not line.lstrip().startswith("#")]
    partner_line = skeleton.index("partner:") + 1

    code, out, err = run_cli("--profiles", "profiles", "check", "korea", "--strict")
    assert code == 1
    assert f"placeholder: profiles/korea.yaml:{name_line}:3: partner.name: its comment 'TODO: " in out

    code, out, err = _final("korea")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "error: 3 thing(s) to complete before a final document; nothing was built (--final)",
        f"error: incomplete: profiles/korea.yaml:{partner_line}:1: summary: the briefing has no summary: "
        "add 'summary:' with at least one sourced sentence",
        f"error: incomplete: profiles/korea.yaml:{partner_line}:1: key_figures: the briefing has no key figure: "
        "add 'key_figures:' with at least one figure and its source",
        f"error: placeholder: profiles/korea.yaml:{name_line}:3: partner.name: its comment 'TODO: its name as the "
        "briefing prints it' marks it as a placeholder: check the value against its source, then remove the comment",
    ]
    assert not Path("out").exists()


def test_a_todo_in_the_comment_of_a_value_is_a_placeholder(profiles: Path) -> None:
    _edit(profiles / "ruritania.yaml", "    value: 2500\n", "    value: 2500  # TODO check against the source\n")
    alone = "    # TODO: a comment on its own line marks nothing\n"
    _edit(profiles / "ruritania.yaml", "    unit: USD\n", "    unit: USD\n" + alone)
    line = "profiles/ruritania.yaml:11:5: key_figures[0].value: its comment 'TODO check against the source' marks it"
    code, out, _ = run_cli("--profiles", "profiles", "check", "ruritania", "--strict")
    assert code == 1 and [x for x in out.splitlines() if x.startswith("placeholder")] == [
        f"placeholder: {line} as a placeholder: check the value against its source, then remove the comment"
    ]
    code, _, err = _final("ruritania")
    assert code == 2 and f"error: placeholder: {line}" in err


def test_a_visit_s_final_build_and_check_refuse_a_placeholder_in_its_partner_s_file(profiles: Path) -> None:
    """A TODO in a partner-level value, and one in the comment ending a partner-level line, are refused in a
    build of a visit of that partner, each with its line in the partner's file (not only the visit's own)."""
    partner = profiles / "ruritania.yaml"
    _edit(partner, "role: Gouverneur fictif de Strelsau", "role: TODO Gouverneur fictif de Strelsau")
    _edit(partner, "    value: 2500\n", "    value: 2500  # TODO check against the source\n")
    lines = partner.read_text(encoding="utf-8").splitlines()
    role = next(n for n, line in enumerate(lines, 1) if "role: TODO" in line)
    value = next(n for n, line in enumerate(lines, 1) if "value: 2500" in line)
    expected = [
        f"placeholder: profiles/ruritania.yaml:{value}:5: key_figures[0].value: its comment 'TODO check against",
        f"placeholder: profiles/ruritania.yaml:{role}:5: people[0].role: placeholder 'TODO Gouverneur fictif",
    ]
    code, out, _ = run_cli("--profiles", "profiles", "check", "strelsau-2026", "--strict")
    found = [x for x in out.splitlines() if x.startswith("placeholder")]
    assert code == 1 and [x[: len(e)] for x, e in zip(found, expected, strict=True)] == expected, out
    code, out, err = _final("strelsau-2026")
    assert (code, out) == (2, "") and all(f"error: {e}" in err for e in expected), err
    assert not Path("out").exists()


def test_a_todo_comment_on_a_value_a_later_layer_replaces_marks_nothing(profiles: Path) -> None:
    _edit(profiles / "defaults.yaml", "marking: NON PROTÉGÉ (fictif)", "marking: NON PROTÉGÉ  # TODO confirm")
    found = api.check(["zenda-summit-2026"], places=Places.find(profiles))  # the visit sets its own marking
    assert [f for f in found if f.kind == "placeholder"] == []
    found = api.check(["ruritania"], places=Places.find(profiles))
    assert [(f.problem.path, f.problem.line) for f in found if f.kind == "placeholder"] == [("marking", 4)]


# --------------------------------------------------------------------------- old figures and titles


def test_final_refuses_each_old_figure_and_title_on_the_documents_date(profiles: Path) -> None:
    code, _, err = _final("ruritania", "--date", "2026-02-15")
    hint = "(12m before the document's date 2026-02-15)"
    assert code == 2
    assert err.splitlines() == [
        "error: 3 thing(s) to complete before a final document; nothing was built (--final)",
        f"error: stale: profiles/ruritania.yaml:13:5: key_figures[0].as_of: as of 2025-01, older than 2025-02-15 "
        f"{hint}; give a newer figure from a source, or accept this one with 'accepted_old: REASON' "
        "(the document prints the reason)",
        f"error: stale: profiles/ruritania.yaml:39:5: people[0].as_of: title as of 2025-01-02, older than "
        f"2025-02-15 {hint}; check the title in a newer source and update its as_of and source",
        f"error: stale: profiles/ruritania.yaml:44:5: people[1].as_of: title as of 2025-01-02, older than "
        f"2025-02-15 {hint}; check the title in a newer source and update its as_of and source",
    ]
    assert _final("ruritania", "--date", "2026-02-15", "--force")[0] == 2  # no option silences it
    code, _, err = _final("ruritania", "--date", "2026-02-15", "--max-age", "2y")
    assert code == 0, err  # the limit is --max-age, on --date


def test_an_accepted_old_figure_goes_through_final_and_its_reason_is_given_to_the_page(profiles: Path) -> None:
    _fresh_people(profiles)
    assert _final("ruritania", "--date", "2026-02-15")[0] == 2
    _edit(
        profiles / "ruritania.yaml",
        "    qualifier: more_than\n",
        "    qualifier: more_than\n"
        "    accepted_old: {fr: Aucun chiffre plus récent (fictif), en: No newer figure (fictional)}\n",
    )
    code, _, err = _final("ruritania", "--date", "2026-02-15")
    assert code == 0, err
    assert api.check(["ruritania"], today=dt.date(2026, 2, 15), places=Places.find(profiles)) == []

    profile = api.load_profile("ruritania", Places.find(profiles))
    marks = age_marks(profile, day=dt.date(2026, 2, 15), max_age="12m", lang="en")
    assert marks.old == {("key_figures", 0): "No newer figure (fictional)"}  # still marked old on the page
    assert marks.reason(("key_figures", 0)) == "Kept although old: No newer figure (fictional)"
    assert age_marks(profile, day=dt.date(2026, 2, 15), max_age="12m").reason(("key_figures", 0)) == (
        "Conservé malgré son ancienneté : Aucun chiffre plus récent (fictif)"
    )


# --------------------------------------------------------------------------- a past visit


def test_final_refuses_a_visit_already_past_on_the_documents_date(profiles: Path) -> None:
    code, _, err = _final("zenda-summit-2026", "--date", "2026-05-13", "--max-age", "5y")
    assert code == 0, err  # its last day
    code, _, err = _final("zenda-summit-2026", "--date", "2026-05-14", "--max-age", "5y")
    assert code == 2
    assert err.splitlines()[1:] == [
        "error: past: profiles/visits/zenda-summit-2026.yaml:58:3: visit.end: the visit (2026-05-13) is already "
        "past on the document's date 2026-05-14; update its dates"
    ]


def test_a_commitment_is_not_a_date_and_is_past_after_its_last_allowed_day(profiles: Path) -> None:
    _edit(
        profiles / "visits/zenda-summit-2026.yaml",
        "  date: 2026-05-11\n  end: 2026-05-13\n",
        "  commitment: {fr: d'ici la fin de 2025, en: by the end of 2025}\n  due: 2025\n",
    )
    code, _, err = _final("zenda-summit-2026", "--date", "2025-12-31", "--max-age", "5y")
    assert code == 0, err
    code, _, err = _final("zenda-summit-2026", "--date", "2026-01-01", "--max-age", "5y")
    assert code == 2 and err.splitlines()[1:] == [
        "error: past: profiles/visits/zenda-summit-2026.yaml:58:3: visit.due: the visit's commitment (due 2025) "
        "is already past on the document's date 2026-01-01; give the visit its 'date' or the new commitment "
        "the sources give"
    ]
    code, out, _ = run_cli("--profiles", "profiles", "list", "--json")
    listed = {p["name"]: p for p in json.loads(out)["profiles"]}
    assert listed["zenda-summit-2026"]["dates"] == "d'ici la fin de 2025"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Already past on 14 May 2026"),
        ("fr", "Déjà passée au 14 mai 2026"),
        ("vi", "Đã diễn ra trước ngày 14 tháng 5 năm 2026"),
    ],
)
def test_the_page_gets_the_words_of_a_past_visit(profiles: Path, lang: str, words: str) -> None:
    visit = api.load_profile("zenda-summit-2026", Places.find(profiles))
    assert past_note(visit, day=dt.date(2026, 5, 14), lang=lang) == words
    assert past_note(visit, day=dt.date(2026, 5, 13), lang=lang) == ""
    assert past_note(api.load_profile("ruritania", Places.find(profiles)), day=dt.date(2030, 1, 1)) == ""


def test_which_field_makes_a_visit_past() -> None:
    day = dt.date(2026, 1, 1)
    assert visit_past(Visit(title="t", date=dt.date(2025, 12, 30), end=dt.date(2025, 12, 31)), day) == "end"
    assert visit_past(Visit(title="t", date=dt.date(2026, 1, 1)), day) is None
    assert visit_past(Visit(title="t", commitment="by the end of 2025", due="2025"), day) == "due"
    assert visit_past(Visit(title="t", commitment="by the end of 2025", due="2025"), dt.date(2025, 12, 31)) is None
    assert visit_past(Visit(title="t", commitment="by November 2025", due="2025-11"), dt.date(2025, 12, 1)) == "due"
    assert visit_past(Visit(title="t", period="fin 2025"), day) == "period"
    with pytest.raises(ValueError, match="'commitment' comes with its 'due' date"):
        Visit(title="t", commitment="by the end of 2025")


# --------------------------------------------------------------------------- the minimum of a briefing


def test_final_refuses_a_briefing_without_issuer_summary_or_key_figure(profiles: Path) -> None:
    write_tree(profiles, {"vide.yaml": "# FICTIONAL\nissuer: ' '\npartner:\n  name: Vide\n"})
    code, out, err = _final("vide")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "error: 3 thing(s) to complete before a final document; nothing was built (--final)",
        "error: incomplete: profiles/vide.yaml:2:1: issuer: the issuer is empty: name the issuing body",
        "error: incomplete: profiles/vide.yaml:3:1: summary: the briefing has no summary: "
        "add 'summary:' with at least one sourced sentence",
        "error: incomplete: profiles/vide.yaml:3:1: key_figures: the briefing has no key figure: "
        "add 'key_figures:' with at least one figure and its source",
    ]
    code, _, err = run_cli("--profiles", "profiles", "build", "vide", "--format", "md", "--out", "out")
    assert code == 0, err  # a draft may be incomplete


# --------------------------------------------------------------------------- build --strict


def test_build_strict_checks_with_max_age_on_the_documents_date(profiles: Path) -> None:
    strict = ("--profiles", "profiles", "build", "ruritania", "--strict", "--format", "md", "--out", "out")
    code, _, err = run_cli(*strict, "--date", "2025-06-01")
    assert code == 0, err  # every fact is younger than 12 months on 1 June 2025, whatever today is
    code, _, err = run_cli(*strict, "--date", "2025-06-01", "--max-age", "1m")
    assert code == 2
    assert "stale: profiles/ruritania.yaml:13:5: key_figures[0].as_of: as of 2025-01, older than 2025-05-01" in err


# --------------------------------------------------------------------------- the rule of dates, at its bounds


def test_a_partial_date_is_old_only_once_its_last_possible_day_is() -> None:
    oldest = cutoff(dt.date(2026, 12, 7), (12, "m"))
    assert oldest == dt.date(2025, 12, 7)
    day = PartialDate(year=2025, month=12, day=6), PartialDate(year=2025, month=12, day=7)
    assert is_older(day[0], oldest) and not is_older(day[1], oldest)
    assert is_older(PartialDate(year=2025, month=11), oldest)  # 30 November
    assert not is_older(PartialDate(year=2025, month=12), oldest)  # 31 December
    assert not is_older(PartialDate(year=2025), oldest)  # the whole year: 31 December
    assert not is_older(PartialDate(year=2025), cutoff(dt.date(2026, 12, 31), (12, "m")))
    assert is_older(PartialDate(year=2025), cutoff(dt.date(2027, 1, 1), (12, "m")))


def test_the_facts_range_counts_each_date_as_what_it_says() -> None:
    year, june, dec = PartialDate(year=2025), PartialDate(year=2025, month=6, day=1), PartialDate(year=2024, month=12)
    assert span([june, year]) == (year, year)  # the year may hold facts of January and of December
    assert span([year, dec]) == (dec, year)
    january = PartialDate(year=2025, month=1)
    assert span([year, january, june]) == (january, year)  # same first day: the more precise shows
    assert span([]) is None


def test_list_shows_the_facts_range_not_the_newest_date_alone(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", "profiles", "list")
    assert code == 0 and "  ruritania        Ruritanie — facts as of 2025-01..2025\n" in out
    code, out, _ = run_cli("--profiles", "profiles", "list", "--json")
    ruritania = next(p for p in json.loads(out)["profiles"] if p["name"] == "ruritania")
    assert (ruritania["facts_as_of"], ruritania["as_of"]) == ("2025-01..2025", "2025")


@pytest.mark.parametrize(
    ("lang", "note", "count"),
    [
        (
            "en",
            "Older than 12 months on 15 February 2026.",
            "3 figures or titles older than 12 months on 15 February 2026, marked †",
        ),
        (
            "fr",
            "Datant de plus de 12\u00a0mois au 15 février 2026.",
            "3 chiffres ou titres datant de plus de 12\u00a0mois au 15 février 2026, signalés †",
        ),
        (
            "vi",
            "Số liệu, chức danh đã quá 12 tháng tính đến ngày 15 tháng 02 năm 2026.",
            "3 số liệu hoặc chức danh đã quá 12 tháng tính đến ngày 15 tháng 02 năm 2026, có đánh dấu †",
        ),
    ],
)
def test_the_page_gets_the_marks_the_count_and_the_note_in_each_language(
    profiles: Path, lang: str, note: str, count: str
) -> None:
    profile = api.load_profile("ruritania", Places.find(profiles))
    marks = age_marks(profile, day=dt.date(2026, 2, 15), max_age="12m", lang=lang)
    assert set(marks.old) == {("key_figures", 0), ("people", 0), ("people", 1)}
    assert (marks.note, marks.count) == (note, count)
    one = age_marks(profile, day=dt.date(2026, 1, 31), max_age="1y", lang=lang)
    assert set(one.old) == {("people", 0), ("people", 1)}
    fresh = age_marks(profile, day=dt.date(2025, 12, 31), max_age="12m", lang=lang)
    assert (fresh.old, fresh.count, fresh.note) == ({}, "", "")


def test_the_loader_keeps_the_todo_comment_of_the_value_whose_line_it_ends() -> None:
    from briefgen.data.loading import parse_layer

    text = (
        "a: 3  # TODO check\n"
        "b: 'x # TODO inside the quotes is text'  # a plain comment\n"
        "c:   # TODO fill the list\n"
        "  - 1  # TODO one\n"
        "  - 2\n"
        "# TODO on its own line: marks nothing\n"
        "d: >-  # TODO fold\n"
        "  text\n"
        "e: {x: 1}  # TODO flow\n"
        "f:\n"
        "g: ok #TODO\n"
    )
    assert parse_layer(text, "t.yaml").todo == {
        ("a",): "TODO check",
        ("c", 0): "TODO one",
        ("c",): "TODO fill the list",
        ("d",): "TODO fold",
        ("e",): "TODO flow",
        ("g",): "TODO",
    }
    assert parse_layer("a: 3  # to check\n", "t.yaml").todo == {}
