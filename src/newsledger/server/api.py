"""The JSON REST API under ``/api``: read-only views of the ledger.

Lists are paged (``limit`` ≤ :data:`~newsledger.server.filters.MAX_PAGE_SIZE`, ``offset``)
and share the filters of :class:`~newsledger.server.filters.Filters`. Every list answers
``{"items": [...], "total": N, "limit": L, "offset": O}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from . import queries_extra as qx
from . import queries_geo as qg
from .filters import MAX_ID, MAX_PAGE_SIZE, MAX_TEXT, Filters, Page, filter_params, page_params, paged

router = APIRouter(prefix="/api")

#: Most full-text hits returned by /api/search: a screen's worth; the paged lists hold the rest.
SEARCH_HITS = 50

#: Article ids are content hashes: short, of safe characters.
ARTICLE_ID = Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")


def connection(request: Request) -> Iterator[sa.Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[sa.Connection, Depends(connection)]
F = Annotated[Filters, Depends(filter_params)]
PageDep = Annotated[Page, Depends(page_params)]


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no such {what}")


@router.get("/stats", summary="Counts of everything in the ledger and its date range")
def get_stats(conn: Conn) -> dict[str, Any]:
    return qx.stats(conn)


@router.get("/articles", summary="Articles, newest first",
            description="Filter by person, organisation, place, date range (published), source "
                        "(publisher) or words in the text.")
def list_articles(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qx.list_articles(conn, f, page)
    return paged(items, total, page)


@router.get("/articles/{article_id}", summary="One article: its text and every layer's records",
            description="Entities, quotes, quantities, times, places, events and claims, each with "
                        "character offsets into `article.text`; `copies` lists near-duplicates.")
def get_article(conn: Conn, article_id: Annotated[str, ARTICLE_ID]) -> dict[str, Any]:
    found = qx.get_article(conn, article_id)
    if found is None:
        raise _not_found("article")
    return found


@router.get("/quotes", summary="Quotes and attributions: who said what, in which role",
            description="Filter by person, organisation (the speaker's affiliation or the "
                        "organisation speaking), place (named in the quote), date range, source "
                        "or words in the quote.")
def list_quotes(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qx.list_quotes(conn, f, page)
    return paged(items, total, page)


@router.get("/people", summary="People in the ledger, most quoted first")
def list_people(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qx.list_entities(conn, "PERSON", f, page)
    return paged(items, total, page)


@router.get("/people/{person_id}", summary="A person: names, roles over time and quotes")
def get_person(conn: Conn, person_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    found = qx.get_entity(conn, "PERSON", person_id)
    if found is None:
        raise _not_found("person")
    return found


@router.get("/organisations", summary="Organisations in the ledger, most quoted first")
def list_organisations(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qx.list_entities(conn, "ORG", f, page)
    return paged(items, total, page)


@router.get("/organisations/{org_id}", summary="An organisation: names, mentions and quotes")
def get_organisation(conn: Conn, org_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    found = qx.get_entity(conn, "ORG", org_id)
    if found is None:
        raise _not_found("organisation")
    return found


@router.get("/experts", summary="Expert directory: who is quoted, under which affiliations, how often, on what",
            description="Named speakers, most quoted first, with their affiliations, roles, source "
                        "types, the places their quotes are about, and when they were first and last "
                        "quoted. Needs the ledger the app opened (not a bare engine).")
def list_experts(request: Request, conn: Conn,
                 name: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
                 limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 100) -> dict[str, Any]:
    ledger = request.app.state.ledger
    if ledger is None:
        return {"items": [], "total": 0, "limit": limit, "offset": 0}
    from ..ledger.queries import experts

    rows = [r.model_dump() for r in experts(ledger, name=name or None, limit=limit)]
    labels = qx.entity_labels(conn, [r["id"] for r in rows if r["id"] is not None])
    for r in rows:
        r["label"] = labels.get(r["id"])  # PERSON or ORG: which page the name links to
    return {"items": rows, "total": len(rows), "limit": limit, "offset": 0}


@router.get("/places", summary="Places, most mentioned first",
            description="Mentions and articles are counted in the articles that pass the filters "
                        "(date range, source).")
def list_places(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qg.list_places(conn, f, page)
    return paged(items, total, page)


@router.get("/places/{canonical_id}", summary="A place with its quotes, events, claims and articles")
def get_place(conn: Conn, f: F, canonical_id: Annotated[int, Path(ge=1, le=MAX_ID)],
              limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50) -> dict[str, Any]:
    found = qg.get_place(conn, canonical_id, f, limit)
    if found is None:
        raise _not_found("place")
    return found


@router.get("/events", summary="Events in date order",
            description="Filter by event type (PLOVER or ACLED), place, person, date range "
                        "(the event's date, else the article's) or source.")
def list_events(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qg.list_events(conn, f, page)
    return paged(items, total, page)


@router.get("/event-types", summary="PLOVER event types with their counts")
def get_event_types(conn: Conn) -> list[dict[str, Any]]:
    return qg.event_types(conn)


@router.get("/claims", summary="Claims (subject, relation, object = value) in date order",
            description="One point per report: the value, the publisher (`source`) and whom it "
                        "cites. Filter by `key`, place, date range or source.")
def list_claims(conn: Conn, f: F, page: PageDep,
                key: Annotated[str | None, Query(max_length=600)] = None) -> dict[str, Any]:
    items, total = qg.list_claims(conn, f, page, key=key)
    return paged(items, total, page)


@router.get("/claim-series", summary="Claim keys with their number of reports and sources")
def list_claim_series(conn: Conn, f: F, page: PageDep) -> dict[str, Any]:
    items, total = qg.claim_series(conn, f, page)
    return paged(items, total, page)


@router.get("/search", summary="Search article text and quotes",
            description="`hits`: the best matches of the words (full-text index: FTS5 on SQLite, "
                        "tsvector on PostgreSQL), each with a snippet whose matched words are "
                        "marked « and ». `articles` and `quotes`: every article and quote holding "
                        "`q` as written, paged.")
def search(request: Request, conn: Conn, page: PageDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)]) -> dict[str, Any]:
    f = Filters(q=q)
    articles, n_articles = qx.list_articles(conn, f, page)
    quotes, n_quotes = qx.list_quotes(conn, f, page)
    hits: list[dict[str, Any]] = []
    ledger = request.app.state.ledger
    if ledger is not None:
        from ..ledger.queries import search as ledger_search

        hits = [h.model_dump() for h in ledger_search(ledger, q, limit=min(page.limit, SEARCH_HITS))]
    return {"q": q, "hits": hits, "articles": paged(articles, n_articles, page),
            "quotes": paged(quotes, n_quotes, page)}


@router.get("/geojson", summary="Located places and events as GeoJSON",
            description="A FeatureCollection of Points: `kind` is `place` (with `mentions`) or "
                        "`event`. Same filters as the lists.")
def get_geojson(conn: Conn, f: F,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE * 10)] = 1000) -> Response:
    import json

    body = json.dumps(qg.geojson(conn, f, limit), ensure_ascii=False, default=str)
    return Response(body, media_type="application/geo+json")


@router.get("/basemap", summary="Country outlines (Natural Earth) as projected SVG paths")
def get_basemap(request: Request) -> Response:
    return Response(request.app.state.basemap(), media_type="application/json",
                    headers={"cache-control": "max-age=86400"})
