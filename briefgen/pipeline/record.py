"""The record a build or pack leaves beside its files: what it was made from, and what it wrote.

The record (a pack's ``manifest.json``, a build's ``.briefgen-build.json``) holds the sha256 of
every input (profile layers, visit file, template files, fonts), briefgen's version and the
options; the digest of all that (``inputs_digest``) is what :func:`is_up_to_date` compares, with
the size and sha256 of every output, so that an unchanged document is skipped without being
rendered, and a missing, edited or tampered output is rebuilt. It is written last: a run
interrupted before it leaves no record, or a stale one, and the next run rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.data.files import file_digest, open_regular, read_regular
from briefgen.render import is_template_folder

MAX_RECORD_BYTES = 16 * 1024 * 1024


def template_files(template_dir: Path, out: Path | None = None) -> list[Path]:
    """The files of a template folder, without the other templates nested in it (shipped layout).

    Left out too: the output folder ``out`` when it lies inside the template folder (a pack must
    not count its own outputs as inputs, or it would be rebuilt on every run), and hidden files
    such as the temporaries of a build in progress.
    """
    skipped = out.resolve() if out is not None else None
    found = []
    # os.walk, pruning whole folders, rather than rglob and a test per file: an unchanged build
    # lists this folder (92 files with the fonts) and must stay cheap. Links to folders are not followed.
    for folder, dirs, names in os.walk(template_dir):
        here = Path(folder)
        top = here == template_dir
        dirs[:] = sorted(
            d
            for d in dirs
            if not _hidden(d)
            and not (skipped is not None and (here / d).resolve().is_relative_to(skipped))
            and not (top and is_template_folder(here / d))
        )
        for name in names:
            path = here / name
            if _hidden(name) or not path.is_file():
                continue
            if skipped is not None and path.is_symlink() and path.resolve().is_relative_to(skipped):
                continue
            found.append(path)
    return sorted(found)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def inputs_record(
    inputs: Mapping[Path, str],
    base: Path,
    template_dir: Path,
    options: dict[str, Any],
    out: Path | None = None,
    fonts: Sequence[Path] = (),
) -> dict[str, Any]:
    """The record of what a document set is made from, with the digest that sums it up.

    ``inputs``: the sha256 of each profile file, by path, in merge order, as the load read them
    (briefgen.data.assembly.Loaded.digests: the files are not read again here). Input paths are
    written relative to ``base`` (the profiles folder), template files relative to the template
    folder: a record names no folder of the machine that built it. Files under ``out`` (the
    outputs themselves) are not inputs. ``fonts``: the fonts a project adds (briefgen.data.fonts), by
    file name; without any, the record and its digest are what they were before projects could add fonts.
    """
    files = [{"path": _relative(p, base), "sha256": sha256} for p, sha256 in inputs.items()]
    templates = [
        {"path": str(p.relative_to(template_dir)), "sha256": file_digest(p)} for p in template_files(template_dir, out)
    ]
    record = {"version": __version__, "options": options, "inputs": files, "templates": templates}
    # Paths are left out of the digest: the same files moved elsewhere give the same outputs.
    summary = {
        "version": __version__,
        "options": options,
        "inputs": [f["sha256"] for f in files],
        "templates": [[t["path"], t["sha256"]] for t in templates],
    }
    if fonts:
        added = [{"path": p.name, "sha256": file_digest(p)} for p in fonts]
        record["fonts"] = added
        summary["fonts"] = [[f["path"], f["sha256"]] for f in added]
    record["inputs_digest"] = hashlib.sha256(json.dumps(summary, sort_keys=True).encode()).hexdigest()
    return record


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def outputs_entries(documents: dict[str, bytes]) -> list[dict[str, Any]]:
    """The record's ``outputs``: each file's name, sha256 and size."""
    return [
        {"path": filename, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for filename, data in documents.items()
    ]


def image_entries(images: list[Path], base: Path) -> list[dict[str, str]]:
    """The record's ``images``: each logo or photo the profile names, relative to ``base``, with its sha256."""
    return [{"path": _relative(p, base), "sha256": file_digest(p)} for p in images]


def is_up_to_date(
    folder: Path, record_name: str, digest: str, zip_path: Path | None = None, base: Path | None = None
) -> bool:
    """Whether ``folder/record_name`` records inputs with ``digest`` and every output it lists is intact."""
    return read_up_to_date(folder, record_name, digest, zip_path, base) is not None


def read_up_to_date(
    folder: Path, record_name: str, digest: str, zip_path: Path | None = None, base: Path | None = None
) -> dict[str, Any] | None:
    """The record ``folder/record_name`` when it records inputs with ``digest`` and its files are intact; else None.

    With ``base`` (the profiles folder), each image the record lists (``images``: the logo and
    photos the profile named) must still have its recorded sha256: the profile names the same
    images as long as its layers are unchanged, so the images are checked from the record
    rather than by reading the profile. A record without ``images`` is not up to date.
    With ``zip_path``, the archive must hold that very record too. Anything that is not a
    regular file (a link, a folder, a pipe, a device) is not an output: it is never read (a pipe
    would block, ``/dev/zero`` never ends), and the documents are rebuilt.
    """
    try:
        raw = read_regular(folder / record_name, MAX_RECORD_BYTES)
        record = json.loads(raw)
        if record.get("inputs_digest") != digest:
            return None
        for entry in record["outputs"]:
            if not _intact(folder / entry["path"], entry["sha256"], entry["size"]):
                return None
        if base is not None:
            for image in record["images"]:
                relative = Path(image["path"])
                if relative.is_absolute() or ".." in relative.parts or not _intact(base / relative, image["sha256"]):
                    return None
        if zip_path is not None:
            with open_regular(zip_path) as stream, zipfile.ZipFile(stream) as archive:
                if archive.read(f"{folder.name}/{record_name}") != raw:
                    return None
        return record if isinstance(record, dict) else None
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return None


def _intact(path: Path, sha256: str, size: int | None = None) -> bool:
    """Whether ``path`` is a regular file (not a link) with that sha256 (and size)."""
    st = path.lstat()
    if not stat.S_ISREG(st.st_mode) or (size is not None and st.st_size != size):
        return False
    return file_digest(path) == sha256
