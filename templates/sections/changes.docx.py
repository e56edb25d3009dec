"""The "changes" section of the Word template (see ``briefgen/view/sections.py``).

What differs from the earlier pack of the same visit: each fact added, changed (old → new) or
removed, with its as-of date and source.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if changes %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import para, run, tag


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        tag("for change in changes"),
        para(
            '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{{ change.label }}</w:t></w:r>',
            run(" — "),
            run("{% if change.before and change.after %}"),
            run("{{ change.before }} → {{ change.after }}"),
            run("{% else %}"),
            run("{{ change.before or change.after }}"),
            run("{% endif %}"),
            style="ListBullet",
        ),
        tag("endfor"),
    ]
