"""Files, directories and standard input to Articles, one failure never stopping the rest."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UnsupportedInputError
from ..models import Article
from .article import make_article

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


def failure_from(exc: Exception, source: str) -> Failure:
    if isinstance(exc, InputError):
        return Failure(source, exc.code, exc.reason)
    return Failure(source, "E199", f"{type(exc).__name__}: {exc}")


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Each path, with directories walked in sorted order; '-' stays standard input."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield str(child)
        else:
            yield p


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None


def articles_from_paths(paths: Iterable[str], max_chars: int) -> Iterator[Article | Failure]:
    """Articles from text and HTML files; a bad input yields a Failure, never raises."""
    for src in expand_paths(paths):
        name = "<stdin>" if src == "-" else src
        try:
            suffix = Path(src).suffix.lower() if src != "-" else ""
            if suffix not in TEXT_SUFFIXES and suffix not in {".json", ".xml"}:
                raise UnsupportedInputError(
                    f"unsupported file type {suffix!r} (expected text or HTML)", source=name)
            data = read_input(src)
            kind = "html" if suffix in {".html", ".htm", ".xhtml"} else None
            yield make_article(data, source=name, kind=kind, max_chars=max_chars)
        except Exception as exc:  # isolate every input: record and continue
            yield failure_from(exc, name)
