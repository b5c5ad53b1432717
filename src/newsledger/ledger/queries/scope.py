"""Conditions on the ``articles`` table that many queries share: the articles a filter keeps.

``person``/``org``/``place`` here mean "the article mentions it" and ``event_type`` "the
article reports an event of that type" (one shown by default, unless ``include_hidden``); a query about people, places or events uses its own,
closer meaning for its own kind of filter and this one for the others.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import schema as s
from . import names
from .filters import Filters, contains, date_conditions

A, E, P, EV = s.articles, s.entities, s.places, s.events

#: Filters :func:`article_conditions` can apply.
ARTICLE_FILTERS = ("since", "until", "source", "outlet", "language", "outlet_country", "person", "person_id", "org",
                   "org_id", "place", "place_id", "event_type")


def publisher_conditions(conn: sa.Connection, col: sa.ColumnElement[Any], f: Filters) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if f.source is not None:
        out.append(contains(col, f.source))
    if f.outlet is not None:
        out.append(names.same_outlet(conn, col, f.outlet))
    return out


def article_conditions(conn: sa.Connection, f: Filters, *, skip: tuple[str, ...] = (),
                       dates: bool = True) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``articles`` for the article-level filters set in ``f`` (except ``skip``)."""
    out: list[sa.ColumnElement[bool]] = date_conditions(A.c.published, f) if dates else []
    out += publisher_conditions(conn, A.c.publisher, f)
    if f.language is not None:
        out.append(sa.func.lower(A.c.language) == f.language.strip().lower())
    if f.outlet_country is not None:
        out.append(sa.func.upper(A.c.outlet_country) == f.outlet_country.strip().upper())
    if "person" not in skip and (f.person is not None or f.person_id is not None):
        ids = names.entity_ids(conn, f.person, f.person_id, ("PERSON",))
        out.append(A.c.id.in_(sa.select(E.c.article_id).where(E.c.canonical_id.in_(ids))))
    if "org" not in skip and (f.org is not None or f.org_id is not None):
        ids = names.entity_ids(conn, f.org, f.org_id, ("ORG",))
        out.append(A.c.id.in_(sa.select(E.c.article_id).where(E.c.canonical_id.in_(ids))))
    if "place" not in skip and (f.place is not None or f.place_id is not None):
        pids = names.place_ids(conn, f.place, f.place_id)
        out.append(A.c.id.in_(sa.select(P.c.article_id).where(P.c.canonical_id.in_(pids))))
    if "event_type" not in skip and f.event_type is not None:
        # an event the desk shows: those not shown by default count only with include_hidden,
        # as on the events list, the map and the timeline
        shown = [] if f.include_hidden else [EV.c.shown == sa.true()]
        out.append(A.c.id.in_(sa.select(EV.c.article_id).where(
            sa.or_(EV.c.plover_type == f.event_type, EV.c.acled_event_type == f.event_type), *shown)))
    return out
