"""Pictures of changed pages, taken after their checks are recorded, by the run's one browser.

A page read without the browser gets a picture when it records a change (``store/shots.py``).
Taking it costs chromium about 0.7 s of CPU and, with the page's resources fetched politely,
seconds of wall time: inside the check it held the check's slot, its recorded result and its
alerts until the picture was done. Here the check is recorded first; the picture is taken
meanwhile, while the run goes on, and filed with that check's changes in a transaction of its
own. The run (``pipeline.checking``) waits for its pictures before it closes the browser.

A picture is decoration of a change, never its record: a process that dies before the picture
is filed leaves the change without one, and a picture that cannot be taken is logged and
dropped. Chromium starts only with the first picture, so a run with no change never starts it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlite_utils import Database

from monitor.fetch.browser import Browser
from monitor.models import Fetched, Outcome, Source
from monitor.store import shots
from monitor.store.db import write

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

log = logging.getLogger("monitor.pictures")

# Pictures waiting for the browser at most; past it a check waits for a free place (each holds
# its page's body, so a round of thousands of changes must not queue them all in memory).
PENDING_LIMIT = 32


@dataclass(frozen=True)
class Job:
    """One picture to take: the page as fetched, and the recorded check it belongs to."""

    source: Source
    fetched: Fetched
    fetcher: Fetcher
    check_id: int
    checked_at: str  # the check's recorded time: the picture is filed under it


class Pictures:
    """Takes the pictures of recorded changes in the background and files them."""

    def __init__(self, db: Database, browser: Browser, *, limit: int = PENDING_LIMIT) -> None:
        self.db, self.browser = db, browser
        self._room = asyncio.Semaphore(max(1, limit))
        self._tasks: set[asyncio.Task[None]] = set()
        self._last: dict[str, asyncio.Task[None]] = {}  # each source's latest picture
        self.filed = 0  # pictures filed (for tests and the benchmark)

    async def take(self, job: Job) -> None:
        """Queue a picture; returns at once unless ``limit`` pictures are already waiting."""
        await self._room.acquire()
        sid = job.source.id
        task = asyncio.create_task(self._take(job, self._last.get(sid)))
        self._tasks.add(task)
        self._last[sid] = task
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda t: self._last.pop(sid) if self._last.get(sid) is t else None)

    async def _take(self, job: Job, previous: asyncio.Task[None] | None) -> None:
        try:
            shown = await self.browser.render(job.fetched, job.fetcher)
            shot = shown.render
            if shown.outcome is not Outcome.OK or shot is None or not shot.screenshot:
                log.info("%s: no picture of the change: %s", job.source.id, shown.detail)
                return
            if previous is not None:  # its "before" is the source's previous picture: filed first
                await asyncio.wait([previous])
            with write(self.db) as conn:
                if shots.keep_later(conn, job.source, replace(shot, on_change=True),
                                    job.check_id, job.checked_at):
                    self.filed += 1
        except Exception as exc:  # a full disk, a browser bug: the change stays, its picture is lost
            log.warning("%s: the picture of a change was not kept: %r", job.source.id, exc)
        finally:
            self._room.release()

    async def aclose(self) -> None:
        """Wait for every queued picture (the run is done when its pictures are filed)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def cancel(self) -> None:
        """Give up the pictures not yet filed (the run was interrupted)."""
        for task in self._tasks:
            task.cancel()
