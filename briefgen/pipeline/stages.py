"""The stages every build and pack goes through, in order: load, skip?, context, render, write.

Each is one function of what the stage before it made, so that a build (briefgen.pipeline.builds)
and a pack (briefgen.pipeline.pack) read as a list of calls:

- **load** (briefgen.data.assembly.load): the name's files read once; their layers, merged data and
  profile made from those bytes when first asked.
- **skip?** :func:`prepare`: one :class:`Prepared` per record of the plan (per language for a build);
  each is up to date when the digest of its inputs (the files' bytes, the template folder, the
  options, briefgen's version) is the one its record holds and its outputs are intact
  (briefgen.pipeline.record). Nothing more is done for an up-to-date one.
- **context** :func:`context`: the validated profile becomes one view model per language.
- **render** :func:`render`: the bytes of each output, by file name (a DOCX may go to a forked child
  while the PDF lays out, briefgen.pipeline.forked); nothing is written.
- **write** :func:`write`: every document (and the zip) together, the record last (briefgen.pipeline.output).

The language travels as a code: the plan's languages are resolved against the profile's own in
:func:`prepare`, and each Prepared has exactly one.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats
from briefgen.data.assembly import Loaded
from briefgen.data.earlier import read_facts
from briefgen.data.files import read_regular
from briefgen.errors import InputError
from briefgen.pipeline.output import serialised, write_all, write_atomic
from briefgen.pipeline.plan import Clock, Output, Plan
from briefgen.pipeline.record import MAX_RECORD_BYTES, image_entries, inputs_record, outputs_entries, read_up_to_date
from briefgen.render.zips import fixed_zip
from briefgen.view.dating import document_date

if TYPE_CHECKING:  # the models and the view model: an up-to-date build imports neither
    from briefgen.data.schema import Profile
    from briefgen.pipeline.forked import Ahead
    from briefgen.view.viewmodel import Briefing


@dataclass
class Prepared:
    """One record's worth of a name: loaded, compared with its record, and (when not up to date) its views made."""

    loaded: Loaded
    plan: Plan
    """The plan of this record: its outputs, and its languages as codes (a build's: exactly one)."""
    folder: Path
    record: dict[str, Any]
    up_to_date: bool
    kept: dict[str, Any] | None = None
    """The record found beside the files, when they are up to date (its ``notes``: briefgen.pipeline.notes)."""
    views: dict[str, Briefing] = field(default_factory=dict)
    """The view of each language, by output suffix (``""``: the profile's own); made by :func:`context`."""
    day: dt.date | None = None
    """The documents' date (briefgen.view.dating), once :func:`context` has made them."""
    timings: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    """What a reader should know that did not stop the run (an earlier pack whose facts could not be read)."""
    ahead: tuple[Output, Ahead] | None = None
    """An output whose renderer a child forked ahead is warming up (:func:`fork_ahead`), and that child."""

    @property
    def name(self) -> str:
        """The partner or visit built."""
        return self.loaded.name

    @property
    def lang(self) -> str:
        """The language of this record's documents (the first, for a pack's record of several)."""
        return self.plan.languages[0]


def prepare(
    loaded: Loaded, plan: Plan, *, out: Path, templates: Path, force: bool = False, clock: Clock | None = None
) -> list[Prepared]:
    """Skip? One Prepared per record of ``plan`` (per language for a build), each told up to date or not.

    The languages are resolved here, once: the plan's codes, else (a pack) those its visit asks
    for, else the profile's own. Only the files' digests and the profile's language are needed:
    no model is imported.
    """
    clock = clock or Clock()
    folder = out / loaded.name
    # The profile's language names the files to compare. A build's plain record names it too, and is
    # trusted only if its digest then matches: the files are byte for byte those it was built from
    # (so an up-to-date partner is not even parsed); otherwise the profile says (parsed and merged).
    # Without --edition, the editions are the visit's: that record says which they were, the files being the same.
    recorded = None if force or plan.archive else _recorded(folder / plan.record)
    if recorded is not None and (plan.editions or recorded[1]):
        lang, editions = recorded
        known = plan if plan.editions else replace(plan, editions=editions)
        prepared = _compared(loaded, known, lang, editions, out=out, templates=templates, force=force)
        if all(p.up_to_date for p in prepared):
            clock.lap("load")
            for p in prepared:
                p.timings = clock.timings
            return prepared
    own = loaded.language
    clock.lap("merge")
    if plan.visit_languages and not plan.languages:
        plan = replace(plan, languages=_visit_languages(loaded))
    named = visit_editions(loaded)
    if not plan.editions:
        plan = replace(plan, editions=named)
    prepared = _compared(loaded, plan, own, named, out=out, templates=templates, force=force)
    for p in prepared:
        p.timings = clock.timings
    clock.lap("load")
    return prepared


def _compared(
    loaded: Loaded, plan: Plan, own: str, visit_editions: tuple[str, ...], *, out: Path, templates: Path, force: bool
) -> list[Prepared]:
    """One Prepared per record of ``plan`` for a profile written in ``own``, each compared with its record.

    Each record keeps ``visit_editions``, the editions the visit names (outside the digest, which covers
    the visit's file): a later build without ``--edition`` knows from it which records to compare.
    """
    folder, base = out / loaded.name, loaded.places.profiles
    zip_path = out / f"{loaded.name}.zip" if plan.archive else None
    prepared = []
    for part in plan.localised(own).per_language():
        record = inputs_record(loaded.digests, base, templates, part.options, out, loaded.places.added_fonts())
        record["visit_editions"] = list(visit_editions)
        kept = None if force else read_up_to_date(folder, part.record, record["inputs_digest"], zip_path, base)
        prepared.append(Prepared(loaded, part, folder, record, kept is not None, kept=kept))
    return prepared


def _recorded(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """What a build's plain record says, if readable: its documents' language, and the visit's editions then.

    The language is the profile's own; the editions are none when the record is older than ``visit_editions``.
    """
    try:
        stored: Any = json.loads(read_regular(path, MAX_RECORD_BYTES))
        lang = stored["options"]["lang"]
        editions = stored.get("visit_editions", [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(lang, str) or not isinstance(editions, list) or any(e not in ("", "partner") for e in editions):
        return None
    return lang, tuple(editions)


def _visit_languages(loaded: Loaded) -> tuple[str, ...]:
    """The languages of a pack: those its visit asks for, else every one its profile is complete in.

    ``visit.languages`` is taken as written (validation checks it); without it, see
    briefgen.data.translation.complete_languages (the profile's own language first).
    """
    # Deferred (heavy): the text fields are read from the models (pydantic).
    from briefgen.data.translation import complete_languages

    visit = loaded.merged.data.get("visit")
    asked = visit.get("languages") if isinstance(visit, dict) else None
    if isinstance(asked, list) and asked:
        return tuple(lang for lang in asked if isinstance(lang, str))
    return tuple(complete_languages(loaded.merged))


def visit_editions(loaded: Loaded) -> tuple[str, ...]:
    """The editions its visit names (``visit.edition``, as validation checks it), else ours alone."""
    visit = loaded.merged.data.get("visit")
    asked = visit.get("edition") if isinstance(visit, dict) else None
    return {"partner": ("partner",), "both": ("", "partner")}.get(asked, ("",)) if isinstance(asked, str) else ("",)


def fork_ahead(prepared: Prepared, templates: Path) -> None:
    """Fork a child that warms up the renderer of the first staged output (the PDF: WeasyPrint) now.

    For a build to make, before its context: the child imports WeasyPrint while this process validates
    the profile and makes the view and its HTML, which :func:`render` then sends it (briefgen.pipeline.forked).
    Not when forking is off or pointless: a plan without it (a pack in a batch worker), one core, a
    renderer already warm in this process (``watch``'s second build), or a process that forked ahead
    once already: one that builds again (a script calling ``briefgen.build`` in a loop) imports the
    renderer itself and keeps it warm, rather than paying for the import in a new child each time.

    The CLI may have forked that child already, a spare, at its start (briefgen.pipeline.forked.start_spare):
    it is used here when it warms the right renderer, and stopped otherwise.
    """
    from briefgen.pipeline import forked

    global _forked_ahead
    spare = forked.take_spare()
    try:
        if prepared.up_to_date or prepared.ahead is not None or not (prepared.plan.fork and forked.available()):
            return
        for output in prepared.plan.outputs:
            work = formats.get(output.format)
            if work.staged is not None:
                if work.warmed() or _forked_ahead:
                    return
                added = prepared.loaded.places.added_fonts()
                options = formats.Options(output.document, prepared.plan.pdf_variant, added)
                laid_out = functools.partial(work.from_source, templates=templates, options=options)
                if spare is not None and spare.warms == work.name:
                    prepared.ahead, spare = (output, spare.assign(laid_out, output.filename)), None
                else:
                    prepared.ahead = (output, forked.Ahead(work.warm, laid_out, output.filename))
                _forked_ahead = True
                return
    finally:
        if spare is not None:
            spare.cancel()  # not wanted after all: the build is up to date, or makes no PDF


def no_fork_ahead() -> None:
    """Stop the spare child the command line forked, if any: this run has no single build to give it to."""
    import sys

    forked = sys.modules.get("briefgen.pipeline.forked")  # not imported: no spare, and nothing to import for it
    if forked is not None:
        forked.drop_spare()


_forked_ahead = False
"""Whether this process has forked a child ahead already (:func:`fork_ahead`: once a process)."""


def context(prepared: Prepared, *, since: Path | None = None, clock: Clock | None = None) -> None:
    """Context: the views of each language of ``prepared``, made from the validated profile, dated.

    The changes section compares with the facts of ``since`` (a pack folder, zip or facts.json)
    when given, else, when the plan asks for it, with those of the earlier pack ``OUT/NAME.zip``,
    read here, before anything is replaced.
    """
    # Deferred (heavy): pydantic and the models.
    from briefgen.data.validation import images_of

    clock = clock or Clock(prepared.timings)
    loaded, plan = prepared.loaded, prepared.plan
    profile = loaded.profile
    clock.lap("validate")
    base = loaded.places.profiles
    zip_path = prepared.folder.parent / f"{loaded.name}.zip"
    earlier, prepared.notices = _earlier_facts(loaded.name, since, zip_path if plan.changes else None)
    when = document_date(plan.date)
    final = bool(plan.options.get("final"))
    age = str(plan.options.get("max_age") or "12m")
    suffixes = dict.fromkeys(o.lang for o in plan.outputs)
    languages = dict(zip(suffixes, plan.languages, strict=True))
    views = {o.view: o for o in plan.outputs}  # one per language and edition
    prepared.views = {
        key: view_of(
            profile, languages[o.lang], base, when.timestamp, earlier, final=final, edition=o.edition, max_age=age
        )
        for key, o in views.items()
    }
    prepared.day = when.day
    images = image_entries(list(images_of(profile, base).values()), base)  # the record's: see read_up_to_date
    prepared.record = {**prepared.record, "images": images}
    clock.lap("context")


def _earlier_facts(name: str, since: Path | None, earlier_pack: Path | None) -> tuple[dict[str, Any] | None, list[str]]:
    """The facts to compare with, and a notice when the earlier pack's could not be read.

    ``since``, named by the caller, must be read (InputError otherwise). The earlier pack
    ``OUT/NAME.zip`` is looked at when there is one; a broken one is not a reason to stop the new pack,
    whose changes section is then left out, with one line saying why.
    """
    if since is not None:
        return read_facts(since, name), []
    if earlier_pack is None or not (earlier_pack.exists() or earlier_pack.is_symlink()):
        return None, []
    try:
        return read_facts(earlier_pack, name, given=False), []
    except InputError as exc:
        return None, [f"{name}: the changes since the earlier pack are left out: {exc.message}"]


def view_of(
    profile: Profile,
    lang: str,
    root: Path,
    timestamp: str,
    earlier: dict[str, Any] | None = None,
    *,
    final: bool = False,
    edition: str = "",
    max_age: str = "12m",
) -> Briefing:
    """The view model of a validated profile in ``lang`` dated ``timestamp``, images read; a draft unless ``final``.

    ``edition="partner"``: the partner's edition (briefgen.view.context.build_briefing). Figures and titles
    older than ``max_age`` on that date are marked.
    """
    # Deferred (heavy): pydantic and the models; the view imports the models (pydantic).
    from briefgen.data.validation import images_of
    from briefgen.view.context import build_briefing

    images = {value: path.read_bytes() for value, path in images_of(profile, root).items()}
    logo = images.get(profile.partner.logo or "")
    return build_briefing(
        profile,
        lang,
        timestamp,
        logo=logo,
        earlier=earlier,
        final=final,
        photos=images,
        edition=edition,
        max_age=max_age,
    )


def render(prepared: Prepared, templates: Path, on_step: Callable[[str], None] = lambda step: None) -> dict[str, bytes]:
    """Render: the bytes of each output of the plan, by file name, in the plan's order, and ``facts.json``.

    When two slow formats are wanted (DOCX and PDF) and a second core is there, the first is
    rendered in a forked child while this process makes the others (see briefgen.pipeline.forked);
    an output whose child was forked ahead (:func:`fork_ahead`: the PDF) is sent its source and laid
    out there.
    """
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.pipeline import forked  # pickle and fork: for rendering only, not for an up-to-date build
    from briefgen.view.facts import FILENAME as FACTS
    from briefgen.view.facts import facts_bytes
    from briefgen.view.sections import newest_as_of

    assert prepared.views, "an up-to-date run renders nothing; context() makes the views"
    plan, views, clock = prepared.plan, prepared.views, Clock(prepared.timings)
    added = prepared.loaded.places.added_fonts()
    children: dict[Output, forked.Forked] = {}
    try:
        if prepared.ahead is not None:  # its child is warm: it gets its source, and lays it out while we go on
            output, ahead = prepared.ahead
            children[output] = ahead
            options = formats.Options(output.document, plan.pdf_variant, added)
            ahead.send(formats.get(output.format).source(views[output.view], templates, options))
        slow = [o for o in plan.outputs if formats.get(o.format).parallel]
        if plan.fork and len(slow) > 1 and forked.available() and not children:  # else: we make it, meanwhile
            output = slow[0]
            options = formats.Options(output.document, plan.pdf_variant, added)
            work = formats.get(output.format)
            view = views[output.view]
            children[output] = forked.Forked(lambda: work.render(view, templates, options), output.filename)
        documents: dict[str, bytes] = {}
        for output in plan.outputs:
            if output not in children:
                options = formats.Options(output.document, plan.pdf_variant, added)
                documents[output.filename] = formats.get(output.format).render(views[output.view], templates, options)
                clock.lap(output.format if output.document == "briefing" else output.filename)
                on_step(output.filename)
        for output, child in children.items():
            documents[output.filename] = child.result()
            clock.lap(f"{output.format} (waiting for the parallel process)")
            clock.timings[f"{output.format}, in a parallel process"] = child.seconds
            on_step(output.filename)
    except BaseException:
        for child in children.values():
            child.cancel()
        raise
    first = next(iter(views.values()))
    rendered = {o.filename: documents[o.filename] for o in plan.outputs}
    profile = prepared.loaded.profile
    rendered[FACTS] = facts_bytes(prepared.name, profile, first.timestamp, newest_as_of(profile))  # for 'diff'
    return rendered


def write(
    prepared: Prepared, documents: dict[str, bytes], *, out: Path, on_step: Callable[[str], None] = lambda step: None
) -> list[Path]:
    """Write: the documents (and the zip) replaced together, then the record; the files written.

    The record comes last: a folder without its record, or with a stale one, is rebuilt by the next run.
    Another run writing this folder waits (serialised): its documents never land between ours and our record.
    """
    plan, name, folder = prepared.plan, prepared.name, prepared.folder
    clock = Clock(prepared.timings)
    entries = outputs_entries(documents)
    record = json.dumps({**prepared.record, "name": name, "outputs": entries}, ensure_ascii=False, indent=2).encode()
    files = {folder / filename: data for filename, data in documents.items()}
    written = list(files)
    if plan.archive:
        entries_in_zip = sorted({**documents, plan.record: record}.items())
        files[out / f"{name}.zip"] = fixed_zip((f"{name}/{n}", d) for n, d in entries_in_zip)
    with serialised(folder, out):
        write_all(files, out)
        write_atomic(folder / plan.record, record, out)
    clock.lap("write")
    on_step("write")
    if plan.archive:
        return [*written, folder / plan.record, out / f"{name}.zip"]
    return written
