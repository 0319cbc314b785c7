"""The pipe console prints what rich's console prints in a pipe, and hands rich the rest."""

from __future__ import annotations

import io
import itertools
import random
import sys

import pytest
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from monitor.cli.plain import PlainConsole, plain_stdout, plain_text
from monitor.text_safety import for_terminal

PIECES = ("a", " ", "[", "]", "\\", "/", ":", "smile", "bold", "[bold]", "[/bold]", "[/]",
          "[yellow]", "[/yellow]", "[link=http://x]", "[red on blue]", "é", "→", "[b", "x]",
          "[@click]", "[#ff0000]", ":+1:", "http://h.test:8080/p", "\\[bold]", "[/nope]",
          "\t", "\x1b", "\n")


def strings(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9))) for _ in range(count)]


def rich_prints(text: str, **kwargs: object) -> str | Exception:
    out = io.StringIO()
    try:
        Console(file=out, highlight=False, soft_wrap=True).print(text, **kwargs)  # type: ignore[arg-type]
    except Exception as e:  # rich's markup errors are part of what is compared
        return e
    return out.getvalue()


def plain_prints(text: str, monkeypatch: pytest.MonkeyPatch, **kwargs: object) -> str | Exception:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    console = PlainConsole(highlight=False, soft_wrap=True, file=out)
    try:
        console.print(text, **kwargs)
    except Exception as e:
        return e
    return out.getvalue()


@pytest.mark.parametrize("markup", [None, True, False])
def test_plain_console_prints_what_rich_prints(markup: bool | None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*strings(1500, seed=7), "1 source(s) checked: 1 ok; recorded 0 change(s).",
             "c1  [bold]people[/bold]  person A: CFO → COO  (website x)", "x" * 300, ""]
    handled = 0
    for text in texts:
        want = rich_prints(text, markup=markup)
        got = plain_prints(text, monkeypatch, markup=markup)
        if isinstance(want, Exception):
            assert type(got) is type(want), text
        else:
            assert got == want, repr(text)
        handled += plain_text(text, markup_on=markup is not False) is not None
    assert handled > len(texts) // 5  # the plain path is exercised, not only the fallback


def test_escaped_text_through_markup_reads_back_as_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in strings(800, seed=11):
        assert for_terminal(text, markup=True) == escape(for_terminal(text)), repr(text)
        safe = for_terminal(text, markup=True)
        assert plain_prints(f"[bold]{safe}[/bold]", monkeypatch) == rich_prints(f"[bold]{safe}[/bold]")


def test_anything_but_a_string_goes_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    console = PlainConsole(highlight=False, soft_wrap=True, file=out)
    table = Table("name")
    table.add_row("ispace")
    console.print("first")
    console.print(table)
    console.print("last", style="bold")
    lines = out.getvalue().splitlines()
    assert lines[0] == "first" and "ispace" in out.getvalue() and lines[-1] == "last"
    assert console.width == console.rich.width  # other attributes are rich's


@pytest.mark.parametrize(("env", "plain"), [({}, True), ({"FORCE_COLOR": "1"}, False),
                                            ({"FORCE_COLOR": ""}, False),
                                            ({"TTY_COMPATIBLE": "1"}, False),
                                            ({"TTY_COMPATIBLE": "0"}, False)])
def test_plain_only_where_rich_would_be_plain(env: dict[str, str], plain: bool,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert plain_stdout(env) is plain


def test_a_terminal_is_never_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    assert plain_stdout({}) is False


def test_pieces_cover_every_branch() -> None:
    seen = {plain_text(a + b) is None for a, b in itertools.product(PIECES, repeat=2)}
    assert seen == {True, False}
