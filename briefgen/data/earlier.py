"""The facts of an earlier build or pack, read back: a pack folder, a pack's zip, or a ``facts.json``.

These files may come from elsewhere (``briefgen diff --since FILE``), so nothing in them is trusted:
only a regular file is read (a pipe would block, ``/dev/zero`` never ends), at most 16 MiB, and the
document is checked whole against the layout ``briefgen.view.facts`` writes, nesting included,
before anything uses it. Anything else is one InputError naming the file and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from briefgen.data.files import open_regular
from briefgen.errors import InputError

FORMAT = 1
"""The version of the ``facts.json`` layout; a reader refuses any other."""
FILENAME = "facts.json"
MAX_BYTES = 16 << 20

_NOT_OURS = "not a facts.json written by briefgen"
_ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def read_facts(where: Path, name: str, *, given: bool = True) -> dict[str, Any]:
    """The facts document in a pack folder, a pack's zip, or a ``facts.json`` file; InputError if none.

    ``given``: ``where`` is the earlier pack the caller named (option ``since``), not the last build's folder.
    """
    origin = _Origin(str(where), "since" if given else None)
    if where.is_dir():
        path = where / FILENAME
        if not path.exists():
            hint = "give a pack folder, a pack's zip or a facts.json" if given else f"build it first: briefgen {name}"
            raise origin.error(f"no {FILENAME} in this folder; {hint}")
        return _read(path, _Origin(str(path), origin.option))
    if not where.exists() and not where.is_symlink():
        if given:
            raise origin.error("no such file or folder; give a pack folder, a pack's zip or a facts.json")
        raise InputError(
            f"no earlier build of '{name}' in {where}: build it first (briefgen {name}) or name an earlier pack",
            option="since",
        )
    return _read(where, origin)


@dataclass(frozen=True)
class _Origin:
    """Where the earlier facts are read from, and the option that named it (``since``), for the errors."""

    where: str
    option: str | None

    def error(self, message: str) -> InputError:
        """``WHERE: message``, about the option that named it."""
        return InputError(f"{self.where}: {message}", option=self.option)


def _read(path: Path, origin: _Origin) -> dict[str, Any]:
    """The checked facts of ``path``, a facts.json or a pack's zip (told by its first bytes)."""
    try:
        with open_regular(path, follow=True) as stream:
            if stream.read(4) in _ZIP_MAGIC:
                stream.seek(0)
                inner = _Origin(f"{path}: {FILENAME} in the zip", origin.option)
                return checked(_from_zip(stream, origin), inner)
            stream.seek(0)
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise origin.error(
            f"cannot be read ({exc.strerror or exc}); give a pack folder, a pack's zip or a facts.json"
        ) from None
    if len(data) > MAX_BYTES:
        raise origin.error(f"larger than {MAX_BYTES >> 20} MiB; not a facts.json")
    return checked(data, origin)


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def _from_zip(stream: BinaryIO, origin: _Origin) -> bytes:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = [i for i in archive.infolist() if PurePosixPath(i.filename).name == FILENAME]
            if len(members) != 1:
                raise origin.error(f"the zip holds no {FILENAME} (a pack made before facts.json?)")
            if members[0].file_size > MAX_BYTES:
                raise origin.error(f"its {FILENAME} is larger than {MAX_BYTES >> 20} MiB")
            with archive.open(members[0]) as member:
                data = member.read(MAX_BYTES + 1)  # the size in the directory may lie
            if len(data) > MAX_BYTES:
                raise origin.error(f"its {FILENAME} is larger than {MAX_BYTES >> 20} MiB")
            return data
    except InputError:
        raise
    except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zipfile.BadZipFile) as exc:
        raise origin.error(f"cannot be read as a zip ({exc})") from None


def checked(data: bytes, origin: _Origin) -> dict[str, Any]:
    """The facts document in ``data``, checked whole against the layout briefgen writes; else InputError."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise origin.error(f"not JSON; expected a {FILENAME} written by briefgen") from None
    except RecursionError:
        raise origin.error(f"nested too deeply; {_NOT_OURS}") from None
    if not isinstance(document, dict):
        raise origin.error(f"{_NOT_OURS} (not a mapping)")
    if document.get("format") != FORMAT:
        found = document.get("format")
        if isinstance(found, int) and not isinstance(found, bool):
            raise origin.error(f"{FILENAME} format {found}; this briefgen reads format {FORMAT}")
        raise origin.error(f"{_NOT_OURS} (no 'format': {FORMAT})")
    facts = document.get("facts")
    if not isinstance(facts, dict):
        raise origin.error(f"{_NOT_OURS} (no 'facts' mapping)")
    for key in ("name", "language", "dated"):
        if not isinstance(document.get(key, ""), str):
            raise origin.error(f"{_NOT_OURS} ('{key}' is not a string)")
    if document.get("as_of") is not None:
        _check_date(document["as_of"], "as_of", origin)
    for fact_id, fact in facts.items():
        _check_fact(fact_id, fact, origin)
    return dict(document)


def _check_fact(fact_id: str, fact: Any, origin: _Origin) -> None:
    where = f"facts[{json.dumps(fact_id, ensure_ascii=False)}]"
    if not isinstance(fact, dict):
        raise origin.error(f"{where}: expected a mapping; {_NOT_OURS}")
    if not isinstance(fact.get("kind"), str):
        raise origin.error(f"{where}.kind: expected a string; {_NOT_OURS}")
    value = fact.get("value", {})
    if not isinstance(value, dict):
        raise origin.error(f"{where}.value: expected a mapping; {_NOT_OURS}")
    for key, item in value.items():
        if not _plain_value(item):
            raise origin.error(f"{where}.value.{key}: expected a text, a number or a list of texts; {_NOT_OURS}")
    if fact["kind"] == "figure":
        number = value.get("value")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
            raise origin.error(f"{where}.value.value: expected a number; {_NOT_OURS}")
        if not isinstance(value.get("qualifier", ""), str):
            raise origin.error(f"{where}.value.qualifier: expected a string; {_NOT_OURS}")
    if fact.get("as_of") is not None:
        _check_date(fact["as_of"], f"{where}.as_of", origin)
    source = fact.get("source")
    if source is not None and not (isinstance(source, dict) and all(_text(v) for v in source.values())):
        raise origin.error(f"{where}.source: expected a mapping of texts; {_NOT_OURS}")


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float)


def _text(value: Any) -> bool:
    """A text as facts.json holds it: a string, or a mapping of languages to strings."""
    return _scalar(value) or (isinstance(value, dict) and all(_scalar(v) for v in value.values()))


def _plain_value(value: Any) -> bool:
    return _text(value) or (isinstance(value, list) and all(_text(v) for v in value))


def _check_date(value: Any, where: str, origin: _Origin) -> None:
    """An as-of date as facts.json writes it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real one."""
    if isinstance(value, str) and _ISO.fullmatch(value):
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])
            if parts[0] >= 1:
                return
        except ValueError:
            pass
    raise origin.error(f"{where}: expected a date such as 2025-11; {_NOT_OURS}")
