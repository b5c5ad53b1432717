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
from typing import Any

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
