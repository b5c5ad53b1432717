"""``newsledger analyze``: reports for text and HTML files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import typer

from .common import Format, err, fallback_date, printable, settings_from, write


def register(app: typer.Typer) -> None:
    app.command(help="Analyse text or HTML files (or a directory, or '-' for stdin) "
                "and print one report per article.")(analyze)


def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or '-' for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, jsonl or text.")] = Format.json,
    max_doc_chars: Annotated[int | None, typer.Option(help="Largest document, in characters.")] = None,
    doc_timeout_s: Annotated[float | None, typer.Option(help="Time limit per document in seconds (0 = none).")] = None,
    workers: Annotated[int | None, typer.Option(help="Local worker processes.")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date for inputs that give none of their own (in HTML metadata, a "
        "sidecar file or the file name): ISO 8601, RFC 2822 or epoch seconds.")] = None,
) -> None:
    from ..batch import analyze_stream
    from ..ingest.files import Failure, articles_from_paths
    from ..models import Article, Report
    from .render import render_text

    settings = settings_from(max_doc_chars=max_doc_chars, doc_timeout_s=doc_timeout_s, workers=workers)
    fallback = fallback_date(published)

    def items() -> Iterator[Article | Failure]:
        yield from articles_from_paths(paths, settings.max_doc_chars, max_bytes=settings.max_input_bytes,
                                       fallback_published=fallback)

    failures: list[Failure] = []
    n = 0
    if fmt is Format.json:
        write("[")
    for result in analyze_stream(items(), settings, workers=settings.workers):
        if not isinstance(result, Report):
            failures.append(result)
            err(f"skipped {result}")
            continue
        if fmt is Format.jsonl:
            write(result.to_json())
        elif fmt is Format.json:
            write(("" if n == 0 else ",") + result.to_json(indent=2))
        else:
            write(printable(render_text(result)))  # text for a terminal: controls escaped
        n += 1
    if fmt is Format.json:
        write("]")
    if failures:
        err(f"{len(failures)} input(s) failed, {n} analysed.")
        raise typer.Exit(1)
    if n == 0:
        err("no input to analyse")
        raise typer.Exit(1)
