"""The "key_figures" section of the Word template (see ``briefgen/view/sections.py``).

The key figures table, then its charts (drawn as PNG images by the DOCX renderer).

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if key_figures %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import figures_table, para, tag, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [figures_table("key_figures"), tag("for c in charts"), para(v("c.image"), style="Chart"), tag("endfor")]
