"""The relationship at a glance: at most six sourced points, drawn as bullets; the long account is an annex.

The refused profile is FICTIONAL (tests/fixtures/ruritania.yaml with more points added).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import briefgen
from briefgen.data import schema
from briefgen.data.catalog import Places
from briefgen.view.context import build_briefing
from briefgen.view.viewmodel import blocks

from .helpers import FIXTURES, REPO, pdf_text, run_cli


def test_a_summary_of_more_than_six_points_is_refused_with_its_line(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(FIXTURES, profiles)
    text = (profiles / "ruritania.yaml").read_text(encoding="utf-8")
    point = "  - text: Point fictif {n}\n    as_of: 2025-01-02\n    source: fict-src\n"
    more = "".join(point.format(n=n) for n in range(2, 8))
    (profiles / "ruritania.yaml").write_text(text.replace("key_figures:\n", more + "key_figures:\n", 1), "utf-8")
    code, _, err = run_cli("--profiles", profiles, "validate", "ruritania")
    assert code == 2
    assert err.strip() == (
        f"error: {profiles / 'ruritania.yaml'}:5:1: summary: at most 6 points, a reader takes them in at a glance; "
        "got 7: keep the key ones and move the others to 'narrative' (the annex)"
    )


def test_japans_summary_is_at_most_six_sourced_points_and_the_account_an_annex() -> None:
    japan = briefgen.load_profile("japan", places=Places.find(profiles=REPO / "profiles"))
    assert 0 < len(japan.summary) <= schema.SUMMARY_POINTS
    assert all(p.source in japan.sources and p.quote for p in japan.summary)
    assert len(japan.narrative) > len(japan.summary)
    view = build_briefing(japan)
    body = {s.id: s for s in view.body}
    kinds = [b.kind for b in body["summary"].blocks]
    assert kinds == ["paragraph", "bullets"], kinds  # the framework line, then the points
    (bullets,) = [b for b in body["summary"].blocks if isinstance(b, blocks.Bullets)]
    assert len(bullets.items) == len(japan.summary)
    assert all(any(isinstance(run, blocks.Ref) for run in item) for item in bullets.items)  # each with its note
    ids = [s.id for s in view.body]
    assert ids.index("narrative") > ids.index("priorities")  # an annex, after the partner's sections
    assert body["narrative"].title == "Annexe – La relation en détail"


@pytest.mark.parametrize(("lang", "title"), [("en", "Annex – The relationship in detail"), ("vi", "Phụ lục")])
def test_the_annex_is_in_the_pdf_in_every_language(
    japan_built: tuple[Path, dict[str, str]], lang: str, title: str
) -> None:
    # The shipped Japan briefing in that language (conftest.japan_built: `build japan --lang LANG`, made once).
    text = pdf_text(japan_built[0] / "japan" / f"briefing.{lang}.pdf").replace("\f", " ")
    assert title in text
    assert "Nguyễn Minh Hằng" in text  # the quotation kept, in the annex
