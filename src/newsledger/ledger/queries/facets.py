"""Facets: how many of the listed articles or quotes come from each outlet, outlet country and
language, for the desk's lists.

Each facet is counted under every filter set except its own (so the other values of that
facet stay visible and one click narrows or widens), and only over the values stored; an
article without an outlet is counted in no outlet.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from .articles import article_list_conditions
from .filters import Filters
from .quotes import quote_conditions
from .source import Source, connect

A, Q = s.articles, s.quotes

#: Values listed per facet, most frequent first: a glance, not a table; a list of outlets
#: longer than this is narrowed by the filter box instead.
MAX_FACET_VALUES = 15

#: Each facet: the article column it counts and the filters that are "its own".
FACETS: dict[str, tuple[sa.ColumnElement[Any], tuple[str, ...]]] = {
    "outlet": (A.c.publisher, ("outlet", "source")),
    "outlet_country": (A.c.outlet_country, ("outlet_country",)),
    "language": (A.c.language, ("language",)),
}


class FacetValue(BaseModel):
    value: str
    n: int


class Facets(BaseModel):
    """Counts of articles (``of="articles"``) or quotes (``of="quotes"``) per value."""

    of: str
    outlet: list[FacetValue]
    outlet_country: list[FacetValue]
    language: list[FacetValue]


def facets(src: Source, f: Filters = Filters(), of: Literal["articles", "quotes"] = "articles", *,
           match: sa.ColumnElement[bool] | None = None) -> Facets:
    """The facets of the articles (or quotes) that ``f`` keeps; ``match``: a further condition
    on them (a search's matcher)."""
    f.check()
    out: dict[str, list[FacetValue]] = {}
    with connect(src) as conn:
        for name, (col, own) in FACETS.items():
            rest = replace(f, **{k: None for k in own})
            if of == "quotes":
                base = sa.select(col.label("v"), sa.func.count().label("n")).select_from(
                    Q.join(A, A.c.id == Q.c.article_id)).where(*quote_conditions(conn, rest))
            else:
                base = sa.select(col.label("v"), sa.func.count().label("n")).where(
                    *article_list_conditions(conn, rest))
            if match is not None:
                base = base.where(match)
            rows = conn.execute(base.where(col.is_not(None), col != "").group_by(col)
                                .order_by(sa.desc("n"), col).limit(MAX_FACET_VALUES)).all()
            out[name] = [FacetValue(value=str(r.v), n=int(r.n)) for r in rows]
    return Facets(of=of, **out)
