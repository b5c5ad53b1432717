"""Registered, versioned schema steps, each applied once and recorded in ``ledger_migrations``.

A step is a function of a connection inside a transaction. Steps run in version order; a
ledger created by an older release is brought up to date when it is opened. To change the
schema, append a step with the next version: never edit one that has been released.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from . import schema as s


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[Callable[[sa.Connection], None]], Callable[[sa.Connection], None]]:
    """Register a step (decorator)."""

    def add(fn: Callable[[sa.Connection], None]) -> Callable[[sa.Connection], None]:
        if any(m.version == version for m in MIGRATIONS):
            raise ValueError(f"migration {version} registered twice")
        MIGRATIONS.append(Migration(version, name, fn))
        MIGRATIONS.sort(key=lambda m: m.version)
        return fn

    return add


_V1_TABLES = [
    s.articles, s.article_bands, s.canonical_entities, s.entity_aliases, s.canonical_places,
    s.entities, s.places, s.quotes, s.quote_places, s.quantities, s.times, s.events, s.claims,
]


@migration(1, "tables for articles, records, canonical entities and places, claims")
def _v1(conn: sa.Connection) -> None:
    s.metadata.create_all(conn, tables=_V1_TABLES)


# FTS5 over article text/title and quote text/speaker. External-content tables: the text is
# stored once, in articles/quotes; triggers kept the index in step until step 7.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker); END",
    "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) "
    "VALUES ('delete', old.rowid, old.text, old.speaker); END",
]

# PostgreSQL: expression GIN indexes that queries.search matches with to_tsvector(...) @@ ...
_PG_FTS = [
    "CREATE INDEX ix_articles_tsv ON articles USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX ix_quotes_tsv ON quotes USING GIN "
    "(to_tsvector('english', coalesce(text, '') || ' ' || coalesce(speaker, '')))",
]


@migration(2, "full-text search: FTS5 on SQLite, tsvector GIN indexes on PostgreSQL")
def _v2(conn: sa.Connection) -> None:
    statements = _SQLITE_FTS if conn.dialect.name == "sqlite" else _PG_FTS
    for sql in statements:
        conn.exec_driver_sql(sql)


# Covering indexes for the desk's list queries. Measured on a 5,000-article ledger (SQLite):
# /api/quotes 99 -> 16 ms, /api/places 334 -> 68 ms (benchmarks/desk_api.py).
_V3_INDEXES = [
    "CREATE INDEX ix_articles_cover ON articles (id, published, publisher, cluster_id, title)",
    "CREATE INDEX ix_places_cover ON places (canonical_id, article_id, n_mentions)",
    "CREATE INDEX ix_quotes_cover ON quotes (canonical_id, article_id, id)",
]


@migration(3, "covering indexes for the desk's list queries")
def _v3(conn: sa.Connection) -> None:
    for sql in _V3_INDEXES:
        conn.exec_driver_sql(sql)


@migration(4, "articles.outlet_country; indexes on language and outlet country")
def _v4(conn: sa.Connection) -> None:
    # A ledger created at this release got the column from step 1 (which builds the tables
    # as schema.py defines them now); one from an older release gets it here.
    have = {c["name"] for c in sa.inspect(conn).get_columns(s.articles.name)}
    if "outlet_country" not in have:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN outlet_country VARCHAR(100)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_language ON articles (language)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_outlet_country ON articles (outlet_country)")


#: Columns migration 5 adds to ``events`` (issue 18), with their SQL types.
_V5_EVENT_COLUMNS = {
    "shown": "BOOLEAN", "acled_sub_event_type": "VARCHAR(64)", "non_acled": "VARCHAR(32)",
    "generic": "BOOLEAN", "date_basis": "VARCHAR(16)", "same_as": "VARCHAR(64)", "salience": "FLOAT",
}


@migration(5, "events: shown, ACLED sub-event type, non-ACLED reason, generic, date basis, same-as, "
              "salience; articles.main_event_id")
def _v5(conn: sa.Connection) -> None:
    # As in step 4, a ledger created at this release already has the columns from step 1.
    have = {c["name"] for c in sa.inspect(conn).get_columns(s.events.name)}
    for name, sql_type in _V5_EVENT_COLUMNS.items():
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} {sql_type}")
    have_a = {c["name"] for c in sa.inspect(conn).get_columns(s.articles.name)}
    if "main_event_id" not in have_a:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN main_event_id VARCHAR(64)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_events_shown ON events (shown)")
    # Events stored before this step: the columns from each record's JSON, read through the
    # model, so a record written before issue 18 gets its defaults (not shown, basis "none").
    from ..models import Event

    _fill_from_records(conn, s.events, Event, list(_V5_EVENT_COLUMNS))


def _fill_from_records(conn: sa.Connection, table: sa.Table, model: type[Any], columns: list[str]) -> None:
    """Set ``columns`` of the rows a step has just added them to (still NULL in ``shown``) from
    each stored record's JSON, read through ``model`` so that older records get its defaults."""
    rows = conn.execute(sa.select(table.c.article_id, table.c.id, table.c.data).where(table.c.shown.is_(None))).all()
    updates = []
    for r in rows:
        rec = model.model_validate(r.data)
        updates.append({"aid": r.article_id, "rid": r.id, **{f"v_{k}": getattr(rec, k) for k in columns}})
    if updates:
        conn.execute(table.update().where(table.c.article_id == sa.bindparam("aid"), table.c.id == sa.bindparam("rid"))
                     .values(**{k: sa.bindparam(f"v_{k}") for k in columns}), updates)


@migration(6, "articles.pipeline and pipeline_key: the pipeline that produced each report")
def _v6(conn: sa.Connection) -> None:
    # As in step 4: a ledger created at this release has the columns from step 1.
    have = {c["name"] for c in sa.inspect(conn).get_columns(s.articles.name)}
    json_type = "JSONB" if conn.dialect.name == "postgresql" else "JSON"
    if "pipeline" not in have:
        conn.exec_driver_sql(f"ALTER TABLE articles ADD COLUMN pipeline {json_type}")
    if "pipeline_key" not in have:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN pipeline_key VARCHAR(16)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_pipeline_key ON articles (pipeline_key)")


# Step 7: on SQLite the store indexes each batch's new articles and quotes with one
# INSERT ... SELECT (ledger.store.insert_rows) instead of a trigger per row: FTS5 takes a
# fifth of the time of a batch through row triggers, under a fifth of that in bulk
# (benchmarks/throughput.py, docs/performance.md). The delete triggers stay.
_V7_DROP = ["DROP TRIGGER IF EXISTS articles_fts_ai", "DROP TRIGGER IF EXISTS quotes_fts_ai"]


@migration(7, "SQLite full-text index written per batch by the store, not by a trigger per row")
def _v7(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        for sql in _V7_DROP:
            conn.exec_driver_sql(sql)


# Word forms in search (issue 23: "strike" found 19 articles, "strikes" 9): the FTS5 tables of
# step 2, rebuilt with the Porter stemmer in front of the same unicode61 tokenizer. PostgreSQL's
# 'english' configuration of step 2 already stems, so it needs nothing.
_V8_SQLITE_FTS = [
    "DROP TRIGGER IF EXISTS articles_fts_ai", "DROP TRIGGER IF EXISTS articles_fts_ad",
    "DROP TRIGGER IF EXISTS quotes_fts_ai", "DROP TRIGGER IF EXISTS quotes_fts_ad",
    "DROP TABLE IF EXISTS articles_fts", "DROP TABLE IF EXISTS quotes_fts",
    *(sql.replace("tokenize='unicode61", "tokenize='porter unicode61") for sql in _SQLITE_FTS),
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
    *_V7_DROP,  # step 7 still holds: the store writes the index per batch
]


@migration(8, "full-text search with word forms: FTS5 tables rebuilt with the Porter stemmer (SQLite)")
def _v8(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        for sql in _V8_SQLITE_FTS:
            conn.exec_driver_sql(sql)


@migration(9, "per-entity counts kept at ingest (entity_stats); each alias's spelling keys (entity_aliases.spelling)")
def _v9(conn: sa.Connection) -> None:
    # The people lists read one counted row per entity instead of aggregating every mention
    # and quote per request; the name filters and search's other spellings match the stored
    # keys instead of keying every alias's words per request (docs/reliability.md, "Load").
    from . import entity_stats
    from .resolve import spelling_keys

    have = {c["name"] for c in sa.inspect(conn).get_columns(s.entity_aliases.name)}
    if "spelling" not in have:  # as in step 4: a ledger created at this release has it
        conn.exec_driver_sql("ALTER TABLE entity_aliases ADD COLUMN spelling TEXT")
    al = s.entity_aliases
    rows = conn.execute(sa.select(al.c.canonical_id, al.c.alias).where(al.c.spelling.is_(None))).all()
    _set_alias_spellings(conn, [(r.canonical_id, r.alias, spelling_keys(r.alias)) for r in rows])
    s.entity_stats.create(conn, checkfirst=True)
    # The count reads step 11's quotes.shown: on a ledger older than that, step 11 counts.
    if "shown" in {c["name"] for c in sa.inspect(conn).get_columns(s.quotes.name)}:
        entity_stats.recount(conn)
    for sql in _V9_INDEXES:
        conn.exec_driver_sql(sql)
    s.ledger_generation.create(conn, checkfirst=True)
    if conn.execute(sa.select(sa.func.count()).select_from(s.ledger_generation)).scalar_one() == 0:
        conn.execute(s.ledger_generation.insert().values(id=1, n=0))
    for sql in _V9_SQLITE_TRIGGERS if conn.dialect.name == "sqlite" else _V9_PG_TRIGGERS:
        conn.exec_driver_sql(sql)


# The quote lists newest first walk the articles in this order and stop at the page; a
# person filter finds the unresolved speakers it names by their text.
# The write generation: every statement that writes articles bumps it (one row update per
# article row on SQLite, one per statement on PostgreSQL), in the writer's own transaction.
_V9_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS articles_generation_{op[0].lower()} AFTER {op} ON articles "
    "BEGIN UPDATE ledger_generation SET n = n + 1 WHERE id = 1; END"
    for op in ("INSERT", "UPDATE", "DELETE")
]
_V9_PG_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION newsledger_next_generation() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN UPDATE ledger_generation SET n = n + 1 WHERE id = 1; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS articles_generation ON articles",
    "CREATE TRIGGER articles_generation AFTER INSERT OR UPDATE OR DELETE ON articles "
    "FOR EACH STATEMENT EXECUTE FUNCTION newsledger_next_generation()",
]
_V9_INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_articles_newest ON articles (published DESC, id)",
    "CREATE INDEX IF NOT EXISTS ix_quotes_speaker ON quotes (speaker, canonical_id)",
]


# Step 10 (issue 22): staging tables on PostgreSQL, where the ingest workers write the content
# rows of the reports they analysed, in parallel, for the one writer to move into the ledger
# (ledger.staging). UNLOGGED: they hold work in progress, which a rerun redoes, so a server
# crash may empty them and nothing is lost; writing them costs no WAL.
@migration(10, "staging tables for the content rows written by parallel ingest workers (PostgreSQL)")
def _v10(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        s.stage_metadata.create_all(conn, checkfirst=True)


def _add_record_columns(conn: sa.Connection, table: str, columns: tuple[tuple[str, str], ...]) -> None:
    """Add the columns a record table lacks (name, SQL type), to the table and, on PostgreSQL,
    to its staging table of step 10 where that exists."""
    tables = [table]
    if conn.dialect.name == "postgresql" and sa.inspect(conn).has_table(s.STAGE[table].name):
        tables.append(s.STAGE[table].name)
    for name in tables:
        have = {c["name"] for c in sa.inspect(conn).get_columns(name)}
        for column, sql_type in columns:
            if column not in have:
                conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {column} {sql_type}")


@migration(11, "quotes: confidence and shown (the record's calibrated confidence; shown by default at 0.9)")
def _v11(conn: sa.Connection) -> None:
    # As in step 4, a ledger created at this release already has the columns from step 1; the
    # PostgreSQL staging tables of step 10 stage quotes too, so they get the columns as well.
    _add_record_columns(conn, "quotes", (("confidence", "FLOAT"), ("shown", "BOOLEAN")))
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_quotes_shown ON quotes (shown)")
    # Quotes stored before this step: the columns from each record's JSON, read through the
    # model; a record written before issue 17's confidence has none and is shown (Quote.shown's
    # default), so an older ledger's views do not go empty; `newsledger reanalyze` scores them.
    from ..models import Quote
    from . import entity_stats

    _fill_from_records(conn, s.quotes, Quote, ["confidence", "shown"])
    if sa.inspect(conn).has_table(s.entity_stats.name):
        entity_stats.recount(conn)  # the people lists count the quotes shown by default
    from . import speaker_stats

    if sa.inspect(conn).has_table(s.speaker_stats.name):
        speaker_stats.recount(conn)  # so does the expert directory (step 12)


# PostgreSQL: each row's search vector stored (a generated column, written by the server on
# every insert and update, whatever path inserts) and indexed, instead of the expression
# indexes of step 2. A search ranks every match (ts_rank) and pages the matching articles newest
# first: with the expression index each match's vector was computed again from the text
# (1,875 matches of "governor" on the 5,000-article load ledger: 330 ms for the ranking, 290 ms
# for the page); read from the column they cost a few ms. The expressions are step 2's, so
# every search finds and ranks what it did.
PG_SEARCH_VECTORS = {
    "articles": "to_tsvector('english', coalesce(title, '') || ' ' || text)",
    "quotes": "to_tsvector('english', coalesce(text, '') || ' ' || coalesce(speaker, ''))",
}
#: The stored search vector's column (PostgreSQL only; not in schema.py: SQLite searches FTS5).
SEARCH_VECTOR = "search_tsv"


@migration(12, "per-speaker rows of the expert directory kept at ingest (speaker_stats); "
               "stored, indexed search vectors on PostgreSQL")
def _v12(conn: sa.Connection) -> None:
    # The directory with no filter reads the page's rows instead of grouping every counted
    # quote per request (docs/reliability.md, "Load"). Counted from step 11's quotes.shown.
    from . import speaker_stats

    s.speaker_stats.create(conn, checkfirst=True)
    speaker_stats.recount(conn)
    if conn.dialect.name == "postgresql":
        for table, expr in PG_SEARCH_VECTORS.items():
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {SEARCH_VECTOR} tsvector "
                                 f"GENERATED ALWAYS AS ({expr}) STORED")
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{table}_search_tsv ON {table} "
                                 f"USING GIN ({SEARCH_VECTOR})")
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table}_tsv")


# Step 11's index on quotes.shown alone led SQLite's planner astray: with no statistics it
# took the index for a selective one, so "this article's shown quotes" read every shown quote
# of the ledger instead of the article's rows by the primary key (the article page 8.8 ->
# 27.5 ms of CPU and the article list 7.5 -> 31.5 ms on the 5,692-article load ledger, which
# halved the desk's throughput under load). A two-valued column is no index's first column:
# the whole-ledger quote list filters it while it reads quotes in article order anyway.
@migration(13, "quotes: drop the index on shown alone (SQLite's planner preferred it to the primary key)")
def _v13(conn: sa.Connection) -> None:
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_quotes_shown")


@migration(14, "places: shown (resolved at the places layer's shown_confidence, 0.9, or more; issue 19)")
def _v14(conn: sa.Connection) -> None:
    # As in step 11: a ledger created at this release has the column from step 1, and the
    # PostgreSQL staging tables of step 10 stage places too, so they get it as well.
    _add_record_columns(conn, "places", (("shown", "BOOLEAN"),))
    # Places stored before this step: the flag read through the model, which derives it from
    # the stored record's resolution and confidence (models.PLACE_SHOWN_CONFIDENCE). No index
    # on a two-valued column (step 13): the place lists group the place rows anyway.
    from ..models import Place

    _fill_from_records(conn, s.places, Place, ["shown"])


@migration(15, "aliases: spelling keys recomputed (Polish letters and the w/v of transliteration fold; issue 17)")
def _v15(conn: sa.Connection) -> None:
    # The spelling key now folds "ł" and its kind, and "w" to "v" ("Wołodymyr" = "Volodymyr"):
    # stored keys made before this step would no longer match a search for another spelling.
    # Canonical keys need no rewrite: a process reads its merges back from the aliases under
    # today's keys (canonical.Canonicals._merged_from_aliases).
    _respell_aliases(conn)


@migration(16, "aliases: spelling keys recomputed (Polish sz, cz and the kh/ch/zh of transliteration fold; issue 17)")
def _v16(conn: sa.Connection) -> None:
    # As step 15, for the next letters the key folds: "Łukaszenko" = "Lukashenko",
    # "Michaił" = "Mikhail", "Prigożyn" = "Prigozhin".
    _respell_aliases(conn)


def _respell_aliases(conn: sa.Connection) -> None:
    """Store today's spelling keys of the aliases whose stored keys differ (steps 15 and 16)."""
    from .resolve import spelling_keys

    al = s.entity_aliases
    rows = conn.execute(sa.select(al.c.canonical_id, al.c.alias, al.c.spelling)).all()
    _set_alias_spellings(conn, [(r.canonical_id, r.alias, k) for r in rows
                                if (k := spelling_keys(r.alias)) != r.spelling])


def _set_alias_spellings(conn: sa.Connection, rows: list[tuple[int, str, str]]) -> None:
    """Store the spelling keys of aliases: (canonical id, alias, keys) per row (steps 9, 15, 16)."""
    if not rows:
        return
    al = s.entity_aliases
    conn.execute(al.update().where(al.c.canonical_id == sa.bindparam("cid"), al.c.alias == sa.bindparam("a"))
                 .values(spelling=sa.bindparam("k")), [{"cid": c, "a": a, "k": k} for c, a, k in rows])


#: PostgreSQL advisory lock held while migrating, so two processes opening a new ledger at
#: once apply each step once (SQLite gets the same from ``BEGIN IMMEDIATE``).
PG_LOCK_ID = 7_355_608


def applied(conn: sa.Connection) -> set[int]:
    """Versions recorded in ``ledger_migrations`` (none when the table is not there yet)."""
    if not sa.inspect(conn).has_table(s.migrations.name):
        return set()
    return {int(v) for v in conn.execute(sa.select(s.migrations.c.version)).scalars()}


def check_not_newer(have: set[int], engine: sa.Engine) -> None:
    """Refuse a ledger migrated by a newer release: this code does not know its tables, and
    would fail on every write (E300) or read it wrongly."""
    ours = max(m.version for m in MIGRATIONS)
    theirs = max(have, default=0)
    if theirs > ours:
        from ..errors import NewerSchemaError

        raise NewerSchemaError(
            f"the ledger has schema version {theirs}, newer than this newsledger's schema version {ours}: "
            "upgrade newsledger to use it", source=engine.url.render_as_string(hide_password=True))


def migrate(engine: sa.Engine) -> list[int]:
    """Apply every pending step, each in its own transaction; returns the versions applied.

    An up-to-date ledger is only read; otherwise steps run under the write lock and are
    re-checked there, since another process may have applied them meanwhile.
    """
    from .engine import WRITE_OPTION

    with engine.connect() as conn:
        have = applied(conn)
    check_not_newer(have, engine)
    todo = [m for m in MIGRATIONS if m.version not in have]
    done: list[int] = []
    if not todo:
        return done
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
        for m in todo:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_ID})")
                s.migrations.create(conn, checkfirst=True)
                if m.version in applied(conn):
                    continue
                m.apply(conn)
                if m.version >= 9:  # what readers cached before this step is stale (see step 9)
                    conn.execute(s.ledger_generation.update().values(n=s.ledger_generation.c.n + 1))
                conn.execute(s.migrations.insert().values(
                    version=m.version, name=m.name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
            done.append(m.version)
    return done


def current_version(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return max(applied(conn), default=0)
