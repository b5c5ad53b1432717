"""Query parameters shared by the list endpoints, validated once, and the page they ask for.

Every value reaches SQL as a bound parameter (SQLAlchemy Core); nothing here builds SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import HTTPException, Query

#: Largest page a client may ask for. The UI asks for at most 200 (the map's side panel);
#: a bigger page would let one request scan and serialise a large share of the ledger.
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
#: Deepest offset. Past it, clients should narrow the filters instead of paging.
MAX_OFFSET = 100_000
#: Longest free-text filter accepted.
MAX_TEXT = 200
#: Largest id accepted: ids are 64-bit integers in the database, and a larger one makes the
#: driver raise (OverflowError on SQLite) instead of finding nothing.
MAX_ID = 2**63 - 1

#: ISO 8601 date, possibly truncated to a month or a year.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class Page:
    limit: int = DEFAULT_PAGE_SIZE
    offset: int = 0


@dataclass(frozen=True)
class Filters:
    person: str | None = None  # a name, matched case-insensitively inside the speaker/entity name
    person_id: int | None = None  # canonical entity id
    org: str | None = None
    org_id: int | None = None
    place: str | None = None
    place_id: int | None = None  # canonical place id
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    event_type: str | None = None  # PLOVER type
    source: str | None = None  # publisher
    q: str | None = None  # words in the text


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page.")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


def filter_params(
    person: Annotated[str | None, Query(max_length=MAX_TEXT, description="Person's name (part of).")] = None,
    person_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Canonical person id.")] = None,
    org: Annotated[str | None, Query(max_length=MAX_TEXT, description="Organisation's name (part of).")] = None,
    org_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Canonical organisation id.")] = None,
    place: Annotated[str | None, Query(max_length=MAX_TEXT, description="Place name (part of).")] = None,
    place_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Canonical place id.")] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="From this date (ISO 8601).")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Up to this date (ISO 8601).")] = None,
    event_type: Annotated[str | None, Query(max_length=64, description="PLOVER event type.")] = None,
    source: Annotated[str | None, Query(max_length=MAX_TEXT, description="Publisher (part of).")] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="Words in the text.")] = None,
) -> Filters:
    for name, value in (("since", since), ("until", until)):
        if value and not valid_date(value):
            raise HTTPException(status_code=422, detail=[{"loc": ["query", name], "msg": "not a date"}])
    return Filters(person=person or None, person_id=person_id, org=org or None, org_id=org_id,
                   place=place or None, place_id=place_id, since=since, until=until,
                   event_type=event_type or None, source=source or None, q=q or None)


def valid_date(value: str) -> bool:
    """Whether an ISO date, month (``2024-08``) or year names a real one."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return 1 <= parts[0] <= 9998
    if len(parts) == 2:
        return 1 <= parts[0] <= 9998 and 1 <= parts[1] <= 12
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return parts[0] <= 9998


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches ``text`` anywhere, with the wildcards in it escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def paged(items: list[dict[str, Any]], total: int, page: Page) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}
