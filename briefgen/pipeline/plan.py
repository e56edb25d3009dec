"""What a run writes: a plan of outputs, and the template folder it renders them with.

A build (``briefgen japan``) and a pack (``briefgen batch``) are the same stages
(briefgen.pipeline.stages) with different plans: which documents in which formats, the name of
the record written beside them, and whether a zip of everything goes next to the folder.

The record's digest covers the inputs (profile layers, templates, fonts), briefgen's version and
the plan's options, so an unchanged run is skipped before anything is rendered; ``force``
rebuilds anyway.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefgen import render as formats
from briefgen.data.catalog import Places, check_name
from briefgen.errors import InputError

BUILD_RECORD = ".briefgen-build.json"
"""The record a build leaves in ``OUT/NAME/``: hidden, so that the folder shows the documents only."""


@dataclass(frozen=True)
class Output:
    """One document of a plan: a document of the template folder in one format."""

    format: str
    document: str = "briefing"
    lang: str = ""
    """Its language when it is not the profile's own (``""``): it names the file, ``briefing.en.pdf``."""
    edition: str = ""
    """``partner`` for the partner's edition, named so that it never overwrites ours: ``briefing.partner.en.pdf``."""

    @property
    def view(self) -> str:
        """The key of the view it is rendered from: its language suffix, and its edition when not ours."""
        return f"{self.lang}@{self.edition}" if self.edition else self.lang

    @property
    def filename(self) -> str:
        """The file it is written to in ``OUT/NAME/``: ``briefing.pdf``, ``briefing.partner.en.pdf``."""
        return suffixed(suffixed(formats.get(self.format).filename(self.document), self.edition), self.lang)


def suffixed(filename: str, lang: str) -> str:
    """``filename`` with ``lang`` before its extension (``briefing.en.pdf``); as is when ``lang`` is empty.

    The profile's own language keeps the plain names, so a build without ``--lang`` and one in
    the profile's language write the same files; every other language writes its own.
    """
    if not lang:
        return filename
    stem, dot, extension = filename.rpartition(".")
    return f"{stem}.{lang}.{extension}" if dot else f"{filename}.{lang}"


@dataclass(frozen=True)
class Plan:
    """What a run writes for one name, and how it is recorded."""

    outputs: tuple[Output, ...]
    record: str
    """The record's file name in ``OUT/NAME/`` (written last)."""
    options: dict[str, Any]
    """What shapes the bytes besides the files, as the record shows it (its digest covers it)."""
    archive: bool = False
    """Also write ``OUT/NAME.zip`` holding the documents and the record."""
    pdf_variant: str | None = None
    fork: bool = True
    """Render in forked children: the PDF in one forked ahead, importing WeasyPrint while this process makes
    the view (briefgen.pipeline.stages.fork_ahead), a DOCX in another (briefgen.pipeline.forked)."""
    languages: tuple[str, ...] = ()
    """The languages asked for, as codes (none: the profile's own, or a pack's visit's); each gets its own
    files (:func:`suffixed`). Resolved to codes once the profile is loaded (briefgen.pipeline.stages.prepare)."""
    record_per_language: bool = False
    """One record per language (a build: ``.briefgen-build.en.json``), so that building one
    language never takes another's files for its own; else one record for all (a pack's manifest)."""
    changes: bool = False
    """Add the section of what changed since the earlier pack of the same name (``OUT/NAME.zip``)."""
    visit_languages: bool = False
    """A pack: made in the languages its visit asks for (``visit.languages``) when no language is given, else in
    every language its profile has complete text in."""
    date: dt.date | None = None
    """``--date``: the documents' date (briefgen.view.dating); the options show it too, so the digest covers it."""
    editions: tuple[str, ...] = ()
    """The editions made, as ``Output.edition`` (``""``: ours, ``partner``); none: those the visit names
    (``visit.edition``), else ours alone. Resolved once the profile is loaded (briefgen.pipeline.stages.prepare)."""

    def formats(self) -> list[str]:
        """The formats the plan renders, each once."""
        return list(dict.fromkeys(o.format for o in self.outputs))

    def localised(self, own: str) -> Plan:
        """The plan for a profile written in ``own``: each output once per language, suffixed but for ``own``."""
        langs = list(dict.fromkeys("" if lang == own else lang for lang in self.languages or (own,)))
        editions = self.editions or ("",)
        outputs = tuple(replace(o, lang=lang, edition=e) for lang in langs for e in editions for o in self.outputs)
        return replace(self, outputs=outputs, languages=tuple(lang or own for lang in langs))

    def per_language(self) -> list[Plan]:
        """A localised plan split into one plan per language, each with its record (a build's)."""
        if not self.record_per_language:
            return [self]
        plans = []
        suffixes = dict.fromkeys(o.lang for o in self.outputs)  # in the order of self.languages
        for suffix, lang in zip(suffixes, self.languages, strict=True):
            for edition in dict.fromkeys(o.edition for o in self.outputs):
                outputs = tuple(o for o in self.outputs if o.lang == suffix and o.edition == edition)
                record = suffixed(suffixed(self.record, edition), suffix)
                # Ours keeps the options (and the digest) it had before there were editions.
                options = {**self.options, "lang": lang, **({"edition": edition} if edition else {})}
                part = replace(self, outputs=outputs, languages=(lang,), record=record, options=options)
                plans.append(replace(part, editions=(edition,)))
        return plans


def template_dir(places: Places, template: str | None, wanted: Sequence[str]) -> Path:
    """The folder of template ``template`` (``None`` or ``default``: the shipped one), checked for ``wanted``."""
    if template is None or template == "default":
        folder = places.templates
    else:
        check_name(template)
        folder = places.templates / template
        if not folder.is_dir():
            names = ", ".join(list_templates(places))
            raise InputError(f"no template named '{template}' in {places.templates} (templates found: {names})")
    provided = formats.provided_by(folder)
    missing = [f for f in wanted if f not in provided]
    if missing:
        needed = " and/or ".join(dict.fromkeys(t for f in formats.FORMATS for t in f.templates))
        raise InputError(
            f"{folder}: template '{template or 'default'}' provides no {', '.join(missing)} "
            f"(it has: {', '.join(provided) or 'nothing'}); a template folder holds {needed}"
        )
    return folder


def list_templates(places: Places) -> dict[str, list[str]]:
    """Template names and the formats each provides; ``default`` is the shipped one."""
    found = {"default": formats.provided_by(places.templates)}
    for folder in sorted(p for p in places.templates.iterdir() if p.is_dir()):
        provided = formats.provided_by(folder)
        if provided:
            found[folder.name] = provided
    return found


class Clock:
    """Adds the time since the last lap to ``timings[stage]`` (``build --timings``)."""

    def __init__(self, timings: dict[str, float] | None = None) -> None:
        self.timings = timings if timings is not None else {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Count the time since the last lap (or since the clock started) toward ``stage``."""
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now
