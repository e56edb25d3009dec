"""The "partnerships" section of the Word template (see ``briefgen/view/sections.py``).

The locality pairings, the visit's focus starred, and the star's legend.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if partnerships %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import STAR, legend, list_table, run, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    return [
        list_table(
            "partnerships",
            "x",
            [
                ("ours", 3600, [run(STAR), v("x.ours")]),
                ("theirs", TEXT_WIDTH - 3600, [v("x.theirs"), run("{% if x.kind %} ({{ x.kind }}){% endif %}")]),
            ],
        ),
        *legend("partnerships"),
    ]
