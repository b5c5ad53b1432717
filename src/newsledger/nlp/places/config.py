"""Config of the ``newsledger_places`` layer; ``[components.places]`` overrides it."""

from __future__ import annotations

from pydantic import Field

from ..component import LayerConfig


class PlacesConfig(LayerConfig):
    #: Smallest town a mislabelled entity may resolve to before we relabel it: below this, a
    #: person's or firm's name matching a hamlet is likelier than a place (checked on the seed
    #: article and LGL's first 150 documents).
    min_relabel_pop: int = Field(default=1000, ge=0)
