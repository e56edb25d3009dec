"""Find profiles and templates: which folders, which names, which files make up a profile.

Search order for the profiles folder (the templates folder likewise):

1. ``--profiles DIR`` (``--templates DIR``);
2. the ``BRIEFGEN_PROFILES`` (``BRIEFGEN_TEMPLATES``) environment variable;
3. the nearest project folder made by ``briefgen init``, from the current directory upward
   (its ``briefgen.toml`` names the folders; see briefgen.data.project): its templates folder only
   when it holds a template;
4. the shipped folder: ``briefgen/_shipped/profiles`` in an installed wheel, else ``profiles/``
   beside the ``briefgen`` package in a source checkout.

A partner NAME is a file ``NAME.yaml`` of the profiles folder, merged over ``defaults.yaml``
of the same folder when there is one. A visit NAME is a file ``visits/NAME.yaml`` of the
profiles folder; its ``partner:`` key names the partner profile it is merged over. When a
partner and a visit share a name, the partner wins. Names are plain words, never paths.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.data.files import describe
from briefgen.data.layout import DEFAULTS, VISITS
from briefgen.data.project import Project, find_project
from briefgen.errors import InputError
from briefgen.text import quoted

__all__ = ["DEFAULTS", "VISITS", "Places", "check_name"]  # DEFAULTS, VISITS: briefgen.data.layout, named once
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_PACKAGE = Path(__file__).resolve().parent.parent


def shipped(kind: str) -> Path:
    """The shipped ``profiles`` or ``templates`` folder (in the wheel, or beside the package)."""
    inside = _PACKAGE / "_shipped" / kind
    return inside if inside.is_dir() else _PACKAGE.parent / kind


@dataclass(frozen=True)
class Places:
    """The profiles and templates folders in use."""

    profiles: Path
    templates: Path
    project: Project | None = field(default=None, compare=False)
    """The project found from the current directory, whether or not its folders are the ones in use."""

    @classmethod
    def find(cls, profiles: Path | str | None = None, templates: Path | str | None = None) -> Places:
        """Resolve both folders by the search order in this module's docstring."""
        project = find_project()
        found_profiles = _folder(profiles, "BRIEFGEN_PROFILES", "profiles")
        found_templates = _folder(templates, "BRIEFGEN_TEMPLATES", "templates")
        if project is not None:
            if found_profiles is None:
                found_profiles = _project_folder(project.profiles, project.config)
            if found_templates is None and _holds_template(project.templates):
                found_templates = project.templates
        return cls(found_profiles or shipped("profiles"), found_templates or shipped("templates"), project)

    @property
    def fonts(self) -> Path | None:
        """The fonts folder of the project found (``PROJECT/fonts``: briefgen.data.fonts), or None outside one."""
        from briefgen.data.fonts import FOLDER

        return self.project.root / FOLDER if self.project is not None else None

    def added_fonts(self) -> tuple[Path, ...]:
        """The font files the project adds (none outside a project); InputError for one that is not a plain file."""
        from briefgen.data.fonts import added_fonts

        return added_fonts(self.fonts)

    @property
    def origin(self) -> str:
        """Where the profiles folder comes from: ``project PATH/briefgen.toml``, ``shipped`` or ``given``."""
        if self.project is not None and self.profiles == self.project.profiles:
            return f"project {self.project.config}"
        return "shipped examples" if self.profiles == shipped("profiles") else "given"

    def partner_names(self) -> list[str]:
        """The partner profiles found, sorted."""
        return sorted(p.stem for p in self.profiles.glob("*.yaml") if p.stem != DEFAULTS and _NAME.fullmatch(p.stem))

    def visit_names(self) -> list[str]:
        """The visits found (``visits/*.yaml``), sorted."""
        return sorted(p.stem for p in (self.profiles / VISITS).glob("*.yaml") if _NAME.fullmatch(p.stem))

    def is_visit(self, name: str) -> bool:
        """Whether ``name`` is a visit rather than a partner profile."""
        check_name(name)
        return not _lexists(self.profiles / f"{name}.yaml") and _lexists(self.profiles / VISITS / f"{name}.yaml")

    def visit_file(self, name: str) -> Path:
        """The file of visit ``name``."""
        check_name(name)
        path = self.profiles / VISITS / f"{name}.yaml"
        if not _lexists(path):
            raise self._unknown(name)
        self._check_readable(path, "visit")
        return path

    def profile_files(self, name: str) -> list[Path]:
        """The files that make up partner profile ``name``, in merge order (defaults first)."""
        check_name(name)
        path = self.profiles / f"{name}.yaml"
        if not _lexists(path):
            raise self._unknown(name)
        self._check_readable(path, "profile")
        defaults = self.profiles / f"{DEFAULTS}.yaml"
        if not _lexists(defaults):
            return [path]
        self._check_readable(defaults, "defaults")
        return [defaults, path]

    def _check_readable(self, path: Path, kind: str) -> None:
        """Refuse a file of the profiles folder that is not a regular file inside it, unread.

        A folder, a pipe (reading it would block for ever), a device (``/dev/zero`` never ends),
        a dangling or looping link, or a link to a file outside the profiles folder (which could
        be any file of the machine, echoed back in messages) is named and refused.
        """
        why = unreadable(path, self.profiles)
        if why:
            raise InputError(f"{path}: {why}, not a {kind} file; {_FIX[kind]}")

    def ignored(self) -> list[str]:
        """The files of the profiles folder that are not read, each with why and what to do."""
        notes = []
        for folder in (self.profiles, self.profiles / VISITS):
            try:
                entries = sorted(folder.iterdir()) if folder.is_dir() else []
            except OSError:
                continue
            for path in entries:
                if path.suffix == ".yml":
                    notes.append(f"{path}: ignored: profile files end in '.yaml'; rename it {path.stem}.yaml")
                elif path.suffix == ".yaml" and not _NAME.fullmatch(path.stem):
                    notes.append(
                        f"{path}: ignored: {quoted(path.stem)} is not a profile name (letters, digits, '-' and '_', "
                        "at most 64); rename it"
                    )
        return notes

    def _unknown(self, name: str, kind: str = "profile or visit") -> InputError:
        known = self.partner_names() + self.visit_names()
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        shown = ", ".join(known) or "none"
        for folder in (self.profiles, self.profiles / VISITS):
            if _NAME.fullmatch(name) and (folder / f"{name}.yml").is_file():
                return InputError(
                    f"no {kind} named '{name}': {folder / name}.yml is not read, profile files end in '.yaml'; "
                    f"rename it {name}.yaml"
                )
        if not close and self.project is None and self.profiles == shipped("profiles"):
            return InputError(
                f"no {kind} named '{name}', and no project here (no briefgen.toml in this folder or above): "
                "make one with 'briefgen init DIR', then 'briefgen new NAME' in it"
            )
        return InputError(f"no {kind} named '{name}' in {self.profiles}{hint} (found: {shown}; see 'briefgen list')")


_FIX = {
    "profile": "replace it with a NAME.yaml file",
    "visit": "replace it with a visits/NAME.yaml file",
    "defaults": "replace it with a defaults.yaml file or remove it",
}


def _lexists(path: Path) -> bool:
    return path.is_symlink() or path.exists()


def unreadable(path: Path, root: Path) -> str:
    """Why ``path`` is not a regular file inside folder ``root`` (``is a folder``...), or ``""``."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            try:
                resolved = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "is a link to nothing or to itself"
            if not resolved.is_relative_to(root.resolve()):
                return "is a link to a file outside the profiles folder; copy the file into the folder instead"
            info = resolved.stat()
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    kind = describe(info.st_mode)
    return f"is {kind}" if kind else ""


def check_name(name: str) -> None:
    """Refuse anything but a plain profile name: no path separators, dots, NUL or absolute paths."""
    if not _NAME.fullmatch(name):
        raise InputError(
            f"{quoted(name)} is not a profile name: use letters, digits, '-' and '_' only, such as 'japan' "
            "(see 'briefgen list')"
        )


def _holds_template(folder: Path) -> bool:
    return (folder / "briefing.docx").is_file() or (folder / "briefing.html").is_file()


def _project_folder(path: Path, config: Path) -> Path:
    if not path.is_dir():
        raise InputError(f"{config}: its profiles folder '{path}' is not a folder; create it or fix 'profiles ='")
    return path


def _folder(given: Path | str | None, variable: str, kind: str) -> Path | None:
    """The folder given or named by ``variable``; None when neither says (the project or shipped one then)."""
    if given is not None and str(given) != "":
        path = Path(given).expanduser()
        if not path.is_dir():
            raise InputError(f"the {kind} folder '{path}' is not a folder", option=kind)
        return path
    env = os.environ.get(variable)
    if not env:
        return None
    path = Path(env).expanduser()
    if not path.is_dir():
        raise InputError(f"${variable}: '{path}' is not a folder")
    return path
