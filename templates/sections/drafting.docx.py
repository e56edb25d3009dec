"""The "drafting" section of the Word template (see ``briefgen/view/sections.py``).

Drafting officer, date, clearance, reference; then the distribution.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if drafting %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import labelled_list, lines_table


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [lines_table("drafting.lines"), *labelled_list("labels.distribution", "drafting.distribution")]
