"""Ingest into the ledger: sources -> (analysis through the pipeline) -> the ledger, batch by batch.

Articles already in the ledger are counted as duplicates before analysis, so rerunning an
interrupted ingest skips what was committed and finishes the rest. Reports read from JSON
Lines are stored as they are (the store-only path). Articles not in English are stored
without analysis (:func:`newsledger.ingest.language.needs_analysis`): the English layers
would only make false records of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import PipelineError, StoreError
from ..ingest.files import Failure
from ..ingest.language import needs_analysis, unanalysed_report
from ..ledger.store import AddResult, Ledger
from ..models import Article, Report
from ..settings import Settings

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


def _chunks(items: Iterable[Article | Report | Failure], size: int) -> Iterator[list[Article | Report | Failure]]:
    chunk: list[Article | Report | Failure] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
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


def ingest(items: Iterable[Article | Report | Failure], ledger: Ledger, settings: Settings,
           *, batch_size: int | None = None, progress: Progress | None = None,
           runner: Runner | None = None, analysed: Analysed | None = None) -> Summary:
    """Analyse and store every item; one transaction per batch of articles.

    ``runner`` (an open :class:`newsledger.batch.Runner`) analyses each batch on local
    worker processes or a Dask cluster, with the per-document time limit; without it the
    batch is analysed in this process. ``progress`` hears of every item when it is settled
    (stored, duplicate or failed); ``analysed`` of articles as soon as they are analysed."""
    size = batch_size or settings.batch_size
    summary = Summary()
    language_of: dict[str, str] = {}
    warnings_of: dict[str, list[str]] = {}

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

    for chunk in _chunks(items, size):
        ids = [it.id if isinstance(it, Article) else it.article.id
               for it in chunk if not isinstance(it, Failure)]
        stored = ledger.existing(ids)
        repair = _incomplete(ledger, stored, settings)
        fresh: list[Article] = []
        ready: list[Report] = []
        batch_ids: set[str] = set()
        redo: list[str] = []  # stored with a layer missing: analysed again, from the stored text
        for it in chunk:
            if isinstance(it, Failure):
                note(it)
                continue
            art = it if isinstance(it, Article) else it.article
            if isinstance(it, Article) and art.id in repair and art.id not in batch_ids:
                batch_ids.add(art.id)
                redo.append(art.id)
                continue
            if art.id in stored or art.id in batch_ids:
                note(AddResult(art.id, "duplicate", source=art.source.path))
                continue
            batch_ids.add(art.id)
            language_of[art.id] = art.language
            warnings_of[art.id] = [w[1:5] for w in art.warnings if w.startswith("[W")]
            if isinstance(it, Article) and needs_analysis(it):
                fresh.append(it)
            elif isinstance(it, Article):
                ready.append(unanalysed_report(it))  # another language: stored, not analysed
            else:
                ready.append(it)
        step = len(fresh) if runner is not None and runner.distributed else ANALYSE_STEP
        for i in range(0, len(fresh), max(1, step)):
            part = fresh[i:i + step]
            try:
                results = list(runner.analyze(part) if runner is not None else analyse(part, settings))
            except Exception as exc:
                results = [Failure(a.source.path or a.id, PipelineError.code, f"analysis failed: {type(exc).__name__}: {exc}")
                           for a in part]
            done = [r for r in results if isinstance(r, Report)]
            for r in results:
                if isinstance(r, Failure):
                    note(r)
            ready.extend(done)
            if analysed and done:
                analysed([r.article.id for r in done])
        for res in ledger.add_batch(ready) if ready else []:
            note(res)
        if redo:
            _reanalyse(redo, ledger, settings, runner, summary, note, progress)
    return summary
