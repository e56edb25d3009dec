"""The "talking_points" section of the Word template (see ``briefgen/view/sections.py``).

The talking points, numbered, most important first.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if talking_points %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import items


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return items("talking_points", "ListNumber")
