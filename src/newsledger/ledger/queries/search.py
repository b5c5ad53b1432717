"""Full-text search over article text and quotes (FTS5 on SQLite, tsvector on PostgreSQL),
bounded in time."""

from __future__ import annotations

import re

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from .filters import Page, check_text, escape_like
from .source import Source, connect
from .timeout import time_limit

#: Seconds a search may run before the database cancels it. A word search over 5,000
#: articles answers in well under a second; ten leaves room for a loaded machine while no
#: request can hold a connection and a worker for long.
SEARCH_TIME_LIMIT_S = 10.0


class SearchHit(BaseModel):
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


def _fts5_query(text: str) -> str:
    tokens = re.findall(r"[^\W_]+", text)
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def search(src: Source, text: str, page: Page = Page(limit=20), *,
           time_limit_s: float = SEARCH_TIME_LIMIT_S) -> list[SearchHit]:
    """Articles and quotes matching the words of ``text``, best first."""
    check_text("search text", text)
    if not re.search(r"[^\W_]", text):  # no letter or digit: nothing to look for
        return []
    n = page.limit + page.offset
    with connect(src) as conn, time_limit(conn, time_limit_s, f"the search for {text[:60]!r}"):
        if conn.dialect.name == "sqlite":
            hits = _search_sqlite(conn, _fts5_query(text), n)
        else:
            hits = _search_pg(conn, text, n) or _search_like(conn, text, n)
    return hits[page.offset:page.offset + page.limit]


def _search_sqlite(conn: sa.Connection, q: str, limit: int) -> list[SearchHit]:
    arts = conn.execute(sa.text(
        "SELECT a.id, a.title, a.published, a.publisher, "
        "snippet(articles_fts, 1, '«', '»', '…', 16) AS snip, bm25(articles_fts) AS rank "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH :q ORDER BY rank, a.id LIMIT :n"), {"q": q, "n": limit}).all()
    quotes = conn.execute(sa.text(
        "SELECT q.article_id, q.id, q.speaker, q.start, q.\"end\", a.title, a.published, a.publisher, "
        "snippet(quotes_fts, 0, '«', '»', '…', 16) AS snip, bm25(quotes_fts) AS rank "
        "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.id = q.article_id "
        "WHERE quotes_fts MATCH :q ORDER BY rank, q.article_id, q.id LIMIT :n"), {"q": q, "n": limit}).all()
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
        "ORDER BY rank DESC, a.id LIMIT :n"), {"q": text, "n": limit}).all()
    quotes = conn.execute(sa.text(
        f"SELECT q.article_id, q.id, q.speaker, q.start, q.\"end\", a.title, a.published, a.publisher, "
        f"ts_rank({_PG_QUO}, query) AS rank, ts_headline('english', q.text, query, {opts}) AS snip "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id, plainto_tsquery('english', :q) query "
        f"WHERE {_PG_QUO} @@ query ORDER BY rank DESC, q.article_id, q.id LIMIT :n"), {"q": text, "n": limit}).all()
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
    """Substring search (ILIKE, wildcards escaped): the fallback when the word index finds nothing."""
    a, q = s.articles, s.quotes
    pat = f"%{escape_like(text)}%"
    hits = [SearchHit(kind="article", article_id=r.id, record_id=None, title=r.title, published=r.published,
                      publisher=r.publisher, speaker=None, snippet=_snippet(r.text, text), start=None, end=None)
            for r in conn.execute(sa.select(a.c.id, a.c.title, a.c.published, a.c.publisher, a.c.text)
                                  .where(a.c.text.ilike(pat, escape="\\") | a.c.title.ilike(pat, escape="\\"))
                                  .order_by(a.c.published.desc(), a.c.id).limit(limit))]
    hits += [SearchHit(kind="quote", article_id=r.article_id, record_id=r.id, title=r.title,
                       published=r.published, publisher=r.publisher, speaker=r.speaker,
                       snippet=_snippet(r.text or "", text), start=r.start, end=r.end)
             for r in conn.execute(sa.select(q.c.article_id, q.c.id, q.c.speaker, q.c.text, q.c.start, q.c.end,
                                             a.c.title, a.c.published, a.c.publisher)
                                   .join(a, a.c.id == q.c.article_id).where(q.c.text.ilike(pat, escape="\\"))
                                   .order_by(a.c.published.desc(), q.c.article_id, q.c.id).limit(limit))]
    return hits[:limit]
