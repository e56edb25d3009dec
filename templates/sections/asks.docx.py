"""The "asks" section of the Word template (see ``briefgen/view/sections.py``).

Our asks, then their likely asks: a table ask | suggested reply for each side.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if asks %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import list_table, para, tag, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    parts = []
    for key, items in (("our_asks", "asks.ours"), ("their_asks", "asks.theirs")):
        columns = [("ask", TEXT_WIDTH // 2, [v("a.ask")]), ("reply", TEXT_WIDTH - TEXT_WIDTH // 2, [v("a.reply")])]
        parts += [tag(f"if {items}"), para(v(f"labels.{key}"), style="Heading2"), list_table(items, "a", columns)]
        parts.append(tag("endif"))
    return parts
