"""Ingest into the ledger: sources -> (analysis through the pipeline) -> the ledger, batch by batch.

The ledger is written by one writer thread while the analysis goes on: the writer commits
batch N while batch N+1 is analysed (in this process, on local worker processes or on a
cluster), with at most :data:`WRITE_QUEUE` batches waiting for it, so memory stays flat.
Batches are written in input order, exactly as a serial ingest writes them, so clusters,
canonical people and claims come out the same. Into PostgreSQL with worker processes or a
cluster, the workers also write the content rows of their reports to staging tables, in
parallel, and the writer's step per batch shrinks to the merge (clusters, canonical names,
claims) and one ``INSERT ... SELECT`` per table (:mod:`newsledger.ledger.staging`).

Articles already in the ledger are counted as duplicates before analysis, so rerunning an
interrupted ingest skips what was committed and finishes the rest. Reports read from JSON
Lines are stored as they are (the store-only path); their parsing, checks and content rows
run in helper processes (:mod:`newsledger.batch.reports`). Articles not in English are stored
without analysis (:func:`newsledger.ingest.language.needs_analysis`): the English layers
would only make false records of them.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import PipelineError, StoreError
from ..ingest.files import Failure
from ..ingest.language import needs_analysis, unanalysed_report
from ..ingest.sources import ReportLine
from ..ledger.rows import Ready
from ..ledger.store import AddResult, Ledger, paused_gc
from ..models import Article, Report
from ..settings import Settings
from .reports import ReportPool, default_helpers

#: What the ingest loop reads: articles to analyse, Reports (and report lines made Ready by
#: the helpers) to store, Failures to record.
_Item = Article | Report | Ready | Failure

if TYPE_CHECKING:
    from .stream import Runner


@dataclass
class Summary:
    added: int = 0
    duplicates: int = 0
    reanalysed: int = 0  # stored with a layer missing, analysed again and replaced
    clustered: int = 0  # added as a near-duplicate of an earlier article
    failures: list[Failure] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)  # articles added, by language
    warnings: Counter[str] = field(default_factory=Counter)  # ingest warnings of those, by code
    writer_cpu_s: float = 0.0  # CPU seconds of the thread that wrote the ledger, in its writes

    @property
    def seen(self) -> int:
        return self.added + self.reanalysed + self.duplicates + len(self.failures)


Progress = Callable[[AddResult | Failure], None]
#: Called with the ids of articles as soon as they are analysed (before they are stored).
Analysed = Callable[[list[str]], None]

#: Articles analysed at a time in this process, between progress reports: one ``nlp.pipe``
#: batch of news articles (batch.worker.MAX_BATCH_CHARS is about 16 of them), so a person
#: sees the count move every few seconds rather than once per transaction of ``batch_size``.
#: Work spread over worker processes or a cluster goes a transaction at a time.
ANALYSE_STEP = 16


def _chunks(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    """Batches of ``size`` items. Reading them (JSON Lines parsed into Reports, files into
    Articles) makes many objects and no cycles, so the cyclic collector is paused meanwhile:
    a fifth to a quarter of the store-only path's time otherwise (docs/performance.md)."""
    it = iter(items)
    while True:
        with paused_gc():
            chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def analyse(articles: list[Article], settings: Settings) -> Iterator[Report | Failure]:
    """Reports through the pipeline; if a batch fails, each article alone, failing singly."""
    from ..nlp.pipeline import run

    if not articles:
        return
    try:
        yield from list(run(articles, settings))
        return
    except Exception:
        if len(articles) == 1:
            raise
    for a in articles:
        try:
            yield from list(run([a], settings))
        except Exception as exc:
            yield Failure(a.source.path or a.id, PipelineError.code, f"analysis failed: {type(exc).__name__}: {exc}")


def _incomplete(ledger: Ledger, stored: set[str], settings: Settings) -> set[str]:
    """Stored articles whose report misses a layer of this pipeline (ledger.reanalysis)."""
    if not stored:
        return set()
    from ..ledger.reanalysis import incomplete

    return incomplete(ledger, stored, settings.pipeline)


def _reanalyse(ids: list[str], ledger: Ledger, settings: Settings, runner: Runner | None,
               summary: Summary, note: Callable[[AddResult | Failure], None], progress: Progress | None) -> None:
    """Analyse stored articles again and replace their reports, in one transaction, when the
    new report has every layer. Otherwise they stay as stored: a duplicate when the new report
    misses a layer too, a failure (naming the kept report) when the analysis or the store fails."""
    from ..ledger.reanalysis import replace, stored_articles

    kept = "the stored report is kept"
    arts = stored_articles(ledger, ids)
    try:
        results = list(runner.analyze(arts) if runner is not None else analyse(arts, settings))
    except Exception as exc:
        results = [Failure(a.source.path or a.id, PipelineError.code, f"analysis failed: {type(exc).__name__}: {exc}")
                   for a in arts]
    by_source = {name: a.id for a in arts for name in (a.source.path or a.id, a.source.path or a.url or a.id)}
    failed = {by_source.get(r.source, r.source): Failure(r.source, r.code, f"{r.reason} ({kept})")
              for r in results if isinstance(r, Failure)}
    want = set(settings.pipeline)
    better = [r for r in results if isinstance(r, Report) and want <= r.layers_done()]
    try:
        replaced = {x.article_id for x in replace(ledger, better) if x.status == "added"}
    except Exception as exc:
        replaced = set()
        for r in better:
            failed[r.article.id] = Failure(r.article.source.path or r.article.id, StoreError.code,
                                           f"cannot store the re-analysis: {type(exc).__name__} ({kept})")
    for a in arts:
        if a.id in replaced:
            summary.reanalysed += 1
            if progress:
                progress(AddResult(a.id, "added", source=a.source.path))
        elif a.id in failed:
            note(failed[a.id])
        else:
            note(AddResult(a.id, "duplicate", source=a.source.path))


#: Batches handed to the writer thread and not yet taken by it. The analysis runs ahead of
#: the writer by at most this many transactions (plus the one being written), so memory
#: stays flat however long the input; 2 lets the writer find its next batch ready while the
#: analysis, 20-100 times slower per article than the writes, never waits for it.
WRITE_QUEUE = 2


@dataclass
class _Plan:
    """One transaction's batch: Reports ready to store, and articles waiting for analysis."""

    ready: list[Report | Ready]
    fresh: list[Article]
    done: list[Report] = field(default_factory=list)
    got: int = 0  # results received for ``fresh``

    @property
    def complete(self) -> bool:
        return self.got >= len(self.fresh)


class _Writer:
    """Writes batches to the ledger, in a thread of its own when ``threaded``. The ledger's
    write connections are used by that thread only; its results come back to the calling
    thread through :meth:`drain`, so progress and the summary are kept there."""

    def __init__(self, ledger: Ledger, threaded: bool, stage_token: str | None = None) -> None:
        self.ledger = ledger
        self.stage_token = stage_token
        self.todo: queue.Queue[list[Report | Ready] | None] = queue.Queue(maxsize=WRITE_QUEUE)
        self.out: queue.SimpleQueue[list[AddResult] | BaseException] = queue.SimpleQueue()
        self.abandon = False
        self.cpu_s = 0.0  # the writing thread's CPU seconds in add_batch (the serial step's cost)
        self.thread = threading.Thread(target=self._run, name="newsledger-writer", daemon=True) if threaded else None
        if self.thread is not None:
            self.thread.start()

    def _run(self) -> None:
        failed = False
        while (batch := self.todo.get()) is not None:
            if failed or self.abandon:
                continue  # keep taking batches, so the caller never blocks on a full queue
            try:
                self.out.put(self._add(batch))
            except BaseException as exc:  # handed to the calling thread, which raises it
                failed = True
                self.out.put(exc)

    def _add(self, batch: list[Report | Ready]) -> list[AddResult]:
        start = time.thread_time()
        try:
            if self.stage_token is None:
                return self.ledger.add_batch(batch)
            return self.ledger.add_batch(batch, self.stage_token)
        finally:
            self.cpu_s += time.thread_time() - start

    def submit(self, batch: list[Report | Ready]) -> None:
        if not batch:
            return
        if self.thread is None:
            self.out.put(self._add(batch))
        else:
            self.todo.put(batch)  # blocks while WRITE_QUEUE batches wait: the back-pressure

    def drain(self, note: Callable[[AddResult], None]) -> None:
        while not self.out.empty():
            got = self.out.get()
            if isinstance(got, BaseException):
                raise got
            for res in got:
                note(res)

    def close(self, note: Callable[[AddResult], None], *, abandon: bool = False) -> None:
        """Wait for the batches handed over (after an error: drop those not yet begun),
        then report them."""
        if self.thread is not None:
            self.abandon = abandon
            self.todo.put(None)
            self.thread.join()
            self.thread = None
        if not abandon:
            self.drain(note)


def _failed(a: Article, exc: Exception) -> Failure:
    return Failure(a.source.path or a.id, PipelineError.code, f"analysis failed: {type(exc).__name__}: {exc}")


def _local_analysis(articles: Iterable[Article], settings: Settings) -> Iterator[Report | Failure]:
    """Results in input order, analysed in this process ``ANALYSE_STEP`` articles at a time."""
    part: list[Article] = []
    it = iter(articles)
    while True:
        a = next(it, None)
        if a is not None:
            part.append(a)
        if part and (a is None or len(part) >= ANALYSE_STEP):
            try:
                results = list(analyse(part, settings))
            except Exception as exc:
                results = [_failed(x, exc) for x in part]
            yield from results
            part = []
        if a is None:
            return


def _remote(runner: Runner, articles: Iterator[Article], stage: tuple[str, str] | None) -> Iterator[Report | Failure]:
    """The runner's stream, started at the first article to analyse: a store-only ingest
    starts no cluster."""
    first = next(articles, None)
    if first is not None:
        yield from runner.stream(itertools.chain([first], articles), stage=stage)


def stages(ledger: Ledger, runner: Runner | None) -> bool:
    """Whether the workers write to the ledger themselves: analysis spread over worker
    processes or a cluster, into PostgreSQL (:mod:`newsledger.ledger.staging`). SQLite
    has one writer at a time, so there the writer builds every row."""
    return runner is not None and runner.distributed and ledger.dialect == "postgresql"


def ingest(items: Iterable[Article | Report | Failure | ReportLine], ledger: Ledger, settings: Settings,
           *, batch_size: int | None = None, progress: Progress | None = None,
           runner: Runner | None = None, analysed: Analysed | None = None,
           pipelined: bool = True, helpers: int | None = None) -> Summary:
    """Analyse and store every item; one transaction per batch of articles.

    ``runner`` (an open :class:`newsledger.batch.Runner`) analyses the articles on local
    worker processes or a Dask cluster, with the per-document time limit, as one stream (the
    workers never wait for a batch boundary); without it they are analysed in this process.
    ``pipelined`` writes on a writer thread while the analysis goes on (``False``: one batch
    after the other in this thread; the result is the same). ``progress`` hears of every item
    when it is settled (stored, duplicate or failed); ``analysed`` of articles as soon as
    they are analysed. Report lines (``iter_sources(..., report_lines=True)``) are parsed,
    checked and made into rows by ``helpers`` processes (default: one per core, at most 8;
    0: in this process), :mod:`newsledger.batch.reports`, when the input starts with one.
    ``batch_size``: items per transaction; by default ``settings.batch_size``, or
    ``settings.reports_batch_size`` when the input starts with an analysed report (a line
    of one or a Report): nothing to analyse, so the transaction is sized for the store."""
    summary = Summary()
    language_of: dict[str, str] = {}
    warnings_of: dict[str, list[str]] = {}
    pending: set[str] = set()  # handed to the writer, not yet reported back: duplicates too
    redo: list[str] = []  # stored with a layer missing: analysed again, from the stored text, at the end
    plans: deque[_Plan] = deque()

    def note(x: AddResult | Failure) -> None:
        if isinstance(x, Failure):
            summary.failures.append(x)
        elif x.status == "added":
            summary.added += 1
            summary.languages[language_of.pop(x.article_id, "en")] += 1
            summary.warnings.update(warnings_of.pop(x.article_id, []))
            if x.cluster_id != x.article_id:
                summary.clustered += 1
        elif x.status == "duplicate":
            summary.duplicates += 1
        else:
            # the store's reason starts with its code, which the Failure prints already
            reason = (x.reason or "not stored").removeprefix(f"[{StoreError.code}] ")
            summary.failures.append(Failure(x.source or x.article_id, StoreError.code, reason))
        if progress:
            progress(x)

    def written(x: AddResult) -> None:
        pending.discard(x.article_id)
        note(x)

    def plan(chunk: list[_Item]) -> _Plan:
        ids = [it.id if isinstance(it, Article | Ready) else it.article.id
               for it in chunk if not isinstance(it, Failure)]
        stored = ledger.existing(ids)
        repair = _incomplete(ledger, stored, settings)
        p = _Plan([], [])
        for it in chunk:
            if isinstance(it, Failure):
                note(it)
                continue
            if isinstance(it, Ready):  # a report line, checked and made into rows by a helper
                if it.id in stored or it.id in pending:
                    note(AddResult(it.id, "duplicate", source=it.source_path))
                    continue
                pending.add(it.id)
                language_of[it.id] = it.language
                warnings_of[it.id] = it.warnings
                p.ready.append(it)
                continue
            art = it if isinstance(it, Article) else it.article
            if isinstance(it, Article) and art.id in repair and art.id not in pending:
                pending.add(art.id)
                redo.append(art.id)
                continue
            if art.id in stored or art.id in pending:
                note(AddResult(art.id, "duplicate", source=art.source.path))
                continue
            pending.add(art.id)
            language_of[art.id] = art.language
            warnings_of[art.id] = [w[1:5] for w in art.warnings if w.startswith("[W")]
            if isinstance(it, Article) and needs_analysis(it):
                p.fresh.append(it)
            elif isinstance(it, Article):
                p.ready.append(unanalysed_report(it))  # another language: stored, not analysed
            else:
                p.ready.append(it)
        return p

    def feed() -> Iterator[Article]:
        """The articles to analyse, batch by batch; each batch's plan is queued first."""
        for chunk in _chunks(stream, size):
            writer.drain(written)  # what was committed meanwhile is no longer pending
            p = plan(chunk)
            plans.append(p)
            submit_complete()  # a batch with nothing to analyse goes now: memory stays flat
            yield from p.fresh

    def submit_complete() -> None:
        while plans and plans[0].complete:
            p = plans.popleft()
            writer.submit([*p.ready, *p.done])  # serial order: stored Reports, then analysed ones
        writer.drain(written)

    token = uuid.uuid4().hex if stages(ledger, runner) else None
    it = iter(items)
    first = next(it, None)
    size = batch_size or (settings.reports_batch_size if isinstance(first, ReportLine | Report)
                          else settings.batch_size)
    # helpers forked before the writer thread starts (a fork copies the calling thread alone)
    pool = ReportPool(settings, (default_helpers() if helpers is None else helpers)
                      if isinstance(first, ReportLine) else 0)
    stream = pool.items(itertools.chain([first] if first is not None else [], it))
    writer = _Writer(ledger, threaded=pipelined, stage_token=token)
    ok = False
    try:
        results = (_remote(runner, feed(), (ledger.url, token) if token else None) if runner is not None
                   else _local_analysis(feed(), settings))
        for res in results:
            submit_complete()  # batches with nothing (more) to analyse go first
            head = plans[0]
            head.got += 1
            if isinstance(res, Report):
                head.done.append(res)
                if analysed:
                    analysed([res.article.id])
            else:
                pending.discard(head.fresh[head.got - 1].id)
                note(res)
        submit_complete()
        ok = True
    finally:
        writer.close(written, abandon=not ok)
        pool.close()
        summary.writer_cpu_s = writer.cpu_s
    for i in range(0, len(redo), size):  # after the new articles: repairs replace stored reports
        _reanalyse(redo[i:i + size], ledger, settings, runner, summary, note, progress)
    return summary
