"""``newsledger analyze``: reports for text and HTML files."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import Format, err, settings_from, write


def register(app: typer.Typer) -> None:
    app.command(help="Analyse text or HTML files (or a directory, or '-' for stdin) "
                "and print one report per article.")(analyze)


def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or '-' for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, jsonl or text.")] = Format.json,
    max_doc_chars: Annotated[int | None, typer.Option(help="Largest document, in characters.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (ISO 8601) for all inputs.")] = None,
) -> None:
    from ..batch import analyze_stream
    from ..ingest.files import Failure, articles_from_paths
    from .render import render_text

    settings = settings_from(max_doc_chars=max_doc_chars)
    failures: list[Failure] = []

    def good() -> object:
        for item in articles_from_paths(paths, settings.max_doc_chars):
            if isinstance(item, Failure):
                failures.append(item)
                err(f"skipped {item}")
                continue
            if published and not item.published:
                item = item.model_copy(update={"published": published})
            yield item

    # In batches with memory zones and the per-document time limit (doc_timeout_s): a
    # document that overruns or breaks a component is reported and skipped.
    reports = analyze_stream(good(), settings)  # type: ignore[arg-type]
    first = True
    if fmt is Format.json:
        write("[")
    n = 0
    for report in reports:
        if isinstance(report, Failure):
            failures.append(report)
            err(f"skipped {report}")
            continue
        n += 1
        if fmt is Format.jsonl:
            write(report.to_json())
        elif fmt is Format.json:
            write(("" if first else ",") + report.to_json(indent=2))
        else:
            write(render_text(report))
        first = False
    if fmt is Format.json:
        write("]")
    if failures:
        err(f"{len(failures)} input(s) failed, {n} analysed.")
        raise typer.Exit(1)
    if n == 0:
        err("no input to analyse")
        raise typer.Exit(1)
