r"""One way to print what a user wrote: ``shown(text)`` makes invisible and terminal-moving characters visible.

Every message, table, listing and preview line that quotes a profile, a key, a name or a path passes it
through ``shown``, so that a profile cannot forge an ``ok:`` line, move the cursor, set the terminal title
(OSC sequences start with ESC or the C1 character U+009D), reverse the order of what follows (bidi
overrides and isolates) or hide a difference (a key with a zero-width space must read ``name\u200b``,
not ``name``). ``shown`` is idempotent: it never escapes a backslash, so applying it twice (once where a
message is composed, once where it is printed) changes nothing the second time.
"""

from __future__ import annotations

import functools
import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_INVISIBLE = frozenset(
    [
        *range(0x00, 0x20),  # C0 controls, including ESC, line breaks and tab
        0x7F,  # DEL
        *range(0x80, 0xA0),  # C1 controls, including NEL (U+0085) and CSI/OSC (U+009B, U+009D)
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        0x061C,  # Arabic letter mark
        0x115F,
        0x1160,  # Hangul fillers
        0x17B4,
        0x17B5,
        0x180E,  # Mongolian vowel separator
        *range(0x200B, 0x2010),  # ZWSP, ZWNJ, ZWJ, LRM, RLM
        0x2028,
        0x2029,  # line and paragraph separators
        *range(0x202A, 0x202F),  # bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
        *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates (LRI, RLI, FSI, PDI)
        0x3164,  # Hangul filler
        0xFEFF,  # byte-order mark / zero-width no-break space
        0xFFA0,
        *range(0xFFF9, 0xFFFC),  # interlinear annotation
        *range(0x1D173, 0x1D17B),  # musical symbol formatting
        *range(0xE0000, 0xE0080),  # tags
    ]
)


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def shown(text: object) -> str:
    """``text`` as a string with controls, bidi marks, zero-width characters and line breaks as visible escapes."""
    value = str(text)
    if value.isascii() and value.isprintable():
        return value
    if not any(map(escaped_char, set(value))):  # each distinct character looked at once (a preview: 5x faster)
        return value
    return "".join(_escape(c) if escaped_char(c) else c for c in value)


@functools.lru_cache(maxsize=4096)
def escaped_char(char: str) -> bool:
    """Whether :func:`shown` escapes ``char`` (a line break included)."""
    return ord(char) in _INVISIBLE or _hidden(char)


_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})


def _hidden(char: str) -> bool:
    """A control, format, surrogate or unassigned character, or a line or paragraph separator.

    Space separators (no-break space, the narrow no-break space of French numbers) are text.
    """
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def quoted(text: object) -> str:
    r"""``text`` shown between single quotes, for messages: ``'name\u200b'``."""
    return f"'{shown(text)}'"


def markup_safe(text: object) -> str:
    """``text`` shown and escaped for rich console markup (``[bold]`` prints as written)."""
    from rich.markup import escape

    return escape(shown(text))
