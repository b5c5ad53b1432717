"""Build :class:`Article` objects from text, HTML or bytes.

Two limits apply, each a setting and each named in its error (E104):

- ``max_input_bytes``: the raw input, checked before it is decoded (and, by the callers
  that read files, before it is read): it protects memory;
- ``max_doc_chars``: the article's *text*, checked after extraction, so an ordinary page of
  a few MB of scripts around a few thousand characters of text is analysed.

Metadata (title, byline, publisher, outlet country, url, published, language) comes from
the HTML, then from the caller (a feed entry, a JSON Lines record, a sidecar file: these
override the page), with fallbacks for what is still missing: the title from the first line
of the text, the date from the file name or URL, then the caller's ``fallback_published``.
Every field is capped and dates are normalised (:mod:`newsledger.ingest.metadata`).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..errors import EmptyInputError, TooLargeError
from ..models import Article, SourceInfo
from . import metadata as md
from .dates import DateError, date_in_path, normalise_date
from .decode import decode_bytes, normalise_text
from .html import extract_html, looks_like_html
from .language import PIPELINE_LANGUAGE, decide, language_name

_SPACES = re.compile(r"\s+")
_BYLINE = re.compile(r"^\s*By\s+([^\n]{2,120})\n")

#: Default cap on raw input when the caller gives none (the ``max_input_bytes`` default).
DEFAULT_MAX_INPUT_BYTES = 50_000_000

FIELDS = ("title", "byline", "publisher", "outlet_country", "url", "published", "language")


def article_id(text: str) -> str:
    """A stable id: SHA-256 of the text with whitespace collapsed and case folded."""
    norm = _SPACES.sub(" ", normalise_text(text)).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:24]


def check_input_size(size: int, max_bytes: int | None, source: str, what: str = "the input") -> None:
    """E104 when ``size`` bytes is over ``max_bytes`` (setting max_input_bytes)."""
    if max_bytes is not None and size > max_bytes:
        raise TooLargeError(f"{what} is {size:,} bytes, over the cap of {max_bytes:,} bytes "
                            "(setting max_input_bytes)", source=source)


def make_article(
    content: str | bytes,
    *,
    source: str = "<text>",
    kind: str | None = None,
    max_chars: int = 1_000_000,
    max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
    encoding: str | None = None,
    fallback_published: str | None = None,
    warnings: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    **metadata: Any,
) -> Article:
    """An Article from plain text or HTML (detected), with metadata overrides.

    ``max_bytes`` caps the raw input (bytes, or characters of a str: each is at least a
    byte), ``max_chars`` the extracted text. ``warnings`` are earlier ones to keep (a
    sidecar's); ``extra`` other fields of the input, kept in ``source.extra`` (any name)."""
    notes = list(warnings or [])
    used_encoding = None
    if isinstance(content, bytes):
        check_input_size(len(content), max_bytes, source)
        content, used_encoding = decode_bytes(content, source, declared=encoding)
    else:
        check_input_size(len(content), max_bytes, source)
    text = normalise_text(content)
    if not text.strip():
        raise EmptyInputError("the input has no text", source=source)
    found: dict[str, Any] = {}
    is_html = kind == "html" or (kind is None and looks_like_html(text))
    if is_html:
        ex = extract_html(text, source, url=metadata.get("url"))
        text = normalise_text(ex.text)
        found = {"title": ex.title, "byline": ex.author, "publisher": ex.publisher,
                 "url": ex.url, "published": ex.date}
    else:
        m = _BYLINE.match(text)
        if m:
            found["byline"] = m.group(0).strip()
    if len(text) > max_chars:
        raise TooLargeError(
            f"the article text has {len(text):,} characters{' after extraction' if is_html else ''}, "
            f"over the cap of {max_chars:,} (setting max_doc_chars)", source=source)
    for key in FIELDS:
        if metadata.get(key) not in (None, ""):
            found[key] = metadata[key]
    fields = _finish_fields(found, text, source, fallback_published, notes)
    others = {k: v for k, v in metadata.items() if k not in FIELDS and v is not None}
    others.update({k: v for k, v in (extra or {}).items() if v is not None})
    kept = _extra(others, notes)
    path = md.cap(_clean(source), md.MAX_PATH_CHARS, "source path", notes)
    src = SourceInfo(kind=("html" if is_html else (kind or "text")),  # type: ignore[arg-type]
                     path=path, encoding=used_encoding, extra=kept)
    return Article(id=article_id(text), text=text, source=src, warnings=notes, **fields)


def _finish_fields(found: dict[str, Any], text: str, source: str, fallback_published: str | None,
                   notes: list[str]) -> dict[str, Any]:
    """Cleaned, capped and normalised metadata, with the fallbacks for what is missing."""
    fields: dict[str, Any] = {}
    for key in ("title", "byline", "publisher", "outlet_country", "url"):
        value = found.get(key)
        if value is None or not _clean(value).strip():
            continue
        value = _clean(value).strip()
        if key == "outlet_country":
            value = md.country_code(value)
        fields[key] = md.cap(value, md.FIELD_CAPS[key], key, notes)
    if "title" not in fields:
        fields["title"] = title_from_text(text)
    fields["published"] = _published(found.get("published"), source, fields.get("url"), fallback_published, notes)
    declared = found.get("language")
    lang = decide(text, _clean(declared) if declared is not None else None)
    fields["language"] = lang
    if lang != PIPELINE_LANGUAGE:
        notes.append(f"[{md.W_LANGUAGE}] language: the article is in {language_name(lang)} ({lang}); "
                     "the English analysis layers were not run on it")
    return {k: v for k, v in fields.items() if v is not None}


def _published(value: Any, source: str, url: str | None, fallback: str | None, notes: list[str]) -> str | None:
    """The article's date: the input's own (HTML metadata, feed, record, sidecar), else one
    in its file name or URL, else ``fallback``. An unreadable value is a W101 warning."""
    if value is not None and str(value).strip():
        try:
            return normalise_date(value if isinstance(value, int | float) else _clean(value))
        except DateError as exc:
            notes.append(f"[{md.W_DATE}] published: cannot read the date {md.quoted(value)} ({exc}); "
                         "the date is unknown")
    for where in (url, source):
        day = date_in_path(where)
        if day:
            return day
    if fallback:
        try:
            return normalise_date(fallback)
        except DateError as exc:
            notes.append(f"[{md.W_DATE}] published: cannot read the date {md.quoted(fallback)} ({exc}); "
                         "the date is unknown")
    return None


def title_from_text(text: str) -> str | None:
    """The first non-empty line of the text, at most ``TITLE_FROM_TEXT_CHARS`` long (cut at a
    word, with "…")."""
    for line in text.splitlines():
        line = _SPACES.sub(" ", line).strip()
        if line:
            if len(line) <= md.TITLE_FROM_TEXT_CHARS:
                return line
            cut = line[:md.TITLE_FROM_TEXT_CHARS - 1]
            head = cut.rsplit(" ", 1)[0] if " " in cut[md.TITLE_FROM_TEXT_CHARS // 2:] else cut
            return head.rstrip() + "…"
    return None


def _extra(values: dict[str, Any], notes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in values.items():
        if len(out) >= md.MAX_EXTRA_FIELDS:
            notes.append(f"[{md.W_TRUNCATED}] extra fields: over {md.MAX_EXTRA_FIELDS}; the rest dropped")
            break
        key = md.cap(_clean(k), md.MAX_EXTRA_KEY_CHARS, "extra field name", notes)
        out[key] = md.cap(_clean(v), md.MAX_EXTRA_VALUE_CHARS, f"extra field {md.quoted(key)}", notes)
    return out


def _clean(value: Any) -> str:
    return normalise_text(str(value))
