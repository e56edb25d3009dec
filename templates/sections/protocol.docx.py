"""The "protocol" section of the Word template (see ``briefgen/view/sections.py``).

Precedence, gifts, interpreters, dress; then the contacts on the spot.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if protocol %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import lines_table, list_table, para, tag, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    columns = [
        ("name", 2300, [v("c.name")]),
        ("role", TEXT_WIDTH - 2300 - 2000 - 2600, [v("c.role")]),
        ("phone", 2000, [v("c.phone")]),
        ("email", 2600, [v("c.email")]),
    ]
    return [
        tag("if protocol.lines"),
        lines_table("protocol.lines"),
        tag("endif"),
        tag("if protocol.contacts"),
        para(v("labels.contacts"), style="Heading2"),
        list_table("protocol.contacts", "c", columns),
        tag("endif"),
    ]
