"""The bootstrap's install step, offline, with the pip that ``python -m venv`` bundles, unchanged.

Reproduces the failure of a fresh clone (issue 18): a locked package asks for another's extra
(``alpha`` 1.0 needs ``beta[extra]>=1``, as WeasyPrint needs ``fonttools[woff]``) and a newer
``beta`` 2.0 sits beside the locked 1.0 (as fonttools 4.69.1 did on PyPI). The old command,
``pip install --require-hashes -r LOCK``, then fails; ``bootstrap.install`` passes.

The project installed here is built by a tiny backend, ``tinyback``, locked at 1.0; the wheel
folder also holds a ``tinyback`` 2.0 whose every hook fails. Build isolation would fetch the newest
backend the range allows (2.0, as pip would fetch a new hatchling from PyPI); ``install`` builds
with the locked one. Every wheel here is made by hand (FICTIONAL packages); nothing is fetched.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen import bootstrap

# Writes a wheel from {path in the wheel: bytes}: dist-info METADATA, WHEEL and RECORD included.
# Shared, as source, by this test and by the tiny build backend it installs.
_WHEEL_WRITER = """
import base64, hashlib, zipfile

def write_wheel(folder, name, version, files, metadata=()):
    info = f"{name}-{version}.dist-info"
    files = dict(files)
    files[f"{info}/METADATA"] = "\\n".join(
        ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", *metadata, ""]
    ).encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\\nGenerator: hand\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\\n".join(record) + "\\n").encode()
    wheel = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(f"{folder}/{wheel}", "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel
"""

# A PEP 660 backend: the editable wheel is a .pth file pointing at the project's folder.
_BACKEND_1 = (
    _WHEEL_WRITER
    + """
import os

def get_requires_for_build_editable(config_settings=None):
    return []

def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    pth = (os.getcwd() + "\\n").encode()
    return write_wheel(wheel_directory, "project", "0.1", {"project.pth": pth}, ["Requires-Dist: alpha==1.0"])
"""
)

_BACKEND_2 = """
def _refuse(*args, **kwargs):
    raise SystemExit("tinyback 2.0 was fetched from the index: the build was isolated")

get_requires_for_build_editable = build_editable = prepare_metadata_for_build_editable = _refuse
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Wheels, a hash-pinned lock, a project and a fresh venv; pip configuration of this machine ignored."""
    here = tmp_path_factory.mktemp("bootstrap")
    wheels = here / "wheels"
    wheels.mkdir()
    space: dict[str, object] = {}
    exec(_WHEEL_WRITER, space)
    write_wheel = space["write_wheel"]
    assert callable(write_wheel)
    made = {
        "alpha": write_wheel(wheels, "alpha", "1.0", {"alpha.py": b"import beta\n"}, ["Requires-Dist: beta[extra]>=1"]),
        "beta": write_wheel(wheels, "beta", "1.0", {"beta.py": b"VERSION = 1\n"}, ["Provides-Extra: extra"]),
        "tinyback": write_wheel(wheels, "tinyback", "1.0", {"tinyback.py": _BACKEND_1.encode()}),
    }
    write_wheel(wheels, "beta", "2.0", {"beta.py": b"VERSION = 2\n"}, ["Provides-Extra: extra"])
    write_wheel(wheels, "tinyback", "2.0", {"tinyback.py": _BACKEND_2.encode()})
    lock = here / "requirements.lock"
    lock.write_text("".join(f"{name}==1.0 --hash=sha256:{_sha256(wheels / wheel)}\n" for name, wheel in made.items()))
    project = here / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["tinyback>=1.0"]
            build-backend = "tinyback"
            """
        )
    )
    (project / "mine.py").write_text("import alpha\n")
    venv = here / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    saved = dict(os.environ)
    # This machine's pip.conf (an index, a wheel folder, constraints) must not take part.
    for key in [k for k in os.environ if k.startswith("PIP_")]:
        del os.environ[key]
    os.environ["PIP_CONFIG_FILE"] = os.devnull
    try:
        yield {"wheels": wheels, "lock": lock, "project": project, "python": venv / "bin" / "python"}
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _offline(world: dict[str, Path]) -> list[str]:
    return ["--no-index", "--find-links", str(world["wheels"])]


def test_old_command_fails_and_install_passes(world: dict[str, Path], capfd: pytest.CaptureFixture[str]) -> None:
    python = world["python"]
    old = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--require-hashes"]
    before = subprocess.run(
        [*old, *_offline(world), "-r", str(world["lock"])], capture_output=True, text=True, cwd=world["project"]
    )
    assert before.returncode != 0, before.stdout
    assert "beta" in before.stderr  # the extra of the locked package is what it refuses
    nothing = subprocess.run([str(python), "-c", "import alpha"], capture_output=True)
    assert nothing.returncode != 0

    bootstrap.install(python, world["project"], world["lock"], _offline(world))

    capfd.readouterr()
    # The locked versions, the project importable from its folder (editable), built by the locked backend.
    probe = "import alpha, beta, mine, tinyback; print(beta.VERSION, mine.__file__)"
    done = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", str(world["project"] / "mine.py")]


def test_a_failed_install_ends_with_what_to_try(
    world: dict[str, Path], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"gamma==1.0 --hash=sha256:{'0' * 64}\n")  # in no folder: pip cannot find it
    with pytest.raises(SystemExit) as exited:
        bootstrap.install(world["python"], world["project"], lock, _offline(world))
    assert exited.value.code not in (0, None)
    last = capfd.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("bootstrap: what to try:")
    for advice in ("rm -rf .venv", "network", "proxy", "do not upgrade pip"):
        assert advice in last
