"""Events and quotes over time: counts per day or ISO week and event type (or quote kind),
over every matching record (never a first page of them), for the desk's timeline and a
place's panel on the map."""

from __future__ import annotations

from collections import Counter
from datetime import date as Date
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from .events import event_date, matching_events
from .filters import EVENT_FILTERS, Filters
from .quotes import SUPPORTED as QUOTE_FILTERS
from .quotes import quote_conditions
from .scope import ARTICLE_FILTERS
from .source import Source, connect

A, EV, Q = s.articles, s.events, s.quotes

#: As :func:`.events.events`: ``event_type``, ``place`` and dates are the event's own; only
#: the events shown by default are counted unless ``include_hidden``; ``sub_event_type``,
#: ``actor``, ``min_confidence``: the event's own fields, as on the map.
SUPPORTED = (*ARTICLE_FILTERS, "include_hidden", *EVENT_FILTERS)

Bucket = Literal["day", "week"]
TypeScheme = Literal["plover", "acled"]


class EventCountRow(BaseModel):
    period: str  # "2024-08-20", or an ISO week "2024-W34"
    start: str  # the period's first day, for plotting
    type: str
    n: int


def _period(day: Date, bucket: Bucket) -> tuple[str, str]:
    if bucket == "day":
        return day.isoformat(), day.isoformat()
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}", Date.fromordinal(day.toordinal() - weekday + 1).isoformat()


def event_counts(src: Source, f: Filters = Filters(), bucket: Bucket = "week",
                 by: TypeScheme = "plover") -> list[EventCountRow]:
    """How many events of each type fall in each day or week, oldest first. ``by``: the
    PLOVER type, or the ACLED event type (else, for acts outside ACLED's scope such as aid or
    diplomacy, the PLOVER type). Undated events are left out."""
    f.check(SUPPORTED)
    if bucket not in ("day", "week"):
        raise ValueError(f"bucket: {bucket!r} is neither day nor week")
    type_col = sa.func.coalesce(EV.c.acled_event_type, EV.c.plover_type) if by == "acled" else EV.c.plover_type
    with connect(src) as conn:
        stmt = (sa.select(event_date().label("d"), type_col.label("kind")).join(A, A.c.id == EV.c.article_id)
                .where(*matching_events(conn, f)))
        return _count(conn.execute(stmt), bucket)


def _count(rows: Any, bucket: Bucket) -> list[EventCountRow]:
    counts: Counter[tuple[str, str, str]] = Counter()
    for r in rows:
        try:
            day = Date.fromisoformat((r.d or "")[:10])
        except ValueError:
            continue
        counts[(*_period(day, bucket), r.kind or "other")] += 1
    return [EventCountRow(period=p, start=st, type=t, n=n) for (p, st, t), n in sorted(counts.items())]


#: Quote counts take the filters of :func:`.quotes.quotes` (``person``: the speaker, ``place``:
#: named in the quote, ``q``: words of the quote).
QUOTE_COUNT_FILTERS = QUOTE_FILTERS


def quote_counts(src: Source, f: Filters = Filters(), bucket: Bucket = "week") -> list[EventCountRow]:
    """How many quotes of each kind (direct, indirect, ...) fall in each day or week of their
    article's publication, oldest first; articles without a date are left out."""
    f.check(QUOTE_COUNT_FILTERS)
    if bucket not in ("day", "week"):
        raise ValueError(f"bucket: {bucket!r} is neither day nor week")
    with connect(src) as conn:
        stmt = (sa.select(A.c.published.label("d"), Q.c.kind.label("kind")).join(A, A.c.id == Q.c.article_id)
                .where(*quote_conditions(conn, f)))
        return _count(conn.execute(stmt), bucket)
