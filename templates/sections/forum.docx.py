"""The "forum" section of the Word template (see ``briefgen/view/sections.py``).

The forum: its name as Heading 2, then a two-column table of what, where, who.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if forum %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import facts, para, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [para(v("forum.name"), style="Heading2"), *facts("forum", ("when", "place", "organisers", "theme"), [])]
