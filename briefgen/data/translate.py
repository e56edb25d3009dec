"""The translator's round trip (``translate export|import``), stale translations and coverage.

Which French a translation was made from is remembered in a sidecar file per profile file,
``PROFILES/.translations/FILE.json`` (``japan.yaml`` → ``.translations/japan.json``), so the YAML
stays as people wrote it::

    {"en": {"summary.0.text": {"fr": "1a2b3c4d", "en": "9f8e7d6c"}}}

Each record holds a short hash of the source text and of the translation that ``import`` wrote.
A translation is stale when its record's translation hash matches the text now in the file but
the source hash does not: the French changed and the translation did not. A translation with
no matching record (written by hand, or edited since) is current. Hashes ignore line breaks
and runs of spaces, so re-wrapping a paragraph does not make anything stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.data.files import open_regular
from briefgen.data.loading import MAX_FILE_BYTES, PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.data.translation import Localized, has_text, missing_text, own_language, text_fields
from briefgen.errors import InputError, Problem

RECORDS = ".translations"


def digest(text: str) -> str:
    """A short hash of ``text``, blind to line breaks and runs of spaces."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def unit_id(path: PathKey) -> str:
    """The XLIFF unit id of a field path: ``("summary", 0, "text")`` → ``summary.0.text``."""
    return ".".join(str(part) for part in path)


def relative_file(shown: str, root: Path) -> str:
    """A profile file as shown in messages → its path below the profiles folder (``visits/x.yaml``)."""
    try:
        return Path(shown).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise InputError(f"{shown}: is not inside the profiles folder {root}") from None


def records_path(root: Path, relative: str) -> Path:
    """The sidecar file holding the translation records of profile file ``relative``."""
    return root / RECORDS / Path(relative).with_suffix(".json")


MAX_RECORDS_BYTES = MAX_FILE_BYTES
"""The largest records file read: as large as the largest profile (its records are far smaller)."""

_AFRESH = "delete the file to start afresh (the translations stay; which source text each came from is forgotten)"


def read_records(root: Path, relative: str) -> dict[str, dict[str, dict[str, str]]]:
    """The records of one profile file: language → unit id → {source lang: hash, lang: hash}.

    Read as profiles are (briefgen.data.files): only a regular file, never blocking on a pipe nor
    reading a device, at most ``MAX_RECORDS_BYTES``; then checked whole. A file that is none of that
    is one InputError naming it and saying what is wrong.
    """
    path = records_path(root, relative)
    try:
        with open_regular(path, follow=True) as stream:
            raw = stream.read(MAX_RECORDS_BYTES + 1)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(f"{path}: translation records cannot be read ({exc.strerror or exc}); {_AFRESH}") from None
    if len(raw) > MAX_RECORDS_BYTES:
        raise InputError(f"{path}: translation records larger than {MAX_RECORDS_BYTES >> 20} MiB; {_AFRESH}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(f"{path}: translation records are not JSON; {_AFRESH}") from None
    problem = _records_problem(data)
    if problem:
        raise InputError(f"{path}: translation records: {problem}; {_AFRESH}")
    return dict(data)


def _records_problem(data: Any) -> str:
    """What is wrong with records read back, or ``""``: ``{"en": {"summary.0.text": {"fr": "1a2b", "en": "9f8e"}}}``."""
    if not isinstance(data, dict):
        return "expected a mapping of languages"
    for lang, units in data.items():
        if not isinstance(units, dict):
            return f"{json.dumps(lang, ensure_ascii=False)}: expected a mapping of fields"
        for unit, record in units.items():
            if not isinstance(record, dict) or not all(isinstance(v, str) for v in record.values()):
                where = f"{json.dumps(lang, ensure_ascii=False)}.{json.dumps(unit, ensure_ascii=False)}"
                return f"{where}: expected a mapping of languages to hashes"
    return ""


@dataclass(frozen=True)
class Field:
    """One translatable field of a merged profile, as a translator sees it."""

    path: PathKey
    value: Localized
    file: str
    """As shown in messages."""
    line: int | None
    column: int | None
    relative: str
    """Below the profiles folder."""
    state: str
    """``current``, ``stale`` or ``missing`` in the language asked for."""


def fields(merged: Merged, lang: str, root: Path) -> list[Field]:
    """Every translatable field of the merged profile with its state in ``lang``, in schema order."""
    own = own_language(merged)
    records: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    found = []
    for path, value in text_fields(merged):
        origin = merged.origin(path)
        relative = relative_file(origin.file, root)
        if relative not in records:
            records[relative] = read_records(root, relative)
        state = _state(value, path, lang, own, records[relative].get(lang, {}))
        found.append(Field(path, value, origin.file, origin.line, origin.column, relative, state))
    return found


def _state(value: Localized, path: PathKey, lang: str, own: str, records: Mapping[str, Any]) -> str:
    if lang == own:
        return "current"
    if not has_text(value, lang, own) or isinstance(value, str):
        return "missing"
    translation, source = digest(value[lang]), digest(value.get(own, ""))
    at_path = records.get(unit_id(path))
    # The record at the field's path, else any record of the same translation (the field moved).
    matching = [at_path] if isinstance(at_path, dict) and at_path.get(lang) == translation else []
    matching = matching or [r for r in records.values() if isinstance(r, dict) and r.get(lang) == translation]
    if matching and all(r.get(own) != source for r in matching):
        return "stale"
    return "current"


def problem(f: Field, lang: str, own: str) -> Problem:
    """The line ``check`` lists for a field that is not current in ``lang``."""
    if f.state == "stale":
        message = f"stale '{lang}' text: the '{own}' text changed after it was translated; export it again"
    else:
        message = missing_text(lang, own)
    return Problem(f.file, f.line, f.column, format_path(f.path), message)


@dataclass(frozen=True)
class Coverage:
    """How many translatable fields have current text in one language."""

    lang: str
    translated: int
    stale: int
    missing: int

    @property
    def total(self) -> int:
        """Every translatable field counted."""
        return self.translated + self.stale + self.missing

    def line(self) -> str:
        """``en: 84/86 fields translated (98 %), 1 stale, 1 missing``."""
        share = 100 if not self.total else int(self.translated * 100 / self.total)
        line = f"{self.lang}: {self.translated}/{self.total} fields translated ({share} %)"
        extra = [f"{n} {what}" for n, what in ((self.stale, "stale"), (self.missing, "missing")) if n]
        return ", ".join([line, *extra])

    def as_dict(self) -> dict[str, object]:
        """The coverage as a JSON-ready mapping."""
        return {
            "kind": "coverage",
            "lang": self.lang,
            "translated": self.translated,
            "stale": self.stale,
            "missing": self.missing,
            "total": self.total,
        }


def coverage(found: list[Field], lang: str) -> Coverage:
    """Count the states of ``found`` (each place in a file once)."""
    unique = {(f.relative, f.path): f.state for f in found}
    states = list(unique.values())
    return Coverage(lang, states.count("current"), states.count("stale"), states.count("missing"))
