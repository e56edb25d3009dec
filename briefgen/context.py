"""Context: a validated Profile becomes the view model, every number and date formatted for a language.

This is the only stage that formats (Babel) and translates labels. Sources are numbered in the
order the briefing first cites them, so ``[1]`` is the first reference a reader meets.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from briefgen import charts, schema, viewmodel
from briefgen.labels import LABELS, LOCALES
from briefgen.schema import newest_as_of
from briefgen.translation import Localized, resolve

# Above this, amounts read better as "33,69 milliards" than as "33 690 000 000".
_COMPACT_FROM = 1_000_000


class _Formatter:
    """Formats numbers, dates and ranks for one language."""

    def __init__(self, lang: str, own: str | None = None) -> None:
        self.lang = lang
        self.own = own or lang
        """The profile's own language: what plain-string text is written in."""
        self.locale = Locale.parse(LOCALES[lang])
        self.labels = LABELS[lang]

    def text(self, value: Localized | None) -> str:
        """A translatable field in the build language (see briefgen.translation)."""
        return "" if value is None else resolve(value, self.lang, self.own)

    def texts(self, values: Iterable[Localized]) -> list[str]:
        return [self.text(v) for v in values]

    def number(self, value: float) -> str:
        if value == int(value):
            value = int(value)
        return format_decimal(value, locale=self.locale)

    def figure(self, figure: schema.Figure) -> str:
        parts = []
        if figure.value is not None:
            parts.append(self._quantity(figure))
        if figure.rank is not None:
            parts.append(self.labels["rank_value"].format(ordinal=self.ordinal(figure.rank)))
        return " — ".join(parts)

    def _quantity(self, figure: schema.Figure) -> str:
        assert figure.value is not None
        value = figure.value
        if figure.unit == "percent":
            # Decimal, so that 7.4 % does not print as 7,400000000000001 %.
            ratio = Decimal(str(value)) / 100
            text = format_percent(ratio, locale=self.locale, decimal_quantization=False)
        elif figure.unit:
            compact = abs(value) >= _COMPACT_FROM
            number = (
                format_compact_decimal(value, format_type="long", locale=self.locale, fraction_digits=2)
                if compact
                else self.number(value)
            )
            currency = self.labels.get(f"currency_{figure.unit}", figure.unit)
            pattern = self.labels["amount_compact" if compact else "amount"]
            text = pattern.format(number=number, currency=currency)
        else:
            text = self.number(value)
        return self.labels[f"qualifier_{figure.qualifier}"].format(text)

    def ordinal(self, n: int) -> str:
        form = self.locale.ordinal_form(n)
        pattern = self.labels.get(f"ordinal_{form}", self.labels["ordinal_other"])
        return pattern.format(n=n)

    def date(self, value: dt.date) -> str:
        key = "date_pattern_first" if value.day == 1 and "date_pattern_first" in self.labels else "date_pattern"
        return format_date(value, self.labels[key], locale=self.locale)

    def partial(self, value: schema.PartialDate) -> str:
        if value.month is None:
            return str(value.year)
        if value.day is None:
            return format_skeleton("yMMMM", dt.date(value.year, value.month, 1), locale=self.locale)
        return self.date(dt.date(value.year, value.month, value.day))

    def span(self, start: dt.date | None, end: dt.date | None, period: str) -> str:
        """A day, a range of days, or the approximate period when no date is known."""
        if start is None:
            return period or ""
        if end is None or end == start:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"


_NO_VISIT = schema.Visit(title="", period="")
"""Stands in for the visit of a partner briefing: no focus, no programme, nothing to add."""


class _Sources:
    """Numbers sources in order of first citation."""

    def __init__(self, sources: dict[str, schema.Source]) -> None:
        self._sources = sources
        self._refs: dict[str, viewmodel.Ref] = {}

    def ref(self, key: str) -> viewmodel.Ref:
        if key not in self._refs:
            number = len(self._refs) + 1
            self._refs[key] = viewmodel.Ref(number, f"src-{number}")
        return self._refs[key]

    def cited(self) -> Iterable[tuple[str, viewmodel.Ref, schema.Source]]:
        for key, ref in self._refs.items():
            yield key, ref, self._sources[key]


def build_briefing(
    profile: schema.Profile, lang: str | None = None, timestamp: str = "", logo: bytes | None = None
) -> viewmodel.Briefing:
    """The view model of ``profile`` in ``lang`` (default: the profile's own language).

    ``timestamp`` (ISO 8601) dates the documents; the caller chooses it so that this stays a
    pure function of its arguments.
    """
    fmt = _Formatter(lang or profile.language, profile.language)
    labels = fmt.labels
    sources = _Sources(profile.sources)
    partner = fmt.text(profile.partner.name)
    visit = _visit(profile.visit, fmt, sources) if profile.visit else None
    plan = profile.visit or _NO_VISIT

    summary = []
    if profile.framework:
        text = labels["framework_line"].format(text=fmt.text(profile.framework.text))
        summary.append(viewmodel.Paragraph(text, sources.ref(profile.framework.source)))
    summary += [viewmodel.Paragraph(fmt.text(c.text), sources.ref(c.source)) for c in profile.summary]

    forum = None
    # A visit to the forum itself already shows it first; the partner's forum section would repeat it.
    if profile.forum and not (visit and visit.title == fmt.text(profile.forum.name)):
        f = profile.forum
        forum = viewmodel.Forum(
            name=fmt.text(f.name),
            when=fmt.text(f.when),
            place=fmt.text(f.place),
            organisers=", ".join(fmt.texts(f.organisers)),
            theme=fmt.text(f.theme),
            strands=fmt.texts(f.strands),
            ref=sources.ref(f.source),
        )

    key_figures = [_figure(fig, fmt, sources) for fig in profile.key_figures]
    figure_charts = _charts(profile.key_figures, key_figures, labels)
    partnerships = [
        viewmodel.Partnership(
            ours=_locality(p.ours),
            theirs=", ".join(_locality(t) for t in p.theirs),
            highlight=_in_focus(p, plan.focus),
        )
        for p in profile.partnerships
    ]
    if profile.partnerships:
        # A pairing table has no per-row reference column; cite its sources once, in order.
        for p in profile.partnerships:
            sources.ref(p.source)
    agreements = [viewmodel.Agreement(a.short, fmt.text(a.name), sources.ref(a.source)) for a in profile.agreements]
    timeline = [
        viewmodel.Event(fmt.span(e.date, e.end, fmt.text(e.period)), fmt.text(e.text), sources.ref(e.source))
        for e in profile.timeline
    ]
    counterparts = " ".join(item.counterpart or "" for item in plan.programme).casefold()
    people = [
        viewmodel.Person(
            p.name,
            fmt.text(p.role),
            labels["side_vietnam"] if p.side == "vietnam" else partner,
            sources.ref(p.source),
            highlight=p.name.casefold() in counterparts,
        )
        for p in profile.people
    ]
    priorities = [viewmodel.Paragraph(fmt.text(c.text), sources.ref(c.source)) for c in profile.priorities]
    national_context = [
        viewmodel.FigureGroup(fmt.text(g.title), [_figure(fig, fmt, sources) for fig in g.figures])
        for g in profile.national_context
        if g.figures
    ]
    cited = [
        viewmodel.Source(ref.number, ref.anchor, _citation(src, fmt), src.url or "") for _, ref, src in sources.cited()
    ]

    programme = [
        viewmodel.ProgrammeItem(
            day=fmt.date(i.day) if isinstance(i.day, dt.date) else fmt.text(i.day),
            time=fmt.text(i.time),
            item=fmt.text(i.item),
            venue=fmt.text(i.venue),
            counterpart=i.counterpart or "",
        )
        for i in plan.programme
    ]
    present = {
        "visit": visit is not None,
        "objectives": bool(plan.objectives),
        "programme": bool(programme),
        "talking_points": bool(plan.talking_points),
        "vigilance": bool(plan.vigilance),
        "summary": bool(summary),
        "forum": forum is not None,
        "key_figures": bool(key_figures),
        "partnerships": bool(partnerships),
        "agreements": bool(agreements),
        "timeline": bool(timeline),
        "people": bool(people),
        "priorities": bool(priorities),
        "national_context": bool(national_context),
        "sources": bool(cited),
    }
    sections = [viewmodel.Section(key, labels[key]) for key, shown in present.items() if shown]

    newest = newest_as_of(profile)
    details = []
    if visit:
        details = [line for line in (visit.when, visit.place) if line]
        if visit.head:
            head = f"{visit.head.name}, {visit.head.role}" if visit.head.role else visit.head.name
            details.append(labels["labelled"].format(label=labels["head"], value=head))
    cover = viewmodel.Cover(
        title=visit.title if visit else labels["briefing_on"].format(partner=partner),
        partner=partner,
        partner_native=profile.partner.native or "",
        subtitle=fmt.text(profile.framework.text) if profile.framework else "",
        issuer=fmt.text(profile.issuer),
        marking=fmt.text(profile.marking),
        info_as_of=labels["info_as_of"].format(date=fmt.partial(newest)) if newest else "",
        details=details,
    )
    return viewmodel.Briefing(
        lang=fmt.lang,
        labels=dict(labels),
        cover=cover,
        sections=sections,
        summary=summary,
        forum=forum,
        key_figures=key_figures,
        charts=figure_charts,
        partnerships=partnerships,
        agreements=agreements,
        timeline=timeline,
        people=people,
        priorities=priorities,
        national_context=national_context,
        sources=cited,
        visit=visit,
        objectives=fmt.texts(plan.objectives),
        programme=programme,
        talking_points=fmt.texts(plan.talking_points),
        vigilance=fmt.texts(plan.vigilance),
        timestamp=timestamp,
        logo=_data_uri(logo) if logo else "",
    )


def _data_uri(image: bytes) -> str:
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(image).decode('ascii')}"


def _visit(v: schema.Visit, fmt: _Formatter, sources: _Sources) -> viewmodel.Visit:
    delegation = v.delegation or schema.Delegation()

    def member(m: schema.Member) -> viewmodel.Member:
        return viewmodel.Member(m.name, fmt.text(m.role))

    return viewmodel.Visit(
        title=fmt.text(v.title),
        when=fmt.span(v.date, v.end, fmt.text(v.period)),
        place=fmt.text(v.place),
        organisers=", ".join(fmt.texts(v.organisers)),
        theme=fmt.text(v.theme),
        strands=fmt.texts(v.strands),
        head=member(delegation.head) if delegation.head else None,
        members=[member(m) for m in delegation.members],
        focus_ours=", ".join(v.focus.ours),
        focus_theirs=", ".join(v.focus.theirs),
        ref=sources.ref(v.source) if v.source else None,
    )


def _in_focus(partnership: schema.Partnership, focus: schema.Focus) -> bool:
    """Whether the visit focuses on our locality or on one of theirs in this pairing."""
    ours = {n.casefold() for n in focus.ours}
    theirs = {n.casefold() for n in focus.theirs}
    if _names(partnership.ours) & ours:
        return True
    return any(_names(t) & theirs for t in partnership.theirs)


def _names(locality: schema.Locality) -> set[str]:
    return {n.casefold() for n in (locality.name, locality.native) if n}


def _charts(
    figures: list[schema.Figure], shown: list[viewmodel.Figure], labels: dict[str, str]
) -> list[viewmodel.Chart]:
    """The partner's ranks, and its headline numbers of the most common unit, as bar charts.

    A chart needs at least two bars to say anything; a rank of 1 draws the longest bar.
    """
    result = []
    ranked = [(f, v) for f, v in zip(figures, shown, strict=True) if f.rank is not None]
    if len(ranked) >= 2:
        worst = max(5, *(f.rank or 1 for f, _ in ranked))
        bars = [charts.Bar(v.label, (worst + 1 - (f.rank or worst)) / worst, v.value) for f, v in ranked]
        result.append(charts.Chart("ranks", labels["chart_ranks"], bars))
    by_unit: dict[str, list[tuple[schema.Figure, viewmodel.Figure]]] = {}
    for f, v in zip(figures, shown, strict=True):
        if f.value is not None and f.rank is None and f.unit != "percent":
            by_unit.setdefault(f.unit or "", []).append((f, v))
    group = max(by_unit.values(), key=len, default=[])
    if len(group) >= 2:
        top = max(f.value or 0 for f, _ in group) or 1
        bars = [charts.Bar(v.label, (f.value or 0) / top, v.value) for f, v in group]
        result.append(charts.Chart("amounts", labels["chart_amounts"], bars))
    return [viewmodel.Chart(c.id, c.title, charts.svg(c), c) for c in result]


def _figure(figure: schema.Figure, fmt: _Formatter, sources: _Sources) -> viewmodel.Figure:
    return viewmodel.Figure(
        label=fmt.text(figure.label),
        value=fmt.figure(figure),
        as_of=fmt.partial(figure.as_of),
        ref=sources.ref(figure.source),
        note=fmt.text(figure.note),
    )


def _locality(locality: schema.Locality) -> str:
    if locality.native and locality.native != locality.name:
        return f"{locality.name} ({locality.native})"
    return locality.name


def _citation(source: schema.Source, fmt: _Formatter) -> str:
    labels = fmt.labels
    parts = [p for p in (source.publisher, source.author) if p]
    parts.append(labels["quoted"].format(text=source.title))
    if source.date:
        parts.append(fmt.partial(source.date))
    text = ", ".join(parts)
    return f"{text}. {fmt.text(source.note)}" if source.note else text
