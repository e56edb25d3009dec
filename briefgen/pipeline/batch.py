"""Batch: many packs at once, in worker processes, skipping those whose inputs have not changed.

The parent process decides what to build (a pack whose manifest matches its current inputs and
files is up to date), then hands one pack at a time to each worker over the worker's own queue.
Because the parent knows which pack each worker holds, a worker that dies (killed, out of
memory) marks exactly that pack failed, its temporaries are removed, and a fresh worker takes
its place; the other packs go on. concurrent.futures cannot do this: one dead worker breaks
its whole pool.

Interruption (Ctrl-C, SIGTERM): the parent stops handing out packs and sends SIGTERM to the
workers, which unwind (removing their temporaries) and exit. A parent killed outright (SIGKILL)
cannot ask: workers ask the kernel for a SIGTERM when their parent dies (Linux), and a thread in
each also watches its parent pid, so no worker waits for ever on an inbox nobody writes to.

Temporary files: the workers' temporary folder is one private folder per batch (``TMPDIR`` and
``tempfile.tempdir`` point there), which the parent removes whole at the end, so even a worker
killed outright leaves nothing (WeasyPrint copies ~15 MB of fonts there per process). Workers
remove their own part when they stop, and the last one out the folder itself, in case the parent
was killed. Every file is replaced atomically
and the manifest is written last, so a pack is either complete, or its previous files are
intact and its missing or stale manifest makes the next batch rebuild it.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import multiprocessing
import os
import queue
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.data.assembly import load
from briefgen.data.catalog import VISITS, Places
from briefgen.errors import BriefgenError, InputError, ProfileError
from briefgen.pipeline import pack as packs
from briefgen.pipeline.output import remove_temporaries
from briefgen.pipeline.pack import DOCUMENTS, MANIFEST, PackResult, is_up_to_date, pack_plan, pack_warnings
from briefgen.pipeline.plan import template_dir as find_template
from briefgen.pipeline.record import inputs_record

_STOPPING = (signal.SIGINT, signal.SIGTERM)

Progress = Callable[[str, str], None]
"""Called with (pack name, event): ``queued``, ``up to date``, a step of ``pack.STEPS``, ``built``, ``failed``."""


@dataclass(frozen=True)
class Job:
    """What a worker needs to build one pack (plain data: it crosses a process boundary)."""

    name: str
    out: str
    profiles: str
    templates: str
    lang: str | None
    template: str | None
    date: str | None = None
    """``--date``, ISO: the documents' date (see briefgen.view.dating)."""
    edition: str | None = None
    """``--edition``: ``internal``, ``partner`` or ``both``; none, the visit's."""


@dataclass
class _Worker:
    process: Any
    inbox: Any
    outbox: Any
    """This worker's own channel back: a worker killed while writing to it (SIGKILL holds no lock
    release) can only jam its own, never the others' (a shared queue would hang the batch)."""
    job: Job | None = None
    started: float = 0.0


def plan(
    names: Sequence[str],
    *,
    out: Path,
    places: Places,
    lang: str | None,
    template: str | None,
    force: bool,
    date: dt.date | None = None,
    edition: str | None = None,
) -> tuple[list[str], list[PackResult]]:
    """Split ``names`` into packs to build and packs already settled (up to date, or failing to load)."""
    pack = pack_plan(lang, template, date, edition)
    template_dir = find_template(places, template, pack.formats())
    options = pack.options
    to_build, settled = [], []
    for name in names:
        try:
            inputs = load(name, places).digests
        except BriefgenError as exc:  # a broken visit fails its own pack, not the batch
            error = str(exc.problems[0]) if isinstance(exc, ProfileError) else exc.message
            settled.append(PackResult(name, "failed", error=error, option=exc.option, exit_code=exc.exit_code))
            continue
        digest = inputs_record(inputs, places.profiles, template_dir, options, out, places.added_fonts())[
            "inputs_digest"
        ]
        if not force and is_up_to_date(out / name, out / f"{name}.zip", digest, places.profiles):
            outputs, warnings = _existing_outputs(out, name), pack_warnings(out / name)
            settled.append(PackResult(name, "up to date", outputs=outputs, warnings=warnings))
        else:
            to_build.append(name)
    return to_build, settled


def _existing_outputs(out: Path, name: str) -> tuple[str, ...]:
    return (*(str(out / name / f) for f in (*DOCUMENTS, "facts.json", MANIFEST)), str(out / f"{name}.zip"))


def resolve_names(names: Sequence[str], every: bool, places: Places) -> list[str]:
    """The packs a batch is asked for: the names given, or every visit with ``--all``; unknown names are bad usage."""
    if every and not names and not places.visit_names():
        raise InputError(
            f"there are no visits in {places.profiles / VISITS} to build packs of; "
            "make one with 'briefgen new', or name a profile",
            option="all",
        )
    if every:
        chosen = list(dict.fromkeys([*names, *places.visit_names()]))
    else:
        chosen = list(dict.fromkeys(names))
    if not chosen:
        raise InputError("name the packs to build (see 'briefgen list'), or ask for every visit", option="all")
    for name in chosen:
        if not places.is_visit(name):
            places.profile_files(name)  # raises InputError naming the closest match
    return chosen


def run(
    names: Sequence[str],
    *,
    out: Path,
    places: Places,
    jobs: int,
    lang: str | None = None,
    template: str | None = None,
    force: bool = False,
    progress: Progress = lambda name, event: None,
    date: dt.date | None = None,
    edition: str | None = None,
) -> list[PackResult]:
    """Build the packs of ``names`` with ``jobs`` workers; return one result per name, in order.

    ``edition``: as ``build --edition`` (checked first: InputError); none, each visit's own.
    """
    day = date.isoformat() if date else None
    to_build, settled = plan(
        names, out=out, places=places, lang=lang, template=template, force=force, date=date, edition=edition
    )
    for result in settled:
        progress(result.name, result.status)
    jobs_list = [
        Job(name, str(out), str(places.profiles), str(places.templates), lang, template, day, edition)
        for name in to_build
    ]
    results = {r.name: r for r in settled}
    if jobs_list:
        for result in _run_workers(jobs_list, max(1, jobs), progress):
            results[result.name] = result
    return [results[name] for name in names]


def _run_workers(jobs: list[Job], count: int, progress: Progress) -> list[PackResult]:
    context = multiprocessing.get_context("spawn" if os.environ.get("BRIEFGEN_SPAWN") else None)
    scratch = tempfile.mkdtemp(prefix="briefgen-batch-")
    try:
        return _supervise(context, jobs, count, progress, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _supervise(context: Any, jobs: list[Job], count: int, progress: Progress, scratch: str) -> list[PackResult]:
    """Start workers, hand out jobs, replace dead workers; return the results as they came."""
    for job in jobs:
        progress(job.name, "queued")
    pool = _Supervisor(context, scratch, progress, pending=list(reversed(jobs)))
    # Ctrl-C and SIGTERM only raise a flag, read between two waits: an exception raised by the
    # signal inside a queue's own code could leave its feeder thread waiting for ever at exit.
    interrupted: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: interrupted.append(signum)) for sig in _STOPPING}
    try:
        for _ in range(min(count, len(jobs))):
            pool.hand_out(pool.start_worker())
        while len(pool.done) < len(jobs) and not interrupted:
            pool.replace_dead()
            message = _next_message(pool.workers)
            if message is not None:
                pool.receive(*message)
        if interrupted:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        _stop(pool.workers)
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        pool.release()
    return pool.done


@dataclass
class _Supervisor:
    """The parent's side of a batch: its workers, the packs not yet handed out, the results so far."""

    context: Any
    scratch: str
    progress: Progress
    pending: list[Job]
    """The packs no worker has taken yet, the next one last."""
    workers: list[_Worker] = field(default_factory=list)
    done: list[PackResult] = field(default_factory=list)

    def start_worker(self) -> _Worker:
        """A fresh worker process with its own inbox and channel back."""
        inbox, outbox = self.context.Queue(), self.context.Queue()
        # At exit, never wait to flush an inbox: its worker is done or dead either way.
        inbox.cancel_join_thread()
        process = self.context.Process(
            target=_worker_main, args=(inbox, outbox, os.getpid(), self.scratch), daemon=True
        )
        process.start()
        worker = _Worker(process, inbox, outbox)
        self.workers.append(worker)
        return worker

    def hand_out(self, worker: _Worker) -> None:
        """Give ``worker`` the next pack, if any is left."""
        if self.pending:
            worker.job = self.pending.pop()
            worker.started = time.perf_counter()
            worker.inbox.put(worker.job)

    def replace_dead(self) -> None:
        """A worker that died holding a pack fails that pack; a fresh one takes its place while packs wait."""
        for worker in [w for w in self.workers if w.job and not w.process.is_alive()]:
            self.done.append(_dead(worker, self.progress))
            self.workers.remove(worker)
            if self.pending:
                self.hand_out(self.start_worker())

    def receive(self, sender: _Worker, message: Any) -> None:
        """A worker's step (shown as progress) or result (kept; the worker gets the next pack)."""
        _, kind, payload = message
        if sender.job is None:
            return
        if kind == "step":
            self.progress(sender.job.name, payload)
            return
        result: PackResult = payload
        self.done.append(result)
        self.progress(result.name, result.status)
        sender.job = None
        self.hand_out(sender)

    def release(self) -> None:
        """Tell the live workers to leave, wait for them, and kill those that do not."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.inbox.put(None)
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()


def _next_message(workers: list[_Worker], timeout: float = 0.2) -> tuple[_Worker, Any] | None:
    """The next message of a live worker, with its sender; None when none came within ``timeout``.

    A dead worker's channel is never read: killed in the middle of a message, it would leave one
    that a read waits for in vain. Its death wakes the wait (its sentinel), and the caller fails its pack.
    """
    from multiprocessing.connection import wait

    alive = [w for w in workers if w.process.is_alive()]
    for worker in alive:
        with contextlib.suppress(queue.Empty):
            return worker, worker.outbox.get_nowait()
    busy = [w.process.sentinel for w in workers if w.job is not None]
    ready = wait(busy + [w.outbox._reader for w in alive], timeout=timeout)
    for worker in alive:
        if worker.outbox._reader in ready and worker.process.is_alive():
            with contextlib.suppress(queue.Empty):
                return worker, worker.outbox.get_nowait()
    return None


def _dead(worker: _Worker, progress: Progress) -> PackResult:
    """The result of a pack whose worker died under it; its temporaries are removed."""
    assert worker.job is not None
    job, process = worker.job, worker.process
    process.join(timeout=1)
    code = process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    for folder in (Path(job.out) / job.name, Path(job.out)):
        if folder.is_dir():
            remove_temporaries(folder, process.pid)
    result = PackResult(
        job.name, "failed", time.perf_counter() - worker.started, error=f"the worker died ({how})", exit_code=1
    )
    progress(job.name, "failed")
    return result


def _stop(workers: list[_Worker]) -> None:
    """Ask every worker to unwind and exit (SIGTERM), wait for them, then remove what any left."""
    for worker in workers:
        if worker.process.is_alive():
            worker.process.terminate()
    for worker in workers:
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        if worker.job:
            for folder in (Path(worker.job.out) / worker.job.name, Path(worker.job.out)):
                if folder.is_dir():
                    remove_temporaries(folder, worker.process.pid)


def _raise_exit(signum: int, frame: object) -> None:
    # A worker may get SIGTERM twice (PR_SET_PDEATHSIG and the thread watching the parent): the
    # second must not interrupt the clean-up the first started (temporaries, fonts, the scratch folder).
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _worker_main(inbox: Any, outbox: Any, parent: int, scratch: str) -> None:
    """A worker: build the packs it is handed until it gets ``None`` (or its parent dies)."""
    # Ctrl-C reaches the whole process group; the parent decides, and stops workers with SIGTERM,
    # which unwinds the stack so that write_atomic removes its temporary.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _raise_exit)
    os.environ["TMPDIR"] = tempfile.tempdir = scratch
    _die_with_parent(parent)
    pid = os.getpid()
    # Deferred (heavy): WeasyPrint.
    from briefgen.render.pdf import release_fonts

    try:
        # Import the renderers' libraries once per worker, not once per pack.
        import docxtpl  # type: ignore[import-untyped]  # noqa: F401
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401

        while True:
            job = inbox.get()
            if job is None:
                return
            outbox.put((pid, "result", _build(job, lambda step: outbox.put((pid, "step", step)))))
    finally:
        release_fonts()  # multiprocessing leaves through os._exit: no atexit, no __del__
        with contextlib.suppress(OSError):
            os.rmdir(scratch)  # succeeds for the last worker out when the parent is gone


def _die_with_parent(parent: int) -> None:
    """Get SIGTERM when the parent process dies, however it dies (even SIGKILL)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    # Elsewhere, and should the parent have died before prctl: a thread watches the parent pid.
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)


def _build(job: Job, on_step: Callable[[str], None]) -> PackResult:

    started = time.perf_counter()
    try:
        places = Places.find(job.profiles, job.templates)
        files = packs.build_pack(  # looked up on each call: a test stands in a worker that dies
            job.name,
            out=Path(job.out),
            places=places,
            lang=job.lang,
            template=job.template,
            on_step=on_step,
            date=dt.date.fromisoformat(job.date) if job.date else None,
            edition=job.edition,
        )
    except BriefgenError as exc:
        error = str(exc.problems[0]) if isinstance(exc, ProfileError) else " ".join(exc.lines())
        return _failed(job, started, error, exc.exit_code, exc.option)
    except Exception as exc:  # a bug must fail this pack, not the batch
        hint = f"(run 'briefgen --debug build {job.name}' for details)"
        return _failed(job, started, f"internal error: {type(exc).__name__}: {exc} {hint}", 1)
    seconds, warnings = time.perf_counter() - started, pack_warnings(Path(job.out) / job.name)
    return PackResult(job.name, "built", seconds, tuple(str(f) for f in files), peak_rss_kb=_rss(), warnings=warnings)


def _failed(job: Job, started: float, error: str, exit_code: int, option: str | None = None) -> PackResult:
    """The result of a pack that failed in a worker, with the worker's time and memory so far."""
    elapsed = time.perf_counter() - started
    return PackResult(job.name, "failed", elapsed, error=error, option=option, exit_code=exit_code, peak_rss_kb=_rss())


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
