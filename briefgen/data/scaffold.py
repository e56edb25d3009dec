"""``briefgen new``: write a skeleton (briefgen.data.skeleton) into the profiles folder, never over a file."""

from __future__ import annotations

from pathlib import Path

from briefgen.data.catalog import Places, check_name, shipped
from briefgen.data.layout import DEFAULTS, VISITS
from briefgen.data.loading import load_layer
from briefgen.data.project import installed_package_folder
from briefgen.data.skeleton import copied_visit, partner_of, partner_skeleton, visit_skeleton
from briefgen.errors import BriefgenError, InputError


def new_partner(name: str, places: Places | None = None) -> Path:
    """Write ``PROFILES/NAME.yaml``, a commented partner profile skeleton; refuse to overwrite."""
    places = places or Places.find()
    check_name(name)
    if (places.profiles / VISITS / f"{name}.yaml").is_file():
        raise InputError(f"a visit named '{name}' exists: a partner profile of the same name would hide it")
    inherited = _keys_of(places.profiles / f"{DEFAULTS}.yaml")
    return _write(places.profiles / f"{name}.yaml", partner_skeleton(name, inherited), name)


def new_visit(name: str, partner: str | None, places: Places | None = None) -> Path:
    """Write ``PROFILES/visits/NAME.yaml``, a commented visit skeleton over ``partner``; refuse to overwrite."""
    places = places or Places.find()
    check_name(name)
    if not partner:
        raise InputError(f"a visit is merged over a partner profile: name the partner of '{name}'", option="partner")
    places.profile_files(partner)  # the partner must exist for the visit to validate
    if (places.profiles / f"{name}.yaml").is_file():
        raise InputError(f"a partner profile named '{name}' exists: it would hide a visit of the same name")
    return _write(places.profiles / VISITS / f"{name}.yaml", visit_skeleton(name, partner), name)


def new_visit_from(name: str, start: str, partner: str | None = None, places: Places | None = None) -> Path:
    """Write ``PROFILES/visits/NAME.yaml``, a copy of visit ``start`` to rework (see :func:`copied_visit`).

    ``start`` is looked for among the visits in use, then among the shipped examples, so that a project
    made by ``briefgen init`` can start from the shipped example visit. Refuses to overwrite.
    """
    places = places or Places.find()
    check_name(name)
    check_name(start)
    source = places.profiles / VISITS / f"{start}.yaml"
    if not source.is_file():
        source = shipped("profiles") / VISITS / f"{start}.yaml"
    if not source.is_file():
        known = sorted(set(places.visit_names()) | {p.stem for p in (shipped("profiles") / VISITS).glob("*.yaml")})
        raise InputError(
            f"no visit named '{start}' to start from; known visits: {', '.join(known) or 'none'}", option="from"
        )
    if (places.profiles / f"{name}.yaml").is_file():
        raise InputError(f"a partner profile named '{name}' exists: it would hide a visit of the same name")
    text = copied_visit(source.read_text(encoding="utf-8"), name, start, partner)
    chosen = partner or partner_of(text)
    if chosen:
        places.profile_files(chosen)  # the partner must exist for the visit to validate
    return _write(places.profiles / VISITS / f"{name}.yaml", text, name)


def _keys_of(path: Path) -> set[str]:
    """The top-level keys a defaults file sets (none when it is missing or unreadable)."""
    if not path.is_file():
        return set()
    try:
        return set(load_layer(path).data)
    except BriefgenError:
        return set()


def _write(path: Path, text: str, name: str) -> Path:
    """Create ``path`` with ``text``; an existing file is left alone and reported; never inside a package."""
    if installed_package_folder(path.parent):
        raise InputError(
            f"{path.parent} is the shipped examples inside the installed briefgen package, where briefgen never "
            "writes: make a project folder with 'briefgen init DIR' and run 'briefgen new' inside it, "
            "or give another profiles folder",
            option="profiles",
        )
    folder = path.parent.parent if path.parent.name == VISITS else path.parent
    if folder.resolve() == shipped("profiles").resolve():
        raise InputError(
            "no project here (no briefgen.toml in this folder or above), and briefgen never writes into its "
            "shipped examples: make one with 'briefgen init DIR' and run 'briefgen new' inside it, "
            "or give a profiles folder",
            option="profiles",
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise InputError(
            f"{path} already exists; briefgen new never overwrites a file: edit it, "
            f"or choose another name (see 'briefgen list')"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); check the profiles folder") from None
    return path
