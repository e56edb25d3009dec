"""Load one partner profile or visit: its files read once, in merge order, then its layers, merged data and profile.

A partner is ``defaults.yaml`` then ``NAME.yaml``; a visit (``visits/NAME.yaml``) names its
partner with ``partner: NAME`` and goes over that partner's layers, its ``partner:`` key removed.

:func:`load` is the one way into a build's data: it reads the bytes of each file once (their
sha256 is what a build's record compares, so an unchanged build needs nothing more) and
:class:`Loaded` makes from those same bytes, each when first asked, the layers, the merged data
(briefgen.data.merging) and the validated profile (briefgen.data.validation). Nothing reads a
profile file twice in a build, whether it is skipped, built or checked first (``--strict``).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.data.catalog import DEFAULTS, Places
from briefgen.data.files import display_path, read_bytes
from briefgen.errors import InputError, Problem, ProfileError

if TYPE_CHECKING:
    from briefgen.data.loading import Layer
    from briefgen.data.merging import Merged
    from briefgen.data.schema import Profile


@dataclass(frozen=True)
class Layers:
    """The layers of one partner or visit, in merge order, with the files they were read from."""

    files: list[Path]
    layers: list[Layer]


@dataclass(frozen=True)
class Source:
    """One profile file as read: its path, its name in messages and its bytes."""

    path: Path
    shown: str
    raw: bytes

    @functools.cached_property
    def sha256(self) -> str:
        """The sha256 of its bytes, in hex (what a build's record keeps)."""
        return hashlib.sha256(self.raw).hexdigest()


class Loaded:
    """A partner or visit loaded once: its files' bytes, and from them its layers, merged data and profile.

    Each is made when first asked and kept: an up-to-date build asks for the files' digests and the
    profile's language only (no model imported), a build for the profile too.
    """

    def __init__(self, name: str, places: Places, sources: Sequence[Source], visit: Layer | None = None) -> None:
        self.name = name
        self.places = places
        self.sources = list(sources)
        self._visit = visit  # a visit's layer, parsed by load() to find its partner

    @property
    def files(self) -> list[Path]:
        """The files, in merge order (defaults, partner, visit)."""
        return [s.path for s in self.sources]

    @property
    def digests(self) -> dict[Path, str]:
        """The sha256 of each file's bytes, by path, in merge order."""
        return {s.path: s.sha256 for s in self.sources}

    @functools.cached_property
    def layers(self) -> list[Layer]:
        """The layers, in merge order; one ProfileError with the problems of every file."""
        if self._visit is None:
            return _layers_of(self.sources)
        *partner, _ = self.sources
        return [*_layers_of(partner), _without_partner(self._visit)]

    @functools.cached_property
    def merged(self) -> Merged:
        """The layers merged (briefgen.data.merging)."""
        from briefgen.data.merging import merge  # with the layers: PyYAML, which an up-to-date partner needs not

        return merge(self.layers)

    @property
    def language(self) -> str:
        """The profile's own language: what a build without ``--lang`` is made in."""
        return self.merged.language

    @functools.cached_property
    def profile(self) -> Profile:
        """The validated profile (briefgen.data.validation); first, one line for a file that is no profile at all."""
        from briefgen.data.validation import validate  # pydantic and the models: not for an up-to-date build

        _check_all(self.layers)
        return validate(self.merged, self.places.profiles, self.places.added_fonts())


def load(name: str, places: Places) -> Loaded:
    """Partner or visit ``name`` loaded: each of its files read once (a visit's parsed to find its partner)."""
    if not places.is_visit(name):
        return Loaded(name, places, _read_all(places.profile_files(name)))
    from briefgen.data.loading import layer_of  # PyYAML: an up-to-date partner's build only reads bytes

    path = places.visit_file(name)
    source = _read(path)
    visit = layer_of(source.raw, source.shown)
    if not isinstance(visit.data.get("partner"), str):
        _check_profile_keys(visit)  # not a profile at all says so, before asking for its partner
    partner_files = places.profile_files(partner_of(visit, places))
    return Loaded(name, places, [*_read_all(partner_files), source], visit)


def assemble(name: str, places: Places) -> Layers:
    """The layers of partner or visit ``name``, in merge order; each file is read once."""
    loaded = load(name, places)
    _check_all(loaded.layers)
    return Layers(loaded.files, loaded.layers)


def _read(path: Path) -> Source:
    shown = display_path(path)
    return Source(path, shown, read_bytes(path, shown))


def _read_all(files: Sequence[Path]) -> list[Source]:
    """Every file read; else one ProfileError with the problems of all of them (the others parsed to say theirs)."""
    read: list[Source | ProfileError] = []
    for path in files:
        try:
            read.append(_read(path))
        except ProfileError as exc:
            read.append(exc)
    sources = [r for r in read if isinstance(r, Source)]
    if len(sources) == len(read):
        return sources
    problems: list[Problem] = []
    for r in read:
        try:
            if isinstance(r, ProfileError):
                raise r
            _profile_layer(r)
        except ProfileError as exc:
            problems += exc.problems
    raise ProfileError(problems)


def _layers_of(sources: Sequence[Source]) -> list[Layer]:
    """Every source parsed, or one ProfileError with the problems of all of them.

    Whether each is a profile at all (:func:`_check_profile_keys`) is asked with the profile
    (:attr:`Loaded.profile`): it needs the models, and an up-to-date build's files are, byte for
    byte, files that made a valid profile. Here it is asked only of a set already failing.
    """
    layers: list[Layer] = []
    problems: list[Problem] = []
    for source in sources:
        try:
            layers.append(_parsed(source.raw, source.shown))
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        try:
            _check_all(layers)
        except ProfileError as exc:
            problems += exc.problems
        raise ProfileError(sorted(problems, key=lambda p: [s.shown for s in sources].index(p.file)))
    return layers


@functools.lru_cache(maxsize=8)
def _parsed(raw: bytes, shown: str) -> Layer:
    """The layer of a file's bytes, parsed once a process for the same bytes (an error is not kept).

    ``list`` and ``check`` load the partner again with each of its visits, and ``watch`` with each save:
    the same defaults and partner bytes, parsed once. Layers are only read (merging makes new mappings).
    """
    from briefgen.data.loading import layer_of  # PyYAML: an up-to-date partner's build only reads bytes

    return layer_of(raw, shown)


def _check_all(layers: Sequence[Layer]) -> None:
    """One ProfileError naming every layer that is no profile at all."""
    problems: list[Problem] = []
    for layer in layers:
        try:
            _check_profile_keys(layer)
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)


def input_files(name: str, places: Places) -> list[Path]:
    """The files profile or visit ``name`` is made of, in merge order (defaults, partner, visit).

    Only a visit file is read (for the name of its partner): enough to tell whether a pack's
    inputs changed without loading every profile.
    """
    from briefgen.data.loading import load_layer  # PyYAML: see load()

    if not places.is_visit(name):
        return places.profile_files(name)
    visit = load_layer(places.visit_file(name))
    return [*places.profile_files(partner_of(visit, places)), places.visit_file(name)]


def layers_for(target: str, places: Places) -> list[Layer]:
    """The layers ``validate`` checks for a name or a path (a visit file merges over its partner)."""
    if not ("/" in target or target.endswith((".yaml", ".yml"))):
        layers = load(target, places).layers
        _check_all(layers)
        return layers
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
    from briefgen.data.loading import Layer  # PyYAML: see load()

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
    """The layer of a profile, visit or defaults file, or one line if none of its keys is a profile's."""
    return _profile_layer(_read(path))


def _profile_layer(source: Source) -> Layer:
    """The layer of a file read, checked to be a profile (see :func:`_check_profile_keys`)."""
    from briefgen.data.loading import layer_of  # PyYAML: see load()

    layer = layer_of(source.raw, source.shown)
    _check_profile_keys(layer)
    return layer


def _check_profile_keys(layer: Layer) -> None:
    """One ProfileError if none of the layer's keys is a profile's.

    A file that is not a profile at all (a password file, some other program's settings) gets
    that one line: each of its keys reported as "unknown key" would echo its content back.
    """
    from briefgen.data.schema import Profile  # pydantic and the models: an up-to-date build needs neither

    if not any(key in Profile.model_fields for key in layer.data):
        message = (
            f"is not a briefgen profile: none of its {len(layer.data)} top-level key(s) is a profile key "
            "such as 'partner:' or 'sources:' (its content is not shown); see 'briefgen new'"
        )
        raise ProfileError([Problem(layer.file, None, None, "", message)])
