"""Claims (subject, relation, object = value) as timelines: one row per report, grouped by
key in date order, with how many independent sources give the figure and which independent
sources say more or less within a time window; and the claim series with their counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from ..claims import attribute_named
from . import names
from .filters import Filters, Page, Paged, contains, count, date_conditions, starts_with
from .scope import ARTICLE_FILTERS, article_conditions, publisher_conditions
from .source import Source, connect

A, C, Q = s.articles, s.claims, s.quantities

#: Two figures of one series are compared only when their dates are at most this many days
#: apart: tolls and distances move, so a figure from a month before is history, not a
#: disagreement. A week holds the daily updates of one phase of a battle and the weekly
#: round-ups that repeat them (in the demo and the dev war corpus, restatements of one figure
#: fall within 1-6 days of each other).
DISAGREE_WINDOW_DAYS = 7
#: Two figures agree when their ranges, each widened by this share of its value, overlap:
#: news rounds to one or two significant figures ("about 10 km" for 9.6 km, "30km" for
#: 19 miles), which is within 10%; a figure 10-20% apart is a different estimate.
DISAGREE_TOLERANCE = 0.10

#: ``place``: the claim's place, subject or object; ``since``/``until``: the claim's date;
#: ``source``/``outlet``: the publisher reporting it; ``q``: words of its key; the others keep
#: its article; ``include_hidden``: also the statements ("X says ...") of quotes not shown by
#: default (``Quote.shown``).
SUPPORTED = (*ARTICLE_FILTERS, "q", "key", "key_prefix", "include_hidden")
SERIES_FILTERS = (*ARTICLE_FILTERS, "q", "key_prefix")


class ClaimRef(BaseModel):
    """Another independent source's figure for the same series, with its evidence span."""

    id: str
    article_id: str
    source: str | None
    cited: str | None
    value_text: str | None
    date: str | None
    title: str | None
    start: int | None
    end: int | None


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
    dimension: str | None  # the unit dimension of the series (count, length, currency, ...)
    independent_sources: int  # near-duplicate clusters giving an agreeing figure in the window
    disagrees: bool  # another independent source gives a different figure within the window
    says_more: list[ClaimRef]  # independent sources with a higher figure in the window
    says_less: list[ClaimRef]  # ... and with a lower one


class ClaimSeriesRow(BaseModel):
    key: str
    subject: str | None
    relation: str | None
    object: str | None
    unit: str | None
    dimension: str | None
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
    if not f.include_hidden:
        # a statement claim ("X says <place> ...") is its quote: hidden with it, as in every quote view
        qt = s.quotes
        out.append(sa.or_(C.c.quantity_id.is_not(None), C.c.quote_id.is_(None), ~sa.exists().where(
            qt.c.article_id == C.c.article_id, qt.c.id == C.c.quote_id, qt.c.shown == sa.false())))
    return out


@dataclass
class _Figure:
    id: str
    cluster: str
    day: Date | None
    lo: float
    hi: float


def _day(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _figure(r: Any) -> _Figure | None:
    """A claim's value as a range in the series' base unit (via the figure's SI value), open
    above for "more than" and below for "up to"."""
    value = r.value if r.value is not None else (r.low if r.low is not None else r.high)
    if value is None:
        return None
    scale = (r.si_value / value) if r.si_value is not None and value else 1.0
    lo = (r.low if r.low is not None else value) * scale
    hi = (r.high if r.high is not None else value) * scale
    if r.bound == "lower":
        hi = float("inf")
    elif r.bound == "upper":
        lo = float("-inf")
    return _Figure(r.id, r.cluster_id or r.article_id, _day(r.date or r.published), lo, hi)


def in_window(a: _Figure, b: _Figure) -> bool:
    if a.day is None or b.day is None:
        return a.day is None and b.day is None
    return abs((a.day - b.day).days) <= DISAGREE_WINDOW_DAYS


def compare(a: _Figure, b: _Figure) -> int:
    """0 when the figures agree (ranges overlap within the tolerance), 1 when ``b`` says more,
    -1 when it says less."""
    if b.lo > a.hi + abs(a.hi) * DISAGREE_TOLERANCE and b.lo > a.hi:
        return 1
    if b.hi < a.lo - abs(a.lo) * DISAGREE_TOLERANCE and b.hi < a.lo:
        return -1
    return 0


def _refs(by_cluster: dict[str, Any]) -> list[ClaimRef]:
    return [ClaimRef(id=g.id, article_id=g.article_id, source=g.source, cited=g.cited, value_text=g.value_text,
                     date=g.date or g.published, title=g.title, start=g.start, end=g.end)
            for g in by_cluster.values()]


_SERIES_COLUMNS = (C.c.id, C.c.article_id, C.c.key, C.c.value, C.c.low, C.c.high, C.c.bound, C.c.date,
                   C.c.published, C.c.cluster_id, C.c.source, C.c.cited, C.c.value_text, C.c.start, C.c.end,
                   A.c.title, Q.c.si_value)


def claims(src: Source, f: Filters = Filters(), page: Page = Page()) -> Paged[ClaimRow]:
    """Claims grouped by key, each key in date order, each compared with the other
    independent sources of its series (every report of the key, not only this page's)."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        conds = claim_conditions(conn, f)
        stmt = sa.select(*CLAIM_COLUMNS).join(A, A.c.id == C.c.article_id).where(*conds)
        total = count(conn, stmt)
        rows = conn.execute(stmt.order_by(C.c.key, claim_date(), C.c.article_id, C.c.start, C.c.id)
                            .limit(page.limit).offset(page.offset)).all()
        keys = sorted({r.key for r in rows})
        series: dict[str, list[tuple[_Figure, Any]]] = {}
        for i in range(0, len(keys), 500):
            for g in conn.execute(sa.select(*_SERIES_COLUMNS).join(A, A.c.id == C.c.article_id)
                                  .outerjoin(Q, sa.and_(Q.c.article_id == C.c.article_id,
                                                        Q.c.id == C.c.quantity_id))
                                  .where(C.c.key.in_(keys[i:i + 500]), *conds)):
                if (fig := _figure(g)) is not None:
                    series.setdefault(g.key, []).append((fig, g))
    items = []
    for r in rows:
        mine = next((fg for fg, _ in series.get(r.key, []) if fg.id == r.id and fg.cluster == (
            r.cluster_id or r.article_id)), None)
        agree: set[str] = set()
        more: dict[str, Any] = {}
        less: dict[str, Any] = {}
        if mine is not None:
            agree.add(mine.cluster)
            for fig, g in series[r.key]:
                if fig.cluster == mine.cluster or not in_window(mine, fig):
                    continue
                side = compare(mine, fig)
                if side == 0:
                    agree.add(fig.cluster)
                else:
                    (more if side > 0 else less).setdefault(fig.cluster, g)
        attr = attribute_named(r.relation)
        items.append(ClaimRow(**r._mapping, dimension=attr.dimension if attr else None,
                              independent_sources=len(agree) if mine is not None else 0,
                              disagrees=bool(more or less), says_more=_refs(more), says_less=_refs(less)))
    return Paged[ClaimRow](items=items, total=total, limit=page.limit, offset=page.offset)


def claim_series(src: Source, f: Filters = Filters(), page: Page = Page()) -> Paged[ClaimSeriesRow]:
    """Figure series (subject, attribute, object; one unit dimension) with how many reports
    and independent sources (near-duplicate clusters) give them, most sources first.
    Attributed statements without a figure are claims but no series: nothing to compare."""
    f.check(SERIES_FILTERS)
    with connect(src) as conn:
        stmt = (sa.select(C.c.key, sa.func.min(C.c.subject).label("subject"),
                          sa.func.min(C.c.relation).label("relation"), sa.func.min(C.c.object).label("object"),
                          sa.func.min(C.c.unit).label("unit"), sa.func.count().label("n"),
                          sa.func.count(sa.distinct(C.c.cluster_id)).label("n_sources"),
                          sa.func.count(C.c.value).label("n_values"),
                          sa.func.min(claim_date()).label("first"), sa.func.max(claim_date()).label("last"))
                .join(A, A.c.id == C.c.article_id)
                .where(C.c.quantity_id.is_not(None), *claim_conditions(conn, f)).group_by(C.c.key))
        total = count(conn, stmt)
        rows = conn.execute(stmt.order_by(sa.desc("n_sources"), sa.desc("n_values"), sa.desc("n"), C.c.key)
                            .limit(page.limit).offset(page.offset))
        items = [ClaimSeriesRow(**r._mapping, dimension=(a.dimension if (a := attribute_named(r.relation)) else None))
                 for r in rows]
    return Paged[ClaimSeriesRow](items=items, total=total, limit=page.limit, offset=page.offset)
