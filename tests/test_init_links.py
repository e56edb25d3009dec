"""``briefgen init`` never writes through a ``profiles/`` or ``templates/`` (folder or file) that is a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import run_cli


def _tree(root: Path) -> dict[str, str]:
    """Every entry below ``root`` (links not followed) with its kind, and a file's text."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        found[name] = "link" if path.is_symlink() else "folder" if path.is_dir() else path.read_text()
    return found


@pytest.mark.parametrize(
    ("link", "points_to"),
    [
        ("profiles", "folder"),
        ("templates", "folder"),
        ("profiles", "file"),
        ("profiles", "nothing"),
        ("profiles/defaults.yaml", "file"),
        ("templates/README.md", "nothing"),
        ("briefgen.toml", "nothing"),
    ],
)
def test_init_refuses_links(tmp_path: Path, link: str, points_to: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = {"folder": elsewhere, "file": elsewhere / "f.txt", "nothing": elsewhere / "missing"}[points_to]
    if points_to == "file":
        target.write_text("someone else's file\n")
    project = tmp_path / "desk"
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(target, target_is_directory=points_to == "folder")
    before, mine = _tree(elsewhere), _tree(project)

    code, out, err = run_cli("init", project)

    assert code == 2
    assert err.splitlines() == [
        f"error: {project / link}: is a symbolic link; briefgen init does not write through links: remove it "
        "and run init again"
    ]
    assert _tree(elsewhere) == before  # nothing written through the link
    assert _tree(project) == mine  # nor beside it: refused before anything is made


def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path: Path) -> None:
    """The write itself opens ``profiles/`` and the file without following links, whatever was checked before."""
    from briefgen.data.project import _create_new
    from briefgen.errors import InputError

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "profiles").symlink_to(elsewhere)
    with pytest.raises(InputError, match="profiles: is a symbolic link"):
        _create_new(tmp_path, tmp_path / "profiles" / "defaults.yaml", "x")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "README.md").symlink_to(elsewhere / "r.md")
    with pytest.raises(InputError, match="README.md: is a symbolic link"):
        _create_new(tmp_path, tmp_path / "templates" / "README.md", "x")
    assert list(elsewhere.iterdir()) == []
