"""Reading the number itself: digits, number words and vague amounts.

Pure functions of strings; :mod:`.detect` finds where numbers are and calls these.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lexicon import lexicon

#: vulgar fraction characters: "½", "¾", "⅔" (their value comes from Unicode)
VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
#: a digit number: "1,000", "16369.03", ".001", "1/2" (grouping commas in threes only),
#: "15½", "½"
DIGITS_RE = re.compile(
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:/\d+|\s?[{VULGAR}])?|\.\d+|[{VULGAR}]"
)


ARTICLE_RE = re.compile(r"(?:half\s+)?an?\s+", re.I)
#: a number word glued to "fold": "sixfold", "tenfold"
FOLD_RE = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)(?=fold\b)", re.I
)


@dataclass(frozen=True)
class Core:
    """A number as found in the text, before units and qualifiers."""

    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    vague: bool = False
    kind: str = "digits"  # digits | words | vague | article ("a month")


def parse_digits(text: str) -> float | None:
    """``"1,000"`` -> 1000.0, ``"1/2"`` -> 0.5, ``".5"`` -> 0.5, ``"15½"`` -> 15.5."""
    text = text.replace(",", "").strip()
    if text and text[-1] in VULGAR:
        whole = text[:-1].strip()
        base = float(whole) if whole else 0.0
        return base + unicodedata.numeric(text[-1])
    try:
        if "/" in text:
            num, den = text.split("/", 1)
            d = float(den)
            value = float(num) / d if d else math.inf
        else:
            value = float(text)
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None  # a 4,000-digit "number" is not a figure


def parse_words(text: str) -> float | None:
    """``"twenty-eight thousand six hundred"`` -> 28600.0; ``"a dozen"`` -> 12.0.

    Returns None for sequences that are not one number ("one two three" reads as None only
    when it cannot be composed; ``"score"`` alone and a bare ``"a"`` are not numbers).
    """
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    table = lexicon().number_words
    if not words:
        return None
    fraction = 1.0
    if words[0] == "half":
        fraction, words = 0.5, words[1:]
    if words and words[0] in ("a", "an"):
        if len(words) < 2 or table.get(words[1], (0, ""))[1] not in ("scale", "dozen"):
            return None
        words = ["one", *words[1:]]
    if table.get(words[0], (0, ""))[1] in ("scale", "dozen"):
        return None  # "million", "score" alone: a scale word needs a number before it
    total = 0.0
    current = 0.0
    last_kind = ""
    for w in words:
        if w not in table:
            return None
        value, kind = table[w]
        if kind in ("unit", "teen", "ten"):
            if last_kind in ("unit", "teen") or (last_kind == "ten" and kind != "unit"):
                return None  # "one two", "twenty thirty": a list, not a number
            current += value
        elif kind == "dozen":
            current = (current or 1.0) * value
        elif kind == "scale":
            if value == 100:
                current = (current or 1.0) * value
            else:
                total += (current or 1.0) * value
                current = 0.0
        else:
            return None
        last_kind = kind
    return (total + current) * fraction


def parse_vague(text: str) -> tuple[float, float] | None:
    """``"tens of thousands"`` -> (10000, 100000); ``"several hundred"`` -> (300, 900)."""
    lex = lexicon()
    words = text.lower().split()
    if not words:
        return None
    key = words[0]
    if key == "a":
        key = " ".join(words[:3]) if len(words) > 3 and words[1] == "couple" else " ".join(words[:2])
    if key not in lex.vague:
        return None
    low, high = lex.vague[key]
    rest = words[len(key.split()):]
    if rest and rest[0] == "of":
        rest = rest[1:]
    for w in rest:  # "tens of thousands", "several hundred"
        if w in lex.vague and w not in ("several",):
            m = lex.vague[w][0]
        elif w in lex.number_words and lex.number_words[w][1] in ("scale", "dozen"):
            m = lex.number_words[w][0]
        else:
            return None
        low, high = low * m, high * m
    return low, high


@lru_cache(maxsize=1)
def fraction_words() -> dict[str, int]:
    """``data/quantities/fractions.tsv``: fraction word -> denominator ("thirds" -> 3)."""
    raw = resources.files("newsledger.data").joinpath("quantities/fractions.tsv").read_text("utf-8")
    out = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, den = line.split("\t")[:2]
            out[word.strip().lower()] = int(den)
    return out


@lru_cache(maxsize=1)
def _fraction_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(mixed, simple): "one and a half", "2 and a quarter"; "two-thirds", "a third of"."""
    small = sorted(
        (w for w, (_, kind) in lexicon().number_words.items() if kind in ("unit", "teen", "ten")),
        key=len, reverse=True,
    )
    num = rf"(?:(?:{'|'.join(small)})(?:[\s-](?:{'|'.join(small)}))?|\d+)"
    fracs = "|".join(sorted(fraction_words(), key=len, reverse=True))
    mixed = re.compile(rf"\b(?P<whole>{num})\s+and\s+(?:a|an|one)\s+(?P<frac>{fracs})\b", re.I)
    # hyphenated ("two-thirds") always; spaced ("three quarters", "a third") only before "of"
    simple = re.compile(
        rf"\b(?P<num>{num}|a|an|one)(?:-(?P<den1>{fracs})\b(?!-)|\s+(?P<den2>{fracs})(?=\s+of\b))", re.I
    )
    return mixed, simple


def _word_or_digits(text: str) -> float | None:
    return parse_digits(text) if text[:1].isdigit() else parse_words(text)


@lru_cache(maxsize=1)
def _any_fraction_word() -> re.Pattern[str]:
    """Any fraction word anywhere (no word bounds): both fraction patterns need one, so a text
    without a match has no fraction, and their slower alternations need not run over it."""
    return re.compile("|".join(sorted(fraction_words(), key=len, reverse=True)), re.I)


def find_fractions(text: str) -> list[Core]:
    """Fractions in words: "one and a half" (1.5), "two-thirds" (0.667), "a third of" (0.333)."""
    if _any_fraction_word().search(text) is None:
        return []
    mixed, simple = _fraction_res()
    dens = fraction_words()
    out = []
    for m in mixed.finditer(text):
        whole = _word_or_digits(m.group("whole"))
        if whole is not None:
            out.append(Core(m.start(), m.end(), whole + 1 / dens[m.group("frac").lower()], kind="fraction"))
    for m in simple.finditer(text):
        word = m.group("num").lower()
        num = 1.0 if word in ("a", "an") else _word_or_digits(word)
        den = dens[(m.group("den1") or m.group("den2")).lower()]
        if num is not None and 0 < num < den:  # "five-sixths", not "six-fifths" nor "one-fifth" ranks
            out.append(Core(m.start(), m.end(), num / den, kind="fraction"))
    return out


def find_cores(text: str) -> list[Core]:
    """Every number in ``text``: digit runs, number-word sequences and vague amounts.

    Overlaps are resolved in favour of the earlier, then longer, match.
    """
    lex = lexicon()
    found: list[Core] = find_fractions(text)
    for m in lex.vague_re.finditer(text):
        rng = parse_vague(m.group(0))
        if rng:
            low, high = rng
            found.append(Core(m.start(), m.end(), (low + high) / 2, low, high, True, "vague"))
    for m in lex.word_number_re.finditer(text):
        start, words = m.start(), m.group(0)
        value = parse_words(words)
        article = ARTICLE_RE.match(words)
        if value is None and article:  # "a three-fold rise": the article is not part of it
            start, words = start + article.end(), words[article.end():]
            value = parse_words(words)
        if value is not None:
            found.append(Core(start, m.end(), value, kind="words"))
    for m in FOLD_RE.finditer(text):  # "sixfold": the number word glued to its unit
        value = parse_words(m.group(1))
        if value is not None:
            found.append(Core(m.start(1), m.end(1), value, kind="words"))
    for m in DIGITS_RE.finditer(text):
        value = parse_digits(m.group(0))
        if value is not None:
            found.append(Core(m.start(), m.end(), value))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Core] = []
    for c in found:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
