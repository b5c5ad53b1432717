"""Idle connections cannot fill the desk: a socket that connects and sends nothing is closed
after the idle timeout, as one idle after a response already was, so 255 of them no longer
make every request 503."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request

import pytest

from newsledger.server.connections import IDLE_TIMEOUT_S, LIMIT_CONCURRENCY, SERVE_OPTIONS
from server_support import shared_ledger

pytestmark = pytest.mark.slow


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as res:
            return int(res.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_idle_connections_are_closed_and_free_their_slots(settings) -> None:
    from newsledger.server import create_app
    from newsledger.server.background import serving

    with serving(create_app(shared_ledger(settings)), options=SERVE_OPTIONS) as base:
        host, port = base.removeprefix("http://").split(":")
        idle = [socket.create_connection((host, int(port))) for _ in range(LIMIT_CONCURRENCY - 1)]
        try:
            time.sleep(0.5)
            assert _status(f"{base}/api/stats") == 503  # the slots are full while they stay open
            time.sleep(IDLE_TIMEOUT_S + 1.5)
            for s in idle[:5]:
                s.settimeout(5)
                assert s.recv(1) == b"", "the server did not close an idle connection"
            assert _status(f"{base}/api/stats") == 200
        finally:
            for s in idle:
                s.close()
