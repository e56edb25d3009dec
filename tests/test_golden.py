"""The documents' content does not change unless we mean it to: SHA-256 of each output, against tests/golden.json.

Each case builds a briefing dated 31 December 2025 through the Python API and hashes what does
not depend on the installed libraries' versions: the HTML that goes to WeasyPrint, the Markdown,
the DOCX's XML parts (not the zip: its bytes carry docxtpl's and python-docx's habits) and the PDF's
extracted text (not the PDF's bytes: WeasyPrint writes them its own way in each version). A
refactoring that keeps the documents identical keeps these hashes; a change to what a document
says changes them, and is refreshed on purpose:

    BRIEFGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

then commit ``tests/golden.json`` with the change that explains it.

The cases: the shipped ``japan`` in its three languages, the shipped visit in French, and the
FICTIONAL ``zenda-summit-2026`` fixture with a logo and a biography photo (the shipped profiles
have neither), so that images are covered too.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen import render
from briefgen.data.catalog import Places, shipped
from briefgen.pipeline.api import briefing
from briefgen.render.html import html_of

from .helpers import REPO

GOLDEN = Path(__file__).with_name("golden.json")
REFRESH = "BRIEFGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py"
DAY = dt.date(2025, 12, 31)

# Two tiny PNG files, written out here rather than drawn with Pillow, whose encoder may change.
EMBLEM = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAL0lEQVR4nO3NMQEAMAgAoLki9rCM/VtYwc8HChBZ/S78k1U"
    "sFovFYrFYLBaLxSsD55cA9A58Y4sAAAAASUVORK5CYII="
)
PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAB4AAAAoCAIAAABmcd1FAAAALklEQVR4nO3MQQEAQAQAsHO5JJFEfCl4bQEWXfl2/KVXrVa"
    "r1Wq1Wq1Wq9WH9QBFJwFeIj/AuQAAAABJRU5ErkJggg=="
)

CASES = [
    ("japan", "fr", True),
    ("japan", "en", True),
    ("japan", "vi", True),
    ("forum-quang-ninh", "fr", False),
    ("zenda-summit-2026", "fr", False),
]
"""(name, language, whether its PDF is laid out too: a PDF costs most of a second)."""


def _fictional_with_images(root: Path) -> Places:
    """The FICTIONAL fixtures, the partner with an emblem and one interlocutor with a photo."""
    profiles = root / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", profiles)
    (profiles / "images").mkdir()
    (profiles / "images" / "emblem.png").write_bytes(EMBLEM)
    (profiles / "images" / "rassendyll.png").write_bytes(PHOTO)
    partner = profiles / "ruritania.yaml"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(text.replace("  native: ルリタニア\n", "  native: ルリタニア\n  logo: images/emblem.png\n", 1))
    visit = profiles / "visits" / "zenda-summit-2026.yaml"
    anchor = "        address: Monsieur le Gouverneur\n"
    text = visit.read_text(encoding="utf-8")
    assert text.count(anchor) == 1
    visit.write_text(text.replace(anchor, f"{anchor}        photo: images/rassendyll.png\n"), encoding="utf-8")
    return Places(profiles, shipped("templates"))


def outputs(name: str, lang: str, with_pdf: bool, places: Places) -> dict[str, bytes]:
    """What is hashed for one briefing, by output name."""
    view = briefing(name, lang=lang, places=places, date=DAY)
    templates = places.templates
    found = {
        "briefing.html (to WeasyPrint)": html_of(view, templates).encode("utf-8"),
        "briefing.md": render.get("md").render(view, templates),
    }
    with zipfile.ZipFile(io.BytesIO(render.get("docx").render(view, templates))) as docx:
        for part in sorted(docx.namelist()):
            if part.startswith("word/") and part.endswith(".xml") and "/theme/" not in part:
                found[f"briefing.docx {part}"] = docx.read(part)
    if with_pdf:
        pdf = render.get("pdf").render(view, templates)
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
        found["briefing.pdf (extracted text)"] = "\f".join(pages).encode("utf-8")
    return found


def _refresh(case: str, hashes: dict[str, str]) -> None:
    """Write this case's hashes into golden.json, under a lock: cases may run in parallel processes."""
    with open(GOLDEN, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        stored = json.loads(handle.read() or "{}")
        stored[case] = hashes
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(dict(sorted(stored.items())), indent=2, ensure_ascii=False) + "\n")


@pytest.mark.parametrize(("name", "lang", "with_pdf"), CASES, ids=[f"{n}-{lang}" for n, lang, _ in CASES])
def test_outputs_match_their_stored_hashes(name: str, lang: str, with_pdf: bool, tmp_path: Path) -> None:
    places = Places(shipped("profiles"), shipped("templates")) if name in ("japan", "forum-quang-ninh") else None
    found = outputs(name, lang, with_pdf, places or _fictional_with_images(tmp_path))
    hashes = {output: hashlib.sha256(data).hexdigest() for output, data in found.items()}
    case = f"{name}/{lang}"
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1":
        _refresh(case, hashes)
        return
    stored = json.loads(GOLDEN.read_text(encoding="utf-8")).get(case)
    assert stored is not None, f"{case}: no stored hashes in {GOLDEN.name}; record them with {REFRESH}"
    changed = [
        f"  {output}: {stored.get(output, '(none stored)')} -> {hashes.get(output, '(no longer produced)')}"
        for output in sorted(set(stored) | set(hashes))
        if stored.get(output) != hashes.get(output)
    ]
    assert not changed, (
        f"{case}: these outputs are no longer byte-identical to the stored ones:\n"
        + "\n".join(changed)
        + f"\nIf the change is intended, refresh them with {REFRESH} and commit tests/golden.json."
    )
