"""Read queries the API needs over the ledger's tables: articles, quotes, people and orgs.

SQLAlchemy Core against :mod:`newsledger.ledger.schema`; every value is a bound parameter.
Places, events, claims and GeoJSON are in :mod:`newsledger.server.queries_geo`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from ..ledger import schema as s
from .filters import Filters, Page, like_pattern

A, Q, E, CE = s.articles, s.quotes, s.entities, s.canonical_entities

#: Near-duplicates listed with an article; a wire story can have hundreds of copies.
MAX_COPIES = 20

ARTICLE_COLUMNS = (A.c.id, A.c.title, A.c.publisher, A.c.byline, A.c.url, A.c.published,
                   A.c.cluster_id)


def until_exclusive(until: str) -> str:
    """The first date after an inclusive ISO date, month or year (for ``published < x``)."""
    parts = [int(p) for p in until.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}"
    if len(parts) == 2:
        y, m = parts
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    d = date(*parts)
    return date.fromordinal(d.toordinal() + 1).isoformat()


def date_conditions(col: sa.ColumnElement[Any], f: Filters) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if f.since:
        out.append(col >= f.since)
    if f.until:
        out.append(col < until_exclusive(f.until))
    return out


def article_conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on the ``articles`` table: date range and publisher."""
    out = date_conditions(A.c.published, f)
    if f.source:
        out.append(A.c.publisher.ilike(like_pattern(f.source), escape="\\"))
    return out


def _count(conn: sa.Connection, stmt: sa.Select[Any]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one())


def row_dict(row: Any) -> dict[str, Any]:
    return dict(row._mapping)


# --------------------------------------------------------------------------- overview


def stats(conn: sa.Connection) -> dict[str, Any]:
    def n(table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one())

    first, last = conn.execute(sa.select(sa.func.min(A.c.published), sa.func.max(A.c.published))).one()
    return {
        "articles": n(A),
        "quotes": n(Q),
        "people": n(CE, CE.c.label == "PERSON"),
        "organisations": n(CE, CE.c.label == "ORG"),
        "places": n(s.canonical_places),
        "events": n(s.events),
        "claims": n(s.claims),
        "first_published": first,
        "last_published": last,
    }


# --------------------------------------------------------------------------- articles


def _entity_article_ids(label: str, name: str | None, cid: int | None) -> sa.Select[Any]:
    stmt = sa.select(E.c.article_id).join(CE, CE.c.id == E.c.canonical_id).where(CE.c.label == label)
    if cid is not None:
        stmt = stmt.where(CE.c.id == cid)
    if name:
        stmt = stmt.where(CE.c.name.ilike(like_pattern(name), escape="\\"))
    return stmt


def _place_article_ids(name: str | None, pid: int | None) -> sa.Select[Any]:
    P, CP = s.places, s.canonical_places
    stmt = sa.select(P.c.article_id).join(CP, CP.c.id == P.c.canonical_id)
    if pid is not None:
        stmt = stmt.where(CP.c.id == pid)
    if name:
        stmt = stmt.where(CP.c.name.ilike(like_pattern(name), escape="\\"))
    return stmt


def list_articles(conn: sa.Connection, f: Filters, page: Page) -> tuple[list[dict[str, Any]], int]:
    n_quotes = (sa.select(sa.func.count()).select_from(Q).where(Q.c.article_id == A.c.id)
                .scalar_subquery().label("n_quotes"))
    stmt = sa.select(*ARTICLE_COLUMNS, n_quotes).where(*article_conditions(f))
    if f.person or f.person_id:
        stmt = stmt.where(A.c.id.in_(_entity_article_ids("PERSON", f.person, f.person_id)))
    if f.org or f.org_id:
        stmt = stmt.where(A.c.id.in_(_entity_article_ids("ORG", f.org, f.org_id)))
    if f.place or f.place_id:
        stmt = stmt.where(A.c.id.in_(_place_article_ids(f.place, f.place_id)))
    if f.q:
        stmt = stmt.where(A.c.text.ilike(like_pattern(f.q), escape="\\"))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(A.c.published.desc(), A.c.id).limit(page.limit).offset(page.offset))
    return [row_dict(r) for r in rows], total


def _records(conn: sa.Connection, table: sa.Table, article_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(table.c.data).where(table.c.article_id == article_id))
    return [r.data for r in rows]


def get_article(conn: sa.Connection, article_id: str) -> dict[str, Any] | None:
    """The article, its text and every layer's records, with canonical ids attached."""
    row = conn.execute(sa.select(*ARTICLE_COLUMNS, A.c.text, A.c.warnings)
                       .where(A.c.id == article_id)).one_or_none()
    if row is None:
        return None
    article = row_dict(row)
    ent_ids = {r.id: r.canonical_id for r in conn.execute(
        sa.select(E.c.id, E.c.canonical_id).where(E.c.article_id == article_id))}
    place_ids = {r.id: r.canonical_id for r in conn.execute(
        sa.select(s.places.c.id, s.places.c.canonical_id).where(s.places.c.article_id == article_id))}
    entities = [{**d, "canonical_id": ent_ids.get(d.get("id"))} for d in _records(conn, E, article_id)]
    places = [{**d, "canonical_id": place_ids.get(d.get("id"))} for d in _records(conn, s.places, article_id)]
    claims = [row_dict(r) for r in conn.execute(
        sa.select(s.claims).where(s.claims.c.article_id == article_id).order_by(s.claims.c.start))]
    same_story = sa.and_(A.c.cluster_id == article["cluster_id"], A.c.id != article_id)
    copies = [row_dict(r) for r in conn.execute(
        sa.select(A.c.id, A.c.title, A.c.publisher, A.c.published).where(same_story)
        .order_by(A.c.published, A.c.id).limit(MAX_COPIES))]
    n_copies = int(conn.execute(sa.select(sa.func.count()).where(same_story)).scalar_one())
    return {
        "article": article,
        "entities": entities,
        "quotes": _records(conn, Q, article_id),
        "quantities": _records(conn, s.quantities, article_id),
        "times": _records(conn, s.times, article_id),
        "places": places,
        "events": _records(conn, s.events, article_id),
        "claims": claims,
        "copies": copies,
        "n_copies": n_copies,
    }


# --------------------------------------------------------------------------- quotes

QUOTE_COLUMNS = (Q.c.article_id, Q.c.id, Q.c.kind, Q.c.text, Q.c.speaker, Q.c.speaker_text,
                 Q.c.canonical_id, Q.c.named, Q.c.role, Q.c.affiliation, Q.c.source_type,
                 Q.c.start, Q.c.end, A.c.title, A.c.publisher, A.c.published, A.c.url)


def quote_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    out = article_conditions(f)
    if f.person_id is not None:
        out.append(Q.c.canonical_id == f.person_id)
    if f.person:
        pat = like_pattern(f.person)
        named = sa.select(CE.c.id).where(CE.c.label == "PERSON", CE.c.name.ilike(pat, escape="\\"))
        out.append(sa.or_(Q.c.canonical_id.in_(named), Q.c.speaker.ilike(pat, escape="\\")))
    if f.org_id is not None:
        name = conn.execute(sa.select(CE.c.name).where(CE.c.id == f.org_id)).scalar_one_or_none()
        out.append(sa.or_(Q.c.canonical_id == f.org_id, Q.c.affiliation == (name or "")))
    if f.org:
        pat = like_pattern(f.org)
        out.append(sa.or_(Q.c.affiliation.ilike(pat, escape="\\"),
                          sa.and_(Q.c.named.is_(False), Q.c.speaker.ilike(pat, escape="\\")),
                          Q.c.canonical_id.in_(sa.select(CE.c.id).where(
                              CE.c.label == "ORG", CE.c.name.ilike(pat, escape="\\")))))
    if f.place_id is not None or f.place:
        QP, CP = s.quote_places, s.canonical_places
        about = sa.select(QP.c.article_id, QP.c.quote_id).join(CP, CP.c.id == QP.c.canonical_place_id)
        if f.place_id is not None:
            about = about.where(CP.c.id == f.place_id)
        if f.place:
            about = about.where(CP.c.name.ilike(like_pattern(f.place), escape="\\"))
        out.append(sa.tuple_(Q.c.article_id, Q.c.id).in_(about))
    if f.q:
        out.append(Q.c.text.ilike(like_pattern(f.q), escape="\\"))
    return out


def list_quotes(conn: sa.Connection, f: Filters, page: Page) -> tuple[list[dict[str, Any]], int]:
    stmt = sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id).where(*quote_conditions(conn, f))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(A.c.published.desc(), Q.c.article_id, Q.c.start)
                        .limit(page.limit).offset(page.offset))
    return [row_dict(r) for r in rows], total


# --------------------------------------------------------------------------- people and organisations


def list_entities(conn: sa.Connection, label: str, f: Filters, page: Page) -> tuple[list[dict[str, Any]], int]:
    """Canonical people (``PERSON``) or organisations (``ORG``), most quoted first."""
    n_quotes = (sa.select(sa.func.count()).select_from(Q).where(Q.c.canonical_id == CE.c.id)
                .scalar_subquery().label("n_quotes"))
    n_articles = (sa.select(sa.func.count(sa.distinct(E.c.article_id))).where(E.c.canonical_id == CE.c.id)
                  .scalar_subquery().label("n_articles"))
    role = (sa.select(E.c.role).join(A, A.c.id == E.c.article_id)
            .where(E.c.canonical_id == CE.c.id, E.c.role.is_not(None))
            .order_by(A.c.published.desc()).limit(1).scalar_subquery().label("latest_role"))
    stmt = sa.select(CE.c.id, CE.c.name, CE.c.label, n_quotes, n_articles, role).where(CE.c.label == label)
    name_filter = f.person if label == "PERSON" else f.org
    if name_filter or f.q:
        stmt = stmt.where(CE.c.name.ilike(like_pattern(name_filter or f.q or ""), escape="\\"))
    if f.since or f.until or f.source:
        in_range = sa.select(E.c.canonical_id).join(A, A.c.id == E.c.article_id).where(*article_conditions(f))
        stmt = stmt.where(CE.c.id.in_(in_range))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(sa.desc("n_quotes"), sa.desc("n_articles"), CE.c.name)
                        .limit(page.limit).offset(page.offset))
    return [row_dict(r) for r in rows], total


def get_entity(conn: sa.Connection, label: str, cid: int) -> dict[str, Any] | None:
    """One canonical person or organisation: names, roles over time, quotes over time."""
    row = conn.execute(sa.select(CE.c.id, CE.c.name, CE.c.label)
                       .where(CE.c.id == cid, CE.c.label == label)).one_or_none()
    if row is None:
        return None
    aliases = sorted({r.name for r in conn.execute(
        sa.select(E.c.name).where(E.c.canonical_id == cid).distinct()) if r.name})
    roles = [row_dict(r) for r in conn.execute(
        sa.select(E.c.article_id, E.c.name, E.c.role, E.c.affiliation, E.c.titles, E.c.n_mentions,
                  A.c.published, A.c.publisher, A.c.title)
        .join(A, A.c.id == E.c.article_id).where(E.c.canonical_id == cid)
        .order_by(A.c.published, A.c.id))]
    quotes = [row_dict(r) for r in conn.execute(
        sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
        .where(Q.c.canonical_id == cid).order_by(A.c.published, Q.c.article_id, Q.c.start)
        .limit(500))]
    return {**row_dict(row), "aliases": aliases, "appearances": roles, "quotes": quotes}


def entity_labels(conn: sa.Connection, ids: list[int]) -> dict[int, str]:
    """The label (PERSON, ORG, ...) of each canonical entity id."""
    if not ids:
        return {}
    return {int(r.id): r.label for r in conn.execute(sa.select(CE.c.id, CE.c.label).where(CE.c.id.in_(ids)))}
