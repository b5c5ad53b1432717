"""Configs of the ``newsledger_ner_repair`` and ``newsledger_entities`` layers.

Each field is a threshold with the note on how it was chosen; a ``[components.entities]``
(or ``[components.ner_repair]``) section of the settings file overrides it.
"""

from __future__ import annotations

from pydantic import Field

from ..component import LayerConfig


class NerRepairConfig(LayerConfig):
    #: Shortest and longest upper-case acronym that joins the name after it into one
    #: organisation ("ITSS Verona", "ECFR ..."). Three, not two: two-letter country codes
    #: (UK, US) before a name are a country ("UK military intelligence"), not part of it.
    acronym_min_chars: int = Field(default=3, ge=2)
    acronym_max_chars: int = Field(default=6, ge=2)


class EntitiesConfig(LayerConfig):
    #: Sentences after a person's mention in which he/she pronouns are counted for gender.
    #: Two: on the seed article a wider window reached the next person's pronouns.
    gender_window_sents: int = Field(default=2, ge=0)
