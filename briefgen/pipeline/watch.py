"""``briefgen watch``: build once, then rebuild on every save of a file the build read, in one warm process.

The files a build reads are its profile layers (defaults, partner, visit), its logo, its photos and its
template folder's files. :func:`run` takes the change sets as an iterator, so that it can be
driven without a file system watcher (tests) or by :func:`file_changes` (watchfiles, the CLI).

A save that breaks the profile or a template is reported with its file:line and the loop goes
on; since a build checks everything before it writes anything, the last good documents stay in
place. Imports, fonts and templates are loaded by the first build and stay warm for the next.
Ctrl-C raises KeyboardInterrupt out of :func:`run` (the CLI exits 130).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats_registry
from briefgen.data.catalog import Places
from briefgen.data.fonts import SUFFIXES as FONT_SUFFIXES
from briefgen.errors import BriefgenError
from briefgen.pipeline import api
from briefgen.pipeline.record import template_files

if TYPE_CHECKING:
    from briefgen.view.changes import Changes
    from briefgen.view.viewmodel import Briefing


@dataclass(frozen=True)
class Outcome:
    """What one (re)build did: the files written and the facts that changed, or the error."""

    seconds: float
    files: list[Path] = field(default_factory=list)
    changes: Changes | None = None
    """The facts changed since the previous good build (None for the first one)."""
    error: list[str] = field(default_factory=list)
    """The error's lines (``file:line:col: path: message``) when the build failed."""
    exit_code: int = 0
    warnings: list[str] = field(default_factory=list)
    """The build's date warnings (stale figures, a visit already past), as ``build`` prints them."""


class Watcher:
    """Rebuilds one profile or visit; remembers which files it read and the facts of the last good build."""

    def __init__(
        self,
        name: str,
        *,
        places: Places,
        out: Path,
        formats: Sequence[str] = api.DEFAULT_FORMATS,
        lang: str | None = None,
        template: str | None = None,
        edition: str | None = None,
        on_view: Callable[[Briefing], None] = lambda view: None,
    ) -> None:
        """Check the name and options now (InputError); nothing is built until :meth:`build`.

        ``edition``: as ``build --edition``; each edition built is previewed (``on_view``), ours first.
        """
        api.check_lang(lang)
        api.editions_asked(edition)
        self.template_dir = api.template_dir(places, template, formats)
        api.input_files(name, places)  # an unknown name is bad usage, not a broken save
        self.name, self.places, self.out = name, places, out
        self.formats, self.lang, self.template, self.edition = list(formats), lang, template, edition
        self.on_view = on_view
        self.read: set[Path] | None = None
        """The files the last good build read; None until one succeeds (then any change counts)."""
        self.facts: dict[str, Any] | None = None

    def folders(self) -> list[Path]:
        """The folders to watch: the profiles folder, the template folder and the project's fonts folder, if any."""
        fonts = self.places.fonts
        return [self.places.profiles, self.template_dir, *([fonts] if fonts is not None and fonts.is_dir() else [])]

    def concerns(self, changed: Iterable[Path]) -> bool:
        """Whether any changed path is a file the build reads (any file in the folders before a good build).

        A font added to, or removed from, the project's fonts folder counts too (briefgen.data.fonts).
        """
        paths = {p.resolve() for p in changed}
        fonts = self.places.fonts
        if fonts is not None and any(p.parent == fonts.resolve() and p.suffix.lower() in FONT_SUFFIXES for p in paths):
            return True
        if self.read is None:
            roots = [f.resolve() for f in self.folders()]
            return any(root in p.parents for p in paths for root in roots)
        return bool(paths & self.read)

    def build(self) -> Outcome:
        """Build now; a BriefgenError becomes an Outcome with the error's lines, and nothing is written."""
        # Deferred (heavy): the view imports the models (pydantic).
        from briefgen.view.changes import compare

        started = time.perf_counter()
        try:
            self._warm()
            built = api.build(
                [self.name],
                formats=self.formats,
                lang=self.lang,
                out=self.out,
                template=self.template,
                places=self.places,
                on_view=lambda name, view: self.on_view(view),
                edition=self.edition,
            )  # one per edition, the same facts
            self.read = self._files_read()
        except BriefgenError as exc:
            return Outcome(time.perf_counter() - started, error=exc.lines(), exit_code=exc.exit_code)
        # An up-to-date first build writes no facts.json: the one it kept is the facts of the last good build.
        first = built[0]
        kept = Path(first.folder) / "facts.json" if first.folder else None
        where = first.facts or (kept if kept is not None and kept.is_file() else None)
        facts = json.loads(where.read_bytes()) if where else None
        changes = compare(self.name, self.facts, facts, "the previous build") if self.facts and facts else None
        self.facts = facts
        files = [f for b in built for f in b.files]
        return Outcome(time.perf_counter() - started, files, changes, warnings=first.warnings)

    def _warm(self) -> None:
        """Import the renderers here, once: a warm process has no use for a child forked to import them.

        A single build forks a child that imports WeasyPrint while it makes the view
        (briefgen.pipeline.stages.fork_ahead); here every save would pay for that import again.
        """
        for fmt in formats_registry.chosen(self.formats):
            if fmt.staged is not None and not fmt.warmed():
                fmt.warm()

    def _files_read(self) -> set[Path]:
        # Deferred (heavy): pydantic and the models.
        from briefgen.data.validation import images_of

        loaded = api.load(self.name, self.places)
        files = [*loaded.files, *template_files(self.template_dir), *self.places.added_fonts()]
        files += images_of(loaded.profile, self.places.profiles).values()
        return {f.resolve() for f in files}


def run(watcher: Watcher, changes: Iterable[set[Path]], report: Callable[[Outcome], None]) -> None:
    """Build once, then once per change set that touches a file the build reads; report each outcome."""
    report(watcher.build())
    for changed in changes:
        if watcher.concerns(changed):
            report(watcher.build())


def file_changes(folders: Sequence[Path]) -> Iterator[set[Path]]:
    """The paths changed under ``folders``, one set per burst of saves, watched from now on (watchfiles).

    The watcher runs in a thread started at once, so that a save made during the first build, or
    during any rebuild, is not lost: the saves made meanwhile come out as one set. Ctrl-C raises
    KeyboardInterrupt in the caller, which is interrupted while it waits.
    """
    import queue
    import threading

    import watchfiles

    pending: queue.Queue[set[Path]] = queue.Queue()
    stop = threading.Event()

    def feed() -> None:
        # step: how long a burst of events (an editor's write, rename, chmod) may pause before it is passed on.
        for batch in watchfiles.watch(*folders, step=30, debounce=400, stop_event=stop, raise_interrupt=False):
            pending.put({Path(path) for _, path in batch})

    thread = threading.Thread(target=feed, name="briefgen-watch", daemon=True)
    thread.start()

    def drain() -> Iterator[set[Path]]:
        try:
            while thread.is_alive() or not pending.empty():
                try:
                    changed = pending.get(timeout=0.2)
                except queue.Empty:
                    continue
                while not pending.empty():
                    changed |= pending.get_nowait()
                yield changed
        finally:
            stop.set()

    return drain()
