"""``python -m briefgen`` is the ``briefgen`` command."""

from briefgen.cli import main

main()
