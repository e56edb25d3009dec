"""The interface-word catalogues: complete, compiled, in step with the code; the languages declared once."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from briefgen import languages
from briefgen.errors import InputError
from briefgen.languages import LANGUAGES
from briefgen.pipeline import api
from briefgen.words import WORDS
from tests.helpers import REPO, run_cli


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues_tool", REPO / "docs" / "tools" / "catalogues.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def _without_generator(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if not line.startswith(b'"Generated-By:')]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_word_is_translated_and_none_is_fuzzy(lang: str) -> None:
    assert TOOL.problems(lang) == []


def test_the_template_is_extracted_from_the_code() -> None:
    assert _without_generator(TOOL.TEMPLATE.read_bytes()) == _without_generator(TOOL.dump(TOOL.template()))
    with TOOL.TEMPLATE.open("rb") as f:
        keys = [m.context for m in read_po(f) if m.id]
    assert keys == [key for key, _ in WORDS]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_each_catalogue_is_merged_and_its_mo_compiled(lang: str) -> None:
    po = TOOL.po_path(lang)
    assert _without_generator(po.read_bytes()) == _without_generator(TOOL.dump(TOOL.merged(lang, TOOL.template())))
    assert po.with_suffix(".mo").read_bytes() == TOOL.compiled(lang), "run: python docs/tools/catalogues.py"


def test_the_problems_found_name_the_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fictional broken catalogue: one entry emptied, one marked fuzzy.
    text = TOOL.po_path("en").read_text(encoding="utf-8")
    text = text.replace('msgstr "Contents"', 'msgstr ""').replace('msgctxt "sources"', '#, fuzzy\nmsgctxt "sources"')
    target = tmp_path / "en" / "LC_MESSAGES" / "briefgen.po"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    monkeypatch.setattr(TOOL, "LOCALE_DIR", tmp_path)
    assert TOOL.problems("en") == ["en: toc: untranslated", "en: sources: fuzzy"]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_labels_come_from_the_catalogue(lang: str) -> None:
    labels = languages.labels(lang)
    assert list(labels) == [key for key, _ in WORDS] and all(labels.values())
    with TOOL.po_path(lang).open("rb") as f:
        catalog = read_po(f)
    assert labels["toc"] == catalog.get("Contents", context="toc").string
    assert languages.translations(lang) is languages.translations(lang)  # read once


def test_no_module_but_languages_names_a_language() -> None:
    found = []
    for path in sorted((REPO / "briefgen").rglob("*.py")):
        if path.name == "languages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A section's own words (``Section.words``: {key: {language: text}}) name the languages they are in;
        # tests/test_sections.py checks each covers every language of LANGUAGES.
        own = {
            id(key)
            for keyword in ast.walk(tree)
            if isinstance(keyword, ast.keyword) and keyword.arg == "words"
            for mapping in ast.walk(keyword.value)
            if isinstance(mapping, ast.Dict)
            for key in mapping.keys
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in LANGUAGES and id(node) not in own:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_a_new_language_is_one_line_and_a_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fictional language 'xx': the English catalogue with one word changed, compiled into a copy of locale/.
    locale_dir = tmp_path / "locale"
    shutil.copytree(languages.LOCALE_DIR, locale_dir)
    text = TOOL.po_path("en").read_text(encoding="utf-8").replace('msgstr "Contents"', 'msgstr "Xontents"')
    po = locale_dir / "xx" / "LC_MESSAGES" / "briefgen.po"
    po.parent.mkdir(parents=True)
    po.write_text(text, encoding="utf-8")
    with po.open("rb") as f, po.with_suffix(".mo").open("wb") as out:
        write_mo(out, read_po(f))
    monkeypatch.setattr(languages, "LOCALE_DIR", locale_dir)
    monkeypatch.setitem(LANGUAGES, "xx", "en_GB")
    try:
        assert languages.labels("xx")["toc"] == "Xontents"
        assert languages.labels("en")["toc"] == "Contents"
        api.check_lang("xx")
        with pytest.raises(InputError, match="use one of fr, en, vi, xx"):
            api.check_lang("zz")
    finally:
        languages.translations.cache_clear()
        languages._labels.cache_clear()


def test_lang_help_and_completion_read_the_declaration() -> None:
    code, out, _ = run_cli("build", "--help")
    assert code == 0
    for lang in LANGUAGES:
        assert f"{lang} ({languages.display_name(lang)})" in " ".join(out.split())
    from briefgen.cli import _complete_langs

    assert _complete_langs("") == list(LANGUAGES) and _complete_langs("v") == ["vi"]


def test_the_compiled_catalogues_are_not_ignored_so_the_wheel_carries_them() -> None:
    # Hatch builds the wheel from the package's files that git does not ignore (pyproject: packages = ["briefgen"]).
    files = [str(TOOL.po_path(lang).with_suffix(".mo").relative_to(REPO)) for lang in LANGUAGES]
    ignored = subprocess.run(["git", "check-ignore", *files], cwd=REPO, capture_output=True, text=True)
    assert ignored.stdout == "" and all((REPO / f).is_file() for f in files)
