"""Files, directories and standard input to Articles, one failure never stopping the rest."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import (
    ArchiveError,
    DecodeError,
    InputError,
    InvalidRecordError,
    TooDeepError,
    TooLargeError,
    UnexpectedInputError,
    UnsupportedInputError,
)
from ..models import Article
from .article import check_input_size, make_article
from .metadata import is_sidecar, read_sidecar

#: Kept for callers that sized caps from characters; the raw input cap is now its own setting
#: (``max_input_bytes``), and ``max_doc_chars`` applies to the extracted text.
MAX_BYTES_PER_CHAR = 4

#: Files read from a directory. Others (images, archives) are listed as skipped.
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ""}


@dataclass(frozen=True)
class Failure:
    """One input that could not be processed, and why."""

    source: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.reason}"


#: Longest reason kept in a Failure: a parser's message can quote megabytes of the input.
MAX_REASON_CHARS = 300


def _clean(text: str) -> str:
    """One line of printable text, at most :data:`MAX_REASON_CHARS` long."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    line = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else "\ufffd" for c in line)
    return line if len(line) <= MAX_REASON_CHARS else line[:MAX_REASON_CHARS] + "…"


def failure_from(exc: BaseException, source: str) -> Failure:
    """A Failure naming ``source``, with a stable code and a short printable reason."""
    if isinstance(exc, InputError):
        return Failure(source, exc.code, _clean(exc.reason))
    if isinstance(exc, RecursionError):
        return Failure(source, TooDeepError.code, "the input is nested too deeply to parse")
    if isinstance(exc, UnicodeError):
        return Failure(source, DecodeError.code, f"cannot decode or encode the text: {_clean(str(exc))}")
    if isinstance(exc, MemoryError):
        return Failure(source, TooLargeError.code, "the input is too large to hold in memory")
    errors = getattr(exc, "errors", None)
    if type(exc).__name__ == "ValidationError" and callable(errors):  # pydantic: not a valid Report
        first = errors()[0] if errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return Failure(source, InvalidRecordError.code,
                       _clean(f"not a valid record: {where or 'record'}: {first.get('msg', exc)}"))
    if _raised_in(exc, "warcio"):
        return Failure(source, ArchiveError.code,
                       _clean(f"not a WARC archive, or a damaged one ({type(exc).__name__}: {exc})"))
    return Failure(source, UnexpectedInputError.code, _clean(f"{type(exc).__name__}: {exc}"))


def _raised_in(exc: BaseException, package: str) -> bool:
    """Whether the innermost frame of the exception's traceback is in ``package``."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__", "")
    return module == package or module.startswith(package + ".")


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Each path, with directories walked in sorted order; '-' stays standard input.
    Sidecar metadata files (``page.html.json`` beside ``page.html``) found in a directory
    are metadata, not inputs, and are left out."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and not is_sidecar(str(child)):
                    yield str(child)
        else:
            yield p


def read_input(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a file or of standard input. With ``max_bytes``, a larger input is refused
    (E104) before it is read into memory; standard input is read up to one byte past it."""
    if path == "-":
        data = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise TooLargeError(f"standard input is over {max_bytes:,} bytes (setting max_input_bytes)",
                                source="<stdin>")
        return data
    try:
        check_input_size(Path(path).stat().st_size, max_bytes, path, "the file")
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None


def article_from_file(src: str, data: bytes, *, kind: str | None, max_chars: int, max_bytes: int | None,
                      fallback_published: str | None = None) -> Article:
    """An Article from a file's bytes, with the metadata of its sidecar (``page.html.json`` or
    ``page.json`` beside it: the JSON Lines field names, see :mod:`newsledger.ingest.metadata`)."""
    name = "<stdin>" if src == "-" else src
    meta, notes = read_sidecar(src) if src != "-" else ({}, [])
    return make_article(data, source=name, kind=kind, max_chars=max_chars, max_bytes=max_bytes,
                        fallback_published=fallback_published, warnings=notes, **meta)


def articles_from_paths(paths: Iterable[str], max_chars: int, *, max_bytes: int | None = None,
                        fallback_published: str | None = None) -> Iterator[Article | Failure]:
    """Articles from text and HTML files; a bad input yields a Failure, never raises.
    ``max_bytes`` caps each raw file (setting max_input_bytes), ``max_chars`` its text;
    ``fallback_published`` dates the articles whose input gives no date."""
    for src in expand_paths(paths):
        name = "<stdin>" if src == "-" else src
        try:
            suffix = Path(src).suffix.lower() if src != "-" else ""
            if suffix not in TEXT_SUFFIXES and suffix not in {".json", ".xml"}:
                raise UnsupportedInputError(
                    f"unsupported file type {suffix!r} (expected text or HTML)", source=name)
            data = read_input(src, max_bytes=max_bytes)
            kind = "html" if suffix in {".html", ".htm", ".xhtml"} else None
            yield article_from_file(src, data, kind=kind, max_chars=max_chars, max_bytes=max_bytes,
                                    fallback_published=fallback_published)
        except Exception as exc:  # isolate every input: record and continue
            yield failure_from(exc, name)
