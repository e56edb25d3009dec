"""The "summary" section of the Word template (see ``briefgen/view/sections.py``).

The relationship in brief: one paragraph per claim, with its reference.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if summary %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import paragraphs_with_refs


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return paragraphs_with_refs("summary")
