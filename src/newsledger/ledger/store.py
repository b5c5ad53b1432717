"""The ledger: a durable store of Reports, one transaction per batch of articles.

``Ledger(url).add(reports)`` stores each new article with every record and its spans,
resolves people and places to canonical ones, derives claims, and clusters near-duplicates.
An article already stored (same content hash) is a duplicate and changes nothing. A batch
commits as a whole; if it fails, its articles are retried one transaction each, so one bad
report is reported and skipped, and a killed process leaves no half-written article.
"""

from __future__ import annotations

import gc
import operator
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from ..errors import StoreError
from ..models import Report
from . import dedup, entity_stats, speaker_stats, staging
from . import schema as s
from .canonical import Canonicals
from .engine import WRITE_OPTION, json_dumps, make_engine, normalise_url
from .merge import CANONICAL_LABELS, NAMED_LABELS, MergeInfo, merge_info, settle_claims
from .migrations import current_version, migrate
from .rows import MERGED_COLUMNS, Prepared, Ready, content_rows, pipeline_columns, prepare

__all__ = ["DEFAULT_BATCH", "AddResult", "Ledger", "bulk_insert", "bulk_update", "insert_rows", "paused_gc",
           "pipeline_columns", "select_in"]

#: Reports per transaction by default: large enough to amortise the commit (an fsync of the
#: WAL), small enough that a kill loses little work in progress.
DEFAULT_BATCH = 200

Status = Literal["added", "duplicate", "failed"]

_GC_LOCK = threading.Lock()
_gc_holders = 0
_gc_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while the block runs, for code that makes many
    objects and no cycles (storing a batch, parsing reports). Safe across threads: the
    collector is switched off by the first holder and back on (if it was on) by the last,
    so a reader and the writer thread overlapping never leave it off."""
    global _gc_holders, _gc_was_enabled
    with _GC_LOCK:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_was_enabled:
                gc.enable()


@dataclass(frozen=True)
class AddResult:
    article_id: str
    status: Status
    cluster_id: str | None = None  # set when added; equals article_id for a new story
    reason: str | None = None  # why it failed
    source: str | None = None  # the article's source path, for messages


class Ledger:
    """A ledger database, migrated to the current schema when opened."""

    def __init__(self, url: str, *, create: bool = True, verify: bool = False) -> None:
        """Open (with ``create``, create) and migrate the ledger. ``verify`` runs SQLite's
        ``quick_check`` first, so a writer refuses a ledger damaged past its header instead
        of adding to it (linear in the ledger's size; see docs/reliability.md)."""
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, create=create)
        try:
            if verify:
                self._verify()
            migrate(self.engine)
        except sa.exc.SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open the ledger at {self.safe_url}: {_first_line(exc)}") from exc
        except StoreError:
            self.engine.dispose()
            raise
        self._canon = Canonicals()

    def _verify(self) -> None:
        if self.dialect != "sqlite":
            return
        with self.engine.connect() as conn:
            found = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check(5)")]
        if found != ["ok"]:
            raise StoreError(f"the ledger is damaged and was not written to (quick_check: {'; '.join(found)[:300]})",
                             source=self.safe_url)

    @property
    def safe_url(self) -> str:
        return sa.make_url(self.url).render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def schema_version(self) -> int:
        return current_version(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading helpers

    def existing(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                found.update(conn.execute(sa.select(s.articles.c.id).where(s.articles.c.id.in_(chunk))).scalars())
        return found

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = [s.articles, s.canonical_entities, s.canonical_places, *s.RECORD_TABLES]
        with self.engine.connect() as conn:
            return {t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                    for t in tables}

    # ------------------------------------------------------------------ writing

    def add(self, reports: Iterable[Report], batch_size: int = DEFAULT_BATCH) -> Iterator[AddResult]:
        """Store reports in batches; yields one result per report, in order."""
        batch: list[Report] = []
        for r in reports:
            batch.append(r)
            if len(batch) >= batch_size:
                yield from self.add_batch(batch)
                batch = []
        if batch:
            yield from self.add_batch(batch)

    def add_batch(self, reports: Sequence[Report | Ready], stage_token: str | None = None) -> list[AddResult]:
        """Store reports in one transaction; on failure, one transaction per report.
        ``stage_token``: the ingest run whose workers staged these reports' content rows
        (PostgreSQL, :mod:`newsledger.ledger.staging`); they are merged instead of built here.
        A :class:`~newsledger.ledger.rows.Ready` brings its content rows, built by a helper
        process of the reports path, and its Report is read from its line here."""
        # A batch makes ~100,000 short-lived objects and no cycles: the cyclic collector
        # would only walk every live report again and again (a quarter of the time).
        with paused_gc():
            return self._add_batch(reports, stage_token)

    def _add_batch(self, items: Sequence[Report | Ready], stage_token: str | None = None,
                   use_staged: bool = True) -> list[AddResult]:
        try:
            with self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                return self._write(conn, items, stage_token, use_staged)
        except Exception as exc:
            self._canon.forget()
            if len(items) == 1:
                m = _info(items[0])
                return [AddResult(m.article_id, "failed", reason=_reason(exc), source=m.source_path)]
        results: list[AddResult] = []
        for x in items:  # alone, and from the Report: a fault in the staged or helper's rows costs nothing
            results.extend(self._add_batch([x.report if isinstance(x, Ready) else x], stage_token, use_staged=False))
        return results

    def _write(self, conn: sa.Connection, items: Sequence[Report | Ready], stage_token: str | None = None,
               use_staged: bool = True) -> list[AddResult]:
        results = self._store(conn, items, stage_token, use_staged)
        if stage_token and conn.dialect.name == "postgresql":
            # merged, built here or found stored: the batch's staged rows go with its commit
            staging.clear(conn, [x.id if isinstance(x, Ready) else x.article.id for x in items])
        return results

    def _store(self, conn: sa.Connection, items: Sequence[Report | Ready], stage_token: str | None,
               use_staged: bool) -> list[AddResult]:
        infos = [_info(x) for x in items]
        ids = [m.article_id for m in infos]
        pg = conn.dialect.name == "postgresql"
        stored = {r[0] for r in select_in(conn, "SELECT id FROM articles WHERE id IN ({marks})", ids)}
        results: list[AddResult] = []
        fresh: list[MergeInfo] = []
        source: dict[str, Report | Ready] = {}
        for m, x in zip(infos, items, strict=True):
            if m.article_id in stored:
                results.append(AddResult(m.article_id, "duplicate", source=m.source_path))
            else:
                stored.add(m.article_id)
                fresh.append(m)
                source[m.article_id] = x
                results.append(AddResult(m.article_id, "added", source=m.source_path))
        if not fresh:
            return results

        def report(aid: str) -> Report:
            x = source[aid]
            return x.report if isinstance(x, Ready) else x

        if pg:  # one writer at a time: canonical ids are given here
            conn.exec_driver_sql("LOCK TABLE canonical_entities, canonical_places IN SHARE ROW EXCLUSIVE MODE")
        staged = (staging.staged(conn, [m.article_id for m in fresh], stage_token)
                  if stage_token and pg and use_staged else {})
        prepared = {m.article_id: _prepared(source[m.article_id]) for m in fresh if m.article_id not in staged}
        clusters = self._insert_articles(conn, fresh, prepared, staged)
        self._canon.load(conn)
        rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in s.RECORD_TABLES}
        merged: dict[str, list[dict[str, Any]]] = {t: [] for t in MERGED_COLUMNS if t != "articles"}
        for m in fresh:
            aid = m.article_id
            if aid in staged:  # the merged columns only: the rest is in the staging tables
                r = report(aid)
                targets = {t: [{"article_id": aid, "id": rec.id} for rec in getattr(r, t)] for t in merged}
                self._resolve(conn, m, partial(report, aid), clusters[aid], targets, rows)
                for t, lst in targets.items():
                    merged[t].extend(lst)
            else:
                content = prepared[aid].records
                self._resolve(conn, m, partial(report, aid), clusters[aid], content, rows)
                for t, lst in content.items():
                    rows[t].extend(lst)
        self._canon.flush(conn)
        staged_ids = list(staged)
        expected = {t: sum(len(getattr(report(aid), t)) for aid in staged_ids) for t in ("quantities", "times")}
        for table in s.RECORD_TABLES:  # in order: quotes before the quote places that refer to them
            insert_rows(conn, table, rows[table.name])
            if staged_ids and table.name in s.STAGE:
                staging.merge_table(conn, table, staged_ids, merged.get(table.name), expected.get(table.name))
        ents, quotes = rows["entities"], rows["quotes"]
        if staged_ids:  # their records came from the staging tables: count them as now stored
            more_ents, more_quotes = entity_stats.stored_rows(conn, staged_ids)
            ents, quotes = [*ents, *more_ents], [*quotes, *more_quotes]
        entity_stats.add_articles(conn, ents, quotes)  # migration 9
        speaker_stats.add_articles(conn, [m.article_id for m in fresh])  # migration 12
        self._canon.settle(conn)  # rows written before a fuller name showed they were one
        return [AddResult(x.article_id, x.status, cluster_id=clusters.get(x.article_id), source=x.source)
                if x.status == "added" else x for x in results]

    def _insert_articles(self, conn: sa.Connection, fresh: list[MergeInfo], prepared: dict[str, Prepared],
                         staged: dict[str, bytes] | None = None) -> dict[str, str]:
        """Insert the article rows and their LSH bands; returns each article's cluster id.
        ``prepared``: the content rows of the articles built here; ``staged``: the MinHash of
        those whose rows this run's workers staged (merged from the staging tables)."""
        staged = staged or {}
        sigs = {aid: (dedup.from_bytes(staged[aid]) if aid in staged else prepared[aid].sig)
                for aid in (m.article_id for m in fresh)}
        bands = {aid: (prepared[aid].bands if aid in prepared else dedup.bands(sig)) for aid, sig in sigs.items()}
        hashes = sorted({h for bs in bands.values() for h in bs})
        index: dict[tuple[int, str], list[tuple[str, str, bytes]]] = {}
        for row in select_in(conn, "SELECT b.band, b.hash, a.id, a.cluster_id, a.minhash FROM article_bands b "
                                   "JOIN articles a ON a.id = b.article_id WHERE b.hash IN ({marks})", hashes, 2000):
            if row.minhash:
                index.setdefault((row.band, row.hash), []).append((row.id, row.cluster_id, bytes(row.minhash)))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        clusters: dict[str, str] = {}
        article_rows: list[dict[str, Any]] = []  # content rows of the articles built here
        merged_rows: list[dict[str, Any]] = []  # the merged columns of the staged ones
        band_rows: list[dict[str, Any]] = []
        # A cluster is named after its earliest article (publication date, then id), not the
        # first to arrive, so the ledger is the same whatever order its articles came in.
        # When an earlier article joins, the cluster is renamed after it.
        renamed: dict[str, str] = {}  # old cluster id -> new, in this batch
        fresh_ids = {m.article_id for m in fresh}
        order: dict[str, tuple[str, str]] = {m.article_id: _cluster_order(m.published, m.article_id)
                                             for m in fresh}

        def current(cluster: str) -> str:
            while cluster in renamed:
                cluster = renamed[cluster]
            return cluster

        for a in fresh:
            sig = sigs[a.article_id]
            raw = staged[a.article_id] if a.article_id in staged else prepared[a.article_id].article["minhash"]
            cands = {c for i, h in enumerate(bands[a.article_id]) for c in index.get((i, h), [])}
            hit = dedup.best_match(sig, sorted(cands))
            cluster, sim = (current(hit[0]), None) if hit else (a.article_id, None)
            if hit:
                if cluster not in order:
                    pub, raw_rep = conn.execute(sa.select(s.articles.c.published, s.articles.c.minhash)
                                                .where(s.articles.c.id == cluster)).one()
                    order[cluster] = _cluster_order(pub, cluster)
                    if raw_rep:
                        sigs[cluster] = dedup.from_bytes(raw_rep)
                if order[a.article_id] < order[cluster]:  # this article is the cluster's earliest: it names it
                    renamed[cluster] = a.article_id
                    cluster = a.article_id
                else:
                    # the similarity recorded is to the article that names the cluster
                    sim = dedup.similarity(sig, sigs[cluster]) if cluster in sigs else hit[1]
            clusters[a.article_id] = cluster
            for i, h in enumerate(bands[a.article_id]):  # later articles of this batch see this one
                index.setdefault((i, h), []).append((a.article_id, cluster, raw))
                if a.article_id not in staged:
                    band_rows.append({"article_id": a.article_id, "band": i, "hash": h})
            arow: dict[str, Any]
            if a.article_id in staged:
                arow = {"id": a.article_id, "cluster_id": cluster, "similarity": sim, "ingested_at": now}
                merged_rows.append(arow)
            else:
                arow = prepared[a.article_id].article
                arow.update(cluster_id=cluster, similarity=sim, ingested_at=now)
                article_rows.append(arow)
        if renamed:
            for arow in (*article_rows, *merged_rows):  # this batch's members of a renamed cluster
                new = current(arow["cluster_id"])
                if new != arow["cluster_id"]:
                    arow["cluster_id"] = new
                    arow["similarity"] = None if arow["id"] == new else dedup.similarity(sigs[arow["id"]], sigs[new])
            for old in renamed:  # stored members of a renamed cluster, and their claims
                new = current(old)
                if old in fresh_ids:
                    continue  # the cluster began in this batch: no stored member
                members = conn.execute(sa.select(s.articles.c.id, s.articles.c.minhash)
                                       .where(s.articles.c.cluster_id == old)).all()
                conn.execute(s.articles.update().where(s.articles.c.id == sa.bindparam("aid"))
                             .values(cluster_id=new, similarity=sa.bindparam("sim")),
                             [{"aid": m.id, "sim": dedup.similarity(dedup.from_bytes(m.minhash), sigs[new])
                               if m.minhash else None} for m in members])
                conn.execute(s.claims.update().where(s.claims.c.cluster_id == old).values(cluster_id=new))
            clusters = {aid: current(c) for aid, c in clusters.items()}
        insert_rows(conn, s.articles, article_rows)
        bulk_insert(conn, s.article_bands, band_rows)
        if merged_rows:
            staging.merge_table(conn, s.articles, list(staged), merged_rows)
            staging.merge_table(conn, s.article_bands, list(staged), None, sum(len(bands[a]) for a in staged))
        return clusters

    def _collect(self, conn: sa.Connection, r: Report, cluster: str, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Every record row of the report, canonical columns resolved, appended to ``rows``."""
        content = content_rows(r)
        self._resolve(conn, merge_info(r), lambda: r, cluster, content, rows)
        for t, lst in content.items():
            rows[t].extend(lst)

    def _resolve(self, conn: sa.Connection, m: MergeInfo, report: Callable[[], Report], cluster: str,
                 targets: dict[str, list[dict[str, Any]]], rows: dict[str, list[dict[str, Any]]]) -> None:
        """The serial step for one report: resolve its people, organisations and places to
        canonical ones (in order: what it finds depends on what came before), set the
        merged columns in ``targets`` (one dict per record of each table of
        :data:`~newsledger.ledger.rows.MERGED_COLUMNS`, in the report's order), and append
        its quote places and claims to ``rows``. ``m``: the report's fields it reads
        (:mod:`newsledger.ledger.merge`); ``report()``: the Report, read only when the claims
        a helper derived do not hold (:func:`~newsledger.ledger.merge.settle_claims`)."""
        aid = m.article_id
        entity_canon: dict[str, tuple[int, str]] = {}
        for e, row in zip(m.entities, targets["entities"], strict=True):
            c = self._canon.entity(conn, e) if e.label in CANONICAL_LABELS else None
            if c:
                entity_canon[e.id] = c
            row["canonical_id"] = c[0] if c else None
        place_canon: dict[str, tuple[int, str]] = {}
        for p, row in zip(m.places, targets["places"], strict=True):
            pc = self._canon.place(conn, p)
            place_canon[p.id] = pc
            row["canonical_id"] = pc[0]
        for q, row in zip(m.quotes, targets["quotes"], strict=True):
            c = entity_canon.get(q.entity_id or "") if q.has_source else None
            row["speaker"] = (c[1] if c else None) or (q.name if q.has_source else None)
            row["canonical_id"] = c[0] if c else None
            rows["quote_places"].extend({"article_id": aid, "quote_id": q.id, "canonical_place_id": pid}
                                        for pid in sorted({place_canon[x][0] for x in q.about}))
        for place_id, row in zip(m.event_places, targets["events"], strict=True):
            pc2 = place_canon.get(place_id or "")
            row["canonical_place_id"] = pc2[0] if pc2 else None
        named = {e.id for e in m.entities if e.label in NAMED_LABELS}
        names = {eid: c[1] for eid, c in entity_canon.items() if eid in named}
        for claim in settle_claims(m, place_canon, names, report):
            claim["cluster_id"] = cluster
            rows["claims"].append(claim)


def _info(x: Report | Ready) -> MergeInfo:
    return x.merge if isinstance(x, Ready) else merge_info(x)


def _prepared(x: Report | Ready) -> Prepared:
    return x.prepared if isinstance(x, Ready) else prepare(x)


def _cluster_order(published: str | None, article_id: str) -> tuple[str, str]:
    """Which article names a cluster: the earliest published (undated ones last), then the
    smallest id. Depends only on the articles, never on the order they arrived in."""
    return (published or "\uffff", article_id)


_INSERTS: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[int]]] = {}

#: SQLite tables with an external-content FTS5 index (``<table>_fts``), and its columns.
#: Since migration 7 the store indexes each batch's new rows itself, in one statement.
FTS_COLUMNS = {"articles": ("title", "text"), "quotes": ("text", "speaker")}


def insert_rows(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """:func:`bulk_insert`, then on SQLite the full-text index of the new rows in one
    ``INSERT ... SELECT`` (a trigger per row costs four times as much). New rows get rowids
    above the table's largest (no AUTOINCREMENT, writers serialised by ``BEGIN IMMEDIATE``),
    so those past the largest before the insert are exactly this batch's. On PostgreSQL
    the GIN expression indexes follow the rows by themselves."""
    if not rows:
        return
    cols = FTS_COLUMNS.get(table.name) if conn.dialect.name == "sqlite" else None
    if cols is None:
        bulk_insert(conn, table, rows)
        return
    before = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table.name}").scalar_one()
    bulk_insert(conn, table, rows)
    listed = ", ".join(cols)
    conn.exec_driver_sql(f"INSERT INTO {table.name}_fts(rowid, {listed}) "
                         f"SELECT rowid, {listed} FROM {table.name} WHERE rowid > ?", (before,))


def bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows with one prepared statement and one ``executemany`` on the driver's own
    cursor: SQLite steps the statement once per row inside the transaction; psycopg 3
    pipelines the rows (no round trip per row). SQLAlchemy's per-row parameter processing,
    about a third of the time of a batch, is skipped: JSON columns are serialised here, as
    :func:`~newsledger.ledger.engine.json_dumps` does for SQLAlchemy (``None`` as JSON
    ``null``, SQLAlchemy's default for JSON columns), and other values need no conversion."""
    if not rows:
        return
    cols = tuple(rows[0])
    key = (conn.dialect.name, table.name, cols)
    if key not in _INSERTS:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        quote = conn.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
               f"VALUES ({', '.join(mark for _ in cols)})")
        _INSERTS[key] = (sql, [i for i, c in enumerate(cols) if isinstance(table.c[c].type, (sa.JSON, JSONB))])
    sql, json_at = _INSERTS[key]
    get = operator.itemgetter(*cols)
    params: list[Any] = []
    for r in rows:
        values = get(r)
        if len(cols) == 1:
            values = (values,)
        if json_at:
            listed = list(values)
            for i in json_at:
                listed[i] = json_dumps(listed[i])
            values = tuple(listed)
        params.append(values)
    conn.exec_driver_sql(sql, params)


def select_in(conn: sa.Connection, sql: str, values: Sequence[Any], size: int = 500) -> list[sa.Row[Any]]:
    """The rows of ``sql`` (a query whose ``{marks}`` is the list of an ``IN``) for ``values``,
    ``size`` at a time, through the driver: SQLAlchemy compiles an ``IN`` of a list again for
    every length it sees, parameter by parameter (a tenth of a batch's writing once the
    ledger holds a few thousand articles, for the band look-up's thousands of hashes)."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    out: list[sa.Row[Any]] = []
    for i in range(0, len(values), size):
        chunk = tuple(values[i:i + size])
        out.extend(conn.exec_driver_sql(sql.format(marks=", ".join(mark for _ in chunk)), chunk).all())
    return out


def bulk_update(conn: sa.Connection, table: sa.Table, key: str, rows: list[dict[str, Any]]) -> None:
    """``UPDATE table SET ... WHERE key = ?`` for each row (its other keys are the columns set),
    as one prepared statement and one ``executemany`` on the driver's cursor, like
    :func:`bulk_insert` (no JSON columns: the tables updated this way have none)."""
    if not rows:
        return
    cols = tuple(c for c in rows[0] if c != key)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"UPDATE {quote(table.name)} SET {', '.join(f'{quote(c)} = {mark}' for c in cols)} "
           f"WHERE {quote(key)} = {mark}")
    get = operator.itemgetter(*cols, key)
    conn.exec_driver_sql(sql, [get(r) for r in rows])


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"[{StoreError.code}] cannot store: {type(exc).__name__}: {text[:300]}"
