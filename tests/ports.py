"""Loopback ports for the tests' servers.

A server a test starts in its own process binds port 0 and is asked which port it got. Only a
server that must be told its port before it starts (``redis-server``, ``monitor serve`` as a
child, a relay that comes up after a client was pointed at it) takes one from ``free_port``,
and then tries again when another process took that port first (``EADDRINUSE``). A port where
nothing may listen is held by ``refused_port``: bound, not listening, so a connection to it is
refused and no other process can take it meanwhile.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

ATTEMPTS = 5  # ports tried when another process takes each before our server binds it


def free_port() -> int:
    """A port nothing listens on right now; another process may take it before our server
    binds it, so its user tries again on ``EADDRINUSE`` (``ATTEMPTS`` times)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Refused:
    """A loopback port held bound and not listening: connections to it are refused."""

    def __init__(self) -> None:
        self._sock: socket.socket | None = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = int(self._sock.getsockname()[1])

    def release(self) -> int:
        """Let the port go (for a server to bind it next); returns it."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        return self.port


@contextmanager
def refused_port() -> Iterator[Refused]:
    """A port where connections are refused for the time of the ``with`` (or until
    ``release()``)."""
    held = Refused()
    try:
        yield held
    finally:
        held.release()
