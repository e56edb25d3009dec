"""Visit files: layered over their partner, shown first, highlighting what the visit concerns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefgen
from briefgen.data.catalog import Places
from briefgen.data.translation import resolve

from .helpers import run_cli, write_tree


def test_visit_layers_over_partner_and_overrides_marking(profiles: Path) -> None:
    places = Places.find(profiles)
    assert briefgen.load_profile("ruritania", places).marking == "NON PROTÉGÉ (fictif)"
    profile = briefgen.load_profile("strelsau-2026", places)
    assert profile.marking == "CONFIDENTIEL (fictif)"  # the visit wins over the defaults
    assert profile.partner.name == "Ruritanie"  # the partner layer is underneath
    assert profile.visit is not None and profile.visit.title == "Visite fictive à Strelsau"


def test_visit_comes_first_and_highlights_focus_and_counterparts(profiles: Path) -> None:
    view = briefgen.briefing("strelsau-2026", places=Places.find(profiles))
    ids = [s.id for s in view.sections]
    assert ids[:5] == ["visit", "purpose", "asks", "programme", "talking_points"]  # asks: a gap, shown
    assert ids.index("summary") > ids.index("vigilance")
    assert [(p.ours, p.highlight) for p in view.partnerships] == [
        ("Quang Ninh (Quảng Ninh)", True),
        ("Da Nang (Đà Nẵng)", False),
    ]
    assert [(p.name, p.highlight) for p in view.people] == [("Rudolf Rassendyll", True), ("Flavia Elphberg", False)]
    assert view.cover.title == "Visite fictive à Strelsau"
    assert view.cover.details == [
        "2–4 mars 2026",
        "Strelsau",
        "Chef de délégation : Nguyễn Văn Fictif, Président fictif du comité populaire",
    ]
    assert [(i.day, i.time) for i in view.programme] == [("2 mars 2026", "09:00"), ("Jour 2", "")]


def test_partner_briefing_has_no_visit_sections(profiles: Path) -> None:
    view = briefgen.briefing("ruritania", places=Places.find(profiles))
    assert "visit" not in [s.id for s in view.sections]
    assert not any(p.highlight for p in view.partnerships)


def test_visit_naming_an_unknown_partner(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(profiles.parent)
    write_tree(profiles, {"visits/bad.yaml": "partner: ruritanie\nvisit: {title: T, period: fin 2025}\n"})
    code, _, err = run_cli("--profiles", "profiles", "validate", "bad")
    assert code == 2
    expected = "partner: no partner profile named 'ruritanie'; did you mean 'ruritania'?"
    assert err == f"error: profiles/visits/bad.yaml:1:1: {expected}\n"


def test_visit_without_partner_or_date(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(profiles.parent)
    write_tree(
        profiles, {"visits/a.yaml": "visit: {title: T}\n", "visits/b.yaml": "partner: ruritania\nvisit: {title: T}\n"}
    )
    code, _, err = run_cli("--profiles", "profiles", "validate", "a", "b")
    assert code == 2
    assert err.splitlines() == [
        "error: profiles/visits/a.yaml: partner: a visit names its partner profile, such as 'partner: japan'",
        "error: profiles/visits/b.yaml:2:1: visit: a visit needs a 'date' or, when no date is fixed yet, a 'period' "
        "such as 'fin 2025' or a 'commitment' such as 'by the end of 2025' with its 'due' date",
    ]


def test_focus_must_name_a_partnership_locality(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(profiles.parent)
    visit = (profiles / "visits/strelsau-2026.yaml").read_text(encoding="utf-8")
    (profiles / "visits/strelsau-2026.yaml").write_text(visit.replace("ours: [Quảng Ninh]", "ours: [Quang Nihn]"))
    code, _, err = run_cli("--profiles", "profiles", "validate", "strelsau-2026")
    assert code == 2
    assert err == (
        "error: profiles/visits/strelsau-2026.yaml:14:12: visit.focus.ours[0]: 'Quang Nihn' is not a locality "
        "of the partner's partnerships; did you mean 'Quang Ninh'?\n"
    )


def test_validate_all_and_list_include_visits(profiles: Path) -> None:
    code, out, _ = run_cli("--profiles", profiles, "validate")
    assert (code, out) == (0, "ok: ruritania\nok: strelsau-2026\nok: zenda-summit-2026\n")
    code, out, _ = run_cli("--profiles", profiles, "list", "--json")
    visit = json.loads(out)["profiles"][1]
    assert visit == {
        "name": "strelsau-2026",
        "partner": "Ruritanie",
        "as_of": "2025",
        "problem": "",
        "kind": "visit",
        "visit": "Visite fictive à Strelsau",
        "dates": "2026-03-02..2026-03-04",
        "facts_as_of": "2025-01..2025",
    }


def test_shipped_forum_visit_is_valid_and_says_only_what_the_seed_says() -> None:
    profile = briefgen.load_profile("forum-quang-ninh")
    visit = profile.visit
    assert visit is not None
    assert visit.date is None and visit.period is None  # no invented date: the source gives a commitment
    assert visit.commitment is not None and visit.due is not None and visit.due.iso == "2025"
    assert resolve(visit.commitment, "fr", "fr") == "d'ici la fin de l'année 2025"
    assert visit.delegation is None and visit.programme == [] and visit.talking_points == []
    assert visit.theme is not None
    assert resolve(visit.theme, "fr", "fr").startswith("« Accompagner le développement – Créer un avenir durable »")
    # The theme is verbatim in French only; the source gives it two ways; the others are translations.
    quotation = visit.theme_quotation
    assert quotation is not None and quotation.lang == "fr" and quotation.translated("vi")
    assert quotation.also == ["Développement partagé – Créer un avenir durable"]
    assert "(translated from the French" in resolve(visit.theme, "en", "fr")
    assert len(visit.strands) == 5 and visit.source == "baoquocte-2025-11-24"
    view = briefgen.briefing("forum-quang-ninh")
    assert "forum" not in [s.id for s in view.sections]  # the visit is the forum: not shown twice
    assert [p.ours for p in view.partnerships if p.highlight] == ["Quảng Ninh"]


def test_validate_a_visit_file_by_its_path(profiles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path to a visit file is merged over the partner named inside it, like the visit's name."""
    monkeypatch.chdir(profiles.parent)
    code, out, _ = run_cli("--profiles", "profiles", "validate", "profiles/visits/strelsau-2026.yaml")
    assert (code, out) == (0, "ok: profiles/visits/strelsau-2026.yaml\n")
    write_tree(profiles, {"visits/w.yaml": "partner: ruritanie\nvisit: {title: T, period: fin 2025}\n"})
    code, _, err = run_cli("--profiles", "profiles", "validate", "profiles/visits/w.yaml")
    assert code == 2 and err.startswith(
        "error: profiles/visits/w.yaml:1:1: partner: no partner profile named 'ruritanie'"
    )
