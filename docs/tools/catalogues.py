"""Keep the interface-word catalogues in step with the code: extract, merge, compile, check.

    python docs/tools/catalogues.py          # writes briefgen/locale/briefgen.pot, merges it into every
                                        # LANG/LC_MESSAGES/briefgen.po, compiles each briefgen.mo

The words are declared in ``briefgen/words.py`` (``word(key, English)``: msgctxt, msgid); the languages
in ``briefgen/languages.py``. A translator edits only the ``.po`` of their language (any PO editor),
then runs this script; ``tests/test_catalogues.py`` fails while a ``.pot``/``.mo`` is stale, an entry
is untranslated or fuzzy. Dates in the headers are fixed so that the files change only with the words.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from briefgen.languages import DOMAIN, LANGUAGES, LOCALE_DIR  # noqa: E402

SOURCE = ROOT / "briefgen" / "words.py"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
_FIXED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_KEYWORDS = {"word": ((1, "c"), 2)}


def po_path(lang: str) -> Path:
    """Where the catalogue of ``lang`` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def template() -> Catalog:
    """The template extracted from ``briefgen/words.py``: every key, its English text, its translator comment."""
    catalog = Catalog(project="briefgen", creation_date=_FIXED, revision_date=_FIXED, fuzzy=False)
    found = extract_from_file(
        "python", SOURCE, keywords=_KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    )
    for line, msgid, comments, context in found:
        location = (SOURCE.relative_to(ROOT).as_posix(), line)
        catalog.add(msgid, locations=[location], auto_comments=comments, context=context)
    return catalog


def dump(catalog: Catalog) -> bytes:
    """``catalog`` as PO text."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_previous=False)
    return out.getvalue()


def merged(lang: str, pot: Catalog) -> Catalog:
    """The catalogue of ``lang`` brought up to the template (new words untranslated, gone words dropped)."""
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.creation_date = catalog.revision_date = _FIXED
    return catalog


def compiled(lang: str) -> bytes:
    """The ``.mo`` that the ``.po`` of ``lang`` compiles to."""
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def problems(lang: str) -> list[str]:
    """What keeps the catalogue of ``lang`` from being complete: missing, untranslated, fuzzy entries."""
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    found = [f"{lang}: fuzzy catalogue header"] if catalog.fuzzy else []
    for key, source in ((m.context, m.id) for m in template() if m.id):
        message = catalog.get(source, context=key)
        if message is None:
            found.append(f"{lang}: {key}: missing")
        elif not message.string:
            found.append(f"{lang}: {key}: untranslated")
        elif message.fuzzy:
            found.append(f"{lang}: {key}: fuzzy")
    return found


def main() -> int:
    """Write the template, merge it into every catalogue, compile them; report what is left to translate."""
    pot = template()
    TEMPLATE.write_bytes(dump(pot))
    left = []
    for lang in LANGUAGES:
        po_path(lang).write_bytes(dump(merged(lang, pot)))
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
        left += problems(lang)
    print("\n".join(left) or "catalogues up to date and complete")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
