"""The "agreements" section of the Word template (see ``briefgen/view/sections.py``).

The agreements: short name, full name, source.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if agreements %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import SOURCE_COL, list_table, ref_label, run, v
from docx_styles import TEXT_WIDTH

_NOTE = "{{% if x.{key} %}} · {{{{ labels.labelled.format(label=labels.{key}, value=x.{key}) }}}}{{% endif %}}"
"""The agreement's date signed or status after its name, labelled, when the profile gives it."""

_NOTE = "{{% if x.{key} %}} · {{{{ labels.labelled.format(label=labels.{key}, value=x.{key}) }}}}{{% endif %}}"
"""The agreement's date signed or status after its name, labelled, when the profile gives it."""


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
                        run(_NOTE.format(key="signed")),
                        run(_NOTE.format(key="status")),
                    ],
                ),
                ("source", SOURCE_COL, ref_label("x.ref")),
            ],
        )
    ]
