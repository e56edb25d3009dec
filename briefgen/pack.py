"""Pre-visit packs: the briefing, a one-page key-facts sheet, a manifest and a zip, for one name.

A pack ``OUT/NAME/`` holds ``briefing.docx``, ``briefing.pdf``, ``key-facts.pdf``, ``facts.json``
(the facts it states, see briefgen.facts) and ``manifest.json``; ``OUT/NAME.zip`` holds the same
five files. Files are written in that order, each atomically, the zip next and the manifest
last: a pack whose manifest is missing, or does not match its files, was interrupted and is
rebuilt rather than skipped.

The manifest records the sha256 of every input (profile layers, visit file, template files,
fonts), briefgen's version and the options; the digest of all that (``inputs_digest``) is what
``is_up_to_date`` compares, so that an unchanged pack is skipped without being rendered.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.catalog import Places
from briefgen.output import fixed_zip, open_regular, read_regular, write_all, write_atomic

DOCUMENTS = ("briefing.docx", "briefing.pdf", "key-facts.pdf")
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
STEPS = ("load", "briefing.docx", "briefing.pdf", "key-facts.pdf", "write")
"""What a pack build reports progress on, in order."""


@dataclass(frozen=True)
class PackResult:
    """What building (or skipping) one pack did."""

    name: str
    status: str
    """``built``, ``up to date`` or ``failed``."""
    seconds: float = 0.0
    outputs: tuple[str, ...] = ()
    error: str = ""
    exit_code: int = 0
    peak_rss_kb: int = 0


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, in hex."""
    return _cached_digest(str(path), *_stat_key(path))


def _stat_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=512)
def _cached_digest(path: str, mtime_ns: int, size: int) -> str:
    # Keyed on mtime and size too: a batch hashes the same fonts for every pack, once.
    digest = hashlib.sha256()
    with open_regular(Path(path), follow=True) as f:  # a pipe must not block, a device never ends
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def template_files(template_dir: Path, out: Path | None = None) -> list[Path]:
    """The files of a template folder, without the other templates nested in it (shipped layout).

    Left out too: the output folder ``out`` when it lies inside the template folder (a pack must
    not count its own outputs as inputs, or it would be rebuilt on every run), and hidden files
    such as the temporaries of a build in progress.
    """
    skipped = out.resolve() if out is not None else None
    found = []
    for path in sorted(template_dir.rglob("*")):
        inner = path.relative_to(template_dir).parts
        if not path.is_file() or "__pycache__" in inner or any(part.startswith(".") for part in inner):
            continue
        if skipped is not None and path.resolve().is_relative_to(skipped):
            continue
        if len(inner) > 1 and _is_template(template_dir / inner[0]):
            continue
        found.append(path)
    return found


def _is_template(folder: Path) -> bool:
    return (folder / "briefing.docx").is_file() or (folder / "briefing.html").is_file()


def inputs_record(
    inputs: list[Path], base: Path, template_dir: Path, options: dict[str, Any], out: Path | None = None
) -> dict[str, Any]:
    """The manifest's record of what a pack is made from, with the digest that sums it up.

    Input paths are written relative to ``base`` (the profiles folder), template files relative
    to the template folder: a manifest names no folder of the machine that built it. Files
    under ``out`` (the packs themselves) are not inputs.
    """
    files = [{"path": _relative(p, base), "sha256": file_digest(p)} for p in inputs]
    templates = [
        {"path": str(p.relative_to(template_dir)), "sha256": file_digest(p)} for p in template_files(template_dir, out)
    ]
    record = {"version": __version__, "options": options, "inputs": files, "templates": templates}
    # Paths are left out of the digest: the same files moved elsewhere give the same pack.
    summary = {
        "version": __version__,
        "options": options,
        "inputs": [f["sha256"] for f in files],
        "templates": [[t["path"], t["sha256"]] for t in templates],
    }
    record["inputs_digest"] = hashlib.sha256(json.dumps(summary, sort_keys=True).encode()).hexdigest()
    return record


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def is_up_to_date(folder: Path, zip_path: Path, digest: str) -> bool:
    """Whether the pack in ``folder`` was built from inputs with ``digest`` and is complete and intact.

    Anything that is not a regular file (a link, a folder, a pipe, a device) is not a pack's
    output: it is never read (a pipe would block, ``/dev/zero`` never ends), and the pack is rebuilt.
    """
    try:
        raw = read_regular(folder / MANIFEST, MAX_MANIFEST_BYTES)
        manifest = json.loads(raw)
        if manifest.get("inputs_digest") != digest:
            return False
        for entry in manifest["outputs"]:
            path = folder / entry["path"]
            if not stat.S_ISREG(path.lstat().st_mode) or path.stat().st_size != entry["size"]:
                return False
            if file_digest(path) != entry["sha256"]:
                return False
        with open_regular(zip_path) as stream, zipfile.ZipFile(stream) as archive:
            return archive.read(f"{folder.name}/{MANIFEST}") == raw
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return False


def build_pack(
    name: str,
    *,
    out: Path,
    places: Places,
    lang: str | None = None,
    template: str | None = None,
    on_step: Callable[[str], None] = lambda step: None,
) -> list[Path]:
    """Build the pack of profile or visit ``name`` into ``out/NAME/`` and ``out/NAME.zip``; return the files."""
    from briefgen import api
    from briefgen.facts import FILENAME as FACTS
    from briefgen.facts import facts_bytes
    from briefgen.render.html import render_html
    from briefgen.render.pdf import render_pdf

    on_step("load")
    template_dir = api.template_dir(places, template, ("docx", "pdf"))
    view = api.briefing(name, lang=lang, places=places)
    options = pack_options(lang, template)
    record = inputs_record(api.input_files(name, places), places.profiles, template_dir, options, out)
    documents = api.render(view, template_dir, ("docx",))
    on_step("briefing.docx")
    documents.update(api.render(view, template_dir, ("pdf",)))
    on_step("briefing.pdf")
    documents["key-facts.pdf"] = render_pdf(render_html(view, template_dir, "key-facts.html"), template_dir)
    on_step("key-facts.pdf")
    documents[FACTS] = facts_bytes(name, api.load_profile(name, places))

    outputs = [
        {"path": filename, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for filename, data in documents.items()
    ]
    manifest = json.dumps({**record, "name": name, "outputs": outputs}, ensure_ascii=False, indent=2).encode()
    folder = out / name
    zip_path = out / f"{name}.zip"
    # The documents and the zip are replaced together (all written, then all renamed); the
    # manifest comes last: a pack without its manifest, or with a stale one, is rebuilt.
    files = {folder / filename: data for filename, data in documents.items()}
    archive = fixed_zip((f"{name}/{n}", d) for n, d in sorted({**documents, MANIFEST: manifest}.items()))
    write_all({**files, zip_path: archive}, out)
    write_atomic(folder / MANIFEST, manifest, out)
    on_step("write")
    return [*(folder / f for f in documents), folder / MANIFEST, zip_path]


def pack_options(lang: str | None, template: str | None) -> dict[str, Any]:
    """The options that shape a pack's bytes, as the manifest records them."""
    return {"lang": lang, "template": template or "default", "formats": list(DOCUMENTS)}
