"""Every kind of input the ledger ingests, as a stream of Articles, Reports and Failures.

- files and directories of text and HTML (through :mod:`newsledger.ingest.files`);
- JSON Lines: one article per line with a text field and metadata, or one analysed
  :class:`~newsledger.models.Report` per line (stored as is: the store-only path);
- RSS/Atom feeds (feedparser): each entry's linked page is read from a local directory or a
  WARC archive when it is there, else the entry's own content is used;
- WARC archives (warcio): every HTML response;
- standard input ("-"): JSON Lines, a feed, or one text/HTML article.

A bad input, line or entry yields a :class:`Failure` with its reason; nothing stops the batch.
"""

from __future__ import annotations

import io
import json
import math
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlparse

from ..errors import (
    BadRecordError,
    EmptyInputError,
    FeedCapError,
    InputError,
    LinkOutsideError,
    NonFiniteNumberError,
    TooLargeError,
    UnsupportedInputError,
)
from ..models import Article, Report
from ..settings import Settings
from .article import make_article
from .files import (
    MAX_BYTES_PER_CHAR,
    TEXT_SUFFIXES,
    Failure,
    article_from_file,
    expand_paths,
    failure_from,
    read_input,
)
from .metadata import META_FIELDS, fields_from_json
from .validate import check_report

Item = Article | Report | Failure

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
WARC_SUFFIXES = (".warc", ".warc.gz")
#: JSON fields read as the article text; metadata fields are in ingest.metadata.META_FIELDS.
TEXT_FIELDS = ("text", "content", "body", "article", "articleBody")
_FEED_SNIFF = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
#: Characters XML (and so lxml) cannot hold: C0 controls other than tab and newlines,
#: surrogates and the two non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr"}


def iter_sources(sources: Iterable[str], settings: Settings, *, html_dir: str | None = None,
                 warc: str | None = None, fallback_published: str | None = None,
                 report_lines: bool = False) -> Iterator[Item | ReportLine]:
    """Articles (to analyse), Reports (already analysed) and Failures from every source.
    ``fallback_published`` dates the articles whose input gives no date of its own.
    ``report_lines``: a JSON Lines line that starts like a Report comes as a
    :class:`ReportLine`, parsed and checked later by :func:`item_from_line` (the ingest does
    it in other processes), instead of as a Report."""
    pages = PageStore(html_dir, warc, settings.max_input_bytes)
    limits = {"max_chars": settings.max_doc_chars, "max_bytes": settings.max_input_bytes,
              "fallback_published": fallback_published}
    for src in expand_paths(sources):
        name = "<stdin>" if src == "-" else src
        lower = src.lower()
        try:
            if lower.endswith(WARC_SUFFIXES):
                yield from _from_warc(src, settings)
                continue
            suffix = Path(src).suffix.lower() if src != "-" else ""
            if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".json"}:
                raise UnsupportedInputError(
                    f"unsupported file type {suffix!r} (expected text, HTML, JSON Lines, a feed or a WARC)",
                    source=name)
            if suffix in JSONL_SUFFIXES:  # streamed: one line in memory at a time
                yield from _from_jsonl_file(src, settings, fallback_published, report_lines)
                continue
            # a file over the raw-input cap (setting max_input_bytes) is refused unread; the
            # text cap (max_doc_chars) applies after extraction
            data = read_input(src, max_bytes=settings.max_input_bytes)
            if src == "-" and data.lstrip()[:1] == b"{":
                yield from _from_jsonl(io.BytesIO(data), name, settings, fallback_published, report_lines)
            elif suffix in FEED_SUFFIXES or _FEED_SNIFF.match(data[:4096]):
                yield from _from_feed(data, name, settings, pages, fallback_published)
            else:
                kind = "html" if suffix in {".html", ".htm", ".xhtml"} else None
                yield article_from_file(src, data, kind=kind, **limits)  # type: ignore[arg-type]
        except Exception as exc:  # isolate every input: record and continue
            yield failure_from(exc, name)


# ----------------------------------------------------------------------------- JSON Lines


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for n in names:
        v = obj.get(n)
        if v not in (None, "", []):
            return v
    return None


#: A JSON Lines line may be this many times the byte cap of one document (4 bytes a character
#: of max_doc_chars): an analysed report carries its records beside the text (a report's JSON
#: is 3-6 times its text on the BBC corpus). A longer line is skipped unread (E104).
JSONL_LINE_FACTOR = 8


def _from_jsonl_file(path: str, settings: Settings, fallback_published: str | None = None,
                     report_lines: bool = False) -> Iterator[Item | ReportLine]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below, after the generator is done)
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
    with fh:
        yield from _from_jsonl(fh, path, settings, fallback_published, report_lines)


def _lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line, read one at a time; None for a line over
    ``max_bytes``, which is skipped without being held in memory."""
    lineno = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
            continue
        yield lineno, line


@dataclass(frozen=True)
class ReportLine:
    """A JSON Lines line that starts like an analysed Report, not yet parsed: yielded with
    ``iter_sources(..., report_lines=True)`` so that the parsing and the checks
    (:func:`item_from_line`) can run in other processes (:mod:`newsledger.batch.reports`)."""

    where: str  # "file:line", for messages
    line: str


def _from_jsonl(fh: BinaryIO, name: str, settings: Settings,
                fallback_published: str | None = None, report_lines: bool = False) -> Iterator[Item | ReportLine]:
    seen = 0
    max_line = settings.max_doc_chars * MAX_BYTES_PER_CHAR * JSONL_LINE_FACTOR
    for lineno, raw in _lines(fh, max_line):
        where = f"{name}:{lineno}"
        if raw is None:
            seen += 1
            yield Failure(where, TooLargeError.code, f"the line is over {max_line:,} bytes (setting max_doc_chars × "
                          f"{4 * JSONL_LINE_FACTOR}); skipped")
            continue
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8", errors="replace")
        if not line.strip():
            continue
        seen += 1
        if report_lines and _REPORT_HINT.match(line):
            yield ReportLine(where, line)
            continue
        yield item_from_line(line, where, settings, fallback_published)
    if seen == 0:
        yield Failure(name, EmptyInputError.code, "the JSON Lines file has no records")


def item_from_line(line: str, where: str, settings: Settings, fallback_published: str | None = None) -> Item:
    """The Report (checked: :func:`~newsledger.ingest.validate.check_report`), Article or
    Failure of one non-empty JSON Lines line."""
    try:
        if _REPORT_HINT.match(line):  # `analyze -f jsonl` output: parsed and validated in one pass
            report = _report_or_none(line)
            if report is not None:
                return check_report(report, where, settings.max_doc_chars)
        obj = json.loads(line, parse_constant=_non_finite, parse_float=_finite_float)
        if not isinstance(obj, dict):
            raise InputError("the line is not a JSON object", source=where)
        if "article" in obj and "schema_version" in obj:
            return check_report(Report.model_validate(obj), where, settings.max_doc_chars)
        return article_from_record(obj, where, settings, fallback_published)
    except json.JSONDecodeError as exc:
        return Failure(where, BadRecordError.code, f"not valid JSON: {exc.msg} at column {exc.colno}")
    except Exception as exc:
        return failure_from(exc, where)


def _non_finite(token: str) -> float:
    raise NonFiniteNumberError(f"the record holds {token}, a non-finite number JSON cannot carry")


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):  # 1e999 parses as infinity
        raise NonFiniteNumberError(f"the record holds {token[:40]}, a number so large it is a non-finite float")
    return value


#: A line that starts like a Report (``Report.to_json`` writes ``article`` first).
_REPORT_HINT = re.compile(r'\s*\{\s*"(article|schema_version)"\s*:')


def _report_or_none(line: str) -> Report | None:
    """The Report on this line, parsed by pydantic from the JSON text (no dict in between:
    half the time of ``json.loads`` + ``model_validate``); None when the line is not a valid
    Report, so the general path below gives the precise error."""
    try:
        return Report.model_validate_json(line)
    except ValueError:
        return None


def article_from_record(obj: dict[str, Any], where: str, settings: Settings,
                        fallback_published: str | None = None) -> Article:
    """An Article from a JSON object with a text field and metadata fields."""
    body = _first(obj, TEXT_FIELDS)
    if not isinstance(body, str):
        raise InputError(f"no text field (expected one of {', '.join(TEXT_FIELDS)})", source=where)
    meta = fields_from_json(obj)
    used = {n for names in META_FIELDS.values() for n in names} | set(TEXT_FIELDS)
    extra = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
             for k, v in obj.items() if k not in used and v is not None}
    return make_article(body, source=where, kind="jsonl" if "<" not in body[:200] else None,
                        max_chars=settings.max_doc_chars, max_bytes=settings.max_input_bytes,
                        fallback_published=fallback_published, extra=extra, **meta)


# ----------------------------------------------------------------------------- feeds


class PageStore:
    """Linked pages kept locally: files in a directory, or responses in a WARC archive."""

    def __init__(self, html_dir: str | None, warc: str | None, max_bytes: int | None = None) -> None:
        self.dir = Path(html_dir) if html_dir else None
        self.warc_path = warc
        self.max_bytes = max_bytes  # per page kept from the WARC: enough to tell it is over the cap
        self._warc: dict[str, int] | None = None  # URL -> offset of its first HTML response

    def _warc_page(self, url: str) -> bytes | None:
        """The body of the archive's first HTML response for ``url``. The archive is indexed
        once (URL -> record offset) and each page read when asked for, so memory holds one
        page at a time, not the archive."""
        if not self.warc_path:
            return None
        if self._warc is None:
            self._warc = {}
            for u, at in warc_index(self.warc_path):
                self._warc.setdefault(u, at)
        offset = self._warc.get(url)
        if offset is None:
            return None
        from warcio.archiveiterator import ArchiveIterator

        with open(self.warc_path, "rb") as fh:
            fh.seek(offset)
            for record in ArchiveIterator(fh):
                stream = record.content_stream()
                return stream.read() if self.max_bytes is None else stream.read(self.max_bytes + 1)
        return None

    def get(self, url: str, feed_dir: Path | None) -> tuple[bytes, str] | None:
        """The page's bytes and where they were found, if kept locally.

        A link is looked up only inside the page directories (``--html-dir``, then the
        feed's own directory): its path is resolved (``..`` segments normalised, symlinks
        followed) and must stay inside one of them, else :class:`LinkOutsideError` names the
        link and nothing is opened. A page over the size cap is refused before it is read."""
        if not url:
            return None
        page = self._warc_page(url)
        if page is not None:
            return page, f"{self.warc_path}#{url}"
        try:
            parsed = urlparse(url)
        except ValueError:  # "http://host]/a": not a URL we could have kept a page for
            return None
        if parsed.scheme.lower() not in ("", "file", "http", "https"):
            return None
        roots = [d.resolve() for d in (self.dir, feed_dir) if d is not None]
        if not roots:
            return None
        path = parsed.path
        if parsed.scheme.lower() == "file" and parsed.netloc.lower() not in ("", "localhost"):
            path = f"/{parsed.netloc}{path}"  # feedparser writes file:///a/b as file://a/b
        if parsed.scheme.lower() in ("", "file") and path.startswith("/"):
            # a bare absolute path or a file:// URL: the path itself, if it lies inside
            cands = [Path(path)]
        else:
            rel = parsed.path.lstrip("/")
            names = [n for n in dict.fromkeys((rel, Path(rel).name)) if n]
            cands = [root / c for root in roots for n in names for c in (n, n + ".html")]
        for cand in cands:
            try:
                real = cand.resolve()
            except (OSError, RuntimeError):  # a symlink loop, a name too long
                continue
            if not any(real.is_relative_to(root) for root in roots):
                raise LinkOutsideError(
                    "the link resolves to a file outside the page directories (--html-dir, the feed's "
                    "directory); it was not read", source=url)
            if real.is_file():
                return _read_capped(real, self.max_bytes), str(cand)
        return None


def _read_capped(path: Path, max_bytes: int | None) -> bytes:
    """A page's bytes; one over ``max_bytes`` is refused (E104) from its size, before reading."""
    if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
        raise TooLargeError(f"the linked page is {size:,} bytes, over the cap of {max_bytes:,} "
                            "(4 bytes a character of setting max_doc_chars)", source=str(path))
    with open(path, "rb") as fh:
        data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:  # it grew since the size check
        raise TooLargeError(f"the linked page is over the cap of {max_bytes:,} bytes", source=str(path))
    return data


def _entry_date(entry: Any) -> str | None:
    """The entry's date in UTC as feedparser read it (RFC 2822, W3C-DTF, ...), else its date
    as written (which ingest then reads, or reports as unreadable: W101)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", st)
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            return raw
    return None


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (feed entry content), one paragraph per block."""
    import lxml.html

    html = _NOT_XML.sub(" ", html)  # lxml refuses control characters in text and tails
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return re.sub(r"<[^>]+>", " ", html)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + _NOT_XML.sub(" ", el.tail or "")  # char refs (&#1;) decode to controls
    text = root.text_content()
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


def _from_feed(data: bytes, name: str, settings: Settings, pages: PageStore,
               fallback_published: str | None = None) -> Iterator[Item]:
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # feedparser trips on some broken declarations (a NUL in the encoding)
        raise InputError(f"the feed cannot be parsed ({type(exc).__name__}: {exc})", source=name) from exc
    entries = list(feed.entries)
    if not entries:
        why = getattr(feed, "bozo_exception", None)
        raise InputError(f"not a feed, or a feed with no entries{f' ({why})' if why else ''}", source=name)
    publisher = feed.feed.get("title")
    feed_dir = Path(name).parent if name != "<stdin>" else None
    cap = settings.max_feed_entries
    for i, entry in enumerate(entries[:cap]):
        link = entry.get("link") or ""
        where = f"{name}#{link or i + 1}"
        meta = {"title": entry.get("title"), "byline": entry.get("author"), "publisher": publisher,
                "url": link or None, "published": _entry_date(entry), "feed": name}
        try:
            page = pages.get(link, feed_dir)
            if page is not None:
                body, found = page
                page_meta = {k: v for k, v in meta.items() if k != "publisher"}  # the page names its outlet
                art = make_article(body, source=found, kind="html", max_chars=settings.max_doc_chars,
                                   max_bytes=settings.max_input_bytes,
                                   fallback_published=fallback_published, **page_meta)
                if art.publisher is None and publisher:
                    art = art.model_copy(update={"publisher": publisher})
                yield art.model_copy(update={"source": art.source.model_copy(update={"kind": "feed"})})
                continue
            content = entry.get("content") or []
            html = content[0].get("value") if content else entry.get("summary")
            if not html or not html.strip():
                raise InputError("the entry has no content and its page is not kept locally", source=where)
            yield make_article(fragment_text(html), source=where, kind="feed",
                               max_chars=settings.max_doc_chars, max_bytes=settings.max_input_bytes,
                               fallback_published=fallback_published, **meta)
        except Exception as exc:
            yield failure_from(exc, where)
    if len(entries) > cap:
        yield Failure(name, FeedCapError.code, f"the feed has {len(entries):,} entries; only the first {cap:,} "
                      "were read (setting max_feed_entries)")


# ----------------------------------------------------------------------------- WARC


def warc_responses(path: str, max_bytes: int | None = None) -> Iterator[tuple[str, bytes]]:
    """(URL, body) of each HTML response in a WARC file. With ``max_bytes``, a body is read up
    to one byte past it (enough to tell that it is over the cap, without holding all of it)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            stream = record.content_stream()
            yield url, stream.read() if max_bytes is None else stream.read(max_bytes + 1)


def warc_index(path: str) -> Iterator[tuple[str, int]]:
    """(URL, record offset) of each HTML response in a WARC file, bodies unread."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
                continue
            yield record.rec_headers.get_header("WARC-Target-URI") or "", records.get_record_offset()


def _from_warc(path: str, settings: Settings) -> Iterator[Item]:
    n = 0
    try:
        for url, body in warc_responses(path, settings.max_input_bytes):
            n += 1
            where = f"{path}#{url}"
            try:
                art = make_article(body, source=where, kind="html", max_chars=settings.max_doc_chars,
                                   max_bytes=settings.max_input_bytes, url=url)
                yield art.model_copy(update={"source": art.source.model_copy(update={"kind": "warc"})})
            except Exception as exc:
                yield failure_from(exc, where)
    except Exception as exc:
        yield failure_from(exc, path)
        return
    if n == 0:
        yield Failure(path, EmptyInputError.code, "the WARC archive has no HTML responses")
