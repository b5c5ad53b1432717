"""Article metadata: the fields read from every input kind, their caps, and ingest warnings.

Fields (each an :class:`~newsledger.models.Article` attribute and a ledger column):
title, byline (author), publisher (the outlet), outlet_country, url, published, language.

**Caps.** Each field has a length cap in characters (:data:`FIELD_CAPS`), the same on
SQLite and PostgreSQL. A longer value is *truncated* (ending in "…") with a ``W103``
warning rather than refused: the text is what the ledger is for, and a runaway title from a
broken page should not cost the article. ``published`` and ``language`` are normalised
rather than cut (a value that is not a date or a language code is dropped with a warning).

**Warnings** are coded, one line each, and kept with the article (``Article.warnings``,
stored in the ledger's ``warnings`` column):

- ``W101`` an input date that cannot be read; the article is kept with its date unknown;
- ``W102`` an article not in English; stored with its language, the English layers skipped;
- ``W103`` a metadata field over its cap, truncated;
- ``W104`` a sidecar metadata file that cannot be used, ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

W_DATE = "W101"
W_LANGUAGE = "W102"
W_TRUNCATED = "W103"
W_SIDECAR = "W104"

#: Longest value kept per field, in characters. A real headline is under 300 characters
#: (the longest in the BBC and extraction-benchmark pages we have is 190); bylines list a
#: few names; an outlet is a name; URLs rarely pass 2,000 (browsers and CDNs start refusing
#: near 8,000). ``published`` (at most 20 characters once normalised) and ``language`` (a
#: code) have the store's column widths.
FIELD_CAPS: dict[str, int] = {
    "title": 1_000,
    "byline": 500,
    "publisher": 300,
    "outlet_country": 100,
    "url": 4_096,
    "published": 40,
    "language": 16,
}
#: Source metadata: the path or URL it was read from, and extra fields kept from JSON Lines
#: records and sidecars (at most this many, each key and value capped).
MAX_PATH_CHARS = 4_096
MAX_EXTRA_FIELDS = 50
MAX_EXTRA_KEY_CHARS = 100
MAX_EXTRA_VALUE_CHARS = 2_000
#: A title made from the text's first line when the input has none: at most this long.
TITLE_FROM_TEXT_CHARS = 200
#: Largest sidecar file read; metadata is small, a larger file is not metadata.
MAX_SIDECAR_BYTES = 1_000_000
#: Longest input value quoted in a warning.
QUOTED_CHARS = 60

#: JSON fields read for each metadata field (JSON Lines records and sidecars), first present
#: wins. ``sourcecountry`` and ``domain`` are GDELT's names.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "byline": ("byline", "author", "authors"),
    "publisher": ("publisher", "source", "outlet", "sitename", "site", "domain"),
    "outlet_country": ("outlet_country", "country", "source_country", "sourcecountry"),
    "url": ("url", "link", "uri"),
    "published": ("published", "date", "pubdate", "published_at", "datetime", "seendate", "timestamp"),
    "language": ("language", "lang"),
}


def quoted(value: object) -> str:
    """A short printable rendering of an input value for a warning."""
    text = str(value)
    text = "".join(c if c.isprintable() else " " for c in text)
    return repr(text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + "…")


def cap(value: str, limit: int, field: str, warnings: list[str]) -> str:
    """``value`` cut to ``limit`` characters (the last one "…") with a W103 warning."""
    if len(value) <= limit:
        return value
    warnings.append(f"[{W_TRUNCATED}] {field}: {len(value):,} characters, over the cap of {limit:,}; truncated")
    return value[:limit - 1] + "…"


def first_present(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for n in names:
        v = obj.get(n)
        if v not in (None, "", []):
            return v
    return None


def fields_from_json(obj: dict[str, Any]) -> dict[str, Any]:
    """Metadata fields from a JSON object (a JSON Lines record or a sidecar), by
    :data:`META_FIELDS`; lists (of authors) joined with commas."""
    meta: dict[str, Any] = {}
    for key, names in META_FIELDS.items():
        v = first_present(obj, names)
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v)
        if v is not None:
            meta[key] = v if isinstance(v, int | float) and key == "published" else str(v)
    return meta


def sidecar_path(path: str) -> Path | None:
    """The sidecar of a file: ``page.html.json``, else ``page.json``, when it exists."""
    p = Path(path)
    for cand in (p.with_name(p.name + ".json"), p.with_suffix(".json")):
        if cand != p and cand.is_file():
            return cand
    return None


def is_sidecar(path: str) -> bool:
    """Whether a ``.json`` file is the sidecar of a file beside it (then it is metadata,
    not an input of its own)."""
    p = Path(path)
    if p.suffix.lower() != ".json":
        return False
    bare = p.with_suffix("")  # page.html.json -> page.html; page.json -> page
    if bare.suffix and bare.is_file():
        return True
    return any(sib.is_file() for sib in p.parent.glob(_glob_escape(bare.name) + ".*")
               if sib.suffix.lower() != ".json")


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def read_sidecar(path: str) -> tuple[dict[str, Any], list[str]]:
    """Metadata from the file's sidecar (none when there is none), and any W104 warning."""
    side = sidecar_path(path)
    if side is None:
        return {}, []
    try:
        if side.stat().st_size > MAX_SIDECAR_BYTES:
            raise ValueError(f"over {MAX_SIDECAR_BYTES:,} bytes")
        obj = json.loads(side.read_bytes().decode("utf-8-sig"))
        if not isinstance(obj, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError, RecursionError) as exc:
        msg = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return {}, [f"[{W_SIDECAR}] sidecar {side.name}: ignored ({msg})"]
    meta = fields_from_json(obj)
    return meta, []


def country_code(value: str) -> str:
    """An outlet country as its ISO 3166-1 alpha-2 code when it names one ("Ukraine", "UKR",
    "ua", "Russia" -> "RU"), else the value as given. A short name is matched only when
    exactly one country's name starts with it (so "Kosovo" is not read as Serbia)."""
    import pycountry

    text = value.strip()
    if not text or len(text) > FIELD_CAPS["outlet_country"]:
        return text
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    try:
        cands = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return text
    low = text.casefold()
    starts = [c for c in cands
              if any(str(getattr(c, attr, "")).casefold().startswith(low)
                     for attr in ("name", "official_name", "common_name"))]
    return str(starts[0].alpha_2) if len(starts) == 1 else text


def stored_fields(article: Any) -> tuple[dict[str, Any], list[str]]:
    """The article's metadata as the ledger stores it, whatever produced the Article (ingest,
    or a report read back from JSON Lines): every field within its cap, ``published`` in the
    stored date form, ``language`` a code. The same values on SQLite and PostgreSQL, whose
    column widths (published 40, language 16) SQLite alone would not enforce. Returns the
    fields and the warnings for what had to change."""
    from .dates import DateError, normalise_date
    from .language import normalise_code

    notes: list[str] = []
    out: dict[str, Any] = {}
    for key in ("title", "byline", "publisher", "outlet_country", "url"):
        value = getattr(article, key, None)
        out[key] = cap(value, FIELD_CAPS[key], key, notes) if isinstance(value, str) else None
    published = article.published
    if published is not None:
        try:
            published = normalise_date(published)
        except DateError as exc:
            notes.append(f"[{W_DATE}] published: cannot read the date {quoted(published)} ({exc}); "
                         "the date is unknown")
            published = None
    out["published"] = published
    language = article.language
    code = normalise_code(language)
    if language and code is None:
        notes.append(f"[{W_TRUNCATED}] language: {quoted(language)} is not a language code; dropped")
    out["language"] = code
    path = article.source.path
    out["source_path"] = cap(path, MAX_PATH_CHARS, "source path", notes) if path else None
    extra: dict[str, str] = {}
    for k, v in article.source.extra.items():
        if len(extra) >= MAX_EXTRA_FIELDS:
            notes.append(f"[{W_TRUNCATED}] extra fields: over {MAX_EXTRA_FIELDS}; the rest dropped")
            break
        extra[cap(k, MAX_EXTRA_KEY_CHARS, "extra field name", notes)] = cap(
            v, MAX_EXTRA_VALUE_CHARS, "extra field", notes)
    out["source"] = {**article.source.model_dump(mode="json"), "path": out["source_path"], "extra": extra}
    return out, notes
