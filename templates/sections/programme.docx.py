"""The "programme" section of the Word template (see ``briefgen/sections.py``).

The programme: day, time, item, venue, counterpart.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if programme %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import list_table, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        list_table(
            "programme",
            "x",
            [
                ("day", 1500, [v("x.day")]),
                ("time", 1100, [v("x.time")]),
                ("item", TEXT_WIDTH - 1500 - 1100 - 1900 - 2200, [v("x.item")]),
                ("venue", 1900, [v("x.venue")]),
                ("counterpart", 2200, [v("x.counterpart")]),
            ],
        )
    ]
