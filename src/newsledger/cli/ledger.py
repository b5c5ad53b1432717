"""Ledger commands: ``ingest``, ``search``, ``quotes``, ``people``, ``experts``,
``ledger-places``, ``claims`` and ``export``.

Every command takes ``--db URL`` (default: the ``db_url`` setting, else a SQLite file in
the user data directory). Query commands print ``--format table|json|jsonl|csv``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import TableFormat, emit_rows, err, printable, settings_from

if TYPE_CHECKING:
    from ..ledger import Ledger

DbOpt = Annotated[str | None, typer.Option("--db", help="Ledger database URL or SQLite file path.")]
FmtOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, help="Most rows shown.")]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    app.command(help="Analyse and store articles in the ledger: text/HTML files and directories, "
                "JSON Lines (articles, or reports from `analyze -f jsonl`, stored as they are), "
                "RSS/Atom feeds, WARC archives, or '-' for stdin.")(ingest)
    app.command(help="Full-text search over article text and quotes.")(search)
    app.command(help="Quotes in the ledger, by speaker, place and date.")(quotes)
    app.command(help="People and organisations merged across articles, with roles over time.")(people)
    app.command(help="The expert directory: who is quoted, under which affiliations, how often, "
                "and about what.")(experts)
    app.command("ledger-places", help="Places in the ledger, merged by GeoNames id.")(ledger_places)
    app.command(help="Claims as timelines: how a figure moved over time and where sources disagree.")(claims)
    app.command(help="Write the whole ledger as JSON Lines, CSV, GeoJSON or Parquet.")(export)


@contextmanager
def open_ledger(db: str | None, *, create: bool = False, verify: bool = False) -> Iterator[Ledger]:
    """The ledger, closed after use. Queries neither create a ledger (E302 names the missing
    file) nor show a traceback: an error from the database while the block runs (a ledger
    damaged past its header) is printed with its code, and the command exits 2."""
    import sqlalchemy as sa

    from ..errors import StoreError
    from ..ledger import Ledger

    settings = settings_from(db_url=db)
    try:
        ledger = Ledger(settings.database_url, create=create, verify=verify)
    except StoreError as exc:
        err(str(exc))
        raise typer.Exit(2) from exc
    try:
        yield ledger
    except sa.exc.DatabaseError as exc:
        first = str(exc.orig if exc.orig is not None else exc).splitlines()[0]
        err(f"[{StoreError.code}] {ledger.safe_url}: cannot read the ledger: {first}")
        raise typer.Exit(2) from exc
    except StoreError as exc:
        err(str(exc))
        raise typer.Exit(2) from exc
    finally:
        ledger.close()


# ----------------------------------------------------------------------------- ingest


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, feeds, JSONL, WARC, or '-'.")],
    db: DbOpt = None,
    html_dir: Annotated[str | None, typer.Option(help="Directory holding the pages feeds link to.")] = None,
    warc: Annotated[str | None, typer.Option(help="WARC archive holding the pages feeds link to.")] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Articles per transaction.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[int | None, typer.Option(min=1, help="Local worker processes for the analysis.")] = None,
    cluster: Annotated[str | None, typer.Option(
        help="Address of a Dask scheduler to run the analysis on (e.g. tcp://host:8786).")] = None,
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..batch import Runner
    from ..errors import PipelineError
    from ..ingest.sources import iter_sources
    from ..ledger.ingest import ingest as run_ingest

    settings = settings_from(db_url=db, batch_size=batch_size, workers=workers)
    with open_ledger(db, create=True, verify=True) as ledger:
        console = Console(stderr=True)
        items = iter_sources(sources, settings, html_dir=html_dir, warc=warc)
        with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(),
                      TextColumn("{task.fields[added]} added, {task.fields[dup]} duplicates, "
                                 "{task.fields[failed]} failed"), TimeElapsedColumn(),
                      console=console, disable=quiet, transient=False) as progress:
            task = progress.add_task("ingest", total=None, added=0, dup=0, failed=0)
            counts = {"added": 0, "dup": 0, "failed": 0}

            def tick(x: Any) -> None:
                status = getattr(x, "status", "failed")
                counts["added" if status == "added" else "dup" if status == "duplicate" else "failed"] += 1
                progress.update(task, advance=1, added=counts["added"], dup=counts["dup"], failed=counts["failed"])

            try:
                with Runner(settings, workers=settings.workers, cluster=cluster) as runner:
                    if cluster:
                        runner.connect()  # a cluster named on the command line: fail fast
                    summary = run_ingest(items, ledger, settings, progress=tick, runner=runner)
            except PipelineError as exc:
                err(str(exc))
                raise typer.Exit(2) from exc
    near = f" ({summary.clustered} near-duplicates clustered)" if summary.clustered else ""
    typer.echo(printable(f"{summary.added} added{near}, {summary.duplicates} duplicates, "
                         f"{len(summary.failures)} failed, into {ledger.safe_url}"))
    for f in summary.failures:
        typer.echo(printable(f"skipped {f}"))
    if summary.failures:
        raise typer.Exit(1)


# ----------------------------------------------------------------------------- queries


def _table_safe(rows: list[dict[str, Any]], fmt: TableFormat) -> list[dict[str, Any]]:
    """For tables, lists become short comma-separated text."""
    if fmt is not TableFormat.table:
        return rows
    out = []
    for r in rows:
        out.append({k: (", ".join(str(x) for x in v) if isinstance(v, list) else v) for k, v in r.items()})
    return out


def search(text: Annotated[str, typer.Argument(help="Words to search for.")],
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 20) -> None:
    from ..ledger import queries

    with open_ledger(db) as ledger:
        rows = [h.model_dump() for h in queries.search(ledger, text, limit=limit)]
    if fmt is TableFormat.table:
        rows = [{k: r[k] for k in ("kind", "published", "publisher", "speaker", "snippet", "article_id")}
                for r in rows]
    emit_rows(rows, fmt, title=f"search: {text}")


def quotes(by: Annotated[str | None, typer.Option(help="Speaker: any of their names.")] = None,
           about: Annotated[str | None, typer.Option(help="A place named in the quote.")] = None,
           since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 100) -> None:
    from ..ledger import queries

    with open_ledger(db) as ledger:
        rows = [q.model_dump() for q in queries.quotes(ledger, by=by, about=about, since=since, limit=limit)]
    if fmt is TableFormat.table:
        rows = [{k: r[k] for k in ("published", "speaker", "role", "affiliation", "kind", "text", "places")}
                for r in rows]
    emit_rows(_table_safe(rows, fmt), fmt, title="quotes")


def people(name: Annotated[str | None, typer.Option(help="Only entities with this name.")] = None,
           label: Annotated[str | None, typer.Option(help="PERSON, ORG or NORP.")] = None,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 100) -> None:
    from ..ledger import queries

    with open_ledger(db) as ledger:
        rows = [p.model_dump() for p in queries.people(ledger, name=name, label=label, limit=limit)]
    if fmt is TableFormat.table:
        for r in rows:
            r["roles"] = "; ".join(
                f"{x['published'] or '?'}: " + ", ".join(v for v in (x["titles"], x["role"], x["affiliation"]) if v)
                for x in r["roles"])
    emit_rows(_table_safe(rows, fmt), fmt, title="people and organisations")


def experts(name: Annotated[str | None, typer.Option(help="Only this speaker.")] = None,
            db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 100) -> None:
    from ..ledger import queries

    with open_ledger(db) as ledger:
        rows = [e.model_dump() for e in queries.experts(ledger, name=name, limit=limit)]
    emit_rows(_table_safe(rows, fmt), fmt, title="expert directory")


def ledger_places(name: Annotated[str | None, typer.Option(help="Only places with this name.")] = None,
                  db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 200) -> None:
    query_places(name=name, db=db, fmt=fmt, limit=limit)


def query_places(*, name: str | None = None, db: str | None = None, fmt: TableFormat = TableFormat.table,
                 limit: int = 200) -> None:
    """Print the ledger's places."""
    from ..ledger import queries

    with open_ledger(db) as ledger:
        rows = [p.model_dump() for p in queries.places(ledger, name=name, limit=limit)]
    emit_rows(rows, fmt, title="places")


def print_ledger_places(fmt: str, db: str | None = None) -> None:
    """``newsledger places`` with no PATH: the ledger's places as table, json, jsonl, csv or geojson."""
    import json

    if fmt == "geojson":
        from ..ledger.export import geojson

        with open_ledger(db) as ledger:
            geo = geojson(ledger)
        geo["features"] = [f for f in geo["features"] if f["properties"]["kind"] == "place"]
        typer.echo(json.dumps(geo, ensure_ascii=False, indent=2))
        return
    query_places(db=db, fmt=TableFormat(fmt), limit=1_000_000)


def claims(about: Annotated[str | None, typer.Option(help="A place, subject or object.")] = None,
           key: Annotated[str | None, typer.Option(help="A claim-key prefix, 'subject|relation|object'.")] = None,
           since: Annotated[str | None, typer.Option(help="Claims dated on or after (ISO date).")] = None,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 500) -> None:
    from ..ledger import queries

    with open_ledger(db) as ledger:
        rows = [c.model_dump() for c in queries.claims(ledger, about=about, key=key, since=since, limit=limit)]
    if fmt is TableFormat.table:
        rows = [{"key": r["key"], "date": r["date"], "value": r["value_text"], "unit": r["unit"],
                 "source": r["source"], "cited": r["cited"], "independent": r["independent_sources"],
                 "disagrees": "yes" if r["disagrees"] else ""} for r in rows]
    emit_rows(rows, fmt, title=f"claims{f' about {about}' if about else ''}")


def export(fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, geojson or parquet.")]
           = ExportFormat.jsonl,
           output: Annotated[str | None, typer.Option("--output", "-o", help="File (jsonl, geojson) or "
                                                      "directory (csv, parquet); default stdout.")] = None,
           db: DbOpt = None) -> None:
    import json

    from ..ledger import export as ex

    with open_ledger(db) as ledger:
        if fmt in (ExportFormat.csv, ExportFormat.parquet):
            if not output:
                err(f"--output DIR is required for {fmt.value} (one file per table)")
                raise typer.Exit(2)
            writer = ex.export_csv if fmt is ExportFormat.csv else ex.export_parquet
            counts = writer(ledger, Path(output))
            err(f"wrote {sum(counts.values())} rows in {len(counts)} tables to {output}")
            return
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            if fmt is ExportFormat.jsonl:
                n = ex.export_jsonl(ledger, out)
                if output:
                    err(f"wrote {n} reports to {output}")
            else:
                json.dump(ex.geojson(ledger), out, ensure_ascii=False)
                out.write("\n")
        finally:
            if output:
                out.close()
