"""Load: a YAML file becomes a layer, a plain mapping plus the file:line:column of every value.

Only plain data gets through: the safe YAML tags (text, numbers, booleans, null, dates, lists,
mappings). Anything else (``!!python/object``, ``!!binary``, custom tags) is a problem, never
code. Duplicate keys are problems (PyYAML silently keeps the last). Text is NFC-normalised,
because Vietnamese typed on some keyboards arrives decomposed and PDF engines then misplace
the accents.

Limits, so that a hostile file costs bounded time and memory: a file is at most
``MAX_FILE_BYTES``, nests at most ``MAX_DEPTH`` deep and expands to at most ``MAX_NODES``
values once aliases are followed (a "billion laughs" file stops there).
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.data.files import open_regular
from briefgen.errors import Problem, ProfileError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000

PathKey = tuple[str | int, ...]
"""Where a value sits in a mapping: ``("key_figures", 2, "value")``."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
# How PyYAML (libyaml) words its own nesting limit ("exceeded maximum nesting depth ..."); matched
# loosely so that a rewording still becomes our refusal rather than a "syntax error".
_DEPTH_REFUSAL = re.compile(r"nesting|depth", re.IGNORECASE)
_BLOCK_HEADER = re.compile(r"^[|>][-+0-9]*")
_TODO_WORD = re.compile(r"\bTODO\b")
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}

# Characters no document format can hold (XML 1.0 refuses them): YAML lets them in through
# escapes such as "\0" or "\x07", and the DOCX writer would then fail at the last step.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Layer:
    """One YAML file's content and the position of each of its values."""

    file: str
    """The file as shown in messages (relative to the working folder when possible)."""
    data: dict[str, Any]
    marks: dict[PathKey, tuple[int, int]] = field(repr=False)
    """1-based (line, column) of each value; for a mapping entry, of its key."""
    todo: dict[PathKey, str] = field(default_factory=dict, repr=False)
    """The values whose own line ends with a comment saying ``TODO`` (``value: 3  # TODO check``), with
    that comment: placeholders as much as a ``TODO`` in the value (``briefgen.view.checks``). A comment
    on a line of its own, or on a line no value starts or ends on, marks nothing."""


def display_path(path: Path) -> str:
    """The path as users should see it: relative to the working folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_layer(path: Path) -> Layer:
    """Read and parse one YAML file into a Layer, or raise ProfileError saying where and why."""
    shown = display_path(path)
    return parse_layer(_read_text(path, shown), shown)


def parse_layer(text: str, shown: str) -> Layer:
    """Parse YAML text into a Layer, named ``shown`` in messages (``translate import`` checks its edits)."""
    node = _compose(text, shown)
    if node is None:
        raise _error(shown, None, "the file is empty; a profile is a mapping of keys such as 'partner:'")
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise ProfileError(
            [Problem(shown, line, col, "", f"expected a mapping of keys at the top of the file, got {kind}")]
        )
    # Comments are read only in a file that says TODO somewhere: most files pay nothing for them.
    converter = _Converter(shown, _todo_lines(text) if "TODO" in text else None)
    data = converter.convert(node, (), 0)
    if converter.problems:
        raise ProfileError(converter.problems)
    assert isinstance(data, dict)
    return Layer(shown, data, converter.marks, converter.todo)


def _todo_lines(text: str) -> dict[int, str]:
    """The lines (0-based) that say TODO: the only ones whose comment can mark a placeholder."""
    return {n: line for n, line in enumerate(text.split("\n")) if "TODO" in line}


def _error(file: str, line: int | None, message: str, column: int | None = None) -> ProfileError:
    return ProfileError([Problem(file, line, column, "", message)])


def _read_text(path: Path, shown: str) -> str:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _error(shown, None, "is a folder, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            # A pipe would block for ever, /dev/zero would never end.
            raise _error(shown, None, "is not a regular file (a device, pipe or socket?); give a YAML file")
        size = info.st_size
        if size <= MAX_FILE_BYTES:
            # Checked again on the open file, without blocking: it may have been swapped for a pipe.
            with open_regular(path, follow=True) as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)  # the file may grow after stat()
            size = len(raw)
        if size > MAX_FILE_BYTES:
            raise _error(
                shown, None, f"the file is {size // 1024} KiB; profiles are limited to {MAX_FILE_BYTES // 1024} KiB"
            )
    except FileNotFoundError:
        raise _error(shown, None, "no such file") from None
    except OSError as exc:
        raise _error(shown, None, f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(shown, line, "is not UTF-8 text; save the file as UTF-8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise _error(shown, line, "contains a NUL byte; is this a binary file rather than YAML?")
    return text


def _compose(text: str, shown: str) -> Node | None:
    try:
        _check_shape(text, shown)
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = (exc.problem or "").strip()
        if _DEPTH_REFUSAL.search(problem):
            # PyYAML >= 6.0.4 stops deep nesting itself, in its scanner, ahead of our event count:
            # the same refusal, in our words, where the reader stopped; its own words follow.
            raise _error(
                shown, line, f"nests more than {MAX_DEPTH} levels deep; refused (YAML reader: {problem})", column
            ) from None
        detail = f" {exc.context}" if exc.context else ""
        start = exc.context_mark
        if detail and start and mark and mark is exc.problem_mark and start.line != mark.line:
            detail += f" started on line {start.line + 1}"  # an unclosed quote or bracket: where it opened
        if "tab" in problem or "'\\t'" in problem or (mark and _char_at(text, mark.line, mark.column) == "\t"):
            problem += " (indent with spaces, not tabs)"
        if "another document" in problem:
            problem, detail = "found a second document ('---'); a profile file holds one mapping", ""
        raise ProfileError(
            [Problem(shown, line, column, "", f"YAML syntax error: {problem}{detail}".strip())]
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _error(shown, line, f"the control character U+{code:04X} is not allowed in YAML; remove it") from None
    except yaml.YAMLError as exc:
        raise _error(shown, None, f"YAML error: {exc}") from None
    except RecursionError:
        raise _error(shown, None, f"nests more than {MAX_DEPTH} levels deep; refused") from None


def _check_shape(text: str, shown: str) -> None:
    """Refuse a file nesting deeper than MAX_DEPTH or far above MAX_NODES, before composing it.

    PyYAML's C composer recurses once per level (100,000 '[' crash the interpreter) and builds
    every node before the converter can count them; the event stream costs neither. Each value
    makes at most three events (key, start, end), so more events than that is surely too many.
    """
    depth = events = 0
    for event in yaml.parse(text, Loader=_Loader):
        events += 1
        if isinstance(event, yaml.CollectionStartEvent):
            if depth > MAX_DEPTH:
                raise _error_at(shown, event.start_mark, f"nests more than {MAX_DEPTH} levels deep; refused")
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if events > 3 * MAX_NODES + 10:
            raise _error_at(shown, event.start_mark, f"holds more than {MAX_NODES} values; refused")


def _error_at(file: str, mark: Any, message: str) -> ProfileError:
    return _error(file, mark.line + 1 if mark else None, message, mark.column + 1 if mark else None)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


class _Converter:
    """Turns a composed node graph into plain Python values, recording marks and problems."""

    def __init__(self, file: str, lines: dict[int, str] | None = None) -> None:
        self.file = file
        self._lines = lines
        self.todo: dict[PathKey, str] = {}
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._count = 0
        self._scalars = yaml.constructor.SafeConstructor()

    def _problem(self, node: Node, path: PathKey, message: str) -> None:
        self.problems.append(
            Problem(self.file, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), message)
        )

    def convert(self, node: Node, path: PathKey, depth: int) -> Any:
        self._count += 1
        if self._count > MAX_NODES:
            if self._count == MAX_NODES + 1:
                self._problem(node, path, f"expands to more than {MAX_NODES} values (aliases?); refused")
            return None
        if depth > MAX_DEPTH:
            self._problem(node, path, f"nests more than {MAX_DEPTH} levels deep; refused")
            return None
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self._problem(node, path, f"tag {_short(node.tag)} is not allowed; profiles hold plain data")
            items = [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            for i, item in enumerate(node.value):
                self._note_todo(None, item, (*path, i))
            return items
        assert isinstance(node, MappingNode)
        if node.tag != _TAG + "map":
            self._problem(node, path, f"tag {_short(node.tag)} is not allowed; profiles hold plain data")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._problem(key_node, path, "merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self._problem(key_node, path, "a key must be a plain word")
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in key):
                # Keys are echoed in messages: a newline in one would forge an output line.
                self._problem(key_node, path, f"a key must be a plain word, not {key!r}")
                continue
            child = (*path, key)
            if key in result:
                first = self.marks.get(child, (0, 0))[0]
                self._problem(key_node, child, f"duplicate key '{key}' (first given on line {first})")
                continue
            self.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, child, depth + 1)
            self._note_todo(key_node, value_node, child)
        return result

    def _note_todo(self, key: Node | None, value: Node, path: PathKey) -> None:
        """Record the comment ending the line ``value`` ends on (or, for a block, its key's line) if it says TODO."""
        if self._lines is None:
            return
        if isinstance(value, ScalarNode) and value.style in ("|", ">"):
            mark, kind = value.start_mark, "header"  # a block scalar's comment follows "key: >-"
        elif isinstance(value, ScalarNode) or getattr(value, "flow_style", False):
            mark, kind = value.end_mark, "after"
        elif key is not None:
            mark, kind = key.end_mark, "key"  # a block mapping or list starts below its key's line
        else:
            return
        text = self._lines.get(mark.line)
        if text is None:
            return
        rest = text[mark.column :]
        if kind == "header":
            rest = _BLOCK_HEADER.sub("", rest, count=1)
        elif kind == "key":
            rest = rest.lstrip().removeprefix(":")
        rest = rest.strip()
        if rest.startswith("#") and _TODO_WORD.search(rest):
            self.todo[path] = rest[1:].strip()

    def _scalar(self, node: ScalarNode, path: PathKey) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._problem(node, path, f"tag {_short(node.tag)} is not allowed; profiles hold plain data")
            return None
        try:
            value = self._scalars.construct_object(node)
        except Exception as exc:  # an explicit tag on bad text: '!!float ""' raises IndexError, '!!bool x' KeyError
            what = "date" if node.tag.endswith("timestamp") else "value"
            why = f" ({exc})" if isinstance(exc, ValueError | yaml.YAMLError) else ""
            shown = repr(node.value) if len(node.value) <= 60 else repr(node.value[:57]) + "..."
            self._problem(node, path, f"{shown} is not a valid {what}{why}")
            return None
        if isinstance(value, str):
            bad = _UNPRINTABLE.search(value)
            if bad:
                code = f"U+{ord(bad.group()):04X}"
                self._problem(node, path, f"contains the character {code}, which documents cannot hold; remove it")
                return None
            return unicodedata.normalize("NFC", value)
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() and value.tzinfo is None else value
        return value


def _short(tag: str) -> str:
    return "'!!" + tag[len(_TAG) :] + "'" if tag.startswith(_TAG) else f"'{tag}'"


def format_path(path: PathKey) -> str:
    """A path as users write it: ``key_figures[2].value``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
