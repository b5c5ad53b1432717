"""Parallel writes to PostgreSQL: workers stage content rows, the writer merges them.

With ``ingest --workers N`` (or ``--cluster``) into PostgreSQL, each worker process, right
after analysing a partition, builds the partition's content rows (:func:`ledger.rows.prepare`:
MinHash, LSH bands, article and record rows, the records' JSON) and writes them to the
``stage_*`` tables (migration 10) in one transaction of its own: the workers write in
parallel, and the bulk of the bytes goes from each worker to the database, not through the
writer. Writing is idempotent, keyed by the content hash: a partition's earlier rows (a
retry, a killed run) are deleted in the same transaction.

The writer then stores each batch in input order, as a serial ingest does (``Ledger.add_batch``
with the run's token): it resolves clusters, canonical people and places, quote speakers,
quote places and claims from the Reports (the short serial step), and moves the staged rows
into the ledger's tables with one ``INSERT ... SELECT`` per table, joined to the merged
columns it computed (:func:`merge_table`), then deletes them, all in the batch's transaction.
So the ledger equals a serial ingest's, and a kill -9 at any moment leaves either the
committed batches (whose staged rows went with their commit) or staged rows that the rerun
writes again and merges. An article whose rows were not staged by this run (the worker could
not reach the database, a retry on the writer's side) is stored by the writer from its Report
as usual: the same rows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from ..models import Report
from . import schema as s
from .engine import make_engine
from .rows import MERGED_COLUMNS, prepare

log = logging.getLogger(__name__)

_ENGINES: dict[str, sa.Engine] = {}
_ENGINES_LOCK = threading.Lock()


def _engine(url: str) -> sa.Engine:
    """One engine per database per worker process, kept for the process's life."""
    with _ENGINES_LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = make_engine(url)
        return _ENGINES[url]


def stage_reports(url: str, token: str, reports: Sequence[Report]) -> int:
    """Write the content rows of ``reports`` to the staging tables, in one transaction;
    returns how many articles were staged."""
    from .store import bulk_insert

    if not reports:
        return 0
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in s.STAGED}
    for r in reports:
        p = prepare(r)
        rows["articles"].append({**p.article, "stage_token": token})
        rows["article_bands"].extend({"article_id": r.article.id, "band": i, "hash": h}
                                     for i, h in enumerate(p.bands))
        for name, recs in p.records.items():
            rows[name].extend(recs)
    ids = [r.article.id for r in reports]
    with _engine(url).begin() as conn:
        for t in s.STAGED:
            key = "id" if t is s.articles else "article_id"
            conn.exec_driver_sql(f"DELETE FROM stage_{t.name} WHERE {key} = ANY(%s)", (ids,))
        for t in s.STAGED:
            bulk_insert(conn, s.STAGE[t.name], rows[t.name])
    return len(ids)


def staged(conn: sa.Connection, ids: Sequence[str], token: str) -> dict[str, bytes]:
    """Which of these articles this run staged, with their MinHash signatures."""
    st = s.STAGE["articles"]
    return {r.id: r.minhash for r in conn.execute(
        sa.select(st.c.id, st.c.minhash).where(st.c.id.in_(list(ids)), st.c.stage_token == token))}


def merge_table(conn: sa.Connection, table: sa.Table, ids: Sequence[str],
                merged: list[dict[str, Any]] | None, expected: int | None = None) -> int:
    """Insert the staged rows of ``ids`` into ``table``; where the table has merged columns,
    their values come from ``merged`` (one dict per row: the row's key and those columns).
    Returns the rows inserted; another count than expected (``expected``, or one per dict of
    ``merged``) raises, and the batch is rolled back."""
    if not ids:
        return 0
    quote = conn.dialect.identifier_preparer.quote
    cols = [c.name for c in table.columns]
    stage = f"stage_{table.name}"
    listed = ", ".join(quote(c) for c in cols)
    keys = ("id",) if table is s.articles else ("article_id", "id")
    if merged is None:
        key = "id" if table is s.articles else "article_id"
        done = conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({listed}) SELECT {listed} FROM {stage} "
                                    f"WHERE {key} = ANY(%s)", (list(ids),)).rowcount
        if expected is not None and done != expected:
            raise RuntimeError(f"{table.name}: {done} staged rows found for {expected} records")
        return int(done)
    if not merged:
        return 0
    over = MERGED_COLUMNS[table.name]
    tmp = f"nl_merge_{table.name}"
    typed = ", ".join(f"{quote(c)} {table.c[c].type.compile(dialect=conn.dialect)}" for c in (*keys, *over))
    conn.exec_driver_sql(f"CREATE TEMP TABLE {tmp} ({typed}) ON COMMIT DROP")
    marks = ", ".join("%s" for _ in (*keys, *over))
    conn.exec_driver_sql(f"INSERT INTO {tmp} VALUES ({marks})",
                         [tuple(row[c] for c in (*keys, *over)) for row in merged])
    picked = ", ".join(f"m.{quote(c)}" if c in over else f"st.{quote(c)}" for c in cols)
    on = " AND ".join(f"st.{quote(k)} = m.{quote(k)}" for k in keys)
    done = int(conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({listed}) SELECT {picked} "
                                    f"FROM {stage} st JOIN {tmp} m ON {on}").rowcount)
    if done != len(merged):
        raise RuntimeError(f"{table.name}: {done} staged rows found for {len(merged)} records")
    return done


def clear(conn: sa.Connection, ids: Sequence[str]) -> None:
    """Delete the staged rows of these articles (in the transaction that merged them)."""
    for t in s.STAGED:
        key = "id" if t is s.articles else "article_id"
        conn.exec_driver_sql(f"DELETE FROM stage_{t.name} WHERE {key} = ANY(%s)", (list(ids),))
