"""Read queries for places, events, claims and the GeoJSON layer of the map.

SQLAlchemy Core against :mod:`newsledger.ledger.schema`; every value is a bound parameter.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..ledger import schema as s
from .filters import Filters, Page, like_pattern
from .queries_extra import _count, article_conditions, date_conditions, quote_conditions, row_dict

A, P, CP, EV, C = s.articles, s.places, s.canonical_places, s.events, s.claims

PLACE_COLUMNS = (CP.c.id, CP.c.name, CP.c.geonameid, CP.c.country_code, CP.c.admin1,
                 CP.c.feature_class, CP.c.feature_code, CP.c.lat, CP.c.lon)


def _event_date() -> sa.ColumnElement[Any]:
    return sa.func.coalesce(EV.c.date, A.c.published)


def _claim_date() -> sa.ColumnElement[Any]:
    return sa.func.coalesce(C.c.date, C.c.published)


def list_places(conn: sa.Connection, f: Filters, page: Page, *, located: bool = False
                ) -> tuple[list[dict[str, Any]], int]:
    """Canonical places with their mentions, articles and events in the filtered articles."""
    conds = article_conditions(f)
    # Aggregate the per-article rows by canonical id first (the articles table is joined only
    # when a filter needs it), then attach the canonical place's columns.
    counts = sa.select(P.c.canonical_id.label("cid"),
                       sa.func.coalesce(sa.func.sum(P.c.n_mentions), 0).label("mentions"),
                       sa.func.count(sa.distinct(P.c.article_id)).label("n_articles"))
    if conds:
        counts = counts.join(A, A.c.id == P.c.article_id).where(*conds)
    agg = counts.where(P.c.canonical_id.is_not(None)).group_by(P.c.canonical_id).subquery()
    stmt = sa.select(*PLACE_COLUMNS, agg.c.mentions, agg.c.n_articles).join(agg, agg.c.cid == CP.c.id)
    if f.place:
        stmt = stmt.where(CP.c.name.ilike(like_pattern(f.place), escape="\\"))
    if f.place_id is not None:
        stmt = stmt.where(CP.c.id == f.place_id)
    if located:
        stmt = stmt.where(CP.c.lat.is_not(None), CP.c.lon.is_not(None))
    total = _count(conn, stmt)
    rows = [row_dict(r) for r in conn.execute(
        stmt.order_by(sa.desc("mentions"), CP.c.name).limit(page.limit).offset(page.offset))]
    ids = [r["id"] for r in rows]
    if ids:
        n_events = sa.select(EV.c.canonical_place_id, sa.func.count()).where(EV.c.canonical_place_id.in_(ids))
        if f.since or f.until or f.source:  # the articles table only when a filter needs it
            n_events = n_events.join(A, A.c.id == EV.c.article_id).where(
                *date_conditions(_event_date(), f),
                *([A.c.publisher.ilike(like_pattern(f.source), escape="\\")] if f.source else []))
        ev: dict[int, int] = dict(conn.execute(n_events.group_by(EV.c.canonical_place_id)).tuples().all())
        for r in rows:
            r["n_events"] = int(ev.get(r["id"], 0))
    return rows, total


EVENT_COLUMNS = (EV.c.article_id, EV.c.id, EV.c.plover_type, EV.c.acled_event_type, EV.c.date,
                 EV.c.modality, EV.c.confidence, EV.c.start, EV.c.end, EV.c.canonical_place_id,
                 EV.c.data, A.c.title, A.c.publisher, A.c.published)


def _event_item(row: Any) -> dict[str, Any]:
    d = row_dict(row)
    data = d.pop("data") or {}
    d["trigger"] = (data.get("trigger") or {}).get("text")
    d["sentence"] = (data.get("sentence") or {}).get("text")
    d["sentence_start"] = (data.get("sentence") or {}).get("start")
    d["sentence_end"] = (data.get("sentence") or {}).get("end")
    for side in ("source_actor", "target_actor"):
        actor = data.get(side) or {}
        d[side] = actor.get("name")
    d["place_name"] = d.pop("cp_name", None)
    d["lat"], d["lon"] = d.pop("cp_lat", None), d.pop("cp_lon", None)
    return d


def list_events(conn: sa.Connection, f: Filters, page: Page) -> tuple[list[dict[str, Any]], int]:
    stmt = (sa.select(*EVENT_COLUMNS, CP.c.name.label("cp_name"), CP.c.lat.label("cp_lat"),
                      CP.c.lon.label("cp_lon"))
            .join(A, A.c.id == EV.c.article_id)
            .outerjoin(CP, CP.c.id == EV.c.canonical_place_id)
            .where(*date_conditions(_event_date(), f)))
    if f.source:
        stmt = stmt.where(A.c.publisher.ilike(like_pattern(f.source), escape="\\"))
    if f.event_type:
        stmt = stmt.where(sa.or_(EV.c.plover_type == f.event_type, EV.c.acled_event_type == f.event_type))
    if f.place_id is not None:
        stmt = stmt.where(EV.c.canonical_place_id == f.place_id)
    if f.place:
        stmt = stmt.where(CP.c.name.ilike(like_pattern(f.place), escape="\\"))
    if f.person_id is not None or f.person:
        from .queries_extra import _entity_article_ids

        stmt = stmt.where(EV.c.article_id.in_(_entity_article_ids("PERSON", f.person, f.person_id)))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(_event_date(), EV.c.article_id, EV.c.start)
                        .limit(page.limit).offset(page.offset))
    return [_event_item(r) for r in rows], total


def event_types(conn: sa.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(EV.c.plover_type, sa.func.count().label("n"))
                        .group_by(EV.c.plover_type).order_by(sa.desc("n")))
    return [{"type": r.plover_type, "n": int(r.n)} for r in rows if r.plover_type]


CLAIM_COLUMNS = (C.c.article_id, C.c.id, C.c.key, C.c.subject, C.c.relation, C.c.object, C.c.value,
                 C.c.low, C.c.high, C.c.unit, C.c.value_text, C.c.qualifier, C.c.bound, C.c.date,
                 C.c.published, C.c.source, C.c.cited, C.c.cited_type, C.c.quantity_id, C.c.quote_id,
                 C.c.canonical_place_id, C.c.cluster_id, C.c.start, C.c.end, A.c.title)


def claim_conditions(f: Filters, key: str | None) -> list[sa.ColumnElement[bool]]:
    out = date_conditions(_claim_date(), f)
    if key:
        out.append(C.c.key == key)
    if f.place_id is not None:
        out.append(C.c.canonical_place_id == f.place_id)
    if f.place:
        pat = like_pattern(f.place)
        out.append(sa.or_(C.c.object.ilike(pat, escape="\\"), C.c.subject.ilike(pat, escape="\\"),
                          C.c.canonical_place_id.in_(sa.select(CP.c.id).where(
                              CP.c.name.ilike(pat, escape="\\")))))
    if f.source:
        out.append(C.c.source.ilike(like_pattern(f.source), escape="\\"))
    if f.q:
        out.append(C.c.key.ilike(like_pattern(f.q), escape="\\"))
    return out


def list_claims(conn: sa.Connection, f: Filters, page: Page, key: str | None = None
                ) -> tuple[list[dict[str, Any]], int]:
    stmt = (sa.select(*CLAIM_COLUMNS).join(A, A.c.id == C.c.article_id)
            .where(*claim_conditions(f, key)))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(_claim_date(), C.c.key, C.c.article_id, C.c.start)
                        .limit(page.limit).offset(page.offset))
    return [row_dict(r) for r in rows], total


def claim_series(conn: sa.Connection, f: Filters, page: Page) -> tuple[list[dict[str, Any]], int]:
    """Claim keys with how many reports and independent sources (clusters) give them."""
    stmt = (sa.select(C.c.key, sa.func.min(C.c.subject).label("subject"),
                      sa.func.min(C.c.relation).label("relation"), sa.func.min(C.c.object).label("object"),
                      sa.func.min(C.c.unit).label("unit"), sa.func.count().label("n"),
                      sa.func.count(sa.distinct(C.c.cluster_id)).label("n_sources"),
                      sa.func.count(C.c.value).label("n_values"),
                      sa.func.min(_claim_date()).label("first"), sa.func.max(_claim_date()).label("last"))
            .where(*claim_conditions(f, None)).group_by(C.c.key))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(sa.desc("n_sources"), sa.desc("n_values"), sa.desc("n"), C.c.key)
                        .limit(page.limit).offset(page.offset))
    return [row_dict(r) for r in rows], total


def get_place(conn: sa.Connection, pid: int, f: Filters, limit: int) -> dict[str, Any] | None:
    """One place with its quotes, events and claims (each list up to ``limit``)."""
    from dataclasses import replace

    from .queries_extra import QUOTE_COLUMNS, Q

    row = conn.execute(sa.select(*PLACE_COLUMNS).where(CP.c.id == pid)).one_or_none()
    if row is None:
        return None
    place = row_dict(row)
    pf = replace(f, place_id=pid, place=None)
    quotes = [row_dict(r) for r in conn.execute(
        sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id).where(*quote_conditions(conn, pf))
        .order_by(A.c.published.desc(), Q.c.start).limit(limit))]
    events, n_events = list_events(conn, pf, Page(limit=limit))
    claims, n_claims = list_claims(conn, pf, Page(limit=limit))
    names = sorted({r.name for r in conn.execute(
        sa.select(P.c.name).where(P.c.canonical_id == pid).distinct()) if r.name})
    articles = [row_dict(r) for r in conn.execute(
        sa.select(A.c.id, A.c.title, A.c.publisher, A.c.published, P.c.n_mentions)
        .join(P, P.c.article_id == A.c.id).where(P.c.canonical_id == pid, *article_conditions(f))
        .order_by(A.c.published.desc()).limit(limit))]
    return {**place, "names": names, "quotes": quotes, "events": events, "n_events": n_events,
            "claims": claims, "n_claims": n_claims, "articles": articles}


def geojson(conn: sa.Connection, f: Filters, limit: int) -> dict[str, Any]:
    """Located places (with mentions) and events as one GeoJSON FeatureCollection."""
    from .filters import MAX_PAGE_SIZE

    features: list[dict[str, Any]] = []
    places, _ = list_places(conn, f, Page(limit=min(limit, MAX_PAGE_SIZE * 10)), located=True)
    for p in places:
        props = {k: v for k, v in p.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": f"place-{p['id']}",
                         "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                         "properties": {"kind": "place", **props}})
    events, _ = list_events(conn, f, Page(limit=min(limit, MAX_PAGE_SIZE * 10)))
    for e in events:
        if e.get("lat") is None or e.get("lon") is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": f"event-{e['article_id']}-{e['id']}",
                         "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                         "properties": {"kind": "event", **props}})
    return {"type": "FeatureCollection", "features": features}
