"""The section registry: every section of a briefing, declared once, in the documents' order.

``SECTIONS`` is the one list of sections. Everything that walks the sections reads it:

- the context (``briefgen.view.context``) asks each section whether it is ``present``, numbers the
  sources it ``cites`` (in registry order, so note ``[1]`` is the first a reader meets), then
  builds its view data (fields of ``viewmodel.Briefing``);
- the contents (``Briefing.sections``), the HTML template (``templates/sections/ID.html``, included
  in this order), the Word template (``templates/sections/ID.docx.py``, assembled in this order by
  ``templates/make_briefing_docx.py``) and the terminal preview (``render/terminal.py``, one function
  registered per id) all follow it;
- the key-facts page shows the sections marked ``key_facts``;
- the cover's "facts as of" range runs from the oldest to the newest of the ``dates`` of every
  section that has them (``as_of_range``); the document's own date is another thing
  (``briefgen.view.dating``).

A section's title is ``labels[id]``: the interface word whose key is the id (``briefgen/words.py``,
translated in the catalogues ``briefgen/locale/``). Adding a section is one entry here, one partial
per format and its word: see ``docs/architecture.md``.
This module imports neither Babel nor a renderer, so that ``briefgen list`` can read the dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefgen.data import schema
from briefgen.view import partner_sections as partner_parts
from briefgen.view import viewmodel
from briefgen.view import visit_sections as visit_parts

if TYPE_CHECKING:
    from briefgen.view.formatting import Formatter, Sources


@dataclass(frozen=True)
class Input:
    """What a section is built from: the profile, the build language's formatter, the numbered sources."""

    profile: schema.Profile
    fmt: Formatter
    sources: Sources
    plan: schema.Visit
    """The visit, or an empty one in a partner briefing (no focus, no programme)."""
    partner: str
    """The partner's name in the build language."""
    earlier: Mapping[str, Any] | None = None
    """The facts of the earlier pack of the same name (``facts.json``), when a pack is rebuilt."""
    photos: Mapping[str, viewmodel.Image] = field(default_factory=dict)
    """Each biography photo the profile names, by its path in the profile."""

    @property
    def labels(self) -> dict[str, str]:
        """Every fixed word in the build language."""
        return self.fmt.labels


def _no_sources(profile: schema.Profile) -> Iterable[str]:
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
    """Whether the one-page key-facts sheet of a pack shows it (through ``templates/key-facts/ID.html``)."""
    title: Callable[[Input], str] | None = None
    """Its title when it is more than ``labels[id]`` (the changes name the earlier pack's date)."""
    """Whether the one-page key-facts sheet of a pack shows it."""
    visit_keys: tuple[str, ...] = ()
    """For a section of the visit itself: the visit's keys it is built from. A visit that leaves them all
    out has a gap there, shown "to be completed" in a draft and refused by ``build --final``; a key given
    empty (``follow_up: []``) says there is nothing to show, and the section is left out."""


# --------------------------------------------------------------------------- builders


def _member(m: schema.Member, fmt: Formatter) -> viewmodel.Member:
    role = fmt.text(m.role)
    return viewmodel.Member(m.name, role, f"{m.name}, {role}" if role else m.name)


def _visit(i: Input) -> Mapping[str, Any]:
    v, fmt = i.plan, i.fmt
    delegation = v.delegation or schema.Delegation()
    visit = viewmodel.Visit(
        title=fmt.text(v.title),
        when=fmt.span(v.date, v.end, ""),
        planned="" if v.date else fmt.text(v.period),
        place=fmt.text(v.place),
        organisers=", ".join(fmt.texts(v.organisers)),
        theme=fmt.text(v.theme),
        strands=fmt.texts(v.strands),
        head=_member(delegation.head, fmt) if delegation.head else None,
        members=[_member(m, fmt) for m in delegation.members],
        focus_ours=", ".join(partner_parts.focus_names(v.focus.ours, [p.ours for p in i.profile.partnerships], fmt)),
        focus_theirs=", ".join(
            partner_parts.focus_names(v.focus.theirs, [t for p in i.profile.partnerships for t in p.theirs], fmt)
        ),
        ref=i.sources.ref(v.source) if v.source else None,
    )
    return {"visit": visit}


def _changes_now(i: Input) -> tuple[str, list[viewmodel.ChangedFact]]:
    from briefgen.view.changes import changed_facts
    from briefgen.view.facts import facts_document

    assert i.earlier is not None  # built only when present
    return changed_facts(dict(i.earlier), facts_document("", i.profile, ""), i.fmt)


def _texts(name: str) -> Callable[[Input], Mapping[str, Any]]:
    """The builder of a list of plain texts of the visit (talking points, vigilance)."""
    return lambda i: {name: i.fmt.texts(getattr(i.plan, name))}


def filled(visit: schema.Visit, keys: tuple[str, ...]) -> bool:
    """Whether one of the visit's ``keys`` holds something to show."""
    return any(getattr(visit, key) for key in keys)


def _visit_section(section_id: str, build: Callable[[Input], Mapping[str, Any]], *keys: str, **more: Any) -> Section:
    """A section of the visit itself, built from the visit's ``keys`` (the section's id when none given)."""
    keys = keys or (section_id,)
    return Section(section_id, build, present=lambda i: filled(i.plan, keys), visit_keys=keys, **more)


def _sourced(name: str) -> Callable[[schema.Profile], Iterable[str]]:
    """The sources of the profile's list ``name``, one per item, in order."""
    return lambda profile: [item.source for item in getattr(profile, name)]


def _as_of(name: str) -> Callable[[schema.Profile], Iterable[schema.PartialDate]]:
    """The as-of dates of the profile's list ``name``."""
    return lambda profile: [item.as_of for item in getattr(profile, name)]


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
        present=lambda i: i.profile.visit is not None,
        cites=lambda p: [p.visit.source] if p.visit and p.visit.source else [],
        dates=lambda p: [p.visit.as_of] if p.visit and p.visit.as_of else [],
        key_facts=True,
    ),
    Section(
        "changes",
        lambda i: {"changes": _changes_now(i)[1]},
        present=lambda i: i.earlier is not None and bool(_changes_now(i)[1]),
        title=lambda i: _changes_now(i)[0],
    ),
    _visit_section("purpose", visit_parts.purpose, "purpose", "objectives", key_facts=True),
    _visit_section("asks", visit_parts.asks, "our_asks", "their_asks"),
    _visit_section("programme", visit_parts.programme),
    _visit_section("talking_points", _texts("talking_points"), key_facts=True),
    _visit_section("vigilance", _texts("vigilance")),
    _visit_section("delegation", visit_parts.delegation),
    _visit_section("interlocutors", visit_parts.interlocutors, key_facts=True),
    _visit_section("protocol", visit_parts.protocol),
    _visit_section("follow_up", visit_parts.follow_up),
    Section(
        "summary",
        partner_parts.summary,
        present=lambda i: bool(i.profile.framework or i.profile.summary),
        cites=_summary_sources,
        dates=_summary_dates,
    ),
    Section(
        "forum",
        partner_parts.forum,
        present=partner_parts.forum_shown,
        cites=lambda p: [p.forum.source] if p.forum else [],
    ),
    Section(
        "key_figures",
        partner_parts.key_figures,
        present=lambda i: bool(i.profile.key_figures),
        cites=_sourced("key_figures"),
        dates=_as_of("key_figures"),
        key_facts=True,
    ),
    Section(
        "partnerships",
        partner_parts.partnerships,
        present=lambda i: bool(i.profile.partnerships),
        cites=_sourced("partnerships"),
        dates=_as_of("partnerships"),
        key_facts=True,
    ),
    Section(
        "agreements",
        partner_parts.agreements,
        present=lambda i: bool(i.profile.agreements),
        cites=_sourced("agreements"),
    ),
    Section("timeline", partner_parts.timeline, present=lambda i: bool(i.profile.timeline), cites=_sourced("timeline")),
    Section(
        "people",
        partner_parts.people,
        present=lambda i: bool(i.profile.people),
        cites=_sourced("people"),
        dates=_as_of("people"),
        key_facts=True,
    ),
    Section(
        "priorities",
        partner_parts.priorities,
        present=lambda i: bool(i.profile.priorities),
        cites=_sourced("priorities"),
        dates=_as_of("priorities"),
    ),
    Section(
        "national_context",
        partner_parts.national_context,
        present=lambda i: any(g.figures for g in i.profile.national_context),
        cites=_national_sources,
        dates=_national_dates,
    ),
    Section("sources", partner_parts.sources, present=lambda i: any(True for _ in i.sources.cited())),
    _visit_section("drafting", visit_parts.drafting),
)
"""Every section, in the documents' order: the visit's own first, then the partner's, the sources, and
the drafting block at the very end. The sources are numbered before any section is built, so ``sources``
lists what every other section cites wherever it stands."""

IDS: tuple[str, ...] = tuple(s.id for s in SECTIONS)
"""The section ids, in order."""

KEY_FACTS: tuple[str, ...] = tuple(s.id for s in SECTIONS if s.key_facts)
"""The sections the key-facts page shows, in order."""


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
