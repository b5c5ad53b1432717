"""Places merged by GeoNames id: the list with counts, and one place with its quotes, claims
and articles (its events are the events list's, ``place_id``: the map's panel asks for them
with the map's own event filters)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from . import names
from .claims import ClaimRow, claims
from .events import event_conditions, event_filters_set
from .filters import EVENT_FILTERS, Filters, Page, Paged, count
from .quotes import QUOTE_COLUMNS, QuoteRow, quote_conditions, quote_rows
from .scope import ARTICLE_FILTERS, article_conditions
from .source import Source, connect

A, P, CP, EV, Q = s.articles, s.places, s.canonical_places, s.events, s.quotes

#: ``place``/``place_id``/``name``: the place itself; ``event_type``: places where an event of
#: that type happened (and ``sub_event_type``, ``actor``, ``min_confidence``: places where such
#: an event happened, its event count counting those only); ``include_hidden``: its event
#: count includes events not shown by default, and the places with no record shown by default
#: (``Place.shown``) are listed and counted too; the others keep the articles the place is
#: counted in.
SUPPORTED = (*ARTICLE_FILTERS, "name", "include_hidden", *EVENT_FILTERS)
#: Filters of one place's page: they keep the articles its lists come from (and
#: ``include_hidden`` its quotes not shown by default, and the place itself when no record of
#: it is shown by default).
DETAIL_FILTERS = ("since", "until", "source", "outlet", "language", "include_hidden")


class PlaceRow(BaseModel):
    id: int
    name: str
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    feature_class: str | None
    feature_code: str | None
    lat: float | None
    lon: float | None
    mentions: int
    n_articles: int
    n_events: int


class PlaceDetail(BaseModel):
    id: int
    name: str
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    feature_class: str | None
    feature_code: str | None
    lat: float | None
    lon: float | None
    names: list[str]
    quotes: list[QuoteRow]
    claims: list[ClaimRow]
    n_claims: int
    articles: list[dict[str, Any]]


PLACE_COLUMNS = (CP.c.id, CP.c.name, CP.c.geonameid, CP.c.country_code, CP.c.admin1,
                 CP.c.feature_class, CP.c.feature_code, CP.c.lat, CP.c.lon)


def shown_places(f: Filters) -> list[sa.ColumnElement[bool]]:
    """Only the place records shown by default (``Place.shown``), unless ``f.include_hidden``."""
    return [] if f.include_hidden else [P.c.shown == sa.true()]


def places(src: Source, f: Filters = Filters(), page: Page = Page(), *, located: bool = False,
           total: bool = True) -> Paged[PlaceRow]:
    """Canonical places, most mentioned first, counted in the articles the filters keep: by
    default only the place records shown by default (a place none of whose records is shown
    is not listed), every record with ``include_hidden``. Without ``total`` the rows are not
    counted (the map needs none): ``total`` is then the page's length."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        conds = article_conditions(conn, f, skip=("place", "event_type"))
        counts = (sa.select(P.c.canonical_id.label("cid"),
                            sa.func.coalesce(sa.func.sum(P.c.n_mentions), 0).label("mentions"),
                            sa.func.count(sa.distinct(P.c.article_id)).label("n_articles"))
                  .join(A, A.c.id == P.c.article_id).where(P.c.canonical_id.is_not(None), *shown_places(f), *conds)
                  .group_by(P.c.canonical_id).subquery())
        n_events = (sa.select(EV.c.canonical_place_id.label("cid"), sa.func.count().label("n"))
                    .join(A, A.c.id == EV.c.article_id)
                    .where(EV.c.canonical_place_id.is_not(None), *conds, *event_conditions(conn, f))
                    .group_by(EV.c.canonical_place_id).subquery())
        stmt = (sa.select(*PLACE_COLUMNS, counts.c.mentions, counts.c.n_articles,
                          sa.func.coalesce(n_events.c.n, 0).label("n_events"))
                .join(counts, counts.c.cid == CP.c.id).outerjoin(n_events, n_events.c.cid == CP.c.id))
        if f.place is not None or f.place_id is not None:
            stmt = stmt.where(CP.c.id.in_(names.place_ids(conn, f.place, f.place_id)))
        if f.name is not None:
            stmt = stmt.where(CP.c.id.in_(names.place_ids(conn, f.name, None)))
        if event_filters_set(f):
            stmt = stmt.where(n_events.c.n > 0)
        if located:
            stmt = stmt.where(CP.c.lat.is_not(None), CP.c.lon.is_not(None))
        rows = conn.execute(stmt.order_by(sa.desc("mentions"), sa.desc("n_articles"), CP.c.name, CP.c.id)
                            .limit(page.limit).offset(page.offset))
        items = [PlaceRow(**r._mapping) for r in rows]
        n = count(conn, stmt) if total else len(items)
    return Paged[PlaceRow](items=items, total=n, limit=page.limit, offset=page.offset)


def place(src: Source, pid: int, f: Filters = Filters(), limit: int = 50) -> PlaceDetail | None:
    """One place with its quotes, claims and articles (each list up to ``limit``); None for a
    place none of whose records is shown by default, unless ``include_hidden`` (its articles:
    those of its shown records, or of all of them with ``include_hidden``). Its events
    are :func:`~newsledger.ledger.queries.events.events` with ``place_id`` (and their counts by
    week, :func:`~newsledger.ledger.queries.timeline.event_counts`): the desk asks for them
    with the map's event filters, which this page does not take."""
    f.check(DETAIL_FILTERS)
    if not names.possible_id(pid):
        return None
    with connect(src) as conn:
        row = conn.execute(sa.select(*PLACE_COLUMNS).where(CP.c.id == pid)).one_or_none()
        if row is None:
            return None
        if not f.include_hidden and conn.execute(
                sa.select(P.c.article_id).where(P.c.canonical_id == pid, *shown_places(f)).limit(1)).first() is None:
            return None
        pf = replace(f, place_id=pid)
        quotes = quote_rows(conn, sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
                            .where(*quote_conditions(conn, pf))
                            .order_by(A.c.published.desc(), Q.c.article_id, Q.c.start).limit(limit))
        cl = claims(conn, pf, Page(limit=limit))
        place_names = sorted({r.name for r in conn.execute(
            sa.select(P.c.name).where(P.c.canonical_id == pid).distinct()) if r.name})
        arts = [dict(r._mapping) for r in conn.execute(
            sa.select(A.c.id, A.c.title, A.c.publisher, A.c.published, P.c.n_mentions)
            .join(P, P.c.article_id == A.c.id)
            .where(P.c.canonical_id == pid, *shown_places(f), *article_conditions(conn, f))
            .order_by(A.c.published.desc(), A.c.id).limit(limit))]
        return PlaceDetail(**row._mapping, names=place_names, quotes=quotes, claims=cl.items, n_claims=cl.total,
                           articles=arts)
