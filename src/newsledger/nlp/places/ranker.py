"""The fitted candidate ranker: named features, their weights (``data/places/ranker.json``) and
the common-word guard (word frequency: :mod:`newsledger.nlp.frequency`).

A mention group's readings compete with a "no match" option in one softmax (a conditional
logit): each candidate scores ``w · x`` over :data:`FEATURES`, the no-match option scores
``v · z`` over :data:`NULL_FEATURES`. The weights were fitted by maximum likelihood on the
tune parts of the geoparsing corpora (``scripts/fit_place_ranker.py``; how, on what and under
which licence: ``data/places/README-ranker.md``), so the softmax share of the readings within
161 km of the winner (``resolve.CONFIDENCE_KM``) is its estimated probability of being right
(within 161 km), and the mention is left unresolved when "no match" takes ``abstain_p`` of
the mass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..frequency import COMMON_ZIPF, zipf

if TYPE_CHECKING:
    from spacy.language import Language

#: Candidate features, in the order of the weights in ranker.json.
FEATURES: tuple[str, ...] = (
    "kind_alternate",  # matched an alternate name (former name, transliteration)
    "kind_base",  # matched a division's name without its type word ("Kursk" for the oblast)
    "variant",  # matched only in another transliteration (geo.normalize.variant_key)
    "region",  # a hand-written region without GeoNames id ("Donbas", "Black Sea")
    "alias",  # matched a hand-written alias ("U.S.", "Ga.", "Kiev")
    "log_pop",  # log10(population + 1)
    "country",  # an independent country (PCL*)
    "adm1",  # first-level division
    "adm2",  # second-level division
    "capital",  # a country's capital (PPLC)
    "seat",  # a division's seat (PPLA, PPLA2)
    "qual_mismatch",  # "Kursk region" and a town or country
    "weak_qual_mismatch",  # ... with a word also used loosely ("region", "district")
    "qual_level",  # the division word names this level ("province" -> first level)
    "settlement_mismatch",  # "the city of X" and a division
    "same_name_division",  # a division holding a town of the same name, unqualified
    "ctx_country",  # the article names the candidate's country (demonyms, dateline)
    "main_country",  # ... and it is the article's main country
    "ctx_admin1",  # the article names the candidate's first-level division
    "container",  # "X, Y" / "X in Y": the container contains the candidate (or vice versa)
    "holds_others",  # a division holding other places the article names
    "log_dist",  # log10(1 + km / 50) to the nearest other place of the article
    "compatible",  # fits a reading of another name (shared division, holder/held)
    "pop_rank",  # log2(1 + rank) among the name's readings by population
    "common_small",  # common-word strength x a reading that is not prominent
    "locative_town",  # "in/near X" and a populated place
    "inner_name",  # a place inside a facility's or institution's name ("Liverpool Academy")
    "among_countries",  # a country, in an article naming two or more other countries
    "among_admin1",  # a first-level division, in an article naming two or more others
    "capital_among_countries",  # a capital, in an article naming two or more countries
    # site readings: a facility or street the gazetteer lacks, placed at a place named
    "site",  # (bias of a site reading)
    "site_town",  # ... that place is a town
    "site_gap",  # log10(1 + chars / SITE_GAP_CHARS) to that place's nearest mention
    "site_after",  # ... which comes after the facility's name
    "site_mentions",  # log2(1 + mentions of that place)
    "site_container",  # "Whole Foods in Manassas": that place is its container
    "site_country",  # ... that place is a country
    "site_main",  # ... that place is in the article's main country
    "site_log_pop",  # ... log10(1 + population) of that place, a town
    "site_gpe",  # ... of a name the model calls a geopolitical entity (a village, or a former state)
    "site_loc",  # ... of a name the model calls a location (a region, a sea, a landform)
    "compass_part",  # part of a country or division the name names after a compass word ("South Florida")
    "dateline_town",  # a populated place, for a dateline ("WASHINGTON —")
    "metonymic_seat",  # a capital or country, for a metonymic mention ("Washington said")
    "shares_admin1",  # a town or county in the first-level division of other places named
)

#: Features of the "no match" option (the name's, not a reading's).
NULL_FEATURES: tuple[str, ...] = (
    "bias",
    "log_candidates",  # log2(1 + number of readings): how ambiguous the name is
    "common_word",  # max(0, zipf - COMMON_BASE_ZIPF) of a one-word name
    "common_no_cue",  # ... with no place cue (qualifier, container, locative)
    "acronym",  # written in capitals ("NATO", "EU")
    "cue",  # a place cue: qualifier word, container, locative preposition, dateline
    "site",  # no reading of its own (a facility or street): only site readings, if any
    "isolated",  # the nearest reading's log distance to the other places, x min(1, places / 5)
)

#: Zipf from which the (graded) common-word features start counting.
COMMON_BASE_ZIPF = 3.0
#: Zipf from which a name may count as an English adjective ("Oriental rugs"): the same
#: level, an English word at all.
ADJECTIVE_ZIPF = COMMON_BASE_ZIPF
#: Population from which a town is prominent enough to be meant by a common word without a
#: place cue ("Mobile", "Reading" resolve; a 1,000-people Texas town called after a common
#: noun does not). Chosen with COMMON_ZIPF on the tune parts.
PROMINENT_POP = 100_000


@dataclass(frozen=True)
class Weights:
    features: tuple[str, ...]
    w: tuple[float, ...]
    null_features: tuple[str, ...]
    v: tuple[float, ...]

    def score(self, x: dict[str, float]) -> float:
        return sum(wi * x.get(f, 0.0) for f, wi in zip(self.features, self.w, strict=True))

    def null_score(self, z: dict[str, float]) -> float:
        return sum(vi * z.get(f, 0.0) for f, vi in zip(self.null_features, self.v, strict=True))


@lru_cache(maxsize=1)
def weights() -> Weights:
    """The shipped weights (data/places/ranker.json)."""
    raw = json.loads(resources.files("newsledger.data").joinpath("places", "ranker.json").read_text("utf-8"))
    return Weights(tuple(raw["features"]), tuple(float(x) for x in raw["weights"]),
                   tuple(raw["null_features"]), tuple(float(x) for x in raw["null_weights"]))


class CommonWords:
    """Whether a one-word name is a common English word: frequent (zipf >= COMMON_ZIPF) and,
    written in lower case alone, tagged by the pipeline's own tagger as something other than a
    proper noun ("white" JJ, "earth" NN, but "paris" NNP). Word frequency alone cannot tell
    "paris" from "earth" (wordfreq folds case); the tagger, trained on cased text, can."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._pipes = [n for n in ("tok2vec", "tagger") if n in nlp.pipe_names]

    @lru_cache(maxsize=16384)  # noqa: B019 - one per pipeline; bounded
    def __call__(self, name: str, loose: bool = False) -> bool:
        """``loose``: also when the tagger calls it a common noun after "the" only ("west":
        NNP alone, NN in "the west"), used against divisions' base names."""
        if zipf(name) < COMMON_ZIPF or "tagger" not in self._pipes:
            return False
        for text in ((name.casefold(), f"the {name.casefold()}") if loose else (name.casefold(),)):
            doc = self.nlp.make_doc(text)
            for pipe in self._pipes:
                doc = self.nlp.get_pipe(pipe)(doc)
            if len(doc) <= 2 and doc[-1].tag_ not in ("NNP", "NNPS"):
                return True
        return False

    @lru_cache(maxsize=4096)  # noqa: B019 - one per pipeline; bounded
    def predicative(self, name: str) -> bool:
        """Whether a one-word name is an English adjective by the tagger in a predicative frame
        ("it is very <word> ."): an English word at all (zipf >= ADJECTIVE_ZIPF) tagged JJ
        there. The frame is what tells an adjective from a noun ("international" alone is NNP
        to the small tagger, JJ in the frame; "pentagon" stays NNP, "mansion" NN)."""
        if zipf(name) < ADJECTIVE_ZIPF or "tagger" not in self._pipes:
            return False
        doc = self.nlp.make_doc(f"it is very {name.casefold()} .")
        for pipe in self._pipes:
            doc = self.nlp.get_pipe(pipe)(doc)
        return len(doc) == 5 and doc[3].tag_ == "JJ"

    @lru_cache(maxsize=16384)  # noqa: B019 - one per pipeline; bounded
    def adjective(self, name: str) -> bool:
        """Whether a one-word name is an English adjective: an English word at all (zipf >=
        ADJECTIVE_ZIPF) that the tagger, given it in lower case alone, calls one (JJ). A
        town's name the tagger takes for an adjective in a sentence is not one alone."""
        if zipf(name) < ADJECTIVE_ZIPF or "tagger" not in self._pipes:
            return False
        doc = self.nlp.make_doc(name.casefold())
        for pipe in self._pipes:
            doc = self.nlp.get_pipe(pipe)(doc)
        return len(doc) == 1 and doc[0].tag_ == "JJ"

