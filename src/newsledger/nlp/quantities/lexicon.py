"""The quantity layer's word lists, read once per process from ``data/quantities/``.

Each table is a small TSV an analyst can extend (see that folder's README.md). This module
turns them into dicts and compiled regular expressions; nothing here depends on spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...tables import Col, read_list, read_table

DATA_DIR = "quantities"

#: The columns of each table in ``data/quantities/`` (see its README).
COLUMNS: dict[str, tuple[Col, ...]] = {
    "number_words.tsv": (Col("word"), Col("value", float), Col("kind")),
    "vague.tsv": (Col("word"), Col("low", float), Col("high", float)),
    "scales.tsv": (Col("surface"), Col("factor", float), Col("attached_only", bool)),
    "qualifiers.tsv": (Col("phrase"), Col("bound"), Col("change")),
    "units.tsv": (Col("surfaces"), Col("unit"), Col("dimension"), Col("factor", float),
                  Col("offset", float), Col("case")),
    "currencies.tsv": (Col("surface"), Col("code"), Col("position"), Col("factor", float)),
    "count_types.tsv": (Col("lemma"), Col("type"), Col("kind")),
    "change_verbs.tsv": (Col("lemma"), Col("change")),
    "time_words.tsv": (Col("word"), Col("kind"), Col("value")),
    "attribute_units.tsv": (Col("noun"), Col("unit"), Col("count_type", required=False)),
}


def _rows(name: str) -> list[tuple[Any, ...]]:
    """The typed cells of each row of a table, in column order."""
    cols = COLUMNS[name]
    return [tuple(row[c.name] for c in cols) for row in read_table(f"{DATA_DIR}/{name}", cols)]


def _alternation(surfaces: list[str], case_sensitive: set[str]) -> str:
    """A regex alternation, longest first, spaces matching any run of whitespace."""
    parts = []
    for s in sorted(set(surfaces), key=len, reverse=True):
        pat = r"\s+".join(re.escape(w) for w in s.split(" "))
        parts.append(pat if s in case_sensitive else f"(?i:{pat})")
    return "|".join(parts)


def squash(text: str) -> str:
    """Collapse runs of whitespace, as the lexicon keys are written."""
    return " ".join(text.split())


@dataclass(frozen=True)
class UnitInfo:
    unit: str  # normalised symbol
    dimension: str
    factor: float
    offset: float = 0.0


@dataclass(frozen=True)
class CurrencyInfo:
    code: str
    factor: float


@dataclass(frozen=True)
class Lexicon:
    number_words: dict[str, tuple[float, str]]
    vague: dict[str, tuple[float, float]]
    scales: dict[str, tuple[float, bool]]
    qualifiers: dict[str, tuple[str, str]]
    units_cs: dict[str, UnitInfo]
    units_ci: dict[str, UnitInfo]
    currency_prefix: dict[str, CurrencyInfo]
    currency_suffix_cs: dict[str, CurrencyInfo]
    currency_suffix_ci: dict[str, CurrencyInfo]
    count_cues: dict[str, tuple[str, str]]
    change_verbs: dict[str, str]
    time_words: dict[str, tuple[str, str]]
    attribute_units: dict[str, tuple[str, str | None]]
    label_nouns: frozenset[str]
    # compiled patterns
    unit_re: re.Pattern[str]
    scale_re: re.Pattern[str]
    currency_prefix_re: re.Pattern[str]
    currency_suffix_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]
    word_number_re: re.Pattern[str]
    vague_re: re.Pattern[str]

    def unit(self, surface: str) -> UnitInfo | None:
        key = squash(surface)
        return self.units_cs.get(key) or self.units_ci.get(key.lower())

    def suffix_currency(self, surface: str) -> CurrencyInfo | None:
        key = squash(surface)
        return self.currency_suffix_cs.get(key) or self.currency_suffix_ci.get(key.lower())


#: A unit of one letter ("m", "g", "W") is read only when glued to the digits ("18m"),
#: never after a space, where it is more often an initial or a list label.
SPACED_UNIT_MIN_LEN = 2


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    number_words = {r[0]: (r[1], r[2]) for r in _rows("number_words.tsv")}
    vague = {r[0]: (r[1], r[2]) for r in _rows("vague.tsv")}
    scales = {r[0]: (r[1], r[2]) for r in _rows("scales.tsv")}
    qualifiers = {r[0].lower(): (r[1], r[2]) for r in _rows("qualifiers.tsv")}

    units_cs: dict[str, UnitInfo] = {}
    units_ci: dict[str, UnitInfo] = {}
    for surfaces, unit, dim, factor, offset, case in _rows("units.tsv"):
        uinfo = UnitInfo(unit, dim, factor, offset)
        for s in surfaces.split("|"):
            if case == "cs":
                units_cs[s] = uinfo
            else:
                units_ci[s.lower()] = uinfo

    prefix: dict[str, CurrencyInfo] = {}
    suffix_cs: dict[str, CurrencyInfo] = {}
    suffix_ci: dict[str, CurrencyInfo] = {}
    for surface, code, position, factor in _rows("currencies.tsv"):
        info = CurrencyInfo(code, factor)
        if position in ("prefix", "both"):
            prefix[surface] = info
        if position in ("suffix", "both"):
            if surface.isupper() or not surface.replace(" ", "").replace(".", "").isalpha():
                suffix_cs[surface] = info
            else:
                suffix_ci[surface.lower()] = info

    count_cues = {r[0]: (r[1], r[2]) for r in _rows("count_types.tsv")}
    change_verbs = {r[0]: r[1] for r in _rows("change_verbs.tsv")}
    time_words = {r[0]: (r[1], r[2]) for r in _rows("time_words.tsv")}
    attribute_units = {r[0]: (r[1], r[2]) for r in _rows("attribute_units.tsv")}

    cs_units = set(units_cs)
    unit_alt = _alternation(list(units_cs) + list(units_ci), cs_units)
    # optional joiner (one space or a hyphen: "5.2-litre"), the unit, then no letter
    unit_re = re.compile(rf"(?P<sep>[ \u00a0]?|-)(?P<unit>{unit_alt})(?![^\W\d_])")
    scale_words = sorted(scales, key=len, reverse=True)
    scale_re = re.compile(
        r"(?P<sep>[ \u00a0]?)(?P<scale>"
        + "|".join(re.escape(s) for s in scale_words)
        + r")(?![^\W\d_])"
    )
    prefix_alt = "|".join(
        r"\s?".join(re.escape(p) for p in s.split(" ")) for s in sorted(prefix, key=len, reverse=True)
    )
    # the currency ends where the number starts (searched with endpos = number start)
    currency_prefix_re = re.compile(rf"(?<![^\W\d_])(?P<cur>{prefix_alt})\s?(?P<neg>[-−])?$")
    suffix_alt = _alternation(list(suffix_cs) + list(suffix_ci), set(suffix_cs))
    currency_suffix_re = re.compile(rf"(?P<sep>[ \u00a0]?)(?P<cur>{suffix_alt})(?![^\W\d_])")
    qual_alt = _alternation(list(qualifiers), set())
    qualifier_re = re.compile(rf"(?<![\w-])(?P<q>{qual_alt})\s*$")
    words = sorted((w for w in number_words if w != "half"), key=len, reverse=True)
    word_alt = "|".join(words)
    word_number_re = re.compile(
        rf"\b(?:(?:half\s+)?an?\s+(?=(?:{word_alt})\b))?(?:{word_alt})"
        rf"(?:(?:\s+and\s+|[\s-]+)(?:{word_alt}))*\b",
        re.IGNORECASE,
    )
    vague_re = re.compile(
        r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
        r"|(?:dozens|hundreds|thousands|millions|billions)"
        r"|(?:tens|scores)(?=\s+of\b)"
        r"|(?:several|a\s+few|a\s+couple\s+of)\s+(?:dozen|hundred|thousand|million|billion))\b",
        re.IGNORECASE,
    )
    return Lexicon(
        number_words=number_words,
        vague=vague,
        scales=scales,
        qualifiers=qualifiers,
        units_cs=units_cs,
        units_ci=units_ci,
        currency_prefix=prefix,
        currency_suffix_cs=suffix_cs,
        currency_suffix_ci=suffix_ci,
        count_cues=count_cues,
        change_verbs=change_verbs,
        time_words=time_words,
        attribute_units=attribute_units,
        label_nouns=frozenset(w.lower() for w in read_list(f"{DATA_DIR}/label_nouns.txt")),
        unit_re=unit_re,
        scale_re=scale_re,
        currency_prefix_re=currency_prefix_re,
        currency_suffix_re=currency_suffix_re,
        qualifier_re=qualifier_re,
        word_number_re=word_number_re,
        vague_re=vague_re,
    )
