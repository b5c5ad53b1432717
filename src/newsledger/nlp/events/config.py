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
    #: Least confidence of a resolved place (``Place.confidence``, the places layer's
    #: estimated probability of being right) for it to give an actor its country ("Moscow
    #: said", "demonstrators in Kharkiv"). The places layer's calibration on gold spans
    #: (docs/places.md) has mean confidence 0.588 -> 74 % right and 0.286 -> 50 %: below
    #: one half a place's country is a coin toss ("the Baltic States" read as a hamlet in
    #: the US at 0.07 made the Baltic States American), so the line is drawn at 0.5.
    min_place_confidence: float = Field(default=0.5, ge=0, le=1)
    #: Days before publication after which an act the text dates is background, not news: a
    #: retrospective mention ("in 2014 Russia annexed Crimea", "last year when Russia cut its
    #: gas") is kept as ``generic`` and hidden, so a story retelling history adds no event to
    #: count. Chosen on the war corpus's tune part: shown events dated by the text ended at most
    #: 5 days before publication when they were the story's news, and 40 days or more when
    #: they were history; 30 days lies in that gap.
    background_days: int = Field(default=30, ge=0)
