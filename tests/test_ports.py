"""The tests' loopback ports: a held port refuses connections and is nobody else's; a server
told a port that another process took meanwhile starts on another one."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import pytest

from tests.ports import refused_port
from tests.test_fleet_support import RedisServer


def test_a_held_port_refuses_connections_and_no_one_else_binds_it() -> None:
    with refused_port() as held:
        with socket.socket() as client, pytest.raises(ConnectionRefusedError):
            client.connect(("127.0.0.1", held.port))
        with socket.socket() as other, pytest.raises(OSError) as taken:
            other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            other.bind(("127.0.0.1", held.port))
        assert taken.value.errno == errno.EADDRINUSE
        port = held.release()
        with socket.socket() as server:  # released: a server may bind it now
            server.bind(("127.0.0.1", port))
            server.listen(1)


def test_redis_moves_to_another_port_when_its_own_was_taken(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    with socket.socket() as thief:
        thief.bind(("127.0.0.1", server.port))
        thief.listen(1)
        taken = server.port
        server.start()
        try:
            assert server.port != taken
            assert server.client().ping()
            server.stop()
            server.start()  # a restart keeps its port
            assert server.client().info("server")["tcp_port"] == server.port
        finally:
            server.stop()
