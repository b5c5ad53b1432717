"""Events over time: counts per day or ISO week and event type, over every matching event
(never a first page of them), for the desk's timeline."""

from __future__ import annotations

from collections import Counter
from datetime import date as Date
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel

from .. import schema as s
from . import names
from .events import event_date, shown_conditions
from .filters import Filters, check_text, date_conditions
from .scope import ARTICLE_FILTERS, article_conditions
from .source import Source, connect

A, EV = s.articles, s.events

#: As :func:`.events.events`: ``event_type``, ``place`` and dates are the event's own; only
#: the events shown by default are counted unless ``include_hidden``.
SUPPORTED = (*ARTICLE_FILTERS, "include_hidden")

Bucket = Literal["day", "week"]


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


def _actor_named(data: Any, holds: Any) -> bool:
    data = data or {}
    return any(holds((data.get(k) or {}).get("name") or "") for k in ("source_actor", "target_actor"))


def event_counts(src: Source, f: Filters = Filters(), bucket: Bucket = "week",
                 actor: str | None = None) -> list[EventCountRow]:
    """How many events of each type fall in each day or week, oldest first; ``actor``: the
    event's source or target actor holds this name (case and accents ignored). Undated events
    are left out."""
    f.check(SUPPORTED)
    check_text("actor", actor)
    if bucket not in ("day", "week"):
        raise ValueError(f"bucket: {bucket!r} is neither day nor week")
    with connect(src) as conn:
        cols = [event_date().label("d"), EV.c.plover_type] + ([EV.c.data] if actor else [])
        stmt = (sa.select(*cols).join(A, A.c.id == EV.c.article_id)
                .where(*shown_conditions(f), *date_conditions(event_date(), f),
                       *article_conditions(conn, f, skip=("place", "event_type"), dates=False)))
        if f.event_type is not None:
            stmt = stmt.where(sa.or_(EV.c.plover_type == f.event_type, EV.c.acled_event_type == f.event_type))
        if f.place is not None or f.place_id is not None:
            stmt = stmt.where(EV.c.canonical_place_id.in_(names.place_ids(conn, f.place, f.place_id)))
        holds = names.text_holds(actor) if actor else None
        counts: Counter[tuple[str, str, str]] = Counter()
        for r in conn.execute(stmt):
            try:
                day = Date.fromisoformat((r.d or "")[:10])
            except ValueError:
                continue
            if holds is not None and not _actor_named(r.data, holds):
                continue
            counts[(*_period(day, bucket), r.plover_type or "other")] += 1
    return [EventCountRow(period=p, start=st, type=t, n=n) for (p, st, t), n in sorted(counts.items())]
