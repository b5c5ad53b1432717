"""Workers writing to PostgreSQL in parallel (issue 22): with ``--workers 2`` the worker
processes stage the content rows of their reports and the writer merges them; the ledger
equals a serial ingest's, and after a kill -9 of the whole ingest (writer and workers) and a
rerun, every table equals a clean run's."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fault_support import NEWSLEDGER, TEMPLATES, filler, run_cli
from ledger_support import TEXTS, WIRE_COPY, _pg_exec, pg_url, snapshot

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(900)]

#: Articles in the corpus and per transaction: a dozen transactions, so a kill lands
#: between and inside them, and inside the workers' staging writes.
N_ARTICLES = 48
BATCH = 4


def _corpus(path: Path) -> list[str]:
    """Articles as JSON Lines (texts written for the tests, each with a distinct closing
    paragraph), with wire copies: one published after its original, one before it (its
    cluster is renamed when it arrives, batches later)."""
    lines = []
    base = [(t, dict(m)) for t, m in TEXTS] + [(t, {}) for t in TEMPLATES]
    for n in range(N_ARTICLES - 2):
        text, meta = base[n % len(base)]
        lines.append({"text": f"{text}\n\nReport {n}: {filler(n)}", "title": f"Report {n}",
                      "published": f"2024-09-{1 + n % 28:02d}", "publisher": meta.get("publisher", "Test Wire")})
    lines.append({"text": WIRE_COPY[0], **WIRE_COPY[1]})
    early = lines[3]["text"] + "\n\nWith agencies"
    lines.append({"text": early, "title": "Early copy", "published": "2024-08-01", "publisher": "Early Wire"})
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return [x["text"] for x in lines]


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    url = pg_url()
    if not url:
        pytest.skip("NEWSLEDGER_TEST_PG_URL is unset: PostgreSQL tests skipped")
    made: list[str] = []

    def schema(tag: str) -> str:
        name = f"nl_par_{os.getpid()}_{tag}"
        _pg_exec(url, f"DROP SCHEMA IF EXISTS {name} CASCADE", f"CREATE SCHEMA {name}")
        made.append(name)
        return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{name}"

    yield schema
    for name in made:
        _pg_exec(url, f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("par") / "corpus.jsonl"
    _corpus(path)
    return path


def _ingest(src: Path, url: str, workers: int) -> list[str]:
    return [*NEWSLEDGER, "ingest", str(src), "--db", url, "--batch-size", str(BATCH), "--workers", str(workers),
            "--quiet"]


@pytest.fixture(scope="module")
def serial(pg: Any, corpus: Path) -> dict[str, list[tuple[Any, ...]]]:
    """A clean serial ingest (one process, the writer builds every row)."""
    from newsledger.ledger import Ledger

    url = pg("serial")
    done = run_cli(_ingest(corpus, url, 1))
    assert done.returncode == 0, done.stdout + done.stderr
    with Ledger(url) as ledger:
        snap = snapshot(ledger)
    assert len(snap["articles"]) == N_ARTICLES and snap["claims"] and snap["quote_places"]
    assert len({dict(r)["cluster_id"] for r in snap["articles"]}) < N_ARTICLES  # the wire copies clustered
    return snap


def _count(url: str, table: str) -> int:
    from newsledger.ledger.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())
    except sa.exc.SQLAlchemyError:  # not migrated yet
        return 0
    finally:
        engine.dispose()


def test_workers_stage_rows_and_the_ledger_equals_a_serial_ingest(
        pg: Any, corpus: Path, serial: dict[str, list[tuple[Any, ...]]], monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.batch import Runner
    from newsledger.batch.into_ledger import ingest
    from newsledger.ingest.sources import iter_sources
    from newsledger.ledger import Ledger, staging
    from newsledger.settings import load_settings

    merged: list[tuple[str, int]] = []
    real = staging.merge_table

    def counted(conn: Any, table: Any, ids: Any, rows: Any, expected: int | None = None) -> int:
        n = real(conn, table, ids, rows, expected)
        merged.append((table.name, n))
        return n

    monkeypatch.setattr(staging, "merge_table", counted)
    import distributed

    sent: list[tuple[Any, ...]] = []
    submit = distributed.Client.submit

    def recorded(self: Any, func: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(args)
        return submit(self, func, *args, **kwargs)

    monkeypatch.setattr(distributed.Client, "submit", recorded)
    url = pg("parallel")
    password = sa.make_url(url).password
    assert password, "the test database URL carries a password"
    settings = load_settings(use_files=False)
    with Ledger(url) as ledger, Runner(settings, workers=2) as runner:
        summary = ingest(iter_sources([str(corpus)], settings), ledger, settings, batch_size=BATCH, runner=runner)
        assert summary.added == N_ARTICLES and not summary.failures
        got = snapshot(ledger)
    moved = {name: sum(n for t, n in merged if t == name) for name, _ in merged}
    # the workers' rows were merged, not rebuilt by the writer: every article, every entity
    assert moved["articles"] == N_ARTICLES, moved
    assert moved["entities"] == len(serial["entities"]) and moved["quantities"] == len(serial["quantities"])
    assert all(not got[f"stage_{t}"] for t in ("articles", "entities", "quotes", "article_bands"))
    assert got == serial
    # the tasks (which pass through the scheduler) carry the URL, not the password: the
    # workers got it in their environment, and staged with it (the rows moved above)
    stages = [a[2] for a in sent if len(a) > 2 and a[2] is not None]
    assert stages and all(sa.make_url(u).password is None for u, _ in stages)
    assert not any(f":{password}@" in repr(a) for a in sent)


def test_kill_9_during_a_parallel_ingest_then_a_rerun_equals_a_clean_run(
        pg: Any, corpus: Path, serial: dict[str, list[tuple[Any, ...]]]) -> None:
    from newsledger.ledger import Ledger

    url = pg("killed")
    rng = random.Random(22)
    env = {**os.environ, "NEWSLEDGER_CONFIG": "/nonexistent/newsledger.toml"}
    kills = 0
    for _ in range(3):  # kill the writer and its workers at once, at a random moment after a commit
        before = _count(url, "articles")
        proc = subprocess.Popen(_ingest(corpus, url, 2), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env, start_new_session=True)
        try:
            deadline = time.monotonic() + 300
            while _count(url, "articles") <= before and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.8))
        finally:
            if proc.poll() is None:
                kills += 1
            with contextlib.suppress(ProcessLookupError):  # the session: the ingest and its Dask workers
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if _count(url, "articles") == N_ARTICLES:
            break
    assert kills > 0, "every run finished before it could be killed"
    done = run_cli(_ingest(corpus, url, 2))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed" in done.stdout, done.stdout
    with Ledger(url) as ledger:
        got = snapshot(ledger)
    assert got == serial
