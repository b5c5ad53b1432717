"""Articles: the paged list, one article with every layer's records, and the desk's counts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from .filters import Filters, Page, Paged, contains, count
from .scope import ARTICLE_FILTERS, article_conditions
from .source import Source, connect

A, Q, E = s.articles, s.quotes, s.entities

#: Near-duplicates listed with an article; a wire story can have hundreds of copies.
MAX_COPIES = 20

SUPPORTED = (*ARTICLE_FILTERS, "q")


class ArticleRow(BaseModel):
    id: str
    title: str | None
    publisher: str | None
    byline: str | None
    url: str | None
    published: str | None
    language: str | None
    outlet_country: str | None
    cluster_id: str | None
    #: the article's quotes shown by default (``Quote.shown``), as its page lists them
    n_quotes: int


class ArticleDetail(BaseModel):
    """An article, its text and every layer's records (JSON as stored), with canonical ids."""

    article: dict[str, Any]
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    times: list[dict[str, Any]]
    places: list[dict[str, Any]]
    events: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    copies: list[dict[str, Any]]
    n_copies: int
    #: quotes of the article not in ``quotes`` (not shown by default: a record confidence below
    #: 0.9); 0 with ``include_hidden``
    n_hidden_quotes: int = 0


class DeskStats(BaseModel):
    articles: int
    quotes: int
    people: int
    organisations: int
    places: int
    #: the canonical places with a record shown by default (``Place.shown``), what the places
    #: list and the map count
    places_shown: int
    events: int
    #: the events shown by default (``Event.shown``), what the map, lists and timeline count
    events_shown: int
    claims: int
    first_published: str | None
    last_published: str | None


ARTICLE_COLUMNS = (A.c.id, A.c.title, A.c.publisher, A.c.byline, A.c.url, A.c.published, A.c.language,
                   A.c.outlet_country, A.c.cluster_id)


def articles(src: Source, f: Filters = Filters(), page: Page = Page()) -> Paged[ArticleRow]:
    """Articles, newest first: by date range, publisher, language, the people, organisations
    and places they mention, the event types they report, or words in the text."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        return article_page(conn, article_list_conditions(conn, f), page)


def article_list_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    """The conditions of :func:`articles`: the article filters, and ``q`` as written."""
    conds = article_conditions(conn, f)
    if f.q is not None:
        conds.append(sa.or_(contains(A.c.text, f.q), contains(A.c.title, f.q)))
    return conds


def article_page(conn: sa.Connection, conds: list[sa.ColumnElement[bool]], page: Page) -> Paged[ArticleRow]:
    """A page of the articles meeting ``conds``, newest first, with how many there are. The
    quotes are counted for the page's articles only, in one grouped query: a count per row
    in the select would be worked out for every matching article before the sort (the
    shown flag is not in the primary key's index, so each count reads the quote rows)."""
    stmt = sa.select(*ARTICLE_COLUMNS).where(*conds)
    total = count(conn, stmt)
    rows = conn.execute(stmt.order_by(A.c.published.desc(), A.c.id).limit(page.limit).offset(page.offset)).all()
    ids = [r.id for r in rows]
    n_quotes: dict[str, int] = {}
    if ids:
        n_quotes = {aid: int(n) for aid, n in conn.execute(
            sa.select(Q.c.article_id, sa.func.count()).where(Q.c.article_id.in_(ids), Q.c.shown == sa.true())
            .group_by(Q.c.article_id))}
    items = [ArticleRow(**r._mapping, n_quotes=n_quotes.get(r.id, 0)) for r in rows]
    return Paged[ArticleRow](items=items, total=total, limit=page.limit, offset=page.offset)


def _records(conn: sa.Connection, table: sa.Table, article_id: str) -> list[dict[str, Any]]:
    return [r.data for r in conn.execute(sa.select(table.c.data).where(table.c.article_id == article_id))]


def article(src: Source, article_id: str, *, include_hidden: bool = False) -> ArticleDetail | None:
    """The article, its text and every layer's records, with canonical ids attached; its quotes
    are those shown by default (``Quote.shown``), unless ``include_hidden`` (events carry their
    own ``shown`` flag and are all listed)."""
    with connect(src) as conn:
        row = conn.execute(sa.select(*ARTICLE_COLUMNS, A.c.text, A.c.warnings)
                           .where(A.c.id == article_id)).one_or_none()
        if row is None:
            return None
        art = dict(row._mapping)
        ent_ids = {r.id: r.canonical_id for r in conn.execute(
            sa.select(E.c.id, E.c.canonical_id).where(E.c.article_id == article_id))}
        place_ids = {r.id: (r.canonical_id, r.shown is True or r.shown == 1) for r in conn.execute(
            sa.select(s.places.c.id, s.places.c.canonical_id, s.places.c.shown)
            .where(s.places.c.article_id == article_id))}
        entities = [{**d, "canonical_id": ent_ids.get(d.get("id"))} for d in _records(conn, E, article_id)]
        # every place of the article, each with its canonical place and its shown flag (the
        # column: migration 14 set it for records stored before the flag)
        places = [{**d, "canonical_id": place_ids.get(d.get("id"), (None, False))[0],
                   "shown": place_ids.get(d.get("id"), (None, False))[1]} for d in _records(conn, s.places, article_id)]
        claims = [dict(r._mapping) for r in conn.execute(
            sa.select(s.claims).where(s.claims.c.article_id == article_id).order_by(s.claims.c.start))]
        same_story = sa.and_(A.c.cluster_id == art["cluster_id"], A.c.id != article_id)
        copies = [dict(r._mapping) for r in conn.execute(
            sa.select(A.c.id, A.c.title, A.c.publisher, A.c.published).where(same_story)
            .order_by(A.c.published, A.c.id).limit(MAX_COPIES))]
        n_copies = int(conn.execute(sa.select(sa.func.count()).where(same_story)).scalar_one())
        # the article's quotes with their flag, read once: the shown ones listed, the hidden counted
        flagged = conn.execute(sa.select(Q.c.data, Q.c.shown).where(Q.c.article_id == article_id)).all()
        quotes = [r.data for r in flagged if include_hidden or r.shown is True]
        n_hidden = 0 if include_hidden else sum(1 for r in flagged if r.shown is False)
        return ArticleDetail(article=art, entities=entities, quotes=quotes, n_hidden_quotes=n_hidden,
                             quantities=_records(conn, s.quantities, article_id),
                             times=_records(conn, s.times, article_id), places=places,
                             events=_records(conn, s.events, article_id), claims=claims, copies=copies,
                             n_copies=n_copies)


def desk_stats(src: Source) -> DeskStats:
    """Counts of everything in the ledger and its date range."""
    CE = s.canonical_entities
    with connect(src) as conn:
        def n(table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one())

        first, last = conn.execute(sa.select(sa.func.min(A.c.published), sa.func.max(A.c.published))).one()
        return DeskStats(articles=n(A), quotes=n(Q), people=n(CE, CE.c.label == "PERSON"),
                         organisations=n(CE, CE.c.label == "ORG"), places=n(s.canonical_places),
                         places_shown=int(conn.execute(sa.select(sa.func.count(sa.distinct(s.places.c.canonical_id)))
                                                       .where(s.places.c.shown == sa.true())).scalar_one()),
                         events=n(s.events), events_shown=n(s.events, s.events.c.shown == sa.true()), claims=n(s.claims), first_published=first, last_published=last)
