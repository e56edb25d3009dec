"""What a section builder receives (:class:`Input`): the registry (briefgen.view.sections) and the builders share it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefgen.data import schema
from briefgen.view import viewmodel

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
    current: Mapping[str, Any] | None = None
    """The profile's facts now, as ``facts.json`` holds them (made by the context when ``earlier`` is given)."""
    photos: Mapping[str, viewmodel.Image] = field(default_factory=dict)
    """Each biography photo the profile names, by its path in the profile."""
    partner_edition: bool = False
    """The partner's edition: without what is ours alone (``Section.internal``, and the parts builders drop)."""

    @property
    def labels(self) -> dict[str, str]:
        """Every fixed word in the build language."""
        return self.fmt.labels
