"""The shipped facts say what the three source articles say: no year, date or certainty of our own.

Each test holds one correction of the independent fact check (issue 20, part 4) in fr, en and vi.
"""

from __future__ import annotations

import re

import briefgen
from briefgen.data.schema import Profile
from briefgen.data.translation import resolve

LANGS = ("fr", "en", "vi")


def _texts(value: object) -> list[str]:
    return [resolve(value, lang, "fr") for lang in LANGS]  # type: ignore[arg-type]


def _japan() -> Profile:
    return briefgen.load_profile("japan")


def test_captions_without_a_year_stay_without_one_and_the_forum_is_no_event() -> None:
    timeline = _japan().timeline
    undated = [e for e in timeline if e.date is None]
    assert [resolve(e.period, "fr", "fr") for e in undated if e.period] == [
        "7 août (année non indiquée)",
        "du 20 au 22 août (année non indiquée)",
        "5 novembre (année non indiquée)",
    ]
    for event in undated:
        assert all("2025" not in text for text in _texts(event.period))
    assert not any("Forum de coopération locale Vietnam-Japon dans" in _texts(e.text)[0] for e in timeline)
    assert all(e.date is not None or e.period is not None for e in timeline)


def test_the_forum_is_a_commitment_under_the_aegis_of_the_ministry() -> None:
    forum = _japan().forum
    assert forum is not None
    fr, en, vi = _texts(forum.when)
    assert fr.startswith("d'ici la fin de l'année 2025 (engagement")
    assert en.startswith("by the end of 2025 (a commitment")
    assert "cam kết" in vi
    (organisers,) = forum.organisers
    fr, en, vi = _texts(organisers)
    assert fr.startswith("sous l'égide du ministère") and "en coordination avec l'ambassade du Japon" in fr
    assert en.startswith("under the aegis of") and "in coordination with the Embassy of Japan" in en
    assert vi.startswith("Bộ Ngoại giao Việt Nam chủ trì, phối hợp với")
    english = " ".join(_texts(c.text)[1] for c in _japan().narrative)
    assert re.search(r"(?<!be )held in", english) is None and "to be held in Quảng Ninh" in english


def test_pairings_are_examples_among_more_than_110() -> None:
    for pairing in _japan().partnerships:
        # Some go on to say the level (prefecture or city) the article leaves open (issue 24).
        starts = [
            "exemple cité parmi plus de 110 accords",
            "example cited among more than 110 agreements",
            "ví dụ được nêu trong hơn 110 thỏa thuận",
        ]
        assert [text[: len(start)] for text, start in zip(_texts(pairing.kind), starts, strict=True)] == starts


def test_nakasone_title_is_the_same_in_every_place_and_language() -> None:
    japan = _japan()
    (person,) = [p for p in japan.people if p.name == "Nakasone Yasutaka"]
    (event,) = [e for e in japan.timeline if "Nakasone" in _texts(e.text)[0]]
    for title, text in zip(_texts(person.role), _texts(event.text), strict=True):
        assert title.split(", ", 1)[1] in text or title.split(", ", 1)[1].lower() in text, (title, text)
    assert "Comité de la jeunesse" in _texts(person.role)[0]
    assert "Youth Committee" in _texts(person.role)[1] and "Division" not in _texts(person.role)[1]
    assert "Ủy ban Thanh niên" in _texts(person.role)[2] and "Cục" not in _texts(person.role)[2]


def test_hedging_and_attribution_are_kept() -> None:
    summary = [_texts(c.text) for c in _japan().narrative]
    fr = " ".join(s[0] for s in summary)
    assert "« on peut affirmer que »" in fr and "Pour l'auteur de l'article" in fr
    assert "notamment le VJEPA" in fr and "L'auteur se dit convaincu" in fr
    assert "près de deux ans avant" not in fr and "Selon l'article du 24 novembre 2025, près de deux ans après" in fr
    vi = " ".join(s[2] for s in summary)
    assert "đối tác tin cậy" in vi and "người bạn tin cậy" not in vi
    assert not any("“" in s[1] or "“" in s[2] for s in summary)  # no translated words between quotation marks


def test_the_quotation_of_nguyen_minh_hang_is_verbatim_in_french_and_marked_elsewhere() -> None:
    (claim,) = [c for c in _japan().narrative if c.quotation is not None]
    quotation = claim.quotation
    assert quotation is not None and quotation.speaker == "Nguyễn Minh Hằng" and quotation.lang == "fr"
    assert not quotation.translated("fr") and quotation.translated("en") and quotation.translated("vi")
    assert quotation.translated_by is not None


def test_the_visit_carries_the_points_of_vigilance_the_articles_give() -> None:
    visit = briefgen.load_profile("forum-quang-ninh").visit
    assert visit is not None
    fr = [_texts(v)[0] for v in visit.vigilance]
    assert [v.split(" :", 1)[0] for v in fr] == [
        "Respect du droit et de la discipline administrative",
        "Prévention des risques",
        "Contexte géopolitique",
        "Course mondiale aux talents",
        "Goulets d'étranglement institutionnels et capacités de mise en œuvre",
    ]
    assert all(all(t.strip() for t in _texts(v)) for v in visit.vigilance)


def test_the_omitted_facts_the_visit_needs_are_there() -> None:
    japan = _japan()
    priorities = " ".join(_texts(c.text)[0] for c in japan.priorities)
    assert "Orientations 2026 de l'action extérieure locale, toutes collectivités confondues" in priorities
    assert "Résolution n° 57 du Bureau politique" in priorities and "semi-conducteurs" in priorities
    assert "mécanismes de suivi, d'incitation et de pilotage" in priorities
    summary = " ".join(_texts(c.text)[0] for c in japan.narrative)
    assert "signature d'accords de coopération" in summary and "deux niveaux" in summary
    assert "rendez-vous incontournable" in summary
    agreements = japan.national_context[0].figures[0]
    assert agreements.value == 135 and "non daté" in _texts(agreements.note)[0]
