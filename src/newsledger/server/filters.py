"""The query parameters of the list endpoints, built from the filters each query applies.

Each endpoint documents exactly the filters its query (:mod:`newsledger.ledger.queries`)
applies: :func:`filter_params` builds a FastAPI dependency with those parameters and no
others, so the OpenAPI document never lists a filter that would be ignored. Every value
reaches SQL as a bound parameter (SQLAlchemy Core); nothing here builds SQL text.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import Query

from ..ledger.queries import FILTER_HELP, Filters, Page
from ..ledger.queries.filters import DATE_PATTERN

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

_IDS = {"person_id", "org_id", "place_id"}


def _param(name: str, help_text: str | None = None) -> Any:
    """The annotated type of one filter parameter."""
    description = help_text or FILTER_HELP[name]
    if name == "include_hidden":
        return Annotated[bool | None, Query(description=description)]
    if name == "min_confidence":
        return Annotated[float | None, Query(ge=0.0, le=1.0, description=description)]
    if name in _IDS:
        return Annotated[int | None, Query(ge=1, le=MAX_ID, description=description)]
    if name in ("since", "until"):
        return Annotated[str | None, Query(pattern=DATE_PATTERN, description=description)]
    if name in ("event_type", "sub_event_type"):
        return Annotated[str | None, Query(max_length=64, description=description)]
    if name in ("key", "key_prefix"):
        return Annotated[str | None, Query(max_length=600, description=description)]
    if name == "language":
        return Annotated[str | None, Query(max_length=16, description=description)]
    if name == "outlet_country":
        return Annotated[str | None, Query(max_length=8, description=description)]
    return Annotated[str | None, Query(max_length=MAX_TEXT, description=description)]


def filter_params(names: Iterable[str], help_text: dict[str, str] | None = None) -> Callable[..., Filters]:
    """A dependency taking exactly the query parameters ``names`` and returning checked
    :class:`Filters` (an empty value means "not filtered")."""
    names = list(names)
    help_text = help_text or {}

    def dependency(**values: Any) -> Filters:
        return Filters(**{k: (None if v == "" else v) for k, v in values.items()}).check(names)

    dependency.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_param(n, help_text.get(n)))
        for n in names])
    return dependency


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page.")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)
