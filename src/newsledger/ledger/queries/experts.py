"""The expert directory: who is quoted, under which affiliations and roles, how often, about
which places."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from ..resolve import fold
from . import names
from .filters import Filters, Page, Paged, contains
from .quotes import SUPPORTED as QUOTE_FILTERS
from .quotes import quote_conditions, shown_quotes
from .source import Source, connect

A, Q, QP, CP, CE, ST = s.articles, s.quotes, s.quote_places, s.canonical_places, s.canonical_entities, s.speaker_stats

#: Source types only a person can be. An organisation or a publication the quotes layer
#: labels an expert source ("the Institute for the Study of War said", "the Economist
#: reported") is a source, not an expert: with ``source_type`` one of these, the directory
#: keeps the speakers resolved to a PERSON entity (on the 216-article war ledger this left out
#: the Institute for the Study of War, "Economist", "EXPERTS" and two institutes, and no person).
PERSON_SOURCE_TYPES = ("expert",)

#: ``name``: the speaker (any canonical entity, or the speaker as written); ``source_type``,
#: ``role``, ``affiliation``: what the quote's article says of the speaker; the quote filters
#: keep the quotes counted.
SUPPORTED = (*QUOTE_FILTERS, "name", "source_type", "role", "affiliation")


def counted_quote(f: Filters) -> list[sa.ColumnElement[bool]]:
    """The quotes a speaker is counted by: named speakers only, in quotes shown by default
    (unless ``include_hidden``), and the speaker filters.

    ``quotes`` is how many such quotes; ``articles`` is how many articles hold at least one of
    them ("articles quoted in"). The people list counts the same (``EntityRow.n_quotes`` and
    ``n_quoted_articles``), so a person has one number per page; its ``n_articles`` is another
    count, the articles that mention the person, and is labelled so.
    """
    out: list[sa.ColumnElement[bool]] = [Q.c.named.is_(True), Q.c.speaker.is_not(None), *shown_quotes(f)]
    if f.source_type is not None:
        out.append(sa.func.lower(Q.c.source_type) == f.source_type.strip().lower())
    if f.role is not None:
        out.append(contains(Q.c.role, f.role.strip()))
    if f.affiliation is not None:
        out.append(contains(Q.c.affiliation, f.affiliation.strip()))
    return out


class ExpertRow(BaseModel):
    id: int | None
    label: str | None  # PERSON or ORG: which page the name links to
    name: str
    affiliations: list[str]
    roles: list[str]
    source_types: list[str]
    quotes: int
    articles: int
    topics: list[str]  # places their quotes are about, most frequent first
    first_quoted: str | None
    last_quoted: str | None


def experts(src: Source, f: Filters = Filters(), page: Page = Page(limit=100), *,
            recount: bool = False) -> Paged[ExpertRow]:
    """Named speakers, most quoted first. With no filter set the rows are those kept at
    ingest (``speaker_stats``, migration 12), one per speaker on the page; ``recount`` (or any
    filter) groups the counted quotes instead (the same answer, slower)."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        if f == Filters() and not recount:
            return _kept(conn, page)
        return _grouped(conn, f, page)


def _ranked(conn: sa.Connection) -> list[sa.ColumnElement[Any]]:
    """The directory's order over ``speaker_stats``: most quotes first, then the name as
    Python compares strings (by code point: SQLite's binary collation, PostgreSQL's "C"), then
    the canonical id (unresolved speakers first)."""
    name: sa.ColumnElement[Any] = ST.c.name.collate("C") if conn.dialect.name == "postgresql" else ST.c.name
    return [ST.c.n_quotes.desc(), name, sa.func.coalesce(ST.c.canonical_id, 0)]


def _kept(conn: sa.Connection, page: Page) -> Paged[ExpertRow]:
    total = conn.execute(sa.select(sa.func.count()).select_from(ST)).scalar_one()
    rows = conn.execute(sa.select(ST, CE.c.label, CE.c.name.label("canonical_name"))
                        .select_from(ST.outerjoin(CE, CE.c.id == ST.c.canonical_id))
                        .order_by(*_ranked(conn)).limit(page.limit).offset(page.offset)).all()
    out = []
    for r in rows:
        topics = {str(t): int(n) for t, n in r.topics or []}
        out.append(ExpertRow(
            id=r.canonical_id, label=r.label, name=r.canonical_name or r.name, affiliations=list(r.affiliations or []),
            roles=list(r.roles or []), source_types=list(r.source_types or []), quotes=int(r.n_quotes),
            articles=int(r.n_articles), topics=sorted(topics, key=lambda t: (-topics[t], t)),
            first_quoted=r.first_quoted, last_quoted=r.last_quoted))
    return Paged[ExpertRow](items=out, total=int(total), limit=page.limit, offset=page.offset)


def _grouped(conn: sa.Connection, f: Filters, page: Page) -> Paged[ExpertRow]:
    """The directory over the counted quotes the filters keep, grouped here."""
    stmt = (sa.select(Q.c.article_id, Q.c.id, Q.c.canonical_id, Q.c.speaker, Q.c.role, Q.c.affiliation,
                      Q.c.source_type, A.c.published, CE.c.label, CE.c.name.label("canonical_name"))
            .join(A, A.c.id == Q.c.article_id).outerjoin(CE, CE.c.id == Q.c.canonical_id)
            .where(*counted_quote(f), *quote_conditions(conn, f)))
    if f.source_type is not None and f.source_type.strip().lower() in PERSON_SOURCE_TYPES:
        stmt = stmt.where(CE.c.label == "PERSON")
    if f.name is not None:
        ids = names.entity_ids(conn, f.name, None, None)
        loose = names.values_matching(conn, Q.c.speaker, names.text_holds(f.name))
        stmt = stmt.where(sa.or_(Q.c.canonical_id.in_(ids), Q.c.speaker.in_(loose)))
    # in (article id, quote id) order as Python compares them, whatever the store's collation
    rows = sorted(conn.execute(stmt).all(), key=lambda r: (r.article_id, r.id))
    groups: dict[Any, list[Any]] = defaultdict(list)
    for r in rows:
        groups[r.canonical_id if r.canonical_id is not None else fold(r.speaker)].append(r)
    # most quoted first; only the page's speakers are built, with the places of their quotes
    ranked = sorted(groups.values(), key=lambda rs: (-len(rs), rs[0].speaker, rs[0].canonical_id or 0))
    shown = ranked[page.offset:page.offset + page.limit]
    topics: dict[tuple[str, str], list[str]] = defaultdict(list)
    arts = sorted({r.article_id for rs in shown for r in rs})
    for i in range(0, len(arts), 500):
        for tr in conn.execute(sa.select(QP.c.article_id, QP.c.quote_id, CP.c.name)
                               .join(CP, CP.c.id == QP.c.canonical_place_id)
                               .where(QP.c.article_id.in_(arts[i:i + 500]))):
            topics[(tr.article_id, tr.quote_id)].append(tr.name)
    out: list[ExpertRow] = []
    for rs in shown:
        n: dict[str, int] = defaultdict(int)
        for r in rs:
            for t in topics.get((r.article_id, r.id), []):
                n[t] += 1
        dates = sorted(r.published for r in rs if r.published)
        out.append(ExpertRow(
            id=rs[0].canonical_id, label=rs[0].label, name=rs[0].canonical_name or rs[0].speaker,
            affiliations=sorted({r.affiliation for r in rs if r.affiliation}),
            roles=sorted({r.role for r in rs if r.role}),
            source_types=sorted({r.source_type for r in rs if r.source_type}),
            quotes=len(rs), articles=len({r.article_id for r in rs}),
            topics=sorted(n, key=lambda t: (-n[t], t)),
            first_quoted=dates[0] if dates else None, last_quoted=dates[-1] if dates else None))
    return Paged[ExpertRow](items=out, total=len(groups),
                            limit=page.limit, offset=page.offset)
