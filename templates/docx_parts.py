"""The XML pieces the Word template is written with: runs, paragraphs, Jinja tags.

``make_briefing_docx.py`` writes the cover, the contents, the header and the footer of ``briefing.docx``
with these (the sections are written by the renderer, ``briefgen/render/docx_blocks.py``). Every Jinja
tag sits alone in one run (docxtpl only sees tags Word has not split); ``tag`` writes docxtpl's
paragraph tag, which docxtpl removes with its paragraph.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


def run(text: str = "", *, rstyle: str = "", raw: str = "") -> str:
    """One run: text (escaped; may be a Jinja tag) or raw inner XML (a field char, a tab)."""
    rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    inner = raw or f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:r>{rpr}{inner}</w:r>"


def para(*runs: str, style: str = "", ppr: str = "") -> str:
    """One paragraph of the given style holding the given runs (XML strings)."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if pstyle or ppr else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def tag(tag: str) -> str:
    """A paragraph holding only a docxtpl ``{%p ...%}`` tag; docxtpl removes it when rendering."""
    return para(run(f"{{%p {tag} %}}"))


def v(expr: str) -> str:
    """A run printing a Jinja expression."""
    return run(f"{{{{ {expr} }}}}")
