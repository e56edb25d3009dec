"""The section registry: every section of a briefing, declared once, in the documents' order.

``SECTIONS`` is the one list of sections. Everything that walks the sections reads it:

- the context (``briefgen.view.context``) asks each section whether it is ``present``, numbers the
  sources it ``cites`` (in registry order, so note ``[1]`` is the first a reader meets), then asks
  it for its ``content``: blocks (``briefgen.view.viewmodel.blocks``), which every writer walks kind by kind,
  never naming a section (``Briefing.body``);
- the contents (``Briefing.sections``) follow it; the key-facts page shows the sections marked ``key_facts``;
- ``facts.json``, ``diff`` and the stale-figure check read the ``facts`` each section states (``stated``);
- the cover's "facts as of" range runs from the oldest to the newest of the ``dates`` of every
  section that has them (``as_of_range``); the document's own date is another thing
  (``briefgen.view.dating``).

A section's title is ``labels[id]``: the interface word whose key is the id (``briefgen/words.py``,
translated in the catalogues ``briefgen/locale/``, or declared with the section in ``words``). Adding
a section is one entry here, with its builder and its words: see ``docs/architecture.md``.
This module imports neither Babel nor a renderer, so that ``briefgen list`` can read the dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefgen.data import schema
from briefgen.view import fact_items, office_form, viewmodel
from briefgen.view import partner_sections as partner_parts
from briefgen.view import visit_sections as visit_parts
from briefgen.view.changes import changed_facts
from briefgen.view.section_input import Input as Input  # re-exported: its home is section_input
from briefgen.view.viewmodel import blocks

if TYPE_CHECKING:
    from briefgen.view.formatting import Formatter


def _no_sources(profile: schema.Profile) -> Iterable[str]:
    return ()


def _no_facts(profile: schema.Profile) -> Iterable[fact_items.Stated]:
    return ()


@dataclass(frozen=True)
class Section:
    """One section of the briefing: how it is built, when it shows, what it cites and dates."""

    id: str
    """Its identifier: the key of its label, its HTML anchor, the name of its partials."""
    build: Callable[[Input], Mapping[str, Any]]
    """Its view data: the ``viewmodel.Briefing`` fields it fills, by name."""
    present: Callable[[Input], bool]
    """Whether the briefing shows it (a section without sourced content is left out)."""
    cites: Callable[[schema.Profile], Iterable[str]] = _no_sources
    """The keys of the sources it cites, in the order it shows them."""
    dates: Callable[[schema.Profile], Iterable[schema.PartialDate]] | None = None
    """The as-of dates of its facts, when they count toward the document's date."""
    key_facts: bool = False
    """Whether the one-page key-facts sheet of a pack shows it (its blocks, made compact: briefgen.render.key_facts)."""
    title: Callable[[Input], str] | None = None
    """Its title when it is more than ``labels[id]`` (the changes name the earlier pack's date)."""
    visit_keys: tuple[str, ...] = ()
    """For a section of the visit itself: the visit's keys it is built from. A visit that leaves them all
    out has a gap there, shown "to be completed" in a draft and refused by ``build --final``; a key given
    empty (``follow_up: []``) says there is nothing to show, and the section is left out."""
    content: Callable[[Input], list[blocks.Block]] | None = None
    """Its content as blocks (``briefgen.view.viewmodel.blocks``), which every writer walks."""
    facts: Callable[[schema.Profile], Iterable[fact_items.Stated]] = _no_facts
    """The facts it states, as ``facts.json`` records them (``briefgen.view.fact_items``)."""
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Interface words of its own, declared with it: ``{key: {"en": …, "fr": …, "vi": …}}``, its title under
    its id. English is the msgid; a catalogue entry of the same key and msgid wins over the text given
    here (how a language added later translates it). Sections older than this field keep theirs in
    ``briefgen/words.py``; see ``section_words``."""
    internal: bool = False
    """Ours alone: left out of the partner's edition (``build --edition partner``), which ``--final`` refuses
    if it still shows it. Parts of a section that are ours alone are left out by its builder
    (``Input.partner_edition``: the lines to avoid, the questions, their asks, the commitments' notes)."""


# --------------------------------------------------------------------------- builders


def _member(m: schema.Member, fmt: Formatter) -> viewmodel.Member:
    role = fmt.text(m.role)
    return viewmodel.Member(m.name, role, viewmodel.joined(", ", (m.name, role)) if role else m.name)


def _visit(i: Input) -> Mapping[str, Any]:
    v, fmt = i.plan, i.fmt
    delegation = v.delegation or schema.Delegation()
    visit = viewmodel.Visit(
        title=fmt.text(v.title),
        when=fmt.span(v.date, v.end, ""),
        planned="" if v.date else fmt.text(v.period),
        commitment="" if v.date else fmt.text(v.commitment),
        past=i.past,
        place=fmt.text(v.place),
        organisers=viewmodel.joined(", ", fmt.texts(v.organisers)),
        theme=fmt.text(v.theme),
        strands=fmt.texts(v.strands),
        head=_member(delegation.head, fmt) if delegation.head else None,
        members=[_member(m, fmt) for m in delegation.members],
        focus_ours=viewmodel.joined(
            ", ", partner_parts.focus_names(v.focus.ours, [p.ours for p in i.profile.partnerships], fmt)
        ),
        focus_theirs=viewmodel.joined(
            ", ", partner_parts.focus_names(v.focus.theirs, [t for p in i.profile.partnerships for t in p.theirs], fmt)
        ),
        ref=i.sources.ref(v.source) if v.source else None,
    )
    return {"visit": visit}


def _changes_now(i: Input) -> tuple[str, list[viewmodel.ChangedFact]]:
    assert i.earlier is not None and i.current is not None  # built only when present
    return changed_facts(dict(i.earlier), dict(i.current), i.fmt)


def _visit_blocks(i: Input) -> list[blocks.Block]:
    """The visit's title and its facts: planned period, when, where, organisers, theme, strands, focus."""
    v: viewmodel.Visit = _visit(i)["visit"]
    labels = i.labels
    rows = [blocks.Fact(labels["planned"], (v.planned,))] if v.planned else []
    rows += [blocks.Fact(labels["commitment"], (v.commitment,))] if v.commitment else []
    rows += partner_parts._event_facts(v, i)
    rows += [
        blocks.Fact(labels[k], (value,))
        for k, value in (("focus_ours", v.focus_ours), ("focus_theirs", v.focus_theirs))
        if value
    ]
    past = blocks.Span(v.past, "aside") if v.past else None
    said = partner_parts.quotation(i.plan.theme_quotation, i, i.plan.source)
    return [blocks.Heading(blocks.inline(v.title, v.ref, past)), blocks.Facts(tuple(rows)), *said]


def _changes_blocks(i: Input) -> list[blocks.Block]:
    """What differs from the earlier pack: one item each, its status first."""
    items = tuple(
        (
            blocks.Span(c.label, "strong"),
            f" — {c.before} → {c.after}" if c.before and c.after else f" — {c.before or c.after}",
        )
        for c in _changes_now(i)[1]
    )
    return [blocks.Bullets(items)]


def _texts(name: str) -> Callable[[Input], Mapping[str, Any]]:
    """The builder of a list of plain texts of the visit (talking points, vigilance)."""
    return lambda i: {name: i.fmt.texts(getattr(i.plan, name))}


def filled(visit: schema.Visit, keys: tuple[str, ...]) -> bool:
    """Whether one of the visit's ``keys`` holds something to show."""
    return any(getattr(visit, key) for key in keys)


def _visit_section(
    section_id: str,
    build: Callable[[Input], Mapping[str, Any]],
    content: Callable[[Input], list[blocks.Block]],
    *keys: str,
    **more: Any,
) -> Section:
    """A section of the visit itself, built from the visit's ``keys`` (the section's id when none given).

    ``present`` in ``more`` narrows when it shows (a gap when no key is given stays as it is).
    """
    keys = keys or (section_id,)
    present = more.pop("present", lambda i: filled(i.plan, keys))
    return Section(section_id, build, present=present, visit_keys=keys, content=content, **more)


def _sourced(name: str) -> Callable[[schema.Profile], Iterable[str]]:
    """The sources of the profile's list ``name``, one per item, in order."""
    return lambda profile: [item.source for item in getattr(profile, name)]


def _as_of(name: str) -> Callable[[schema.Profile], Iterable[schema.PartialDate]]:
    """The as-of dates of the profile's list ``name``."""
    return lambda profile: [item.as_of for item in getattr(profile, name)]


def _sentences(name: str, content: Callable[[Input], list[blocks.Block]], words: Mapping[str, str]) -> Section:
    """A section made of the profile's list of sourced sentences ``name``, titled ``words`` in each language."""
    return Section(
        name,
        lambda i: {},
        content=content,
        present=lambda i: bool(getattr(i.profile, name)),
        cites=_sourced(name),
        dates=_as_of(name),
        facts=lambda p: fact_items.sentences(name, getattr(p, name), p),
        words={name: words},
    )


def _summary_sources(profile: schema.Profile) -> Iterable[str]:
    return ([profile.framework.source] if profile.framework else []) + [c.source for c in profile.summary]


def _summary_dates(profile: schema.Profile) -> Iterable[schema.PartialDate]:
    return ([profile.framework.as_of] if profile.framework else []) + [c.as_of for c in profile.summary]


def _national_sources(profile: schema.Profile) -> Iterable[str]:
    return [f.source for g in profile.national_context for f in g.figures]


def _national_dates(profile: schema.Profile) -> Iterable[schema.PartialDate]:
    return [f.as_of for g in profile.national_context for f in g.figures]


# --------------------------------------------------------------------------- the registry

SECTIONS: tuple[Section, ...] = (
    Section(
        "visit",
        _visit,
        facts=fact_items.visit,
        content=_visit_blocks,
        present=lambda i: i.profile.visit is not None,
        cites=lambda p: [p.visit.source] if p.visit and p.visit.source else [],
        dates=lambda p: [p.visit.as_of] if p.visit and p.visit.as_of else [],
        key_facts=True,
        words={
            "partner_edition": {
                "en": "Edition for the partner",
                "fr": "Édition destinée au partenaire",
                "vi": "Bản gửi đối tác",
            }
        },
    ),
    Section(
        "changes",
        lambda i: {"changes": _changes_now(i)[1]},
        content=_changes_blocks,
        present=lambda i: i.earlier is not None and bool(_changes_now(i)[1]),
        title=lambda i: _changes_now(i)[0],
    ),
    _visit_section("purpose", visit_parts.purpose, visit_parts.purpose_blocks, "purpose", "objectives", key_facts=True),
    _visit_section("asks", visit_parts.asks, visit_parts.asks_blocks, "our_asks", "their_asks"),
    _visit_section("programme", visit_parts.programme, visit_parts.programme_blocks),
    _visit_section(
        "talking_points",
        _texts("talking_points"),
        visit_parts.points_blocks("talking_points", ordered=True),
        key_facts=True,
    ),
    _visit_section(
        "vigilance", _texts("vigilance"), visit_parts.points_blocks("vigilance", ordered=False), internal=True
    ),
    _visit_section("delegation", visit_parts.delegation, visit_parts.delegation_blocks),
    _visit_section("interlocutors", visit_parts.interlocutors, visit_parts.interlocutors_blocks, key_facts=True),
    _visit_section("protocol", visit_parts.protocol, visit_parts.protocol_blocks),
    _visit_section("follow_up", visit_parts.follow_up, visit_parts.follow_up_blocks),
    Section(
        "summary",
        partner_parts.summary,
        facts=fact_items.summary,
        content=partner_parts.summary_blocks,
        present=lambda i: bool(i.profile.framework or i.profile.summary),
        cites=_summary_sources,
        dates=_summary_dates,
    ),
    Section(
        "forum",
        partner_parts.forum,
        facts=fact_items.forum,
        content=partner_parts.forum_blocks,
        present=partner_parts.forum_shown,
        cites=lambda p: [p.forum.source] if p.forum else [],
    ),
    Section(
        "key_figures",
        partner_parts.key_figures,
        facts=fact_items.key_figures,
        content=partner_parts.key_figures_blocks,
        present=lambda i: bool(i.profile.key_figures),
        cites=_sourced("key_figures"),
        dates=_as_of("key_figures"),
        key_facts=True,
    ),
    Section(
        "partnerships",
        partner_parts.partnerships,
        facts=fact_items.partnerships,
        content=partner_parts.partnerships_blocks,
        present=lambda i: bool(i.profile.partnerships),
        cites=_sourced("partnerships"),
        dates=_as_of("partnerships"),
        key_facts=True,
    ),
    Section(
        "agreements",
        partner_parts.agreements,
        facts=fact_items.agreements,
        content=partner_parts.agreements_blocks,
        present=lambda i: bool(i.profile.agreements),
        cites=_sourced("agreements"),
    ),
    Section(
        "timeline",
        partner_parts.timeline,
        facts=fact_items.timeline,
        content=partner_parts.timeline_blocks,
        present=lambda i: bool(i.profile.timeline),
        cites=_sourced("timeline"),
    ),
    Section(
        "people",
        partner_parts.people,
        facts=fact_items.people,
        content=partner_parts.people_blocks,
        present=lambda i: bool(i.profile.people),
        cites=_sourced("people"),
        dates=_as_of("people"),
        key_facts=True,
    ),
    Section(
        "priorities",
        partner_parts.priorities,
        facts=fact_items.priorities,
        content=partner_parts.priorities_blocks,
        present=lambda i: bool(i.profile.priorities),
        cites=_sourced("priorities"),
        dates=_as_of("priorities"),
    ),
    _sentences(
        "orientations",
        partner_parts.orientations_blocks,
        words={
            "en": "Orientations of local external action",
            "fr": "Orientations de l’action extérieure locale",
            "vi": "Định hướng công tác đối ngoại địa phương",
        },
    ),
    _sentences(
        "narrative",
        partner_parts.narrative_blocks,
        words={
            "en": "Annex – The relationship in detail",
            "fr": "Annexe – La relation en détail",
            "vi": "Phụ lục – Chi tiết quan hệ hai nước",
        },
    ),
    Section(
        "national_context",
        partner_parts.national_context,
        facts=fact_items.national_context,
        content=partner_parts.national_context_blocks,
        present=lambda i: any(g.figures for g in i.profile.national_context),
        cites=_national_sources,
        dates=_national_dates,
    ),
    Section(
        "sources",
        partner_parts.sources,
        content=partner_parts.sources_blocks,
        present=lambda i: any(True for _ in i.sources.cited()),
    ),
    # Only what the closing block and the heading do not show (office_form.drafting_left), so nothing twice.
    _visit_section(
        "drafting",
        visit_parts.drafting,
        visit_parts.drafting_blocks,
        internal=True,
        present=lambda i: bool(office_form.drafting_left(i)),
    ),
)
"""Every section, in the documents' order: the visit's own first, then the partner's, the sources, and
the drafting block at the very end. The sources are numbered before any section is built, so ``sources``
lists what every other section cites wherever it stands."""

IDS: tuple[str, ...] = tuple(s.id for s in SECTIONS)
"""The section ids, in order."""

INTERNAL: tuple[str, ...] = tuple(s.id for s in SECTIONS if s.internal)
"""The sections that are ours alone, which the partner's edition leaves out."""

KEY_FACTS: tuple[str, ...] = tuple(s.id for s in SECTIONS if s.key_facts)
"""The sections the key-facts page shows, in order."""


def section_words(lang: str) -> dict[str, str]:
    """The words the sections declare themselves (``Section.words``), in ``lang``.

    Each is the catalogue's translation when the catalogue of ``lang`` has one, else the section's own
    text in ``lang``, else its English.
    """
    from briefgen import languages

    catalogue = languages.translations(lang)
    found = {}
    for section in SECTIONS:
        for key, texts in section.words.items():
            english = texts[languages.SOURCE]
            translated = str(catalogue.pgettext(key, english))
            found[key] = translated if translated != english else texts.get(lang, english)
    return found


def stated(profile: schema.Profile) -> Iterable[fact_items.Stated]:
    """Every fact of ``profile`` its sections state, section by section in registry order."""
    for section in SECTIONS:
        yield from section.facts(profile)


def gaps(visit: schema.Visit | None) -> list[Section]:
    """The sections of ``visit`` it leaves out altogether (none of their keys given): to be completed."""
    if visit is None:
        return []
    given = visit.model_fields_set
    return [s for s in SECTIONS if s.visit_keys and not filled(visit, s.visit_keys) and not given & set(s.visit_keys)]


def build_sections(i: Input) -> tuple[list[tuple[Section, bool]], dict[str, Any]]:
    """The sections shown, each with whether it is a gap, and the view data they fill (by field name).

    A gap (see ``gaps``) is shown, with no view data, so that a draft says it is to be completed.
    Sources are numbered first, section by section in registry order, from what each present
    section declares it cites; only then are the sections built, looking their numbers up.
    """
    missing = {s.id for s in gaps(i.profile.visit)}
    shown: list[tuple[Section, bool]] = []
    for section in SECTIONS:
        if section.internal and i.partner_edition:
            continue
        if section.present(i):
            shown.append((section, False))
            for key in section.cites(i.profile):
                i.sources.cite(key)
        elif section.id in missing:
            shown.append((section, True))
    fields: dict[str, Any] = {}
    for section, gap in shown:
        if not gap:
            fields.update(section.build(i))
    return shown, fields


def key_facts_refs(shown: Iterable[Section], i: Input) -> set[int]:
    """The numbers of the sources the key-facts sections cite, as their view data shows them."""
    numbers: set[int] = set()
    for section in shown:
        if section.key_facts:
            for value in section.build(i).values():
                numbers |= _refs(value)
    return numbers


def _refs(value: Any) -> set[int]:
    if isinstance(value, viewmodel.Ref):
        return {value.number}
    if isinstance(value, list | tuple):
        return {n for item in value for n in _refs(item)}
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, viewmodel.Chart):
        return {n for name in value.__dataclass_fields__ for n in _refs(getattr(value, name))}
    return set()


def newest_as_of(profile: schema.Profile) -> schema.PartialDate | None:
    """The most recent as-of date of the facts of the sections that count toward the document's date.

    Of dates that end on the same day (``2025``, ``2025-12`` and ``2025-12-31``), the most precise wins,
    whatever the order of the sections.
    """
    found = as_of_range(profile)
    return found[1] if found else None


def as_of_range(profile: schema.Profile) -> tuple[schema.PartialDate, schema.PartialDate] | None:
    """The oldest and the newest as-of dates of the sections that count toward the dates (``None``: no dates).

    Of dates that end on the same day (``2025``, ``2025-12`` and ``2025-12-31``), the most precise
    wins at either end, whatever the order of the sections.
    """
    from briefgen.view.dating import span  # a year-only date counts as the whole year: see its rule

    return span(d for s in SECTIONS if s.dates for d in s.dates(profile))
