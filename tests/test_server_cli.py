"""``newsledger serve``: binds loopback by default, prints its URL, answers the API."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newsledger.cli.serve import DEFAULT_HOST, is_loopback
from newsledger.server.background import free_port


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False), ("::", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_default_host_is_loopback():
    assert DEFAULT_HOST == "127.0.0.1"


@pytest.mark.timeout(120)
def test_serve_prints_its_url_and_answers(tmp_path: Path):
    port = free_port()
    db = tmp_path / "ledger.sqlite"
    env_cache = {"NEWSLEDGER_CACHE_DIR": str(tmp_path / "cache"), "NEWSLEDGER_CONFIG": str(tmp_path / "none.toml")}
    import os

    proc = subprocess.Popen(
        # --create: this test serves a new, empty ledger; without it a missing ledger is E302
        # (the desk used to create one silently at any path, a mistyped --db included)
        [sys.executable, "-m", "newsledger", "serve", "--db", str(db), "--port", str(port), "--create"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env_cache})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2) as r:
                    body = json.loads(r.read())
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None and body["articles"] == 0
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers.get("server") is None  # no server banner
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.timeout(120)
def test_serve_refuses_a_missing_ledger(tmp_path: Path):
    """A mistyped ``--db`` is E302 naming the path, exit 2, and nothing is created (issue 24
    item 12: the desk created an empty ledger and its directory, and served it)."""
    import os

    db = tmp_path / "typo" / "ledgr.sqlite"
    env = {**os.environ, "NEWSLEDGER_CACHE_DIR": str(tmp_path / "cache"), "NEWSLEDGER_CONFIG": str(tmp_path / "none.toml")}
    done = subprocess.run([sys.executable, "-m", "newsledger", "serve", "--db", str(db), "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "[E302]" in done.stderr and str(db) in done.stderr
    assert "Traceback" not in done.stderr
    assert not db.parent.exists()
