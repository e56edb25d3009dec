"""The "agreements" section of the Word template (see ``briefgen/sections.py``).

The agreements: short name, full name, source.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if agreements %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import SOURCE_COL, list_table, ref_label, run, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        list_table(
            "agreements",
            "x",
            [
                ("short", 1700, [v("x.short")]),
                (
                    "agreement",
                    TEXT_WIDTH - 1700 - SOURCE_COL,
                    [
                        v("x.name"),
                        run("{% if x.signed %} · {{ labels.labelled.format(label=labels.signed, value=x.signed) }}{% endif %}"),
                        run("{% if x.status %} · {{ labels.labelled.format(label=labels.status, value=x.status) }}{% endif %}"),
                    ],
                ),
                ("source", SOURCE_COL, ref_label("x.ref")),
            ],
        )
    ]
