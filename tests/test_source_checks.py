"""``briefgen check --sources``: quotes checked against archived sources, facts without one listed.

The shipped Japan profile archives its three articles and quotes them for every fact, so the check
passes; one word changed in an archive fails it. The other profiles here are FICTIONAL (Ruritania).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from briefgen.view.source_checks import fold

from .helpers import REPO, run_cli, write_tree

ARTICLE = "Le port de Strelsau compte 12 quais.\nLa ministre a déclaré : « Nous l’ouvrirons en 2030 ».\n"
"""A fictional article (there is no Strelsau): what the fixture's source archives."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _profile(quote: str = "compte 12 quais", extra: str = "", sha: str | None = None) -> str:
    return f"""
        language: fr
        issuer: Service fictif
        marking: FICTIF
        partner: {{name: Ruritanie}}
        key_figures:
          - label: Quais du port
            value: 12
            as_of: 2030-01-01
            source: gazette
            quote: {quote}
          - label: Grues
            value: 3
            as_of: 2030-01-01
            source: gazette
        {extra}
        sources:
          gazette:
            title: Gazette fictive de Strelsau
            language: fr
            archive: sources/gazette.txt
            sha256: {sha or _sha(ARTICLE)}
        """


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path / "profiles"


def _check(folder: Path, *names: str, strict: bool = False) -> tuple[int, str, str]:
    extra = ["--strict"] if strict else []
    return run_cli("--profiles", folder, "check", "--sources", *names, *extra)


def test_shipped_japan_passes_every_quote_found_every_fact_quoted() -> None:
    code, out, err = run_cli("--profiles", REPO / "profiles", "check", "--sources", "japan", "--strict")
    assert (code, err) == (0, "")
    assert "unquoted" not in out and "misquoted" not in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("3/3 archived source(s) match their hash; ")
    assert last.endswith(" fact(s) without a quote") and " 0 of " in last


def test_shipped_visit_passes_too() -> None:
    code, out, _ = run_cli("--profiles", REPO / "profiles", "check", "--sources", "forum-quang-ninh", "--strict")
    assert code == 0, out


def test_one_changed_word_in_an_archived_article_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "profiles", tmp_path / "profiles")
    article = tmp_path / "profiles" / "sources" / "baoquocte-2025-11-24.txt"
    text = article.read_text(encoding="utf-8")
    assert text.count("plus de 110 accords") == 1
    article.write_text(text.replace("plus de 110 accords", "plus de 120 accords"), encoding="utf-8")
    code, out, err = run_cli("--profiles", tmp_path / "profiles", "check", "--sources", "japan")
    assert code == 1, out + err
    tampered = [line for line in out.splitlines() if line.startswith("tampered: ")]
    assert len(tampered) == 1
    assert tampered[0].startswith("tampered: profiles/japan.yaml:")
    assert "sources.baoquocte-2025-11-24.sha256: 'sources/baoquocte-2025-11-24.txt' no longer matches" in tampered[0]
    assert out.strip().splitlines()[-1].startswith("2/3 archived source(s) match their hash")


def test_a_quote_not_in_its_source_fails_with_file_and_line(folder: Path) -> None:
    write_tree(folder, {"ruritania.yaml": _profile(quote="compte 13 quais"), "sources/gazette.txt": ARTICLE})
    code, out, err = _check(folder, "ruritania")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == (
        "misquoted: profiles/ruritania.yaml:10:5: key_figures[0].quote[0]: 'compte 13 quais' does not occur in "
        "sources/gazette.txt (source 'gazette'); copy it word for word"
    )


def test_folding_case_spacing_apostrophes_and_guillemets(folder: Path) -> None:
    quote = "«NOUS L'OUVRIRONS   en 2030 »"
    write_tree(folder, {"ruritania.yaml": _profile(quote=quote), "sources/gazette.txt": ARTICLE})
    code, out, _ = _check(folder, "ruritania")
    assert code == 0, out
    assert fold("l’État «  mot  » ;") == fold('L\'état "mot";')


def test_a_fact_without_a_quote_is_listed_and_fails_only_with_strict(folder: Path) -> None:
    write_tree(folder, {"ruritania.yaml": _profile(), "sources/gazette.txt": ARTICLE})
    code, out, _ = _check(folder, "ruritania")
    assert code == 0
    assert out.splitlines()[0] == (
        "unquoted: profiles/ruritania.yaml:11:5: key_figures[1]: no 'quote' from its source 'gazette'; "
        "copy the words it rests on"
    )
    assert out.splitlines()[-1] == (
        "1/1 archived source(s) match their hash; 1 quote(s) found in their source; 1 of 2 fact(s) without a quote"
    )
    assert _check(folder, "ruritania", strict=True)[0] == 1


def test_a_translated_quotation_between_quotation_marks_is_flagged(folder: Path) -> None:
    extra = """summary:
          - text:
              fr: La ministre promet l'ouverture en 2030.
              en: The minister says “We will open it in 2030”.
            as_of: 2030-01-01
            source: gazette
            quote: Nous l’ouvrirons en 2030"""
    write_tree(folder, {"ruritania.yaml": _profile(extra=extra), "sources/gazette.txt": ARTICLE})
    code, out, _ = _check(folder, "ruritania")
    assert code == 1
    assert (
        "unmarked: profiles/ruritania.yaml:18:7: summary[0].text.en: 'We will open it in 2030' is printed between "
        "quotation marks but is a translation; give it as a 'quotation' with its 'lang'"
    ) in out


def test_a_quotation_marked_with_its_language_passes_and_its_words_are_checked(folder: Path) -> None:
    extra = """summary:
          - text: La ministre promet l'ouverture du port.
            as_of: 2030-01-01
            source: gazette
            quote: Nous l’ouvrirons en 2030
            quotation:
              lang: fr
              speaker: La ministre (fictive)
              text: {fr: Nous l’ouvrirons en 2030, en: We will open it in 2030}
              translated_by: {fr: le service, en: the department}"""
    write_tree(folder, {"ruritania.yaml": _profile(extra=extra), "sources/gazette.txt": ARTICLE})
    assert _check(folder, "ruritania")[0] == 0
    wrong = extra.replace("fr: Nous l’ouvrirons en 2030,", "fr: Nous l’ouvrirons en 2031,")
    write_tree(folder, {"ruritania.yaml": _profile(extra=wrong)})
    code, out, _ = _check(folder, "ruritania")
    assert code == 1
    assert "summary[0].quotation.text.fr: 'Nous l’ouvrirons en 2031' does not occur in sources/gazette.txt" in out


def test_a_quotation_without_its_source_language_is_refused(folder: Path) -> None:
    extra = """summary:
          - text: La ministre promet l'ouverture du port.
            as_of: 2030-01-01
            source: gazette
            quotation:
              text: {en: We will open it in 2030}"""
    write_tree(folder, {"ruritania.yaml": _profile(extra=extra), "sources/gazette.txt": ARTICLE})
    code, _, err = run_cli("--profiles", folder, "validate", "ruritania")
    assert code == 2
    assert "error: profiles/ruritania.yaml:19:5: summary[0].quotation: missing required key 'lang'" in err
    lang = extra.replace("quotation:\n", "quotation:\n              lang: fr\n")
    write_tree(folder, {"ruritania.yaml": _profile(extra=lang)})
    code, _, err = run_cli("--profiles", folder, "validate", "ruritania")
    assert code == 2
    assert "summary[0].quotation: the quotation has no text in 'fr', the language its source prints it in" in err


@pytest.mark.parametrize("how", ["outside", "link", "missing", "folder"])
def test_an_archive_is_read_through_the_profiles_guard(folder: Path, tmp_path: Path, how: str) -> None:
    (tmp_path / "elsewhere.txt").write_text(ARTICLE, encoding="utf-8")
    write_tree(folder, {"ruritania.yaml": _profile()})
    archive = folder / "sources" / "gazette.txt"
    archive.parent.mkdir(parents=True, exist_ok=True)
    if how == "outside":
        text = _profile().replace("archive: sources/gazette.txt", "archive: ../elsewhere.txt")
        write_tree(folder, {"ruritania.yaml": text})
    elif how == "link":
        os.symlink(tmp_path / "elsewhere.txt", archive)
    elif how == "folder":
        archive.mkdir()
    code, out, err = _check(folder, "ruritania")
    assert (code, err) == (1, "")
    (line,) = [x for x in out.splitlines() if x.startswith("unreadable: ")]
    assert line.startswith("unreadable: profiles/ruritania.yaml:")
    reason = {
        "outside": "is outside the profiles folder",
        "link": "is outside the profiles folder",
        "missing": "no such file in the profiles folder",
        "folder": "cannot be read",
    }[how]
    assert reason in line


def test_an_archive_and_its_hash_go_together(folder: Path) -> None:
    text = _profile().replace("            sha256: " + _sha(ARTICLE) + "\n", "")
    write_tree(folder, {"ruritania.yaml": text, "sources/gazette.txt": ARTICLE})
    code, _, err = run_cli("--profiles", folder, "validate", "ruritania")
    assert code == 2
    assert "an archived source needs both 'archive' (the file) and 'sha256' (its hash)" in err


def test_json_lists_the_findings(folder: Path) -> None:
    write_tree(folder, {"ruritania.yaml": _profile(quote="compte 13 quais"), "sources/gazette.txt": ARTICLE})
    code, out, _ = run_cli("--profiles", folder, "check", "--sources", "ruritania", "--json")
    assert code == 1
    kinds = [entry["kind"] for entry in json.loads(out)]
    assert kinds == ["misquoted", "unquoted"]
