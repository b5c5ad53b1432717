"""Loads the entity lexicons in ``data/entities`` once per process."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("newsledger.data").joinpath("entities", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lower-cased role and title nouns: president, minister, analyst, spokesman, ..."""
    return frozenset(w.lower() for w in _lines("titles.txt"))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym or adjective (lower-cased) -> country name: "ukrainian" -> "Ukraine"."""
    out = {}
    for ln in _lines("demonyms.tsv"):
        adj, _, country = ln.partition("\t")
        out[adj.strip().lower()] = country.strip()
    return out


@lru_cache(maxsize=1)
def non_person_words() -> frozenset[str]:
    """Capitalised words that never start a person's name in news (headings, months, ...)."""
    return frozenset(w.lower() for w in _lines("not_person_words.txt"))
