"""Checks on analysed Reports read from outside (the store-only path of JSON Lines), so a
report built elsewhere, edited by hand or forged cannot put into the ledger what the
pipeline would not have:

- the article id must be the one computed from its text (a forged id would make a later,
  genuine article a "duplicate" and lose it), and every record must carry that id;
- the text must be normalised as ``make_article`` leaves it, and within ``max_doc_chars``;
- every span must lie inside the text and cover exactly the text it claims (or offsets
  would point nowhere, or past the 32-bit columns of PostgreSQL);
- no number may be NaN or infinite (JSON cannot carry one, so the ledger could not export it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..errors import InvalidRecordError, NonFiniteNumberError, TooLargeError
from ..models import Report, TextSpan


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(path, value) of every span, float and record-level ``article_id`` inside ``value``."""
    if isinstance(value, TextSpan):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    elif isinstance(value, float) or (isinstance(value, str) and path.endswith(".article_id")):
        yield path, value


_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _may_hold(tp: Any) -> bool:
    """Whether a field of this type can hold a span, a float or a record (else only strings,
    integers, booleans or None, which the checks pass over)."""
    if tp in (str, int, bool, type(None)):
        return False
    origin = get_origin(tp)
    if origin is Literal:
        return False
    if origin in (Union, UnionType):
        return any(_may_hold(a) for a in get_args(tp))
    return True


def _fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record class that the checks must look into, in declared order."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(name for name, f in cls.model_fields.items()
                                     if name == "article_id" or _may_hold(f.annotation))
    return names


def _passes(report: Report, text: str, article: str) -> bool:
    """Whether every value :func:`_walk` yields passes its check: the same checks, without
    building a path per value or a generator per level (a JSON Lines report has thousands of
    values; this took most of the store-only path's time). A failure is then found again,
    with its path, by the walk.

    The common values (a span, a float, None, a list of them) are told apart by their exact
    type first, which is several times cheaper than a chain of ``isinstance``; anything else
    (a subclass, a tuple, a nested list) goes through the general tests, so the result is
    the same as testing every value with ``isinstance``."""
    n = len(text)
    span_t, float_t, list_t, str_t = TextSpan, float, list, str
    known = _FIELDS
    stack: list[Any] = [(report, False)]
    while stack:
        model, nested = stack.pop()
        values = model.__dict__
        cls = type(model)
        for name in known.get(cls) or _fields(cls):
            v = values[name]
            if v is None:
                continue
            tv = type(v)
            if tv is span_t:
                if not (0 <= v.start <= v.end <= n and text[v.start:v.end] == v.text):
                    return False
                continue
            if tv is float_t:
                if not math.isfinite(v):
                    return False
                continue
            if tv is str_t:
                if nested and name == "article_id" and v != article:
                    return False
                continue
            if tv is list_t:
                todo: list[Any] = []
                for x in v:
                    tx = type(x)
                    if tx is span_t:
                        if not (0 <= x.start <= x.end <= n and text[x.start:x.end] == x.text):
                            return False
                    elif tx is float_t:
                        if not math.isfinite(x):
                            return False
                    elif x is not None and not isinstance(x, str):  # a string in a list: never checked
                        todo.append(x)
            else:
                todo = [v]
            while todo:
                v = todo.pop()
                if isinstance(v, TextSpan):
                    if not (0 <= v.start <= v.end <= n and text[v.start:v.end] == v.text):
                        return False
                elif isinstance(v, BaseModel):
                    stack.append((v, True))
                elif isinstance(v, list | tuple):
                    todo.extend(x for x in v if not isinstance(x, str))  # a string in a list: never checked
                elif isinstance(v, float):
                    if not math.isfinite(v):
                        return False
                elif isinstance(v, str) and nested and name == "article_id" and v != article:
                    return False
    return True


def check_report(report: Report, source: str, max_chars: int | None = None) -> Report:
    """The report, if it passes the checks above; else InvalidRecordError (E111), TooLargeError
    (E104) or NonFiniteNumberError (E121), naming ``source`` and the field."""
    from .article import article_id
    from .decode import normalise_text

    art = report.article
    text = art.text
    if max_chars is not None and len(text) > max_chars:
        raise TooLargeError(f"the report's text has {len(text):,} characters, over the cap of {max_chars:,} "
                            "(setting max_doc_chars)", source=source)
    if normalise_text(text) != text:
        raise InvalidRecordError("the article's text is not normalised (NFC, \\n newlines, no NULs)", source=source)
    if (expected := article_id(text)) != art.id:
        raise InvalidRecordError(f"article.id {art.id!r} is not the id of its text ({expected!r})", source=source)
    if _passes(report, text, art.id):
        return report
    for where, value in _walk(report, ""):
        if isinstance(value, TextSpan):
            if not 0 <= value.start <= value.end <= len(text):
                raise InvalidRecordError(
                    f"{where} spans {value.start}-{value.end}, outside the article's {len(text):,} characters",
                    source=source)
            if text[value.start:value.end] != value.text:
                raise InvalidRecordError(f"{where} ({value.start}-{value.end}) does not match the article's text",
                                         source=source)
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise NonFiniteNumberError(f"{where} is {value} (a non-finite number)", source=source)
        elif value != art.id:
            raise InvalidRecordError(f"{where} {value!r} is not the report's article id", source=source)
    return report
