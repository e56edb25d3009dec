"""Page long terminal output, as git and man do (``briefgen preview``).

Output goes through the pager only when standard output is a terminal and what is drawn is taller than
the screen; ``--no-pager`` or a pipe prints it straight. The pager is ``$MANPAGER`` or ``$PAGER`` (Python's
``pydoc`` choice, ``less`` when neither is set); like git, ``LESS=-R`` is set when ``LESS`` is not, so that
``less`` shows colours rather than escape codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from rich.console import Console


def print_paged(draw: Callable[[Console], None], console: Console, *, page: bool = True) -> bool:
    """Call ``draw(console)``, through a pager when it fits no screen; return whether it was paged."""
    if not (page and console.is_terminal):
        draw(console)
        return False
    with console.capture() as captured:
        draw(console)
    text = captured.get()
    if text.count("\n") <= console.height:
        console.file.write(text)
        console.file.flush()
        return False
    os.environ.setdefault("LESS", "-R")
    with console.pager(styles=True, links=True):
        draw(console)
    return True
