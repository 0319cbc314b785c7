"""What a person types in a search box, made into an FTS5 query that always parses.

Datasette's own ``escape_fts`` turns a lone ``"`` (or ``a"b"c"``) into an empty or unbalanced
string, and SQLite answers "fts5: syntax error". Here every word becomes a quoted FTS5 string,
so ``NOT``, ``OR``, ``*``, ``col:x`` and ``NEAR(`` are searched as the words they are. Text
the person put in double quotes stays one phrase; a quote without its partner is dropped.
"""

from __future__ import annotations

import re

_PIECES = re.compile(r'"([^"]*)"|([^\s"]+)')
NOTHING = '""'  # an empty FTS5 phrase: valid, matches no row


def fts_query(text: object) -> str:
    """An FTS5 MATCH expression for user text: each word or "quoted phrase" a quoted string,
    all of them required; NOTHING when no word is left."""
    phrases = []
    for quoted, bare in _PIECES.findall(str(text or "")):
        words = quoted or bare
        if any(ch.isalnum() for ch in words):  # punctuation alone tokenizes to nothing
            phrases.append(f'"{words}"')
    return " ".join(phrases) or NOTHING
