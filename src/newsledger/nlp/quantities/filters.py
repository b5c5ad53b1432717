"""Numbers that are not quantities: ordinals, years, dates, clock times, phone numbers,
designations ("F-16", "Su-34", "iPhone 11") and names ("World War II", "Euro 2020")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .detect import Figure
from .lexicon import lexicon

#: text that looks numeric but is a time, a date, a phone number or an address
MASK_RES = [
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE),
    re.compile(r"\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?(?![a-z])", re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?"),
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"),
    re.compile(r"\+\d{1,3}(?:[\s-]?\d{2,4}){3,}"),
    re.compile(r"https?://\S+|www\.\S+|\S+@\S+"),
]
ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
#: a standalone four-digit integer in this range, with no unit, is read as a year
YEAR_MIN, YEAR_MAX = 1500, 2100
#: a bare number word (no unit, no counted noun) is kept only as a clause argument:
#: "two were killed", "arresting 12"; "the top three" is a rank
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"})
#: a plain integer (no grouping comma, no decimals) may be part of a name: "Euro 2020"
PLAIN_INT_RE = re.compile(r"^\d{1,4}$")
#: a four-digit number in this range is a year even outside a DATE entity, unless spaCy
#: calls it a count ("an average of 1500" is CARDINAL)
BARE_YEAR_MIN = 1900
COUNT_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
#: entity labels whose numbers are part of a name, not a figure
NAME_LABELS = frozenset(
    {"PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "ORG", "FAC", "PERSON", "GPE", "LOC", "NORP"}
)
#: entity labels of dates and times: numbers there are figures only with a duration unit
DATE_LABELS = frozenset({"DATE", "TIME"})
MONTH_BEFORE_RE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+$")
MONTH_AFTER_RE = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\b")


#: a day and month, or hours and minutes, written with a dot: "27.04", "17.15"
DOTTED_RE = re.compile(r"^(\d{1,2})\.(\d{2})$")
#: words before a dotted number that make it a date ("on 27.04", "until 28.04") or a clock
#: time ("at 17.15"); "from"/"by"/"to" are left out: "rose by 12.05", "from 10.25 to 11.30"
#: are changes and levels as often as dates
DATE_PREPS = frozenset({"on", "until", "till", "since", "before", "after"})
CLOCK_PREPS = frozenset({"at", "until", "till", "around", "before", "after", "since"})
#: words after a dotted number that make it a clock time: "17.15 GMT", "9.30 local time"
CLOCK_AFTER_RE = re.compile(
    r"^\s*(?:hrs|h|GMT|UTC|CET|CEST|EET|EEST|BST|MSK|local\s+time|\w+\s+time\b)", re.IGNORECASE
)
#: verbs after which "at 16.35" is a level ("the index closed at 16.35"), not a clock time
LEVEL_VERBS = frozenset({"stand", "close", "open", "end", "finish", "trade", "settle", "peak", "value", "price", "fix", "put", "estimate", "set"})


def _dotted(text: str, fig: Figure) -> tuple[int, int] | None:
    if fig.unit or fig.currency or fig.kind != "digits" or fig.negative or fig.qualifier:
        return None
    m = DOTTED_RE.match(text[fig.num_start:fig.num_end])
    return (int(m.group(1)), int(m.group(2))) if m else None


#: words joining two dates: "27.04 and 28.04", "27.04 to 28.04"
DATE_JOINERS = frozenset({"and", "to", "or", "-", "–", "through"})


def _dotted_date_at(doc: Doc, i: int, depth: int = 0) -> bool:
    """Token ``i`` is a day and month after a date word, or joined to one that is."""
    m = DOTTED_RE.match(doc[i].text) if 0 <= i < len(doc) else None
    if m is None or not (1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12) or i == 0:
        return False
    prev = doc[i - 1].lower_
    if prev in DATE_PREPS:
        return True
    return prev in DATE_JOINERS and depth < 3 and _dotted_date_at(doc, i - 2, depth + 1)


def dotted_date_or_time(doc: Doc, text: str, fig: Figure, num: Span) -> str | None:
    """"on 27.04" is a date, "at 17.15" a clock time: never figures. A dotted number joined
    by "and"/"to"/a dash to one read as a date is a date too ("on 27.04 and 28.04")."""
    parts = _dotted(text, fig)
    if parts is None:
        return None
    first, second = parts
    prev = doc[num.start - 1] if num.start > 0 else None
    before = doc[num.start - 2] if num.start > 1 else None
    if len(num) == 1 and _dotted_date_at(doc, num.start):
        return "date"
    if first <= 23 and second <= 59:
        if CLOCK_AFTER_RE.match(text[fig.num_end:fig.num_end + 16]):
            return "clock time"
        if prev is not None and prev.lower_ in CLOCK_PREPS and not (
            before is not None and before.lemma_.lower() in LEVEL_VERBS | set(lexicon().change_verbs)
        ):
            return "clock time"
    return None


#: nouns after "N-M" that make it a result, not a range ("a 1-2 defeat"); a closed class
SCORE_NOUNS = frozenset(
    {"win", "victory", "defeat", "loss", "draw", "lead", "score", "scoreline", "game", "match", "result", "vote"}
)


def masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for r in MASK_RES for m in r.finditer(text)]


def _is_month(word: str) -> bool:
    kind = lexicon().time_words.get(word.lower())
    return kind is not None and kind[0] == "month" and word[:1].isupper()


def text_reason(text: str, fig: Figure, masks: list[tuple[int, int]]) -> str | None:
    """Why the figure is not a quantity, judged from the characters alone, or None."""
    if any(s <= fig.num_start < e for s, e in masks):
        return "time, date or phone number"
    if fig.kind == "article" and fig.dimension not in ("duration", "age"):
        return "article"
    before = text[max(0, fig.num_start - 2):fig.num_start]
    if not fig.currency and not fig.negative and before[-1:].isalpha():
        return "designation"  # "S23", "mk5", "A1"
    if before[-1:] in ("-", "‑") and before[:1].isalnum() and not fig.is_range and not fig.negative:
        return "designation"  # "F-16", "Su-34", "TPP-11"
    if before[-1:] in ("#", "№"):
        return "designation"
    after = text[fig.end:fig.end + 1]
    if (
        fig.kind == "words" and not fig.unit and after == "-"
        and text[fig.start:fig.end].lower() == "one" and text[fig.end + 1:fig.end + 2].isalpha()
    ):
        return "compound adjective"  # "one-time", "one-off" ("six-cylinder" is a count)
    if fig.kind == "digits" and ORDINAL_RE.match(text, fig.num_end):
        return "ordinal"
    if fig.kind == "digits" and after.isalpha() and not fig.unit:
        return "designation"  # "5G", "3D", "1990s"
    if fig.kind == "digits" and after == "-" and text[fig.end + 1:fig.end + 2].isalpha() and not fig.unit:
        # "a 48-hour search" is a figure with a unit; "a 2-0 win" is not; "5-year" has a unit
        return None
    if fig.kind == "digits" and not fig.unit and not fig.is_range:
        m = MONTH_BEFORE_RE.search(text, max(0, fig.num_start - 12), fig.num_start)
        if m and _is_month(m.group(1)):
            return "date"
        m = MONTH_AFTER_RE.match(text[fig.num_end:fig.num_end + 16])
        if m and _is_month(m.group(1)):
            return "date"
    return None


def is_year(text: str, fig: Figure) -> bool:
    if fig.unit or fig.currency or fig.kind != "digits":
        return False
    nums = [fig.low, fig.high] if fig.is_range else [fig.value]
    raw = text[fig.num_start:fig.num_end]
    return all(
        n is not None and float(n).is_integer() and YEAR_MIN <= n <= YEAR_MAX for n in nums
    ) and "," not in raw and "." not in raw


def token_reason(doc: Doc, text: str, fig: Figure, num: Span, has_noun: bool) -> str | None:
    """Why the figure is not a quantity, judged from tokens and entity labels, or None."""
    dotted = dotted_date_or_time(doc, text, fig, num)
    if dotted:
        return dotted
    plain = bool(PLAIN_INT_RE.match(num.text)) or fig.kind == "words"
    for tok in num:
        if tok.ent_type_ in NAME_LABELS and not fig.unit and plain:
            return f"part of a name ({tok.ent_type_})"
        if tok.ent_type_ in DATE_LABELS and not fig.unit and not has_noun:
            return "part of a date"
    if is_year(text, fig) and (
        num[0].ent_type_ == "DATE" or (BARE_YEAR_MIN <= fig.value <= YEAR_MAX and num[0].ent_type_ not in COUNT_LABELS)
    ):
        return "year"
    if fig.unit or fig.currency:
        return None
    if fig.is_range and fig.range_sep in ("-", "–", "—") and fig.low is not None and fig.high is not None and (
        fig.low > fig.high or (num.end < len(doc) and doc[num.end].lemma_.lower() in SCORE_NOUNS)
    ):
        return "score"  # "a 3-0 victory", "a 1-2 defeat": a range never runs downwards
    prev = doc[num.start - 1] if num.start > 0 else None
    if prev is not None and fig.kind == "digits" and not fig.qualifier and float(fig.value).is_integer():
        if prev.lower_ in lexicon().label_nouns:
            return "label"  # "category 4", "Part 3"
        if prev.pos_ == "PROPN" and not prev.is_lower and not _is_month(prev.text):
            return "designation"  # "iPhone 11", "Stoxx 600 index", "Planet 9"
    if has_noun:
        return None
    if fig.is_range and fig.range_sep in ("-", "–", "—"):
        return "score or label"  # "2-1", "9-11"
    if fig.kind == "words" and (num.root.dep_ not in ARGUMENT_DEPS or num.text.lower() == "one"):
        return "bare number word"  # "the bottom three", "the same one"
    return None
