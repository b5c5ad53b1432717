"""Config of the ``newsledger_quantities`` layer; ``[components.quantities]`` overrides it."""

from __future__ import annotations

from pydantic import Field

from ..component import LayerConfig


class QuantitiesConfig(LayerConfig):
    #: The counted noun joins the figure's span when it follows within this many characters
    #: ("seven fronts", "1,100 public housing properties"); 40 covers a noun phrase of four or
    #: five modifiers, which is as far as the NewsQuant dev set's counted nouns go.
    noun_join_chars: int = Field(default=40, ge=0)
