"""The "visit" section of the Word template (see ``briefgen/sections.py``).

The visit: its title as Heading 2, then a two-column table of when, where, who, what.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if visit %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import FACT_WIDTHS, bullets_cell, fact_row, facts, para, run, text_cell, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    with_role = [run("{% if m.role %}, "), v("m.role"), run("{% endif %}")]
    head = [v("visit.head.name"), run("{% if visit.head.role %}, "), v("visit.head.role"), run("{% endif %}")]
    extra = [
        *fact_row("visit.head", "head", text_cell(FACT_WIDTHS[1], *head)),
        *fact_row("visit.members", "members", bullets_cell("m in visit.members", v("m.name"), *with_role)),
        *fact_row("visit.focus_ours", "focus_ours"),
        *fact_row("visit.focus_theirs", "focus_theirs"),
    ]
    return [para(v("visit.title"), style="Heading2"), *facts("visit", ("when", "place", "organisers", "theme"), extra)]
