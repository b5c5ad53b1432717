"""Events (PLOVER/ACLED) in date order, and the event types with their counts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from . import names
from .filters import EVENT_FILTERS, Filters, Page, Paged, count, date_conditions
from .scope import ARTICLE_FILTERS, article_conditions
from .source import Source, connect

A, EV, CP = s.articles, s.events, s.canonical_places

#: ``event_type``: the event's type; ``place``: where it happened; ``since``/``until``: its
#: date (else its article's); ``include_hidden``: also events not shown by default; the others
#: keep its article.
SUPPORTED = (*ARTICLE_FILTERS, "include_hidden", *EVENT_FILTERS)


class EventRow(BaseModel):
    article_id: str
    id: str
    plover_type: str | None
    acled_event_type: str | None
    date: str | None
    modality: str | None
    confidence: float | None
    shown: bool
    acled_sub_event_type: str | None
    non_acled: str | None
    generic: bool | None
    date_basis: str | None
    same_as: str | None
    salience: float | None
    start: int | None
    end: int | None
    canonical_place_id: int | None
    title: str | None
    publisher: str | None
    published: str | None
    trigger: str | None
    sentence: str | None
    sentence_start: int | None
    sentence_end: int | None
    source_actor: str | None
    target_actor: str | None
    place_name: str | None
    lat: float | None
    lon: float | None


class EventTypeRow(BaseModel):
    type: str
    n: int


class AcledTypeRow(BaseModel):
    type: str
    sub_type: str | None
    n: int


def event_date() -> sa.ColumnElement[Any]:
    return sa.func.coalesce(EV.c.date, A.c.published)


def shown_conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    """Only the events shown by default (``Event.shown``), unless ``f.include_hidden``."""
    return [] if f.include_hidden else [EV.c.shown == sa.true()]


def actor_name(side: str) -> sa.ColumnElement[Any]:
    """The name of an event's ``source_actor`` or ``target_actor``, from its stored record."""
    return EV.c.data[(side, "name")].as_string()


def event_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``events`` for the filters on an event's own fields: shown (unless
    ``include_hidden``), its type (PLOVER or ACLED), ACLED sub-type, an actor's name (the one
    name rule of :mod:`.names`) and the lowest confidence. Dates and places are left to the
    caller (an event's date falls back to its article's)."""
    out = shown_conditions(f)
    if f.event_type is not None:
        out.append(sa.or_(EV.c.plover_type == f.event_type, EV.c.acled_event_type == f.event_type))
    if f.sub_event_type is not None:
        out.append(EV.c.acled_sub_event_type == f.sub_event_type)
    if f.min_confidence is not None:
        out.append(EV.c.confidence >= f.min_confidence)
    if f.actor is not None:
        holds = names.text_holds(f.actor)
        out.append(sa.or_(*(actor_name(side).in_(names.values_matching(conn, actor_name(side), holds))
                            for side in ("source_actor", "target_actor"))))
    return out


def matching_events(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    """Every condition of :func:`events` (on ``events`` joined to ``articles``): the event's own
    fields, its date (else its article's), its place, and its article's other filters. The
    map, the timeline's counts and the ACLED export all select events by these."""
    out = [*event_conditions(conn, f), *date_conditions(event_date(), f),
           *article_conditions(conn, f, skip=("place", "event_type"), dates=False)]
    if f.place is not None or f.place_id is not None:
        out.append(EV.c.canonical_place_id.in_(names.place_ids(conn, f.place, f.place_id)))
    return out


def event_filters_set(f: Filters) -> bool:
    """Whether ``f`` narrows events by their own fields (so places keep only those with one)."""
    return f.event_type is not None or any(getattr(f, n) is not None for n in EVENT_FILTERS)


def _row(r: Any) -> EventRow:
    d = dict(r._mapping)
    data = d.pop("data") or {}
    sentence = data.get("sentence") or {}
    d["shown"] = bool(d["shown"])
    return EventRow(**d, trigger=(data.get("trigger") or {}).get("text"), sentence=sentence.get("text"),
                    sentence_start=sentence.get("start"), sentence_end=sentence.get("end"),
                    source_actor=(data.get("source_actor") or {}).get("name"),
                    target_actor=(data.get("target_actor") or {}).get("name"))


def events(src: Source, f: Filters = Filters(), page: Page = Page(), *, total: bool = True) -> Paged[EventRow]:
    """Events in date order. Without ``total`` the events are not counted (the map needs
    none): ``total`` is then the page's length."""
    f.check(SUPPORTED)
    with connect(src) as conn:
        stmt = (sa.select(EV.c.article_id, EV.c.id, EV.c.plover_type, EV.c.acled_event_type, EV.c.date,
                          EV.c.modality, EV.c.confidence, EV.c.shown, EV.c.acled_sub_event_type, EV.c.non_acled,
                          EV.c.generic, EV.c.date_basis, EV.c.same_as, EV.c.salience,
                          EV.c.start, EV.c.end, EV.c.canonical_place_id,
                          EV.c.data, A.c.title, A.c.publisher, A.c.published, CP.c.name.label("place_name"),
                          CP.c.lat, CP.c.lon)
                .join(A, A.c.id == EV.c.article_id).outerjoin(CP, CP.c.id == EV.c.canonical_place_id)
                .where(*matching_events(conn, f)))
        rows = conn.execute(stmt.order_by(event_date(), EV.c.article_id, EV.c.start, EV.c.id)
                            .limit(page.limit).offset(page.offset))
        items = [_row(r) for r in rows]
        n = count(conn, stmt) if total else len(items)
    return Paged[EventRow](items=items, total=n, limit=page.limit, offset=page.offset)


def event_types(src: Source, f: Filters = Filters()) -> list[EventTypeRow]:
    """PLOVER event types with their counts (of the events shown by default, unless
    ``f.include_hidden``), most frequent first."""
    f.check(("include_hidden",))
    with connect(src) as conn:
        rows = conn.execute(sa.select(EV.c.plover_type, sa.func.count().label("n"))
                            .where(EV.c.plover_type.is_not(None), *shown_conditions(f))
                            .group_by(EV.c.plover_type).order_by(sa.desc("n"), EV.c.plover_type))
        return [EventTypeRow(type=r.plover_type, n=int(r.n)) for r in rows]


def acled_types(src: Source, f: Filters = Filters()) -> list[AcledTypeRow]:
    """ACLED event types and sub-types in the ledger with their counts (of the events shown by
    default, unless ``f.include_hidden``), by type, most frequent sub-type first: the map's
    choices."""
    f.check(("include_hidden",))
    with connect(src) as conn:
        rows = conn.execute(sa.select(EV.c.acled_event_type, EV.c.acled_sub_event_type, sa.func.count().label("n"))
                            .where(EV.c.acled_event_type.is_not(None), *shown_conditions(f))
                            .group_by(EV.c.acled_event_type, EV.c.acled_sub_event_type)
                            .order_by(EV.c.acled_event_type, sa.desc("n"), EV.c.acled_sub_event_type))
        return [AcledTypeRow(type=r.acled_event_type, sub_type=r.acled_sub_event_type, n=int(r.n)) for r in rows]
