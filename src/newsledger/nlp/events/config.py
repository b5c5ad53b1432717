"""Config of the ``newsledger_events`` layer; ``[components.events]`` overrides it."""

from __future__ import annotations

from pydantic import Field

from ..component import LayerConfig


class EventsConfig(LayerConfig):
    #: Confidence of an event made from a quote's cue verb alone (no clause-level coding):
    #: half, below every clause-coded event (whose confidence starts higher and grows with
    #: each argument found), so that a desk sorting by confidence sees coded events first.
    statement_confidence: float = Field(default=0.5, ge=0, le=1)
    #: Farthest (in characters) a country word may be from an actor and still give it its
    #: country; set by hand at about a long news sentence (~40 words), so that a long
    #: article's context never reaches across sentences (sentences are the unit anyway).
    max_country_distance: int = Field(default=300, ge=0)
