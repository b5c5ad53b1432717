"""Pipelined, bulk ingest (issue 22): the writer thread and the bulk inserts store exactly what
a serial ingest through SQLAlchemy's own inserts stores, table by table, on SQLite and
PostgreSQL; the analysis runs ahead of the writer by a bounded number of batches."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ledger_support import TEXTS, WIRE_COPY, _pg_exec, pg_url
from newsledger.batch import into_ledger
from newsledger.batch.into_ledger import WRITE_QUEUE, ingest
from newsledger.cli.demo import demo_sources
from newsledger.ingest.article import make_article
from newsledger.ingest.sources import iter_sources
from newsledger.ledger import Ledger, migrations, store
from newsledger.ledger import schema as s


def _sqlalchemy_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """The reference: SQLAlchemy's own executemany, as the store wrote before bulk inserts."""
    if rows:
        conn.execute(table.insert(), rows)


@pytest.fixture
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty ledgers of the kind asked for."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'serial.sqlite'}", f"sqlite:///{tmp_path / 'piped.sqlite'}"
        return
    base = pg_url()
    if not base:
        pytest.skip("NEWSLEDGER_TEST_PG_URL is unset: PostgreSQL tests skipped")
    names = [f"nl_pipe_{os.getpid()}_{k}" for k in ("a", "b")]
    for n in names:
        _pg_exec(base, f"DROP SCHEMA IF EXISTS {n} CASCADE", f"CREATE SCHEMA {n}")
    sep = "&" if "?" in base else "?"
    try:
        yield base + f"{sep}options=-csearch_path%3D{names[0]}", base + f"{sep}options=-csearch_path%3D{names[1]}"
    finally:
        for n in names:
            _pg_exec(base, f"DROP SCHEMA IF EXISTS {n} CASCADE")


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ledger table (but the ingest time), sorted."""
    engine = sa.create_engine(store.normalise_url(url))
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for table in s.metadata.sorted_tables:
                if table.name in ("ledger_migrations", "ledger_generation"):  # when, and how many writes
                    continue
                cols = [c for c in table.c if c.name != "ingested_at"]
                rows = conn.execute(sa.select(*cols)).all()
                out[table.name] = sorted(tuple(repr(v) for v in r) for r in rows)
            if conn.dialect.name == "sqlite":  # the full-text indexes, token instance by instance
                for fts in ("articles_fts", "quotes_fts"):
                    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE temp.v_{fts} USING fts5vocab(main, {fts}, instance)")
                    out[fts] = sorted(conn.exec_driver_sql(f"SELECT * FROM temp.v_{fts}").all())
    finally:
        engine.dispose()
    return out


def _items(settings: Any) -> list[Any]:
    """The demo articles and feed, then the ledger tests' texts and a wire copy of the first
    (a near-duplicate cluster across batches), then the demo again (duplicates)."""
    extra = [make_article(t, source=f"<pipe {i}>", **meta) for i, (t, meta) in enumerate([*TEXTS, WIRE_COPY])]
    demo = list(iter_sources(demo_sources(), settings))
    return [*demo, *extra, *demo[:3]]


@pytest.mark.parametrize("urls", ["sqlite", "postgresql"], indirect=True)
def test_pipelined_bulk_ingest_equals_a_serial_one_table_by_table(
        urls: tuple[str, str], settings: Any, nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    items = _items(settings)
    serial_url, piped_url = urls
    with monkeypatch.context() as m:
        m.setattr(store, "bulk_insert", _sqlalchemy_insert)
        m.setattr(store, "FTS_COLUMNS", {})  # the full-text index by a trigger per row, as before migration 7
        with Ledger(serial_url) as ledger:
            if ledger.dialect == "sqlite":
                with ledger.engine.begin() as conn:
                    for sql in migrations._SQLITE_FTS:
                        if "_fts_ai " in sql:
                            conn.exec_driver_sql(sql)
            serial = ingest(items, ledger, settings, batch_size=3, pipelined=False)
    with Ledger(piped_url) as ledger:
        piped = ingest(items, ledger, settings, batch_size=3)
    assert (piped.added, piped.duplicates, piped.clustered, len(piped.failures)) == \
        (serial.added, serial.duplicates, serial.clustered, len(serial.failures))
    assert serial.added >= 8 and serial.duplicates >= 3 and serial.clustered >= 1
    a, b = dump(serial_url), dump(piped_url)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"table {name} differs"
    assert a["claims"] and a["canonical_entities"] and a["quotes"]
    assert "articles_fts" not in a or (a["articles_fts"] and a["quotes_fts"])


def test_the_writer_thread_writes_while_the_analysis_runs_a_bounded_distance_ahead(
        tmp_path: Path, settings: Any, nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer holds its first batch until later articles are analysed: that happens only
    if the analysis goes on while a batch is written. Held there, the analysis stops once
    the queue is full: it never runs more than a few batches ahead of the writer."""
    items = _items(settings)
    analysed: list[str] = []
    threads: set[str] = set()
    ahead: list[int] = []
    size = 2
    add_batch = Ledger.add_batch

    def spy(self: Ledger, reports: Any, *rest: Any) -> Any:
        threads.add(threading.current_thread().name)
        if not ahead:
            deadline = time.monotonic() + 300
            while len(analysed) < 3 * size and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1.0)  # room for the analysis to run further, if it were unbounded
            ahead.append(len(analysed))
        return add_batch(self, reports, *rest)

    monkeypatch.setattr(Ledger, "add_batch", spy)
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite'}") as ledger:
        summary = ingest(items, ledger, settings, batch_size=size, analysed=analysed.extend)
    assert summary.added >= 8 and not summary.failures
    assert threads == {"newsledger-writer"}
    # the batch being written, WRITE_QUEUE waiting, one handed over (blocked) or being gathered
    assert 3 * size <= ahead[0] <= (WRITE_QUEUE + 2) * size


def test_a_serial_ingest_writes_in_the_calling_thread(tmp_path: Path, settings: Any, nlp: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    threads: set[str] = set()
    add_batch = Ledger.add_batch

    def spy(self: Ledger, reports: Any, *rest: Any) -> Any:
        threads.add(threading.current_thread().name)
        return add_batch(self, reports, *rest)

    monkeypatch.setattr(Ledger, "add_batch", spy)
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite'}") as ledger:
        ingest(_items(settings)[:4], ledger, settings, batch_size=2, pipelined=False)
    assert threads == {threading.current_thread().name}


def test_an_error_in_the_writer_reaches_the_caller(tmp_path: Path, settings: Any, nlp: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Ledger, reports: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Ledger, "add_batch", broken)
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite'}") as ledger, pytest.raises(RuntimeError, match="disk on fire"):
        ingest(_items(settings), ledger, settings, batch_size=2)
    assert not any(t.name == "newsledger-writer" for t in threading.enumerate())


def test_reports_json_lines_store_like_the_reports_themselves(tmp_path: Path, settings: Any, nlp: Any) -> None:
    """The reports path parses each line straight into a Report (no dict in between)."""
    items = [make_article(t, source=f"<pipe {i}>", **meta) for i, (t, meta) in enumerate([*TEXTS, WIRE_COPY])]
    with Ledger(f"sqlite:///{tmp_path / 'a.sqlite'}") as ledger:
        ingest(items, ledger, settings)
    reports = list(into_ledger.analyse(items, settings))
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in reports), encoding="utf-8")
    with Ledger(f"sqlite:///{tmp_path / 'b.sqlite'}") as ledger:
        summary = ingest(iter_sources([str(path)], settings), ledger, settings)
    assert summary.added == len(reports) and not summary.failures
    assert dump(f"sqlite:///{tmp_path / 'a.sqlite'}") == dump(f"sqlite:///{tmp_path / 'b.sqlite'}")


def test_the_reports_check_finds_every_fault_the_walk_names(settings: Any, nlp: Any) -> None:
    """Reports from JSON Lines are checked in one pass over the fields that can hold a span, a
    float or an article id (``validate._passes``); the walk that names the field runs only on
    a failure. Each fault, however deep, fails the fast pass and is reported with its path."""
    from newsledger.errors import NewsledgerError
    from newsledger.ingest import validate
    from newsledger.models import Report

    items = [make_article(t, source=f"<check {i}>", **meta) for i, (t, meta) in enumerate(TEXTS)]
    reports = [r for r in into_ledger.analyse(items, settings) if isinstance(r, Report)]
    for r in reports:
        assert validate._passes(r, r.article.text, r.article.id)
        assert validate.check_report(r, "<ok>") is r
    r = next(r for r in reports if r.places and r.entities and r.quotes and any(q.related for q in r.quantities))
    k = next(i for i, q in enumerate(r.quantities) if q.related)

    def span_moved(d: dict[str, Any]) -> None:
        d["quantities"][k]["related"][0]["span"]["start"] += 1

    def span_outside(d: dict[str, Any]) -> None:
        d["places"][0]["mentions"][-1]["span"]["end"] = len(d["article"]["text"]) + 5

    def not_a_number(d: dict[str, Any]) -> None:
        d["places"][0]["lat"] = float("nan")

    def other_article(d: dict[str, Any]) -> None:
        d["entities"][-1]["article_id"] = "0" * 16

    def quoted_words_moved(d: dict[str, Any]) -> None:  # a span in a list of spans
        d["quotes"][0]["content"][-1]["end"] -= 1

    faults = [(quoted_words_moved, "quotes[0].content["),
              (span_moved, f"quantities[{k}].related[0].span"), (span_outside, "places[0].mentions["),
              (not_a_number, "places[0].lat"), (other_article, f"entities[{len(r.entities) - 1}].article_id")]
    for fault, where in faults:
        d = r.model_dump()
        fault(d)
        bad = Report.model_validate(d)
        assert not validate._passes(bad, bad.article.text, bad.article.id), fault.__name__
        with pytest.raises(NewsledgerError) as err:
            validate.check_report(bad, "<bad>")
        assert where in str(err.value), (fault.__name__, str(err.value))


def test_the_collector_paused_by_reader_and_writer_threads_is_back_on_after_them() -> None:
    """The reader (parsing reports) and the writer thread (storing a batch) both pause the
    cyclic collector; overlapping in any order, they leave it as they found it."""
    import gc

    assert gc.isenabled()
    inside: list[bool] = []

    def work() -> None:
        for _ in range(2000):
            with store.paused_gc():
                inside.append(gc.isenabled())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
    assert not any(inside)
    gc.disable()
    try:
        with store.paused_gc():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
