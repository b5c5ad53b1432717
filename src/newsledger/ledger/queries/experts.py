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

A, Q, QP, CP, CE = s.articles, s.quotes, s.quote_places, s.canonical_places, s.canonical_entities

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


def experts(src: Source, f: Filters = Filters(), page: Page = Page(limit=100)) -> Paged[ExpertRow]:
    """Named speakers, most quoted first."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        stmt = (sa.select(Q.c.article_id, Q.c.id, Q.c.canonical_id, Q.c.speaker, Q.c.role, Q.c.affiliation,
                          Q.c.source_type, A.c.published, CE.c.label)
                .join(A, A.c.id == Q.c.article_id).outerjoin(CE, CE.c.id == Q.c.canonical_id)
                .where(*counted_quote(f), *quote_conditions(conn, f)))
        if f.source_type is not None and f.source_type.strip().lower() in PERSON_SOURCE_TYPES:
            stmt = stmt.where(CE.c.label == "PERSON")
        if f.name is not None:
            ids = names.entity_ids(conn, f.name, None, None)
            loose = names.values_matching(conn, Q.c.speaker, names.text_holds(f.name))
            stmt = stmt.where(sa.or_(Q.c.canonical_id.in_(ids), Q.c.speaker.in_(loose)))
        rows = conn.execute(stmt.order_by(Q.c.article_id, Q.c.id)).all()
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
            id=rs[0].canonical_id, label=rs[0].label, name=rs[0].speaker,
            affiliations=sorted({r.affiliation for r in rs if r.affiliation}),
            roles=sorted({r.role for r in rs if r.role}),
            source_types=sorted({r.source_type for r in rs if r.source_type}),
            quotes=len(rs), articles=len({r.article_id for r in rs}),
            topics=sorted(n, key=lambda t: (-n[t], t)),
            first_quoted=dates[0] if dates else None, last_quoted=dates[-1] if dates else None))
    return Paged[ExpertRow](items=out, total=len(groups),
                            limit=page.limit, offset=page.offset)
