"""Property tests: extraction is deterministic and noise never changes facts (E7, R30).

Real corpus pages (Finya's imprint, markeich.de's imprint, sass-ag.de's home page) are noised
the way servers noise them on every request, and the facts must not move.
"""

from __future__ import annotations

import re
from html import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor import normalize as nz
from monitor.extract.page import extract_page
from monitor.models import Fact
from tests.conftest import CORPUS

BASES = {
    "finya": (
        CORPUS / "sites_history/finya_de_imprint/001_2024-06-04T123220.html",
        "https://www.finya.de/Legal/about/",
    ),
    "markeich": (
        CORPUS / "pages/trafilatura/markeich.de.impressum.html",
        "https://www.markeich.de/kontakt/impressum/",
    ),
    "sass": (CORPUS / "pages/trafilatura/sass-ag.de.index.html", "https://sass-ag.de"),
}
_BODIES = {name: path.read_bytes() for name, (path, _) in BASES.items()}
_TAG = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-\w:.]*=\"[^\"<>]*\")+)\s*(/?)>")
_ATTR = re.compile(rb"\s+[a-zA-Z_:][-\w:.]*=\"[^\"<>]*\"")
token = st.text("abcdef0123456789ABCDEFXYZ_-", min_size=8, max_size=40).map(str.encode)


def facts(name: str, body: bytes) -> tuple[Fact, ...]:
    """The facts of a base page's (possibly noised) body."""
    return extract_page(body, BASES[name][1], "text/html").facts


def add_nonces(body: bytes, tokens: list[bytes]) -> bytes:
    """A fresh nonce="…" on the first tags that have attributes."""
    it = iter(tokens)
    return _TAG.sub(
        lambda m: (
            m.group(0)[:-1] + b' nonce="' + next(it, b"x") + b'">' if not m.group(3) else m.group(0)
        ),
        body,
        count=len(tokens),
    )


def add_head_noise(body: bytes, csrf: bytes, script: bytes) -> bytes:
    """A CSRF meta tag and an inline script with per-request content, as frameworks emit."""
    noise = (
        b'<meta name="csrf-token" content="'
        + csrf
        + b'"><script>window.__rid="'
        + script
        + b'";</script>'
    )
    return body.replace(b"</head>", noise + b"</head>", 1)


def reorder_attributes(body: bytes, seed: int) -> bytes:
    """Attribute order within tags shuffled (deterministically from ``seed``)."""

    def shuffle(m: re.Match[bytes]) -> bytes:
        attrs = _ATTR.findall(m.group(2))
        k = seed % len(attrs)
        return b"<" + m.group(1) + b"".join(attrs[k:] + attrs[:k]) + m.group(3) + b">"

    return _TAG.sub(shuffle, body)


def stretch_whitespace(body: bytes, runs: list[int]) -> bytes:
    """Existing whitespace runs made longer (never adds whitespace where there was none)."""
    pieces = re.split(rb"(\s+)", body)
    for i, extra in zip(range(1, len(pieces), 2), runs, strict=False):
        pieces[i] += b" \n\t"[: extra % 3 + 1] * (extra % 4)
    return b"".join(pieces)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(BASES)),
    nonces=st.lists(token, min_size=1, max_size=30),
    csrf=token,
    script=token,
    seed=st.integers(min_value=0, max_value=1000),
    runs=st.lists(st.integers(min_value=0, max_value=12), max_size=200),
)
def test_invisible_noise_never_changes_facts(
    name: str, nonces: list[bytes], csrf: bytes, script: bytes, seed: int, runs: list[int]
) -> None:
    """Nonces, CSRF tags, script contents, whitespace and attribute order are not news."""
    base = _BODIES[name]
    noised = stretch_whitespace(
        reorder_attributes(add_head_noise(add_nonces(base, nonces), csrf, script), seed), runs
    )
    assert facts(name, noised) == facts(name, base)
    plain = stretch_whitespace(add_head_noise(add_nonces(base, nonces), csrf, script), runs)
    assert nz.fingerprint(nz.strip_volatile(plain)) == nz.fingerprint(nz.strip_volatile(base))


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(sorted(BASES)),
    first=st.datetimes(),
    second=st.datetimes(),
    viewers=st.tuples(st.integers(0, 99999), st.integers(0, 99999)),
)
def test_render_stamps_and_counters_never_change_facts(
    name: str, first: object, second: object, viewers: tuple[int, int]
) -> None:
    """A "rendered at <time>" footer and a live viewer count differ on every request."""

    def with_stamp(stamp: object, count: int) -> bytes:
        extra = (
            f"<p>Page rendered at {stamp}</p><p>{count} people are viewing this page</p>".encode()
        )
        return _BODIES[name].replace(b"</body>", extra + b"</body>", 1)

    assert facts(name, with_stamp(first, viewers[0])) == facts(name, with_stamp(second, viewers[1]))


@settings(max_examples=40, deadline=None)
@given(body=st.binary(max_size=3000))
def test_extraction_is_total_and_deterministic_on_any_bytes(body: bytes) -> None:
    """Any bytes: no exception, and the same Observation twice (R30)."""
    assert extract_page(body, "https://acme.de/", "text/html") == extract_page(
        body, "https://acme.de/", "text/html"
    )


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30), max_size=20
    )
)
def test_extraction_is_deterministic_on_generated_pages(words: list[str]) -> None:
    """Generated pages with arbitrary text give identical, sorted facts on every run."""
    body = (
        "<html><body><main>"
        + "".join(f"<p>{escape(w)}</p>" for w in words)
        + "</main></body></html>"
    ).encode()
    first = extract_page(body, "https://acme.de/", "text/html")
    assert first == extract_page(body, "https://acme.de/", "text/html")
    assert list(first.facts) == sorted(first.facts, key=lambda f: (f.field, f.value, f.role or ""))


@given(st.text(max_size=200))
def test_text_is_idempotent(raw: str) -> None:
    """Normalising twice changes nothing."""
    assert nz.text(nz.text(raw)) == nz.text(raw)


@given(st.text(max_size=200))
def test_mask_volatile_is_idempotent(raw: str) -> None:
    """Masking twice changes nothing."""
    once = nz.mask_volatile(nz.text(raw))
    assert nz.mask_volatile(once) == once
