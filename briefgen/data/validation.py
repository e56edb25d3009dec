"""Validate: the merged mapping becomes a typed Profile, or every problem is reported at once.

Each problem names the file, line and column the offending value was written at (from the
merge's origins), the field path, and what to do. Source keys are checked on the raw mapping
too, so that a dangling ``source:`` is reported along with type errors, not after them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefgen.data.facts_schema import TEXT_IS
from briefgen.data.glyphs import glyph_problems
from briefgen.data.loading import PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.data.schema import Biography, Profile
from briefgen.errors import Problem, ProfileError
from briefgen.text import quoted, shown

IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
"""A logo decodes to at most this many pixels (about 160 MB of RGBA), checked at ``validate``."""
IMAGE_MAX_SIDE = 20_000
MAX_ENTRIES = 1000
"""Entries a profile may hold in all its lists and its ``sources`` together: what renders within
30 s and 1 GiB (bench/big_profile.py; README "Limits"). Rendering time grows faster than the
entry count, so a larger profile is refused at ``validate`` rather than left to exhaust the machine."""
_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def validate(merged: Merged, root: Path | None = None, fonts: Sequence[Path] = ()) -> Profile:
    """The typed Profile for ``merged``, or ProfileError listing every problem found.

    ``root`` is the profiles folder: images the profile names must be files inside it. ``fonts``: a
    project's added font files (briefgen.data.fonts), which draw characters too.
    """
    too_many = _too_many_entries(merged)
    if too_many:
        raise ProfileError(too_many)  # before pydantic walks every entry of a huge profile
    problems: list[Problem] = []
    profile: Profile | None = None
    try:
        profile = Profile.model_validate(merged.data)
    except ValidationError as exc:
        problems.extend(_problem(merged, error) for error in _without_union_tags(exc.errors(include_url=False)))
    problems.extend(_dangling_sources(merged))
    problems.extend(glyph_problems(merged, added=fonts))
    if profile is not None and profile.visit is not None:
        problems.extend(_unknown_focus(merged, profile))
    if profile is not None and root is not None:
        images = [(("partner", "logo"), profile.partner.logo)] if profile.partner.logo else []
        for path, value in images + photos(profile):
            problems.extend(_image_problems(merged, path, value, root))
    if problems:
        problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0))
        raise ProfileError(problems)
    assert profile is not None
    return profile


def _problem(merged: Merged, error: Any) -> Problem:
    loc: PathKey = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    if kind == "missing":
        parent = loc[:-1]
        origin = merged.origin(parent)
        message = f"missing required key {quoted(loc[-1])}"
        return Problem(origin.file, origin.line, origin.column, format_path(parent), message)
    origin = merged.origin(loc)
    if kind == "extra_forbidden":
        message = f"unknown key {quoted(loc[-1])}"
        known = _field_names(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            message += f", did you mean '{close[0]}'?"
        elif known:
            message += f"; allowed here: {', '.join(sorted(known))}"
    elif kind in {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}:
        message = f"expected {'a whole number' if kind.startswith('int') else 'a number'}, got {_show(value)}"
    elif kind == "string_type" and isinstance(value, bool | int | float):
        message = _read_as(value, _written(origin.file, origin.line, origin.column, loc[-1]))
    elif kind in {"string_type"}:
        message = f"expected text, got {_show(value)}"
    elif kind in {"list_type"}:
        message = f"expected a list (lines starting with '- '), got {_show(value)}"
    elif kind in {"dict_type", "model_type", "model_attributes_type"}:
        message = f"expected a mapping of keys, got {_show(value)}"
    elif kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        message = f"expected a date such as 2025-11-24, got {_show(value)}"
    elif kind == "string_pattern_mismatch" and loc[-1] == "unit":
        message = f"expected 'percent' or a currency code such as 'USD', got {_show(value)}"
    elif kind == "string_pattern_mismatch" and loc[-1] == "url":
        message = f"expected a web address starting with http:// or https://, got {_show(value)}"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"expected one of {expected}, got {_show(value)}"
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = str(error["msg"])
    return Problem(origin.file, origin.line, origin.column, format_path(loc), message)


def _without_union_tags(errors: list[Any]) -> list[Any]:
    """The errors with pydantic's union-member tags gone: what the value was meant to be, in our words.

    A value that matches no member of a union (a text is ``str | dict[Language, str]``, a programme
    day ``date | str``) gets one error per member from pydantic, each under the member's tag
    (``partner.name.str``, ``partner.name.dict[literal['fr','en','vi'],str].fr``). When some member's
    errors reach inside the value (a mapping given for the mapping member), the value was meant for
    it: those errors are kept, without tags. Otherwise one error says what the value may be.
    """
    kept: list[Any] = []
    unions: dict[PathKey, list[tuple[PathKey, Any]]] = {}
    members_at: dict[PathKey, list[Any]] = {}
    for error in errors:
        clean, union_at, members = _untagged(tuple(error["loc"]))
        if union_at is None:
            kept.append({**error, "loc": clean})
            continue
        unions.setdefault(union_at, []).append((clean, error))
        members_at[union_at] = members
    for union_at, found in unions.items():
        deeper = [{**error, "loc": clean} for clean, error in found if len(clean) > len(union_at)]
        if deeper:
            kept.extend(deeper)
            continue
        value = found[0][1].get("input")
        members = members_at[union_at]
        if {typing.get_origin(m) or m for m in members} == {str, dict}:
            message = f"expected text, got {_show(value)}; {TEXT_IS}"
        else:
            message = f"expected {' or '.join(_described(m) for m in members)}, got {_show(value)}"
        kept.append({"type": "value_error", "loc": union_at, "msg": message, "input": value})
    return kept


def _untagged(loc: PathKey) -> tuple[PathKey, PathKey | None, list[Any]]:
    """``loc`` without union-member tags and ``[key]``; where the first union is, and its members."""
    annotation: Any = Profile
    clean: list[str | int] = []
    union_at: PathKey | None = None
    members: list[Any] = []
    for part in loc:
        annotation = _unwrap(annotation)
        choices = _members(annotation)
        if choices:  # this part is the tag pydantic gives the member
            if union_at is None:
                union_at, members = tuple(clean), choices
            annotation = next((m for m in choices if _tagged(m, part)), None)
            continue
        if part == "[key]":
            continue
        clean.append(part)
        annotation = _step(annotation, part)
    return tuple(clean), union_at, members


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation of ``part`` inside a value of ``annotation`` (an item, a field, a mapping's value); else None."""
    if isinstance(part, int):
        args = typing.get_args(annotation)
        return args[0] if args else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[1]
    return None


def _members(annotation: Any) -> list[Any]:
    """The members of a union of several types (``X | None`` is not one), each unwrapped; else []."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return []
    return [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]


def _tagged(member: Any, tag: str | int) -> bool:
    """Whether pydantic's tag ``tag`` (``str``, ``dict[literal[...],str]``, ``date``, ``Claim``) names ``member``."""
    name = getattr(typing.get_origin(member) or member, "__name__", "").lower()
    return isinstance(tag, str) and bool(name) and (tag.lower() == name or tag.lower().startswith(name + "["))


def _described(member: Any) -> str:
    """A union member as the messages say it: ``text``, ``a date such as 2025-11-24``, ``a list``."""
    kind = typing.get_origin(member) or member
    words = {
        str: "text",
        dt.date: "a date such as 2025-11-24",
        dict: "a mapping",
        list: "a list",
        bool: "yes or no",
    }
    if kind in words:
        return words[kind]
    if kind in (int, float):
        return "a number"
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return "a mapping of keys"
    return str(getattr(kind, "__name__", kind))


def _read_as(value: bool | int | float, written: str) -> str:
    """Why YAML read text as a boolean or a number, and how to quote it (``no``, ``14:30``, ``1e3``)."""
    if isinstance(value, bool):
        what = f"the boolean {str(value).lower()}"
    else:
        what = f"the number {value}"
    if not written or written.lower() in {"true", "false"} and isinstance(value, bool):
        return f"expected text, read {what}; if you meant text, write it in quotes"
    if ":" in written and not isinstance(value, bool):
        why = f" (YAML reads {written} as minutes or seconds in base 60)"
    elif isinstance(value, bool):
        why = f" (YAML reads {written} as {str(value).lower()})"
    else:
        why = ""
    return f'expected text, read {what}{why}; write it in quotes: "{written}"'


def _written(file: str, line: int | None, column: int | None, key: str | int) -> str:
    """The plain scalar as written at ``file:line:column`` (``14:30``, ``no``), or "" if it cannot be read."""
    if line is None or column is None:
        return ""
    try:
        with open(file, encoding="utf-8") as f:
            text = next((t for number, t in enumerate(f, 1) if number == line), None)
        if text is None:
            return ""
    except (OSError, UnicodeDecodeError):
        return ""
    text = text[column - 1 :]
    if isinstance(key, str):  # the origin of a mapping value is where its key starts
        text = re.sub(rf"^(['\"]?){re.escape(key)}\1:[ \t]+", "", text)
    token = re.match(r"[^,\]\}#\s]+(?:[ \t]+[^,\]\}#\s]+)*", text)
    return shown(token[0]) if token and len(token[0]) <= 40 else ""


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = quoted(value) if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _field_names(loc: PathKey) -> list[str]:
    """The keys allowed in the mapping at ``loc``, following the schema down."""
    annotation: Any = Profile
    for part in loc:
        annotation = _step(_unwrap(annotation), part)
        if annotation is None:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` → ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def photos(profile: Profile) -> list[tuple[PathKey, str]]:
    """Every biography photo the profile names (people, our delegation, the interlocutors), with its path."""
    people: list[tuple[PathKey, Biography | None]] = [
        (("people", i), person.biography) for i, person in enumerate(profile.people)
    ]
    visit = profile.visit
    if visit is not None:
        delegation = visit.delegation
        if delegation is not None and delegation.head is not None:
            people.append((("visit", "delegation", "head"), delegation.head.biography))
        if delegation is not None:
            people += [(("visit", "delegation", "members", i), m.biography) for i, m in enumerate(delegation.members)]
        people += [(("visit", "interlocutors", i), p.biography) for i, p in enumerate(visit.interlocutors)]
    return [((*path, "biography", "photo"), bio.photo) for path, bio in people if bio is not None and bio.photo]


def images_of(profile: Profile, root: Path) -> dict[str, Path]:
    """The image files the profile names (its logo, then each photo), by the value written; validated ones only."""
    found = {}
    for value in [profile.partner.logo or ""] + [value for _, value in photos(profile)]:
        path = image_path(value, root) if value else None
        if isinstance(path, Path):  # validation has refused anything else
            found[value] = path
    return found


def image_path(value: str, root: Path) -> Path | str:
    """The image file ``value`` names inside ``root``, or why it cannot be used."""
    path = (root / value).resolve()
    if not path.is_relative_to(root.resolve()):
        return "is outside the profiles folder; copy the image into it and give its relative path"
    if not path.is_file():
        return "no such image file in the profiles folder"
    if path.stat().st_size > IMAGE_MAX_BYTES:
        return f"the image is larger than {IMAGE_MAX_BYTES // (1024 * 1024)} MiB"
    with path.open("rb") as f:
        head = f.read(8)
    if not any(head.startswith(magic) for magic in _IMAGE_MAGIC):
        return "is not a PNG or JPEG image"
    return _undecodable(path) or path


def _undecodable(path: Path) -> str:
    """Why the image cannot be drawn (truncated, empty, too many pixels), or "" when it decodes whole."""
    import warnings

    from PIL import Image, ImageFile, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's DecompressionBombWarning: we say it ourselves below
            with Image.open(path) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    return "is an image of zero size; export it again"
                if width * height > IMAGE_MAX_PIXELS or max(width, height) > IMAGE_MAX_SIDE:
                    return (
                        f"is {width} x {height} pixels, more than the {IMAGE_MAX_PIXELS // 1_000_000} megapixels "
                        f"(or {IMAGE_MAX_SIDE} pixels a side) an image may have; export it smaller"
                    )
                # WeasyPrint, once imported, sets LOAD_TRUNCATED_IMAGES for the whole process: undo it here.
                tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
                try:
                    image.load()
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    except Image.DecompressionBombError:
        return f"has more than the {IMAGE_MAX_PIXELS // 1_000_000} megapixels an image may have; export it smaller"
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError):
        return "cannot be decoded (truncated or damaged); export it again as PNG or JPEG"
    return ""


def _image_problems(merged: Merged, path: PathKey, value: str, root: Path) -> list[Problem]:
    found = image_path(value, root)
    if isinstance(found, Path):
        return []
    origin = merged.origin(path)
    return [Problem(origin.file, origin.line, origin.column, format_path(path), f"{quoted(value)} {found}")]


def _too_many_entries(merged: Merged) -> list[Problem]:
    """One problem at the entry beyond MAX_ENTRIES, counting list items and sources, if there is one."""
    count = 0
    for path in _entries(merged.data, ()):
        count += 1
        if count > MAX_ENTRIES:
            origin = merged.origin(path)
            message = (
                f"the profile holds more than {MAX_ENTRIES} entries (list items and sources, all sections "
                f"together); briefgen builds at most {MAX_ENTRIES} within its stated 30 s and 1 GiB "
                "(see README 'Limits'): leave older entries out or split the profile"
            )
            return [Problem(origin.file, origin.line, origin.column, format_path(path), message)]
    return []


def _entries(data: Any, path: PathKey) -> typing.Iterator[PathKey]:
    """The path of every list item and of every source, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path == () and key == "sources" and isinstance(value, dict):
                yield from (("sources", k) for k in value)
            else:
                yield from _entries(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield (*path, i)
            yield from _entries(item, (*path, i))


def _unknown_focus(merged: Merged, profile: Profile) -> list[Problem]:
    """Focus localities must be ones the partner's ``partnerships`` name, or nothing is highlighted."""
    assert profile.visit is not None
    problems = []
    for side in ("ours", "theirs"):
        localities = (
            [p.ours for p in profile.partnerships]
            if side == "ours"
            else [t for p in profile.partnerships for t in p.theirs]
        )
        known = sorted({n for loc in localities for n in loc.names})
        folded = {n.casefold() for n in known}
        for i, name in enumerate(getattr(profile.visit.focus, side)):
            if name.casefold() in folded:
                continue
            path: PathKey = ("visit", "focus", side, i)
            origin = merged.origin(path)
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known) or 'none'}"
            message = f"{quoted(name)} is not a locality of the partner's partnerships; {hint}"
            problems.append(Problem(origin.file, origin.line, origin.column, format_path(path), message))
    return problems


def _dangling_sources(merged: Merged) -> list[Problem]:
    sources = merged.data.get("sources")
    known = set(sources) if isinstance(sources, dict) else set()
    problems = []
    for path, key in source_refs(merged.data):
        if key not in known:
            origin = merged.origin(path)
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            hint = f", did you mean '{close[0]}'?" if close else "; add it under 'sources:'"
            message = f"source {quoted(key)} is not in sources{hint}"
            problems.append(Problem(origin.file, origin.line, origin.column, format_path(path), message))
    return problems


def source_refs(data: Any, path: PathKey = ()) -> list[tuple[PathKey, str]]:
    """Every ``source: KEY`` in the mapping, with its path, outside the ``sources`` table itself."""
    found: list[tuple[PathKey, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if path == () and key == "sources":
                continue
            if key == "source" and isinstance(value, str):
                found.append(((*path, key), value))
            else:
                found.extend(source_refs(value, (*path, key)))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found.extend(source_refs(item, (*path, i)))
    return found
