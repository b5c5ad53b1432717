"""The store-only path's work that depends on one report alone, in helper processes.

Reading a reports JSON Lines file (``analyze -f jsonl`` output) costs more than storing it:
parsing each line into a Report, the checks (id recomputed from the text, caps, finite
numbers, spans: :func:`newsledger.ingest.validate.check_report`), the MinHash and the
content rows with their JSON (:func:`newsledger.ledger.rows.prepare`). None of it depends on
the ledger or on the other reports, so :func:`prepared` hands the report lines to a pool of
helper processes, :data:`CHUNK` lines a task, and yields what comes back in input order:
a :class:`~newsledger.ledger.rows.Ready` per good report (its content rows, JSON columns
serialised) and the same Failure (or Article) for any other line as the serial path gives.
The one writer is left with the order-dependent merge (clusters, canonical names, claims)
and the inserts. The ledger is the same as the serial path's, table for table: the same
functions build the rows, and the writer stores them in input order.

The pool is forked before the ingest starts its writer thread, so the helpers start at
once with everything imported. At most :data:`IN_FLIGHT` tasks per helper are out, so
memory stays flat however long the file. A helper that dies takes nothing with it: its
lines, and every line after, are read in this process as the serial path reads them; a
helper whose ingest process is killed ends by itself.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..ingest.files import Failure
from ..ingest.sources import ReportLine, item_from_line
from ..ledger import dedup
from ..ledger.claims import load_tables
from ..ledger.merge import merge_info
from ..ledger.rows import Ready, prepare, serialised
from ..ledger.store import paused_gc
from ..models import Article, Report
from ..settings import Settings

Item = Article | Report | Failure

#: Report lines per task: ~25 kB each on news, so a task is ~0.8 MB of JSON and 30-60 ms of
#: work, against well under a millisecond of the pool's own cost per task.
CHUNK = 32
#: Tasks out per helper: one running, one queued behind it, so a helper never waits for the
#: reader, and at most 2 × CHUNK lines per helper are held at a time.
IN_FLIGHT = 2
#: Most helpers started: past this the single writer (about 40% of the work per report, see
#: docs/performance.md) is the bottleneck however many helpers feed it.
MAX_HELPERS = 8

_settings: Settings | None = None
#: Items passed through as they are, or a task of report lines and its future (None: done here).
_Task = tuple[list[Item], list[ReportLine], "Future[list[Item | Ready]] | None"]


def default_helpers() -> int:
    """One helper per core, at most :data:`MAX_HELPERS`; 0 (no pool: everything in this
    process) on a single core. Not one fewer for the writer: a helper's share of a report
    (~2.6 CPU ms on the BBC corpus) is larger than the writer's (~1.9), so on two cores the
    writer and two helpers share them better than the writer and one helper, which leaves
    the writer waiting for it."""
    cores = os.cpu_count() or 1
    return min(MAX_HELPERS, cores) if cores > 1 else 0


def ready(line: ReportLine, settings: Settings) -> Item | Ready:
    """One report line, parsed, checked and with its content rows built; another line's
    Article or Failure as :func:`~newsledger.ingest.sources.item_from_line` gives it."""
    item = item_from_line(line.line, line.where, settings)
    if not isinstance(item, Report):
        return item
    a = item.article
    return Ready(a.id, a.source.path, a.language, [w[1:5] for w in a.warnings if w.startswith("[W")],
                 line.line, serialised(prepare(item)), merge_info(item, with_claims=True))


def warm_up() -> None:
    """Compute or load, in this process, what every helper would otherwise compute or load
    on its first report: the LSH parameters (datasketch's search, ~30 ms), the MinHash
    permutations and the tables the claims read (~90 ms,
    :func:`~newsledger.ledger.claims.load_tables`). The helpers are forked after it and find
    them ready: one start-up cost for the ingest instead of one per helper."""
    dedup.lsh_params()
    dedup.permutations()
    load_tables()


def _init(settings: Settings) -> None:
    """In each helper, first: the settings, a thread that ends the helper when the ingest
    process is gone (:func:`_orphaned`), and standard streams of its own. A fork copies the
    streams' locks as they were, and another thread of the ingest process (a progress bar)
    may have held one at that moment; the helper, which flushes them when it ends, would
    then wait for ever."""
    global _settings
    _settings = settings
    threading.Thread(target=_orphaned, args=(os.getppid(),), name="newsledger-helper-watch", daemon=True).start()
    for fd, name in ((1, "stdout"), (2, "stderr")):
        try:
            setattr(sys, name, open(fd, "w", closefd=False))  # noqa: SIM115 (for the helper's life)
        except OSError:  # no such descriptor: the helper has nothing to flush there
            setattr(sys, name, None)


#: Seconds between a helper's checks that the ingest process that started it is alive.
PARENT_CHECK_S = 0.5


def _orphaned(parent: int) -> None:
    """End the helper once the ingest process is gone (killed: nobody else would end it,
    and it would wait for tasks for ever)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _task(lines: list[ReportLine]) -> list[Item | Ready]:
    assert _settings is not None
    with paused_gc():  # many objects, no cycles (as in the writer)
        out = [ready(x, _settings) for x in lines]
    for x in out:
        if isinstance(x, Ready):
            x.line = ""  # the ingest process has it: put back there (half the bytes sent back)
    return out


class ReportPool:
    """Helper processes for report lines; a context manager (the helpers stop on exit)."""

    def __init__(self, settings: Settings, helpers: int) -> None:
        self.settings = settings
        self.helpers = helpers
        self.pool: ProcessPoolExecutor | None = None
        if helpers > 0:
            warm_up()  # once here, shared by every helper through the fork
            self.pool = ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_init, initargs=(settings,))
            # forked now, before the caller starts threads (a fork copies only the calling thread)
            for f in [self.pool.submit(_task, []) for _ in range(helpers)]:
                f.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> ReportPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def items(self, items: Iterable[Item | ReportLine]) -> Iterator[Item | Ready]:
        """``items`` in order, each ReportLine replaced by its result."""
        todo: deque[_Task] = deque()
        lines: list[ReportLine] = []
        out = 0  # line tasks in ``todo``
        limit = IN_FLIGHT * max(1, self.helpers)

        def flush() -> None:
            nonlocal lines, out
            if lines:
                todo.append(([], lines, self._submit(lines)))
                lines = []
                out += 1

        for x in items:
            if isinstance(x, ReportLine):
                lines.append(x)
                if len(lines) >= CHUNK:
                    flush()
            else:
                flush()
                todo.append(([x], [], None))
            while out > limit or (todo and not todo[0][1]):  # items wait only behind earlier lines
                task = todo.popleft()
                out -= bool(task[1])
                yield from self._done(task)
        flush()
        while todo:
            yield from self._done(todo.popleft())

    def _submit(self, lines: list[ReportLine]) -> Future[list[Item | Ready]] | None:
        if self.pool is None:
            return None
        try:
            return self.pool.submit(_task, lines)
        except (BrokenProcessPool, RuntimeError):
            self.pool = None  # a helper died: the rest in this process
            return None

    def _done(self, task: _Task) -> Iterator[Item | Ready]:
        before, lines, fut = task
        yield from before
        if not lines:
            return
        if fut is not None:
            try:
                done = fut.result()
            except BrokenProcessPool:
                self.pool = None
            else:
                for x, line in zip(done, lines, strict=True):
                    if isinstance(x, Ready):
                        x.line = line.line
                yield from done
                return
        with paused_gc():  # no helper: the serial path's Reports (the writer builds their rows)
            done = [item_from_line(x.line, x.where, self.settings) for x in lines]
        yield from done
