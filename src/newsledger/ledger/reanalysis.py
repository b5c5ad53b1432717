"""Reports stored by another pipeline, or missing a layer, and their replacement.

Every article row records the pipeline that produced its report (``articles.pipeline``, a
:class:`~newsledger.models.PipelineInfo`, and its short ``pipeline_key``; migration 6).
From that:

- :func:`incomplete` finds stored reports that miss a layer the current pipeline has (the
  layer was left out of the settings, failed with W201, or ran without its gazetteer, W203);
  ingest analyses such an article again instead of calling it a duplicate;
- :func:`outdated` lists stored articles whose pipeline differs from the current one
  (``newsledger reanalyze``);
- :func:`replace` swaps the records of stored articles for new reports, in one transaction:
  the article row (its text, metadata and near-duplicate cluster) stays, its records,
  layer warnings and pipeline record are replaced. If anything fails the transaction is
  rolled back and the stored report stays as it was.

Reports stored before the pipeline was recorded (``pipeline`` NULL) are never called
incomplete by ingest (nothing says what ran); ``reanalyze`` counts them as outdated.
Articles stored without analysis (not in English) are never re-analysed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from ..models import Article, PipelineInfo, Report, ReportWarning
from . import entity_stats, speaker_stats
from . import schema as s
from .engine import WRITE_OPTION
from .store import AddResult, Ledger, insert_rows, pipeline_columns

#: Article ids read per query.
_CHUNK = 500


def _analysable(language: str | None) -> bool:
    from ..ingest.language import PIPELINE_LANGUAGE, normalise_code

    return normalise_code(language) in (None, PIPELINE_LANGUAGE)


def layers_done(pipeline: Any, warnings: Iterable[Any]) -> set[str]:
    """The layers that ran and kept their records, from a stored row's ``pipeline`` and
    ``warnings`` columns (see :meth:`newsledger.models.Report.layers_done`)."""
    if not pipeline:
        return set()
    info = PipelineInfo.model_validate(pipeline)
    ws = [ReportWarning.model_validate(w) if isinstance(w, dict) else ReportWarning.from_legacy(str(w))
          for w in warnings or []]
    return Report(article=Article(id="x", text="x"), pipeline=info, warnings=ws).layers_done()


def incomplete(ledger: Ledger, ids: Iterable[str], layers: Iterable[str]) -> set[str]:
    """Those of ``ids`` stored with a report that misses one of ``layers`` (the current
    pipeline's: ``settings.pipeline``, so the model need not be loaded to know)."""
    want = set(layers)
    ids = list(dict.fromkeys(ids))
    a = s.articles
    out: set[str] = set()
    with ledger.engine.connect() as conn:
        for i in range(0, len(ids), _CHUNK):
            for r in conn.execute(sa.select(a.c.id, a.c.language, a.c.pipeline, a.c.warnings)
                                  .where(a.c.id.in_(ids[i:i + _CHUNK]))):
                if r.pipeline and _analysable(r.language) and want - layers_done(r.pipeline, r.warnings):
                    out.add(r.id)
    return out


def outdated(ledger: Ledger, current: PipelineInfo, *, everything: bool = False) -> list[str]:
    """Stored articles (in ingestion order) whose pipeline is not ``current`` (with
    ``everything``, all of them), leaving out those stored without analysis."""
    a = s.articles
    stmt = sa.select(a.c.id, a.c.language).order_by(a.c.ingested_at, a.c.id)
    if not everything:
        stmt = stmt.where(sa.or_(a.c.pipeline_key.is_(None), a.c.pipeline_key != current.key()))
    with ledger.engine.connect() as conn:
        return [r.id for r in conn.execute(stmt) if _analysable(r.language)]


def stored_articles(ledger: Ledger, ids: Sequence[str]) -> list[Article]:
    """The stored articles of ``ids`` (those that are there), in the order given, with the
    input warnings they were stored with."""
    # the query layer (0.2 s to import) only here: ingest imports this module for
    # incomplete(), whenever its input holds an article already stored
    from .queries.reports import _article

    a = s.articles
    rows: dict[str, Any] = {}
    with ledger.engine.connect() as conn:
        for i in range(0, len(ids), _CHUNK):
            rows.update({r.id: r for r in conn.execute(sa.select(a).where(a.c.id.in_(list(ids[i:i + _CHUNK]))))})
    out = []
    for aid in ids:
        r = rows.get(aid)
        if r is not None:
            out.append(_article(r).model_copy(update={"language": r.language or "en"}))
    return out


def replace(ledger: Ledger, reports: Sequence[Report]) -> list[AddResult]:
    """Replace the records of stored articles with ``reports`` in one transaction. A report
    whose article is not stored, or whose text differs from the stored text (its offsets would
    not fit), is refused ("failed") and changes nothing."""
    if not reports:
        return []
    a = s.articles
    ids = [r.article.id for r in reports]
    try:
        with ledger.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            if conn.dialect.name == "postgresql":  # canonical ids are given here, as in Ledger.add
                conn.exec_driver_sql("LOCK TABLE canonical_entities, canonical_places IN SHARE ROW EXCLUSIVE MODE")
            stored = {r.id: r for r in conn.execute(sa.select(a.c.id, a.c.text, a.c.cluster_id, a.c.warnings)
                                                    .where(a.c.id.in_(ids)))}
            results: list[AddResult] = []
            ok: list[Report] = []
            for rep in reports:
                row = stored.get(rep.article.id)
                if row is None or row.text != rep.article.text:
                    why = "not stored" if row is None else "its text differs from the stored text"
                    results.append(AddResult(rep.article.id, "failed", reason=f"cannot re-analyse: {why}",
                                             source=rep.article.source.path))
                    continue
                ok.append(rep)
                results.append(AddResult(rep.article.id, "added", cluster_id=row.cluster_id,
                                         source=rep.article.source.path))
            done = [rep.article.id for rep in ok]
            counted = entity_stats.touched(conn, done)  # their counts are recounted below (migration 9)
            speakers = speaker_stats.touched(conn, done)  # and the expert directory's rows (migration 12)
            for table in s.RECORD_TABLES:
                conn.execute(table.delete().where(table.c.article_id.in_(done)))
            ledger._canon.load(conn)
            rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in s.RECORD_TABLES}
            for rep in ok:
                row = stored[rep.article.id]
                ledger._collect(conn, rep, row.cluster_id, rows)
                kept = [ReportWarning.model_validate(w) for w in row.warnings or []
                        if isinstance(w, dict) and w.get("layer") == "ingest"]  # from reading the input
                warnings = [w.model_dump() for w in dict.fromkeys([*kept, *rep.warnings])]
                conn.execute(a.update().where(a.c.id == rep.article.id).values(
                    warnings=warnings, schema_version=rep.schema_version, main_event_id=rep.main_event_id,
                    **pipeline_columns(rep)))
            ledger._canon.flush(conn)
            for table in s.RECORD_TABLES:
                insert_rows(conn, table, rows[table.name])
            ledger._canon.settle(conn)
            entity_stats.recount(conn, counted | entity_stats.touched(conn, done))
            speaker_stats.recount(conn, speakers | speaker_stats.touched(conn, done))
            return results
    except Exception:
        ledger._canon.forget()  # its cache may hold ids of the rolled-back transaction
        raise
