"""Set up a fresh checkout and run a command in it: ``python3 -m briefgen.bootstrap CMD [ARGS...]``.

Standard library only, so that it runs on a machine with nothing but python3. It creates
``.venv/`` beside ``pyproject.toml`` and installs into it exactly the versions of
``requirements.lock`` (every dependency of briefgen and of its test extra, pinned, with the
hashes of the files PyPI serves), then briefgen itself without dependencies. It re-installs when
the lock, ``pyproject.toml`` or the Python version changed since the last install (a stamp file
remembers), then runs CMD (``briefgen``, ``pytest``, ``python``…) from that environment. The
second run skips the install and costs only the command itself.

``python3 -m briefgen.bootstrap --upgrade`` refreshes the lock: the newest versions that
``pyproject.toml``'s ranges allow, resolved on PyPI (with uv, installed into ``.venv`` for the
purpose). Run the tests, then commit the new lock.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".briefgen-installed"
LOCK = ROOT / "requirements.lock"
# The lock is resolved on PyPI itself, for every platform and Python >= 3.11, ignoring any local
# pip or uv configuration (a machine's own index or wheel folder must not leak into the lock).
COMPILE = [
    "pip", "compile", "pyproject.toml", "--extra", "test", "--generate-hashes", "--universal",
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


def _run(args: list[str]) -> None:
    result = subprocess.run(args, cwd=ROOT)
    if result.returncode != 0:
        _say(f"failed: {' '.join(args)}")
        raise SystemExit(result.returncode or 1)


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


def ensure_environment() -> Path:
    """Create and fill ``.venv`` if needed; return its bin folder."""
    bindir = VENV / "bin"
    python = bindir / "python"
    if not python.exists():
        _say(f"creating {VENV.relative_to(ROOT)}/ (first run only)")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if result.returncode != 0:
            _say("python3 cannot create a virtual environment; on Debian: apt-get install python3-venv")
            raise SystemExit(1)
    wanted = _wanted_stamp()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        _speed_up_pdf_writing()
        _say("installing briefgen and its dependencies into .venv/ (first run only, about a minute)")
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        # --no-deps: the lock is complete, so pip never resolves. Resolving is what broke: the pip that
        # venv bundles (23.x) turns an extra asked for by a locked package (weasyprint's fonttools[woff])
        # into a requirement of its own, then refuses it in hash mode once upstream has a newer release.
        _run([*pip, "--require-hashes", "--no-deps", "-r", str(LOCK)])
        _run([*pip, "--no-deps", "-e", "."])
        _run([str(python), "-m", "pip", "check", "--disable-pip-version-check"])
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
    bindir = ensure_environment()
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
        ]
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
