"""The "timeline" section of the Word template (see ``briefgen/view/sections.py``).

The timeline: date, event, source.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if timeline %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import SOURCE_COL, list_table, ref_label, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        list_table(
            "timeline",
            "x",
            [
                ("date", 2200, [v("x.date")]),
                ("event", TEXT_WIDTH - 2200 - SOURCE_COL, [v("x.text")]),
                ("source", SOURCE_COL, ref_label("x.ref")),
            ],
        )
    ]
