"""The "sources" section of the Word template (see ``briefgen/view/sections.py``).

The numbered sources, each bookmarked ``src_<n>`` as the target of reference links; an address
is a real hyperlink (``s.link``: the relationship id the renderer makes for it).

``make_briefing_docx.py`` puts what ``body`` returns under the section's Heading 1, inside
``{%p if sources %}``, in registry order.
"""

from __future__ import annotations

from docx_parts import bookmarked, para, run, tag, v


def body() -> list[str]:
    """The section's content, as WordprocessingML paragraphs and tables."""
    number = run("[") + v("s.number") + run("]")
    entry = para(
        *bookmarked("src_{{ s.number }}", "{{ 1000 + s.number }}", *number),
        run(raw="<w:tab/>"),
        v("s.citation"),
        run("{% if s.url %}"),
        run(" \u2014 "),
        '<w:hyperlink r:id="{{ s.link }}" w:history="1">',
        run("{{ s.url }}", rstyle="Hyperlink"),
        "</w:hyperlink>",
        run("{% endif %}"),
        style="SourceEntry",
    )
    return [tag("for s in sources"), entry, tag("endfor")]
