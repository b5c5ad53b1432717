"""Claims (subject, relation, object = value) as timelines: one row per report, grouped by
key in date order, with how many independent sources give each value and whether they
disagree; and the claim keys with their counts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from . import names
from .filters import Filters, Page, Paged, contains, count, date_conditions, starts_with
from .scope import ARTICLE_FILTERS, article_conditions, publisher_conditions
from .source import Source, connect

A, C = s.articles, s.claims

#: ``place``: the claim's place, subject or object; ``since``/``until``: the claim's date;
#: ``source``/``outlet``: the publisher reporting it; ``q``: words of its key; the others keep
#: its article.
SUPPORTED = (*ARTICLE_FILTERS, "q", "key", "key_prefix")
SERIES_FILTERS = (*ARTICLE_FILTERS, "q", "key_prefix")


class ClaimRow(BaseModel):
    article_id: str
    id: str
    key: str
    subject: str | None
    relation: str
    object: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    value_text: str | None
    qualifier: str | None
    bound: str | None
    date: str | None
    published: str | None
    source: str | None
    cited: str | None
    cited_type: str | None
    quantity_id: str | None
    quote_id: str | None
    canonical_place_id: int | None
    cluster_id: str | None
    start: int | None
    end: int | None
    title: str | None
    independent_sources: int  # clusters reporting this key with this value
    disagrees: bool  # another independent source reports a different figure for this key


class ClaimSeriesRow(BaseModel):
    key: str
    subject: str | None
    relation: str | None
    object: str | None
    unit: str | None
    n: int
    n_sources: int
    n_values: int
    first: str | None
    last: str | None


CLAIM_COLUMNS = (C.c.article_id, C.c.id, C.c.key, C.c.subject, C.c.relation, C.c.object, C.c.value,
                 C.c.low, C.c.high, C.c.unit, C.c.value_text, C.c.qualifier, C.c.bound, C.c.date,
                 C.c.published, C.c.source, C.c.cited, C.c.cited_type, C.c.quantity_id, C.c.quote_id,
                 C.c.canonical_place_id, C.c.cluster_id, C.c.start, C.c.end, A.c.title)


def claim_date() -> sa.ColumnElement[Any]:
    return sa.func.coalesce(C.c.date, C.c.published)


def claim_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    out = date_conditions(claim_date(), f)
    out += publisher_conditions(conn, C.c.source, f)
    plain = Filters(**{k: getattr(f, k) for k in ("person", "person_id", "org", "org_id", "language",
                                                   "event_type")})
    out += article_conditions(conn, plain, dates=False)
    if f.key is not None:
        out.append(C.c.key == f.key)
    if f.key_prefix is not None:
        out.append(starts_with(C.c.key, f.key_prefix))
    if f.place is not None or f.place_id is not None:
        place = sa.or_(C.c.canonical_place_id.in_(names.place_ids(conn, f.place, f.place_id)))
        if f.place is not None and f.place_id is None:
            holds = names.text_holds(f.place)
            place = sa.or_(place, C.c.subject.in_(names.values_matching(conn, C.c.subject, holds)),
                           C.c.object.in_(names.values_matching(conn, C.c.object, holds)))
        out.append(place)
    if f.q is not None:
        out.append(contains(C.c.key, f.q))
    return out


def _value(r: Any) -> tuple[Any, ...]:
    return (r.value, r.low, r.high, r.unit) if r.value is not None or r.low is not None else (
        r.value_text, None, None, None)


def claims(src: Source, f: Filters = Filters(), page: Page = Page()) -> Paged[ClaimRow]:
    """Claims grouped by key, each key in date order."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        conds = claim_conditions(conn, f)
        stmt = sa.select(*CLAIM_COLUMNS).join(A, A.c.id == C.c.article_id).where(*conds)
        total = count(conn, stmt)
        rows = conn.execute(stmt.order_by(C.c.key, claim_date(), C.c.article_id, C.c.start, C.c.id)
                            .limit(page.limit).offset(page.offset)).all()
        keys = sorted({r.key for r in rows})
        clusters: dict[str, dict[tuple[Any, ...], set[str]]] = defaultdict(lambda: defaultdict(set))
        for i in range(0, len(keys), 500):  # every report of these keys, not only this page's
            for g in conn.execute(sa.select(C.c.key, C.c.value, C.c.low, C.c.high, C.c.unit, C.c.value_text,
                                            C.c.cluster_id, C.c.article_id)
                                  .join(A, A.c.id == C.c.article_id)
                                  .where(C.c.key.in_(keys[i:i + 500]), *conds)):
                clusters[g.key][_value(g)].add(g.cluster_id or g.article_id)
    items = []
    for r in rows:
        groups = clusters[r.key]
        mine = groups[_value(r)]
        others = {cl for v, cls in groups.items() if v != _value(r) for cl in cls}
        items.append(ClaimRow(**r._mapping, independent_sources=len(mine),
                              disagrees=bool(others - mine) and (r.value is not None or r.low is not None)))
    return Paged[ClaimRow](items=items, total=total, limit=page.limit, offset=page.offset)


def claim_series(src: Source, f: Filters = Filters(), page: Page = Page()) -> Paged[ClaimSeriesRow]:
    """Claim keys with how many reports and independent sources (clusters) give them."""
    f.check(SERIES_FILTERS)
    with connect(src) as conn:
        stmt = (sa.select(C.c.key, sa.func.min(C.c.subject).label("subject"),
                          sa.func.min(C.c.relation).label("relation"), sa.func.min(C.c.object).label("object"),
                          sa.func.min(C.c.unit).label("unit"), sa.func.count().label("n"),
                          sa.func.count(sa.distinct(C.c.cluster_id)).label("n_sources"),
                          sa.func.count(C.c.value).label("n_values"),
                          sa.func.min(claim_date()).label("first"), sa.func.max(claim_date()).label("last"))
                .join(A, A.c.id == C.c.article_id).where(*claim_conditions(conn, f)).group_by(C.c.key))
        total = count(conn, stmt)
        rows = conn.execute(stmt.order_by(sa.desc("n_sources"), sa.desc("n_values"), sa.desc("n"), C.c.key)
                            .limit(page.limit).offset(page.offset))
        items = [ClaimSeriesRow(**r._mapping) for r in rows]
    return Paged[ClaimSeriesRow](items=items, total=total, limit=page.limit, offset=page.offset)
