"""Set up a fresh checkout and run a command in it: ``python3 -m briefgen.bootstrap CMD [ARGS...]``.

Standard library only, so that it runs on a machine with nothing but python3. It creates
``.venv/`` beside ``pyproject.toml`` and installs into it exactly the versions of
``requirements.lock`` (every dependency of briefgen and of its test extra, and the build backend
``pyproject.toml`` names, pinned, with the hashes of the files PyPI serves), then briefgen itself
without dependencies (see ``install``). It re-installs when the lock, ``pyproject.toml`` or the
Python version changed since the last install (a stamp file remembers), then runs CMD
(``briefgen``, ``pytest``, ``python``…) from that environment. The second run skips the install
and costs only the command itself.

``python3 -m briefgen.bootstrap --upgrade`` refreshes the lock: the newest versions that
``pyproject.toml``'s ranges allow, resolved on PyPI (with uv, installed into ``.venv`` for the
purpose). Run the tests, then commit the new lock.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".briefgen-installed"
LOCK = ROOT / "requirements.lock"
# The lock is resolved on PyPI itself, for every platform and Python >= 3.11, ignoring any local
# pip or uv configuration (a machine's own index or wheel folder must not leak into the lock). The
# build backend (``[build-system] requires``) comes in on stdin (``-``), so the lock holds it too.
COMPILE = [
    "pip", "compile", "pyproject.toml", "-", "--extra", "test", "--generate-hashes", "--universal",
    "--python-version", "3.11", "--index-url", "https://pypi.org/simple", "--no-config",
]  # fmt: skip


def _say(message: str) -> None:
    print(f"bootstrap: {message}", file=sys.stderr, flush=True)


def _wanted_stamp() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(sys.version.encode())
    return digest.hexdigest()


# The last line a failed install prints: pip's own reason is above it, this says what to do next.
WHAT_TO_TRY = (
    "what to try: read pip's reason above; if it could not reach PyPI, check the network and any proxy "
    "(HTTPS_PROXY, pip.conf) and run the same command again; if .venv/ was left half-made, delete it "
    "(rm -rf .venv) and run again; do not upgrade pip or edit requirements.lock (the lock is what the tests "
    "passed with)"
)


def _run(args: list[str], cwd: Path = ROOT, stdin: str | None = None) -> None:
    result = subprocess.run(args, cwd=cwd, input=stdin, text=stdin is not None)
    if result.returncode != 0:
        _say(f"failed: {' '.join(args)}")
        _say(WHAT_TO_TRY)
        raise SystemExit(result.returncode or 1)


def install(python: Path, root: Path = ROOT, lock: Path = LOCK, pip_options: Sequence[str] = ()) -> None:
    """Install ``lock`` then the project at ``root`` into the environment of ``python``, resolving nothing.

    1. Every locked package, hash-checked, with ``--no-deps``: the lock is complete, so pip never
       resolves. Resolving is what broke: the pip that ``venv`` bundles (23.x) turns an extra asked
       for by a locked package (WeasyPrint's ``fonttools[woff]``) into a requirement of its own,
       then refuses it in hash mode as soon as upstream publishes a newer release (pip issue 9644).
    2. The project, editable, with ``--no-deps --no-build-isolation``. With build isolation pip
       would install the build backend (``[build-system] requires``, a range) from the index into
       a throw-away environment: unpinned, unchecked, and whatever upstream published that day.
       Instead the backend (``build_requirements``: hatchling, and editables for its editable
       build) and their dependencies are in the lock (``upgrade_lock`` puts them there), so step 1
       installed them hash-checked and pip builds with those; ``--check-build-dependencies`` names
       any the backend asks for that the lock lacks, rather than a traceback from inside the backend.
    3. ``pip check``: the lock was complete after all.

    ``pip_options`` go to both installs (the tests give ``--no-index --find-links DIR``). On failure
    the last line says what to try (``WHAT_TO_TRY``) and SystemExit carries pip's exit status.
    """
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pip_options]
    _run([*pip, "--require-hashes", "--no-deps", "-r", str(lock)], root)
    _run([*pip, "--no-deps", "--no-build-isolation", "--check-build-dependencies", "-e", str(root)], root)
    _run([str(python), "-m", "pip", "check", "--disable-pip-version-check"], root)


def _speed_up_pdf_writing() -> None:
    """Install Debian's libharfbuzz-subset0 when we can (root, apt): WeasyPrint then subsets fonts ~3x faster.

    Optional: without it WeasyPrint silently uses a slower path, so any failure here is only reported.
    """
    import ctypes.util

    if ctypes.util.find_library("harfbuzz-subset") or os.geteuid() != 0 or not Path("/usr/bin/apt-get").exists():
        return
    _say("installing libharfbuzz-subset0 (faster PDF writing; optional)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libharfbuzz-subset0"]
    try:
        for attempt in (install, ["apt-get", "update", "-qq"], install):
            done = subprocess.run(attempt, env=env, capture_output=True, timeout=300).returncode == 0
            if done and attempt is install:
                return
    except (OSError, subprocess.TimeoutExpired):
        pass
    _say("could not install libharfbuzz-subset0; PDFs are still made, a little more slowly")


def _make_venv() -> Path:
    """Create ``.venv`` (with the pip ``venv`` bundles) unless it exists; return its python."""
    python = VENV / "bin" / "python"
    if not python.exists():
        _say(f"creating {VENV.relative_to(ROOT)}/ (first run only)")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if result.returncode != 0:
            _say("python3 cannot create a virtual environment; on Debian: apt-get install python3-venv")
            raise SystemExit(1)
    return python


def build_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The build backend ``pyproject.toml`` asks for (``[build-system] requires``), which the lock must hold."""
    with pyproject.open("rb") as stream:
        requires = tomllib.load(stream).get("build-system", {}).get("requires", [])
    return [str(r) for r in requires]


def ensure_environment() -> Path:
    """Create and fill ``.venv`` if needed; return its bin folder."""
    python = _make_venv()
    bindir = python.parent
    wanted = _wanted_stamp()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        _speed_up_pdf_writing()
        _say("installing briefgen and its dependencies into .venv/ (first run only, about a minute)")
        install(python)
        # Cached bytecode even where PYTHONDONTWRITEBYTECODE is set: every command starts faster.
        subprocess.run([str(python), "-m", "compileall", "-q", str(ROOT / "briefgen")], capture_output=True)
        STAMP.write_text(wanted)
    return bindir


def upgrade_lock(upgrade: bool = True) -> None:
    """Rewrite ``requirements.lock`` from ``pyproject.toml``, then install it.

    With ``upgrade``, every package moves to the newest version the ranges allow (``--upgrade``);
    without, the versions already locked are kept and only what ``pyproject.toml`` added or
    dropped changes (``--relock``, after adding a dependency).
    """
    # Not ensure_environment(): installing needs the build backend the lock may not hold yet.
    bindir = _make_venv().parent
    if not (bindir / "uv").exists():
        _say("installing uv into .venv/ to resolve the lock")
        _run([str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv"])
    _run(
        [
            str(bindir / "uv"),
            *COMPILE,
            *(["--upgrade"] if upgrade else []),
            "--quiet",
            "-o",
            str(LOCK.relative_to(ROOT)),
        ],
        stdin="".join(f"{r}\n" for r in build_requirements()),
    )
    _say(f"rewrote {LOCK.name}; installing it (then run the tests and commit the lock)")
    ensure_environment()


def main(argv: list[str]) -> None:
    """Ensure the environment, then replace this process with ``argv`` run from it."""
    if not argv:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    if argv in (["--upgrade"], ["--relock"]):
        upgrade_lock(upgrade=argv == ["--upgrade"])
        return
    bindir = ensure_environment()
    env = dict(os.environ, VIRTUAL_ENV=str(VENV), PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    program = bindir / argv[0]
    executable = str(program) if program.exists() else argv[0]
    try:
        os.execvpe(executable, argv, env)
    except FileNotFoundError:
        _say(f"no such command: {argv[0]}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main(sys.argv[1:])
