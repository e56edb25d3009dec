"""The "visit" section of the Word template (see ``briefgen/view/sections.py``).

The visit: its title as Heading 2, then a two-column table of when (or, with no date fixed yet,
the period it is planned for, under "Planned"), where, who, what.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if visit %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import fact_row, facts, para, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    extra = [
        *fact_row("visit.focus_ours", "focus_ours"),
        *fact_row("visit.focus_theirs", "focus_theirs"),
    ]
    return [
        para(v("visit.title"), style="Heading2"),
        *facts("visit", ("when", "planned", "place", "organisers", "theme"), extra),
    ]
