"""Config of the ``newsledger_quotes`` layer; ``[components.quotes]`` overrides it."""

from __future__ import annotations

from pydantic import Field

from ..component import LayerConfig


class QuotesConfig(LayerConfig):
    #: Content whose letters outside quotation marks number at most this many is direct speech
    #: (a stray "and" or a dangling word from a tokenisation slip does not make it mixed).
    direct_slack: int = Field(default=3, ge=0)
    #: Cues inside quotation marks ("“I told him that …,” she said") belong to the quoted
    #: speaker's own words. Keeping them lowered content F1 on PolNeAR (dev 0.755 -> 0.739,
    #: train 0.711 -> 0.700) and speaker accuracy (0.93 -> 0.89), so they are dropped.
    keep_cues_inside_quotes: bool = False
    #: Verb classes whose cue is dropped when it sits inside another quote's content; see
    #: :func:`newsledger.nlp.quotes.component.drop_nested`. On PolNeAR dev dropping them raised
    #: precision from 0.83 to 0.90 for half a point of recall (content F1 0.728 -> 0.749);
    #: dropping nested verbs of speech too gave the same F1 with fewer quotes, so those stay.
    nested_drop_classes: frozenset[str] = frozenset({"belief", "intent", "stance", "evidence", "phrasal"})
