"""People and organisations merged across articles: lists with counts and roles, and one
entity with its names, appearances and quotes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from ..entity_stats import role_order
from . import names
from .experts import counted_quote
from .filters import Filters, Page, Paged, count
from .quotes import QUOTE_COLUMNS, quote_rows, shown_quotes
from .scope import ARTICLE_FILTERS, article_conditions
from .source import Source, connect

A, Q, E, CE, AL, ST = s.articles, s.quotes, s.entities, s.canonical_entities, s.entity_aliases, s.entity_stats

#: ``name`` and ``q`` match the entity's own names; ``person``/``person_id`` do too on a
#: list of people, ``org``/``org_id`` on a list of organisations; every other filter keeps
#: the articles the entity is counted in.
SUPPORTED = (*ARTICLE_FILTERS, "name", "q", "label")
LABELS = ("PERSON", "ORG", "NORP")
#: Most quotes listed on one entity's page.
MAX_ENTITY_QUOTES = 500


class RoleRow(BaseModel):
    role: str | None
    affiliation: str | None
    titles: str | None
    published: str | None
    article_id: str


class EntityRow(BaseModel):
    id: int
    label: str
    name: str
    aliases: list[str]
    n_articles: int  # articles that mention the entity
    mentions: int
    n_quotes: int  # quotes by it, counted as the expert directory counts (experts.counted_quote)
    n_quoted_articles: int  # articles holding one of those quotes: the directory's "articles"
    first_seen: str | None
    last_seen: str | None
    latest_role: str | None
    roles: list[RoleRow]


class Spelling(BaseModel):
    """A name as the articles wrote it, merged into the entity (issue 17: "Zelenskiy" and
    "Zelenskyy" into Volodymyr Zelensky), with the number of articles that wrote it so."""

    name: str
    n_articles: int


class EntityDetail(BaseModel):
    id: int
    name: str
    label: str
    aliases: list[str]  # every name written for it, the canonical name included
    #: the names merged into it other than its own name, most written first: the desk shows
    #: them as "also written"
    spellings: list[Spelling]
    appearances: list[dict[str, Any]]
    quotes: list[Any]


def _labels(f: Filters, labels: tuple[str, ...] | None) -> tuple[str, ...]:
    if f.label is not None:
        label = f.label.strip().upper()
        if labels is not None and label not in labels:
            return ()
        return (label,) if label in LABELS else ()
    return labels or ("PERSON", "ORG")  # groups ("Russian", NORP) only when asked for


def entities(src: Source, f: Filters = Filters(), page: Page = Page(), *,
             labels: tuple[str, ...] | None = None, recount: bool = False) -> Paged[EntityRow]:
    """Canonical people and organisations (``labels``, else ``f.label``, else both), most
    quoted first, with their counts in the articles the filters keep and roles over time.
    With no filter on the articles the counts are those kept at ingest (``entity_stats``);
    ``recount`` aggregates them over the records instead (the same figures, slower)."""
    f.check(SUPPORTED)
    wanted = _labels(f, labels)
    with connect(src) as conn:
        own: list[sa.ColumnElement[bool]] = []
        skip: list[str] = []
        for name in (f.name, f.q):
            if name is not None:
                own.append(CE.c.id.in_(names.entity_ids(conn, name, None, None)))
        if wanted == ("PERSON",) and (f.person is not None or f.person_id is not None):
            own.append(CE.c.id.in_(names.entity_ids(conn, f.person, f.person_id, ("PERSON",))))
            skip.append("person")
        if wanted == ("ORG",) and (f.org is not None or f.org_id is not None):
            own.append(CE.c.id.in_(names.entity_ids(conn, f.org, f.org_id, ("ORG",))))
            skip.append("org")
        conds = article_conditions(conn, f, skip=tuple(skip))
        cols: list[sa.ColumnElement[Any]]
        joined: sa.Join
        if conds or recount:  # the counts in the articles the filters keep: aggregated here
            cols, joined = _aggregated(conds)
        else:  # over every article: the counts kept at ingest (migration 9), one row per entity
            cols = [ST.c.n_articles, ST.c.mentions, ST.c.n_quotes, ST.c.n_quoted_articles, ST.c.first_seen,
                    ST.c.last_seen, ST.c.latest_role]
            joined = CE.join(ST, ST.c.canonical_id == CE.c.id)
        where = [CE.c.label.in_(wanted), *own]
        stmt = sa.select(CE.c.id, CE.c.label, CE.c.name, *cols).select_from(joined).where(*where)
        # the total needs only who is listed: not the quote counts nor the roles
        total = count(conn, sa.select(CE.c.id).select_from(joined).where(*where))
        rows = conn.execute(stmt.order_by(sa.desc("n_quotes"), sa.desc("n_articles"), sa.desc("mentions"),
                                          CE.c.name, CE.c.id).limit(page.limit).offset(page.offset)).all()
        ids = [r.id for r in rows]
        aliases: dict[int, list[str]] = defaultdict(list)
        roles: dict[int, list[RoleRow]] = defaultdict(list)
        if ids:
            for ar in conn.execute(sa.select(AL.c.canonical_id, AL.c.alias).where(AL.c.canonical_id.in_(ids))
                                   .order_by(AL.c.alias)):
                aliases[ar.canonical_id].append(ar.alias)
            for r in conn.execute(sa.select(E.c.canonical_id, E.c.role, E.c.affiliation, E.c.titles,
                                            E.c.article_id, A.c.published)
                                  .join(A, A.c.id == E.c.article_id)
                                  .where(E.c.canonical_id.in_(ids), *conds,
                                         sa.or_(E.c.role.is_not(None), E.c.affiliation.is_not(None),
                                                E.c.titles.is_not(None)))
                                  .order_by(A.c.published, E.c.article_id, E.c.id)):
                roles[r.canonical_id].append(RoleRow(role=r.role, affiliation=r.affiliation, titles=r.titles,
                                                     published=r.published, article_id=r.article_id))
        items = [EntityRow(id=r.id, label=r.label, name=r.name, aliases=aliases.get(r.id, []),
                           n_articles=int(r.n_articles), mentions=int(r.mentions), n_quotes=int(r.n_quotes),
                           n_quoted_articles=int(r.n_quoted_articles),
                           first_seen=r.first_seen, last_seen=r.last_seen, latest_role=r.latest_role,
                           roles=roles.get(r.id, [])) for r in rows]
    return Paged[EntityRow](items=items, total=total, limit=page.limit, offset=page.offset)


def _aggregated(conds: list[sa.ColumnElement[bool]]) -> tuple[list[sa.ColumnElement[Any]], sa.Join]:
    """The list's counts over the articles ``conds`` keep, aggregated over the records (what
    ``entity_stats`` holds for every article), and the join that yields them."""
    agg = (sa.select(E.c.canonical_id.label("cid"),
                     sa.func.count(sa.distinct(E.c.article_id)).label("n_articles"),
                     sa.func.coalesce(sa.func.sum(E.c.n_mentions), 0).label("mentions"),
                     sa.func.min(A.c.published).label("first_seen"),
                     sa.func.max(A.c.published).label("last_seen"))
           .join(A, A.c.id == E.c.article_id).where(E.c.canonical_id.is_not(None), *conds)
           .group_by(E.c.canonical_id).subquery())
    nq = (sa.select(Q.c.canonical_id.label("cid"), sa.func.count().label("n"),
                    sa.func.count(sa.distinct(Q.c.article_id)).label("n_art"))
          .join(A, A.c.id == Q.c.article_id)
          .where(Q.c.canonical_id.is_not(None), *counted_quote(Filters()), *conds)
          .group_by(Q.c.canonical_id).subquery())
    role = (sa.select(E.c.role).join(A, A.c.id == E.c.article_id)
            .where(E.c.canonical_id == CE.c.id, E.c.role.is_not(None))
            .order_by(*role_order()).limit(1).scalar_subquery().label("latest_role"))
    cols: list[sa.ColumnElement[Any]] = [agg.c.n_articles, agg.c.mentions, sa.func.coalesce(nq.c.n, 0).label("n_quotes"),
            sa.func.coalesce(nq.c.n_art, 0).label("n_quoted_articles"), agg.c.first_seen, agg.c.last_seen, role]
    return cols, CE.join(agg, agg.c.cid == CE.c.id).outerjoin(nq, nq.c.cid == CE.c.id)


def entity(src: Source, label: str, cid: int, *, include_hidden: bool = False) -> EntityDetail | None:
    """One canonical person or organisation: names, roles over time, quotes over time (those
    shown by default, unless ``include_hidden``)."""
    if not names.possible_id(cid):
        return None
    with connect(src) as conn:
        row = conn.execute(sa.select(CE.c.id, CE.c.name, CE.c.label)
                           .where(CE.c.id == cid, CE.c.label == label)).one_or_none()
        if row is None:
            return None
        aliases = sorted({r.name for r in conn.execute(
            sa.select(E.c.name).where(E.c.canonical_id == cid).distinct()) if r.name})
        spellings = [Spelling(name=r.name, n_articles=int(r.n))
                     for r in conn.execute(sa.select(E.c.name, sa.func.count(sa.distinct(E.c.article_id)).label("n"))
                                           .where(E.c.canonical_id == cid, E.c.name.is_not(None),
                                                  E.c.name != row.name)
                                           .group_by(E.c.name).order_by(sa.desc("n"), E.c.name))]
        appearances = [dict(r._mapping) for r in conn.execute(
            sa.select(E.c.article_id, E.c.name, E.c.role, E.c.affiliation, E.c.titles, E.c.n_mentions,
                      A.c.published, A.c.publisher, A.c.title)
            .join(A, A.c.id == E.c.article_id).where(E.c.canonical_id == cid)
            .order_by(A.c.published, A.c.id))]
        quotes = quote_rows(conn, sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
                            .where(Q.c.canonical_id == cid, *shown_quotes(Filters(include_hidden=include_hidden)))
                            .order_by(A.c.published, Q.c.article_id, Q.c.start).limit(MAX_ENTITY_QUOTES))
        return EntityDetail(id=row.id, name=row.name, label=row.label, aliases=aliases,
                            spellings=spellings, appearances=appearances, quotes=quotes)
