"""Counts per canonical person or organisation, kept at every write (``entity_stats``,
migration 9), so the people and organisation lists read one row per entity instead of
aggregating every mention and quote on each request.

What a row holds is defined by :func:`recount`, an aggregate over the stored records; the
store keeps it so:

- :func:`add_articles`: a batch of new articles adds to it (their articles are new, so the
  article counts add up; dates and the latest role compare with what is stored);
- :func:`recount` for the entities touched: where records are deleted or replaced
  (``reanalysis.replace``) or rows move from one canonical entity to another (a merge).

``tests/test_entity_stats.py`` compares the table with a recount after mixed writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from . import schema as s

A, E, Q, ST = s.articles, s.entities, s.quotes, s.entity_stats

#: Canonical ids per statement (bound parameters stay under every driver's limit).
_CHUNK = 500


def counted_quote_conditions() -> list[sa.ColumnElement[bool]]:
    """The quotes an entity is counted by: a named speaker resolved to it, in a quote shown by
    default (as the expert directory counts them, :func:`~newsledger.ledger.queries.experts.counted_quote`)."""
    return [Q.c.canonical_id.is_not(None), Q.c.named.is_(True), Q.c.speaker.is_not(None), Q.c.shown == sa.true()]


def role_order() -> list[sa.ColumnElement[Any]]:
    """The order in which a mention's role is the latest: the latest published first (undated
    last, on both stores), then article id, then record id."""
    return [A.c.published.is_(None), A.c.published.desc(), E.c.article_id, E.c.id]


def _later_role(a: tuple[str | None, str, str], b: tuple[str | None, str, str] | None) -> bool:
    """Whether mention ``a`` (published, article id, record id) comes before ``b`` in
    :func:`role_order`."""
    if b is None:
        return True
    (pa, aa, ea), (pb, ab, eb) = a, b
    if pa != pb:
        if pa is None or pb is None:
            return pb is None
        return pa > pb
    return (aa, ea) < (ab, eb)


@dataclass
class _Delta:
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    quotes: int = 0
    quoted: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None
    role: tuple[str, tuple[str | None, str, str]] | None = None


def stored_rows(conn: sa.Connection, article_ids: Sequence[str]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The stored ``entities`` and ``quotes`` rows of ``article_ids``, with the columns
    :func:`add_articles` reads: for records written by ``INSERT ... SELECT`` (the parallel
    workers' staged rows, issue 22) rather than from rows built in this process."""
    ents: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    ids = list(article_ids)
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        ents.extend(dict(r._mapping) for r in conn.execute(
            sa.select(E.c.id, E.c.article_id, E.c.canonical_id, E.c.n_mentions, E.c.role)
            .where(E.c.article_id.in_(part))))
        quotes.extend({**r._mapping, "named": bool(r.named) if r.named is not None else None}
                      for r in conn.execute(sa.select(Q.c.article_id, Q.c.canonical_id, Q.c.named, Q.c.speaker,
                                                      Q.c.shown).where(Q.c.article_id.in_(part))))
    return ents, quotes


def add_articles(conn: sa.Connection, entity_rows: Sequence[Mapping[str, Any]],
                 quote_rows: Sequence[Mapping[str, Any]]) -> None:
    """Add the records of newly stored articles (their rows in ``entities`` and ``quotes``,
    already inserted in this transaction) to the counts."""
    from . import store  # its driver-level helpers (SQLAlchemy compiles an IN per list length)

    aids = sorted({r["article_id"] for r in entity_rows})
    published: dict[str, str | None] = {
        r.id: r.published for r in store.select_in(conn, "SELECT id, published FROM articles WHERE id IN ({marks})",
                                                    aids, _CHUNK)}
    deltas: dict[int, _Delta] = {}
    for r in entity_rows:
        cid = r.get("canonical_id")
        if cid is None:
            continue
        d = deltas.setdefault(cid, _Delta())
        aid = r["article_id"]
        d.articles.add(aid)
        d.mentions += r.get("n_mentions") or 0
        pub = published.get(aid)
        if pub is not None:
            d.first = pub if d.first is None else min(d.first, pub)
            d.last = pub if d.last is None else max(d.last, pub)
        if r.get("role") is not None:
            key = (pub, aid, r["id"])
            if d.role is None or _later_role(key, d.role[1]):
                d.role = (r["role"], key)
    for q in quote_rows:
        cid = q.get("canonical_id")
        if cid is None or q.get("named") is not True or q.get("speaker") is None or cid not in deltas:
            continue
        if q.get("shown") is not None and not q["shown"]:
            continue  # counted as counted_quote_conditions: quotes shown by default only
        deltas[cid].quotes += 1
        deltas[cid].quoted.add(q["article_id"])
    if not deltas:
        return
    ids = sorted(deltas)
    stored: dict[int, Any] = {r.canonical_id: r for r in store.select_in(
        conn, f"SELECT {', '.join(c.name for c in ST.c)} FROM entity_stats WHERE canonical_id IN ({{marks}})",
        ids, _CHUNK)}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for cid in ids:
        d = deltas[cid]
        old = stored.get(cid)
        row: dict[str, Any] = {
            "n_articles": len(d.articles), "mentions": d.mentions, "n_quotes": d.quotes,
            "n_quoted_articles": len(d.quoted), "first_seen": d.first, "last_seen": d.last,
            "latest_role": d.role[0] if d.role else None,
            "role_published": d.role[1][0] if d.role else None,
            "role_article_id": d.role[1][1] if d.role else None,
            "role_entity_id": d.role[1][2] if d.role else None}
        if old is None:
            inserts.append({"canonical_id": cid, **row})
            continue
        row["n_articles"] += old.n_articles
        row["mentions"] += old.mentions
        row["n_quotes"] += old.n_quotes
        row["n_quoted_articles"] += old.n_quoted_articles
        row["first_seen"] = min((x for x in (old.first_seen, d.first) if x is not None), default=None)
        row["last_seen"] = max((x for x in (old.last_seen, d.last) if x is not None), default=None)
        old_key = (old.role_published, old.role_article_id, old.role_entity_id) if old.latest_role is not None else None
        if d.role is None or (old_key is not None and not _later_role(d.role[1], old_key)):
            row.update(latest_role=old.latest_role, role_published=old.role_published,
                       role_article_id=old.role_article_id, role_entity_id=old.role_entity_id)
        updates.append({"canonical_id": cid, **row})
    store.bulk_insert(conn, ST, inserts)
    store.bulk_update(conn, ST, "canonical_id", updates)


def computed(conn: sa.Connection, ids: Sequence[int] | None = None) -> dict[int, dict[str, Any]]:
    """The rows :func:`recount` writes, from the records: of ``ids`` (None: every entity)."""
    out: dict[int, dict[str, Any]] = {}
    chunks: Iterable[Sequence[int] | None] = (
        [None] if ids is None else [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)])
    for chunk in chunks:
        def only(col: sa.ColumnElement[Any], chunk: Sequence[int] | None = chunk) -> list[sa.ColumnElement[bool]]:
            return [col.is_not(None)] if chunk is None else [col.in_(chunk)]

        for r in conn.execute(
                sa.select(E.c.canonical_id, sa.func.count(sa.distinct(E.c.article_id)).label("n_articles"),
                          sa.func.coalesce(sa.func.sum(E.c.n_mentions), 0).label("mentions"),
                          sa.func.min(A.c.published).label("first_seen"),
                          sa.func.max(A.c.published).label("last_seen"))
                .join(A, A.c.id == E.c.article_id).where(*only(E.c.canonical_id)).group_by(E.c.canonical_id)):
            out[int(r.canonical_id)] = {
                "canonical_id": int(r.canonical_id), "n_articles": int(r.n_articles), "mentions": int(r.mentions),
                "n_quotes": 0, "n_quoted_articles": 0, "first_seen": r.first_seen, "last_seen": r.last_seen,
                "latest_role": None, "role_published": None, "role_article_id": None, "role_entity_id": None}
        for r in conn.execute(
                sa.select(Q.c.canonical_id, sa.func.count().label("n"),
                          sa.func.count(sa.distinct(Q.c.article_id)).label("n_art"))
                .join(A, A.c.id == Q.c.article_id).where(*counted_quote_conditions(), *only(Q.c.canonical_id))
                .group_by(Q.c.canonical_id)):
            if int(r.canonical_id) in out:
                out[int(r.canonical_id)].update(n_quotes=int(r.n), n_quoted_articles=int(r.n_art))
        ranked = (sa.select(E.c.canonical_id, E.c.role, A.c.published, E.c.article_id, E.c.id,
                            sa.func.row_number().over(partition_by=E.c.canonical_id, order_by=role_order())
                            .label("rank"))
                  .join(A, A.c.id == E.c.article_id).where(E.c.role.is_not(None), *only(E.c.canonical_id))
                  .subquery())
        for r in conn.execute(sa.select(ranked).where(ranked.c.rank == 1)):
            if int(r.canonical_id) in out:
                out[int(r.canonical_id)].update(latest_role=r.role, role_published=r.published,
                                                role_article_id=r.article_id, role_entity_id=r.id)
    return out


def recount(conn: sa.Connection, ids: Iterable[int] | None = None) -> None:
    """Rewrite the counts of ``ids`` (None: of every entity) from the stored records."""
    wanted = None if ids is None else sorted({int(i) for i in ids})
    if wanted is None:
        conn.execute(ST.delete())
    else:
        for i in range(0, len(wanted), _CHUNK):
            conn.execute(ST.delete().where(ST.c.canonical_id.in_(wanted[i:i + _CHUNK])))
    rows = list(computed(conn, wanted).values())
    for i in range(0, len(rows), 5000):
        conn.execute(ST.insert(), rows[i:i + 5000])


def touched(conn: sa.Connection, article_ids: Sequence[str]) -> set[int]:
    """The canonical entities that the records of these articles count towards."""
    out: set[int] = set()
    for i in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[i:i + _CHUNK])
        for table in (E, Q):
            out.update(int(c) for c in conn.execute(
                sa.select(table.c.canonical_id).where(table.c.article_id.in_(chunk),
                                                      table.c.canonical_id.is_not(None)).distinct()).scalars())
    return out
