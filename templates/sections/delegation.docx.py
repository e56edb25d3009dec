"""The "delegation" section of the Word template (see ``briefgen/view/sections.py``).

Our delegation, head first: each member with a short biography.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if delegation %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import portraits


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return portraits("delegation")
