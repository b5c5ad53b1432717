"""The hand-written cue lists in ``newsledger/data/places/``, loaded once per process."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...geo.build import division_words


def _rows(name: str) -> list[list[str]]:
    text = resources.files("newsledger.data").joinpath("places", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    division: dict[str, int]  # division word -> preferred admin level (0 = either)
    cues: dict[str, frozenset[str]]  # cue kind -> words
    demonyms: dict[str, str]  # demonym -> country alpha-2
    weak_division: frozenset[str]  # division words also used loosely ("region", "district")

    def has(self, kind: str, word: str) -> bool:
        return word.casefold() in self.cues.get(kind, frozenset())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues: dict[str, set[str]] = defaultdict(set)
    for kind, word, *_ in _rows("cues.tsv"):
        cues[kind.strip()].add(word.strip().casefold())
    demonyms = {r[0].strip(): r[1].strip() for r in _rows("demonyms.tsv")}
    weak = frozenset(r[0].strip() for r in _rows("division_words.txt") if len(r) > 2 and r[2].strip() == "weak")
    return Lexicon(division_words(), {k: frozenset(v) for k, v in cues.items()}, demonyms, weak)
