"""The ledger's tables, in SQLAlchemy Core, for SQLite and PostgreSQL alike.

Each per-article record table has a few columns to query on (names, spans, values) and a
``data`` column holding the whole record as JSON (its model in :mod:`newsledger.models`),
so nothing a layer extracts is lost and a :class:`~newsledger.models.Report` can be rebuilt.

These definitions are the schema as of the latest migration. Changing a table means adding
a step to :mod:`newsledger.ledger.migrations`, never editing one already released.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

#: JSON column type: JSONB on PostgreSQL, JSON text on SQLite.
JSONT = sa.JSON().with_variant(JSONB(), "postgresql")

ID = sa.String(64)


def _span_cols(prefix: str = "") -> list[sa.Column[object]]:
    return [sa.Column(f"{prefix}start", sa.Integer), sa.Column(f"{prefix}end", sa.Integer)]


migrations = sa.Table(
    "ledger_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", ID, primary_key=True),  # content hash (ingest.article.article_id)
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("byline", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(40)),  # UTC ISO 8601 (ingest.dates): compares as text
    sa.Column("language", sa.String(16)),
    sa.Column("source_kind", sa.String(16)),
    sa.Column("source_path", sa.Text),
    sa.Column("source", JSONT),  # SourceInfo
    sa.Column("schema_version", sa.String(16)),
    sa.Column("warnings", JSONT),
    sa.Column("cluster_id", ID, nullable=False),  # earliest article (published, then id) of its near-duplicate cluster
    sa.Column("similarity", sa.Float),  # estimated Jaccard to the article naming the cluster
    sa.Column("minhash", sa.LargeBinary),  # MinHash signature (uint64 hash values)
    sa.Column("ingested_at", sa.String(40), nullable=False),
    sa.Column("outlet_country", sa.String(100)),  # migration 4; ISO 3166-1 alpha-2 when known
    sa.Column("main_event_id", sa.String(64)),  # migration 5; Report.main_event_id, the story's lead event
    # migration 6: the pipeline that produced the report (models.PipelineInfo) and its key;
    # NULL for an article stored before it was recorded, or stored without analysis
    sa.Column("pipeline", JSONT),
    sa.Column("pipeline_key", sa.String(16)),
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_cluster", "cluster_id"),
    sa.Index("ix_articles_url", "url"),
)

#: LSH bands of each article's MinHash: articles sharing a band are near-duplicate candidates.
article_bands = sa.Table(
    "article_bands", metadata,
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("hash", sa.String(16), nullable=False),
    sa.Index("ix_article_bands_hash", "band", "hash"),
)

canonical_entities = sa.Table(
    "canonical_entities", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("label", sa.String(8), nullable=False),
    sa.Column("key", sa.String(300), nullable=False),  # see ledger.resolve
    sa.Column("name", sa.Text, nullable=False),  # a person's most used full name (canonical.Canonicals.settle), else the fullest seen
    sa.UniqueConstraint("label", "key", name="uq_canonical_entities_key"),
)

entity_aliases = sa.Table(
    "entity_aliases", metadata,
    sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_entities.id"), primary_key=True),
    sa.Column("alias", sa.String(300), primary_key=True),
    # migration 9: the spelling keys of the alias's words (resolve.spelling_keys), matched by
    # the person filters and by search's other spellings without keying every alias per request
    sa.Column("spelling", sa.Text),
)

#: One row whose ``n`` grows with every write to ``articles`` (insert, update, delete: every
#: write path adds, re-analyses or renames articles), by triggers (migration 9): the desk's
#: cache of answers is valid for one value of it (:mod:`newsledger.server.cache`).
ledger_generation = sa.Table(
    "ledger_generation", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.BigInteger, nullable=False),
)

#: Per canonical entity, what the people and organisation lists show when no filter narrows
#: the articles (migration 9): kept by the store on every write, equal to a recount over the
#: records (:mod:`newsledger.ledger.entity_stats`).
entity_stats = sa.Table(
    "entity_stats", metadata,
    sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_entities.id"), primary_key=True,
              autoincrement=False),
    sa.Column("n_articles", sa.Integer, nullable=False),  # articles with a mention
    sa.Column("mentions", sa.Integer, nullable=False),  # sum of entities.n_mentions
    sa.Column("n_quotes", sa.Integer, nullable=False),  # counted quotes (queries.experts.counted_quote)
    sa.Column("n_quoted_articles", sa.Integer, nullable=False),  # articles holding one of them
    sa.Column("first_seen", sa.String(40)),  # min(articles.published) over the mentioning articles
    sa.Column("last_seen", sa.String(40)),
    # the role of the latest mention that has one: published (undated last), then article id,
    # then record id; with the key of that mention, so a new article compares against it
    sa.Column("latest_role", sa.Text),
    sa.Column("role_published", sa.String(40)),
    sa.Column("role_article_id", ID),
    sa.Column("role_entity_id", sa.String(64)),
)

#: Per speaker of the expert directory (a canonical entity, or an unresolved speaker by its
#: folded name), what the directory shows when no filter is set (migration 12): kept by the
#: store on every write, equal to the directory computed over the quotes
#: (:mod:`newsledger.ledger.speaker_stats`). Exactly one of ``canonical_id`` and
#: ``speaker_key`` is set; the key is a hash so its index stays small whatever the text.
speaker_stats = sa.Table(
    "speaker_stats", metadata,
    sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_entities.id"), unique=True),
    sa.Column("speaker_key", sa.String(64), unique=True),  # sha256 of resolve.fold(speaker), unresolved only
    sa.Column("name", sa.Text, nullable=False),  # the speaker as written in the first quote (article id, quote id)
    sa.Column("first_article_id", ID, nullable=False),
    sa.Column("first_quote_id", sa.String(64), nullable=False),
    sa.Column("n_quotes", sa.Integer, nullable=False),  # counted quotes (queries.experts.counted_quote)
    sa.Column("n_articles", sa.Integer, nullable=False),  # articles holding one of them
    sa.Column("first_quoted", sa.String(40)),  # min and max of their articles' published
    sa.Column("last_quoted", sa.String(40)),
    sa.Column("affiliations", sa.JSON, nullable=False),  # the distinct values, sorted
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("source_types", sa.JSON, nullable=False),
    sa.Column("topics", sa.JSON, nullable=False),  # [[place name, quote places], ...] by name
    sa.CheckConstraint("(canonical_id IS NULL) <> (speaker_key IS NULL)", name="ck_speaker_stats_one_key"),
)
sa.Index("ix_speaker_stats_rank", speaker_stats.c.n_quotes)

canonical_places = sa.Table(
    "canonical_places", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(300), nullable=False, unique=True),  # "gn:<id>" or "name:<name>"
    sa.Column("geonameid", sa.Integer, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_key", sa.String(300), nullable=False, index=True),  # resolve.fold(name)
    sa.Column("country_code", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("feature_class", sa.String(4)),
    sa.Column("feature_code", sa.String(16)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
)


def _record_table(name: str, *cols: sa.Column[object] | sa.Index) -> sa.Table:
    """A per-article record table: (article_id, id) key, query columns, the record as JSON."""
    return sa.Table(
        name, metadata,
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        *cols,
        sa.Column("data", JSONT, nullable=False),
    )


entities = _record_table(
    "entities",
    sa.Column("label", sa.String(8)),
    sa.Column("name", sa.Text),
    sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_entities.id")),
    sa.Column("role", sa.Text),
    sa.Column("affiliation", sa.Text),
    sa.Column("titles", sa.Text),
    sa.Column("n_mentions", sa.Integer),
    *_span_cols(),  # first mention
    sa.Index("ix_entities_canonical", "canonical_id"),
)

places = _record_table(
    "places",
    sa.Column("name", sa.Text),
    sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_places.id")),
    sa.Column("geonameid", sa.Integer),
    sa.Column("resolved", sa.Boolean),
    sa.Column("role", sa.String(16)),
    sa.Column("n_mentions", sa.Integer),
    *_span_cols(),
    # migration 14 (issue 19): Place.shown, resolved at PlacesConfig.shown_confidence or more
    sa.Column("shown", sa.Boolean),
    sa.Index("ix_places_canonical", "canonical_id"),
)

quotes = _record_table(
    "quotes",
    sa.Column("kind", sa.String(16)),
    sa.Column("text", sa.Text),  # the content pieces joined
    sa.Column("speaker", sa.Text),  # resolved name or group description
    sa.Column("speaker_text", sa.Text),  # the source as written
    sa.Column("entity_id", sa.String(64)),
    sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_entities.id")),
    sa.Column("named", sa.Boolean),
    sa.Column("role", sa.Text),
    sa.Column("affiliation", sa.Text),
    sa.Column("source_type", sa.String(16)),
    *_span_cols(),
    # migration 11 (issues 17, 23): the record's confidence and whether it is shown by default
    sa.Column("confidence", sa.Float),  # Quote.confidence
    sa.Column("shown", sa.Boolean),  # Quote.shown: confidence >= QuotesConfig.shown_confidence
    sa.Index("ix_quotes_canonical", "canonical_id"),
    # (no index on shown: migration 13 drops step 11's, which SQLite's planner preferred to the
    # primary key for one article's quotes)
)

#: Places named inside a quote's content, for ``quotes --about PLACE``.
quote_places = sa.Table(
    "quote_places", metadata,
    sa.Column("article_id", ID, primary_key=True),
    sa.Column("quote_id", sa.String(64), primary_key=True),
    sa.Column("canonical_place_id", sa.Integer, sa.ForeignKey("canonical_places.id"), primary_key=True),
    sa.ForeignKeyConstraint(["article_id", "quote_id"], ["quotes.article_id", "quotes.id"], ondelete="CASCADE"),
    sa.Index("ix_quote_places_place", "canonical_place_id"),
)

quantities = _record_table(
    "quantities",
    sa.Column("text", sa.Text),
    sa.Column("value", sa.Float),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("unit", sa.String(64)),
    sa.Column("si_value", sa.Float),
    sa.Column("dimension", sa.String(32)),
    sa.Column("qualifier", sa.Text),
    sa.Column("bound", sa.String(16)),
    sa.Column("measures", sa.Text),
    sa.Column("count_type", sa.String(64)),
    sa.Column("date", sa.String(40)),
    *_span_cols(),
)

times = _record_table(
    "times",
    sa.Column("text", sa.Text),
    sa.Column("kind", sa.String(16)),
    sa.Column("value", sa.String(64)),
    *_span_cols(),
)

events = _record_table(
    "events",
    sa.Column("plover_type", sa.String(64)),
    sa.Column("acled_event_type", sa.String(64)),
    sa.Column("place_id", sa.String(64)),  # the article's place record
    sa.Column("canonical_place_id", sa.Integer, sa.ForeignKey("canonical_places.id")),
    sa.Column("date", sa.String(40)),
    sa.Column("modality", sa.String(16)),
    sa.Column("confidence", sa.Float),
    *_span_cols(),  # trigger
    # migration 5 (issue 18): what decides whether an event is shown by default, and its coding
    sa.Column("shown", sa.Boolean),  # Event.shown: an occurrence at >= SHOWN_CONFIDENCE
    sa.Column("acled_sub_event_type", sa.String(64)),
    sa.Column("non_acled", sa.String(32)),  # why the act is outside ACLED (diplomacy, crime, ...)
    sa.Column("generic", sa.Boolean),
    sa.Column("date_basis", sa.String(16)),  # "text", "published" or "none"
    sa.Column("same_as", sa.String(64)),  # the earlier event of the article this one refers to
    sa.Column("salience", sa.Float),
    sa.Index("ix_events_place", "canonical_place_id"),
    sa.Index("ix_events_shown", "shown"),
)

#: A figure or attributed statement under a normalised key (subject, relation, object).
claims = sa.Table(
    "claims", metadata,
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),  # "c-<quantity or quote id>"
    sa.Column("key", sa.String(600), nullable=False),  # "subject|relation|object", normalised
    sa.Column("subject", sa.Text),
    sa.Column("relation", sa.Text, nullable=False),
    sa.Column("object", sa.Text),
    sa.Column("value", sa.Float),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("unit", sa.String(64)),
    sa.Column("value_text", sa.Text),  # the figure or statement as written
    sa.Column("qualifier", sa.Text),
    sa.Column("bound", sa.String(16)),
    sa.Column("date", sa.String(40)),  # what the claim refers to, else the publication date
    sa.Column("published", sa.String(40)),
    sa.Column("source", sa.Text),  # the publisher reporting it
    sa.Column("cited", sa.Text),  # whom the report cites ("UK military intelligence")
    sa.Column("cited_type", sa.String(16)),
    sa.Column("quantity_id", sa.String(64)),
    sa.Column("quote_id", sa.String(64)),
    sa.Column("canonical_place_id", sa.Integer, sa.ForeignKey("canonical_places.id")),
    sa.Column("cluster_id", ID),  # the article's near-duplicate cluster: counts independent sources
    *_span_cols(),
    sa.Index("ix_claims_key", "key"),
    sa.Index("ix_claims_place", "canonical_place_id"),
)

#: Record tables in the order they are written (and deleted in reverse).
RECORD_TABLES = (entities, places, quotes, quote_places, quantities, times, events, claims)

#: Staging tables (migration 10, PostgreSQL only): the content rows of analysed reports,
#: written by the worker processes in parallel (:mod:`newsledger.ledger.staging`) and moved
#: into the tables above by the one writer, which fills in the merged columns. Same columns
#: as the table they stage, no keys or constraints; ``stage_articles.stage_token`` names the
#: ingest run that wrote a row. A migration adding a column to a staged table adds it here too.
stage_metadata = sa.MetaData()
STAGED = (articles, article_bands, entities, places, quotes, quantities, times, events)
STAGE: dict[str, sa.Table] = {
    t.name: sa.Table(f"stage_{t.name}", stage_metadata,
                     *(sa.Column(c.name, c.type) for c in t.columns),
                     *([sa.Column("stage_token", sa.String(32))] if t is articles else []),
                     sa.Index(f"ix_stage_{t.name}_article", "id" if t is articles else "article_id"),
                     prefixes=["UNLOGGED"])
    for t in STAGED}
