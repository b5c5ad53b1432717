"""Stored reports rebuilt from their records, any span in its context, and row counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from ...models import (
    Article,
    Entity,
    Event,
    PipelineInfo,
    Place,
    Quantity,
    Quote,
    Report,
    SourceInfo,
    TimeExpression,
)
from .. import schema as s
from ..store import Ledger

#: Characters of context shown either side of a span by :func:`context`.
CONTEXT_CHARS = 80


class SpanContext(BaseModel):
    article_id: str
    start: int
    end: int
    before: str
    text: str
    after: str


def context(ledger: Ledger, article_id: str, start: int, end: int, width: int = CONTEXT_CHARS) -> SpanContext | None:
    """A span of an article with ``width`` characters of context either side."""
    with ledger.engine.connect() as conn:
        text = conn.execute(sa.select(s.articles.c.text).where(s.articles.c.id == article_id)).scalar()
    if text is None:
        return None
    start, end = max(0, start), min(len(text), end)
    return SpanContext(article_id=article_id, start=start, end=end, before=text[max(0, start - width):start],
                       text=text[start:end], after=text[end:end + width])


_RECORDS: list[tuple[sa.Table, str, type[BaseModel]]] = [
    (s.entities, "entities", Entity), (s.quotes, "quotes", Quote), (s.quantities, "quantities", Quantity),
    (s.times, "times", TimeExpression), (s.places, "places", Place), (s.events, "events", Event),
]


def _article(r: Any) -> Article:
    return Article(id=r.id, text=r.text, title=r.title, byline=r.byline, publisher=r.publisher, url=r.url,
                   published=r.published, language=r.language or "en",
                   source=SourceInfo.model_validate(r.source) if r.source else SourceInfo())


def report(ledger: Ledger, article_id: str) -> Report | None:
    """The stored report of one article, rebuilt from its records."""
    return next(iter_reports(ledger, ids=[article_id]), None)


def iter_reports(ledger: Ledger, *, ids: list[str] | None = None, chunk: int = 200) -> Iterator[Report]:
    """Every stored report (or those of ``ids``), in ingestion order."""
    a = s.articles
    with ledger.engine.connect() as conn:
        stmt = sa.select(a.c.id).order_by(a.c.ingested_at, a.c.id)
        if ids is not None:
            stmt = stmt.where(a.c.id.in_(ids))
        all_ids = list(conn.execute(stmt).scalars())
        for i in range(0, len(all_ids), chunk):
            part = all_ids[i:i + chunk]
            arts = {r.id: r for r in conn.execute(sa.select(a).where(a.c.id.in_(part)))}
            recs: dict[str, dict[str, list[Any]]] = {aid: defaultdict(list) for aid in part}
            for table, field, model in _RECORDS:
                for r in conn.execute(sa.select(table.c.article_id, table.c.data)
                                      .where(table.c.article_id.in_(part)).order_by(table.c.article_id)):
                    recs[r.article_id][field].append(model.model_validate(r.data))
            for aid in part:
                r = arts[aid]
                fields: dict[str, Any] = dict(recs[aid])
                yield Report(schema_version=r.schema_version or "1.0", article=_article(r),
                             warnings=list(r.warnings or []), main_event_id=r.main_event_id,
                             pipeline=PipelineInfo.model_validate(r.pipeline) if r.pipeline else None, **fields)


def stats(ledger: Ledger) -> dict[str, int]:
    """Rows per table, and the number of near-duplicate clusters."""
    out = ledger.counts()
    with ledger.engine.connect() as conn:
        out["clusters"] = int(conn.execute(sa.select(sa.func.count(sa.distinct(s.articles.c.cluster_id)))).scalar_one())
    return out
