"""Config of the ``newsledger_places`` layer; ``[components.places]`` overrides it."""

from __future__ import annotations

from pydantic import Field

from ...models import PLACE_SHOWN_CONFIDENCE
from ..component import LayerConfig


class PlacesConfig(LayerConfig):
    #: Smallest town a mislabelled entity may resolve to before we relabel it: below this, a
    #: person's or firm's name matching a hamlet is likelier than a place (checked on the seed
    #: article and LGL's first 150 documents).
    min_relabel_pop: int = Field(default=1000, ge=0)
    #: Share of the ranker's "no match" option from which a name is left unresolved rather
    #: than pinned to a reading. Chosen on the tune parts of LGL, GeoWebNews and GeoVirus
    #: (0.5, 0.7, 0.8, 0.9, 0.95 tried; docs/places.md): lower leaves out right readings
    #: (gold-span accuracy fell by 0.4 to 7 points), higher pins more wrong ones. Lower it to
    #: resolve fewer names, each likelier right.
    abstain_p: float = Field(default=0.95, gt=0.0, le=1.0)
    #: A resolved place is shown by default (``Place.shown``: the desk's places list and map, a
    #: place's page, the GeoJSON export) when its confidence reaches this: issue 19's "only what
    #: is at >= 0.9 estimated precision". At 0.9 the calibration on the gold spans of the three
    #: geoparsing corpora' check parts is 96.5 % right (docs/places.md, "Calibration").
    shown_confidence: float = Field(default=PLACE_SHOWN_CONFIDENCE, ge=0.0, le=1.0)
