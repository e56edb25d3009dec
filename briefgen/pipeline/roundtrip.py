"""``translate export`` and ``translate import``: profile text out to XLIFF 2.0 and back into the YAML.

Import edits the YAML with ruamel.yaml in round-trip mode (imported here only), so comments,
key order, quoting and folded paragraphs stay as written; a plain string becomes a
``{fr: …, en: …}`` mapping, flow style when it fits on its line, block style otherwise. Every
unit is matched, every edited file re-parsed and the whole profile validated before anything is
written; then the files are replaced together and the translation records updated (see
``briefgen.data.translate``).

A unit is matched at its path when the source text there is still the one exported; else at
the one field of that file whose source text it is; no such field, or several, refuses the file.

All or nothing: the new YAML of every file and the new translation records are computed, and
the YAML checked against the profile size limit every later command enforces
(``loading.MAX_FILE_BYTES``, on the very bytes to be written), before anything is written; then
YAML and records are written by one ``write_all`` (every temporary first, then the renames), so a
failure leaves the profile and its records as they were. The profiles folder is made absolute
first: a relative ``--profiles`` names the same folder as the absolute paths of its files.
"""

from __future__ import annotations

import io
import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.data import xliff
from briefgen.data.assembly import load
from briefgen.data.catalog import Places
from briefgen.data.files import read_regular
from briefgen.data.loading import MAX_FILE_BYTES, Layer, PathKey, display_path, format_path, parse_layer
from briefgen.data.merging import merge
from briefgen.data.translate import digest, fields, read_records, records_path, unit_id
from briefgen.data.translation import resolve, text_fields
from briefgen.errors import InputError
from briefgen.languages import LANGUAGES, check_lang
from briefgen.pipeline.output import write_all

_FLOW_WIDTH = 100
"""A new ``{fr: …, en: …}`` mapping stays on its line up to this many characters."""
_YAML11_BREAKS = "\x85\u2028\u2029"
"""Characters YAML 1.1 reads as line breaks besides LF and CR (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR)."""


def export(name: str, lang: str, places: Places) -> tuple[bytes, int]:
    """The XLIFF of the fields of ``name`` with no current ``lang`` text, and how many there are."""
    check_lang(lang)
    loaded = load(name, places)
    merged, _ = loaded.merged, loaded.profile  # validated: a broken profile is not exported
    own = merged.language
    if lang == own:
        raise InputError(
            f"the language '{lang}' is the one the profile is written in; export to another language", option="lang"
        )
    files: dict[str, list[xliff.Unit]] = {}
    count = 0
    for f in fields(merged, lang, places.profiles):
        if f.state == "current":
            continue
        notes = [f"{f.file}:{f.line}", f"field: {format_path(f.path)}"]
        if f.state == "stale" and isinstance(f.value, dict):
            notes.append(f"previous translation, made from an earlier text: {f.value[lang]}")
        files.setdefault(f.relative, []).append(xliff.Unit(unit_id(f.path), resolve(f.value, own, own), "", notes))
        count += 1
    return xliff.write(xliff.Document(name, own, lang, files)), count


@dataclass
class Imported:
    """What ``translate import`` did."""

    files: list[Path] = field(default_factory=list)
    units: int = 0
    warnings: list[str] = field(default_factory=list)


def import_file(path: Path, places: Places) -> Imported:
    """Write the translations of exchange file ``path`` into the profile's YAML; refuse anything unclear."""
    try:
        data = read_regular(path, xliff.MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    doc = xliff.read(data, str(path))
    check_lang(doc.target_lang)
    loaded = load(doc.profile, places)
    known = {p.resolve() for p in loaded.files}
    merged, _ = loaded.merged, loaded.profile  # validated: a broken profile is not edited
    own = merged.language
    if doc.source_lang != own or doc.target_lang == own or doc.target_lang not in LANGUAGES:
        raise InputError(f"{path}: translates '{doc.source_lang}' to '{doc.target_lang}'; the profile is in '{own}'")
    root = places.profiles.resolve()  # the profile's files are known by their resolved paths
    result = Imported()
    edits: dict[Path, tuple[str, str, dict[str, tuple[str, str]]]] = {}
    for relative, units in doc.files.items():
        target = _profile_file(relative, root, known, path)
        todo = [u for u in units if u.target.strip()]
        if not todo:
            continue
        text = target.read_text(encoding="utf-8")
        new_text, records, warning = _edit(text, display_path(target), todo, own, doc.target_lang, path)
        edits[target] = (relative, new_text, records)
        result.units += len(todo)
        if warning:
            result.warnings.append(warning)
    writes: dict[Path, bytes] = {}
    for target, (_relative, new_text, _records) in edits.items():
        writes[target] = data = new_text.encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: with these translations {display_path(target)} would be {len(data) // 1024} KiB; profiles "
                f"are limited to {MAX_FILE_BYTES // 1024} KiB, so nothing was written; shorten the translations "
                "or split the profile"
            )
    _validate_edited(loaded.layers, places, {p: t for p, (_, t, _) in edits.items()})
    for _target, (relative, _text, records) in edits.items():
        writes[records_path(root, relative)] = _records_bytes(root, relative, doc.target_lang, own, records)
    write_all(writes, root)
    result.files = list(edits)
    return result


def _profile_file(relative: str, root: Path, known: set[Path], shown: Path) -> Path:
    """The profile file a ``<file original=…>`` names: one of the profile's own files, nothing else."""
    candidate = (root / relative).resolve()
    if relative.startswith("/") or ".." in Path(relative).parts or candidate not in known:
        raise InputError(f"{shown}: names the file '{relative}', which is not one of the profile's files")
    return candidate


def _edit(
    text: str, shown: str, units: list[xliff.Unit], own: str, lang: str, xliff_file: Path
) -> tuple[str, dict[str, tuple[str, str]], str]:
    """The file's new text, the records to keep (unit id → source, translation), and a layout warning."""
    layer = parse_layer(text, shown)
    here = {unit_id(p): (p, v) for p, v in text_fields(merge([layer]))}
    yaml, doc, warning = _round_trip(text, shown)
    records: dict[str, tuple[str, str]] = {}
    for unit in units:
        path = _locate(unit, here, own, shown, xliff_file)
        target = unit.target.strip()
        _set(doc, path, own, lang, target)
        records[unit_id(path)] = (resolve(here[unit_id(path)][1], own, own), target)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue(), records, warning


def _locate(unit: xliff.Unit, here: dict[str, tuple[PathKey, Any]], own: str, shown: str, xliff_file: Path) -> PathKey:
    """The field ``unit`` translates: at its path if its source is unchanged, else the one field with that source."""
    wanted = " ".join(unit.source.split())
    same = [p for p, v in here.values() if " ".join(resolve(v, own, own).split()) == wanted]
    if unit.id in here and here[unit.id][0] in same:
        return here[unit.id][0]
    if len(same) == 1:
        return same[0]
    why = "no field has its source text any more" if not same else f"{len(same)} fields have its source text"
    raise InputError(
        f"{xliff_file}: unit '{unit.id}' ({shown}): the profile changed since the export and {why}; "
        "export again and carry the translations over"
    )


def _round_trip(text: str, shown: str) -> tuple[Any, Any, str]:
    """A ruamel YAML set to reproduce ``text``, its document, and a warning if no setting reproduces it."""
    from ruamel.yaml import YAML

    # ruamel cannot detect indentation: try the usual ones (a dash at 0, 2 or 4 past its parent).
    candidates = [(mapping, offset + 2, offset) for mapping in (2, 4) for offset in (2, 0, 4)]
    first: tuple[Any, Any] | None = None
    for mapping, sequence, offset in candidates:
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        doc = yaml.load(text)
        out = io.StringIO()
        yaml.dump(doc, out)
        if out.getvalue() == text:
            return yaml, doc, ""
        first = first or (yaml, doc)
    assert first is not None
    warning = f"{shown}: its indentation is irregular, so lines the translation did not touch may move; check the diff"
    return first[0], first[1], warning


def _set(doc: Any, path: PathKey, own: str, lang: str, target: str) -> None:
    """Put ``target`` as the ``lang`` text of the field at ``path``, in the style of its neighbours."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    value = parent[path[-1]]
    if any(ch in _YAML11_BREAKS for ch in target):
        # Written raw, PyYAML (YAML 1.1, which every command reads with) takes NEL, U+2028 and U+2029
        # for line breaks and folds them into spaces; in double quotes they are escapes (``\N``).
        target = DoubleQuotedScalarString(target)
    if isinstance(value, CommentedMap):
        source = value.get(own)
        if isinstance(source, FoldedScalarString) and not isinstance(target, DoubleQuotedScalarString):
            width = max(len(line) for line in str(source).splitlines() or [""]) or 80
            new: Any = _folded(target, max(width, 40))
        else:
            new = target
        if lang in value:
            value[lang] = new
        else:
            after = [k for k in value if k in LANGUAGES and list(LANGUAGES).index(k) < list(LANGUAGES).index(lang)]
            position = list(value).index(after[-1]) + 1 if after else 0
            value.insert(position, lang, new)
        return
    mapping = CommentedMap([(own, value), (lang, target)])
    if len(f"{own}: {value}, {lang}: {target}") + 12 <= _FLOW_WIDTH and "\n" not in str(value) + target:
        mapping.fa.set_flow_style()
    else:
        mapping.fa.set_block_style()
    parent[path[-1]] = mapping


def _folded(text: str, width: int) -> Any:
    """``text`` as a folded (``>-``) scalar wrapped at ``width``, like the paragraph beside it."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)
    folded = FoldedScalarString(" ".join(lines))
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    folded.fold_pos = positions
    return folded


def _validate_edited(loaded: list[Layer], places: Places, texts: dict[Path, str]) -> None:
    """Validate the profile as it will be once the edited files replace the old ones (``loaded``: its layers now)."""
    # Deferred (heavy): pydantic and the models.
    from briefgen.data.validation import validate

    layers = []
    for layer in loaded:
        path = Path(layer.file).resolve()
        if path in texts:
            new = parse_layer(texts[path], layer.file)
            # A visit's ``partner:`` names its partner and is not merged (see assembly.assemble).
            data = {k: v for k, v in new.data.items() if k in layer.data or k != "partner"}
            layer = type(layer)(layer.file, data, new.marks)
        layers.append(layer)
    validate(merge(layers), places.profiles, places.added_fonts())


def _records_bytes(root: Path, relative: str, lang: str, own: str, new: dict[str, tuple[str, str]]) -> bytes:
    """The records file of ``relative`` once it remembers which source text each new translation was made from."""
    records = read_records(root, relative)
    by_unit = records.setdefault(lang, {})
    for unit, (source, translation) in new.items():
        by_unit[unit] = {own: digest(source), lang: digest(translation)}
    return (json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
