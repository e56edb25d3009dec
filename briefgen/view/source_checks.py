"""``briefgen check --sources``: every quotation checked against the source it cites, in one command.

A fact (figure, claim, pairing, agreement, event, person's title, the forum, the visit) may carry ``quote``:
short excerpts of its source, word for word in the source's language. A source may be archived in the
profiles folder (``archive: sources/KEY.txt`` with its ``sha256``). This module lists, per profile:

- tampered: an archived file whose bytes no longer match its ``sha256`` (its quotes are not checked);
- unreadable: an archive that is missing, outside the profiles folder, a link, not a regular file, larger
  than a profile may be, or not UTF-8 (read through the same guard as profiles, ``briefgen.data.files``);
- misquoted: a ``quote``, or the verbatim text of a ``quotation`` (and its ``also``), not found in the
  archived text of its source;
- unmarked: a passage between quotation marks in a fact's text that is not the source's own words (a
  translation or a paraphrase printed as if verbatim): give it as a ``quotation`` with its ``lang``, or drop
  the marks;
- unquoted: a fact with no ``quote``;
- unarchived: a quote whose source has no archive, so nothing can verify it.

The first four are failures (``check --sources`` exits 1); the last two are listed, and fail only with
``--strict``. Matching folds what copying text changes without changing its words: Unicode compatibility
forms, case, runs of whitespace (line breaks too), the space French puts before ``; : ! ?``, typographic
apostrophes and quotation marks (``’`` → ``'``, ``« »“”`` → ``"``) and dashes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefgen.data.files import read_regular
from briefgen.data.loading import MAX_FILE_BYTES, PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.data.schema import Profile, Quotation, Source, Sourced
from briefgen.errors import Problem
from briefgen.text import quoted
from briefgen.view.checks import Finding

FAILURES = ("tampered", "unreadable", "misquoted", "unmarked")
"""Kinds that make ``check --sources`` exit 1."""
KINDS = (*FAILURES, "unquoted", "unarchived")

_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": '"',
        "\u203a": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_PASSAGE = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+)”|„([^„“”]+)[“”]|\"([^\"]+)\"")
"""A passage between quotation marks: « … », “ … ”, „ … “ or straight double quotes."""
_OWN_WALK = {"forum", "national_context", "visit"}
"""The profile's fields whose facts ``_facts`` walks itself (nested, or sourced only sometimes)."""
_NOT_TEXT = {"quote", "quotation", "theme_quotation", "source", "as_of", "date", "end", "since", "signed"}


def fold(text: str) -> str:
    """``text`` as quotes are compared: see the module's docstring."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    text = " ".join(text.split())
    text = re.sub(r'\s*"\s*', '"', text)  # « mot » and "mot" alike
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    return text.casefold()


@dataclass
class Archive:
    """One source's archived text, once read."""

    key: str
    file: str
    """The archive as written in the profile (``sources/KEY.txt``)."""
    folded: str | None
    """The folded text; None when the file is unreadable or tampered with."""


@dataclass
class SourceReport:
    """What ``check --sources`` found in one or more profiles."""

    findings: list[Finding] = field(default_factory=list)
    facts: set[tuple[str, int | None]] = field(default_factory=set)
    """The facts looked at, by file and line (a visit repeats its partner's)."""
    quotes: set[tuple[str, int | None, int | None]] = field(default_factory=set)
    """The quotes and verbatim quotations found in their archived source, by file, line and column."""
    archives: dict[str, bool] = field(default_factory=dict)
    """Each archived source (by key) and whether its file matches its hash."""

    @property
    def failed(self) -> bool:
        """Whether anything is a failure (a tampered or unreadable archive, a quote not in its source)."""
        return any(f.kind in FAILURES for f in self.findings)

    def line(self) -> str:
        """The closing summary: ``3 archived sources match their hash; 120 quotes found; 0 facts without a quote``."""
        matching = sum(self.archives.values())
        unquoted = sum(f.kind == "unquoted" for f in self.findings)
        return (
            f"{matching}/{len(self.archives)} archived source(s) match their hash; {len(self.quotes)} quote(s) "
            f"found in their source; {unquoted} of {len(self.facts)} fact(s) without a quote"
        )


def check_sources(merged: Merged, profile: Profile, root: Path, report: SourceReport) -> None:
    """Add to ``report`` what ``check --sources`` finds in one validated profile; ``root``: the profiles folder."""
    archives = {key: _archive(merged, key, src, root, report) for key, src in profile.sources.items()}
    for path, holder in _facts(profile):
        origin = merged.origin(path)
        report.facts.add((origin.file, origin.line))
        source = getattr(holder, "source", None)
        if source is None:
            continue
        archive = archives.get(source)
        quotes: list[str] = getattr(holder, "quote", [])
        if not quotes:
            _add(report, merged, "unquoted", path, f"no 'quote' from its source '{source}'; copy the words it rests on")
        for i, text in enumerate(quotes):
            _verify(report, merged, archive, (*path, "quote", i), text)
        for key in ("quotation", "theme_quotation"):
            quotation = getattr(holder, key, None)
            if isinstance(quotation, Quotation):
                _quotation(report, merged, archive, profile, (*path, key), quotation)
        language = _language(profile, profile.sources.get(source))
        skip = {"theme"} if getattr(holder, "theme_quotation", None) is not None else set()
        for text_path, lang, text in _texts(holder, path, skip):
            _unmarked(report, merged, archive, text_path, text, (lang or profile.language) == language)


def _archive(merged: Merged, key: str, source: Source, root: Path, report: SourceReport) -> Archive | None:
    """The archived text of source ``key``, checked against its hash; None when it has no archive."""
    if source.archive is None or source.sha256 is None:
        return None
    path: PathKey = ("sources", key, "archive")
    where = (root / source.archive).resolve()
    problem = ""
    data = b""
    if Path(source.archive).is_absolute() or not where.is_relative_to(root.resolve()):
        problem = "is outside the profiles folder; copy the source's text into it and give its relative path"
    else:
        try:
            data = read_regular(root / source.archive, MAX_FILE_BYTES)
        except FileNotFoundError:
            problem = "no such file in the profiles folder"
        except OSError as exc:
            problem = f"cannot be read: {exc.strerror or exc}"
    text = ""
    if not problem:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problem = "is not UTF-8 text; save the source's text as UTF-8"
    if problem:
        report.archives[key] = False
        _add(report, merged, "unreadable", path, f"{quoted(source.archive)} {problem}")
        return Archive(key, source.archive, None)
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        report.archives[key] = False
        message = (
            f"{quoted(source.archive)} no longer matches its sha256 (it is now {digest}): the archived text has "
            "changed since it was recorded; restore it, or check every quote against the new text and record "
            "the new hash"
        )
        _add(report, merged, "tampered", ("sources", key, "sha256"), message)
        return Archive(key, source.archive, None)
    report.archives[key] = True
    return Archive(key, source.archive, fold(text))


def _verify(report: SourceReport, merged: Merged, archive: Archive | None, path: PathKey, text: str) -> None:
    if archive is None:
        _add(report, merged, "unarchived", path, "its source has no 'archive' and 'sha256': nothing can verify it")
    elif archive.folded is None:
        return  # the archive's own finding says why
    elif fold(text) in archive.folded:
        origin = merged.origin(path)
        report.quotes.add((origin.file, origin.line, origin.column))
    else:
        message = f"{_short(text)} does not occur in {archive.file} (source '{archive.key}'); copy it word for word"
        _add(report, merged, "misquoted", path, message)


def _quotation(
    report: SourceReport, merged: Merged, archive: Archive | None, profile: Profile, path: PathKey, q: Quotation
) -> None:
    """The verbatim text of a quotation, and its other wordings, must be the source's own words."""
    text = q.text if isinstance(q.text, str) else q.text.get(q.lang, "")
    source = profile.sources.get(archive.key) if archive else None
    language = _language(profile, source)
    if language is not None and q.lang != language:
        message = f"the quotation is given as verbatim in '{q.lang}' but its source is in '{language}'"
        _add(report, merged, "unmarked", (*path, "lang"), message)
    wording: PathKey = (*path, "text") if isinstance(q.text, str) else (*path, "text", q.lang)
    _verify(report, merged, archive, wording, text)
    for i, other in enumerate(q.also):
        _verify(report, merged, archive, (*path, "also", i), other)


def _unmarked(
    report: SourceReport, merged: Merged, archive: Archive | None, path: PathKey, text: str, own: bool
) -> None:
    """Each passage between quotation marks must be the source's words, in the source's language."""
    for match in _PASSAGE.finditer(text):
        passage = next(g for g in match.groups() if g is not None)
        if own and archive is not None and archive.folded is not None and fold(passage) in archive.folded:
            continue
        if own and archive is None:
            continue  # nothing to verify it against: 'unarchived' covers the source
        why = "is not in its source's words" if own else "is a translation"
        message = (
            f"{_short(passage)} is printed between quotation marks but {why}; give it as a 'quotation' with "
            "its 'lang' (the document then marks the translation), or remove the quotation marks"
        )
        _add(report, merged, "unmarked", path, message)


def _facts(profile: Profile) -> Iterator[tuple[PathKey, BaseModel]]:
    """Every fact of the profile with its path, in the profile's order."""
    # Every field that holds sourced facts, read from the schema: a list added later is checked too.
    for key in type(profile).model_fields:
        value = getattr(profile, key)
        if key in _OWN_WALK:
            continue
        if isinstance(value, list):
            yield from (((key, i), item) for i, item in enumerate(value) if isinstance(item, Sourced))
        elif isinstance(value, Sourced):
            yield (key,), value
    if profile.forum is not None:
        yield ("forum",), profile.forum
    for g, group in enumerate(profile.national_context):
        yield from ((("national_context", g, "figures", i), f) for i, f in enumerate(group.figures))
    if profile.visit is not None and profile.visit.source is not None:
        yield ("visit",), profile.visit


def _texts(model: Any, path: PathKey, skip: set[str]) -> Iterator[tuple[PathKey, str | None, str]]:
    """Every text a fact prints, with its path and language (None for a plain string)."""
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            if name not in _NOT_TEXT and name not in skip:
                yield from _texts(getattr(model, name), (*path, name), set())
    elif isinstance(model, str):
        yield path, None, model
    elif isinstance(model, dict):
        for lang, text in model.items():
            if isinstance(text, str):
                yield (*path, lang), lang, text
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from _texts(item, (*path, i), set())


def _language(profile: Profile, source: Source | None) -> str:
    """The language a source is written in: its ``language``, else the profile's."""
    return source.language if source is not None and source.language else profile.language


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return quoted(flat if len(flat) <= 70 else flat[:67] + "...")


def _add(report: SourceReport, merged: Merged, kind: str, path: PathKey, message: str) -> None:
    origin = merged.origin(path)
    report.findings.append(Finding(kind, Problem(origin.file, origin.line, origin.column, format_path(path), message)))
