"""The desk's answers, kept for as long as the ledger has not been written to.

Every write to the ledger changes ``articles`` (a new article, a re-analysis, a near-duplicate
cluster renamed) and so bumps ``ledger_generation.n``: triggers in the writer's own
transaction (migration 9), whichever process writes. A request reads the generation first,
in the transaction its queries then run in (on SQLite one snapshot for all of them), and is
answered from here when the same URL was answered at that generation; otherwise its answer
is computed and kept. Answers of an older generation are dropped as soon as a newer one is
seen, and an answer computed on an older snapshot than the newest seen is not kept, so no
answer outlives a write.

The desk's lists repeat (every analyst opens the same first page of quotes and people), and
between two ingest batches they are the same bytes: served from here they cost a one-row read.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable
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


class AnswerCache:
    """Answers (bytes) by URL, all of one write generation of the ledger."""

    def __init__(self, max_bytes: int = ANSWER_CACHE_BYTES, max_answer: int = MAX_ANSWER_BYTES) -> None:
        self.max_bytes = max_bytes
        self.max_answer = max_answer
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._generation: int | None = None
        self._bytes = 0
        self._running: dict[tuple[str, int], threading.Event] = {}  # answers being computed
        self.hits = self.misses = 0

    @staticmethod
    def generation(conn: sa.Connection) -> int | None:
        """The ledger's write generation, read in ``conn``'s transaction (None: not recorded)."""
        n = conn.execute(_GENERATION).scalar_one_or_none()
        return None if n is None else int(n)

    def _see(self, generation: int) -> None:
        if self._generation is None or generation > self._generation:
            self._answers.clear()
            self._bytes = 0
            self._generation = generation

    def get(self, key: str, generation: int | None) -> Answer | None:
        if generation is None:
            return None
        with self._lock:
            self._see(generation)
            body = self._answers.get(key) if generation == self._generation else None
            if body is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: str, generation: int | None, body: Answer | bytes) -> None:
        if not isinstance(body, Answer):
            body = Answer.of(body)
        if generation is None or len(body) > self.max_answer:
            return
        with self._lock:
            self._see(generation)
            if generation != self._generation:  # computed on an older snapshot
                return
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._answers[key] = body
            self._bytes += len(body)
            while self._bytes > self.max_bytes and self._answers:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped)

    def answer(self, key: str, generation: int | None, compute: Callable[[], bytes]) -> Answer:
        """The kept answer, else ``compute()``'s, kept. Requests for the same URL at the same
        generation that arrive while it is being computed wait for that one (up to
        :data:`WAIT_S`) instead of computing it again: after a write, 50 clients opening the
        same list cost one query, not 50."""
        body = self.get(key, generation)
        if body is not None or generation is None:
            return body if body is not None else Answer(compute())
        with self._lock:
            running = self._running.get((key, generation))
            if running is None:
                self._running[(key, generation)] = mine = threading.Event()
        if running is not None:
            running.wait(WAIT_S)
            body = self.get(key, generation)
            return body if body is not None else Answer(compute())
        try:
            body = Answer.of(compute())
            self.put(key, generation, body)
            return body
        finally:
            with self._lock:
                self._running.pop((key, generation), None)
            mine.set()

    def __len__(self) -> int:
        return len(self._answers)


def has_generation(engine: sa.Engine) -> bool:
    """Whether the ledger records its write generation (migrated to step 9 or later)."""
    with engine.connect() as conn:
        return sa.inspect(conn).has_table(s.ledger_generation.name)
