"""Find profiles and templates: which folders, which names, which files make up a profile.

Search order for the profiles folder (the templates folder likewise):

1. ``--profiles DIR`` (``--templates DIR``);
2. the ``BRIEFGEN_PROFILES`` (``BRIEFGEN_TEMPLATES``) environment variable;
3. the shipped folder: ``briefgen/_shipped/profiles`` in an installed wheel, else ``profiles/``
   beside the ``briefgen`` package in a source checkout.

A profile NAME is a file ``NAME.yaml`` of the profiles folder, merged over ``defaults.yaml``
of the same folder when there is one. Names are plain words, never paths.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import InputError

DEFAULTS = "defaults"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_PACKAGE = Path(__file__).resolve().parent


def _shipped(kind: str) -> Path:
    inside = _PACKAGE / "_shipped" / kind
    return inside if inside.is_dir() else _PACKAGE.parent / kind


@dataclass(frozen=True)
class Places:
    """The profiles and templates folders in use."""

    profiles: Path
    templates: Path

    @classmethod
    def find(cls, profiles: Path | str | None = None, templates: Path | str | None = None) -> Places:
        """Resolve both folders by the search order in this module's docstring."""
        return cls(
            _folder(profiles, "BRIEFGEN_PROFILES", "profiles"),
            _folder(templates, "BRIEFGEN_TEMPLATES", "templates"),
        )

    def partner_names(self) -> list[str]:
        """The partner profiles found, sorted."""
        return sorted(p.stem for p in self.profiles.glob("*.yaml") if p.stem != DEFAULTS and _NAME.fullmatch(p.stem))

    def profile_files(self, name: str) -> list[Path]:
        """The files that make up profile ``name``, in merge order (defaults first)."""
        check_name(name)
        path = self.profiles / f"{name}.yaml"
        if not path.is_file():
            known = self.partner_names()
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            shown = ", ".join(known) or "none"
            raise InputError(
                f"no profile named '{name}' in {self.profiles}{hint} (profiles found: {shown}; see 'briefgen list')"
            )
        defaults = self.profiles / f"{DEFAULTS}.yaml"
        return [defaults, path] if defaults.is_file() else [path]


def check_name(name: str) -> None:
    """Refuse anything but a plain profile name: no path separators, dots, NUL or absolute paths."""
    if not _NAME.fullmatch(name):
        raise InputError(
            f"'{name}' is not a profile name: use letters, digits, '-' and '_' only, such as 'japan' "
            "(see 'briefgen list')"
        )


def _folder(given: Path | str | None, variable: str, kind: str) -> Path:
    if given is None or str(given) == "":
        env = os.environ.get(variable)
        if env:
            given, origin = env, f"${variable}"
        else:
            return _shipped(kind)
    else:
        origin = f"--{kind}"
    path = Path(given).expanduser()
    if not path.is_dir():
        raise InputError(f"{origin}: '{path}' is not a folder")
    return path
