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
