"""The builders of the partner's sections: each returns the view data its section fills.

Summary, forum, key figures, pairings, agreements, timeline, people, priorities, national context, sources.

The registry (``briefgen.view.sections``) says when each is present, what it cites and which dates
count; the visit's own sections are built in ``briefgen.view.visit_sections``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from briefgen.data import schema
from briefgen.view import viewmodel
from briefgen.view import visit_sections as visit_parts
from briefgen.view.chart_data import build_charts
from briefgen.view.viewmodel import blocks

if TYPE_CHECKING:
    from briefgen.data.loading import PathKey
    from briefgen.view.formatting import Formatter
    from briefgen.view.section_input import Input


def summary(i: Input) -> Mapping[str, Any]:
    """The relationship in brief: the framework and the summary's claims."""
    profile, fmt, sources = i.profile, i.fmt, i.sources
    summary = []
    if profile.framework:
        text = viewmodel.formatted(i.labels["framework_line"], text=fmt.text(profile.framework.text))
        summary.append(viewmodel.Paragraph(text, sources.ref(profile.framework.source)))
    summary += [viewmodel.Paragraph(fmt.text(c.text), sources.ref(c.source)) for c in profile.summary]
    return {"summary": summary}


def forum_shown(i: Input) -> bool:
    """The relationship in brief: the framework and the summary's claims."""
    # A visit to the forum itself already shows it first; the partner's forum section would repeat it.
    forum, visit = i.profile.forum, i.profile.visit
    return forum is not None and not (visit and i.fmt.text(visit.title) == i.fmt.text(forum.name))


def forum(i: Input) -> Mapping[str, Any]:
    """Whether the forum is shown: the partner has one and the visit is not that forum itself."""
    f, fmt = i.profile.forum, i.fmt
    assert f is not None  # built only when present
    forum = viewmodel.Forum(
        name=fmt.text(f.name),
        when=fmt.text(f.when),
        place=fmt.text(f.place),
        organisers=viewmodel.joined(", ", fmt.texts(f.organisers)),
        theme=fmt.text(f.theme),
        strands=fmt.texts(f.strands),
        ref=i.sources.ref(f.source),
    )
    return {"forum": forum}


def _figure(figure: schema.Figure, i: Input) -> viewmodel.Figure:
    """The cooperation forum's facts."""
    fmt = i.fmt
    return viewmodel.Figure(
        label=fmt.text(figure.label),
        value=fmt.figure(figure),
        as_of=fmt.partial(figure.as_of),
        ref=i.sources.ref(figure.source),
        note=fmt.text(figure.note),
    )


def key_figures(i: Input) -> Mapping[str, Any]:
    """The key figures, as a table and, where the data supports one, a chart."""
    figures = i.profile.key_figures
    shown = [_figure(f, i) for f in figures]
    return {"key_figures": shown, "charts": build_charts(figures, i.fmt)}


def partnerships(i: Input) -> Mapping[str, Any]:
    """The key figures, as a table and, where the data supports one, a chart."""
    pairs = [
        viewmodel.Partnership(
            ours=_locality(p.ours, i.fmt),
            theirs=viewmodel.joined(", ", (_locality(t, i.fmt) for t in p.theirs)),
            highlight=_in_focus(p, i.plan.focus),
            kind=_pairing(p, i.fmt),
            as_of=i.fmt.partial(p.as_of),
            ref=i.sources.ref(p.source),
        )
        for p in i.profile.partnerships
    ]
    return {"partnerships": pairs}


def _pairing(p: schema.Partnership, fmt: Formatter) -> str:
    """The locality pairings, the visit's focus starred."""
    """The kind of pairing and its start: ``jumelage, depuis 2013``."""
    since = fmt.labels["since"].format(date=fmt.partial(p.since)) if p.since else ""
    return viewmodel.joined(", ", (part for part in (fmt.text(p.kind), since) if part))


def _in_focus(partnership: schema.Partnership, focus: schema.Focus) -> bool:
    """Whether the visit focuses on our locality or on one of theirs in this pairing."""
    ours = {n.casefold() for n in focus.ours}
    theirs = {n.casefold() for n in focus.theirs}
    if _names(partnership.ours) & ours:
        return True
    return any(_names(t) & theirs for t in partnership.theirs)


def _names(locality: schema.Locality) -> set[str]:
    return {n.casefold() for n in locality.names}


def focus_names(names: list[str], localities: list[schema.Locality], fmt: Formatter) -> list[str]:
    """Each focus name as the build language writes the locality it names (validation checked they exist)."""
    shown = []
    for name in names:
        match = next((loc for loc in localities if name.casefold() in _names(loc)), None)
        shown.append(fmt.text(match.name) if match else name)
    return shown


def _locality(locality: schema.Locality, fmt: Formatter) -> str:
    """The focus localities, each named as the build language writes it."""
    """The name in the build language, then the native name in brackets unless it is the same."""
    name = fmt.text(locality.name)
    if locality.native and locality.native != name:
        return viewmodel.formatted("{name} ({native})", name=name, native=locality.native)
    return name


def agreements(i: Input) -> Mapping[str, Any]:
    """The trade agreements."""
    fmt, sources = i.fmt, i.sources
    return {
        "agreements": [
            viewmodel.Agreement(
                a.short,
                fmt.text(a.name),
                sources.ref(a.source),
                signed=fmt.partial(a.signed) if a.signed else "",
                status=fmt.text(a.status),
            )
            for a in i.profile.agreements
        ]
    }


def timeline(i: Input) -> Mapping[str, Any]:
    """The trade agreements."""
    fmt, sources = i.fmt, i.sources
    return {
        "timeline": [
            viewmodel.Event(fmt.span(e.date, e.end, fmt.text(e.period)), fmt.text(e.text), sources.ref(e.source))
            for e in i.profile.timeline
        ]
    }


def people(i: Input) -> Mapping[str, Any]:
    """The dated events, oldest first."""
    names = [n for item in i.plan.programme for n in (item.counterpart, *item.counterparts) if n]
    counterparts = " ".join(names).casefold()
    people = [
        viewmodel.Person(
            p.name,
            i.fmt.text(p.role),
            i.labels["side_vietnam"] if p.side == "vietnam" else i.partner,
            i.sources.ref(p.source),
            highlight=p.name.casefold() in counterparts,
            biography=visit_parts.portrait(i, p.name, p.role, p.biography) if p.biography else None,
            as_of=i.labels["labelled"].format(label=i.labels["as_of"], value=i.fmt.partial(p.as_of)),
            marks=i.marks(("people", n)),
        )
        for n, p in enumerate(i.profile.people)
    ]
    return {"people": people}


def priorities(i: Input) -> Mapping[str, Any]:
    """The people the sources name, the programme's counterparts starred."""
    fmt, sources = i.fmt, i.sources
    return {"priorities": [viewmodel.Paragraph(fmt.text(c.text), sources.ref(c.source)) for c in i.profile.priorities]}


def national_context(i: Input) -> Mapping[str, Any]:
    """The priority areas."""
    groups = [
        viewmodel.FigureGroup(i.fmt.text(g.title), [_figure(f, i) for f in g.figures])
        for g in i.profile.national_context
        if g.figures
    ]
    return {"national_context": groups}


def sources(i: Input) -> Mapping[str, Any]:
    """The national context (an annex)."""
    cited = [
        viewmodel.Source(ref.number, ref.anchor, _citation(src, i.fmt), src.url or "", _brief(src, i.fmt))
        for _, ref, src in i.sources.cited()
    ]
    return {"sources": cited}


def _brief(source: schema.Source, fmt: Formatter) -> str:
    """A source's publisher and date alone, for the key-facts page."""
    return ", ".join(
        [p for p in (source.publisher, source.author) if p] + ([fmt.partial(source.date)] if source.date else [])
    )


def _citation(source: schema.Source, fmt: Formatter) -> str:
    """The numbered sources, as notes."""
    parts = [p for p in (source.publisher, source.author) if p]
    parts.append(fmt.source_title(source))
    if source.date:
        parts.append(fmt.partial(source.date))
    text = ", ".join(parts)
    return viewmodel.joined(". ", (text, fmt.text(source.note))) if source.note else text


# --------------------------------------------------------------------------- the partner's sections as blocks


def _legend(rows: list[blocks.Row], i: Input) -> list[blocks.Block]:
    """The legend of the ★ marks, when a row is highlighted."""
    return [blocks.Paragraph((i.labels["highlight_note"],), role="legend")] if any(r.highlight for r in rows) else []


def _event_facts(event: viewmodel.Forum | viewmodel.Visit, i: Input, when: str = "when") -> list[blocks.Fact]:
    """When (or, ``when="commitment"``, by when it is committed to), where, who organises, theme, strands."""
    rows = [
        blocks.Fact(i.labels[key], (value,))
        for key, value in (
            (when, event.when),
            ("place", event.place),
            ("organisers", event.organisers),
            ("theme", event.theme),
        )
        if value
    ]
    if event.strands:
        rows.append(blocks.Fact(i.labels["strands"], (), tuple((s,) for s in event.strands)))
    return rows


def quotation(q: schema.Quotation | None, i: Input, source: str | None = None) -> list[blocks.Block]:
    """The words ``q`` quotes, as the build language shows them: verbatim, or marked as our translation."""
    if q is None:
        return []
    text = i.fmt.text(q.text)  # a ``Text`` when shown in another language than the build's: marked so
    translated = q.translated(viewmodel.language_of(text) or i.fmt.lang)
    note = ""
    if translated:
        by = i.fmt.text(q.translated_by) if q.translated_by else ""
        note = viewmodel.formatted(i.labels["translated_by"], who=by) if by else i.labels["our_translation"]
    ref = i.sources.ref(source) if source else None
    return [blocks.Quotation(text, q.speaker or "", ref, translated, note)]


def summary_blocks(i: Input) -> list[blocks.Block]:
    """The relationship at a glance: the framework line, then one bullet per point, their quotations after them."""
    profile = i.profile
    shown: list[blocks.Block] = []
    paragraphs = summary(i)["summary"]
    if profile.framework:
        framework, *paragraphs = paragraphs
        shown.append(blocks.Paragraph(blocks.inline(framework.text, framework.ref)))
        shown += quotation(profile.framework.quotation, i, profile.framework.source)
    if paragraphs:
        shown.append(blocks.Bullets(tuple(blocks.inline(p.text, p.ref) for p in paragraphs)))
    for claim in profile.summary:
        shown += quotation(claim.quotation, i, claim.source)
    return shown


def narrative_blocks(i: Input) -> list[blocks.Block]:
    """The relationship in detail (an annex): one paragraph per claim, each quotation after its claim."""
    shown: list[blocks.Block] = []
    for claim in i.profile.narrative:
        paragraph = blocks.Paragraph(blocks.inline(i.fmt.text(claim.text), i.sources.ref(claim.source)))
        shown += [paragraph, *quotation(claim.quotation, i, claim.source)]
    return shown


def forum_blocks(i: Input) -> list[blocks.Block]:
    """The forum's name and its facts, then its theme as the source prints it."""
    f: viewmodel.Forum = forum(i)["forum"]
    given = i.profile.forum
    assert given is not None  # built only when present
    return [
        blocks.Heading(blocks.inline(f.name, f.ref)),
        blocks.Facts(tuple(_event_facts(f, i, "commitment" if given.commitment else "when"))),
        *quotation(given.theme_quotation, i, given.source),
    ]


def _figures_table(figures: list[viewmodel.Figure], i: Input, paths: list[PathKey]) -> list[blocks.Block]:
    """The figures' table, each old one marked (``paths``: where each is in the profile; the context notes the mark)."""
    labels = i.labels
    table = blocks.FiguresTable(
        (labels["figure"], labels["value"], labels["as_of"], labels["source"]),
        tuple(
            blocks.FigureRow(f.label, f.value, f.as_of, f.ref, f.note, i.marks(path))
            for f, path in zip(figures, paths, strict=True)
        ),
    )
    return [table]


def key_figures_blocks(i: Input) -> list[blocks.Block]:
    """The key figures as a table, then each chart the data supports."""
    built = key_figures(i)
    charts: list[blocks.Block] = [blocks.BarChart(c) for c in built["charts"]]
    paths: list[PathKey] = [("key_figures", n) for n in range(len(built["key_figures"]))]
    return [*_figures_table(built["key_figures"], i, paths), *charts]


def partnerships_blocks(i: Input) -> list[blocks.Block]:
    """The pairings, the visit's focus starred."""
    rows = [
        blocks.Row(
            (
                (p.ours,),
                blocks.inline(p.theirs, blocks.Span(p.kind, "aside") if p.kind else None),
                (p.as_of,),
                blocks.inline(p.ref),
            ),
            p.highlight,
        )
        for p in partnerships(i)["partnerships"]
    ]
    columns = (
        blocks.Column(i.labels["ours"], "ours"),
        blocks.Column(i.labels["theirs"], "theirs"),
        blocks.Column(i.labels["as_of"], "date"),
        blocks.Column(i.labels["source"], "source"),
    )
    return [blocks.Table("pairs", columns, tuple(rows)), *_legend(rows, i)]


def agreements_blocks(i: Input) -> list[blocks.Block]:
    """The agreements: short name, full name with signature and status, note number."""
    labels = i.labels

    def aside(key: str, value: str) -> blocks.Span | None:
        return (
            blocks.Span(viewmodel.formatted(labels["labelled"], label=labels[key], value=value), "aside")
            if value
            else None
        )

    rows = tuple(
        blocks.Row(
            (
                (a.short,),
                blocks.inline(a.name, aside("signed", a.signed), aside("status", a.status)),
                blocks.inline(a.ref),
            )
        )
        for a in agreements(i)["agreements"]
    )
    columns = (
        blocks.Column(labels["short"], "short"),
        blocks.Column(labels["agreement"], "name"),
        blocks.Column(labels["source"], "source"),
    )
    return [blocks.Table("agreements", columns, rows)]


def timeline_blocks(i: Input) -> list[blocks.Block]:
    """The dated events."""
    rows = tuple(blocks.Row(((e.date,), blocks.inline(e.text, e.ref))) for e in timeline(i)["timeline"])
    columns = (blocks.Column(i.labels["date"], "date"), blocks.Column(i.labels["event"], "event"))
    return [blocks.Table("events", columns, rows)]


def people_blocks(i: Input) -> list[blocks.Block]:
    """The people: a table (counterparts starred), then the biographies given."""
    labels, people_ = i.labels, people(i)["people"]
    rows = [
        blocks.Row(
            ((p.name,), blocks.inline(p.role, p.ref, _aside(" ".join((p.as_of, *p.marks)))), (p.side,)), p.highlight
        )
        for p in people_
    ]
    columns = (
        blocks.Column(labels["name"], "name"),
        blocks.Column(labels["role"], "role"),
        blocks.Column(labels["side"], "side"),
    )
    shown: list[blocks.Block] = [blocks.Table("people", columns, tuple(rows)), *_legend(rows, i)]
    cards = [
        replace(blocks.card(p.biography), as_of=" ".join((p.as_of, *p.marks)), ref=p.ref)
        for p in people_
        if p.biography
    ]
    if cards:
        shown += [blocks.Heading((labels["biographies"],)), blocks.PeopleCards(tuple(cards))]
    return shown


def _aside(text: str) -> blocks.Span | None:
    """``text`` as an aside after the main text, or nothing when empty."""
    return blocks.Span(text, "aside") if text else None


def claims_blocks(claims: list[schema.Claim], i: Input) -> list[blocks.Block]:
    """Sourced sentences as a list, then the words they quote (priorities, orientations)."""
    items = tuple(blocks.inline(i.fmt.text(c.text), i.sources.ref(c.source)) for c in claims)
    return [blocks.Bullets(items), *(b for c in claims for b in quotation(c.quotation, i, c.source))]


def priorities_blocks(i: Input) -> list[blocks.Block]:
    """The priority areas, as a list, then the words their claims quote."""
    return claims_blocks(i.profile.priorities, i)


def orientations_blocks(i: Input) -> list[blocks.Block]:
    """The orientations of local external action, as a list, then the words their claims quote."""
    return claims_blocks(i.profile.orientations, i)


def national_context_blocks(i: Input) -> list[blocks.Block]:
    """Vietnam's own figures, a table per theme."""
    shown: list[blocks.Block] = []
    given = [n for n, g in enumerate(i.profile.national_context) if g.figures]  # the groups shown
    for n, group in zip(given, national_context(i)["national_context"], strict=True):
        paths: list[PathKey] = [("national_context", n, "figures", k) for k in range(len(group.figures))]
        shown += [blocks.Heading((group.title,)), *_figures_table(group.figures, i, paths)]
    return shown


def sources_blocks(i: Input) -> list[blocks.Block]:
    """The numbered sources."""
    return [blocks.SourceList(tuple(sources(i)["sources"]))]
