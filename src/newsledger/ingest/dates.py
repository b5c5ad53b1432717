"""Publication dates in every common input form, normalised to one stored form.

Stored form (ISO 8601, UTC), so that comparing the strings compares the dates:

- ``YYYY-MM-DDTHH:MM:SSZ`` when the input gives a time (converted to UTC from its offset;
  a time without an offset is taken as UTC);
- ``YYYY-MM-DD`` when it gives a day only.

Every value starts with ``YYYY-MM-DD``, so ``published >= '2022-01-27'`` and
``published < '2022-01-28'`` select exactly that day whichever of the two forms a row has.

Forms read: ISO 8601 extended (``2022-01-25T09:00:00+02:00``, ``2022-01-25``) and basic
(``20220125T090000Z``, ``20220125``: GDELT and many archives), RFC 2822 (``Tue, 25 Jan 2022
09:00:00 GMT``: feeds and e-mail), epoch seconds (``1643101200``; milliseconds when 13
digits), other spelled-out dates (``25 January 2022``, through dateutil), and dates in file
names and URLs (``/2022/01/25/``, ``2022-01-25-title.html``, ``20220125_report.txt``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

#: Earliest and latest years accepted: a value outside is a parsing accident (an id read as
#: epoch seconds, a page number read as a year), not a news article's date. Wire archives
#: reach back to the 1850s; a year or two ahead covers wrong clocks and embargoed items.
MIN_YEAR = 1800
MAX_YEARS_AHEAD = 2

#: Longest input value looked at; a longer "date" is not one (and is not worth parsing).
MAX_DATE_INPUT = 200

_BASIC = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.I)
_EXTENDED = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    re.I)
_EPOCH = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{13}$")
#: Dates inside a path or URL: 2022/01/25, 2022-01-25, 2022_01_25, 20220125, between separators.
_IN_PATH = re.compile(
    r"(?<![0-9])((?:18|19|20)\d{2})([-/_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9])")


class DateError(ValueError):
    """A value that is not a date in any form read here."""


def _offset(tz: str | None) -> timedelta:
    if not tz or tz.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return sign * timedelta(hours=hours, minutes=minutes)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= datetime.now(UTC).year + MAX_YEARS_AHEAD:
        raise DateError(f"year {year} is out of range")


def _from_parts(y: str, mo: str, d: str, h: str | None, mi: str | None, s: str | None, tz: str | None) -> str:
    day = date(int(y), int(mo), int(d))  # raises ValueError on 2022-02-30
    _check_year(day.year)
    if h is None:
        return day.isoformat()
    dt = datetime(day.year, day.month, day.day, int(h), int(mi or 0), int(s or 0)) - _offset(tz)
    return format_utc(dt)


def format_utc(dt: datetime) -> str:
    """The stored form of a datetime: UTC, seconds, ``Z``. A naive datetime is taken as UTC."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    _check_year(dt.year)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_date(value: object) -> str:
    """The stored form of a date given in any form read here; :class:`DateError` otherwise."""
    if isinstance(value, datetime):
        return format_utc(value if value.tzinfo else value.replace(tzinfo=UTC))
    if isinstance(value, date):
        _check_year(value.year)
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _epoch(float(value))
    text = str(value).strip()
    if not text or len(text) > MAX_DATE_INPUT:
        raise DateError("empty" if not text else "too long to be a date")
    try:
        if m := _EXTENDED.match(text):
            return _from_parts(*m.groups())
        if m := _BASIC.match(text):
            return _from_parts(*m.groups())
        if _EPOCH.match(text):
            return _epoch(float(text) / (1000 if len(text) == 13 else 1))
        if re.search(r"\d{1,2}\s+\w{3,}\s+\d{4}\s+\d{1,2}:\d{2}", text):  # RFC 2822 (feeds)
            try:
                return format_utc(parsedate_to_datetime(text))
            except (TypeError, ValueError, IndexError):
                pass
        return _loose(text)
    except DateError:
        raise
    except (ValueError, OverflowError) as exc:
        raise DateError(str(exc)) from None


def _epoch(seconds: float) -> str:
    try:
        return format_utc(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError) as exc:
        raise DateError(f"not a time in epoch seconds ({exc})") from None


def _loose(text: str) -> str:
    """Spelled-out dates ("25 January 2022", "January 25, 2022 10:00 EST") through dateutil;
    a value without a day, month and year is refused rather than completed from today."""
    from dateutil import parser

    if not re.search(r"\d{4}", text) or not re.search(r"[A-Za-z]{3,}|\d{1,2}[-/.]\d{1,2}", text):
        raise DateError("no day, month and year")
    marker = datetime(1, 1, 1)
    try:
        dt = parser.parse(text, default=marker, fuzzy=False)
    except (ValueError, OverflowError, TypeError) as exc:
        raise DateError(str(exc)) from None
    if dt.year == 1:
        raise DateError("no year")
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return format_utc(dt) if has_time else dt.date().isoformat()


def date_in_path(path: str | None) -> str | None:
    """A day written in a file name or URL (``/2022/01/25/``, ``2022-01-25-x.html``,
    ``report_20220125.txt``), else None. The last one wins: it is nearest the file."""
    if not path:
        return None
    found = None
    for m in _IN_PATH.finditer(path):
        try:
            found = _from_parts(m.group(1), m.group(3), m.group(4), None, None, None, None)
        except (ValueError, DateError):
            continue
    return found
