"""`newsledger demo` (the README's first quick-start command) end to end."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from typer.testing import CliRunner

from newsledger.cli.main import app

pytestmark = pytest.mark.slow


def test_demo_builds_a_ledger_and_shows_it(tmp_path) -> None:
    db = tmp_path / "demo.sqlite"
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stderr
    assert "figures about Pokrovsk over time" in result.stdout
    assert db.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_ends_by_serving_the_desk_and_prints_its_url(tmp_path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "demo", "--db", str(tmp_path / "d.sqlite"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + 240
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if "newsledger desk: http://127.0.0.1:" in line:
                url = line.split()[2]
                break
        assert url == f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "api/stats", timeout=5) as r:
                    stats = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the desk did not answer")
        assert stats
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
