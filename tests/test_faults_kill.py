"""kill -9 during an ingest and during a migration: nothing committed is lost, no article is
half-written, the ledger passes SQLite's integrity checks, and a rerun finishes the work."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fault_support import (
    ROOT,
    article_ids,
    check_whole,
    ingest_cmd,
    run_cli,
    template_reports,
    write_reports,
)
from newsledger.models import Report

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

#: Reports in the crash-loop ingest and per transaction: 15 transactions, each a few tenths
#: of a second, so kills land both between and inside transactions.
N_REPORTS = 150
BATCH = 10
#: Kills before the run is let finish.
KILLS = 3


@pytest.fixture(scope="module")
def templates() -> list[Report]:
    return template_reports()


def _wait_for(cond, timeout: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def _count(db: Path) -> int:
    try:
        return len(article_ids(db))
    except Exception:  # not created yet, or the schema is not there yet
        return 0


def test_kill_9_during_ingest_loses_nothing_committed(tmp_path: Path, templates: list[Report]) -> None:
    src, db = tmp_path / "reports.jsonl", tmp_path / "ledger.sqlite"
    ids = write_reports(src, templates, N_REPORTS)
    rng = random.Random(10)
    committed = 0
    for _kill in range(KILLS):
        proc = subprocess.Popen(ingest_cmd(src, db, BATCH), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            # let at least one more transaction commit, then kill at a random moment
            _wait_for(lambda c=committed, p=proc: _count(db) > c or p.poll() is not None)  # type: ignore[misc]
            time.sleep(rng.uniform(0.0, 0.6))
            seen = _count(db)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        after = check_whole(db, templates)
        assert after >= seen >= committed, f"committed articles were lost: saw {seen}, then {after}"
        assert article_ids(db) <= set(ids)
        committed = after
        if committed == N_REPORTS:
            break
    assert committed > 0, "no commit was seen before the kills"
    done = run_cli(ingest_cmd(src, db, BATCH))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{N_REPORTS - committed} added" in done.stdout and f"{committed} duplicates" in done.stdout
    assert check_whole(db, templates) == N_REPORTS
    assert article_ids(db) == set(ids)


#: A migration step for the test only: adds a column, fills it row by row, then (when
#: ``slow``) says so in a marker file and sleeps inside its transaction, waiting to be killed.
MIGRATION_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from newsledger.ledger import migrations as m

    db, marker, slow, version = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "slow", int(sys.argv[4])
    if version == 2:  # slow down a real step: the full-text tables of a new ledger
        real = next(x for x in m.MIGRATIONS if x.version == 2)
        def step(conn):
            real.apply(conn)
            marker.write_text("in step 2")
            time.sleep(300 if slow else 0)
        m.MIGRATIONS[m.MIGRATIONS.index(real)] = m.Migration(2, real.name, step)
    else:
        @m.migration(version, "test: a column filled row by row")
        def step(conn):
            conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN test_note TEXT")
            for (aid,) in conn.exec_driver_sql("SELECT id FROM articles").fetchall():
                conn.exec_driver_sql("UPDATE articles SET test_note = ? WHERE id = ?", ("seen " + aid, aid))
            marker.write_text("in step")
            time.sleep(300 if slow else 0)
    from newsledger.ledger import Ledger
    with Ledger(db) as led:
        print("version", led.schema_version)
""")


def _migrate(db: Path, marker: Path, slow: bool, version: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", MIGRATION_SCRIPT, str(db), str(marker),
                             "slow" if slow else "fast", str(version)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _kill_in_step(db: Path, marker: Path, version: int) -> None:
    proc = _migrate(db, marker, True, version)
    try:
        _wait_for(lambda: marker.exists() or proc.poll() is not None)
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def _columns(db: Path) -> set[str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:
        return {r[1] for r in conn.execute("PRAGMA table_info(articles)")}


def test_kill_9_during_a_migration_of_a_full_ledger(tmp_path: Path, templates: list[Report]) -> None:
    src, db, marker = tmp_path / "reports.jsonl", tmp_path / "ledger.sqlite", tmp_path / "in-step"
    ids = write_reports(src, templates, 60)
    assert run_cli(ingest_cmd(src, db, 30)).returncode == 0
    _kill_in_step(db, marker, 99)
    # the step's transaction was rolled back whole: no column, no version, every article kept
    assert "test_note" not in _columns(db)
    assert check_whole(db, templates) == 60 and article_ids(db) == set(ids)
    opened = run_cli([*_ledger_info(db)])
    from newsledger.ledger.migrations import MIGRATIONS

    latest = max(m.version for m in MIGRATIONS)  # the released steps; the test's 99 is not one
    assert opened.returncode == 0 and f"version {latest}" in opened.stdout, opened.stdout + opened.stderr
    # the rerun applies the step from the start and completes
    marker.unlink()
    proc = _migrate(db, marker, False, 99)
    out, errs = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "version 99" in out, errs
    assert "test_note" in _columns(db)
    assert check_whole(db, templates) == 60


def test_kill_9_during_the_first_migration_of_a_new_ledger(tmp_path: Path, templates: list[Report]) -> None:
    src, db, marker = tmp_path / "reports.jsonl", tmp_path / "ledger.sqlite", tmp_path / "in-step"
    ids = write_reports(src, templates, 30)
    _kill_in_step(db, marker, 2)
    assert db.exists()
    # a plain ingest opens the half-created ledger, finishes the migration and stores everything
    done = run_cli(ingest_cmd(src, db, 10))
    assert done.returncode == 0, done.stdout + done.stderr
    assert check_whole(db, templates) == 30 and article_ids(db) == set(ids)


def _ledger_info(db: Path) -> list[str]:
    code = "import sys; from newsledger.ledger import Ledger; print('version', Ledger(sys.argv[1]).schema_version)"
    return [sys.executable, "-c", code, str(db)]
