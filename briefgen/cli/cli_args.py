"""Command-line habits that click does not have: global options after the command, "did you mean".

``briefgen japan --quiet`` and ``briefgen list --profiles DIR`` mean the same as with the global
option first. Click only accepts a group's options before the command word, so ``hoist_globals``
moves them to the front before parsing, and only where that cannot change the meaning of the line:

- a word is moved only if it is one of the group's own options (``--profiles DIR``,
  ``--profiles=DIR``, ``--templates DIR``, ``-q``/``--quiet``, ``--debug``);
- not when the command has an option of that same name (``validate --templates`` is validate's);
- not when it is the value of the command's preceding option (``--out --quiet`` is a folder name);
- nothing after ``--``.
"""

# No ``from __future__ import annotations`` here: typer reads the annotations of every command on each
# run, and strings it would compile and evaluate one by one (briefgen.cli.app explains).

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Typer (0.2x) vendors its own click: the commands are read by their attributes (``params``, ``opts``,
# ``commands``), not by class, so that this works with either.

HOISTED = ("--profiles", "--templates", "--quiet", "-q", "--debug")
"""The group's options that may also be written after the command."""


def _takes_value(command: Any, opt: str) -> bool | None:
    """Whether ``opt`` of ``command`` takes a value; None when the command has no such option."""
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option" and opt in (*param.opts, *param.secondary_opts):
            return not (param.is_flag or param.count)
    return None


def _group_options(group: Any) -> dict[str, bool]:
    """The group's own options that are hoisted, each with whether it takes a value."""
    return {opt: bool(_takes_value(group, opt)) for opt in HOISTED if _takes_value(group, opt) is not None}


def _command_at(group: Any, args: list[str], default: str) -> tuple[Any, int]:
    """The (sub)command the words of ``args`` name, and the index of the first word after its name."""
    options = _group_options(group)
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        i += 2 if options.get(args[i]) else 1
    if i >= len(args) or args[i] == "--":
        return None, i
    command = group.commands.get(args[i])
    if command is None:
        return group.commands.get(default), i  # ``briefgen NAME`` builds NAME: the name is an argument
    i += 1
    while hasattr(command, "commands") and i < len(args) and args[i] in command.commands:
        command = command.commands[args[i]]
        i += 1
    return command, i


def hoist_globals(group: Any, args: list[str], default: str = "build") -> list[str]:
    """``args`` with the group's options written after the command moved before it (see the module)."""
    command, start = _command_at(group, args, default)
    if command is None:
        return args
    options = _group_options(group)
    moved: list[str] = []
    kept = args[:start]
    i = start
    while i < len(args):
        word = args[i]
        if word == "--":
            kept += args[i:]
            break
        name = word.split("=", 1)[0]
        own = _takes_value(command, name)
        if own is None and name in options:
            width = 2 if options[name] and "=" not in word else 1
            moved += args[i : i + width]
            i += width
            continue
        width = 2 if own and "=" not in word else 1
        kept += args[i : i + width]
        i += width
    return moved + kept if moved else args


ELSEWHERE = frozenset(("batch", "check", "diff", "doctor", "fonts", "help", "init", "list", "new", "preview",
                       "translate", "validate", "watch"))  # fmt: skip
"""The commands that lay out no document in their own process (``batch`` does in workers, ``watch`` in its
loop): every command but ``build`` (``tests/test_cli_habits.py`` checks it against the application)."""


def may_lay_out(args: list[str], format_name: str) -> bool:
    """Whether the words of ``args`` may be a build of this process making ``format_name`` (``pdf``).

    A guess made before the command line is parsed (``briefgen.cli.main``), worth starting a child that
    imports the renderer: false for another command, for help and the version, and for a ``--format``
    without it. A wrong guess costs a child stopped unused; the parsing that follows decides.
    """
    words = iter(args)
    command = None
    for word in words:
        if word in ("-h", "--help", "--version") or word == "--format" and format_name not in next(words, ""):
            return False
        if word.startswith("--format=") and format_name not in word:
            return False
        if word in ("--profiles", "--templates"):
            next(words, None)  # its value
        elif command is None and not word.startswith("-"):
            command = word
    return command is not None and command not in ELSEWHERE


def close_command(word: str, names: list[str]) -> str | None:
    """The command name ``word`` is most likely a typo of (``biuld`` → ``build``), or None."""
    if word.startswith("-"):
        return None
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.75)
    return close[0] if close else None


def hide_argument_types(command: Any) -> None:
    """Show an argument's metavar alone in help (``NAME``), not followed by typer's Python type (``<str>``)."""
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "argument" and param.metavar is not None:
            param.display_type_rich = lambda ctx: None  # typer has no setting for it
    for sub in getattr(command, "commands", {}).values():
        hide_argument_types(sub)


def name_languages(command: Any, named: Callable[[str], str]) -> None:
    """Let ``--lang``'s help name each language (``named(help)``) only when help is shown.

    The names come from Babel's locale data: loading it for every command would cost each one,
    the unchanged build first, what only ``--help`` shows.
    """
    for param in getattr(command, "params", []):
        if getattr(param, "name", "") == "lang" and getattr(param, "param_type_name", "") == "option":
            shown_help = param.get_help_record

            def get_help_record(ctx: Any, param: Any = param, shown_help: Any = shown_help) -> Any:
                param.help = named(param.help or "")
                return shown_help(ctx)

            param.get_help_record = get_help_record
    for sub in getattr(command, "commands", {}).values():
        name_languages(sub, named)


def plain_coercion(command: Any, ctx: Any) -> None:
    """Convert the values of options typed ``str``, ``Path``, ``list[str]``, ``bool`` (or ``None``) without pydantic.

    Typer (0.29) converts every option's value with a pydantic adapter built on each run, 15 for ``build``:
    importing pydantic and building them is about half of an unchanged build. These types need no
    validation beyond ``str()`` and ``Path()``, so each such option of ours is given a plain converter in
    typer's own place for it. A typer without that place (an older or newer one) keeps its own converters:
    the same values, only slower (``tests/test_cli_habits.py`` checks the values either way). Called as the
    group parses, when its options are all there (typer adds the completion ones late).
    """
    try:
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - another typer: its own converters
        return
    plain = _plain_kind(RuntimeParam)
    for param in command.get_params(ctx):  # with the help option, which click makes on demand
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue  # not typer's, or a typer that keeps its converters elsewhere
        info = descriptor.parameter_info
        if info.parser is not None or getattr(param, "multiple", False) and not _is_list(descriptor.annotation):
            continue
        convert = _CONVERTERS.get(_without_none(descriptor.annotation))
        if convert is not None:
            param._runtime_param = plain(parameter_info=info, annotation=descriptor.annotation, convert=convert)
    for sub in getattr(command, "commands", {}).values():
        plain_coercion(sub, ctx)


def _is_list(annotation: Any) -> bool:
    return bool(_without_none(annotation) == list[str])


def _without_none(annotation: Any) -> Any:
    """``X`` for ``X | None``, else the annotation itself."""
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    if type(None) in getattr(annotation, "__args__", ()) and len(args) == 1:
        return args[0]
    return annotation


def _text(value: Any) -> str:
    if isinstance(value, bytes):  # click gives str on every platform we run on; bytes only from a caller
        return value.decode("utf-8", "replace")
    return str(value)


def _path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(_text(value))


def _flag(value: Any) -> Any:
    return value if isinstance(value, bool) else _UNPLAIN


_UNPLAIN = object()
"""What a plain converter returns for a value it leaves to typer's own (a flag given as text)."""

_CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    bool: _flag,
    str: _text,
    Path: _path,
    list[str]: lambda values: [_text(v) for v in values],
}


def _plain_kind(runtime_param: Any) -> Any:
    """A ``RuntimeParam`` of typer's that converts with one plain function (made once, on first use)."""
    global _Plain
    if _Plain is None:
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class Plain(runtime_param):  # type: ignore[misc]
            convert: Callable[[Any], Any]

            def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
                converted = self.convert(value)
                if converted is _UNPLAIN:  # typer's own converter, pydantic and all, for what is not plain
                    from typer._coercion import build_runtime_param

                    return build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)
                return converted

        _Plain = Plain
    return _Plain


_Plain: Any = None
