"""Validating one source entry of sources.yaml against its kind's declared options."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from monitor.config.reader import Problems, closest, did_you_mean, item_line, key_line, plain
from monitor.config.values import parse_interval, secret_value, source_id
from monitor.errors import ConfigError, UnsafeURL
from monitor.fetch.chromium import chromium_path
from monitor.fetch.netguard import check_url
from monitor.models import Source
from monitor.sources import KINDS, Kind, SourceOptions

# Options every kind shares that become Source fields rather than Source.options.
SOURCE_FIELDS = frozenset({"kind", "url", "every", "confirm", "settle"})
DEFAULT_CONFIRM = 2
# New prose is held back this long: a rotating block's first replacement looks exactly like an
# edit, and only its second one, within a day for daily or per-visit rotations, tells them apart.
DEFAULT_SETTLE = 86400.0
MIN_EVERY = 60.0  # more often than once a minute is impolite to anyone's server
MAX_EVERY = 366 * 86400.0
MAX_CONFIRM = 10  # the bounds SourceOptions.confirm declares
MAX_SETTLE = 30 * 86400.0  # longer would keep a real edit from analysts for over a month
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass
class Context:
    """What validating one source needs from the rest of the file."""

    problems: Problems
    defaults: dict[str, object]
    allow_private: bool
    env: Mapping[str, str]  # the command's settings: named proxies, chromium
    ids: dict[str, int] = field(default_factory=dict)  # source id → line, to refuse duplicates


def build_source(node: object, path: str, line: int, slug: str, ctx: Context) -> Source | None:
    """A validated Source, or None with the reasons recorded in ``ctx.problems``."""
    problems = ctx.problems
    if not isinstance(node, dict):
        problems.add(line, path, "expected a mapping such as {kind: website, url: https://...}")
        return None
    kind = _kind(node, path, line, problems)
    if kind is None:
        return None
    before = len(problems.lines)
    raw: dict[str, Any] = plain(node)
    if raw.get("every") is not None:  # `every:` left empty means the default
        check_every(raw["every"], f"{path}.every", key_line(node, "every", line), problems)
    if raw.get("confirm") is not None:
        check_confirm(raw["confirm"], f"{path}.confirm", key_line(node, "confirm", line), problems)
    if raw.get("settle") is not None:
        check_settle(raw["settle"], f"{path}.settle", key_line(node, "settle", line), problems)
    url = _url(node, raw.get("url"), path, line, ctx)
    _option_urls(node, raw, path, line, ctx)
    options = _options(kind, node, raw, path, line, problems)
    if options is not None and options.proxy:
        from monitor.fetch import proxy  # its transport (aiohttp, httpx): only when one is named

        try:
            proxy.from_env(ctx.env, options.proxy)
        except ConfigError as exc:
            problems.add(key_line(node, "proxy", line), f"{path}.proxy", str(exc))
    if getattr(options, "render", None) == "browser" and chromium_path(ctx.env) is None:
        problems.add(key_line(node, "render", line), f"{path}.render",
                     "needs chromium, which is not installed (run scripts/ensure-chromium, or "
                     "set MONITOR_CHROMIUM to its path); auto or never work without it")
    if options is not None and raw.get("url") is None:
        # A kind whose options make url optional still needs one to be fetched at all.
        problems.add(line, f"{path}.url", f"missing; a {kind.kind} source needs it")
    if options is None or url is None or not slug or len(problems.lines) > before:
        return None
    sid = source_id(slug, kind.kind, url)
    at = key_line(node, "url", line)
    if sid in ctx.ids:
        problems.add(
            at, f"{path}.url", f"duplicate source: same kind and url as line {ctx.ids[sid]}"
        )
        return None
    ctx.ids[sid] = at
    every = raw.get("every") or ctx.defaults.get("every") or kind.default_every
    default_confirm = ctx.defaults.get("confirm")
    if not isinstance(default_confirm, int):
        default_confirm = DEFAULT_CONFIRM
    dumped = options.model_dump(exclude_defaults=True)
    extra = {key: value for key, value in dumped.items() if key not in SOURCE_FIELDS}
    return Source(
        id=sid,
        company=slug,
        kind=kind.kind,
        url=url,
        every=parse_interval(str(every)),
        options=extra,
        confirm=options.confirm or default_confirm,
        settle=settle_seconds(raw["settle"] if raw.get("settle") is not None
                              else ctx.defaults.get("settle")),
    )


def _kind(node: dict[str, Any], path: str, line: int, problems: Problems) -> Kind | None:
    known = sorted(KINDS)
    if "kind" not in node:
        problems.add(line, f"{path}.kind", f"missing; known kinds: {', '.join(known)}")
        return None
    name = node["kind"]
    if isinstance(name, str) and name in KINDS:
        return KINDS[name]
    problems.add(
        key_line(node, "kind", line),
        f"{path}.kind",
        f"unknown kind {name!r}; known: {', '.join(known)}{did_you_mean(name, known)}",
    )
    return None


def _url(node: dict[str, Any], url: object, path: str, line: int, ctx: Context) -> str | None:
    """The URL as the fetch policy accepts it; a credential in it was already reported."""
    if not isinstance(url, str) or secret_value(url):
        return None  # missing or mistyped: reported by the options model; secrets by the scan
    try:
        return check_url(url, allow_private=ctx.allow_private)
    except UnsafeURL as exc:
        ctx.problems.add(key_line(node, "url", line), f"{path}.url", f"{exc.reason}: {url}")
        return None


def _option_urls(
    node: dict[str, Any], raw: dict[str, Any], path: str, line: int, ctx: Context
) -> None:
    """Other options holding URLs (a feed bridge, an API base) pass the same fetch policy."""
    for key, value in raw.items():
        if key != "url" and isinstance(value, str) and _SCHEME.match(value):
            if secret_value(value):
                continue  # reported by the secret scan
            try:
                check_url(value, allow_private=ctx.allow_private)
            except UnsafeURL as exc:
                at = key_line(node, key, line)
                ctx.problems.add(at, f"{path}.{key}", f"{exc.reason}: {value}")


def _options(
    kind: Kind, node: dict[str, Any], raw: dict[str, Any], path: str, line: int, problems: Problems
) -> SourceOptions | None:
    try:
        return kind.Options.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    known = sorted(name for name in kind.Options.model_fields if name != "kind")
    # A typo such as "urll" also makes "url" missing; the did-you-mean already says the fix.
    meant = {closest(err["loc"][-1], known) for err in errors if err["type"] == "extra_forbidden"}
    for err in errors:
        at, where = _locate(node, err["loc"], line, path)
        if err["type"] == "extra_forbidden":
            last = err["loc"][-1]
            message = f"unknown option; known: {', '.join(known)}{did_you_mean(last, known)}"
        elif err["type"] == "missing":
            if err["loc"] and err["loc"][0] in meant:
                continue
            message = f"missing; a {kind.kind} source needs it"
        else:
            message = err["msg"][:1].lower() + err["msg"][1:] + _got(err.get("input"))
        problems.add(at, where, message)
    return None


def _locate(node: object, loc: tuple[int | str, ...], line: int, path: str) -> tuple[int, str]:
    """The line and dotted path of a pydantic error location inside a source mapping."""
    current, at = node, line
    for index, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            at, current = key_line(current, part, at), current[part]
        elif (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            at, current = item_line(current, part, at), current[part]
        elif index < len(loc) - 1:
            break  # union member tags and the like: not places in the file
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return at, path


def _got(value: object) -> str:
    if isinstance(value, str | int | float | bool) and len(repr(value)) <= 80:
        return f" (got {value!r})"
    return ""


def check_every(value: object, path: str, line: int, problems: Problems) -> bool:
    """Record a problem unless ``value`` is an interval text between a minute and a year."""
    if not isinstance(value, str):
        problems.add(line, path, f"expected an interval such as 30m, 6h or 1d, got {value!r}")
        return False
    try:
        seconds = parse_interval(value)
    except ConfigError as exc:
        problems.add(line, path, str(exc))
        return False
    if not MIN_EVERY <= seconds <= MAX_EVERY:
        problems.add(line, path, f"interval {value!r} is outside 1m .. 366d")
        return False
    return True


def check_confirm(value: object, path: str, line: int, problems: Problems) -> bool:
    """Record a problem unless ``value`` is a whole number from 1 to 10."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONFIRM:
        problems.add(line, path, f"expected a whole number from 1 to {MAX_CONFIRM}, got {value!r}")
        return False
    return True


def check_settle(value: object, path: str, line: int, problems: Problems) -> bool:
    """Record a problem unless ``value`` is 0 or an interval text of at most 30 days."""
    if value == 0 and not isinstance(value, bool):
        return True
    if not isinstance(value, str):
        problems.add(line, path, f"expected 0 or an interval such as 12h or 1d, got {value!r}")
        return False
    try:
        seconds = parse_interval(value) if value.strip() != "0" else 0.0
    except ConfigError as exc:
        problems.add(line, path, str(exc))
        return False
    if seconds > MAX_SETTLE:
        problems.add(line, path, f"interval {value!r} is longer than 30d")
        return False
    return True


def settle_seconds(value: object) -> float:
    """The settle period of a checked ``settle:`` value (absent: one day)."""
    if value is None:
        return DEFAULT_SETTLE
    if value == 0 or (isinstance(value, str) and value.strip() == "0"):
        return 0.0
    return parse_interval(str(value))
