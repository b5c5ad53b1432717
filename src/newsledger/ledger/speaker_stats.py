"""What the expert directory shows of each speaker, kept at every write (``speaker_stats``,
migration 12), so the directory with no filter reads one row per speaker on its page instead
of grouping every counted quote of the ledger on each request (about 350 ms of CPU on a
5,692-article ledger; docs/reliability.md, "Load").

A speaker is what the directory groups by: the canonical entity a quote's speaker resolved
to, else the speaker's name folded (:func:`~newsledger.ledger.resolve.fold`). A row is
defined by :func:`build` over the speaker's counted quotes (those the directory counts,
:func:`~newsledger.ledger.queries.experts.counted_quote` with no filter); the store keeps it so:

- :func:`add_articles`: the counted quotes of newly stored articles are added (the articles
  are new, so quotes and articles add up; the first quote, dates and the sets compare with
  or join what is stored), whatever the order the articles come in;
- :func:`recount` for the speakers touched where quotes are deleted or replaced
  (``reanalysis.replace``) and after a migration changes which quotes count (step 11).

``tests/test_speaker_stats.py`` compares the table with a recount, and the directory with
the directory computed over the quotes, after batches, re-analyses and in either order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from . import schema as s
from .resolve import fold

A, Q, QP, CP, ST = s.articles, s.quotes, s.quote_places, s.canonical_places, s.speaker_stats

#: Article ids or speakers per statement (bound parameters stay under every driver's limit).
_CHUNK = 500

#: A speaker: ("e", canonical id) or ("s", hash of the folded name).
Speaker = tuple[str, Any]


def speaker_key(name: str) -> str:
    """The stored key of an unresolved speaker: a hash of the folded name (the directory
    groups unresolved speakers so), so the unique index stays small whatever the text."""
    return hashlib.sha256(fold(name).encode("utf-8")).hexdigest()


def speaker_of(canonical_id: int | None, name: str) -> Speaker:
    return ("e", int(canonical_id)) if canonical_id is not None else ("s", speaker_key(name))


def counted() -> list[sa.ColumnElement[bool]]:
    """The quotes the directory counts with no filter (``experts.counted_quote(Filters())``)."""
    return [Q.c.named.is_(True), Q.c.speaker.is_not(None), Q.c.shown == sa.true()]


#: The columns :func:`build` reads of each counted quote.
QUOTE_COLUMNS = (Q.c.article_id, Q.c.id, Q.c.canonical_id, Q.c.speaker, Q.c.role, Q.c.affiliation,
                 Q.c.source_type, A.c.published)


@dataclass
class Row:
    """One speaker's row (the columns of ``speaker_stats``), built from quotes or read."""

    canonical_id: int | None
    speaker_key: str | None
    name: str
    first: tuple[str, str]  # (article id, quote id) of the quote the name comes from
    n_quotes: int = 0
    articles: set[str] = field(default_factory=set)
    n_articles: int = 0  # articles of rows read from the table (their ids are not kept)
    first_quoted: str | None = None
    last_quoted: str | None = None
    affiliations: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    source_types: set[str] = field(default_factory=set)
    topics: Counter[str] = field(default_factory=Counter)

    @property
    def speaker(self) -> Speaker:
        return ("e", self.canonical_id) if self.canonical_id is not None else ("s", self.speaker_key)

    def quoted_in(self) -> int:
        return self.n_articles + len(self.articles)

    def join(self, other: Row) -> None:
        """Add ``other``'s quotes (of articles this row does not count yet) to this row."""
        if other.first < self.first:
            self.first, self.name = other.first, other.name
        self.n_quotes += other.n_quotes
        self.n_articles = self.quoted_in() + other.quoted_in()
        self.articles = set()
        dates = [d for d in (self.first_quoted, self.last_quoted, other.first_quoted, other.last_quoted) if d]
        self.first_quoted = min(dates) if dates else None
        self.last_quoted = max(dates) if dates else None
        self.affiliations |= other.affiliations
        self.roles |= other.roles
        self.source_types |= other.source_types
        self.topics.update(other.topics)

    def values(self) -> dict[str, Any]:
        return {"canonical_id": self.canonical_id, "speaker_key": self.speaker_key, "name": self.name,
                "first_article_id": self.first[0], "first_quote_id": self.first[1], "n_quotes": self.n_quotes,
                "n_articles": self.quoted_in(), "first_quoted": self.first_quoted, "last_quoted": self.last_quoted,
                "affiliations": sorted(self.affiliations), "roles": sorted(self.roles),
                "source_types": sorted(self.source_types),
                "topics": [[t, n] for t, n in sorted(self.topics.items())]}

    @classmethod
    def read(cls, r: Any) -> Row:
        return cls(canonical_id=r.canonical_id, speaker_key=r.speaker_key, name=r.name,
                   first=(r.first_article_id, r.first_quote_id), n_quotes=int(r.n_quotes),
                   n_articles=int(r.n_articles), first_quoted=r.first_quoted, last_quoted=r.last_quoted,
                   affiliations=set(r.affiliations or []), roles=set(r.roles or []),
                   source_types=set(r.source_types or []),
                   topics=Counter({str(t): int(n) for t, n in r.topics or []}))


def build(quotes: Iterable[Any], topics: dict[tuple[str, str], list[str]]) -> dict[Speaker, Row]:
    """The rows of the speakers of ``quotes`` (rows of :data:`QUOTE_COLUMNS`), with the names
    of the places each quote is about (``topics`` by (article id, quote id)), as the expert
    directory computes them over the same quotes."""
    out: dict[Speaker, Row] = {}
    for q in quotes:
        key = speaker_of(q.canonical_id, q.speaker)
        row = out.get(key)
        if row is None:
            row = out[key] = Row(canonical_id=key[1] if key[0] == "e" else None,
                                 speaker_key=key[1] if key[0] == "s" else None,
                                 name=q.speaker, first=(q.article_id, q.id))
        elif (q.article_id, q.id) < row.first:
            row.first, row.name = (q.article_id, q.id), q.speaker
        row.n_quotes += 1
        row.articles.add(q.article_id)
        if q.published:
            row.first_quoted = q.published if row.first_quoted is None else min(row.first_quoted, q.published)
            row.last_quoted = q.published if row.last_quoted is None else max(row.last_quoted, q.published)
        for value, into in ((q.affiliation, row.affiliations), (q.role, row.roles), (q.source_type, row.source_types)):
            if value:
                into.add(value)
        row.topics.update(topics.get((q.article_id, q.id), []))
    return out


def quote_topics(conn: sa.Connection, article_ids: Sequence[str]) -> dict[tuple[str, str], list[str]]:
    """The names of the places each quote of these articles is about."""
    out: dict[tuple[str, str], list[str]] = {}
    ids = sorted(set(article_ids))
    for i in range(0, len(ids), _CHUNK):
        for r in conn.execute(sa.select(QP.c.article_id, QP.c.quote_id, CP.c.name)
                              .join(CP, CP.c.id == QP.c.canonical_place_id)
                              .where(QP.c.article_id.in_(ids[i:i + _CHUNK]))):
            out.setdefault((r.article_id, r.quote_id), []).append(r.name)
    return out


def _quotes_of_articles(conn: sa.Connection, article_ids: Sequence[str]) -> list[Any]:
    ids = sorted(set(article_ids))
    rows: list[Any] = []
    for i in range(0, len(ids), _CHUNK):
        rows.extend(conn.execute(sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
                                 .where(Q.c.article_id.in_(ids[i:i + _CHUNK]), *counted())))
    return rows


def _stored(conn: sa.Connection, speakers: Iterable[Speaker]) -> dict[Speaker, Row]:
    ents = sorted(k[1] for k in speakers if k[0] == "e")
    keys = sorted(k[1] for k in speakers if k[0] == "s")
    out: dict[Speaker, Row] = {}
    for col, values in ((ST.c.canonical_id, ents), (ST.c.speaker_key, keys)):
        for i in range(0, len(values), _CHUNK):
            for r in conn.execute(sa.select(ST).where(col.in_(values[i:i + _CHUNK]))):
                row = Row.read(r)
                out[row.speaker] = row
    return out


def _delete(conn: sa.Connection, speakers: Iterable[Speaker]) -> None:
    ents = sorted(k[1] for k in speakers if k[0] == "e")
    keys = sorted(k[1] for k in speakers if k[0] == "s")
    for col, values in ((ST.c.canonical_id, ents), (ST.c.speaker_key, keys)):
        for i in range(0, len(values), _CHUNK):
            conn.execute(ST.delete().where(col.in_(values[i:i + _CHUNK])))


def _insert(conn: sa.Connection, rows: Iterable[Row]) -> None:
    values = [r.values() for r in rows]
    for i in range(0, len(values), 2000):
        conn.execute(ST.insert(), values[i:i + 2000])


def add_articles(conn: sa.Connection, article_ids: Sequence[str]) -> None:
    """Add the counted quotes of newly stored articles (already inserted in this
    transaction, by whichever path: built here or merged from the staging tables)."""
    quotes = _quotes_of_articles(conn, article_ids)
    if not quotes:
        return
    fresh = build(quotes, quote_topics(conn, [q.article_id for q in quotes]))
    stored = _stored(conn, fresh)
    for key, row in fresh.items():
        old = stored.get(key)
        if old is not None:
            old.join(row)
            fresh[key] = old
    _delete(conn, stored)
    _insert(conn, fresh.values())


def touched(conn: sa.Connection, article_ids: Sequence[str]) -> set[Speaker]:
    """The speakers that the counted quotes of these articles count towards."""
    return {speaker_of(q.canonical_id, q.speaker) for q in _quotes_of_articles(conn, article_ids)}


def computed(conn: sa.Connection, speakers: Iterable[Speaker] | None = None) -> dict[Speaker, Row]:
    """The rows :func:`recount` writes, from the quotes: of ``speakers`` (None: every one)."""
    if speakers is None:
        quotes = list(conn.execute(sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id).where(*counted())))
    else:
        wanted = set(speakers)
        ents = sorted(k[1] for k in wanted if k[0] == "e")
        keys = {k[1] for k in wanted if k[0] == "s"}
        quotes = []
        for i in range(0, len(ents), _CHUNK):
            quotes.extend(conn.execute(sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
                                       .where(Q.c.canonical_id.in_(ents[i:i + _CHUNK]), *counted())))
        if keys:  # the unresolved speakers whose folded name is one of these
            names = [n for n in conn.execute(sa.select(Q.c.speaker).where(Q.c.canonical_id.is_(None), *counted())
                                             .distinct()).scalars() if speaker_key(n) in keys]
            for i in range(0, len(names), _CHUNK):
                quotes.extend(conn.execute(sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
                                           .where(Q.c.canonical_id.is_(None), Q.c.speaker.in_(names[i:i + _CHUNK]),
                                                  *counted())))
    return build(quotes, quote_topics(conn, [q.article_id for q in quotes]))


def recount(conn: sa.Connection, speakers: Iterable[Speaker] | None = None) -> None:
    """Rewrite the rows of ``speakers`` (None: of every speaker) from the stored quotes."""
    if speakers is None:
        conn.execute(ST.delete())
        _insert(conn, computed(conn).values())
        return
    wanted = set(speakers)
    _delete(conn, wanted)
    _insert(conn, computed(conn, wanted).values())
