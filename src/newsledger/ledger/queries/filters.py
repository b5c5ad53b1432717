"""The filters every ledger query shares, checked once, and the page a query asks for.

A :class:`Filters` value is what the CLI's options and the API's query parameters both turn
into. :meth:`Filters.check` refuses what no store can answer the same way (a malformed date,
a NUL character) with a :class:`~newsledger.errors.QueryError`; each query then says which
filters it applies (``SUPPORTED`` in its module) and refuses any other that is set, so a filter
is never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel

from ...errors import QueryError

#: ISO 8601 date, possibly truncated to a month or a year.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(DATE_PATTERN)

#: What each filter means, for the CLI's and the API's help. Names are matched by one rule
#: everywhere (:mod:`.names`): folded for case and accents, anywhere in any stored name.
FILTER_HELP: dict[str, str] = {
    "person": "Person's name (part of; case and accents ignored).",
    "person_id": "Canonical person id.",
    "org": "Organisation's name (part of; case and accents ignored).",
    "org_id": "Canonical organisation id.",
    "place": "Place name (part of; case and accents ignored).",
    "place_id": "Canonical place id.",
    "since": "From this date (ISO 8601: year, month or day), inclusive.",
    "until": "Up to this date (ISO 8601: year, month or day), inclusive.",
    "event_type": "PLOVER or ACLED event type (exact).",
    "source": "Publisher (part of the name).",
    "outlet": "Publisher (the whole name; case and accents ignored).",
    "language": "Article language code (e.g. en).",
    "outlet_country": "The outlet's country, ISO 3166 alpha-2 (e.g. GB).",
    "q": "Words in the text (as written, case ignored).",
    "key": "A claim key, 'subject|relation|object' (exact).",
    "key_prefix": "The start of a claim key.",
    "name": "Name (part of; case and accents ignored).",
    "label": "PERSON, ORG or NORP.",
    "source_type": "The speaker's source type, as the quotes layer labels it (e.g. expert, government, "
                   "military; exact, case ignored). With expert, people only: an organisation or a "
                   "publication is never an expert.",
    "role": "The speaker's role as given in the quote's article (part of; case ignored).",
    "affiliation": "The speaker's affiliation as given in the quote's article (part of; case ignored).",
    "include_hidden": "Also the records not shown by default: events below the events layer's "
                      "SHOWN_CONFIDENCE (0.8 estimated precision), not asserted or reported as having "
                      "happened, generic references, or with an actor's country inferred; quotes whose "
                      "record confidence is below the quotes layer's shown_confidence (0.9); places "
                      "none of whose records resolves at the places layer's shown_confidence (0.9).",
    # -- the map's event filters (issue 23) --
    "sub_event_type": "ACLED sub-event type (exact), e.g. 'Shelling/artillery/missile attack'.",
    "actor": "An event's source or target actor (part of the name; case and accents ignored).",
    "min_confidence": "Events whose confidence is at least this (0 to 1).",
}

#: The filters on an event's own fields (besides ``event_type`` and ``include_hidden``): a
#: query about places keeps the places where such an event happened.
EVENT_FILTERS = ("sub_event_type", "actor", "min_confidence")


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Filters:
    """Filters of the ledger's queries; None means "not filtered"."""

    person: str | None = None
    person_id: int | None = None
    org: str | None = None
    org_id: int | None = None
    place: str | None = None
    place_id: int | None = None
    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    source: str | None = None
    outlet: str | None = None
    language: str | None = None
    outlet_country: str | None = None
    q: str | None = None
    key: str | None = None
    key_prefix: str | None = None
    name: str | None = None
    label: str | None = None
    #: experts: the quote's source type, the speaker's role and affiliation
    source_type: str | None = None
    role: str | None = None
    affiliation: str | None = None
    #: events and quotes: also those not shown by default (``Event.shown``, ``Quote.shown``
    #: false); None or False: shown only
    include_hidden: bool | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_confidence: float | None = None

    def set_names(self) -> set[str]:
        return {f.name for f in fields(self) if getattr(self, f.name) is not None}

    def check(self, supported: Iterable[str] | None = None) -> Filters:
        """This value if every set filter is usable (and in ``supported``); else QueryError."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                if "\x00" in value:
                    raise QueryError(f"{f.name}: a NUL character is not allowed in a filter")
                if f.name in ("since", "until") and not valid_date(value):
                    raise QueryError(f"{f.name}: {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:  # NaN fails too
            raise QueryError(f"min_confidence: {self.min_confidence!r} is not between 0 and 1")
        if supported is not None:
            extra = sorted(self.set_names() - set(supported))
            if extra:
                raise QueryError(f"this query has no filter {', '.join(extra)}")
        return self


def check_text(name: str, value: str | None) -> str | None:
    """A free-text argument outside :class:`Filters` (search words): NUL refused."""
    if value is not None and "\x00" in value:
        raise QueryError(f"{name}: a NUL character is not allowed")
    return value


def valid_date(value: str) -> bool:
    """Whether an ISO date, month (``2024-08``) or year names a real one."""
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    if not 1 <= parts[0] <= 9998:
        return False
    if len(parts) == 2:
        return 1 <= parts[1] <= 12
    if len(parts) == 3:
        try:
            date(parts[0], parts[1], parts[2])
        except ValueError:
            return False
    return True


def until_exclusive(until: str) -> str:
    """The first date after an inclusive ISO date, month or year (for ``published < x``)."""
    parts = [int(p) for p in until.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}"
    if len(parts) == 2:
        y, m = parts
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    d = date(*parts)
    return date.fromordinal(d.toordinal() + 1).isoformat()


def date_conditions(col: sa.ColumnElement[Any], f: Filters) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if f.since:
        out.append(col >= f.since)
    if f.until:
        out.append(col < until_exclusive(f.until))
    return out


def escape_like(text: str) -> str:
    """``text`` with the LIKE wildcards (and the escape character) escaped, for ``escape='\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(col: sa.ColumnElement[Any], text: str, *, case: bool = False) -> sa.ColumnElement[bool]:
    """``col`` holds ``text`` literally (wildcards escaped); case-insensitive unless ``case``."""
    pattern = f"%{escape_like(text)}%"
    return col.like(pattern, escape="\\") if case else col.ilike(pattern, escape="\\")


def starts_with(col: sa.ColumnElement[Any], text: str) -> sa.ColumnElement[bool]:
    return col.like(f"{escape_like(text)}%", escape="\\")


T = TypeVar("T")


class Paged(BaseModel, Generic[T]):
    """A page of rows and how many rows the filters match in all."""

    items: list[T]
    total: int
    limit: int
    offset: int


def count(conn: sa.Connection, stmt: sa.Select[Any]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())).scalar_one())
