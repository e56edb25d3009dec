"""``check --layout``: the shipped templates pass on the Japan briefing and the example pack (fr, en, vi, with
their key-facts pages); a copy of the templates made to break each rule fails, with the page in the message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

import briefgen
from briefgen.data.catalog import Places

from .helpers import EXAMPLE, REPO, run_cli

PROFILES = REPO / "profiles"
TEMPLATES = REPO / "templates"
LANGS = ("fr", "en", "vi")
DRAFT = {"fr": "PROJET", "en": "DRAFT", "vi": "DỰ THẢO"}


@pytest.fixture(scope="module")
def shipped(
    tmp_path_factory: pytest.TempPathFactory, japan_built: tuple[Path, dict[str, str]], example_pack: Path
) -> Path:
    """The Japan briefing (conftest.japan_built) and the example pack (conftest.example_pack: batch, briefing and
    key-facts page), in fr, en and vi, each built once for the test process and copied here."""
    out = tmp_path_factory.mktemp("out")
    shutil.copytree(japan_built[0] / "japan", out / "japan")
    shutil.copytree(example_pack / EXAMPLE, out / EXAMPLE)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_check_layout_passes_on_the_shipped_briefing_and_pack(shipped: Path, lang: str) -> None:
    code, out, err = run_cli(
        "--profiles", PROFILES, "check", "--layout", "japan", EXAMPLE, "--lang", lang, "--out", shipped
    )
    assert (code, out.strip()) == (0, "nothing to report"), out + err
    suffix = "" if lang == "fr" else f".{lang}"
    assert (shipped / EXAMPLE / f"key-facts{suffix}.pdf").is_file()  # the key-facts page was read too


@pytest.mark.parametrize("lang", LANGS)
def test_a_packs_key_facts_page_carries_the_draft_mark_on_every_page(shipped: Path, lang: str) -> None:
    suffix = "" if lang == "fr" else f".{lang}"
    with pdfplumber.open(shipped / EXAMPLE / f"key-facts{suffix}.pdf") as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        small = {
            c["text"]
            for page in pdf.pages
            for c in page.chars
            if 18 * 72 / 25.4 < c["top"] < 280 * 72 / 25.4 and c["size"] < 8.95
        }
    assert texts and all(DRAFT[lang] in text for text in texts), texts
    assert small <= set("0123456789[],– "), small  # body text at least 9 pt; only the note calls smaller


def test_check_layout_names_what_to_build_when_there_is_no_pdf(tmp_path: Path) -> None:
    code, _, err = run_cli("--profiles", PROFILES, "check", "--layout", "japan", "--out", tmp_path)
    assert code == 2
    assert err.strip() == (
        f"error: {tmp_path / 'japan' / 'briefing.pdf'}: not built; build the briefing's PDF in fr first"
    )


BROKEN = {
    # every section forced onto a new page: the pages before them are left nearly empty
    "empty": "main > section { break-before: page; }",
    "heading": "main h1 { break-after: page; }",
    "small": "main p, main li, main td { font-size: 7pt; }",
    # rows made tall so that the figures tables run over pages, their header not repeated
    "table": "thead { display: table-row-group; } table.figures td { padding-bottom: 12mm; }",
    "name": "main p, main li { width: 30mm; word-break: break-all; }",
}

CLI_KIND = "heading"
"""The broken rule ``check --layout`` itself is run on (the others go through ``briefgen.check_layout`` only)."""


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_check_layout_fails_on_a_template_made_to_break_each_rule(tmp_path: Path, kind: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    with (templates / "briefing.css").open("a", encoding="utf-8") as css:
        css.write("\n" + BROKEN[kind] + "\n")
    out = tmp_path / "out"
    code, _, err = run_cli(
        "--profiles", PROFILES, "--templates", templates, "build", "japan", "--format", "pdf", "--out", out
    )  # fmt: skip
    assert code == 0, err
    places = Places.find(profiles=PROFILES, templates=templates)
    found = briefgen.check_layout(["japan"], out=out, places=places)
    assert kind in {f.kind for f in found}, [str(f) for f in found]
    fault = next(f for f in found if f.kind == kind)
    assert re.fullmatch(rf".*briefing\.pdf: page {fault.page}: .+", str(fault))
    assert fault.page > 1
    if kind != CLI_KIND:
        return
    # The command prints what the API found and exits 1; its output does not depend on the rule broken, and each
    # reading of the briefing costs about two seconds: it is read back once, not once per rule.
    code, shown, _ = run_cli(
        "--profiles", PROFILES, "--templates", templates, "check", "--layout", "japan", "--out", out
    )
    assert code == 1
    assert str(fault) in shown.splitlines()
