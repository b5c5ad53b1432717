"""The JSON REST API under ``/api``: read-only views of the ledger.

Every endpoint calls one query of :mod:`newsledger.ledger.queries` (the same the CLI calls)
and serialises its typed rows. Lists are paged (``limit`` ≤
:data:`~newsledger.server.filters.MAX_PAGE_SIZE`, ``offset``) and answer
``{"items": [...], "total": N, "limit": L, "offset": O}``. Each documents exactly the filters
its query applies; a filter value that matches nothing returns nothing.

A request holds one pooled connection, taken in the worker thread that runs its query and
given back before the response is sent, so requests never wait on each other for one. JSON
answers are kept until the ledger is next written to (:func:`answer`, :mod:`.cache`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal, cast

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from ..ledger import queries as lq
from ..ledger.queries import Filters, Page
from .cache import AnswerCache
from .filters import MAX_ID, MAX_PAGE_SIZE, MAX_TEXT, filter_params, page_params

router = APIRouter(prefix="/api")

#: Most full-text hits returned by /api/search: a screen's worth; the paged lists hold the rest.
SEARCH_HITS = 50

#: Article ids are content hashes: short, of safe characters.
ARTICLE_ID = Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")

PageDep = Annotated[Page, Depends(page_params)]

_ENTITY_FILTERS = tuple(n for n in lq.SUPPORTED["entities"] if n not in ("name", "label"))
_ENTITY_HELP = {"q": "Name (part of; case and accents ignored)."}
_PLACE_FILTERS = tuple(n for n in lq.SUPPORTED["places"] if n != "name")


@contextmanager
def connect(request: Request) -> Iterator[sa.Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no such {what}")


def _found(row: Any, what: str) -> dict[str, Any]:
    if row is None:
        raise _not_found(what)
    return cast(dict[str, Any], row.model_dump(mode="json"))


def answer(request: Request, compute: Callable[[sa.Connection], Any], media_type: str = "application/json",
           render: Callable[[Any], bytes] | None = None) -> Any:
    """The answer to this request: ``compute`` on the request's connection, written as JSON
    (by ``render``, else as FastAPI writes a returned dict), or the same bytes kept from an
    earlier request for this URL at the ledger's current write generation, or, within the
    staleness bound after a write, at an earlier one while it is recomputed (:mod:`.cache`)."""
    cache: AnswerCache | None = request.app.state.answers
    key = f"{request.url.path}?{request.url.query}"
    with connect(request) as conn:
        def run() -> bytes:
            return (render or _json)(compute(conn))

        def refresh() -> tuple[int | None, bytes]:  # in the background, on a connection of its own
            with request.app.state.engine.connect() as own:
                return AnswerCache.generation(own), (render or _json)(compute(own))

        if cache is None:
            return Response(run(), media_type=media_type)
        kept, status = cache.answer_with_status(key, cache.generation(conn), run, refresh)
    if kept.gzipped is not None and "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(kept.gzipped, media_type=media_type,  # the GZip middleware passes it as it is
                        headers={"content-encoding": "gzip", "vary": "Accept-Encoding", "cache-status": status})
    return Response(kept.body, media_type=media_type, headers={"cache-status": status})


def _json(value: Any) -> bytes:
    """``value`` as FastAPI writes a returned dict (:class:`JSONResponse`): the same bytes."""
    return bytes(JSONResponse(jsonable_encoder(value)).body)


def _page(p: lq.Paged[Any]) -> dict[str, Any]:
    return p.model_dump(mode="json")


@router.get("/stats", summary="Counts of everything in the ledger and its date range")
def get_stats(request: Request) -> dict[str, Any]:
    return answer(request, lambda conn: lq.desk_stats(conn).model_dump())


@router.get("/articles", summary="Articles, newest first",
            description="Filter by the people, organisations and places they mention, the event "
                        "types they report, date range (published), publisher, language or words "
                        "in the text.")
def list_articles(request: Request, page: PageDep,
                  f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["articles"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.articles(conn, f, page)))


#: The article, person and organisation pages' parameter: their quotes are those shown by default.
_HIDDEN_QUOTES = Query(description="Also the quotes not shown by default (`shown`: a record confidence "
                                   "below 0.9).")


@router.get("/articles/{article_id}", summary="One article: its text and every layer's records",
            description="Entities, quotes, quantities, times, places, events and claims, each with "
                        "character offsets into `article.text`; `copies` lists near-duplicates. "
                        "Quotes shown by default only (`n_hidden_quotes` counts the others), unless "
                        "`include_hidden=true`; every event is listed with its `shown` flag.")
def get_article(request: Request, article_id: Annotated[str, ARTICLE_ID],
                include_hidden: Annotated[bool, _HIDDEN_QUOTES] = False) -> dict[str, Any]:
    return answer(request, lambda conn: _found(lq.article(conn, article_id, include_hidden=include_hidden), "article"))


@router.get("/quotes", summary="Quotes and attributions: who said what, in which role",
            description="`person`: the speaker; `org`: the organisation speaking or the speaker's "
                        "affiliation (`org=` and `org_id=` of the same organisation give the same "
                        "quotes); `place`: named in the quote; `q`: words in the quote; the other "
                        "filters apply to the quote's article.")
def list_quotes(request: Request, page: PageDep,
                f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["quotes"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.quotes(conn, f, page)))


@router.get("/people", summary="People in the ledger, most quoted first",
            description="`q`, `person`, `person_id`: the person; the other filters keep the articles "
                        "they are counted in (mentioning that organisation or place, reporting that "
                        "event type, in that date range, publisher or language).")
def list_people(request: Request, page: PageDep,
                f: Annotated[Filters, Depends(filter_params(_ENTITY_FILTERS, _ENTITY_HELP))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.entities(conn, f, page, labels=("PERSON",))))


@router.get("/people/{person_id}", summary="A person: names, roles over time and quotes",
            description="Quotes shown by default only, unless `include_hidden=true`.")
def get_person(request: Request, person_id: Annotated[int, Path(ge=1, le=MAX_ID)],
               include_hidden: Annotated[bool, _HIDDEN_QUOTES] = False) -> dict[str, Any]:
    return answer(request, lambda conn: _found(
        lq.entity(conn, "PERSON", person_id, include_hidden=include_hidden), "person"))


@router.get("/organisations", summary="Organisations in the ledger, most quoted first",
            description="`q`, `org`, `org_id`: the organisation; the other filters keep the articles "
                        "they are counted in.")
def list_organisations(request: Request, page: PageDep,
                       f: Annotated[Filters, Depends(filter_params(_ENTITY_FILTERS, _ENTITY_HELP))]
                       ) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.entities(conn, f, page, labels=("ORG",))))


@router.get("/organisations/{org_id}", summary="An organisation: names, mentions and quotes",
            description="Quotes shown by default only, unless `include_hidden=true`.")
def get_organisation(request: Request, org_id: Annotated[int, Path(ge=1, le=MAX_ID)],
                     include_hidden: Annotated[bool, _HIDDEN_QUOTES] = False) -> dict[str, Any]:
    return answer(request, lambda conn: _found(
        lq.entity(conn, "ORG", org_id, include_hidden=include_hidden), "organisation"))


@router.get("/experts", summary="Expert directory: who is quoted, under which affiliations, how often, on what",
            description="Named speakers, most quoted first, with their affiliations, roles, source "
                        "types, the places their quotes are about, and when they were first and last "
                        "quoted. `name`: the speaker; the other filters keep the quotes counted, as "
                        "on /api/quotes.")
def list_experts(request: Request, page: PageDep,
                 f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["experts"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.experts(conn, f, page)))


@router.get("/places", summary="Places, most mentioned first",
            description="`place`, `place_id`: the place; `event_type`, `sub_event_type`, `actor`, "
                        "`min_confidence`: places where such an event happened (`n_events` counts "
                        "those); mentions and articles are counted in the articles that pass the "
                        "other filters. Places shown by default only (a mention resolved at 0.9 "
                        "confidence or more, `Place.shown`), counting those mentions, unless "
                        "`include_hidden=true`.")
def list_places(request: Request, page: PageDep,
                f: Annotated[Filters, Depends(filter_params(_PLACE_FILTERS))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.places(conn, f, page)))


@router.get("/places/{canonical_id}", summary="A place with its quotes, claims and articles",
            description="The filters keep the articles the lists come from (`include_hidden`: also "
                        "the quotes not shown by default, and the place itself when none of its "
                        "mentions is shown by default: 404 otherwise). Its events: `/api/events?place_id=` and "
                        "`/api/event-counts?place_id=`, with the map's event filters.")
def get_place(request: Request, canonical_id: Annotated[int, Path(ge=1, le=MAX_ID)],
              f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["place"]))],
              limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50) -> dict[str, Any]:
    return answer(request, lambda conn: _found(lq.place(conn, canonical_id, f, limit), "place"))


@router.get("/events", summary="Events in date order",
            description="Only the events shown by default (`shown`: an occurrence at 0.8 estimated "
                        "precision or more) unless `include_hidden=true`. `event_type` (PLOVER or "
                        "ACLED), `sub_event_type` (ACLED), `actor` (source or target actor), "
                        "`min_confidence`, `place`: where it happened, date range (the event's date, else the "
                        "article's; `date_basis` is `published` when it fell back to the publication "
                        "date); the other filters apply to its article.")
def list_events(request: Request, page: PageDep,
                f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["events"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.events(conn, f, page)))


@router.get("/event-types", summary="PLOVER event types with their counts",
            description="Counts of the events shown by default, unless `include_hidden=true`.")
def get_event_types(request: Request,
                    f: Annotated[Filters, Depends(filter_params(("include_hidden",)))]) -> list[dict[str, Any]]:
    return answer(request, lambda conn: [r.model_dump() for r in lq.event_types(conn, f)])


@router.get("/acled-types", summary="ACLED event types and sub-types with their counts",
            description="Counts of the events shown by default, unless `include_hidden=true`: the "
                        "choices of the map's event filters.")
def get_acled_types(request: Request,
                    f: Annotated[Filters, Depends(filter_params(("include_hidden",)))]) -> list[dict[str, Any]]:
    return answer(request, lambda conn: [r.model_dump() for r in lq.acled_types(conn, f)])


@router.get("/claims", summary="Claims (subject, relation, object = value), grouped by key in date order",
            description="One point per report: the value, the publisher (`source`) and whom it "
                        "cites, with how many independent sources give that value and whether "
                        "another disagrees. `place`: the claim's place, subject or object; date "
                        "range: the claim's date.")
def list_claims(request: Request, page: PageDep,
                f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["claims"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.claims(conn, f, page)))


@router.get("/claim-series", summary="Claim keys with their number of reports and sources")
def list_claim_series(request: Request, page: PageDep,
                      f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["claim_series"]))]
                      ) -> dict[str, Any]:
    return answer(request, lambda conn: _page(lq.claim_series(conn, f, page)))


@router.get("/event-counts", summary="Events per day or ISO week and type, over every matching event",
            description="For the timeline: counts of all events that match (not a page of them), by "
                        "PLOVER type or (`by=acled`) ACLED event type. The filters mean what they "
                        "mean on /api/events (`actor`: the event's source or target actor holds this "
                        "name).")
def list_event_counts(request: Request,
                      f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["event_counts"]))],
                      bucket: Annotated[Literal["day", "week"], Query(description="day or week")] = "week",
                      by: Annotated[Literal["plover", "acled"], Query(description="plover or acled: which "
                                                                      "event type to count by")] = "plover"
                      ) -> dict[str, Any]:
    return answer(request, lambda conn: {"items": [r.model_dump() for r in lq.event_counts(conn, f, bucket, by)]})


@router.get("/quote-counts", summary="Quotes per day or ISO week and kind, over every matching quote",
            description="For the timeline: counts of all quotes that match, by the week (or day) their "
                        "article was published. The filters mean what they mean on /api/quotes.")
def list_quote_counts(request: Request,
                      f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["quote_counts"]))],
                      bucket: Annotated[Literal["day", "week"], Query(description="day or week")] = "week"
                      ) -> dict[str, Any]:
    return answer(request, lambda conn: {"items": [r.model_dump() for r in lq.quote_counts(conn, f, bucket)]})


@router.get("/export/acled.csv", summary="Events as ACLED-shaped CSV (what `newsledger export --format acled` writes)",
            description="One row per event with an ACLED type that the filters keep, as on /api/events "
                        "(the map's current view): ACLED's columns, then the provenance columns "
                        "`article_id`, `event_id`, `trigger_start`, `trigger_end`.",
            response_class=Response)
def export_acled_csv(request: Request,
                     f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["events"]))]) -> Response:
    import io

    from ..ledger.acled import export_acled

    out = io.StringIO()
    with connect(request) as conn:
        export_acled(conn, out, f=f)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="newsledger-events-acled.csv"'})


@router.get("/search", summary="Search article text and quotes",
            description="Words match in any form (full-text index: FTS5 with the Porter stemmer on "
                        "SQLite, the english tsvector on PostgreSQL), and a word also matches the "
                        "other spellings of it in the ledger's names (`variants`). Words are all "
                        "required; `\"a phrase\"`, `a OR b` and `-word` work as in web search. `hits`: "
                        "the best matches, each with a snippet whose matched words are marked « and »; "
                        "`articles` and `quotes`: every matching article and quote, paged, by the same "
                        "matcher, so the counts agree; `facets`: the matching articles per outlet, "
                        "outlet country and language. A search running past its time limit is "
                        "cancelled and answers 503.")
def search(request: Request, page: PageDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
           f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["search"]))]) -> dict[str, Any]:
    from ..ledger.queries.timeout import time_limit

    lq.Filters(q=q).check()
    limit_s = request.app.state.search_time_limit_s

    def run(conn: sa.Connection) -> dict[str, Any]:
        found = lq.search_all(conn, q, f, page, hits=min(page.limit, SEARCH_HITS), time_limit_s=limit_s)
        with time_limit(conn, limit_s, f"the search for {q[:60]!r}"):
            matchers = lq.search_conditions(conn, q)
            facets = lq.facets(conn, f, "articles", match=matchers[0] if matchers else sa.false())
        return {**found.model_dump(mode="json"), "facets": facets.model_dump()}

    return answer(request, run)


@router.get("/geojson", summary="Located places and events as GeoJSON",
            description="A FeatureCollection of Points: `kind` is `place` (with `mentions`) or "
                        "`event`. The filters mean what they mean on /api/places and /api/events: "
                        "events and places shown by default only, unless `include_hidden=true`.")
def get_geojson(request: Request,
                f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["geojson"]))],
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE * 10)] = 1000) -> Response:
    return cast(Response, answer(request, lambda conn: lq.geojson(conn, f, limit).model_dump(mode="json"),
                                 media_type="application/geo+json",
                                 render=lambda body: json.dumps(body, ensure_ascii=False).encode("utf-8")))


@router.get("/basemap", summary="Country outlines (Natural Earth) as projected SVG paths")
def get_basemap(request: Request) -> Response:
    return Response(request.app.state.basemap(), media_type="application/json",
                    headers={"cache-control": "max-age=86400"})
