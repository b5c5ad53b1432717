"""The desk's list helpers under ``/api``: facets of a list, and a list as CSV.

Both call the same queries as the lists they go with (:mod:`newsledger.ledger.queries`), with
the same documented filters, so an export holds exactly what the view shows, every page of it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..ledger import queries as lq
from ..ledger.queries import Filters, Page
from .api import answer, connect
from .filters import MAX_TEXT, filter_params

router = APIRouter(prefix="/api")

#: Most rows in one CSV export: every quote of a 5,000-article ledger fits (about 9,000 in the
#: benchmark ledger) while a response stays a few megabytes; narrow the filters for more.
MAX_EXPORT_ROWS = 20_000
#: Rows fetched per query while exporting (one page of the query layer at a time).
EXPORT_CHUNK = 1000
#: Leading characters a spreadsheet reads as a formula: such a cell is written with a leading
#: apostrophe (OWASP's advice for CSV injection), since article text is untrusted.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

QUOTE_COLUMNS = ("published", "speaker", "role", "affiliation", "source_type", "kind", "confidence", "shown", "text", "publisher",
                 "title", "url", "article_id", "id", "start", "end", "places")
EXPERT_COLUMNS = ("name", "label", "id", "quotes", "articles", "source_types", "roles", "affiliations", "topics",
                  "first_quoted", "last_quoted")
ARTICLE_COLUMNS = ("published", "title", "publisher", "outlet_country", "language", "byline", "url", "n_quotes", "id")


@router.get("/facets/articles", summary="Articles per outlet, outlet country and language",
            description="Each facet is counted under every filter but its own, over the articles "
                        "/api/articles lists with the same filters.")
def facets_articles(request: Request,
                    f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["articles"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: lq.facets(conn, f, "articles").model_dump())


@router.get("/facets/quotes", summary="Quotes per outlet, outlet country and language",
            description="Each facet is counted under every filter but its own, over the quotes "
                        "/api/quotes lists with the same filters.")
def facets_quotes(request: Request,
                  f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["quotes"]))]) -> dict[str, Any]:
    return answer(request, lambda conn: lq.facets(conn, f, "quotes").model_dump())


def _cell(v: Any) -> Any:
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, str) and v.startswith(_FORMULA):
        return "'" + v
    return v


def _csv(name: str, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Response:
    out = io.StringIO()
    cols = list(columns)
    w = csv.writer(out)
    w.writerow(cols)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in cols])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="newsledger-{name}.csv"'})


def _every(fetch: Callable[[Page], lq.Paged[Any]]) -> Iterable[dict[str, Any]]:
    """Every row of a paged query, page by page, up to :data:`MAX_EXPORT_ROWS`."""
    offset = 0
    while offset < MAX_EXPORT_ROWS:
        got = fetch(Page(limit=min(EXPORT_CHUNK, MAX_EXPORT_ROWS - offset), offset=offset))
        yield from (r.model_dump(mode="json") for r in got.items)
        offset += len(got.items)
        if not got.items or offset >= got.total:
            return


@router.get("/export/quotes.csv", summary="The quotes /api/quotes lists, every page, as CSV")
def export_quotes(request: Request,
                  f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["quotes"]))]) -> Response:
    with connect(request) as conn:
        return _csv("quotes", QUOTE_COLUMNS, list(_every(lambda p: lq.quotes(conn, f, p))))


@router.get("/export/articles.csv", summary="The articles /api/articles lists, every page, as CSV")
def export_articles(request: Request,
                    f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["articles"]))]) -> Response:
    with connect(request) as conn:
        return _csv("articles", ARTICLE_COLUMNS, list(_every(lambda p: lq.articles(conn, f, p))))


@router.get("/export/experts.csv", summary="The expert directory /api/experts lists, every page, as CSV")
def export_experts(request: Request,
                   f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["experts"]))]) -> Response:
    with connect(request) as conn:
        return _csv("experts", EXPERT_COLUMNS, list(_every(lambda p: lq.experts(conn, f, p))))


@router.get("/export/search.csv", summary="Every article and quote a search finds, as CSV",
            description="One row per matching article (`kind` article), then one per matching quote "
                        "(`kind` quote; `quote_kind` direct, indirect, ...), as /api/search finds them.")
def export_search(request: Request, q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
                  f: Annotated[Filters, Depends(filter_params(lq.SUPPORTED["search"]))]) -> Response:
    limit_s = request.app.state.search_time_limit_s
    cols = ("kind", "published", "title", "publisher", "outlet_country", "speaker", "quote_kind", "text", "url",
            "article_id", "quote_id")

    def rows(conn: sa.Connection) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for a in _every(lambda p: lq.search_all(conn, q, f, p, hits=1, time_limit_s=limit_s).articles):
            out.append({**a, "kind": "article", "article_id": a["id"]})
        for x in _every(lambda p: lq.search_all(conn, q, f, p, hits=1, time_limit_s=limit_s).quotes):
            out.append({**x, "kind": "quote", "quote_kind": x["kind"], "quote_id": x["id"]})
        return out

    with connect(request) as conn:
        return _csv("search", cols, rows(conn))
