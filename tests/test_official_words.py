"""Each language is written as its officials write it (issue 24): the words a document prints, read back.

Vietnamese as a provincial Department of Foreign Affairs (Sở Ngoại vụ) drafts under Decree 30/2020/NĐ-CP,
English as diplomatic notes are written, and each source cited in the reader's language. The documents
are the shipped Forum visit built to DOCX; the rules on numbers use the formatter the documents use.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from briefgen import languages
from briefgen.data import schema
from briefgen.view.formatting import Formatter

from .helpers import REPO, run_cli

VISIT = "forum-quang-ninh"

VI_NEVER = (
    "HẠN CHẾ PHỔ BIẾN",  # not a circulation marking Decree 30/2020/NĐ-CP knows: LƯU HÀNH NỘI BỘ
    "phòng vệ",  # military: "défensives" calqued
    "hội đàm",  # formal talks between equals: a protocol error for a province
    "Thời điểm của thông tin",  # "Date des informations" calqued
    "phân phối",  # goods are distributed; documents are issued (phát hành)
    "Số hiệu",  # the decree's label is "Số, ký hiệu"
    "Cần bổ sung",  # reads as an order to the reader
    "Tài liệu tóm tắt",  # a summary of another document
    "có hiệu lực",  # a model of government comes into operation (vận hành), a law into force
    "đô la Mỹ",  # Babel's long currency name: officials write tỷ USD
    "Diễn đàn địa phương",  # one name for the Forum
    "lĩnh vực mà",  # French relative clause ("domaine dans lequel")
    "Bộ hoan nghênh",
)
EN_NEVER = (
    "External Affairs Department",
    "Facts as of",
    "Document dated",
    "1st partner",
    "3rd partner",
    "privileged partner",
    "established in",
    "in this context falls",
    "State President",
    "General Secretary of the Party",
    "Local Forum",
    "To give life",  # "donner vie"
    "first partner",  # "premier partenaire": the largest
    "in the framework of",  # "dans le cadre de"
    "Accompanying development",  # "accompagner le développement"
)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def forum(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped Forum visit built on 7 December 2026 in vi and en, as PDF, DOCX and Markdown, once for the
    tests that read it: the folder of ``briefing.{vi,en}.*``."""
    out = tmp_path_factory.mktemp("forum")
    for lang in ("vi", "en"):
        code, _, err = run_cli(VISIT, "--lang", lang, "--format", "pdf,docx,md", "--date", "2026-12-07", "--out", out)
        assert code == 0, err
    return out / VISIT


@pytest.fixture(scope="module")
def built(forum: Path) -> dict[str, str]:
    """The shipped Forum visit's DOCX on 7 December 2026, in vi and en: all its text, headers included."""
    texts = {}
    for lang in ("vi", "en"):
        document = Document(str(forum / f"briefing.{lang}.docx"))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        parts += [p.text for s in document.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
        texts[lang] = _normal("\n".join(parts))
    return texts


def test_no_vietnamese_document_or_word_carries_a_calque(built: dict[str, str]) -> None:
    words = " ".join(languages.labels("vi").values())
    for wrong in VI_NEVER:
        assert wrong not in built["vi"], f"the vi document says {wrong!r}"
        assert wrong not in words, f"the vi catalogue says {wrong!r}"


def test_vietnamese_words_are_those_of_a_department_of_foreign_affairs(built: dict[str, str]) -> None:
    labels = languages.labels("vi")
    assert labels["questions"] == "Dự kiến câu hỏi và gợi ý trả lời"
    assert labels["interlocutors"] == "Đối tác làm việc"
    assert labels["reference"] == "Số, ký hiệu"
    assert labels["drafting"] == "Soạn thảo và phát hành"
    assert labels["visit_briefing"] == "Tài liệu phục vụ chuyến thăm"
    assert labels["briefing_on"].format(partner="Nhật Bản") == "Tài liệu tham khảo về Nhật Bản"
    for expected in ("LƯU HÀNH NỘI BỘ", "Sở Ngoại vụ", "Soạn thảo và phát hành", "chính thức vận hành"):
        assert expected in built["vi"], expected


def test_vietnamese_dates_pad_the_day_and_january_february_as_the_decree_does(built: dict[str, str]) -> None:
    vi = Formatter("vi")
    assert vi.date(dt.date(2026, 12, 7)) == "07 tháng 12 năm 2026"
    assert vi.date(dt.date(2026, 2, 1)) == "01 tháng 02 năm 2026"
    assert vi.date(dt.date(2026, 3, 5)) == "05 tháng 3 năm 2026"
    assert vi.span(dt.date(2026, 12, 7), dt.date(2026, 12, 9), "") == "07–09 tháng 12 năm 2026"
    assert "Ngày 07 tháng 12 năm 2026" in built["vi"]  # the cover's date
    old = languages.labels("vi")["old_note"].format(age="12 tháng", date=vi.date(dt.date(2026, 12, 7)))
    assert "tính đến ngày 07 tháng 12 năm 2026" in old  # a sentence's date, "ngày" once
    assert Formatter("en").date(dt.date(2026, 2, 7)) == "7 February 2026"  # English is not padded


def test_vietnamese_months_without_a_day_are_padded_as_the_full_dates_are() -> None:
    """The decree pads January and February (ngày 07 tháng 01); a month without its day follows suit."""
    month = schema.PartialDate.model_validate
    vi = Formatter("vi")
    assert vi.partial(month({"year": 2026, "month": 1})) == "tháng 01 năm 2026"
    assert vi.partial(month({"year": 2025, "month": 2})) == "tháng 02 năm 2025"
    assert vi.partial(month({"year": 2025, "month": 8})) == "tháng 8 năm 2025"  # as "ngày 07 tháng 8"
    assert vi.partial(month({"year": 2025, "month": 12})) == "tháng 12 năm 2025"
    assert Formatter("en").partial(month({"year": 2026, "month": 1})) == "January 2026"
    assert Formatter("fr").partial(month({"year": 2026, "month": 1})) == "janvier 2026"


def test_vietnamese_amounts_read_ty_usd_and_ty_dong(built: dict[str, str]) -> None:
    assert "33,69 tỷ USD" in built["vi"] and "51 tỷ đồng" in built["vi"]


def test_english_ranks_are_words_as_a_reader_expects() -> None:
    en = Formatter("en")
    assert [en.rank(n) for n in (1, 2, 3, 4, 10)] == [
        "largest partner",
        "second-largest partner",
        "third-largest partner",
        "fourth-largest partner",
        "tenth-largest partner",
    ]
    assert [en.rank(n) for n in (11, 12, 13, 21, 22, 23, 101)] == [
        "11th-largest partner",
        "12th-largest partner",
        "13th-largest partner",
        "21st-largest partner",
        "22nd-largest partner",
        "23rd-largest partner",
        "101st-largest partner",
    ]
    assert Formatter("vi").rank(3) == "đối tác lớn thứ ba" and Formatter("vi").rank(12) == "đối tác lớn thứ 12"


def test_english_reads_as_a_diplomatic_note(built: dict[str, str]) -> None:
    for wrong in EN_NEVER:
        assert wrong not in built["en"], f"the en document says {wrong!r}"
    for expected in (
        "Department of Foreign Affairs",
        "Information as at 2025 – 19 January 2026",
        "Date: 7 December 2026",
        "largest partner",
        "third-largest partner",
        "General Secretary of the Communist Party of Viet Nam",
        "President of Viet Nam",
        "Diet member",
    ):
        assert expected in built["en"], expected


def test_the_template_reference_shows_the_words_the_documents_print() -> None:
    """docs/templates.md (from the view model's docstrings) gives its examples in the current English words."""
    page = _normal((REPO / "docs" / "templates.md").read_text(encoding="utf-8"))
    for wrong in (*EN_NEVER, "Some passages are in"):
        assert wrong not in page, wrong
    labels = languages.labels("en")
    for key, example in (("info_as_of", "24 November 2025 – 19 January 2026"), ("document_date", "24 January 2026")):
        assert labels[key].format(range=example, date=example) in page, key


SHIPPED = sorted([*(REPO / "profiles").glob("*.yaml"), *(REPO / "profiles" / "visits").glob("*.yaml")])
"""Every shipped profile and visit, the example included: what a user copies is written as officials write."""


def _texts(value: object, lang: str) -> list[str]:
    """Every text of a profile in ``lang`` (the ``lang`` of each ``{fr:, en:, vi:}``), flattened."""
    if isinstance(value, dict):
        if lang in value and set(value) <= {"fr", "en", "vi"}:
            return [_normal(str(value[lang]))]
        return [t for v in value.values() for t in _texts(v, lang)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v, lang)]
    return []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_no_shipped_text_carries_a_calque(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # Two Prime Ministers do hold talks (hội đàm): the word is wrong for a province's interlocutors only.
    never = {"vi": [w for w in VI_NEVER if w != "hội đàm"], "en": list(EN_NEVER)}
    for lang, words in never.items():
        for text in _texts(data, lang):
            found = [w for w in words if w in text]
            assert not found, f"{path.name}: {lang}: {found}: {text[:160]}"
            assert "Un tournant stratégique" not in text, f"a French title left untranslated: {text[:160]}"


def test_one_name_for_the_forum_in_every_shipped_text() -> None:
    texts = " ".join(p.read_text(encoding="utf-8") for p in SHIPPED)
    vi = set(re.findall(r"Diễn đàn [^,.;()]*?Việt Nam - Nhật Bản", texts))
    assert vi == {"Diễn đàn Hợp tác địa phương Việt Nam - Nhật Bản"}
    en = set(re.findall(r"Viet Nam–Japan [A-Z][a-z]+ [A-Za-z ]*?Forum", texts))
    assert en == {"Viet Nam–Japan Local Cooperation Forum"}


def test_japanese_localities_carry_their_level_or_say_the_source_leaves_it_open(built: dict[str, str]) -> None:
    vi = built["vi"]
    assert "tỉnh Hokkaido" in vi and "thành phố Yokohama" in vi and "thành phố Sakai" in vi
    for name in ("Osaka", "Fukuoka", "Tottori"):
        assert f"không nêu rõ là tỉnh {name} hay thành phố {name}" in vi, name
        assert f"whether {name} Prefecture or {name} City" in built["en"], name


def test_each_reader_is_cited_the_title_in_their_language(built: dict[str, str]) -> None:
    original = "“Nâng tầm hợp tác địa phương Việt Nam-Nhật Bản: Thiên thời, địa lợi, nhân hòa”"
    # The Vietnamese article, quoted from its French edition: the vi reader gets the Vietnamese title.
    assert f"Báo Quốc Tế, {original}, 24 tháng 11 năm 2025" in built["vi"]
    assert "Renforcer la coopération locale" not in built["vi"]
    # The en reader gets the original title, then our translation, said to be ours.
    assert f"Báo Quốc Tế, {original} (our translation: “Raising Viet Nam–Japan local cooperation" in built["en"]
    # A French-language article: its title, with a translation marked as ours (tạm dịch).
    assert (
        "“Diplomatie technologique : un nouveau moteur de la diplomatie économique” (tạm dịch: “Ngoại giao"
        in (built["vi"])
    )


def _source(**fields: object) -> schema.Source:
    return schema.Source.model_validate(fields)


def test_a_title_in_the_reader_s_language_is_cited_as_published_and_any_other_as_our_translation() -> None:
    """FICTIONAL sources: a title given once, in the source's language, or in several."""
    single = _source(title="Un titre", language="fr")
    assert Formatter("en").source_title(single) == "“Un titre”"
    assert Formatter("fr").source_title(single) == "« Un titre »"
    edition = _source(title={"vi": "Tiêu đề", "fr": "Titre", "en": "Title"}, language="fr", original_language="vi")
    assert Formatter("vi").source_title(edition) == "“Tiêu đề”"
    assert Formatter("fr").source_title(edition) == "« Titre »"
    assert Formatter("en").source_title(edition) == "“Tiêu đề” (our translation: “Title”)"
    untranslated = _source(title={"vi": "Tiêu đề"}, language="vi")
    assert Formatter("en").source_title(untranslated) == "“Tiêu đề”"


def test_the_shipped_titles_name_the_language_they_were_published_in() -> None:
    data = yaml.safe_load((REPO / "profiles" / "japan.yaml").read_text(encoding="utf-8"))
    source = data["sources"]["baoquocte-2025-11-24"]
    assert (source["language"], source["original_language"]) == ("fr", "vi")


def test_a_rank_or_date_word_is_in_every_catalogue() -> None:
    for lang in ("fr", "en", "vi"):
        labels = languages.labels(lang)
        assert all(labels[f"rank_{n}"] for n in range(1, 11)) and labels["date_format_early"], lang


def _cover_texts(folder: Path, stem: str) -> dict[str, str]:
    """The first page of the PDF, the DOCX's paragraphs before its contents, the Markdown before its first section."""
    pdf = PdfReader(str(folder / f"{stem}.pdf")).pages[0].extract_text() or ""
    paragraphs = [p.text for p in Document(str(folder / f"{stem}.docx")).paragraphs]
    markdown = (folder / f"{stem}.md").read_text(encoding="utf-8").split("\n## ")[0]
    return {"pdf": _normal(pdf), "docx": _normal(" ".join(paragraphs[:12])), "md": _normal(markdown)}


@pytest.mark.parametrize(("lang", "kind", "generic"), [("vi", "Tài liệu phục vụ chuyến thăm", "Tài liệu tham khảo"),
                                                       ("en", "Visit briefing", "Briefing note")])  # fmt: skip
def test_a_visit_cover_says_it_is_a_visit_briefing_in_every_format(
    forum: Path, lang: str, kind: str, generic: str
) -> None:
    """The cover names the document as the visit's (labels.visit_briefing), never as a partner's briefing note."""
    code, preview, err = run_cli("preview", VISIT, "--lang", lang, "--date", "2026-12-07", env={"COLUMNS": "300"})
    assert code == 0, err
    covers = {**_cover_texts(forum, f"briefing.{lang}"), "preview": _normal(preview.split("╝")[0])}
    for fmt, cover in covers.items():
        assert kind.casefold() in cover.casefold(), f"{fmt}: {cover[:300]}"
        assert generic.casefold() not in cover.casefold(), f"{fmt}: {cover[:300]}"


def test_a_partner_cover_keeps_its_title_and_no_visit_word(tmp_path: Path) -> None:
    code, _, err = run_cli(
        "japan", "--lang", "vi", "--format", "pdf,docx,md", "--date", "2026-12-07", "--out", tmp_path
    )  # fmt: skip
    assert code == 0, err
    for fmt, cover in _cover_texts(tmp_path / "japan", "briefing.vi").items():
        assert "tài liệu tham khảo về nhật bản" in cover.casefold(), fmt
        assert "chuyến thăm" not in cover.casefold(), fmt
        assert cover.casefold().count("tài liệu tham khảo") == 1, fmt  # the title says it: no second line
