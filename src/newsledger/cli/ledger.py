"""Ledger commands: ``ingest``, ``search``, ``quotes``, ``people``, ``experts``,
``ledger-places``, ``claims`` and ``export``.

Every command takes ``--db URL`` (default: the ``db_url`` setting, else a SQLite file in
the user data directory). Query commands print ``--format table|json|jsonl|csv``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import TableFormat, emit_rows, err, fallback_date, printable, settings_from

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
    acled = "acled"


def register(app: typer.Typer) -> None:
    app.command(help="Analyse and store articles in the ledger: text/HTML files and directories, "
                "JSON Lines (articles, or reports from `analyze -f jsonl`, stored as they are), "
                "RSS/Atom feeds, WARC archives, or '-' for stdin.")(ingest)
    app.command(help="Full-text search over article text and quotes.")(search)
    app.command(help="Quotes in the ledger, by speaker, place and date.")(quotes)
    app.command(help="People and organisations merged across articles, with roles over time.")(people)
    app.command(help="The expert directory: who is quoted, under which affiliations, how often, "
                "and about what.")(experts)
    app.command("ledger-places", help="Places in the ledger, merged by GeoNames id; by default those "
                "resolved at 0.9 confidence or more in some article, --all-places shows all.")(ledger_places)
    app.command(help="Claims as timelines: how a figure moved over time and where sources disagree.")(claims)
    app.command(help="Events, shown by default only when at 0.8 estimated precision or more; "
                "--all-events shows all.")(events)
    app.command(help="Write the whole ledger as JSON Lines, CSV, GeoJSON or Parquet, or its events "
                "as ACLED rows (CSV); quotes shown by default only unless --all-quotes, events and "
                "(GeoJSON) places unless --all-events.")(export)


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
    batch_size: Annotated[int | None, typer.Option(min=1, help=(
        "Articles per transaction (default: the batch_size setting, or reports_batch_size for "
        "analysed reports JSON Lines)."))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[int | None, typer.Option(min=1, help=(
        "Local worker processes for the analysis, and helper processes that read reports JSON Lines "
        "(default there: one per core; 1: none, all in this process)."))] = None,
    cluster: Annotated[str | None, typer.Option(
        help="Address of a Dask scheduler to run the analysis on (e.g. tcp://host:8786).")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date for inputs that give none of their own (in HTML metadata, a feed, a "
        "JSON Lines field, a sidecar file or the file name): ISO 8601, RFC 2822 or epoch seconds.")] = None,
) -> None:
    from rich.console import Console

    from ..batch import Runner
    from ..batch.into_ledger import ingest as run_ingest
    from ..errors import PipelineError
    from ..ingest.plan import count_items
    from ..ingest.sources import iter_sources

    settings = settings_from(db_url=db, batch_size=batch_size, reports_batch_size=batch_size, workers=workers)
    fallback = fallback_date(published)
    with open_ledger(db, create=True, verify=True) as ledger:
        console = Console(stderr=True)
        total = None if quiet else count_items(sources, max_feed_entries=settings.max_feed_entries,
                                              max_input_bytes=settings.max_input_bytes)
        items = iter_sources(sources, settings, html_dir=html_dir, warc=warc, fallback_published=fallback,
                             report_lines=True)
        with ingest_progress(console, total, disabled=quiet) as bar:
            try:
                with Runner(settings, workers=settings.workers, cluster=cluster) as runner:
                    if cluster:
                        runner.connect()  # a cluster named on the command line: fail fast
                    summary = run_ingest(items, ledger, settings, progress=bar.settled, runner=runner,
                                         analysed=bar.analysed,
                                         helpers=None if workers is None else 0 if workers == 1 else workers)
            except PipelineError as exc:
                err(str(exc))
                raise typer.Exit(2) from exc
    near = f" ({summary.clustered} near-duplicates clustered)" if summary.clustered else ""
    redone = f", {summary.reanalysed} re-analysed (stored with a layer missing)" if summary.reanalysed else ""
    typer.echo(printable(f"{summary.added} added{near}{redone}, {summary.duplicates} duplicates, "
                         f"{len(summary.failures)} failed, into {ledger.safe_url}"))
    if summary.languages:
        by_count = sorted(summary.languages.items(), key=lambda kv: (-kv[1], kv[0]))
        typer.echo(printable("languages: " + ", ".join(f"{lang} {n}" for lang, n in by_count)))
    if summary.warnings:  # stored, with a reason kept in the article's warnings
        typer.echo("warnings: " + ", ".join(f"{code} {n}" for code, n in sorted(summary.warnings.items()))
                   + " (W101 unreadable date, W102 not English: not analysed, W103 field truncated, "
                   "W104 sidecar ignored)")
    for f in summary.failures:
        typer.echo(printable(f"skipped {f}"))
    if summary.failures:
        raise typer.Exit(1)


class IngestBar:
    """The ingest progress bar: a total and an ETA when the total is known, articles per
    second, and added / duplicate / failed counts as they happen. An article advances the
    bar once: when it is analysed, or when it is settled (duplicate, failed, stored unanalysed)."""

    def __init__(self, progress: Any, total: int | None) -> None:
        self.progress = progress
        self.counts = {"added": 0, "dup": 0, "failed": 0}
        self.task = progress.add_task("ingest", total=total, **self.counts)
        self._counted: set[str] = set()

    def analysed(self, ids: list[str]) -> None:
        self._counted.update(ids)
        self.progress.update(self.task, advance=len(ids))

    def settled(self, x: Any) -> None:
        status = getattr(x, "status", "failed")
        key = "added" if status == "added" else "dup" if status == "duplicate" else "failed"
        self.counts[key] += 1
        aid = getattr(x, "article_id", None)
        seen = aid in self._counted
        if seen:
            self._counted.discard(aid)
        self.progress.update(self.task, advance=0 if seen else 1, **self.counts)


class _Rate:
    """Articles per second over the run so far ("…" until the first one)."""

    def __call__(self, task: Any) -> str:
        elapsed = task.elapsed or 0.0
        return f"{task.completed / elapsed:.1f}/s" if task.completed and elapsed > 0 else "…/s"


@contextmanager
def ingest_progress(console: Any, total: int | None, *, disabled: bool) -> Iterator[IngestBar]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    rate = _Rate()

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(rate(task))

    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(),
                  RateColumn(), TextColumn("{task.fields[added]} added, {task.fields[dup]} duplicates, "
                                           "{task.fields[failed]} failed"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  console=console, disable=disabled, transient=False) as progress:
        yield IngestBar(progress, total)


# ----------------------------------------------------------------------------- queries


def _table_safe(rows: list[dict[str, Any]], fmt: TableFormat) -> list[dict[str, Any]]:
    """For tables, lists become short comma-separated text."""
    if fmt is not TableFormat.table:
        return rows
    out = []
    for r in rows:
        out.append({k: (", ".join(str(x) for x in v) if isinstance(v, list) else v) for k, v in r.items()})
    return out


def _query(db: str | None, run: Callable[[Ledger], Any]) -> Any:
    """Run one query of :mod:`newsledger.ledger.queries` on the ledger; a bad filter exits 2."""
    from ..errors import QueryError, QueryTimeoutError

    with open_ledger(db) as ledger:
        try:
            return run(ledger)
        except (QueryError, QueryTimeoutError) as exc:
            err(str(exc))
            raise typer.Exit(2) from exc


AllQuotesOpt = Annotated[bool, typer.Option(
    "--all-quotes", help="Also the quotes not shown by default (record confidence below 0.9: reported "
    "speech without quotation marks, and quotes whose speaker link is less sure).")]


def search(text: Annotated[str, typer.Argument(help="Words to search for.")],
           all_quotes: AllQuotesOpt = False,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 20) -> None:
    from ..ledger import queries as lq

    f = lq.Filters(include_hidden=all_quotes or None)
    hits = _query(db, lambda ledger: lq.search(ledger, text, lq.Page(limit=limit), f=f))
    rows = [h.model_dump() for h in hits]
    if fmt is TableFormat.table:
        rows = [{k: r[k] for k in ("kind", "published", "publisher", "speaker", "snippet", "article_id")}
                for r in rows]
    emit_rows(rows, fmt, title=f"search: {text}")


def quotes(by: Annotated[str | None, typer.Option(help="Speaker: any of their names.")] = None,
           about: Annotated[str | None, typer.Option(help="A place named in the quote.")] = None,
           org: Annotated[str | None, typer.Option(
               help="An organisation: speaking, or the speaker's affiliation.")] = None,
           since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
           until: Annotated[str | None, typer.Option(help="Published on or before (ISO date).")] = None,
           outlet: Annotated[str | None, typer.Option(help="Publisher (the whole name).")] = None,
           language: Annotated[str | None, typer.Option(help="Article language code (e.g. en).")] = None,
           outlet_country: Annotated[str | None, typer.Option(
               help="The outlet's country, ISO 3166 alpha-2 (e.g. GB).")] = None,
           all_quotes: AllQuotesOpt = False,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 100) -> None:
    from ..ledger import queries as lq

    f = lq.Filters(person=by, place=about, org=org, since=since, until=until, outlet=outlet, language=language,
                   outlet_country=outlet_country, include_hidden=all_quotes or None)
    page = _query(db, lambda ledger: lq.quotes(ledger, f, lq.Page(limit=limit)))
    rows = [q.model_dump() for q in page.items]
    if fmt is TableFormat.table:
        rows = [{**{k: r[k] for k in ("published", "speaker", "role", "affiliation", "kind", "text", "places")},
                 "confidence": round(r["confidence"], 2) if r["confidence"] is not None else None}
                for r in rows]
    emit_rows(_table_safe(rows, fmt), fmt, title="quotes" + ("" if all_quotes else " (shown by default)"))


def people(name: Annotated[str | None, typer.Option(help="Only entities with this name.")] = None,
           label: Annotated[str | None, typer.Option(help="PERSON, ORG or NORP.")] = None,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 100) -> None:
    from ..ledger import queries as lq

    f = lq.Filters(name=name, label=label)
    page = _query(db, lambda ledger: lq.entities(ledger, f, lq.Page(limit=limit)))
    rows = [p.model_dump() for p in page.items]
    if fmt is TableFormat.table:
        for r in rows:
            r["roles"] = "; ".join(
                f"{x['published'] or '?'}: " + ", ".join(v for v in (x["titles"], x["role"], x["affiliation"]) if v)
                for x in r["roles"])
    emit_rows(_table_safe(rows, fmt), fmt, title="people and organisations")


def experts(name: Annotated[str | None, typer.Option(help="Only this speaker.")] = None,
            all_quotes: AllQuotesOpt = False,
            db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 100) -> None:
    from ..ledger import queries as lq

    f = lq.Filters(name=name, include_hidden=all_quotes or None)
    page = _query(db, lambda ledger: lq.experts(ledger, f, lq.Page(limit=limit)))
    emit_rows(_table_safe([e.model_dump() for e in page.items], fmt), fmt, title="expert directory")


def ledger_places(name: Annotated[str | None, typer.Option(help="Only places with this name.")] = None,
                  all_places: Annotated[bool, typer.Option(
                      "--all-places", help="Also the places not shown by default (no mention resolved at "
                      "0.9 confidence or more).")] = False,
                  db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 200) -> None:
    query_places(name=name, db=db, fmt=fmt, limit=limit, include_hidden=all_places)


def query_places(*, name: str | None = None, db: str | None = None, fmt: TableFormat = TableFormat.table,
                 limit: int = 200, include_hidden: bool = False) -> None:
    """Print the ledger's places (those shown by default, unless ``include_hidden``)."""
    from ..ledger import queries as lq

    f = lq.Filters(name=name, include_hidden=include_hidden or None)
    page = _query(db, lambda ledger: lq.places(ledger, f, lq.Page(limit=limit)))
    emit_rows([p.model_dump() for p in page.items], fmt,
              title="places" + ("" if include_hidden else " (shown by default)"))


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
    from ..ledger import queries as lq

    f = lq.Filters(place=about, key_prefix=key, since=since)
    page = _query(db, lambda ledger: lq.claims(ledger, f, lq.Page(limit=limit)))
    rows = [c.model_dump() for c in page.items]
    if fmt is TableFormat.table:
        rows = [{"key": r["key"], "date": r["date"], "value": r["value_text"], "unit": r["unit"],
                 "source": r["source"], "cited": r["cited"], "independent": r["independent_sources"],
                 "disagrees": "yes" if r["disagrees"] else "",
                 "says more": "; ".join(f"{o['value_text']} ({o['source']})" for o in r["says_more"]),
                 "says less": "; ".join(f"{o['value_text']} ({o['source']})" for o in r["says_less"])}
                for r in rows]
    emit_rows(rows, fmt, title=f"claims{f' about {about}' if about else ''}")


AllEventsOpt = Annotated[bool, typer.Option(
    "--all-events", help="Also the events not shown by default (below 0.8 estimated precision, not "
    "an occurrence, generic, or with an inferred actor country).")]


def events(event_type: Annotated[str | None, typer.Option("--type", help="PLOVER or ACLED event type.")] = None,
           place: Annotated[str | None, typer.Option(help="Where it happened (part of the name).")] = None,
           since: Annotated[str | None, typer.Option(help="Events dated on or after (ISO date).")] = None,
           until: Annotated[str | None, typer.Option(help="Events dated on or before (ISO date).")] = None,
           sub_type: Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type (exact).")] = None,
           actor: Annotated[str | None, typer.Option(help="Source or target actor (part of the name).")] = None,
           min_confidence: Annotated[float | None, typer.Option(help="Lowest confidence (0 to 1).")] = None,
           all_events: AllEventsOpt = False,
           db: DbOpt = None, fmt: FmtOpt = TableFormat.table, limit: LimitOpt = 200) -> None:
    from ..ledger import queries as lq

    f = lq.Filters(event_type=event_type, place=place, since=since, until=until, include_hidden=all_events or None,
                   sub_event_type=sub_type, actor=actor, min_confidence=min_confidence)
    page = _query(db, lambda ledger: lq.events(ledger, f, lq.Page(limit=limit)))
    rows = [e.model_dump() for e in page.items]
    if fmt is TableFormat.table:
        rows = [{"date": r["date"], "basis": r["date_basis"], "type": r["acled_sub_event_type"] or r["plover_type"],
                 "source": r["source_actor"], "target": r["target_actor"], "place": r["place_name"],
                 "confidence": round(r["confidence"] or 0.0, 2), "shown": "yes" if r["shown"] else "",
                 "publisher": r["publisher"]} for r in rows]
    emit_rows(_table_safe(rows, fmt), fmt, title="events" + ("" if all_events else " (shown by default)"))


def export(fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, geojson, parquet or "
                                                     "acled.")]
           = ExportFormat.jsonl,
           output: Annotated[str | None, typer.Option("--output", "-o", help="File (jsonl, geojson, acled) or "
                                                      "directory (csv, parquet); default stdout.")] = None,
           all_events: AllEventsOpt = False,
           all_quotes: AllQuotesOpt = False,
           db: DbOpt = None) -> None:
    import json

    from ..ledger import export as ex

    with open_ledger(db) as ledger:
        if fmt in (ExportFormat.csv, ExportFormat.parquet):
            if not output:
                err(f"--output DIR is required for {fmt.value} (one file per table)")
                raise typer.Exit(2)
            writer = ex.export_csv if fmt is ExportFormat.csv else ex.export_parquet
            counts = writer(ledger, Path(output), include_hidden=all_quotes)
            err(f"wrote {sum(counts.values())} rows in {len(counts)} tables to {output}")
            return
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            if fmt is ExportFormat.jsonl:
                n = ex.export_jsonl(ledger, out, include_hidden=all_quotes)
                if output:
                    err(f"wrote {n} reports to {output}")
            elif fmt is ExportFormat.acled:
                from ..ledger.acled import export_acled

                n = export_acled(ledger, out, include_hidden=all_events)
                if output:
                    err(f"wrote {n} ACLED rows to {output}")
            else:
                json.dump(ex.geojson(ledger, include_hidden=all_events), out, ensure_ascii=False)
                out.write("\n")
        finally:
            if output:
                out.close()
