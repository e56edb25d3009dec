r"""The only way briefgen writes to the terminal: every character a user wrote is shown, never obeyed.

Everything printed goes through here: :func:`say` (one line), :func:`say_json` (``--json``) and the
rich consoles of :func:`console` (tables, the preview, ``diff``, ``watch``, the progress bar).
None of them can put on the terminal a character that ``briefgen.text.shown`` escapes: C0 and C1
controls (an OSC window title, cursor moves, clear screen), bidi overrides and isolates,
zero-width characters:

- :func:`say` passes its whole line through ``shown``, so a line break in it prints as ``\n``;
- :func:`say_json` writes those characters as JSON ``\uXXXX`` escapes (the parsed value is unchanged);
- a :func:`console` escapes every text it lays out (before layout, so widths stay right) and every
  segment it writes (after layout, whatever renderable made it); only rich's own control codes
  (clearing the screen for ``watch``) pass. A line break inside one text stays a line break there
  (the preview's cover is one text of several lines): user text that must stay on its line goes
  through ``shown`` where the line is composed.

``tests/test_printing.py`` fails on any other way to print in ``briefgen/`` (``print``,
``typer.echo``, ``sys.stdout.write``, ``rich.print``, a ``Console`` made elsewhere…).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from briefgen.text import escaped_char, shown

if TYPE_CHECKING:
    from rich.console import Console


def say(text: object, *, err: bool = False) -> None:
    """Print ``text`` as one line on stdout (stderr with ``err``), every control or invisible character shown."""
    typer.echo(shown(text), err=err)


def say_json(data: Any) -> None:
    r"""Print ``data`` as indented JSON on stdout; characters ``shown`` escapes are written as ``\uXXXX``."""
    typer.echo(_json_escaped(json.dumps(data, ensure_ascii=False, indent=2)))


def _json_escaped(text: str) -> str:
    # Such characters can only be inside JSON strings (the rest of JSON is ASCII punctuation), where a
    # \uXXXX escape (a surrogate pair above U+FFFF) stands for the very same character.
    if text.isascii():
        return text
    out = []
    for char in text:
        if char != "\n" and shown(char) != char:
            code = ord(char)
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _shown_keeping_lines(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return "\n".join(shown(part) for part in text.split("\n"))


def console(*, stderr: bool = False, **options: Any) -> Console:
    """A rich console that escapes every text it prints (see the module's docstring); ``options`` as rich's.

    Console markup, highlighting and emoji codes are off: text prints as written.
    """
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Span, Text

    def escaped(text: Text) -> Text:
        plain = text.plain
        if plain.isascii() and plain.isprintable():
            return text
        if not any(map(escaped_char, set(plain) - {"\n"})):  # nothing to escape: each distinct character once
            return text
        ends = [0]
        pieces = []
        for char in plain:
            piece = char if char == "\n" else shown(char)
            pieces.append(piece)
            ends.append(ends[-1] + len(piece))
        if ends[-1] == len(plain):
            return text
        copy = text.blank_copy("".join(pieces))
        size = len(plain)
        copy.spans = [Span(ends[min(s.start, size)], ends[min(s.end, size)], s.style) for s in text.spans]
        return copy

    class EscapingConsole(Console):
        def on_broken_pipe(self) -> None:
            # The reader stopped reading (``preview japan | head -1``): done, as ``cat`` is, exit 0 (rich: 1).
            try:
                super().on_broken_pipe()
            except SystemExit:
                raise SystemExit(0) from None

        def render_str(self, text: str, **kwargs: Any) -> Text:
            return escaped(super().render_str(text, **kwargs))

        def render(self, renderable: Any, options: Any = None) -> Any:
            if isinstance(renderable, Text):
                renderable = escaped(renderable)
            for segment in super().render(renderable, options):
                if segment.control or (segment.text.isascii() and segment.text.isprintable()):
                    yield segment
                else:
                    yield Segment(_shown_keeping_lines(segment.text), segment.style, None)

    settings: dict[str, Any] = {"markup": False, "highlight": False, "emoji": False, **options}
    return EscapingConsole(stderr=stderr, **settings)


def print_paged(draw: Callable[[Console], None], on: Console, *, page: bool = True) -> bool:
    """Call ``draw(on)``, through a pager when it fits no screen; return whether it was paged.

    Output goes through the pager only when standard output is a terminal and what is drawn is taller
    than the screen; ``--no-pager`` or a pipe prints it straight. The pager is ``$MANPAGER`` or ``$PAGER``
    (Python's ``pydoc`` choice, ``less`` when neither is set); like git, ``LESS=-R`` is set when ``LESS``
    is not, so that ``less`` shows colours rather than escape codes. A pager that cannot be run is one
    warning, and the text is printed straight. ``on`` is a :func:`console`: what
    it captures is already escaped, and is written as it is.
    """
    if not (page and on.is_terminal):
        draw(on)
        return False
    with on.capture() as captured:
        draw(on)
    text = captured.get()
    if text.count("\n") <= on.height or not _pager_runs():
        on.file.write(text)
        on.file.flush()
        return False
    os.environ.setdefault("LESS", "-R")
    with on.pager(styles=True, links=True):
        draw(on)
    return True


def _pager_runs() -> bool:
    """Whether the pager named by ``$MANPAGER`` or ``$PAGER`` can be run; if not, say so once on stderr."""
    import shlex
    import shutil

    for variable in ("MANPAGER", "PAGER"):
        command = os.environ.get(variable, "").strip()
        if command:
            break
    else:
        return True  # pydoc's own choice (less, more)
    try:
        program = shlex.split(command)[0] if command else ""
    except ValueError:
        program = ""
    if program and shutil.which(program):
        return True
    say(f"warning: the pager ${variable}={command!r} cannot be run; printing without a pager", err=True)
    return False
