"""Time expressions, normalised against the article's publication date.

:func:`normalise` is a pure function of a phrase and an anchor date; :func:`find_times`
collects the phrases from spaCy's DATE/TIME entities and a few cue patterns ("now",
"pre-war", "before the Kursk incursion"), extending "almost a month" with "into ...".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import lexicon
from .numbers import parse_words

#: approximate days per calendar unit, for "three months ago"
DAYS_PER = {"D": 1, "W": 7, "M": 30.4375, "Y": 365.25}
HEDGES = r"almost|nearly|about|around|roughly|some|more than|over|less than|under|just over|just under|up to|at least"
DURATION_RE = re.compile(
    rf"^(?:(?:the\s+)?(?:past|last|next|first|previous|coming)\s+)?(?P<q>{HEDGES})?\s*"
    r"(?P<n>an?|\d+(?:\.\d+)?|[a-z]+(?:[\s-][a-z]+)?|a few|several)[\s-]+"
    r"(?P<u>second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))s?"
    r"(?P<rest>\b.*)$",
    re.IGNORECASE,
)
#: "the past decade", "the last hour": one period, counted back from the anchor
PAST_PERIOD_RE = re.compile(
    r"^(?:the\s+)?(?:past|last|previous)\s+(?P<u>hour|day|fortnight|decade|century)$", re.I
)
#: "early 2024", "mid-2023", "late March": a part of the period
PART_RE = re.compile(r"\b(?:early|mid|late|end of|beginning of|start of)\b", re.I)
REL_PERIOD_RE = re.compile(r"^(?P<w>last|this|next|past)\s+(?P<u>week|month|year)$", re.I)
ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)(?=s?\b)")  # "2016", "the 1990s"
DAY_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
CUE_RES = [
    re.compile(r"\b(?:pre|post)-war\b", re.IGNORECASE),
    re.compile(r"\bnow\b"),
    re.compile(
        r"\b(?:[Bb]efore|[Aa]fter|[Ss]ince)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)*"
        r"(?:war|invasion|incursion|offensive|ceasefire|attack|election|coup|"
        r"World War (?:II|I|One|Two))\b"
    ),
]
TIME_LABELS = frozenset({"DATE", "TIME"})
#: a time of day that we do not resolve to a date-time, but keep as a relative expression
CLOCK_RE = re.compile(
    r"\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?|\b(?:overnight|morning|afternoon|evening|night|midnight|noon|dawn|dusk)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Normalised:
    kind: str  # date | datetime | duration | set | relative
    value: str | None
    approximate: bool = False


def _number(word: str) -> float | None:
    word = word.lower()
    if word in ("a", "an"):
        return 1.0
    if word in ("a few", "several"):
        return 3.0
    try:
        return float(word)
    except ValueError:
        return parse_words(word)


def _period(unit: str) -> tuple[str, float]:
    """("M", 1) for month, ("Y", 10) for decade, ..."""
    code = lexicon().time_words.get(unit.lower().rstrip("s").replace("centurie", "century"), ("", "D"))[1]
    m = re.match(r"(\d*)([A-Z])", code)
    if not m:
        return "D", 1.0
    return m.group(2), float(m.group(1) or 1)


def _iso_duration(n: float, unit: str) -> str:
    letter, mult = _period(unit)
    amount = n * mult
    num = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    if unit.lower().startswith(("second", "minute", "hour")):
        return f"PT{num}{letter}"
    return f"P{num}{letter}"


def _weekday(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    delta = (anchor.weekday() - weekday) % 7
    if direction == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if direction == "last" and delta == 0:
        delta = 7
    return anchor - dt.timedelta(days=delta)


def _calendar(text: str, anchor: dt.date | None) -> Normalised | None:
    words = re.findall(r"[A-Za-z]+", text)
    tw = lexicon().time_words
    month = next((int(tw[w.lower()][1]) for w in words if tw.get(w.lower(), ("",))[0] == "month"
                  and w[:1].isupper()), None)
    year_m = YEAR_RE.search(text)
    year = int(year_m.group(1)) if year_m else None
    rest = YEAR_RE.sub(" ", text)
    day_m = DAY_RE.search(rest) if month else None
    day = int(day_m.group(1)) if day_m and 1 <= int(day_m.group(1)) <= 31 else None
    lower = text.lower()
    if month and year is None and anchor is not None:
        year = anchor.year
        # a month named alone or as "last March" is the most recent one; news reports the past
        if month > anchor.month and "next" not in lower.split() and "this" not in lower.split():
            year -= 1
        if "next" in lower.split() and month <= anchor.month:
            year += 1
    if month and year:
        if day:
            try:
                return Normalised("date", dt.date(year, month, day).isoformat())
            except ValueError:
                return None
        return Normalised("date", f"{year:04d}-{month:02d}")
    if month:
        return Normalised("relative", None)
    if year and re.search(r"\b\d{4}s\b", text):
        return Normalised("date", f"{str(year)[:3]}X", approximate=True)
    if year:
        return Normalised("date", f"{year:04d}")
    return None


def normalise(text: str, anchor: dt.date | None) -> Normalised | None:
    """Read one time phrase; None when it is not a time expression we understand."""
    t = " ".join(text.split())
    if CUE_RES[2].fullmatch(t):  # "before the Kursk incursion", "since World War II"
        return Normalised("relative", None)
    t = re.sub(r"^(?:on|in|by|until|from|since|during|as of|the)\s+", "", t, flags=re.IGNORECASE)
    low = t.lower()
    tw = lexicon().time_words
    if low in ("now", "currently", "at present"):
        return Normalised("relative", anchor.isoformat() if anchor else None)
    m = ISO_RE.search(t)
    if m:
        return Normalised("date", m.group(0))
    m = DURATION_RE.match(t)
    if m and _number(m.group("n")) is not None:
        n = _number(m.group("n")) or 1.0
        unit, rest = m.group("u"), m.group("rest").strip().lower()
        approx = bool(m.group("q")) or m.group("n").lower() in ("a few", "several")
        if rest.startswith("ago"):
            if anchor is None:
                return Normalised("relative", None, approx)
            letter, mult = _period(unit)
            days = n * mult * DAYS_PER.get(letter, 0)
            when = anchor - dt.timedelta(days=days)
            return Normalised("date", when.isoformat(), approx or letter in ("M", "Y"))
        if rest.startswith(("later", "earlier", "before", "after")):
            return Normalised("relative", None, approx)
        return Normalised("duration", _iso_duration(n, unit), approx)
    m = PAST_PERIOD_RE.match(t)
    if m:
        return Normalised("duration", _iso_duration(1, m.group("u")))
    m = REL_PERIOD_RE.match(t)
    if m:
        if anchor is None:
            return Normalised("relative", None)
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group("w").lower()]
        u = m.group("u").lower()
        if u == "week":
            d = anchor + dt.timedelta(days=7 * step)
            iso = d.isocalendar()
            return Normalised("date", f"{iso[0]}-W{iso[1]:02d}")
        if u == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
            return Normalised("date", f"{y:04d}-{mo + 1:02d}")
        return Normalised("date", f"{anchor.year + step:04d}")
    words = low.replace(",", " ").split()
    for i, w in enumerate(words):
        kind_value = tw.get(w)
        if kind_value is None:
            continue
        kind, value = kind_value
        if kind == "dayref":
            if anchor is None:
                return Normalised("relative", None)
            return Normalised("date", (anchor + dt.timedelta(days=int(value))).isoformat())
        if kind == "weekday" and not _calendar(t, anchor):
            if anchor is None:
                return Normalised("relative", None)
            direction = words[i - 1] if i and words[i - 1] in ("last", "next", "this") else ""
            return Normalised("date", _weekday(anchor, int(value), direction).isoformat())
        if kind == "set":
            return Normalised("set", value)
    if low.startswith(("every ", "each ")):
        return Normalised("set", None)
    cal = _calendar(t, anchor)
    if cal is not None:
        if PART_RE.search(t) and not cal.approximate:
            return Normalised(cal.kind, cal.value, True)
        return cal
    if CUE_RES[0].search(t) or CUE_RES[2].search(t):
        return Normalised("relative", None)
    return None


def parse_anchor(published: object) -> dt.date | None:
    if not isinstance(published, str) or not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_times(doc: Doc, text: str, anchor: dt.date | None) -> list[tuple[int, int, Normalised]]:
    """(start, end, reading) of each time expression in ``doc`` (whose text is ``text``)."""
    found: list[tuple[int, int]] = []
    clock: set[int] = set()  # starts of TIME entities: kept even when not normalised
    for ent in doc.ents:
        if ent.label_ not in TIME_LABELS:
            continue
        end = ent.end
        if end < len(doc) and doc[end].lower_ == "into":  # "almost a month into the incursion"
            end = max(end, doc[end].right_edge.i + 1)
        found.append((ent.start_char, doc[end - 1].idx + len(doc[end - 1])))
        if ent.label_ == "TIME":
            clock.add(ent.start_char)
    for rx in CUE_RES:
        for m in rx.finditer(text):
            found.append((m.start(), m.end()))
    found.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int, Normalised]] = []
    last_end = -1
    for s, e in found:
        if s < last_end:
            continue
        reading = normalise(text[s:e], anchor)
        if reading is None and s in clock and CLOCK_RE.search(text[s:e]):
            reading = Normalised("relative", None)  # "11 a.m.", "overnight": a time of day
        if reading is None:
            continue
        out.append((s, e, reading))
        last_end = e
    return out
