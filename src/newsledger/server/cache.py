"""The desk's answers, kept for as long as the ledger has not been written to.

Every write to the ledger changes ``articles`` (a new article, a re-analysis, a near-duplicate
cluster renamed) and so bumps ``ledger_generation.n``: triggers in the writer's own
transaction (migration 9), whichever process writes. A request reads the generation first,
in the transaction its queries then run in (on SQLite one snapshot for all of them), and is
answered from here when the same URL was answered at that generation; otherwise its answer
is computed and kept. An answer computed on an older snapshot than the newest seen is not
kept.

After a write, every kept answer is of an older generation. In strict mode (``stale_s`` 0,
setting ``answer_stale_s = 0``) they are dropped at once, so no answer outlives a write: the
first request for each URL computes it again while the other requests for it wait. With a
staleness bound (``stale_s`` > 0; the default, 10 s, is set and explained in
``data/defaults.toml``) a request for a URL
whose answer predates the write, and cost :data:`REVALIDATE_MIN_COST_S` or more to compute, is
answered with that answer at once while one recomputation runs in the background (RFC 5861's stale-while-revalidate), for at most ``stale_s`` seconds
after the server first saw the write (every request reads the generation, so that is the first
request after the write was committed); past that, the request computes the answer as in strict
mode. The guarantee is then: an answer reflects every write committed ``stale_s`` seconds
before the server first saw a later one, and, once its recomputation is done (the cost of one
request), every write before it. The clients' latency after a write no longer includes the
recomputation, which shared the GIL with every cached answer.

The desk's lists repeat (every analyst opens the same first page of quotes and people), and
between two ingest batches they are the same bytes: served from here they cost a one-row read.
"""

from __future__ import annotations

import gzip
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass

import sqlalchemy as sa

from ..ledger import schema as s

#: Bytes of answers kept, all URLs together: the first pages of every list of a
#: 5,000-article ledger (each 10-600 kB as JSON) fit many times over, at a small share of
#: the server's memory. The least recently used answer goes first.
ANSWER_CACHE_BYTES = 64 * 1024 * 1024
#: An answer larger than this is not kept (a 1,000-row export-sized page): it would push out
#: many small ones.
MAX_ANSWER_BYTES = 4 * 1024 * 1024

#: Seconds a request waits for the same answer being computed by another before computing it
#: itself: longer than any list takes alone, shorter than a client's patience.
WAIT_S = 10.0

#: Threads that recompute answers served stale (stale-while-revalidate), each with its own
#: database connection (the server's pool holds them beside its request threads). Two keep a
#: burst of URLs after a write moving while leaving the CPU to the requests; a URL whose
#: recomputation has not started within the staleness bound is computed by its next request.
REFRESH_THREADS = 2

#: An answer whose last computation cost less than this is recomputed by the request that
#: finds it stale, as in strict mode, rather than served stale: it costs the request little
#: more than a kept answer (4-6 ms), and the background threads stay free for the costly ones.
#: Without it every article page asked once after a write queued a recomputation that nobody
#: would read, ahead of the expert directory's. 25 ms of CPU splits the desk's answers (alone,
#: on the 5,692-article ledger): stats, article lists and pages, quotes and claims cost 8-16 ms;
#: text search, quotes by person, people, places, events, search and the map 27-104 ms; the
#: expert directory 350-800 ms (9 ms since its rows are kept at ingest, migration 12). The
#: cost is the larger of the computing thread's CPU seconds and the seconds its statements
#: waited on the database (:func:`track_database_time`): on
#: SQLite the database's work is the thread's own CPU, on PostgreSQL it is the server's, and
#: counting CPU alone there left a search that waits seconds on PostgreSQL never served stale.
REVALIDATE_MIN_COST_S = 0.025

#: Seconds each thread's statements have waited on the database (see track_database_time).
_db_wait = threading.local()


def database_seconds() -> float:
    """Seconds this thread's statements have waited on the database so far."""
    return float(getattr(_db_wait, "seconds", 0.0))


def track_database_time(engine: sa.Engine) -> None:
    """Count, per thread, the wall-clock seconds of every statement ``engine`` executes, from
    the call to the driver to its return (on PostgreSQL the server's work and the rows'
    transfer; on SQLite the first step, the rest is fetched on the thread's CPU)."""
    from sqlalchemy import event

    if getattr(engine, "_newsledger_db_time", False):
        return

    @event.listens_for(engine, "before_cursor_execute")
    def _started(conn: sa.Connection, *_: object) -> None:
        conn.info.setdefault("newsledger_statement_t0", []).append(time.perf_counter())

    @event.listens_for(engine, "after_cursor_execute")
    def _ended(conn: sa.Connection, *_: object) -> None:
        starts = conn.info.get("newsledger_statement_t0")
        if starts:
            _db_wait.seconds = database_seconds() + time.perf_counter() - starts.pop()

    engine._newsledger_db_time = True  # type: ignore[attr-defined]


class _Cost:
    """What computing an answer costs: the larger of this thread's CPU seconds and its
    seconds waiting on the database, from creation to :meth:`seconds`."""

    def __init__(self) -> None:
        self.cpu, self.db = time.thread_time(), database_seconds()

    def seconds(self) -> float:
        return max(time.thread_time() - self.cpu, database_seconds() - self.db)

log = logging.getLogger(__name__)

#: Answers at least this long are kept gzipped too (the desk's GZip middleware's threshold),
#: so a client that accepts gzip is not sent a fresh compression of the same bytes each time.
GZIP_MIN_BYTES = 1024


@dataclass(frozen=True)
class Answer:
    """An answer's bytes, and gzipped (when that is worth it)."""

    body: bytes
    gzipped: bytes | None = None

    @classmethod
    def of(cls, body: bytes) -> Answer:
        return cls(body, gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None)

    def __len__(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


_GENERATION = sa.select(s.ledger_generation.c.n).where(s.ledger_generation.c.id == 1)


Refresh = Callable[[], tuple[int | None, bytes]]

#: How an answer was found, sent as the ``Cache-Status`` header (RFC 9211), so an operator or
#: the load test can tell what each request cost: kept at the ledger's generation; kept from
#: before a write and served while it is recomputed; computed by this request; computed by
#: another request this one waited for.
HIT = "newsledger; hit"
STALE = "newsledger; hit; detail=stale-while-revalidate"
COMPUTED = "newsledger; fwd=uri-miss; stored"
COLLAPSED = "newsledger; fwd=uri-miss; collapsed"


@dataclass(frozen=True)
class _Kept:
    answer: Answer
    generation: int
    cost_s: float = 1.0  # what its computation cost (_Cost; unknown: worth a background refresh)


class AnswerCache:
    """Answers (bytes) by URL, of the ledger's newest write generation and, within the
    staleness bound, of older ones (see the module docstring)."""

    def __init__(self, max_bytes: int = ANSWER_CACHE_BYTES, max_answer: int = MAX_ANSWER_BYTES,
                 stale_s: float = 0.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_bytes = max_bytes
        self.max_answer = max_answer
        self.stale_s = stale_s
        self._clock = clock
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, _Kept] = OrderedDict()
        self._generation: int | None = None
        #: (generation, when first seen), ascending: an answer of generation g is stale from the
        #: time the first generation after g was seen
        self._seen: list[tuple[int, float]] = []
        self._bytes = 0
        self._running: dict[tuple[str, int], threading.Event] = {}  # answers being computed
        self._refreshing: dict[str, Future[None]] = {}  # stale answers being recomputed
        self._pool: ThreadPoolExecutor | None = None
        self.hits = self.misses = self.stale_hits = 0

    @staticmethod
    def generation(conn: sa.Connection) -> int | None:
        """The ledger's write generation, read in ``conn``'s transaction (None: not recorded)."""
        n = conn.execute(_GENERATION).scalar_one_or_none()
        return None if n is None else int(n)

    def _see(self, generation: int) -> None:
        if self._generation is not None and generation <= self._generation:
            return
        now = self._clock()
        self._generation = generation
        self._seen.append((generation, now))
        # generations seen longer ago than the bound: every answer older than them has been
        # stale too long to be served, and goes now (in strict mode, every older answer)
        expired = None
        while self._seen and self._seen[0][1] < now - self.stale_s:
            expired, _ = self._seen.pop(0)
        if self.stale_s <= 0:
            expired = generation
        if expired is not None:
            for key in [k for k, kept in self._answers.items() if kept.generation < expired]:
                self._bytes -= len(self._answers.pop(key).answer)

    def _stale_since(self, generation: int) -> float | None:
        """When the first generation after ``generation`` was seen (None: none yet)."""
        for g, at in self._seen:
            if g > generation:
                return at
        return None

    def get(self, key: str, generation: int | None) -> Answer | None:
        """The answer kept for ``key`` at exactly this generation, the newest seen."""
        if generation is None:
            return None
        with self._lock:
            self._see(generation)
            kept = self._answers.get(key)
            if kept is None or kept.generation != generation or generation != self._generation:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return kept.answer

    def _stale(self, key: str, generation: int) -> Answer | None:
        """An answer of an older generation still within the staleness bound (lock held)."""
        kept = self._answers.get(key)
        if (kept is None or kept.generation >= generation or generation != self._generation
                or kept.cost_s < REVALIDATE_MIN_COST_S):
            return None
        since = self._stale_since(kept.generation)
        if since is None or self._clock() - since > self.stale_s:
            return None
        self._answers.move_to_end(key)
        self.stale_hits += 1
        return kept.answer

    def put(self, key: str, generation: int | None, body: Answer | bytes, cost_s: float = 1.0) -> None:
        if not isinstance(body, Answer):
            body = Answer.of(body)
        if generation is None or len(body) > self.max_answer:
            return
        with self._lock:
            self._see(generation)
            if generation != self._generation:  # computed on an older snapshot
                # kept only as a stale answer newer than the one kept, within the bound (a
                # recomputation overtaken by another write still brings the answer closer)
                kept = self._answers.get(key)
                since = self._stale_since(generation)
                if (self.stale_s <= 0 or (kept is not None and kept.generation >= generation)
                        or since is None or self._clock() - since > self.stale_s):
                    return
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old.answer)
            self._answers[key] = _Kept(body, generation, cost_s)
            self._bytes += len(body)
            while self._bytes > self.max_bytes and self._answers:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.answer)

    def answer(self, key: str, generation: int | None, compute: Callable[[], bytes],
               refresh: Refresh | None = None) -> Answer:
        """The kept answer, else ``compute()``'s, kept. Requests for the same URL at the same
        generation that arrive while it is being computed wait for that one (up to
        :data:`WAIT_S`) instead of computing it again: after a write, 50 clients opening the
        same list cost one query, not 50. With a staleness bound and ``refresh`` (the answer
        and its generation, computed on a connection of its own), an answer that predates the
        write is served at once while ``refresh`` runs once in the background."""
        return self.answer_with_status(key, generation, compute, refresh)[0]

    def answer_with_status(self, key: str, generation: int | None, compute: Callable[[], bytes],
                           refresh: Refresh | None = None) -> tuple[Answer, str]:
        """:meth:`answer`, and how it was found, as an RFC 9211 ``Cache-Status`` value:
        :data:`HIT`, :data:`STALE` (an older generation's, being recomputed), :data:`COMPUTED`
        (by this request) or :data:`COLLAPSED` (by another request this one waited for)."""
        body = self.get(key, generation)
        if body is not None:
            return body, HIT
        if generation is None:
            return Answer(compute()), COMPUTED
        with self._lock:
            if refresh is not None and self.stale_s > 0:
                stale = self._stale(key, generation)
                if stale is not None:
                    self._start_refresh(key, refresh)
                    return stale, STALE
            running = self._running.get((key, generation))
            if running is None:
                self._running[(key, generation)] = mine = threading.Event()
        if running is not None:
            running.wait(WAIT_S)
            body = self.get(key, generation)
            return (body, COLLAPSED) if body is not None else (Answer(compute()), COMPUTED)
        try:
            cost = _Cost()
            body = Answer.of(compute())
            self.put(key, generation, body, cost.seconds())
            return body, COMPUTED
        finally:
            with self._lock:
                self._running.pop((key, generation), None)
            mine.set()

    def _start_refresh(self, key: str, refresh: Refresh) -> None:
        """Recompute ``key`` in the background unless that is already under way (lock held)."""
        if key in self._refreshing:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(REFRESH_THREADS, thread_name_prefix="answer-refresh")
        self._refreshing[key] = self._pool.submit(self._refresh, key, refresh)

    def _refresh(self, key: str, refresh: Refresh) -> None:
        try:
            cost = _Cost()
            generation, body = refresh()
            self.put(key, generation, body, cost.seconds())
        except Exception as exc:  # the stale answer stays until its bound; a request computes then
            log.debug("recomputing %s failed: %s: %s", key, type(exc).__name__, exc)
        finally:
            with self._lock:
                self._refreshing.pop(key, None)

    def wait_refreshes(self, timeout: float | None = None) -> None:
        """Wait for the background recomputations under way (tests, shutdown)."""
        with self._lock:
            futures = list(self._refreshing.values())
        wait_futures(futures, timeout)

    def close(self) -> None:
        """Stop the background threads after the recomputations under way."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __len__(self) -> int:
        return len(self._answers)


def has_generation(engine: sa.Engine) -> bool:
    """Whether the ledger records its write generation (migrated to step 9 or later)."""
    with engine.connect() as conn:
        return sa.inspect(conn).has_table(s.ledger_generation.name)
