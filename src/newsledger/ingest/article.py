"""Build :class:`Article` objects from text, HTML or bytes."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..errors import EmptyInputError, TooLargeError
from ..models import Article, SourceInfo
from .decode import decode_bytes, normalise_text
from .html import extract_html, looks_like_html

_SPACES = re.compile(r"\s+")
_BYLINE = re.compile(r"^\s*By\s+([^\n]{2,120})\n")


def article_id(text: str) -> str:
    """A stable id: SHA-256 of the text with whitespace collapsed and case folded."""
    norm = _SPACES.sub(" ", normalise_text(text)).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:24]


def make_article(
    content: str | bytes,
    *,
    source: str = "<text>",
    kind: str | None = None,
    max_chars: int = 1_000_000,
    encoding: str | None = None,
    **metadata: Any,
) -> Article:
    """An Article from plain text or HTML (detected), with metadata overrides."""
    used_encoding = None
    if isinstance(content, bytes):
        content, used_encoding = decode_bytes(content, source, declared=encoding, max_chars=max_chars)
    text = normalise_text(content)
    if not text.strip():
        raise EmptyInputError("the input has no text", source=source)
    if len(text) > max_chars:
        raise TooLargeError(
            f"the document has {len(text):,} characters, over the cap of {max_chars:,} "
            "(setting max_doc_chars)", source=source)
    fields: dict[str, Any] = {}
    is_html = kind == "html" or (kind is None and looks_like_html(text))
    if is_html:
        ex = extract_html(text, source, url=metadata.get("url"))
        text = normalise_text(ex.text)
        fields = {"title": ex.title, "byline": ex.author, "publisher": ex.publisher,
                  "url": ex.url, "published": ex.date}
    else:
        m = _BYLINE.match(text)
        if m:
            fields["byline"] = m.group(0).strip()
    for key in ("title", "byline", "publisher", "url", "published", "language"):
        if metadata.get(key) is not None:
            fields[key] = metadata[key]
    # metadata is stored and served like the text: no NULs or lone surrogates (a JSON "\ud800",
    # a file name in a broken encoding), which the database and JSON encoders refuse
    fields = {k: _clean(v) for k, v in fields.items() if v is not None}
    extra = {_clean(k): _clean(v) for k, v in metadata.items()
             if k not in ("title", "byline", "publisher", "url", "published", "language") and v is not None}
    src = SourceInfo(kind=("html" if is_html else (kind or "text")),  # type: ignore[arg-type]
                     path=_clean(source), encoding=used_encoding, extra=extra)
    return Article(id=article_id(text), text=text, source=src, **fields)


def _clean(value: Any) -> str:
    return normalise_text(str(value))
