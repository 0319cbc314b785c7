"""A pool of parser worker processes: one bad page costs one failed check, never the process.

selectolax/lexbor segfaults (selectolax#5, #91, #217), feedparser's quadratic author regex
(feedparser#562) and 10⁵-deep markup (24 s of CPU in lexbor) cannot be caught in Python (R20).
So extraction runs in worker processes, each a fresh interpreter (``python -m
monitor.workers.child``) that imports only the kinds registry and its parsers: never the CLI,
the store, the HTTP stack or whatever script started the pool, as a multiprocessing child
(which re-imports ``__main__``) or a fork of a forkserver would. Each runs under memory and
per-task CPU limits (``child``), with a wall-clock timeout per task enforced here. A worker
that crashes, overruns or hangs is killed and replaced (a start costs about 0.3 s of CPU);
its task becomes ``EXTRACTION_FAILED`` with ``detail="parser crashed: ..."``.
``ParserPool.extract`` has the ``monitor.pipeline.Extractor`` signature::

    async with ParserPool(PoolSettings(workers=2)) as pool:
        ctx = Context(db=db, fetcher=fetcher, clock=utcnow, extractor=pool.extract)
"""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType

from monitor.models import Fetched, Observation, Outcome, Source
from monitor.workers.precheck import MAX_BYTES, MAX_DEPTH, precheck
from monitor.workers.protocol import HEADER, BadAnswer, decode, frame, task

log = logging.getLogger("monitor.workers")

START_TIMEOUT = 60.0  # a fresh worker imports the parsers before it says "ready"


def default_workers() -> int:
    """One parser worker per core the checks' own process leaves free, at least one, at most 4.

    Once sources have a baseline, parsing is rare (an unchanged page or a 304 is not parsed:
    0.6 ms of worker CPU per check against 1.4 ms in the checks' own process in the changed
    round of ``bench/run.py``), so on 2 cores a second worker mostly holds another
    interpreter (about 65 MiB). A first round parses every page (9 ms a page against 5 ms of
    fetching and recording) and is then bound by the one worker (``PoolSettings(workers=...)``
    sets more; ``monitor worker --parsers`` for a fleet worker).
    """
    affinity = getattr(os, "sched_getaffinity", None)  # the cores we may run on (Linux)
    cores = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    return max(1, min(4, cores - 1))


@dataclass(frozen=True)
class PoolSettings:
    """Size and limits of the parser pool; the defaults suit production."""

    workers: int = field(default_factory=default_workers)
    cpu_seconds: float = 10.0  # per task (RLIMIT_CPU, whole seconds, rounded up)
    wall_seconds: float = 20.0  # per task, from hand-over to answer
    memory_mb: int = 1024  # RLIMIT_AS of each worker
    max_tasks: int = 2000  # a worker is replaced after this many tasks (bounds slow leaks)
    max_bytes: int = MAX_BYTES  # larger bodies are refused without parsing
    max_depth: int = MAX_DEPTH  # deeper markup is refused without parsing
    registry: str = "monitor.sources:KINDS"  # "module:ATTRIBUTE" of the kinds registry
    # imported by each worker before it says "ready": the registry imports a kind, and a kind
    # its parsers, when first used; a worker loads them all at start ("" for none)
    preload: str = "monitor.sources.parsers"
    # Start the workers on the first page that needs parsing, not on entry: a
    # round of 304s and unchanged pages never pays for them (about 16 % of such a run's CPU).
    lazy: bool = False


@dataclass
class PoolStats:
    """Counters for the benchmark and for tests."""

    tasks: int = 0
    refused: int = 0  # by the size/depth pre-check
    crashes: int = 0  # died, overran its CPU or memory, hung past the wall clock
    started: int = 0
    crash_details: deque[str] = field(default_factory=lambda: deque(maxlen=50))  # the latest


class _Crashed(Exception):
    """The worker died or hung while holding a task."""


class _Worker:
    """One worker process and the parent's end of its socket."""

    def __init__(self, proc: subprocess.Popen[bytes], reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.proc, self.reader, self.writer = proc, reader, writer
        self.tasks = 0

    async def receive(self) -> bytes:
        """One frame from the worker."""
        (size,) = HEADER.unpack(await self.reader.readexactly(HEADER.size))
        return await self.reader.readexactly(size)

    async def ask(self, payload: bytes, timeout: float) -> bytes:
        """Hand over one task and wait for its answer; ``_Crashed`` when none comes."""
        self.tasks += 1
        try:
            async with asyncio.timeout(timeout):
                self.writer.write(frame(payload))
                await self.writer.drain()
                return await self.receive()
        except TimeoutError:
            self.kill()
            raise _Crashed(f"no answer within {timeout:g} s (worker killed)") from None
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            raise _Crashed(await self.exit_reason()) from None

    def kill(self) -> None:
        """SIGKILL the process (it may be stuck in C code) and hang up."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.writer.close()

    async def join(self, timeout: float) -> int | None:
        """Wait up to ``timeout`` seconds for the process to end; its exit status, or None."""
        try:
            return await asyncio.to_thread(self.proc.wait, timeout)
        except subprocess.TimeoutExpired:
            return None

    async def exit_reason(self) -> str:
        """Why the process ended, in words (it is given a moment to be reaped)."""
        code = await self.join(2.0)
        if code is None:
            self.kill()
            return "connection lost (worker killed)"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return _SIGNAL_WORDS.get(name, "killed by") + f" ({name})"
        return f"exited with code {code}"


_SIGNAL_WORDS = {"SIGSEGV": "segmentation fault", "SIGXCPU": "CPU time limit exceeded",
                 "SIGKILL": "killed", "SIGABRT": "aborted", "SIGBUS": "bus error"}


class ParserPool:
    """Extraction in isolated worker processes, with limits; see the module docstring."""

    def __init__(self, settings: PoolSettings | None = None) -> None:
        """Nothing starts until ``start()`` (or ``async with``)."""
        self.settings = settings or PoolSettings()
        if self.settings.workers < 1:
            raise ValueError("a parser pool needs at least one worker")
        self.stats = PoolStats()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._background: set[asyncio.Task[None]] = set()
        self._closed = False
        self._starting: asyncio.Lock | None = None
        self._started = False

    async def __aenter__(self) -> ParserPool:
        """Start the workers (unless ``lazy``: then the first page to parse starts them)."""
        if not self.settings.lazy:
            await self.start()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        """Stop the workers."""
        await self.aclose()

    @property
    def started(self) -> bool:
        """True once the workers were started (a lazy pool that parsed nothing never is)."""
        return self._started

    async def start(self) -> None:
        """Start every worker and wait until each is ready (raises if one cannot start)."""
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:  # concurrent first pages share one start
            if self._started:
                return
            spawned = await asyncio.gather(*(self._spawn() for _ in range(self.settings.workers)))
            for worker in spawned:
                self._workers.add(worker)
                self._idle.put_nowait(worker)
            self._started = True

    def pids(self) -> list[int]:
        """Process ids of the live workers (for CPU and memory accounting)."""
        return [w.proc.pid for w in self._workers]

    async def extract(self, source: Source, fetched: Fetched) -> Observation:
        """Run ``KINDS[source.kind].extract(fetched, source)`` in a worker, within the limits."""
        s = self.settings
        problem = precheck(fetched.body, max_bytes=s.max_bytes, max_depth=s.max_depth)
        if problem:
            self.stats.refused += 1
            return Observation(Outcome.EXTRACTION_FAILED, detail=problem)
        if not self._started:
            try:
                await self.start()
            except (RuntimeError, OSError) as exc:  # tried again by the next page to parse
                log.error("cannot start the parser workers: %s", exc)
                return Observation(Outcome.EXTRACTION_FAILED, detail=f"parser pool: {exc}"[:300])
        payload = task(source.kind, fetched, source)
        for attempt in (1, 2):
            worker = await self._idle.get()
            if worker.proc.poll() is not None and attempt == 1:
                self._replace(worker)  # died while idle: not this page's fault, take another
                continue
            return await self._run(worker, payload, source)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _run(self, worker: _Worker, payload: bytes, source: Source) -> Observation:
        self.stats.tasks += 1
        try:
            answer = await worker.ask(payload, self.settings.wall_seconds)
            obs = decode(answer)
        except (_Crashed, BadAnswer) as exc:
            self._replace(worker)
            reason = str(exc)
            if "CPU time" in reason:
                reason += f", limit {self.settings.cpu_seconds:g} s"
            self.stats.crashes += 1
            self.stats.crash_details.append(reason)
            log.warning("%s: parser crashed: %s", source.id, reason)
            return Observation(Outcome.EXTRACTION_FAILED, detail=f"parser crashed: {reason}"[:300])
        except BaseException:  # cancelled mid-task: the worker's state is unknown
            self._replace(worker)
            raise
        if worker.tasks >= self.settings.max_tasks or (obs.detail and "out of memory" in obs.detail):
            self._replace(worker)
        else:
            self._idle.put_nowait(worker)
        return obs

    def _replace(self, worker: _Worker) -> None:
        """Retire ``worker`` and start a successor in the background."""
        self._workers.discard(worker)
        worker.kill()
        self._background_task(self._reap(worker))
        if not self._closed:
            self._background_task(self._respawn())

    def _background_task(self, coro: object) -> None:
        job = asyncio.ensure_future(coro)  # type: ignore[call-overload]
        self._background.add(job)
        job.add_done_callback(self._background.discard)

    @staticmethod
    async def _reap(worker: _Worker) -> None:
        if await worker.join(5.0) is None:  # SIGKILLed, so this is a moment, never a hang
            worker.proc.kill()
            await worker.join(60.0)

    async def _respawn(self) -> None:
        delay = 0.5
        while not self._closed:
            try:
                worker = await self._spawn()
            except Exception:
                log.exception("cannot start a parser worker; retrying in %.1f s", delay)
                await asyncio.sleep(delay)
                delay = min(30.0, delay * 2)
                continue
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
            self._idle.put_nowait(worker)
            return

    async def _spawn(self) -> _Worker:
        """Start one worker and wait for its "ready"."""
        ours, theirs = socket.socketpair()
        try:
            proc = await asyncio.to_thread(self._launch, theirs.fileno())
        finally:
            theirs.close()
        reader, writer = await asyncio.open_connection(sock=ours)
        worker = _Worker(proc, reader, writer)
        try:
            async with asyncio.timeout(START_TIMEOUT):
                hello = await worker.receive()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError) as exc:
            worker.kill()
            raise RuntimeError(f"parser worker did not start: {await worker.exit_reason()}") from exc
        if hello != b"ready":
            worker.kill()
            await self._reap(worker)
            raise RuntimeError(f"parser worker said {hello[:40]!r} instead of ready")
        self.stats.started += 1
        return worker

    def _launch(self, fd: int) -> subprocess.Popen[bytes]:
        """A fresh interpreter serving tasks on ``fd``, with no environment but the import path.

        Nothing else of ours reaches it: no secrets from the environment, no ``__main__``.
        """
        s = self.settings
        path = os.pathsep.join(os.path.abspath(p) for p in sys.path)  # "" (the cwd) made absolute
        return subprocess.Popen(
            [sys.executable, "-m", "monitor.workers.child", str(fd), s.registry, s.preload,
             repr(s.cpu_seconds), str(s.memory_mb)],
            pass_fds=(fd,), stdin=subprocess.DEVNULL, env={"PYTHONPATH": path})

    async def aclose(self) -> None:
        """Hang up on every worker (they exit at once) and wait for them, killing stragglers."""
        self._closed = True
        for job in list(self._background):
            job.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.writer.close()
        for worker in workers:
            await worker.join(2.0)
            worker.kill()
            await self._reap(worker)
