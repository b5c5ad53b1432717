"""Full-text search over article text and quotes (FTS5 on SQLite, tsvector on PostgreSQL),
bounded in time.

One matcher answers every part of a search, so the counts agree: the best matches, the
articles and the quotes all come from the same word index and the same parsed query.

- **Words** match in any form: SQLite's index stems with Porter (migration 7), PostgreSQL's
  ``english`` configuration stems too ("strikes" finds "strike").
- **Names** match in any spelling the ledger holds: a word is searched with every word of a
  stored person's or organisation's name that has the same
  :func:`~newsledger.nlp.spelling.spelling_key` ("Zelensky" also finds "Zelenskiy" and
  "Zelenskyy"). :attr:`SearchResult.variants` says which were added.
- **Syntax**, as web search engines read it: words are all required, ``"a phrase"`` is
  matched as written, ``OR`` between two terms takes either, ``-word`` excludes. A dangling
  ``OR`` or ``AND`` is ignored ("Zelensky OR" is "Zelensky").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from ...nlp.spelling import spelling_key
from .. import schema as s
from . import names
from .articles import ARTICLE_COLUMNS, ArticleRow, article_page
from .filters import Filters, Page, Paged, check_text, count
from .quotes import QUOTE_COLUMNS, SPEAKER, QuoteRow, quote_rows, shown_quotes
from .scope import article_conditions
from .source import Source, connect
from .timeout import time_limit

A, Q = s.articles, s.quotes

#: Seconds a search may run before the database cancels it. A word search over 5,000
#: articles answers in well under a second; ten leaves room for a loaded machine while no
#: request can hold a connection and a worker for long.
SEARCH_TIME_LIMIT_S = 10.0
#: A word is searched in other spellings only when its spelling key has at least this many
#: letters: shorter keys ("li", "kim") join unrelated words. Four keeps every surname in the
#: demo and war ledgers and drops two- and three-letter particles.
MIN_VARIANT_KEY = 4
#: Most spellings added for one word; a key shared by more names is too coarse to help.
MAX_VARIANTS = 8
#: The article-level filters a search applies to what it finds.
#: ``include_hidden``: also the quotes not shown by default (``Quote.shown``).
SUPPORTED = ("since", "until", "source", "outlet", "language", "outlet_country", "include_hidden")

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


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


class SearchResult(BaseModel):
    """Everything one search finds: the best matches of both kinds, then every matching
    article and quote, paged; ``variants`` holds the other spellings searched for a word."""

    q: str
    variants: dict[str, list[str]]
    hits: list[SearchHit]
    articles: Paged[ArticleRow]
    quotes: Paged[QuoteRow]


@dataclass(frozen=True)
class Term:
    """One thing to match: a word (with its other spellings) or a phrase as written."""

    words: tuple[str, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parsed:
    """All of ``groups`` (each: any of its terms), none of ``excluded``."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.groups


def parse(text: str) -> Parsed:
    """The query as terms: words and phrases, ``OR`` between terms, ``-`` before one to exclude."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for m in _TOKEN.finditer(text):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare.upper() in ("OR", "|"):
            pending_or = bool(groups)
            continue
        if bare is not None and bare.upper() == "AND":
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            neg, bare = "-", bare[1:]
        words = tuple(w.casefold() for w in _WORD.findall(phrase if phrase is not None else bare or ""))
        if not words:
            continue
        term = Term(words)
        if neg:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return Parsed(tuple(tuple(g) for g in groups), tuple(excluded))


def with_spellings(conn: sa.Connection, parsed: Parsed) -> Parsed:
    """Each one-word term with the other spellings of that word in the ledger's stored names."""
    wanted = {spelling_key(t.words[0]) for g in parsed.groups for t in g if len(t.words) == 1}
    wanted = {k for k in wanted if len(k) >= MIN_VARIANT_KEY}
    if not wanted:
        return parsed
    by_key = names.spelled_words(conn, wanted)

    def expand(t: Term) -> Term:
        if len(t.words) != 1:
            return t
        others = sorted(by_key.get(spelling_key(t.words[0]), set()) - {t.words[0]})
        return replace(t, variants=tuple(others)) if 0 < len(others) <= MAX_VARIANTS else t

    return Parsed(tuple(tuple(expand(t) for t in g) for g in parsed.groups), parsed.excluded)


# --- the two dialects --------------------------------------------------------------------

def _fts5_term(t: Term) -> str:
    alts = ['"' + " ".join(t.words) + '"', *('"' + v + '"' for v in t.variants)]
    return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def fts5_query(parsed: Parsed) -> str:
    """The FTS5 MATCH expression (every word quoted, so nothing in it is FTS5 syntax)."""
    pos = " AND ".join("(" + " OR ".join(_fts5_term(t) for t in g) + ")" for g in parsed.groups)
    if parsed.excluded:
        pos += " NOT (" + " OR ".join(_fts5_term(t) for t in parsed.excluded) + ")"
    return pos


def _ts_term(t: Term) -> str:
    alts = [" <-> ".join(f"'{w}'" for w in t.words), *(f"'{v}'" for v in t.variants)]
    return alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")"


def tsquery(parsed: Parsed) -> str:
    """The ``to_tsquery('english', ...)`` text (words are letters and digits only)."""
    pos = " & ".join("(" + " | ".join(_ts_term(t) for t in g) + ")" for g in parsed.groups)
    if parsed.excluded:
        pos += " & !(" + " | ".join(_ts_term(t) for t in parsed.excluded) + ")"
    return pos


#: PostgreSQL: each row's search vector, stored and indexed (migration 12): matched, ranked
#: and paged without computing it again from the text.
_PG_ART = "articles.search_tsv"
_PG_QUO = "quotes.search_tsv"


def _matchers(conn: sa.Connection, parsed: Parsed) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]]:
    """Conditions on ``articles`` and on ``quotes``: the row matches the query."""
    if conn.dialect.name == "sqlite":
        q = fts5_query(parsed)
        art = sa.text("articles.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts_a)"
                      ).bindparams(fts_a=q)
        quo = sa.text("quotes.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts_q)"
                      ).bindparams(fts_q=q)
    else:
        q = tsquery(parsed)
        art = sa.text(f"{_PG_ART} @@ to_tsquery('english', :ts_a)").bindparams(ts_a=q)
        quo = sa.text(f"{_PG_QUO} @@ to_tsquery('english', :ts_q)").bindparams(ts_q=q)
    return sa.and_(art), sa.and_(quo)


def _hits(conn: sa.Connection, parsed: Parsed, conds: list[sa.ColumnElement[bool]], limit: int,
          quote_conds: list[sa.ColumnElement[bool]]) -> list[SearchHit]:
    if conn.dialect.name == "sqlite":
        q = fts5_query(parsed)
        afts, qfts = sa.table("articles_fts", sa.column("rowid")), sa.table("quotes_fts", sa.column("rowid"))
        arts = conn.execute(
            sa.select(A.c.id, A.c.title, A.c.published, A.c.publisher,
                      sa.literal_column("snippet(articles_fts, 1, '«', '»', '…', 16)").label("snip"),
                      sa.literal_column("bm25(articles_fts)").label("rank"))
            .select_from(A.join(afts, afts.c.rowid == sa.literal_column("articles.rowid")))
            .where(sa.text("articles_fts MATCH :fa").bindparams(fa=q), *conds)
            .order_by(sa.literal_column("rank"), A.c.id).limit(limit)).all()
        quotes = conn.execute(
            sa.select(Q.c.article_id, Q.c.id, SPEAKER, Q.c.start, Q.c.end, A.c.title, A.c.published,
                      A.c.publisher, sa.literal_column("snippet(quotes_fts, 0, '«', '»', '…', 16)").label("snip"),
                      sa.literal_column("bm25(quotes_fts)").label("rank"))
            .select_from(Q.join(qfts, qfts.c.rowid == sa.literal_column("quotes.rowid"))
                         .join(A, A.c.id == Q.c.article_id))
            .where(sa.text("quotes_fts MATCH :fq").bindparams(fq=q), *conds, *quote_conds)
            .order_by(sa.literal_column("rank"), Q.c.article_id, Q.c.id).limit(limit)).all()
        sign = 1.0
    else:
        tq = sa.func.to_tsquery(sa.literal_column("'english'"), tsquery(parsed))
        opts: sa.ColumnElement[Any] = sa.literal_column("'StartSel=«, StopSel=», MaxWords=30, MinWords=10'")
        avec: sa.ColumnElement[Any] = sa.literal_column(_PG_ART)
        qvec: sa.ColumnElement[Any] = sa.literal_column(_PG_QUO)
        arts = conn.execute(
            sa.select(A.c.id, A.c.title, A.c.published, A.c.publisher,
                      sa.func.ts_rank(avec, tq).label("rank"),
                      sa.func.ts_headline(sa.literal_column("'english'"), A.c.text, tq, opts).label("snip"))
            .where(avec.op("@@")(tq), *conds)
            .order_by(sa.desc("rank"), A.c.id).limit(limit)).all()
        quotes = conn.execute(
            sa.select(Q.c.article_id, Q.c.id, SPEAKER, Q.c.start, Q.c.end, A.c.title, A.c.published,
                      A.c.publisher, sa.func.ts_rank(qvec, tq).label("rank"),
                      sa.func.ts_headline(sa.literal_column("'english'"), Q.c.text, tq, opts).label("snip"))
            .join(A, A.c.id == Q.c.article_id).where(qvec.op("@@")(tq), *conds, *quote_conds)
            .order_by(sa.desc("rank"), Q.c.article_id, Q.c.id).limit(limit)).all()
        sign = -1.0
    hits: list[tuple[float, SearchHit]] = [
        (sign * float(r.rank), SearchHit(kind="article", article_id=r.id, record_id=None, title=r.title,
                                         published=r.published, publisher=r.publisher, speaker=None,
                                         snippet=r.snip or "", start=None, end=None)) for r in arts]
    hits += [(sign * float(r.rank), SearchHit(kind="quote", article_id=r.article_id, record_id=r.id, title=r.title,
                                              published=r.published, publisher=r.publisher, speaker=r.speaker,
                                              snippet=r.snip or "", start=r.start, end=r.end)) for r in quotes]
    return [h for _, h in sorted(hits, key=lambda x: x[0])][:limit]


# --- the queries -------------------------------------------------------------------------

def _prepare(conn: sa.Connection, text: str) -> Parsed:
    check_text("search text", text)
    return with_spellings(conn, parse(text))


def search(src: Source, text: str, page: Page = Page(limit=20), *,
           time_limit_s: float = SEARCH_TIME_LIMIT_S, f: Filters = Filters()) -> list[SearchHit]:
    """Articles and quotes matching ``text``, best first."""
    f.check(SUPPORTED)
    check_text("search text", text)
    with connect(src) as conn, time_limit(conn, time_limit_s, f"the search for {text[:60]!r}"):
        parsed = _prepare(conn, text)
        if parsed.empty:
            return []
        hits = _hits(conn, parsed, article_conditions(conn, f), page.limit + page.offset, shown_quotes(f))
    return hits[page.offset:page.offset + page.limit]


def search_all(src: Source, text: str, f: Filters = Filters(), page: Page = Page(), *, hits: int = 50,
               time_limit_s: float = SEARCH_TIME_LIMIT_S) -> SearchResult:
    """The best ``hits`` matches (from ``page.offset`` on), then a page of every matching article
    and of every matching quote, all by the same matcher under the article filters ``f``."""
    f.check(SUPPORTED)
    check_text("search text", text)
    none: dict[str, Any] = {"items": [], "total": 0, "limit": page.limit, "offset": page.offset}
    with connect(src) as conn, time_limit(conn, time_limit_s, f"the search for {text[:60]!r}"):
        parsed = _prepare(conn, text)
        variants = {t.words[0]: list(t.variants) for g in parsed.groups for t in g if t.variants}
        if parsed.empty:
            return SearchResult(q=text, variants=variants, hits=[], articles=Paged[ArticleRow](**none),
                                quotes=Paged[QuoteRow](**none))
        conds = article_conditions(conn, f)
        art_match, quote_match = _matchers(conn, parsed)
        best = _hits(conn, parsed, conds, hits + page.offset, shown_quotes(f))[page.offset:]
        articles = article_page(conn, [*conds, art_match], page)
        qstmt = (sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
                 .where(*conds, *shown_quotes(f), quote_match))
        quotes = Paged[QuoteRow](
            items=quote_rows(conn, qstmt.order_by(A.c.published.desc(), Q.c.article_id, Q.c.start, Q.c.id)
                             .limit(page.limit).offset(page.offset)),
            total=count(conn, qstmt), limit=page.limit, offset=page.offset)
    return SearchResult(q=text, variants=variants, hits=best, articles=articles, quotes=quotes)


def search_conditions(conn: sa.Connection, text: str) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]] | None:
    """The article and quote conditions of a search for ``text`` (None: no word to look for),
    for other queries over the same matches (facets, exports)."""
    parsed = _prepare(conn, text)
    return None if parsed.empty else _matchers(conn, parsed)


__all__ = ["ARTICLE_COLUMNS", "SEARCH_TIME_LIMIT_S", "SearchHit", "SearchResult", "parse", "search",
           "search_all", "search_conditions"]
