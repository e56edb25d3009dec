"""The "vigilance" section of the Word template (see ``briefgen/view/sections.py``).

The points of vigilance, one bullet each.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if vigilance %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import items


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return items("vigilance", "ListBullet")
