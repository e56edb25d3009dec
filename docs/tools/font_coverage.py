"""Write ``templates/fonts/coverage.json``: the shipped fonts' families and code points, with their SHA-256.

    .venv/bin/python docs/tools/font_coverage.py [FOLDER]

Run it after changing a font of ``templates/fonts/``; ``tests/test_glyphs.py`` fails until the
file matches the fonts. briefgen reads the file to check glyphs without importing fontTools
(briefgen.data.glyphs), and only for a font whose bytes still have the recorded SHA-256.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from briefgen.data.glyphs import COVERAGE_FILE, coverage_record, shipped_fonts


def main() -> None:
    """Write the coverage file of FOLDER (default: the shipped fonts)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else shipped_fonts()
    fonts = coverage_record(folder)["fonts"]
    lines = [f"  {json.dumps(name)}: {json.dumps(fonts[name], sort_keys=True)}" for name in sorted(fonts)]
    text = '{"fonts": {\n' + ",\n".join(lines) + "\n}}\n"  # one font a line: a changed font is a one-line diff
    (folder / COVERAGE_FILE).write_text(text, encoding="utf-8")
    print(f"wrote {folder / COVERAGE_FILE}")


if __name__ == "__main__":
    main()
