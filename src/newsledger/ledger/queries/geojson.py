"""Located places (with their mentions) and events as one GeoJSON FeatureCollection."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from .events import events
from .filters import EVENT_FILTERS, Filters, Page
from .places import places
from .scope import ARTICLE_FILTERS
from .source import Source, connect

#: The filters of the map: those of the places and of the events (``include_hidden``: also
#: the events not shown by default; ``sub_event_type``, ``actor``, ``min_confidence``: the
#: events, and the places where one of them happened).
SUPPORTED = (*ARTICLE_FILTERS, "include_hidden", *EVENT_FILTERS)


class Point(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float]


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: Point
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


def geojson(src: Source, f: Filters = Filters(), limit: int = 1000) -> FeatureCollection:
    """Up to ``limit`` located places and ``limit`` located events that pass the filters."""
    f.check(SUPPORTED)
    features: list[Feature] = []
    with connect(src) as conn:
        for p in places(conn, f, Page(limit=limit), located=True, total=False).items:  # no totals: not shown
            props = p.model_dump(exclude={"lat", "lon"})
            assert p.lat is not None and p.lon is not None
            features.append(Feature(id=f"place-{p.id}", geometry=Point(coordinates=(p.lon, p.lat)),
                                    properties={"kind": "place", **props}))
        for e in events(conn, f, Page(limit=limit), total=False).items:
            if e.lat is None or e.lon is None:
                continue
            props = e.model_dump(exclude={"lat", "lon"})
            features.append(Feature(id=f"event-{e.article_id}-{e.id}", geometry=Point(coordinates=(e.lon, e.lat)),
                                    properties={"kind": "event", **props}))
    return FeatureCollection(features=features)
