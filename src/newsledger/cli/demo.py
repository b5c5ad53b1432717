"""``newsledger demo``: analyse the packaged demo articles and feed into a ledger and query it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from .common import TableFormat, emit_rows, err, settings_from

DEMO_PACKAGE = "newsledger.data"
DEMO_DIR = "demo"


def register(app: typer.Typer) -> None:
    app.command(help="Analyse the packaged demo articles and feed into a ledger, then show what "
                "it holds and example queries.")(demo)


def demo_sources() -> list[str]:
    """Paths of the packaged demo articles directory and feed file."""
    root = Path(str(resources.files(DEMO_PACKAGE).joinpath(DEMO_DIR)))
    return [str(root / "articles"), str(root / "feed.xml")]


def default_demo_db() -> str:
    import platformdirs

    return str(Path(platformdirs.user_data_dir("newsledger")) / "demo.sqlite")


def build_demo_ledger(db: str | None = None, quiet: bool = False) -> str:
    """Ingest the demo into ``db`` (default: demo.sqlite in the user data dir); returns its URL."""
    from ..batch.into_ledger import ingest
    from ..ingest.sources import iter_sources
    from ..ledger import Ledger

    url = db or default_demo_db()
    settings = settings_from(db_url=url)
    with Ledger(settings.database_url) as ledger:
        summary = ingest(iter_sources(demo_sources(), settings), ledger, settings)
        if not quiet:
            err(f"demo ledger {ledger.safe_url}: {summary.added} added "
                f"({summary.clustered} near-duplicates clustered), {summary.duplicates} duplicates, "
                f"{len(summary.failures)} failed")
            for f in summary.failures:
                err(f"skipped {f}")
        return ledger.url


def demo(db: Annotated[str | None, typer.Option("--db", help="Ledger URL or SQLite path for the demo.")] = None,
         serve: Annotated[bool, typer.Option("--serve/--no-serve",
                                             help="End by serving the analyst's desk on the demo ledger.")] = True,
         port: Annotated[int, typer.Option(help="Port for the desk.")] = 8765,
         ) -> None:
    from ..ledger import Ledger, queries

    url = build_demo_ledger(db)
    with Ledger(url) as ledger:
        counts = queries.stats(ledger)
        emit_rows([{"table": k, "rows": v} for k, v in counts.items()], TableFormat.table, title="the demo ledger")
        people = [{"name": p.name, "label": p.label, "articles": p.n_articles, "quotes": p.n_quotes,
                   "aliases": ", ".join(p.aliases)}
                  for p in queries.entities(ledger, queries.Filters(label="PERSON"), queries.Page(limit=10)).items]
        emit_rows(people, TableFormat.table, title="people, merged across articles")
        claims = [{"date": c.date, "claim": c.key, "value": c.value_text, "source": c.source, "cited": c.cited,
                   "disagrees": "yes" if c.disagrees else ""}
                  for c in queries.claims(ledger, queries.Filters(place="Pokrovsk"), queries.Page(limit=500)).items
                  if c.value is not None]
        emit_rows(claims, TableFormat.table, title="figures about Pokrovsk over time")
    db_arg = db or default_demo_db()
    typer.echo("\nTry:\n" + "\n".join(f"  newsledger {q} --db {db_arg}" for q in (
        "claims --about Pokrovsk", "quotes --about Kramatorsk", 'quotes --by "Samuel Hart"',
        "people", "experts", "ledger-places", "search evacuation", "export --format geojson")))
    if serve:
        from .serve import serve_ledger

        typer.echo("")
        serve_ledger(settings_from(db_url=url), host="127.0.0.1", port=port)
