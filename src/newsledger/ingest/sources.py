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

import json
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import BadRecordError, EmptyInputError, FeedCapError, InputError, UnsupportedInputError
from ..models import Article, Report
from ..settings import Settings
from .article import make_article
from .files import TEXT_SUFFIXES, Failure, article_from_file, expand_paths, failure_from, read_input
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
                 warc: str | None = None, fallback_published: str | None = None) -> Iterator[Item]:
    """Articles (to analyse), Reports (already analysed) and Failures from every source.
    ``fallback_published`` dates the articles whose input gives no date of its own."""
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
            # a file over the raw-input cap is refused unread (setting max_input_bytes); JSON
            # Lines files hold many documents, each line capped as it is read
            capped = suffix not in JSONL_SUFFIXES
            data = read_input(src, max_bytes=settings.max_input_bytes if capped else None)
            if suffix in JSONL_SUFFIXES or (src == "-" and data.lstrip()[:1] == b"{"):
                yield from _from_jsonl(data, name, settings, fallback_published)
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


def _from_jsonl(data: bytes, name: str, settings: Settings, fallback_published: str | None = None) -> Iterator[Item]:
    text = data.decode("utf-8-sig", errors="replace")
    seen = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen += 1
        where = f"{name}:{lineno}"
        try:
            if _REPORT_HINT.match(line):  # `analyze -f jsonl` output: parsed and validated in one pass
                report = _report_or_none(line)
                if report is not None:
                    yield check_report(report, where)
                    continue
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise InputError("the line is not a JSON object", source=where)
            if "article" in obj and "schema_version" in obj:
                yield check_report(Report.model_validate(obj), where)
                continue
            yield article_from_record(obj, where, settings, fallback_published)
        except json.JSONDecodeError as exc:
            yield Failure(where, BadRecordError.code, f"not valid JSON: {exc.msg} at column {exc.colno}")
        except Exception as exc:
            yield failure_from(exc, where)
    if seen == 0:
        yield Failure(name, EmptyInputError.code, "the JSON Lines file has no records")


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
        self._warc: dict[str, bytes] | None = None

    def _warc_pages(self) -> dict[str, bytes]:
        if self._warc is None:
            self._warc = {}
            if self.warc_path:
                for url, body in warc_responses(self.warc_path, self.max_bytes):
                    self._warc.setdefault(url, body)
        return self._warc

    def get(self, url: str, feed_dir: Path | None) -> tuple[bytes, str] | None:
        """The page's bytes and where they were found, if kept locally."""
        if not url:
            return None
        pages = self._warc_pages()
        if url in pages:
            return pages[url], f"{self.warc_path}#{url}"
        try:
            parsed = urlparse(url)
        except ValueError:  # "http://host]/a": not a URL we could have kept a page for
            return None
        rel = parsed.path.lstrip("/")
        names = [n for n in (rel, Path(rel).name) if n]
        if parsed.scheme in ("", "file"):
            names.insert(0, parsed.path)
        for base in [d for d in (self.dir, feed_dir) if d is not None]:
            for n in names:
                for cand in (base / n, base / (n + ".html")):
                    if cand.is_file():
                        return cand.read_bytes(), str(cand)
        return None


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
