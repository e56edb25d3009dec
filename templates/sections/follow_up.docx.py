"""The "follow_up" section of the Word template (see ``briefgen/view/sections.py``).

Earlier commitments: what, by whom, status, note.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if follow_up %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import list_table, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        list_table(
            "follow_up",
            "c",
            [
                ("promise", 3600, [v("c.promise")]),
                ("by", 2000, [v("c.by")]),
                ("status", 1400, [v("c.status")]),
                ("note", TEXT_WIDTH - 3600 - 2000 - 1400, [v("c.note")]),
            ],
        )
    ]
