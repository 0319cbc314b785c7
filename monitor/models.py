"""Values that pass between the pipeline stages: fetched responses, observations, changes.

Everything here is a frozen dataclass or an enum: stages hand each other values, never objects
with behaviour or connections. See docs/architecture.md, "The pipeline".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from monitor import prices


class Outcome(StrEnum):
    """What one check of a source came to; only ``OK`` can produce a diff."""

    OK = "ok"  # content extracted and diffed
    UNCHANGED = "unchanged"  # body identical to the last one (noise stripped): nothing to diff
    NOT_MODIFIED = "not_modified"  # HTTP 304
    BLOCKED = "blocked"  # 999, login/auth wall, captcha, challenge, 401/403/429 walls
    ERROR = "error"  # network, TLS, DNS, 5xx, timeouts, caps, truncation, SSRF refusals
    EXTRACTION_FAILED = "extraction_failed"  # 200 but nothing usable (layout change, empty)
    GONE = "gone"  # 404/410
    DISALLOWED = "disallowed"  # robots.txt says no

    @property
    def healthy(self) -> bool:
        """True for outcomes that mean the source answered normally."""
        return self in (Outcome.OK, Outcome.UNCHANGED, Outcome.NOT_MODIFIED)


class Category(StrEnum):
    """Change categories; alert routing is by category."""

    LEADERSHIP = "leadership"
    CONTACT = "contact"
    LINKS = "links"
    IDENTITY = "identity"
    CONTENT = "content"
    NEWS = "news"
    POST = "post"
    OFFER = "offer"  # offers, deals, prices and products listed on a company's pages
    HIRING = "hiring"  # job openings, from job boards or careers pages
    METRIC = "metric"
    HEALTH = "health"


# Fact fields with several values told apart by a key (a person's name): a change names it.
KEYED_FIELDS = frozenset({"person"})


class ChangeKind(StrEnum):
    """The three things that can happen to a fact or an item."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"


@dataclass(frozen=True)
class Render:
    """How the browser rendered a page: its screenshot, where its text sits, what it was refused.

    ``boxes`` is JSON ``[[x, y, width, height, text], ...]`` of the page's text blocks in the
    screenshot's pixels, so a viewer can mark the changed value on the picture.
    """

    screenshot: bytes = b""  # PNG, size-capped; empty when none could be taken
    width: int = 0
    height: int = 0
    boxes: str = "[]"
    requests: int = 0  # requests the page made through the fetcher
    refused: tuple[str, ...] = ()  # "url: reason" for every request the guards refused
    on_change: bool = False  # taken only because a change was recorded (page not rendered)


@dataclass(frozen=True)
class Fetched:
    """One HTTP exchange as the pipeline sees it: a response, or why there is none.

    ``outcome`` is OK for a usable 2xx body, NOT_MODIFIED for 304, and BLOCKED/ERROR/GONE/
    DISALLOWED otherwise, with ``error`` a short machine code (``timeout``, ``too_large``,
    ``ssrf_blocked``, ...) and ``detail`` a human sentence. Fetch errors are values.
    """

    url: str
    final_url: str
    outcome: Outcome
    status: int = 0
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    elapsed_ms: float = 0.0
    error: str | None = None
    detail: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None
    render: Render | None = None  # set when ``body`` is the DOM a browser rendered

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ("" when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class Fact:
    """One keyed value of a company profile, e.g. ``email``, ``person`` or ``link.x``.

    ``role`` is used by ``person`` facts (value = the person's name). ``evidence`` is the
    snippet the value came from, kept for provenance, never compared.
    """

    field: str
    value: str
    role: str | None = None
    evidence: str = ""
    # Where a page shows a person: the sections of the lines naming them (``people.placed``);
    # provenance like ``evidence``, never compared, not stored with the profile.
    where: tuple[str, ...] = dataclasses.field(default=(), compare=False)


TITLE_KEY = "title:"  # the key prefix of an item known by its title only (no link of its own)


@dataclass(frozen=True)
class Item:
    """Something with identity that arrives over time: a news article, post, offer, job.

    ``category`` overrides the kind's item category (a website's lists carry their own:
    news, offer or hiring); ``details`` holds named extras such as a job's location;
    ``evidence`` says why the item was read as one of its category.
    """

    key: str
    title: str
    url: str | None = None
    published_at: str | None = None  # ISO 8601 UTC
    summary: str = ""
    publisher: str | None = None
    kind: str = "news"  # news | post | video | press | offer | job
    links: tuple[str, ...] = ()  # other URLs of the same story (syndication, providers)
    category: Category | None = None
    price: str | None = None
    image: str | None = None
    details: tuple[tuple[str, str], ...] = ()
    evidence: str = ""

    @property
    def label(self) -> str:
        """The item as a person names it: its title, then a price or a job's location."""
        extra = dict(self.details)
        parts = [self.title]
        if self.price:
            parts.append(self.price)
        if extra.get("location"):
            parts.append(extra["location"])
        return ", ".join(parts)

    @property
    def version(self) -> str:
        """What a change of the same item is judged by: its title and canonical price (a price
        written another way is the same price; see ``monitor.prices``)."""
        return f"{self.title}\x1f{prices.key(self.price)}"


@dataclass(frozen=True)
class Metric:
    """A number that moves all the time (followers, employee count): a time series."""

    name: str
    value: float


@dataclass(frozen=True)
class Observation:
    """What a kind extracted from one fetched response. Pure data, no I/O behind it."""

    outcome: Outcome = Outcome.OK
    facts: tuple[Fact, ...] = ()
    items: tuple[Item, ...] = ()
    metrics: tuple[Metric, ...] = ()
    detail: str | None = None  # why BLOCKED / EXTRACTION_FAILED

    @property
    def empty(self) -> bool:
        """True when nothing at all was extracted."""
        return not (self.facts or self.items or self.metrics)


@dataclass(frozen=True)
class Change:
    """One field-level change event, as stored in ``changes`` and sent in alerts.

    ``key`` names the subject inside a field where there is one: the person's name for
    ``person`` (old/new are roles), the item key for items.
    """

    company: str
    source: str
    field: str
    change: ChangeKind
    category: Category
    old: str | None = None
    new: str | None = None
    key: str | None = None
    evidence: str = ""
    url: str | None = None

    def describe(self) -> str:
        """A one-line human description, e.g. ``person Jane Doe: CFO → COO``."""
        subject = f"{self.field} {self.key}" if self.key else self.field
        if self.change is ChangeKind.MODIFIED:
            if not self.old or not self.new:  # a text that only gained or only lost lines
                return f"{subject}: + {self.new}" if self.new else f"{subject}: − {self.old}"
            return f"{subject}: {self.old} → {self.new}"
        if self.change is ChangeKind.ADDED:
            return f"{subject} added: {self.new}" if self.new else f"{subject} added"
        return f"{subject} removed: {self.old}" if self.old else f"{subject} removed"


@dataclass(frozen=True)
class Source:
    """One configured source of one company, as loaded and validated from sources.yaml."""

    id: str  # stable: "<company>:<kind>:<hash of url>", survives reloads and reordering
    company: str
    kind: str
    url: str
    every: float  # seconds between checks
    options: Mapping[str, object] = field(default_factory=dict)  # the kind's validated options
    confirm: int = 2  # consecutive observations before a changed value is recorded
    settle: float = 0.0  # seconds a page's new prose must hold before it is a change (config: 1d)

    @property
    def host(self) -> str:
        """The host name politeness is keyed on."""
        return (urlsplit(self.url).hostname or "").lower()


@dataclass(frozen=True)
class Company:
    """A tracked company and its sources."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


# Stage values: what the differ keeps between checks, and what one check produced.


@dataclass(frozen=True)
class Pending:
    """A changed value seen fewer than ``confirm`` times so far (``fact`` None = absent)."""

    field: str
    subject: str
    fact: Fact | None
    seen: int
    first_seen: str


@dataclass(frozen=True)
class ItemState:
    """What the store remembers of an item between checks.

    ``pending``: how many consecutive checks have seen it so far, not yet reported (0: reported;
    it is reported on the source's ``confirm``-th sighting); ``retired``: gone quietly (it
    left the list's window); ``position``: its place in the list when last seen; ``candidate``:
    a new title/price seen once, awaiting its second sighting.
    """

    key: str
    url: str | None
    published_at: str | None
    removed: bool = False
    misses: int = 0
    title: str = ""
    price: str | None = None
    pending: int = 0
    retired: bool = False
    position: int | None = None
    candidate: str = ""
    kind: str = ""
    category: str | None = None
    last_seen: str = ""  # when it was last listed
    first_seen: str = ""  # when it was first listed (a pending item: its first sighting)
    returns: int = 0  # times it was listed again after it had left (a sample's member)

    @property
    def version(self) -> str:
        """The stored title and canonical price, comparable with ``Item.version``."""
        return f"{self.title}\x1f{prices.key(self.price)}"


@dataclass(frozen=True)
class SeenLine:
    """A line of page text a source has shown: how often it came back, and whether it is
    rotation (a line that left and came back is a rotating slogan, quote or teaser)."""

    text: str
    returns: int = 0  # times it came back after leaving
    present: bool = True  # in the source's last observation
    volatile: bool = False
    position: int = -1  # its index among the lines of the last observation that showed it
    slot: str = ""  # the key of the slot it was last seen changing in ("" if it never did)
    since: str = ""  # when it last appeared (first shown, or back again)


@dataclass(frozen=True)
class Slot:
    """A place on a source's page, between two stable lines, whose text has been replaced:
    replaced twice within a short window, it rotates (see ``rotation``)."""

    before: str  # the stable line above it ("" at the page's start)
    after: str  # the stable line below it ("" at the page's end)
    changes: int = 1  # times its text was replaced
    changed_at: str = ""  # when it was last replaced
    volatile: bool = False


@dataclass(frozen=True)
class PersonSeen:
    """A person a source has shown (see ``roster``): when they last came, how often they came
    back after leaving, and when their departure was reported."""

    name: str
    since: str = ""  # when they last appeared (first shown, or back again)
    last_seen: str = ""  # the last check that showed them
    present: bool = True  # in the source's last observation
    returns: int = 0  # times they came back within ``roster.WINDOW`` of leaving, unreported
    left: str = ""  # the first check that missed them, while they are away
    gone_at: str = ""  # when their departure was reported ("" if it was not, or they are back)
    where: tuple[str, ...] = ()  # the page's sections that showed them last (``Fact.where``)
    alone: tuple[str, ...] = ()  # sections that showed them as their only person (a card's)


@dataclass(frozen=True)
class State:
    """Everything the differ needs to know about a source's past."""

    facts: tuple[Fact, ...] = ()
    pending: tuple[Pending, ...] = ()
    items: Mapping[str, ItemState] = field(default_factory=dict)
    metrics: Mapping[str, float] = field(default_factory=dict)  # last value that alerted
    baseline: bool = True  # True until the first successful observation is stored
    lines: Mapping[str, SeenLine] = field(default_factory=dict)  # line key → what was seen
    slots: Mapping[str, Slot] = field(default_factory=dict)  # slot key → its replacements
    people: Mapping[str, PersonSeen] = field(default_factory=dict)  # folded name → what was seen


@dataclass(frozen=True)
class ItemsResult:
    """How items move: present now, missing one more time, removed, and change events.

    ``present`` items carry their confirmed title and price (a new one waits in
    ``candidates``); ``pending`` keys were seen once and are not reported yet; ``dropped``
    keys were pending and vanished (forgotten); ``quiet`` keys of ``removed`` left the tail
    of the list and are retired without a change; ``positions`` are places in the list.
    """

    present: tuple[Item, ...] = ()
    missed: Mapping[str, int] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)  # new key → stored key (same url)
    changes: tuple[Change, ...] = ()
    pending: tuple[str, ...] = ()
    sightings: Mapping[str, int] = field(default_factory=dict)  # pending key → checks seen
    dropped: tuple[str, ...] = ()
    quiet: tuple[str, ...] = ()
    candidates: Mapping[str, str] = field(default_factory=dict)
    positions: Mapping[str, int] = field(default_factory=dict)
    tails: tuple[str, ...] = ()  # missing for the first time, from the tail of the list
    returned: tuple[str, ...] = ()  # listed again after they had left: one more return each


@dataclass(frozen=True)
class DiffResult:
    """The outcome of diffing one observation: changes plus the next state to store."""

    changes: tuple[Change, ...]
    facts: tuple[Fact, ...]
    pending: tuple[Pending, ...]
    items: ItemsResult
    metric_marks: Mapping[str, float] = field(default_factory=dict)
    lines: Mapping[str, SeenLine] = field(default_factory=dict)  # the text lines this check touched
    slots: Mapping[str, Slot] = field(default_factory=dict)  # the slots this check touched
    people: Mapping[str, PersonSeen] = field(default_factory=dict)  # the people it touched


@dataclass(frozen=True)
class Rebase:
    """A source's stored profile re-read by a newer extractor (see ``monitor.rebase``): the
    differences it made (history, never alerted) and the state a check's diff starts from.

    ``changes`` are the differences written as changes would be, but stored apart; ``page`` is
    the stored page that was re-read (its snapshot hash), ``"fresh"`` when there was none and
    the check's own page stood in, ``None`` for a stamp alone (nothing stored to re-read).
    """

    version: str  # the extraction version the profile is at from now on
    was: str | None  # the one it was extracted with (None: before versions were kept)
    state: State
    page: str | None = None
    changes: tuple[Change, ...] = ()
    facts: tuple[Fact, ...] = ()  # the profile's confirmed facts after the rebase
    items: tuple[Item, ...] = ()  # items the new extractor reads differently: kept as seen
    retired: tuple[str, ...] = ()  # keys of items it no longer finds: retired quietly
    lines: Mapping[str, SeenLine] = field(default_factory=dict)  # text lines it touched


@dataclass(frozen=True)
class CheckResult:
    """Everything one check produced, ready to be recorded."""

    source: Source
    fetched: Fetched
    outcome: Outcome
    started_at: str
    ms: float
    next_due_at: str
    body_hash: str | None = None
    detail: str | None = None
    diff: DiffResult | None = None
    metrics: tuple[Metric, ...] = ()
    health: Change | None = None
    failures: int = 0
    health_alerted: bool = False
    rebase: Rebase | None = None  # set when the extractor changed since the profile was stored
    raw_hash: str | None = None  # the hash of the bytes whose noise-free hash is body_hash
    # The source's items as stored when the check loaded its state (before its rebase), given
    # with every diff: recording the check computes the items it keeps from them, without
    # reading the items table again inside the write (a check whose rebase wrote items reads
    # them back there instead: rebases are rare).
    stored_items: Mapping[str, ItemState] | None = None

    @property
    def changes(self) -> tuple[Change, ...]:
        """All change events of this check, health included."""
        found = self.diff.changes if self.diff else ()
        return (*found, self.health) if self.health else found
