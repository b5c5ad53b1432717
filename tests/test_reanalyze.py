"""``newsledger reanalyze`` (issue 24 item 5): stored reports made by another pipeline are
analysed again, in batches, idempotently; a kill -9 midway and a rerun leave a consistent
ledger. The "old" reports are real pipeline reports as an older release would have stored
them: the quotes layer at an earlier version, and no quotes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest

from fault_support import NEWSLEDGER, ROOT, run_cli, template_reports, variant
from newsledger.ledger import Ledger
from newsledger.models import LayerVersion, Report

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _old(report: Report) -> Report:
    """The report as a pipeline with quotes at version 0 stored it: no quotes."""
    assert report.pipeline is not None
    layers = [LayerVersion(name=x.name, version=0 if x.name == "quotes" else x.version) for x in report.pipeline.layers]
    return report.model_copy(update={"quotes": [], "pipeline": report.pipeline.model_copy(update={"layers": layers})})


@pytest.fixture(scope="module")
def quoted() -> list[Report]:
    out = [r for r in template_reports() if r.quotes]
    assert len(out) >= 2
    return out


def _build(db: Path, quoted: list[Report], n: int) -> list[str]:
    reports = [_old(variant(quoted[i % len(quoted)], i)) for i in range(n)]
    with Ledger(f"sqlite:///{db}") as led:
        assert all(x.status == "added" for x in led.add(reports))
    return [r.article.id for r in reports]


def _current_key() -> str:
    from newsledger.nlp.pipeline import current_pipeline
    from newsledger.settings import load_settings

    return current_pipeline(load_settings(use_files=False)).key()


def _state(db: Path) -> list[tuple[str, str | None, int]]:
    """(id, pipeline key, quotes) per article, after SQLite's integrity checks."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        return conn.execute("SELECT a.id, a.pipeline_key, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) "
                            "FROM articles a ORDER BY a.id").fetchall()


def _cmd(db: Path, *extra: str) -> list[str]:
    return [*NEWSLEDGER, "reanalyze", "--db", str(db), "--workers", "1", "--batch-size", "4", *extra]


def test_reanalyze_outdated_then_nothing_then_all(tmp_path: Path, quoted: list[Report]) -> None:
    db = tmp_path / "ledger.sqlite"
    ids = _build(db, quoted, 10)
    key = _current_key()
    before = _state(db)
    assert all(k != key and n == 0 for _, k, n in before)
    done = run_cli(_cmd(db))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "10 re-analysed, 0 failed (kept as stored), of 10 outdated articles" in done.stdout
    assert "re-analysed 4 of 10" in done.stderr  # progress, a batch at a time
    after = _state(db)
    assert [a for a, _, _ in after] == sorted(ids)
    assert all(k == key and n >= 1 for _, k, n in after)
    # idempotent: nothing is outdated now
    again = run_cli(_cmd(db))
    assert again.returncode == 0 and "0 re-analysed, 0 failed (kept as stored), of 0 outdated" in again.stdout
    assert _state(db) == after
    # --all analyses every article again, to the same records
    everything = run_cli(_cmd(db, "--all", "--quiet"))
    assert everything.returncode == 0 and "10 re-analysed" in everything.stdout and not everything.stderr
    assert _state(db) == after


def test_reanalyze_refuses_a_missing_ledger(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "ledgr.sqlite"
    done = run_cli(_cmd(db))
    assert done.returncode == 2 and "[E302]" in done.stderr and not db.parent.exists()


def test_kill_9_during_reanalyze_then_rerun(tmp_path: Path, quoted: list[Report]) -> None:
    db = tmp_path / "ledger.sqlite"
    n = 40
    ids = _build(db, quoted, n)
    key = _current_key()
    env = {**os.environ, "NEWSLEDGER_CONFIG": str(ROOT / "tests" / "no-such-config.toml")}

    def current() -> int:
        try:
            return sum(1 for _, k, _ in _state(db) if k == key)
        except sqlite3.OperationalError:  # locked for a moment by the writer
            return -1

    proc = subprocess.Popen([*_cmd(db, "--quiet"), "--batch-size", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 300
        while current() < 1 and proc.poll() is None:  # a batch committed
            assert time.monotonic() < deadline, "no batch committed"
            time.sleep(0.05)
        time.sleep(random.Random(40).uniform(0.0, 0.3))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    mid = _state(db)
    # every article is whole: either as stored before (old key, no quotes) or re-analysed
    assert [a for a, _, _ in mid] == sorted(ids)
    assert all((k == key and n >= 1) or (k != key and n == 0) for _, k, n in mid), mid
    redone = sum(1 for _, k, _ in mid if k == key)
    assert redone >= 1
    print(f"killed after {redone} of {n} re-analysed")
    rest = run_cli(_cmd(db))
    assert rest.returncode == 0, rest.stdout + rest.stderr
    assert f"{n - redone} re-analysed, 0 failed (kept as stored), of {n - redone} outdated" in rest.stdout
    final = _state(db)
    assert all(k == key and n >= 1 for _, k, n in final)
    assert "of 0 outdated" in run_cli(_cmd(db)).stdout
