"""Whether a build is up to date, decided from file bytes alone, before any profile is parsed or checked.

An unchanged ``briefgen japan`` should cost a small share of a build, so this path reads no
profile beyond a visit's ``partner:`` line and imports no model, renderer or Babel: it hashes
the files the build reads (layers, template folder with its fonts), the options and briefgen's
version, and compares with the record of each language (briefgen.pipeline.record), whose
``images`` list the logo and photos to check again and whose ``notes`` hold the lines to print
(briefgen.pipeline.notes). Whenever it cannot tell (no record, another ``--max-age``, anything
changed), it says so and the full path (briefgen.pipeline.plan.prepare_each) decides.

The profile's own language names the files (``briefing.pdf`` in it, ``briefing.en.pdf`` in
another) and is only known from the profile. It is taken from the records instead: the plain
record's options name the language it was built in, and a record matches only inputs that are
byte for byte those it was built from, so the language they were written in too.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefgen.data.catalog import Places
from briefgen.data.files import read_regular
from briefgen.errors import BriefgenError
from briefgen.pipeline.notes import kept_notes
from briefgen.pipeline.plan import Plan, Prepared, suffixed
from briefgen.pipeline.record import MAX_RECORD_BYTES, inputs_record, read_up_to_date


def fresh_each(
    name: str, plan: Plan, *, out: Path, places: Places, templates: Path, max_age: str
) -> list[Prepared] | None:
    """One up-to-date Prepared per language of a build's ``plan``, each with its record's notes; None: cannot tell."""
    assert plan.record_per_language and not plan.archive, "a build's plan: one record per language, no zip"
    try:
        if places.is_visit(name):  # its partner is named inside it: the YAML loader is needed
            from briefgen.data.assembly import input_files

            files = input_files(name, places)
        else:  # as briefgen.data.assembly.input_files, without loading the YAML loader
            files = places.profile_files(name)
    except BriefgenError:
        return None  # the full path says what is wrong, in its own words
    found = []
    for lang in plan.languages:
        prepared = _fresh(name, files, lang, plan, out, places, templates, max_age)
        if prepared is None:
            return None
        found.append(prepared)
    return found


def _fresh(
    name: str,
    files: list[Path],
    lang: str | None,
    plan: Plan,
    out: Path,
    places: Places,
    templates: Path,
    max_age: str,
) -> Prepared | None:
    """The up-to-date Prepared of one language: the plain record's (the profile's own), else its suffixed one."""
    folder = out / name
    for suffix in ("",) if lang is None else ("", lang):
        record_name = suffixed(plan.record, suffix)
        language = lang or _recorded_language(folder / record_name)
        if language is None:
            continue
        options = {**plan.options, "lang": language}
        record = inputs_record(files, places.profiles, templates, options, out)
        kept = read_up_to_date(folder, record_name, record["inputs_digest"], None, places.profiles)
        if kept is None or kept_notes(kept, max_age) is None:
            continue
        outputs = tuple(replace(o, lang=suffix) for o in plan.outputs)
        part = replace(plan, outputs=outputs, languages=(language,), record=record_name, options=options)
        return Prepared(name, part, folder, record, True, kept=kept)
    return None


def _recorded_language(path: Path) -> str | None:
    """The language a record says its documents were built in (a plain record's: the profile's own)."""
    try:
        stored: Any = json.loads(read_regular(path, MAX_RECORD_BYTES))
        lang = stored["options"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return lang if isinstance(lang, str) else None
