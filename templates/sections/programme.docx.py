"""The "programme" section of the Word template (see ``briefgen/view/sections.py``).

The programme: day, time, item, venue, counterpart.

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if programme %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import labelled_list, list_table, para, run, tag, v
from docx_styles import TEXT_WIDTH


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    meeting = [
        tag('if programme | selectattr("briefed") | list'),
        para(v("labels.meeting_lines"), style="Heading2"),
        tag('for x in programme | selectattr("briefed")'),
        para(
            v("x.day"),
            run("{% if x.time %} · {{ x.time }}{% endif %} — "),
            v("x.item"),
            run("{% if x.counterpart %} ({{ x.counterpart }}){% endif %}"),
            style="Heading3",
        ),
        *labelled_list("labels.lines_to_take", "x.lines_to_take"),
        *labelled_list("labels.lines_to_avoid", "x.lines_to_avoid"),
        tag("if x.questions"),
        para(v("labels.questions"), style="ListLabel"),
        tag("for qa in x.questions"),
        para(v("labels.labelled.format(label=labels.question, value=qa.question)"), style="ListBullet"),
        para(v("labels.labelled.format(label=labels.answer, value=qa.answer)")),
        tag("endfor"),
        tag("endif"),
        tag("if x.press_line"),
        para(v("labels.press_line"), style="ListLabel"),
        para(v("x.press_line")),
        tag("endif"),
        tag("endfor"),
        tag("endif"),
    ]
    return [
        list_table(
            "programme",
            "x",
            [
                ("day", 1500, [v("x.day")]),
                ("time", 1100, [v("x.time")]),
                ("item", TEXT_WIDTH - 1500 - 1100 - 1900 - 2200, [v("x.item")]),
                ("venue", 1900, [v("x.venue")]),
                ("counterpart", 2200, [v("x.counterpart")]),
            ],
        )
    ] + meeting
