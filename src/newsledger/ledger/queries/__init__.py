"""Reading the ledger: the one query layer the CLI and the REST API both call.

Each query takes what to read from (an open :class:`~newsledger.ledger.Ledger`, or a
connection the caller holds), a :class:`Filters` and a :class:`Page`, and returns typed rows
(pydantic models; ``row.model_dump()`` is JSON-ready). Names match by one rule everywhere
(:mod:`.names`); a filter a query cannot apply is refused (:class:`~newsledger.errors.QueryError`),
never ignored. The same SQL runs on SQLite and PostgreSQL, except full-text search.

Modules, by what they hold: :mod:`.articles`, :mod:`.quotes`, :mod:`.entities` (people and
organisations), :mod:`.experts`, :mod:`.places`, :mod:`.events`, :mod:`.claims`,
:mod:`.search`, :mod:`.facets`, :mod:`.geojson`, :mod:`.reports` (stored reports, spans in context, counts).
"""

from __future__ import annotations

from .articles import SUPPORTED as _ARTICLES
from .articles import ArticleDetail, ArticleRow, DeskStats, article, articles, desk_stats
from .claims import SERIES_FILTERS as _SERIES
from .claims import SUPPORTED as _CLAIMS
from .claims import ClaimRef, ClaimRow, ClaimSeriesRow, claim_series, claims
from .entities import SUPPORTED as _ENTITIES
from .entities import EntityDetail, EntityRow, RoleRow, Spelling, entities, entity
from .events import SUPPORTED as _EVENTS
from .events import AcledTypeRow, EventRow, EventTypeRow, acled_types, event_types, events
from .experts import SUPPORTED as _EXPERTS
from .experts import ExpertRow, experts
from .facets import Facets, FacetValue, facets
from .filters import FILTER_HELP, Filters, Page, Paged, valid_date
from .geojson import SUPPORTED as _GEOJSON
from .geojson import FeatureCollection, geojson
from .places import DETAIL_FILTERS as _PLACE
from .places import SUPPORTED as _PLACES
from .places import PlaceDetail, PlaceRow, place, places
from .quotes import SUPPORTED as _QUOTES
from .quotes import QuoteRow, quotes
from .reports import CONTEXT_CHARS, SpanContext, context, iter_reports, report, stats
from .search import SEARCH_TIME_LIMIT_S, SearchHit, SearchResult, search, search_all, search_conditions
from .search import SUPPORTED as _SEARCH
from .source import Source
from .timeline import QUOTE_COUNT_FILTERS as _QUOTE_COUNTS
from .timeline import SUPPORTED as _TIMELINE
from .timeline import EventCountRow, event_counts, quote_counts

#: Each query and the filters it applies.
SUPPORTED: dict[str, tuple[str, ...]] = {
    "articles": _ARTICLES, "quotes": _QUOTES, "entities": _ENTITIES, "experts": _EXPERTS, "places": _PLACES,
    "place": _PLACE, "events": _EVENTS, "claims": _CLAIMS, "claim_series": _SERIES, "geojson": _GEOJSON,
    "event_counts": _TIMELINE, "quote_counts": _QUOTE_COUNTS, "search": _SEARCH,
}

__all__ = [
    "CONTEXT_CHARS", "FILTER_HELP", "SEARCH_TIME_LIMIT_S", "SUPPORTED", "AcledTypeRow", "ArticleDetail", "ArticleRow", "ClaimRef", "ClaimRow",
    "ClaimSeriesRow", "DeskStats", "EntityDetail", "EntityRow", "EventCountRow", "EventRow", "EventTypeRow", "ExpertRow", "FacetValue", "Facets",
    "FeatureCollection", "Filters", "Page", "Paged", "PlaceDetail", "PlaceRow", "QuoteRow", "RoleRow",
    "SearchHit", "SearchResult", "Source", "SpanContext", "Spelling", "acled_types", "article", "articles", "claim_series", "claims", "context",
    "desk_stats", "entities", "entity", "event_counts", "event_types", "events", "experts", "facets", "geojson", "iter_reports",
    "place", "places", "quote_counts", "quotes", "report", "search", "search_all", "search_conditions", "stats", "valid_date",
]
