"""Figures in plain text: a number with its currency, scale, unit, range and qualifier.

Works on characters with the compiled patterns of :mod:`.lexicon`, so odd tokenisation
("PS6m", "640bhp", "USD10m") does not matter. The spaCy-dependent parts (what is counted,
what is measured, filters that need entity labels) live in :mod:`.relations` and
:mod:`.filters`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ...models import Conversion, TextSpan
from .lexicon import lexicon
from .numbers import VULGAR, Core, find_cores

#: how far back (characters) a qualifier or "between"/"from" may start before the figure;
#: the longest qualifier ("no fewer than", "in excess of") is 14 characters plus spaces.
QUALIFIER_WINDOW = 24
#: how far back a currency prefix may start ("HK $" is the longest at 4, "US $" too)
CURRENCY_WINDOW = 6

#: words after a glued "m" that make it metres, not millions ("18m deep", "100m away")
METRE_WORDS = frozenset(
    ["long", "high", "deep", "wide", "tall", "away", "below", "above", "in", "from", "of", "to", "at", "and", "or", "by", "off", "across", "under", "over", "up", "down", "thick"]
)
#: denominators of a rate: "$3,500 a month", "325,000 barrels per day", "5 km/h"
RATE_RE = re.compile(
    r"(?P<sep>\s+(?:per|a|an)\s+|\s?/\s?)(?P<den>second|minute|hour|day|week|month|year|"
    r"annum|barrel|share|person|head|capita|tonne|litre|liter|gallon|kilo|kg|game)\b"
    r"(?!\s+(?:earlier|later|ago|before|after)\b)",
    re.IGNORECASE,
)
#: a range joiner between two numbers
RANGE_RE = re.compile(r"\s*(?P<sep>-|–|—|to|and|or)\s*$", re.IGNORECASE)
BETWEEN_RE = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
SIGN_WORD_RE = re.compile(r"\bminus[\s-]?$", re.IGNORECASE)
DURATION_ARTICLE_RE = re.compile(
    r"\b(?:a|an)\s+(?=(?:day|week|month|year|decade|century|hour|minute)\b)", re.IGNORECASE
)
#: after "a month", the words that make it a duration ("a month into", "a year ago")
DURATION_AFTER_RE = re.compile(r"^\s+\w+\s+(?:into|ago)\b")


@dataclass
class Figure:
    """One figure, by character offsets; mutable while it is being assembled."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    low: float | None = None
    high: float | None = None
    vague: bool = False
    kind: str = "digits"
    scale: float = 1.0
    negative: bool = False
    unit: str | None = None
    unit_text: str | None = None
    dimension: str | None = None
    factor: float = 1.0
    offset: float = 0.0
    currency: bool = False
    qualifier: str | None = None
    qualifier_start: int = -1
    bound: str = "exact"
    change: str = "="
    is_range: bool = False
    range_sep: str | None = None
    rate_per: str | None = None  # "day" in "$300 a day", "barrel" in "$52 a barrel"
    compound: bool = False  # "$2 billion 980 million" read as one amount
    conversions: list[Figure] = field(default_factory=list)  # "19 miles (30km)": the 30km
    notes: list[str] = field(default_factory=list)


def _prefix_currency(text: str, fig: Figure) -> None:
    lex = lexicon()
    m = lex.currency_prefix_re.search(text, max(0, fig.start - CURRENCY_WINDOW), fig.start)
    if not m:
        return
    cur = re.sub(r"\s+", " ", m.group("cur"))
    info = lex.currency_prefix.get(cur) or lex.currency_prefix.get(cur.replace(" ", ""))
    if info is None:
        return
    if cur in ("PS", "RM", "Rs") and m.end("cur") != fig.start:
        return  # letters read as a currency only when glued to the digits
    fig.unit, fig.unit_text, fig.dimension, fig.currency = info.code, cur, "currency", True
    fig.factor = info.factor
    fig.negative = fig.negative or bool(m.group("neg"))
    fig.start = m.start()


def _scale(text: str, fig: Figure) -> None:
    if fig.kind not in ("digits", "fraction"):
        return
    lex = lexicon()
    pos = fig.end
    while True:
        m = lex.scale_re.match(text, pos)
        if not m:
            return
        word = m.group("scale")
        factor, attached = lex.scales[word]
        if attached and m.group("sep"):
            return
        if word in ("m", "b") and not fig.currency:
            nxt = re.match(r"\s*([A-Za-z]+)", text[m.end():m.end() + 20])
            if word == "b" or nxt is None or nxt.group(1).lower() in METRE_WORDS:
                return  # "18m deep": metres, handled as a unit
        fig.value *= factor
        fig.scale *= factor
        fig.end = fig.num_end = pos = m.end()


def _suffix(text: str, fig: Figure) -> None:
    lex = lexicon()
    pos = fig.end
    if not fig.currency:
        m = lex.currency_suffix_re.match(text, pos)
        if m and not (m.group("cur") == "p" and m.group("sep")):
            info = lex.suffix_currency(m.group("cur"))
            if info:
                fig.unit, fig.unit_text, fig.dimension = info.code, m.group("cur"), "currency"
                fig.currency, fig.factor = True, info.factor
                fig.end = pos = m.end()
    if not fig.currency:
        m = lex.unit_re.match(text, pos)
        if m:
            surface = m.group("unit")
            spaced = bool(m.group("sep").strip() == "" and m.group("sep"))
            uinfo = lex.unit(surface)
            if uinfo and not (len(surface) < 2 and spaced) and not (
                m.group("sep") == "-" and len(surface) < 3
            ):
                fig.unit, fig.unit_text, fig.dimension = uinfo.unit, surface, uinfo.dimension
                fig.factor, fig.offset = uinfo.factor, uinfo.offset
                fig.end = pos = m.end()
    if fig.unit:
        m = RATE_RE.match(text, pos)
        if m:
            den = lexicon().unit(m.group("den"))
            den_unit = den.unit if den else m.group("den").lower()
            fig.unit = f"{fig.unit}/{den_unit}"
            fig.rate_per = rate_periods().get(m.group("den").lower(), den_unit)
            fig.unit_text = f"{fig.unit_text}{m.group(0)}"
            fig.dimension = f"{fig.dimension} rate"
            fig.end = m.end()


@lru_cache(maxsize=1)
def rate_words() -> dict[str, tuple[str, str]]:
    """``data/quantities/rates.tsv``: word -> (period, kind); kind marker, period or adverb."""
    raw = resources.files("newsledger.data").joinpath("quantities/rates.tsv").read_text("utf-8")
    out = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, period, kind = (c.strip() for c in line.split("\t")[:3])
            out[word.lower()] = (period, kind)
    return out


def rate_periods() -> dict[str, str]:
    """Period nouns and adverbs -> the period they name ("annum" -> "year")."""
    return {w: p for w, (p, k) in rate_words().items() if k in ("period", "adverb")}


def _qualifier(text: str, fig: Figure) -> None:
    lex = lexicon()
    window = text[max(0, fig.start - QUALIFIER_WINDOW):fig.start]
    m = lex.qualifier_re.search(window)
    if not m:
        return
    phrase = m.group("q")
    bound, change = lex.qualifiers[" ".join(phrase.lower().split())]
    fig.qualifier, fig.bound = phrase, bound
    if change == "~":
        fig.change = "~"
    fig.qualifier_start = fig.start - len(window) + m.start("q")
    fig.start = fig.qualifier_start


def _from_core(text: str, core: Core) -> Figure | None:
    fig = Figure(core.start, core.end, core.start, core.end, core.value, core.low, core.high,
                 core.vague, core.kind)
    if core.kind == "digits":
        before = text[max(0, core.start - 7):core.start]
        if before.endswith(("-", "−")) and (len(before) < 2 or not before[-2].isalnum()):
            fig.negative, fig.start = True, core.start - 1
        elif SIGN_WORD_RE.search(before):
            fig.negative = True
            fig.start = core.start - len(SIGN_WORD_RE.search(before).group(0))  # type: ignore[union-attr]
    _prefix_currency(text, fig)
    _scale(text, fig)
    _suffix(text, fig)
    if core.kind == "fraction" and fig.unit is None and fig.scale == 1 and fig.value < 1:
        # "two-thirds of the houses": a share, not 0.67 houses
        fig.unit, fig.unit_text, fig.dimension = "fraction", text[core.start:core.end], "fraction"
    elif core.kind == "digits" and fig.unit is None and fig.scale == 1 and text[core.start:core.end] in VULGAR:
        fig.unit, fig.unit_text, fig.dimension = "fraction", text[core.start:core.end], "fraction"
    if fig.negative:
        fig.value = -fig.value
    return fig


def _join_range(text: str, a: Figure, b: Figure) -> Figure | None:
    """``a`` and ``b`` as one range ("5-10 W", "between 750000 and 800000"), or None."""
    gap = text[a.end:b.start]
    m = RANGE_RE.match(gap) if len(gap) < 8 else None
    if not m or not RANGE_RE.search(gap):
        return None
    sep = m.group("sep").lower()
    if a.unit is not None and a.unit != b.unit:
        return None
    if b.unit is None and a.unit is not None:
        return None
    if a.vague or b.vague:
        return None
    lead = text[max(0, a.start - 10):a.start]
    if sep == "and" and not re.search(r"\bbetween\s*$", lead, re.IGNORECASE):
        return None
    if sep == "or" and (a.unit is not None or b.currency or a.kind != "words" or b.kind != "words"):
        return None  # "three or four years"; "25k or 40k" are two figures
    if (a.unit is not None and a.factor != b.factor) or _year_like(text, a):
        return None  # "rose 18 sen to RM23.50"; "in 2018 to 3.9 million"
    if a.unit is not None and re.search(r"\bby\s*$", lead, re.IGNORECASE):
        return None  # "increased by $43.6 billion to $419.2 billion": a change, then a level
    if sep in ("-", "–", "—") and (a.negative or b.negative):
        return None
    # "$89 to $93 billion": the scale of the second number applies to the first
    low = a.value * b.scale if a.scale == 1 and b.scale > 1 and a.value < b.value / b.scale else a.value
    joined = Figure(a.start, b.end, a.num_start, b.num_end, (low + b.value) / 2,
                    low, b.value, False, a.kind)
    for attr in ("unit", "unit_text", "dimension", "factor", "offset", "currency"):
        setattr(joined, attr, getattr(b, attr))
    joined.is_range, joined.range_sep = True, sep
    bm = BETWEEN_RE.search(lead)
    if bm and sep in ("and", "to"):
        joined.start = a.start - (len(lead) - bm.start())
    return joined


#: what may stand between the parts of a compound amount: "$2 billion 980 million",
#: "$ 2 billion $ 980 million" (the second currency sign is read with the second part);
#: not "and" ("$4 billion and 250 million more" may be two sums)
COMPOUND_GAP_RE = re.compile(r"\s{1,3}")


def _join_compound(text: str, a: Figure, b: Figure) -> bool:
    """Fold ``b`` into ``a`` when the two are one amount written in parts ("$2 billion 980
    million" = 2.98e9): ``a`` carries a larger scale than ``b`` and ``b`` is smaller than one
    unit of ``a``'s scale, so the parts cannot be two figures of one list."""
    if a.scale <= 1 or b.scale <= 1 or b.scale >= a.scale or abs(b.value) >= a.scale:
        return False
    if a.is_range or b.is_range or a.vague or b.vague or a.negative or b.negative:
        return False
    if not COMPOUND_GAP_RE.fullmatch(text[a.end:b.start]):
        return False
    if b.unit is not None and a.unit is not None and (b.unit != a.unit or b.factor != a.factor):
        return False
    if a.unit is None and b.unit is not None:  # "2 billion 980 million dollars"
        for attr in ("unit", "unit_text", "dimension", "factor", "offset", "currency"):
            setattr(a, attr, getattr(b, attr))
    a.value += b.value
    a.end, a.num_end, a.compound = b.end, b.num_end, True
    a.scale = b.scale  # a third part must be smaller still: "$4 billion 250 million 2 million" is not one

    return True


#: a conversion in brackets after a figure: "19 miles (30km)", "9 billion yuan (US $1.3
#: billion)", "86.7bn Swiss francs ($74.6bn; £39.1bn)"
CONVERSION_OPEN_RE = re.compile(r"\s*\(\s*")
CONVERSION_SEP_RE = re.compile(r"\s*[;,/]\s*(?:or\s+)?")
CONVERSION_CLOSE_RE = re.compile(r"\s*\)")


def _dim(fig: Figure) -> str | None:
    return fig.dimension.replace(" rate", "") if fig.dimension else None


def _join_conversions(text: str, figs: list[Figure]) -> list[Figure]:
    """A figure and its conversions in brackets become one figure whose ``conversions``
    keep the bracketed figures (and their spans); the span runs to the closing bracket."""
    out: list[Figure] = []
    i = 0
    while i < len(figs):
        a = figs[i]
        j = i + 1
        convs: list[Figure] = []
        if a.unit is not None and a.dimension not in (None, "count", "fraction"):
            gap_re = CONVERSION_OPEN_RE
            while j < len(figs):
                b = figs[j]
                prev_end = convs[-1].end if convs else a.end
                if not gap_re.fullmatch(text[prev_end:b.start]) or _dim(b) != _dim(a):
                    break
                convs.append(b)
                gap_re = CONVERSION_SEP_RE
                j += 1
            close = CONVERSION_CLOSE_RE.match(text, convs[-1].end) if convs else None
            if close is None:
                convs, j = [], i + 1
            else:
                a.conversions, a.end = convs, close.end()
        out.append(a)
        i = j
    return out


def _year_like(text: str, fig: Figure) -> bool:
    raw = text[fig.num_start:fig.num_end]
    return fig.unit is None and raw.isdigit() and len(raw) == 4 and 1500 <= fig.value <= 2100


def _duration_articles(text: str, cores: list[Core]) -> list[Core]:
    """"almost a month", "a year ago": "a" read as one when a duration follows."""
    lex = lexicon()
    extra = []
    for m in DURATION_ARTICLE_RE.finditer(text):
        before = text[max(0, m.start() - QUALIFIER_WINDOW):m.start()]
        after = text[m.end():m.end() + 40]
        if lex.qualifier_re.search(before) or DURATION_AFTER_RE.match(" " + after):
            extra.append(Core(m.start(), m.end() - 1, 1.0, kind="article"))
    if not extra:
        return cores
    taken = [(c.start, c.end) for c in cores]
    extra = [e for e in extra if not any(s < e.end and e.start < t for s, t in taken)]
    return sorted([*cores, *extra], key=lambda c: c.start)


def find_figures(text: str) -> list[Figure]:
    """All candidate figures in ``text``, in order, before any filtering."""
    cores = _duration_articles(text, find_cores(text))
    figs: list[Figure] = []
    for c in cores:
        if figs and c.start < figs[-1].end:
            continue  # "10.5 million": the scale word was read with the digits
        f = _from_core(text, c)
        if f is not None:
            figs.append(f)
    compound: list[Figure] = []
    for f in figs:
        if compound and _join_compound(text, compound[-1], f):
            continue
        compound.append(f)
    figs = compound
    merged: list[Figure] = []
    i = 0
    while i < len(figs):
        f = figs[i]
        if i + 1 < len(figs):
            j = _join_range(text, f, figs[i + 1])
            if j is not None:
                f = j
                i += 1
        merged.append(f)
        i += 1
    for f in merged:
        _qualifier(text, f)
    return _join_conversions(text, merged)


def conversions_of(text: str, fig: Figure) -> list[Conversion]:
    """The records of a figure's bracketed conversions, each with its own span."""
    out = []
    for c in fig.conversions:
        si = (c.value + c.offset) * c.factor if c.unit and c.dimension != "count" else None
        out.append(Conversion(span=TextSpan.of(text, c.start, c.end), value=c.value, low=c.low,
                              high=c.high, unit=c.unit, unit_text=c.unit_text, si_value=si))
    return out
