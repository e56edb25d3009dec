"""Zip archives with fixed dates and modes: equal entries give equal bytes (DOCX files, packs)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable


def fixed_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` entries, in the order given, with fixed dates and modes.

    Equal entries give equal bytes: DOCX files (python-docx stamps the current time), the
    shipped template and pack archives are all written through here, so manifests can hash them.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return buffer.getvalue()


def refixed_zip(data: bytes) -> bytes:
    """The zip ``data`` rewritten by :func:`fixed_zip`, its entries in their original order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return fixed_zip((info.filename, source.read(info.filename)) for info in source.infolist())
