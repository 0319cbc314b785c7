"""The cheap checks inside ``strip_volatile`` change its cost, never its output.

Each regex pass runs only when the body holds one of its literals, and code spans are cut by
searching on after each cut: stripping with every gate open must give the same bytes, on real
corpus pages cut into pieces and spliced (so that openers, closers and tokens land anywhere).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor import noise
from tests.conftest import CORPUS

PAGES = [
    CORPUS / "sites_history/finya_de_imprint/001_2024-06-04T123220.html",
    CORPUS / "pages/trafilatura/markeich.de.impressum.html",
    CORPUS / "pages/trafilatura/sass-ag.de.index.html",
]
_BODIES = [path.read_bytes() for path in PAGES]
PIECES = [
    b"<!-->", b"<!--", b"-->", b"<script>", b"</script>", b"<SCRIPT type=application/ld+json>",
    b"<style>", b"</STYLE>", b"<noscript>", b"</noscript>", b"<iframe>", b"</iframe>",
    b"<template>", b"</template>", b'<input type="hidden" value="x">',
    b'<meta name="csrf-token" content="t0k3n">', b' data-x="1"', b" nonce=abc", b' integrity="s"',
    b"csrf_t=9", b"?v=12", b"/_next/static/abcdefgh12/", b"/deadbeef1234", b'"cafe12345678',
    b' id="ad-1649425959"', b' class="x y-deadbeef99"', b"2024-01-02T10:11:12Z", b" 10:11:12",
    b" 5 minutes ago", b" 12 people are viewing", b"\xc2\xa9 2024", b"(c) 1999-2020",
]  # fmt: skip


def _ungated(body: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(noise, "_gated", lambda body, gate: True)
        return noise.strip_volatile(body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.sampled_from(range(len(_BODIES))),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(PIECES)), max_size=12),
)
def test_gates_never_change_what_is_stripped(
    base: int, cuts: list[tuple[float, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With or without the gates, a page (noise spliced in anywhere) strips to the same bytes."""
    body = _BODIES[base]
    for where, piece in cuts:
        at = int(where * len(body))
        body = body[:at] + piece + body[at:]
    assert noise.strip_volatile(body) == _ungated(body, monkeypatch)


def test_a_script_inside_a_comment_stays_cut_and_text_after_it_stays() -> None:
    """An opener inside a span already cut starts nothing; the search resumes after the span."""
    body = (b"<p>a</p><!-- <script> --><p>b</p><script>if (x<y) {}</script><p>c</p>"
            b'<script type="application/ld+json">{"n": 1}</script><!-->d<STYLE>e</STYLE>f')
    assert noise.strip_volatile(body) == (
        b'<p>a</p><p>b</p><p>c</p><script type="application/ld+json">{"n": 1}</script>df')


def test_text_masks_are_compiled_by_their_first_use_not_by_the_import() -> None:
    """A process that strips pages but never masks text compiles none of the text masks."""
    script = ("import monitor.noise as n\n"
              "assert all(p._compiled is None for _, p, _ in n._TEXT_MASKS)\n"
              "n.strip_volatile(b'<p>3 minutes ago</p>')\n"
              "assert all(p._compiled is None for _, p, _ in n._TEXT_MASKS)\n"
              "assert n.mask_volatile('seen 3 minutes ago') == 'seen [time ago]'\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr


@given(st.lists(st.sampled_from([b"a", b"<p>", b" ", b"  ", b"\t", b"\n", b"\r\n", b"\x0b",
                                 b"\x0c", b"\xa0", b"\x1c", b"word"]), max_size=40))
def test_whitespace_collapses_as_splitting_does(parts: list[bytes]) -> None:
    """Every run of whitespace becomes one space and none is left at the ends, whether the
    body needs the translation only (no two in a row) or the runs collapsed too."""
    body = b"".join(parts)
    assert noise._collapse_spaces(body) == b" ".join(body.split())
