"""Merge: layers (defaults → partner → visit) become one mapping, and each value keeps its origin.

The rules, in full:

- later layers win;
- two mappings under the same key are merged key by key, recursively;
- anything else (a list, a text, a number, a mapping meeting a non-mapping) is replaced whole
  by the later layer: lists are never concatenated, so a partner's ``key_figures`` replace the
  defaults' ``key_figures`` rather than adding to them;
- ``null`` in a later layer is a value like any other: it replaces.

The origin of a value is the last layer that holds it at that path, among the layers not cut
off by a later whole replacement of one of its parents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefgen.data.loading import Layer, PathKey
from briefgen.languages import DEFAULT


@dataclass(frozen=True)
class Origin:
    """Where a value was written."""

    file: str
    line: int | None
    column: int | None


@dataclass(frozen=True)
class Merged:
    """The merged mapping and the layers it came from, to find the origin of any path."""

    data: dict[str, Any]
    layers: tuple[Layer, ...]

    @property
    def language(self) -> str:
        """The language the profile is written in (its ``language:``, else French): a build's own."""
        own = self.data.get("language", DEFAULT)
        return own if isinstance(own, str) else DEFAULT

    def origin(self, path: PathKey) -> Origin:
        """Where the value at ``path`` (or its nearest written parent) was written."""
        candidates = list(self.layers)
        found = Origin(self.layers[-1].file if self.layers else "?", None, None)
        for length in range(len(path) + 1):
            prefix = path[:length]
            holders = [(layer, value) for layer in candidates for value in _lookup(layer.data, prefix)]
            if not holders:
                break
            layer, value = holders[-1]
            mark = layer.marks.get(prefix)
            if mark is not None:
                found = Origin(layer.file, *mark)
            # Deeper values come only from layers after the last one that replaced this value whole.
            cut = max((i for i, (_, v) in enumerate(holders) if not isinstance(v, dict)), default=-1)
            candidates = [layer] if cut == len(holders) - 1 else [h for h, _ in holders[cut + 1 :]]
        return found


def merge(layers: Sequence[Layer]) -> Merged:
    """Merge layers in order, later ones winning, by the rules in this module's docstring."""
    data: dict[str, Any] = {}
    for layer in layers:
        data = _merge_mappings(data, layer.data)
    return Merged(data, tuple(layers))


def _merge_mappings(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        below = result.get(key)
        if isinstance(below, dict) and isinstance(value, dict):
            result[key] = _merge_mappings(below, value)
        else:
            result[key] = value
    return result


def _lookup(data: Any, path: PathKey) -> list[Any]:
    """The value at ``path`` in ``data`` as a one-element list, or an empty list if absent."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return []
        elif not isinstance(data, dict) or part not in data:
            return []
        data = data[part]
    return [data]
