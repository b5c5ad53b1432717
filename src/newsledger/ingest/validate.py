"""Checks on analysed Reports read from outside (the store-only path of JSON Lines): every
span must lie inside the article's text and cover exactly the text it claims, so a report
built elsewhere, edited by hand or forged cannot put offsets into the ledger that point
nowhere (or past the 32-bit columns of PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..errors import InvalidRecordError
from ..models import Report, Span


def _spans(value: Any, path: str) -> Iterator[tuple[str, Span]]:
    if isinstance(value, Span):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _spans(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _spans(item, f"{path}[{i}]")


_PLAIN = (str, int, float, bool, type(None))


def _all_spans(value: Any, out: list[Span]) -> None:
    """Every Span inside ``value``, without the paths (the common case: all spans are fine;
    half the time of :func:`_spans`, which names where a bad one is)."""
    if isinstance(value, Span):
        out.append(value)
    elif isinstance(value, BaseModel):
        for v in value.__dict__.values():
            if not isinstance(v, _PLAIN):
                _all_spans(v, out)
    elif isinstance(value, list | tuple):
        for v in value:
            if not isinstance(v, _PLAIN):
                _all_spans(v, out)


def check_report(report: Report, source: str) -> Report:
    """The report, if each of its spans is ``text[start:end]``; else InvalidRecordError (E111)."""
    text = report.article.text
    spans: list[Span] = []
    for name, value in report.__dict__.items():
        if name != "article":
            _all_spans(value, spans)
    n = len(text)
    if all(0 <= sp.start <= sp.end <= n and text[sp.start:sp.end] == sp.text for sp in spans):
        return report
    for name in type(report).model_fields:
        if name == "article":
            continue
        for where, span in _spans(getattr(report, name), name):
            if not 0 <= span.start <= span.end <= len(text):
                raise InvalidRecordError(
                    f"{where} spans {span.start}-{span.end}, outside the article's {len(text):,} characters",
                    source=source)
            if text[span.start:span.end] != span.text:
                raise InvalidRecordError(f"{where} ({span.start}-{span.end}) does not match the article's text",
                                         source=source)
    return report
