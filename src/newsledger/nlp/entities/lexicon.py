"""Loads the entity lexicons once per process.

Titles come from the shared ``data/titles.tsv`` (the rows marked ``role``), nationality
words from the countries table ``data/countries.tsv`` (the rows marked ``entities``), and
the rest from ``data/entities``.
"""

from __future__ import annotations

from functools import lru_cache

from ...lexicons import name_prefix_titles, role_titles, rows_for
from ...tables import read_list


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lower-cased role and title nouns: president, minister, analyst, spokesman, ..."""
    return frozenset(w.lower() for w in role_titles())


@lru_cache(maxsize=1)
def portfolio_words() -> frozenset[str]:
    """The words before the role noun of the multi-word titles ("defence" of "defence
    minister", "foreign" of "foreign minister", in either use of ``data/titles.tsv``): an
    office's portfolio, never a body alone."""
    return frozenset(w.lower().split()[0] for w in role_titles() + name_prefix_titles() if " " in w)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym or adjective (lower-cased) -> country name: "ukrainian" -> "Ukraine"."""
    return {r.word.lower(): r.country for r in rows_for("entities")}


#: Endings of demonyms ("Ukrainian", "Chinese", "British", "Israeli", "French", "Czech");
#: words listed as adjectives that lack them are metonyms ("Kremlin", "Pentagon"), not groups.
DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ch", "ic", "ean", "ans", "eses", "is")


def is_demonym(text: str) -> bool:
    """Whether ``text`` is a demonym or nationality adjective, or its plural ("Ukrainians"):
    a group, never a person or a place."""
    low = text.casefold()
    if text.isupper() or "." in text or not low.endswith(DEMONYM_ENDINGS):
        return False
    return low in demonyms() or (low.endswith("s") and low[:-1] in demonyms())


@lru_cache(maxsize=1)
def non_person_words() -> frozenset[str]:
    """Capitalised words that never start a person's name in news (headings, months, ...)."""
    return frozenset(w.lower() for w in read_list("entities/not_person_words.txt"))
