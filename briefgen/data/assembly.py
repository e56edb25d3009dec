"""Assemble the layers of a partner profile or a visit, in merge order, each file read once.

A partner is ``defaults.yaml`` then ``NAME.yaml``; a visit (``visits/NAME.yaml``) names its
partner with ``partner: NAME`` and goes over that partner's layers, its ``partner:`` key removed.
The merge (briefgen.data.merging) then combines the layers; this module only finds and loads them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.data.catalog import DEFAULTS, Places
from briefgen.data.loading import Layer, load_layer
from briefgen.errors import InputError, Problem, ProfileError


@dataclass(frozen=True)
class Layers:
    """The layers of one partner or visit, in merge order, with the files they were read from."""

    files: list[Path]
    layers: list[Layer]


def assemble(name: str, places: Places) -> Layers:
    """The layers of partner or visit ``name``, in merge order; the visit file is read once."""
    if not places.is_visit(name):
        files = places.profile_files(name)
        return Layers(files, load_all(files))
    path = places.visit_file(name)
    visit = profile_layer(path)
    partner_files = places.profile_files(partner_of(visit, places))
    return Layers([*partner_files, path], [*load_all(partner_files), _without_partner(visit)])


def input_files(name: str, places: Places) -> list[Path]:
    """The files profile or visit ``name`` is made of, in merge order (defaults, partner, visit).

    Only a visit file is read (for the name of its partner): enough to tell whether a pack's
    inputs changed without loading every profile.
    """
    if not places.is_visit(name):
        return places.profile_files(name)
    visit = load_layer(places.visit_file(name))
    return [*places.profile_files(partner_of(visit, places)), places.visit_file(name)]


def layers_for(target: str, places: Places) -> list[Layer]:
    """The layers ``validate`` checks for a name or a path (a visit file merges over its partner)."""
    if not ("/" in target or target.endswith((".yaml", ".yml"))):
        return assemble(target, places).layers
    path = Path(target)
    if not path.is_file():
        raise InputError(f"{target}: no such file")
    layer = profile_layer(path)
    if "partner" in layer.data and not isinstance(layer.data["partner"], dict):
        partner_files = places.profile_files(partner_of(layer, places))
        return [*load_all(partner_files), _without_partner(layer)]
    defaults = path.parent / f"{DEFAULTS}.yaml"
    if path.name == defaults.name or not defaults.is_file():
        return [layer]
    return [*load_all([defaults]), layer]


def _without_partner(visit: Layer) -> Layer:
    """A visit's layer without its ``partner:`` key (it names the partner, it is not profile data)."""
    data = {k: v for k, v in visit.data.items() if k != "partner"}
    marks = {k: v for k, v in visit.marks.items() if not k or k[0] != "partner"}
    todo = {k: v for k, v in visit.todo.items() if k[0] != "partner"}
    return Layer(visit.file, data, marks, todo)


def partner_of(visit: Layer, places: Places) -> str:
    """The partner profile a visit's ``partner:`` key names; a ProfileError with a hint otherwise."""
    partner = visit.data.get("partner")
    line, column = visit.marks.get(("partner",), (None, None))
    if not isinstance(partner, str):
        message = "a visit names its partner profile, such as 'partner: japan'"
        raise ProfileError([Problem(visit.file, line, column, "partner", message)])
    known = places.partner_names()
    if partner not in known:
        close = difflib.get_close_matches(partner, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"partners found: {', '.join(known) or 'none'}"
        message = f"no partner profile named '{partner}'; {hint}"
        raise ProfileError([Problem(visit.file, line, column, "partner", message)])
    return partner


def load_all(files: Sequence[Path]) -> list[Layer]:
    """Every file loaded, or one ProfileError with the problems of all of them."""
    layers: list[Layer] = []
    problems: list[Problem] = []
    for path in files:
        try:
            layers.append(profile_layer(path))
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)
    return layers


def profile_layer(path: Path) -> Layer:
    """The layer of a profile, visit or defaults file, or one line if none of its keys is a profile's.

    A file that is not a profile at all (a password file, some other program's settings) gets
    that one line: each of its keys reported as "unknown key" would echo its content back.
    """
    from briefgen.data.schema import Profile  # the models are not needed to find a build's files

    layer = load_layer(path)
    if not any(key in Profile.model_fields for key in layer.data):
        message = (
            f"is not a briefgen profile: none of its {len(layer.data)} top-level key(s) is a profile key "
            "such as 'partner:' or 'sources:' (its content is not shown); see 'briefgen new'"
        )
        raise ProfileError([Problem(layer.file, None, None, "", message)])
    return layer
