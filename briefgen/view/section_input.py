"""What a section builder receives (:class:`Input`): the registry (briefgen.view.sections) and the builders share it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefgen.data import schema

if TYPE_CHECKING:
    from briefgen.data.loading import PathKey
    from briefgen.view import viewmodel  # for the annotations only: ``check`` imports this module, not the view
    from briefgen.view.formatting import Formatter, Sources


@dataclass(frozen=True)
class AgeMarks:
    """What the page shows of the facts' age on the document's date, ready to print in one language."""

    old: dict[PathKey, str]
    """Each old figure or title (``("key_figures", 0)``, ``("people", 2)``) to mark, with the reason the
    profile keeps it (``accepted_old``, in the build language) or ``""``."""
    count: str
    """The cover's line: how many figures and titles are marked, and with what (``2 figures or titles older than
    12 months on 7 December 2026, marked †``), or ``""`` when none is."""
    note: str
    """The note that explains the mark, printed once per document (``Older than 12 months on 7 December 2026.``),
    or ``""``."""
    accepted: str
    """The words before a kept figure's reason (``Kept although older than the limit:``)."""

    def reason(self, path: PathKey) -> str:
        """The printed reason an old fact at ``path`` is kept, or ``""``."""
        why = self.old.get(path, "")
        return f"{self.accepted} {why}" if why else ""


OLD_MARK = "\u2020"
"""The mark on a figure or title older than the age limit (†), explained once per document (``Input.age_note``)."""


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
    current: Mapping[str, Any] | None = None
    """The profile's facts now, as ``facts.json`` holds them (made by the context when ``earlier`` is given)."""
    photos: Mapping[str, viewmodel.Image] = field(default_factory=dict)
    """Each biography photo the profile names, by its path in the profile."""
    partner_edition: bool = False
    """The partner's edition: without what is ours alone (``Section.internal``, and the parts builders drop)."""
    ages: AgeMarks | None = None
    """The facts older than the build's ``--max-age`` on the document's date (``checks.age_marks``); None undated."""
    past: str = ""
    """``Already past on 7 December 2026`` when the visit is past on the document's date (``checks.past_note``)."""

    def marks(self, path: PathKey) -> tuple[str, ...]:
        """What a figure or title at ``path`` carries: ``OLD_MARK`` when old, its reason when kept; else nothing."""
        if self.ages is None or path not in self.ages.old:
            return ()
        return (self.ages.reason(path) or OLD_MARK,)

    def age_note(self) -> Any:
        """The note explaining ``OLD_MARK`` (``† Older than 12 months on …``), or None when nothing is old.

        Printed once per document, after the first block carrying the mark (``blocks.noted_once``).
        """
        from briefgen.view.viewmodel import blocks

        if self.ages is None or not self.ages.note:
            return None
        return blocks.Paragraph((f"{OLD_MARK} {self.ages.note}",), role="legend")

    @property
    def labels(self) -> dict[str, str]:
        """Every fixed word in the build language."""
        return self.fmt.labels
