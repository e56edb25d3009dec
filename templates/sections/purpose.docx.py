"""The "purpose" section of the Word template (see ``briefgen/view/sections.py``).

The purpose paragraph, then the objectives as bullets.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if purpose %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import labelled_list, para, tag, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        tag("if purpose.text"),
        para(v("purpose.text")),
        tag("endif"),
        *labelled_list("labels.objectives", "purpose.objectives"),
    ]
