"""The hand-written cue lists in ``newsledger/data/places/``, loaded once per process.

Nationality words come from the shared countries table ``data/countries.tsv`` (the rows
marked ``places``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ...geo.build import data_rows, division_words
from ...lexicons import rows_for
from ...tables import Col, read_table

CUE_COLUMNS = (Col("kind"), Col("word"))
DIVISION_DEMONYM_COLUMNS = (Col("demonym"), Col("division"), Col("country"))


@dataclass(frozen=True)
class Lexicon:
    division: dict[str, int]  # division word -> preferred admin level (0 = either)
    cues: dict[str, frozenset[str]]  # cue kind -> words
    demonyms: dict[str, str]  # demonym -> country alpha-2
    weak_division: frozenset[str]  # division words also used loosely ("region", "district")
    #: demonym of a first-level division -> (its name, country alpha-2): "Texan" -> Texas
    division_demonyms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def has(self, kind: str, word: str) -> bool:
        return word.casefold() in self.cues.get(kind, frozenset())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues: dict[str, set[str]] = defaultdict(set)
    for row in read_table("places/cues.tsv", CUE_COLUMNS):
        cues[row["kind"]].add(row["word"].casefold())
    demonyms = {r.word: r.alpha2 for r in rows_for("places") if r.alpha2}
    weak = frozenset(r["word"] for r in data_rows("division_words.tsv") if r["strength"] == "weak")
    # a demonym the countries table gives to a country stays the country's ("Georgian"), unless
    # that country is the division's own ("Scottish": Scotland, in the United Kingdom)
    divisions = {r["demonym"]: (r["division"], r["country"])
                 for r in read_table("places/division_demonyms.tsv", DIVISION_DEMONYM_COLUMNS)
                 if demonyms.get(r["demonym"], r["country"]) == r["country"]}
    return Lexicon(division_words(), {k: frozenset(v) for k, v in cues.items()}, demonyms, weak, divisions)
