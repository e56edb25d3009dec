"""The "national_context" section of the Word template (see ``briefgen/view/sections.py``).

Vietnam's own figures: one Heading 2 and one figures table per theme.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if national_context %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import figures_table, para, tag, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        tag("for g in national_context"),
        para(v("g.title"), style="Heading2"),
        figures_table("g.figures"),
        tag("endfor"),
    ]
