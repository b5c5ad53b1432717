"""What a worker does with one partition of articles: Reports out, Failures for the rest.

The same function runs in the calling process, in a local worker process, or on a Dask
worker. Each chunk of ``settings.batch_size`` articles goes through ``nlp.pipe`` (a long
document in pieces, :mod:`newsledger.nlp.pieces`) inside a
spaCy memory zone, so the strings and lexemes the chunk added are freed when it is done and
a long run stays at a flat memory footprint. Every document has ``settings.doc_timeout_s``;
a document that makes a component raise is retried alone and becomes a
:class:`~newsledger.ingest.files.Failure` if it fails again; one that overruns the limit is
a Failure at once, unless the overrun may belong to another document of its chunk (see
:func:`analyze_chunk`). The rest of its chunk goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence

from spacy.language import Language

from ..errors import DocumentTimeoutError
from ..ingest.files import Failure, failure_from
from ..ingest.language import needs_analysis, unanalysed_report
from ..models import Article, Report
from ..nlp.pieces import analyze_doc, pipe
from ..nlp.pipeline import get_nlp, make_doc
from ..nlp.report import doc_to_report
from ..settings import Settings
from .deadline import Deadline, DocTimeout

Result = Report | Failure

log = logging.getLogger(__name__)

#: Most characters in one ``nlp.pipe`` batch (and one memory zone), besides the
#: ``batch_size`` cap on documents. The model's working memory grows with the text of a batch:
#: on the BBC corpus (about 2,300 characters an article) the small model peaked at 280 MB RSS
#: with batches of 16 articles and 580 MB with 64, at the same words per CPU second (16 was
#: the fastest of 4-128). 40,000 characters is about 16 such articles, and a single very
#: long document runs in a batch of its own.
MAX_BATCH_CHARS = 40_000

#: One pipeline per process, and spaCy's vocabulary (memory zones above all) is not safe to
#: share between threads: a Dask worker started with several threads runs our tasks one at
#: a time. Start Dask workers with ``--nthreads 1`` and one process per core instead.
_PIPELINE_LOCK = threading.Lock()


def source_of(article: Article) -> str:
    return article.source.path or article.url or article.id


def timeout_failure(article: Article, seconds: float) -> Failure:
    exc = DocumentTimeoutError(
        f"analysis took longer than the limit of {seconds:g} s (setting doc_timeout_s)",
        source=source_of(article))
    return failure_from(exc, source_of(article))


def _run_chunk(nlp: Language, chunk: Sequence[Article], timeout: float) -> tuple[list[Report], BaseException | None]:
    """Reports for the chunk through ``nlp.pipe``, stopping at the first error or overrun.

    Returns the Reports of the leading articles that succeeded and the error, if any. The
    limit restarts at each document; the first also carries the model's pass over the chunk.
    """
    done: list[Report] = []
    deadline = Deadline(timeout)
    with nlp.memory_zone():
        try:
            with deadline:
                docs = pipe(nlp, (make_doc(nlp, a) for a in chunk), batch_size=len(chunk), check=deadline.check)
                for article, doc in zip(chunk, docs, strict=True):
                    done.append(doc_to_report(article, doc))
                    deadline.restart()
        except (Exception, DocTimeout) as exc:
            deadline.close()  # disarmed even if a repeat cut the with's own exit short
            return done, exc
    return done, None


def _run_one(nlp: Language, article: Article, timeout: float) -> Result:
    deadline = Deadline(timeout)
    with nlp.memory_zone():
        try:
            with deadline:
                return doc_to_report(article, analyze_doc(nlp, make_doc(nlp, article), deadline.check))
        except DocTimeout:
            deadline.close()  # disarmed even if a repeat cut the with's own exit short
            return timeout_failure(article, timeout)
        except Exception as exc:  # isolate the document: record it and go on
            return failure_from(exc, source_of(article))


def analyze_chunk(nlp: Language, chunk: Sequence[Article], timeout: float) -> list[Result]:
    """One Result per article, in order. A failing article is retried alone; the articles
    after it go on as a batch again, so one bad document costs one retry, not the chunk."""
    out: list[Result] = []
    pending = list(chunk)
    while pending:
        done, error = _run_chunk(nlp, pending, timeout)
        out.extend(done)
        if error is None:
            break
        # The error surfaced while producing pending[len(done)]. An overrun is that
        # document's own when it ran alone, or when it was not the first (the model had
        # already run over the whole chunk before the first document came out): it is
        # recorded, not tried again, so the limit is never spent twice on one document.
        # Otherwise (an error, or an overrun of the first document that may belong to the
        # model's pass over a later one) the document is retried alone.
        failed = pending[len(done)]
        own_overrun = isinstance(error, DocTimeout) and (len(pending) == 1 or len(done) > 0)
        out.append(timeout_failure(failed, timeout) if own_overrun else _run_one(nlp, failed, timeout))
        pending = pending[len(done) + 1:]
    return out


#: Where a worker writes the content rows of the reports it made: (database URL, the ingest
#: run's token); see :mod:`newsledger.ledger.staging`.
Stage = tuple[str, str]


def analyze_partition(articles: Sequence[Article], settings: Settings | str,
                      stage: Stage | None = None) -> list[Result]:
    """Analyse a partition with this process's pipeline (built on first use, then cached).
    Articles not in English get a report without records (the English layers skip them).
    With ``stage``, the reports' content rows are written to the ledger's staging tables
    from here, in parallel with the other workers; if that fails, the writer builds them
    from the Reports instead (nothing is lost, the work is only not shared)."""
    if isinstance(settings, str):  # settings travel to remote workers as JSON
        settings = Settings.model_validate_json(settings)
    out = _analyze_partition(articles, settings)
    if stage is not None:
        from ..ledger.staging import stage_reports

        try:
            stage_reports(stage[0], stage[1], [r for r in out if isinstance(r, Report)])
        except Exception as exc:  # the writer stores these reports itself
            log.warning("could not stage %d reports for the writer: %s: %s", len(out), type(exc).__name__, exc)
    return out


def _analyze_partition(articles: Sequence[Article], settings: Settings) -> list[Result]:
    if not all(needs_analysis(a) for a in articles):
        english = iter(_analyze_partition([a for a in articles if needs_analysis(a)], settings))
        return [next(english) if needs_analysis(a) else unanalysed_report(a) for a in articles]
    with _PIPELINE_LOCK:
        nlp = get_nlp(settings)
        out: list[Result] = []
        for chunk in chunks(articles, max(1, settings.batch_size), MAX_BATCH_CHARS):
            out.extend(analyze_chunk(nlp, chunk, settings.doc_timeout_s))
        return out


def chunks(articles: Sequence[Article], max_docs: int, max_chars: int) -> Iterator[Sequence[Article]]:
    """Consecutive runs of at most ``max_docs`` articles and (unless one article alone is
    longer) at most ``max_chars`` characters."""
    start, chars = 0, 0
    for i, article in enumerate(articles):
        n = len(article.text)
        if i > start and (i - start >= max_docs or chars + n > max_chars):
            yield articles[start:i]
            start, chars = i, 0
        chars += n
    if start < len(articles):
        yield articles[start:]


def warm_up(settings: Settings | str) -> None:
    """Build the pipeline in this process now, so the first partition does not pay for it."""
    if isinstance(settings, str):
        settings = Settings.model_validate_json(settings)
    with _PIPELINE_LOCK:
        get_nlp(settings)
