"""Quotes: who said what, in which role, about which places."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from ..resolve import org_key
from . import names
from .filters import Filters, Page, Paged, contains, count
from .scope import ARTICLE_FILTERS, article_conditions
from .source import Source, connect

A, Q, QP, CP, CE = s.articles, s.quotes, s.quote_places, s.canonical_places, s.canonical_entities

#: ``include_hidden``: also the quotes not shown by default (``Quote.shown`` false: a record
#: confidence below ``QuotesConfig.shown_confidence``, 0.9).
SUPPORTED = (*ARTICLE_FILTERS, "q", "include_hidden")


class QuoteRow(BaseModel):
    article_id: str
    id: str
    kind: str
    text: str
    speaker: str | None
    speaker_text: str | None
    canonical_id: int | None
    named: bool | None
    role: str | None
    affiliation: str | None
    source_type: str | None
    confidence: float | None  # Quote.confidence: how likely the record is right
    shown: bool  # Quote.shown: shown by default
    start: int | None
    end: int | None
    places: list[str]
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None


#: A quote's speaker: the canonical name of the person or organisation it resolved to (as the
#: ledger names it now, after later fuller names and merges), else the speaker as stored.
SPEAKER = sa.func.coalesce(sa.select(CE.c.name).where(CE.c.id == Q.c.canonical_id).scalar_subquery(),
                           Q.c.speaker).label("speaker")
QUOTE_COLUMNS = (Q.c.article_id, Q.c.id, Q.c.kind, Q.c.text, SPEAKER, Q.c.speaker_text,
                 Q.c.canonical_id, Q.c.named, Q.c.role, Q.c.affiliation, Q.c.source_type,
                 Q.c.confidence, Q.c.shown, Q.c.start, Q.c.end, A.c.title, A.c.publisher, A.c.published, A.c.url)


def shown_quotes(f: Filters) -> list[sa.ColumnElement[bool]]:
    """Only the quotes shown by default (``Quote.shown``), unless ``f.include_hidden``."""
    return [] if f.include_hidden else [Q.c.shown == sa.true()]


def quote_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    """``person``: the speaker; ``org``: the organisation speaking or the speaker's
    affiliation; ``place``: named inside the quote; the other filters: the quote's article."""
    on_articles, on_quotes = _conditions(conn, f)
    return on_articles + on_quotes


def _conditions(conn: sa.Connection, f: Filters) -> tuple[list[sa.ColumnElement[bool]], list[sa.ColumnElement[bool]]]:
    """:func:`quote_conditions` in two parts: on the quote's article, and on the quote."""
    on_articles = article_conditions(conn, f, skip=("person", "org", "place"))
    out: list[sa.ColumnElement[bool]] = shown_quotes(f)
    if f.person is not None or f.person_id is not None:
        ids = names.entity_ids(conn, f.person, f.person_id, ("PERSON",))
        cond: sa.ColumnElement[bool] = Q.c.canonical_id.in_(ids)
        if f.person is not None and f.person_id is None:
            loose = names.values_matching(conn, Q.c.speaker, names.text_holds(f.person), Q.c.canonical_id.is_(None))
            if loose:  # (an empty list would only make the database look at every unresolved quote)
                cond = sa.or_(cond, sa.and_(Q.c.canonical_id.is_(None), Q.c.speaker.in_(loose)))
        out.append(cond)
    if f.org is not None or f.org_id is not None:
        ids = names.entity_ids(conn, f.org, f.org_id, ("ORG",))
        keys = names.aliases(conn, ids)
        affs = names.values_matching(conn, Q.c.affiliation, lambda v: org_key(v) in keys) if keys else []
        out.append(sa.or_(Q.c.canonical_id.in_(ids), Q.c.affiliation.in_(affs)))
    if f.place is not None or f.place_id is not None:
        pids = names.place_ids(conn, f.place, f.place_id)
        about = sa.select(QP.c.article_id, QP.c.quote_id).where(QP.c.canonical_place_id.in_(pids))
        out.append(sa.tuple_(Q.c.article_id, Q.c.id).in_(about))
    if f.q is not None:
        out.append(contains(Q.c.text, f.q))
    return on_articles, out


def quote_rows(conn: sa.Connection, stmt: sa.Select[tuple[object, ...]]) -> list[QuoteRow]:
    """Rows of a select of :data:`QUOTE_COLUMNS`, with the places each quote names."""
    rows = conn.execute(stmt).all()
    places: dict[tuple[str, str], list[str]] = defaultdict(list)
    keys = {(r.article_id, r.id) for r in rows}
    if keys:
        for pr in conn.execute(sa.select(QP.c.article_id, QP.c.quote_id, CP.c.name)
                               .join(CP, CP.c.id == QP.c.canonical_place_id)
                               .where(QP.c.article_id.in_({k[0] for k in keys}))
                               .order_by(QP.c.article_id, QP.c.quote_id, CP.c.name)):
            if (pr.article_id, pr.quote_id) in keys:
                places[(pr.article_id, pr.quote_id)].append(pr.name)
    return [QuoteRow(**{**r._mapping, "text": r.text or "", "shown": r.shown is not False and r.shown != 0,
                        "places": places.get((r.article_id, r.id), [])})
            for r in rows]


def quotes(src: Source, f: Filters = Filters(), page: Page = Page()) -> Paged[QuoteRow]:
    """Quotes, newest first."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        on_articles, on_quotes = _conditions(conn, f)
        join_on = A.c.id == Q.c.article_id
        if len(on_quotes) == len(shown_quotes(f)) and conn.dialect.name == "sqlite":
            # Nothing narrows the quotes themselves (most are shown by default): walk the articles newest first
            # (ix_articles_newest, migration 9) and stop at the page, rather than join and sort
            # every quote. SQLite's planner, without statistics, scans all the quotes instead;
            # the unary + keeps it from looking articles up by id, so it takes this order.
            join_on = sa.literal_column("+articles.id") == Q.c.article_id
        stmt = sa.select(*QUOTE_COLUMNS).select_from(Q.join(A, join_on)).where(*on_articles, *on_quotes)
        # every quote has its one article: without a condition on the articles the quotes
        # alone are counted (a covering index), not their join
        total = count(conn, stmt if on_articles else sa.select(Q.c.article_id).where(*on_quotes))
        newest = A.c.published.desc()  # undated articles last: SQLite's order, asked of PostgreSQL
        if conn.dialect.name != "sqlite":
            newest = newest.nulls_last()
        items = quote_rows(conn, stmt.order_by(newest, Q.c.article_id, Q.c.start, Q.c.id)
                           .limit(page.limit).offset(page.offset))
    return Paged[QuoteRow](items=items, total=total, limit=page.limit, offset=page.offset)
