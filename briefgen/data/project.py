"""A project folder of one's own: ``briefgen init`` makes it, every command finds it as git finds a repository.

A project is a folder with a ``briefgen.toml``; commands look for the nearest one from the current
directory upward. It holds ``profiles/`` (with a ``defaults.yaml`` to fill), ``templates/`` (an
optional override of the shipped templates) and ``out/``. ``briefgen.toml`` holds what a team
shares, every key optional:

    out = "out"                  # the output folder (relative to the project), --out's default
    profiles = "profiles"        # the profiles folder
    templates = "templates"      # the templates folder, used when it holds a template
    template = "default"         # --template's default
    languages = ["fr", "en"]     # the languages the team builds in; the first is --lang's default
    marking = "DIFFUSION RESTREINTE"  # the marking defaults.yaml was made with

An unknown key, or a value of the wrong kind, is bad input (exit 2) reported with its file:line.

A ``briefgen.toml`` chooses which templates run and where files are written, so it is trusted as
git trusts a repository since CVE-2022-24765 (:func:`find_project`):

- the walk up from the current folder examines the user's home (``$HOME``) but never a folder
  above it, never crosses into another file system (a parent with another ``st_dev``), and never
  examines a folder of ``BRIEFGEN_CEILING_DIRECTORIES`` (absolute paths separated by
  ``os.pathsep``, as ``GIT_CEILING_DIRECTORIES``) nor any folder above one; the start folder
  itself is always examined;
- a toml found, or its project folder, that belongs to another user or that the group or others
  may write is refused (InputError, exit 2) with what to do, never silently skipped: a toml
  planted in a shared parent folder must not quietly decide where a colleague's build writes.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.errors import InputError, Problem, ProfileError

CONFIG = "briefgen.toml"
_KEYS: dict[str, type] = {
    "out": str,
    "profiles": str,
    "templates": str,
    "template": str,
    "languages": list,
    "marking": str,
}


@dataclass(frozen=True)
class Project:
    """A folder made by ``briefgen init``, as its ``briefgen.toml`` describes it."""

    root: Path
    config: Path
    profiles: Path
    templates: Path
    out: Path
    template: str | None = None
    languages: tuple[str, ...] = ()
    marking: str | None = None

    @property
    def lang(self) -> str | None:
        """The default build language: the first of ``languages``, if any."""
        return self.languages[0] if self.languages else None


CEILINGS = "BRIEFGEN_CEILING_DIRECTORIES"
"""The environment variable naming folders the search for ``briefgen.toml`` never enters."""


def find_project(start: Path | None = None) -> Project | None:
    """The project of the nearest ``briefgen.toml`` from ``start`` (the cwd) upward, or None.

    The walk and the ownership rule are this module's docstring's; a toml refused by that rule
    is an InputError naming it and saying what to do.
    """
    config = find_config(start)
    if config is None:
        return None
    check_trusted(config)
    return load_project(config)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``briefgen.toml`` from ``start`` upward within the search's bounds (unchecked), or None."""
    for folder in search_folders(start):
        config = folder / CONFIG
        if config.is_file():
            return config
    return None


def search_folders(start: Path | None = None) -> list[Path]:
    """The folders the search examines, nearest first: up to ``$HOME``, a file-system boundary or a ceiling."""
    here = Path(os.path.normpath((start or Path.cwd()).absolute()))
    homes = _as_folders(os.environ.get("HOME", ""))
    ceilings = {f for entry in os.environ.get(CEILINGS, "").split(os.pathsep) for f in _as_folders(entry)}
    try:
        device = here.stat().st_dev
    except OSError:
        return []
    folders = [here]
    for folder in here.parents:
        if folders[-1] in homes or folder in ceilings:
            break
        try:
            if folder.stat().st_dev != device:
                break
        except OSError:
            break
        folders.append(folder)
    return folders


def _as_folders(entry: str) -> set[Path]:
    """An absolute path as written and as resolved (a home reached through a link); nothing for a relative one."""
    if not entry or not os.path.isabs(entry):
        return set()  # relative or empty entries are ignored, as git ignores them
    found = {Path(os.path.normpath(entry))}
    with contextlib.suppress(OSError, RuntimeError):
        found.add(Path(entry).resolve())
    return found


def check_trusted(config: Path) -> None:
    """Refuse (InputError) a ``briefgen.toml``, or its folder, owned by another user or writable by others.

    As git does, root running through ``sudo`` also trusts what belongs to the user who ran sudo (``SUDO_UID``).
    """
    uid = os.geteuid()
    sudo = os.environ.get("SUDO_UID", "")
    for path in (config, config.parent):
        try:
            info = path.stat()
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        owner_ok = uid == 0 and sudo.isdigit() and info.st_uid == int(sudo)
        why = untrusted(path, info, info.st_uid if owner_ok else uid)
        if why:
            raise InputError(why)


def untrusted(path: Path, info: os.stat_result, uid: int) -> str:
    """Why ``path`` (a ``briefgen.toml`` or its project folder, with its ``stat``) is not trusted by ``uid``, or ``""``.

    It must belong to ``uid`` and be writable by no one else (group or others); the message
    names the file and the command that makes it trusted, or the way around it.
    """
    what = "project folder" if stat.S_ISDIR(info.st_mode) else "project settings"
    config = path / CONFIG if stat.S_ISDIR(info.st_mode) else path
    if info.st_uid != uid:
        return (
            f"{path}: refused: this {what} belongs to another user (uid {info.st_uid}), and {config} decides which "
            f"templates run and where files are written; if you trust it, make it yours ('chown {_user(uid)} {path}'), "
            f"else run briefgen outside it or add its folder to ${CEILINGS}"
        )
    writable = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if writable:
        who = "others" if info.st_mode & stat.S_IWOTH else "its group"
        return (
            f"{path}: refused: {who} can write to this {what} (mode {stat.S_IMODE(info.st_mode):04o}), so anyone "
            f"there could change which templates run; make it yours alone ('chmod go-w {path}')"
        )
    return ""


def load_project(config: Path) -> Project:
    """Read and check ``config`` (a ``briefgen.toml``); ProfileError with file:line on a bad key or value."""
    try:
        text = config.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise InputError(f"{config}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{config}: not valid TOML ({exc}); see 'briefgen init' for the expected form") from None
    problems = _problems(config, text, data)
    if problems:
        raise ProfileError(problems)
    root = config.parent

    def folder(key: str) -> Path:
        return root / str(data.get(key, key))

    languages = tuple(str(x) for x in data.get("languages", []))
    return Project(
        root, config, folder("profiles"), folder("templates"), folder("out"),
        data.get("template"), languages, data.get("marking"),
    )  # fmt: skip


def _problems(config: Path, text: str, data: dict[str, Any]) -> list[Problem]:
    from briefgen.languages import LANGUAGES

    found = []
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in _KEYS:
            import difflib

            close = difflib.get_close_matches(key, list(_KEYS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(_KEYS)}"
            found.append(Problem(str(config), line, None, key, f"unknown key; {hint}"))
        elif not isinstance(value, _KEYS[key]):
            kind = 'a list of languages such as ["fr", "en"]' if _KEYS[key] is list else "a quoted text"
            found.append(Problem(str(config), line, None, key, f"expected {kind}"))
        elif key == "languages" and isinstance(value, list):
            # A TOML array may hold numbers, tables, arrays: each is named, never hashed or compared.
            not_text = [v for v in value if not isinstance(v, str)]
            wrong = [v for v in value if isinstance(v, str) and v not in LANGUAGES]
            if not_text:
                message = (
                    f'expected a list of languages such as ["fr", "en"], got {_toml_kind(not_text[0])} '
                    f"among them; write each language as a quoted code: {', '.join(LANGUAGES)}"
                )
                found.append(Problem(str(config), line, None, key, message))
            elif wrong:
                message = f"unknown language {wrong[0]!r}: use {', '.join(LANGUAGES)}"
                found.append(Problem(str(config), line, None, key, message))
    return found


def _user(uid: int) -> str:
    """The name of user ``uid`` for a ``chown`` command, or the number when it has none."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _toml_kind(value: object) -> str:
    """What a TOML value is, in the words of the TOML format (``a number``, ``a table``)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return "a date or time" if value is not None else "nothing"


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(\[\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


_TOML = """\
# briefgen project settings, shared by the team (see 'briefgen init --help').
# Every command run in this folder or below it uses profiles/, templates/ and out/ here.
out = "out"
profiles = "profiles"
templates = "templates"
template = "default"
languages = ["fr"]
{marking}
"""

_TEMPLATES_README = """\
# Templates of this project

Empty, the shipped templates are used. To override them, copy the shipped template folder here
(briefing.docx and/or briefing.html with its CSS and fonts): 'briefgen list' shows which folder
is in use, and 'briefgen validate --templates' checks a template.
"""


def init_project(folder: Path | str = ".", marking: str | None = None) -> list[Path]:
    """Create a project in ``folder``: briefgen.toml, profiles/defaults.yaml, templates/, out/; return what was made.

    ``marking``, when given, is written into both briefgen.toml and defaults.yaml. The toml, and the
    folder when this makes it, are writable by the user alone (see :func:`untrusted`). Refuses
    (InputError) when ``folder`` already holds a ``briefgen.toml``; never overwrites a file.
    ``folder`` is used as given, but ``profiles/`` and ``templates/``, and the files written into
    them, are never followed if they are links (refused, exit 2): init writes only inside ``folder``.
    """
    from briefgen.data.skeleton import defaults_skeleton

    root = Path(folder)
    config = root / CONFIG
    if config.exists():
        raise InputError(f"{config} already exists: this folder is a briefgen project; edit that file instead")
    files = (
        (root / "profiles" / "defaults.yaml", defaults_skeleton(marking)),
        (root / "templates" / "README.md", _TEMPLATES_README),
        (config, _TOML.format(marking=f"marking = {_toml_string(marking)}" if marking else '# marking = "…"')),
    )
    # Every link refused before anything is made; _create_new holds even if one is swapped in after.
    for path in (root / "profiles", root / "templates", *(path for path, _ in files)):
        if path.is_symlink():
            raise InputError(_link_refused(path))
    made: list[Path] = []
    fresh = not root.exists()
    try:
        for sub in ("profiles", "templates", "out"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        for path, text in files:
            if _create_new(root, path, text):
                made.append(path)
        # Under a umask of 002 the toml would be group-writable, which find_project refuses.
        for path in (config, root) if fresh else (config,):
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~(stat.S_IWGRP | stat.S_IWOTH))
    except OSError as exc:
        raise InputError(f"{root}: cannot create the project ({exc.strerror or exc})") from None
    return [*made, root / "out"]


def _link_refused(path: Path) -> str:
    return f"{path}: is a symbolic link; briefgen init does not write through links: remove it and run init again"


def _create_new(root: Path, path: Path, text: str) -> bool:
    """Write ``text`` into a new file ``path`` below ``root``; False if a file is already there.

    The folder between ``root`` and the file (``profiles``, ``templates``) and the file itself are
    opened without following links (``O_NOFOLLOW``, relative to the parent's descriptor), so a link
    swapped in after the check above cannot send the file elsewhere either.
    """
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in path.parent.relative_to(root).parts:
            try:
                child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError:
                if stat.S_ISLNK(os.lstat(part, dir_fd=fd).st_mode):
                    raise InputError(_link_refused(path.parent)) from None
                raise
            os.close(fd)
            fd = child
        try:
            mode = os.lstat(path.name, dir_fd=fd).st_mode
        except FileNotFoundError:
            pass
        else:
            if stat.S_ISLNK(mode):
                raise InputError(_link_refused(path))
            return False
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(path.name, flags, 0o666, dir_fd=fd), "w", encoding="utf-8") as handle:
            handle.write(text)
        return True
    finally:
        os.close(fd)


def _toml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def installed_package_folder(path: Path) -> bool:
    """Whether ``path`` lies inside an installed package (site-packages), where briefgen never writes."""
    parts = path.resolve().parts
    return "site-packages" in parts or "dist-packages" in parts or "_shipped" in parts
