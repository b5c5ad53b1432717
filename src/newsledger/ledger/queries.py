"""Reading the ledger: the functions the CLI and the REST API call.

Every function takes an open :class:`~newsledger.ledger.Ledger` and keyword filters and
returns typed rows (pydantic models; ``row.model_dump()`` gives a JSON-ready dict). They run
the same SQL on SQLite and PostgreSQL, except full-text search (FTS5 / tsvector).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from ..models import Article, Entity, Event, Place, Quantity, Quote, Report, SourceInfo, TimeExpression
from . import schema as s
from .resolve import fold
from .store import Ledger

#: Characters of context shown either side of a span by :func:`context`.
CONTEXT_CHARS = 80


class Row(BaseModel):
    """Base of query rows."""


class SearchHit(Row):
    """A match; ``snippet`` marks the matched words with « and »."""

    kind: str  # "article" or "quote"
    article_id: str
    record_id: str | None  # the quote id for quote hits
    title: str | None
    published: str | None
    publisher: str | None
    speaker: str | None
    snippet: str
    start: int | None
    end: int | None


class QuoteRow(Row):
    article_id: str
    id: str
    kind: str
    speaker: str | None
    role: str | None
    affiliation: str | None
    source_type: str | None
    text: str
    places: list[str]
    published: str | None
    publisher: str | None
    title: str | None
    start: int | None
    end: int | None


class RoleRow(Row):
    role: str | None
    affiliation: str | None
    titles: str | None
    published: str | None
    article_id: str


class PersonRow(Row):
    id: int
    label: str
    name: str
    aliases: list[str]
    articles: int
    mentions: int
    quotes: int
    first_seen: str | None
    last_seen: str | None
    roles: list[RoleRow]


class PlaceRow(Row):
    id: int
    name: str
    geonameid: int | None
    country_code: str | None
    feature_code: str | None
    lat: float | None
    lon: float | None
    articles: int
    mentions: int
    events: int


class ExpertRow(Row):
    id: int | None
    name: str
    affiliations: list[str]
    roles: list[str]
    source_types: list[str]
    quotes: int
    articles: int
    topics: list[str]  # places their quotes are about, most frequent first
    first_quoted: str | None
    last_quoted: str | None


class ClaimRow(Row):
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
    date: str | None
    published: str | None
    source: str | None
    cited: str | None
    cluster_id: str | None
    independent_sources: int  # clusters reporting this key with this value
    disagrees: bool  # another independent source reports a different figure for this key
    start: int | None
    end: int | None


class SpanContext(Row):
    article_id: str
    start: int
    end: int
    before: str
    text: str
    after: str


# ----------------------------------------------------------------------------- search


def _fts5_query(text: str) -> str:
    tokens = re.findall(r"\w+", text)
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def search(ledger: Ledger, text: str, *, limit: int = 20) -> list[SearchHit]:
    """Articles and quotes matching the words of ``text``, best first."""
    if not re.search(r"\w", text):
        return []
    with ledger.engine.connect() as conn:
        if ledger.dialect == "sqlite":
            return _search_sqlite(conn, _fts5_query(text), limit)
        hits = _search_pg(conn, text, limit)
        return hits or _search_like(conn, text, limit)


def _search_sqlite(conn: sa.Connection, q: str, limit: int) -> list[SearchHit]:
    arts = conn.execute(sa.text(
        "SELECT a.id, a.title, a.published, a.publisher, "
        "snippet(articles_fts, 1, '«', '»', '…', 16) AS snip, bm25(articles_fts) AS rank "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": q, "n": limit}).all()
    quotes = conn.execute(sa.text(
        "SELECT q.article_id, q.id, q.speaker, q.start, q.\"end\", a.title, a.published, a.publisher, "
        "snippet(quotes_fts, 0, '«', '»', '…', 16) AS snip, bm25(quotes_fts) AS rank "
        "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.id = q.article_id "
        "WHERE quotes_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": q, "n": limit}).all()
    hits = [(r.rank, SearchHit(kind="article", article_id=r.id, record_id=None, title=r.title,
                               published=r.published, publisher=r.publisher, speaker=None,
                               snippet=r.snip, start=None, end=None)) for r in arts]
    hits += [(r.rank, SearchHit(kind="quote", article_id=r.article_id, record_id=r.id, title=r.title,
                                published=r.published, publisher=r.publisher, speaker=r.speaker,
                                snippet=r.snip, start=r.start, end=r.end)) for r in quotes]
    return [h for _, h in sorted(hits, key=lambda x: x[0])][:limit]


_PG_ART = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.text)"
_PG_QUO = "to_tsvector('english', coalesce(q.text, '') || ' ' || coalesce(q.speaker, ''))"


def _search_pg(conn: sa.Connection, text: str, limit: int) -> list[SearchHit]:
    opts = "'StartSel=«, StopSel=», MaxWords=30, MinWords=10'"
    arts = conn.execute(sa.text(
        f"SELECT a.id, a.title, a.published, a.publisher, ts_rank({_PG_ART}, query) AS rank, "
        f"ts_headline('english', a.text, query, {opts}) AS snip "
        f"FROM articles a, plainto_tsquery('english', :q) query WHERE {_PG_ART} @@ query "
        "ORDER BY rank DESC LIMIT :n"), {"q": text, "n": limit}).all()
    quotes = conn.execute(sa.text(
        f"SELECT q.article_id, q.id, q.speaker, q.start, q.\"end\", a.title, a.published, a.publisher, "
        f"ts_rank({_PG_QUO}, query) AS rank, ts_headline('english', q.text, query, {opts}) AS snip "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id, plainto_tsquery('english', :q) query "
        f"WHERE {_PG_QUO} @@ query ORDER BY rank DESC LIMIT :n"), {"q": text, "n": limit}).all()
    hits = [(-r.rank, SearchHit(kind="article", article_id=r.id, record_id=None, title=r.title,
                                published=r.published, publisher=r.publisher, speaker=None,
                                snippet=r.snip, start=None, end=None)) for r in arts]
    hits += [(-r.rank, SearchHit(kind="quote", article_id=r.article_id, record_id=r.id, title=r.title,
                                 published=r.published, publisher=r.publisher, speaker=r.speaker,
                                 snippet=r.snip, start=r.start, end=r.end)) for r in quotes]
    return [h for _, h in sorted(hits, key=lambda x: x[0])][:limit]


def _snippet(text: str, needle: str) -> str:
    i = text.casefold().find(needle.casefold())
    if i < 0:
        return text[:160]
    lo, hi = max(0, i - 60), min(len(text), i + len(needle) + 60)
    return ("…" if lo else "") + text[lo:i] + "«" + text[i:i + len(needle)] + "»" + text[i + len(needle):hi] + (
        "…" if hi < len(text) else "")


def _search_like(conn: sa.Connection, text: str, limit: int) -> list[SearchHit]:
    """Substring search (ILIKE): the fallback when the word index finds nothing."""
    a, q = s.articles, s.quotes
    pat = f"%{text}%"
    hits = [SearchHit(kind="article", article_id=r.id, record_id=None, title=r.title, published=r.published,
                      publisher=r.publisher, speaker=None, snippet=_snippet(r.text, text), start=None, end=None)
            for r in conn.execute(sa.select(a.c.id, a.c.title, a.c.published, a.c.publisher, a.c.text)
                                  .where(a.c.text.ilike(pat) | a.c.title.ilike(pat)).limit(limit))]
    hits += [SearchHit(kind="quote", article_id=r.article_id, record_id=r.id, title=r.title,
                       published=r.published, publisher=r.publisher, speaker=r.speaker,
                       snippet=_snippet(r.text or "", text), start=r.start, end=r.end)
             for r in conn.execute(sa.select(q.c.article_id, q.c.id, q.c.speaker, q.c.text, q.c.start, q.c.end,
                                             a.c.title, a.c.published, a.c.publisher)
                                   .join(a, a.c.id == q.c.article_id).where(q.c.text.ilike(pat)).limit(limit))]
    return hits[:limit]


# ----------------------------------------------------------------------------- quotes


def _entity_ids_named(conn: sa.Connection, name: str) -> list[int]:
    """Canonical entities one of whose names contains ``name`` (folded)."""
    t = s.entity_aliases
    key = f"%{fold(name)}%"
    return [int(x) for x in conn.execute(sa.select(t.c.canonical_id).where(t.c.alias.like(key)).distinct()).scalars()]


def _place_ids_named(conn: sa.Connection, name: str) -> list[int]:
    t = s.canonical_places
    return [int(x) for x in conn.execute(sa.select(t.c.id).where(t.c.name_key.like(f"%{fold(name)}%"))).scalars()]


def quotes(ledger: Ledger, *, by: str | None = None, about: str | None = None,
           since: str | None = None, limit: int = 100) -> list[QuoteRow]:
    """Quotes, newest first: ``by`` a speaker (any of their names), ``about`` a place
    (named in the quote, or its text contains the word), published ``since`` an ISO date."""
    q, a, qp, cp = s.quotes, s.articles, s.quote_places, s.canonical_places
    with ledger.engine.connect() as conn:
        stmt = (sa.select(q.c.article_id, q.c.id, q.c.kind, q.c.speaker, q.c.role, q.c.affiliation,
                          q.c.source_type, q.c.text, q.c.start, q.c.end, a.c.published, a.c.publisher,
                          a.c.title).join(a, a.c.id == q.c.article_id))
        if by:
            ids = _entity_ids_named(conn, by)
            stmt = stmt.where(q.c.canonical_id.in_(ids) | q.c.speaker.ilike(f"%{by}%"))
        if about:
            pids = _place_ids_named(conn, about)
            sub = sa.select(qp.c.article_id, qp.c.quote_id).where(qp.c.canonical_place_id.in_(pids))
            stmt = stmt.where(sa.tuple_(q.c.article_id, q.c.id).in_(sub) | q.c.text.ilike(f"%{about}%"))
        if since:
            stmt = stmt.where(a.c.published >= since)
        rows = conn.execute(stmt.order_by(a.c.published.desc(), q.c.article_id, q.c.start).limit(limit)).all()
        places: dict[tuple[str, str], list[str]] = defaultdict(list)
        keys = {(r.article_id, r.id) for r in rows}
        if keys:
            arts = {k[0] for k in keys}
            for pr in conn.execute(sa.select(qp.c.article_id, qp.c.quote_id, cp.c.name)
                                   .join(cp, cp.c.id == qp.c.canonical_place_id).where(qp.c.article_id.in_(arts))):
                if (pr.article_id, pr.quote_id) in keys:
                    places[(pr.article_id, pr.quote_id)].append(pr.name)
    return [QuoteRow(article_id=r.article_id, id=r.id, kind=r.kind, speaker=r.speaker, role=r.role,
                     affiliation=r.affiliation, source_type=r.source_type, text=r.text or "",
                     places=places.get((r.article_id, r.id), []), published=r.published,
                     publisher=r.publisher, title=r.title, start=r.start, end=r.end) for r in rows]


# ----------------------------------------------------------------------------- people


def people(ledger: Ledger, *, name: str | None = None, label: str | None = None,
           limit: int = 100) -> list[PersonRow]:
    """Canonical people and organisations (``label`` PERSON, ORG or NORP), most written-about
    first, with roles over time."""
    ce, e, a, q, al = s.canonical_entities, s.entities, s.articles, s.quotes, s.entity_aliases
    with ledger.engine.connect() as conn:
        stmt = (sa.select(ce.c.id, ce.c.label, ce.c.name,
                          sa.func.count(sa.distinct(e.c.article_id)).label("n_articles"),
                          sa.func.coalesce(sa.func.sum(e.c.n_mentions), 0).label("n_mentions"),
                          sa.func.min(a.c.published).label("first"), sa.func.max(a.c.published).label("last"))
                .join(e, e.c.canonical_id == ce.c.id).join(a, a.c.id == e.c.article_id)
                .group_by(ce.c.id, ce.c.label, ce.c.name))
        if name:
            stmt = stmt.where(ce.c.id.in_(_entity_ids_named(conn, name)))
        if label:
            stmt = stmt.where(ce.c.label == label.upper())
        else:  # groups ("Russian", NORP) only when asked for
            stmt = stmt.where(ce.c.label.in_(("PERSON", "ORG")))
        rows = conn.execute(stmt.order_by(sa.desc("n_articles"), sa.desc("n_mentions"), ce.c.id)
                            .limit(limit)).all()
        ids = [r.id for r in rows]
        aliases: dict[int, list[str]] = defaultdict(list)
        roles: dict[int, list[RoleRow]] = defaultdict(list)
        nquotes: dict[int, int] = {}
        if ids:
            for ar in conn.execute(sa.select(al.c.canonical_id, al.c.alias).where(al.c.canonical_id.in_(ids))
                                   .order_by(al.c.alias)):
                aliases[ar.canonical_id].append(ar.alias)
            for r in conn.execute(sa.select(e.c.canonical_id, e.c.role, e.c.affiliation, e.c.titles,
                                            e.c.article_id, a.c.published)
                                  .join(a, a.c.id == e.c.article_id)
                                  .where(e.c.canonical_id.in_(ids),
                                         sa.or_(e.c.role.is_not(None), e.c.affiliation.is_not(None),
                                                e.c.titles.is_not(None)))
                                  .order_by(a.c.published, e.c.article_id)):
                roles[r.canonical_id].append(RoleRow(role=r.role, affiliation=r.affiliation, titles=r.titles,
                                                     published=r.published, article_id=r.article_id))
            for r in conn.execute(sa.select(q.c.canonical_id, sa.func.count()).where(q.c.canonical_id.in_(ids))
                                  .group_by(q.c.canonical_id)):
                nquotes[r[0]] = int(r[1])
    return [PersonRow(id=r.id, label=r.label, name=r.name, aliases=aliases.get(r.id, []),
                      articles=int(r.n_articles), mentions=int(r.n_mentions), quotes=nquotes.get(r.id, 0),
                      first_seen=r.first, last_seen=r.last, roles=roles.get(r.id, [])) for r in rows]


# ----------------------------------------------------------------------------- places


def places(ledger: Ledger, *, name: str | None = None, limit: int = 200) -> list[PlaceRow]:
    """Canonical places (merged by GeoNames id), most written-about first."""
    cp, p, ev = s.canonical_places, s.places, s.events
    with ledger.engine.connect() as conn:
        stmt = (sa.select(cp.c.id, cp.c.name, cp.c.geonameid, cp.c.country_code, cp.c.feature_code, cp.c.lat,
                          cp.c.lon, sa.func.count(sa.distinct(p.c.article_id)).label("n_articles"),
                          sa.func.coalesce(sa.func.sum(p.c.n_mentions), 0).label("n_mentions"))
                .join(p, p.c.canonical_id == cp.c.id)
                .group_by(cp.c.id, cp.c.name, cp.c.geonameid, cp.c.country_code, cp.c.feature_code,
                          cp.c.lat, cp.c.lon))
        if name:
            stmt = stmt.where(cp.c.name_key.like(f"%{fold(name)}%"))
        rows = conn.execute(stmt.order_by(sa.desc("n_articles"), sa.desc("n_mentions"), cp.c.id)
                            .limit(limit)).all()
        ids = [r.id for r in rows]
        nev: dict[Any, Any] = dict(conn.execute(sa.select(ev.c.canonical_place_id, sa.func.count())
                                .where(ev.c.canonical_place_id.in_(ids))
                                .group_by(ev.c.canonical_place_id)).tuples().all()) if ids else {}
    return [PlaceRow(id=r.id, name=r.name, geonameid=r.geonameid, country_code=r.country_code,
                     feature_code=r.feature_code, lat=r.lat, lon=r.lon, articles=int(r.n_articles),
                     mentions=int(r.n_mentions), events=int(nev.get(r.id, 0))) for r in rows]


# ----------------------------------------------------------------------------- experts


def experts(ledger: Ledger, *, name: str | None = None, limit: int = 100) -> list[ExpertRow]:
    """Who is quoted, under which affiliations and roles, how often, and about which places."""
    q, a, qp, cp = s.quotes, s.articles, s.quote_places, s.canonical_places
    with ledger.engine.connect() as conn:
        stmt = (sa.select(q.c.article_id, q.c.id, q.c.canonical_id, q.c.speaker, q.c.role, q.c.affiliation,
                          q.c.source_type, a.c.published)
                .join(a, a.c.id == q.c.article_id).where(q.c.named.is_(True), q.c.speaker.is_not(None)))
        if name:
            stmt = stmt.where(q.c.canonical_id.in_(_entity_ids_named(conn, name)) | q.c.speaker.ilike(f"%{name}%"))
        rows = conn.execute(stmt).all()
        topics: dict[tuple[str, str], list[str]] = defaultdict(list)
        for tr in conn.execute(sa.select(qp.c.article_id, qp.c.quote_id, cp.c.name)
                               .join(cp, cp.c.id == qp.c.canonical_place_id)):
            topics[(tr.article_id, tr.quote_id)].append(tr.name)
    groups: dict[Any, list[Any]] = defaultdict(list)
    for r in rows:
        groups[r.canonical_id if r.canonical_id is not None else fold(r.speaker)].append(r)
    out: list[ExpertRow] = []
    for rs in groups.values():
        count: dict[str, int] = defaultdict(int)
        for r in rs:
            for t in topics.get((r.article_id, r.id), []):
                count[t] += 1
        dates = sorted(r.published for r in rs if r.published)
        out.append(ExpertRow(
            id=rs[0].canonical_id, name=rs[0].speaker,
            affiliations=sorted({r.affiliation for r in rs if r.affiliation}),
            roles=sorted({r.role for r in rs if r.role}),
            source_types=sorted({r.source_type for r in rs if r.source_type}),
            quotes=len(rs), articles=len({r.article_id for r in rs}),
            topics=sorted(count, key=lambda t: (-count[t], t)),
            first_quoted=dates[0] if dates else None, last_quoted=dates[-1] if dates else None))
    out.sort(key=lambda x: (-x.quotes, x.name))
    return out[:limit]


# ----------------------------------------------------------------------------- claims


def claims(ledger: Ledger, *, about: str | None = None, key: str | None = None,
           since: str | None = None, limit: int = 500) -> list[ClaimRow]:
    """Claims as timelines: grouped by key, each group in date order, with disagreements.

    ``about`` matches the claim's place, subject or object; ``key`` a key prefix.
    """
    c = s.claims
    with ledger.engine.connect() as conn:
        stmt = sa.select(c)
        if about:
            pids = _place_ids_named(conn, about)
            pat = f"%{about}%"
            stmt = stmt.where(c.c.canonical_place_id.in_(pids) | c.c.subject.ilike(pat) | c.c.object.ilike(pat))
        if key:
            stmt = stmt.where(c.c.key.like(key.replace("%", "") + "%"))
        if since:
            stmt = stmt.where(c.c.date >= since)
        rows = conn.execute(stmt.order_by(c.c.key, c.c.date, c.c.article_id, c.c.start).limit(limit)).all()
    by_key: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_key[r.key].append(r)
    out: list[ClaimRow] = []
    for group in by_key.values():
        def val(r: Any) -> tuple[Any, Any, Any, Any]:
            return (r.value, r.low, r.high, r.unit) if r.value is not None or r.low is not None else (
                r.value_text, None, None, None)
        clusters: dict[tuple[Any, ...], set[str]] = defaultdict(set)
        for r in group:
            clusters[val(r)].add(r.cluster_id or r.article_id)
        for r in group:
            mine = clusters[val(r)]
            others = {cl for v, cls in clusters.items() if v != val(r) for cl in cls}
            out.append(ClaimRow(
                article_id=r.article_id, id=r.id, key=r.key, subject=r.subject, relation=r.relation,
                object=r.object, value=r.value, low=r.low, high=r.high, unit=r.unit, value_text=r.value_text,
                qualifier=r.qualifier, date=r.date, published=r.published, source=r.source, cited=r.cited,
                cluster_id=r.cluster_id, independent_sources=len(mine),
                disagrees=bool(others - mine) and (r.value is not None or r.low is not None),
                start=r.start, end=r.end))
    return out


# ----------------------------------------------------------------------------- articles and spans


def context(ledger: Ledger, article_id: str, start: int, end: int, width: int = CONTEXT_CHARS) -> SpanContext | None:
    """A span of an article with ``width`` characters of context either side."""
    with ledger.engine.connect() as conn:
        text = conn.execute(sa.select(s.articles.c.text).where(s.articles.c.id == article_id)).scalar()
    if text is None:
        return None
    start, end = max(0, start), min(len(text), end)
    return SpanContext(article_id=article_id, start=start, end=end, before=text[max(0, start - width):start],
                       text=text[start:end], after=text[end:end + width])


_RECORDS: list[tuple[sa.Table, str, type[BaseModel]]] = [
    (s.entities, "entities", Entity), (s.quotes, "quotes", Quote), (s.quantities, "quantities", Quantity),
    (s.times, "times", TimeExpression), (s.places, "places", Place), (s.events, "events", Event),
]


def _article(r: Any) -> Article:
    return Article(id=r.id, text=r.text, title=r.title, byline=r.byline, publisher=r.publisher, url=r.url,
                   published=r.published, language=r.language or "en",
                   source=SourceInfo.model_validate(r.source) if r.source else SourceInfo())


def report(ledger: Ledger, article_id: str) -> Report | None:
    """The stored report of one article, rebuilt from its records."""
    return next(iter_reports(ledger, ids=[article_id]), None)


def iter_reports(ledger: Ledger, *, ids: list[str] | None = None, chunk: int = 200) -> Iterator[Report]:
    """Every stored report (or those of ``ids``), in ingestion order."""
    a = s.articles
    with ledger.engine.connect() as conn:
        stmt = sa.select(a.c.id).order_by(a.c.ingested_at, a.c.id)
        if ids is not None:
            stmt = stmt.where(a.c.id.in_(ids))
        all_ids = list(conn.execute(stmt).scalars())
        for i in range(0, len(all_ids), chunk):
            part = all_ids[i:i + chunk]
            arts = {r.id: r for r in conn.execute(sa.select(a).where(a.c.id.in_(part)))}
            recs: dict[str, dict[str, list[Any]]] = {aid: defaultdict(list) for aid in part}
            for table, field, model in _RECORDS:
                for r in conn.execute(sa.select(table.c.article_id, table.c.data)
                                      .where(table.c.article_id.in_(part)).order_by(table.c.article_id)):
                    recs[r.article_id][field].append(model.model_validate(r.data))
            for aid in part:
                r = arts[aid]
                records: dict[str, Any] = dict(recs[aid])  # lists of records by Report field
                yield Report(schema_version=r.schema_version or "1.0", article=_article(r),
                             warnings=list(r.warnings or []), **records)


def stats(ledger: Ledger) -> dict[str, int]:
    """Rows per table, and the number of near-duplicate clusters."""
    out = ledger.counts()
    with ledger.engine.connect() as conn:
        out["clusters"] = int(conn.execute(sa.select(sa.func.count(sa.distinct(s.articles.c.cluster_id)))).scalar_one())
    return out
