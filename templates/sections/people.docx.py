"""The "people" section of the Word template (see ``briefgen/view/sections.py``).

The people: name (counterparts starred), role, side, source.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if people %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import SOURCE_COL, STAR, legend, list_table, para, portraits, ref_label, run, tag, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        list_table(
            "people",
            "x",
            [
                ("name", 2800, [run(STAR), v("x.name")]),
                ("role", 3600, [v("x.role")]),
                ("side", TEXT_WIDTH - 2800 - 3600 - SOURCE_COL, [v("x.side")]),
                ("source", SOURCE_COL, ref_label("x.ref")),
            ],
        ),
        *legend("people"),
        tag('if people | selectattr("biography") | list'),
        para(v("labels.biographies"), style="Heading2"),
        tag("endif"),
        *portraits('people | selectattr("biography") | map(attribute="biography")'),
    ]
