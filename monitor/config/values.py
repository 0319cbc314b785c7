"""The small value rules of sources.yaml: intervals, slugs, source ids and what counts as a secret."""

from __future__ import annotations

import functools
import itertools
import re

import xxhash

from monitor.errors import ConfigError

_UNITS = (("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
# Units in falling order, each at most once: "1h30m" reads one way only. Lower case only, so
# "1M" is never silently a minute when someone meant a month.
_INTERVAL = re.compile(
    r"(?:([0-9]{1,7})w)?\s*(?:([0-9]{1,7})d)?\s*(?:([0-9]{1,7})h)?\s*"
    r"(?:([0-9]{1,7})m)?\s*(?:([0-9]{1,9})s)?"
)
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

# Key names that only ever hold credentials (R39). Compared per word, so "author" is not "auth".
_SECRET_WORDS = frozenset(
    {
        *("password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "tokens"),
        *("apikey", "api_key", "access_key", "private_key", "webhook", "webhooks"),
        *("credential", "credentials", "auth", "authorization", "bearer", "cookie", "cookies"),
        "session",
    }
)
# Values that are credentials whatever key holds them (detect-secrets style patterns).
SECRET_VALUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a Slack webhook URL", re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/\S+")),
    ("a Discord webhook URL", re.compile(r"discord(?:app)?\.com/api/webhooks/\S+")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}")),
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[0-9A-Za-z]{30,}|github_pat_\w{30,})")),
    ("an AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
)
SECRET_ADVICE = "secrets belong in the environment; name a channel instead"
# All of them at once: one search per value, the usual answer being "none" (a 10,000-company
# file has 50,000 values); which one matched is looked up only then.
_ANY_SECRET_VALUE = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in SECRET_VALUES))


def parse_interval(text: str) -> float:
    """Seconds in an interval such as ``90s``, ``30m``, ``6h``, ``1d``, ``2w`` or ``1h30m``."""
    return _interval(text) if isinstance(text, str) else _interval_of(text)


@functools.lru_cache(maxsize=1024)  # a big file repeats a few intervals thousands of times
def _interval(text: str) -> float:
    return _interval_of(text)


def _interval_of(text: object) -> float:
    match = _INTERVAL.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None or not any(match.groups()):
        raise ConfigError(
            f"bad interval {text!r}: use a whole number and a unit (s, m, h, d, w), "
            "largest unit first, e.g. 90s, 30m, 6h, 1d, 2w or 1h30m"
        )
    seconds = sum(int(n) * size for n, (_, size) in zip(match.groups(), _UNITS, strict=True) if n)
    if seconds <= 0:
        raise ConfigError(f"bad interval {text!r}: must be longer than zero")
    return float(seconds)


def format_interval(seconds: float) -> str:
    """The shortest canonical text for a whole number of seconds, e.g. 5400 → ``1h30m``."""
    rest = int(seconds)
    if rest <= 0 or rest != seconds:
        raise ValueError(f"not a positive whole number of seconds: {seconds!r}")
    parts = []
    for unit, size in _UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


def validate_slug(slug: str) -> str:
    """Return the slug if it is 1-64 of ``a-z 0-9 -`` not starting with ``-``; else ConfigError."""
    # Slugs become file names, URLs and database keys: never anything path-like (R14, A5).
    if isinstance(slug, str) and _SLUG.fullmatch(slug):
        return slug
    hint = ""
    if isinstance(slug, str):
        guess = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")[:64].rstrip("-")
        if guess != slug and _SLUG.fullmatch(guess):
            hint = f" (try '{guess}')"
    raise ConfigError(
        f"bad slug {slug!r}: use 1-64 characters a-z, 0-9 and '-', "
        f"starting with a letter or digit{hint}"
    )


def source_id(company: str, kind: str, url: str) -> str:
    """The stable id ``<slug>:<kind>:<xxh32 of the url, 8 hex>``; order in the file plays no part."""
    return f"{company}:{kind}:{xxhash.xxh32_hexdigest(url.encode('utf-8'))}"


def secret_key(key: object) -> bool:
    """True when a mapping key names a credential (``password``, ``slack_webhook``, ``apiToken``)."""
    return isinstance(key, str) and _secret_key(key)


@functools.lru_cache(maxsize=4096)
def _secret_key(key: str) -> bool:
    """The answer per key name: a big file repeats a handful of keys (slug, url…) every entry."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", snake) if w]
    pairs = {f"{a}_{b}" for a, b in itertools.pairwise(words)}
    return bool(_SECRET_WORDS.intersection(words) or _SECRET_WORDS.intersection(pairs))


def any_secret_value(text: str) -> bool:
    """True when some credential pattern matches somewhere in ``text``."""
    return _ANY_SECRET_VALUE.search(text) is not None


def secret_value(text: str) -> tuple[str, str] | None:
    """``(what, matched text)`` when a string holds a credential, else None."""
    if _ANY_SECRET_VALUE.search(text) is None:
        return None
    for what, pattern in SECRET_VALUES:
        found = pattern.search(text)
        if found:
            return what, found.group(0)
    return None


def unknown_slug_message(slug: str, slugs: list[str], file: object) -> str:
    """``unknown company 'x'; known: a, b (did you mean 'y'?)`` for lookups by slug."""
    if not slugs:
        return f"unknown company {slug!r}: {file} has no companies yet"
    shown = ", ".join(sorted(slugs)[:30]) + (", ..." if len(slugs) > 30 else "")
    import difflib  # for a message only: not on every command's path

    close = difflib.get_close_matches(str(slug), slugs, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown company {slug!r}; known: {shown}{hint}"
