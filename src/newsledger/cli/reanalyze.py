"""``newsledger reanalyze``: analyse stored articles again after the pipeline changed."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import err, printable, settings_from
from .ledger import DbOpt, open_ledger


def register(app: typer.Typer) -> None:
    app.command(help="Analyse stored articles again and replace their records: by default (--outdated) "
                "those whose report was made by another pipeline than the current one (another model or "
                "model version, other layers or layer versions, other layer settings, or not recorded), "
                "with --all every analysed article. One transaction per batch: a rerun after an "
                "interruption finishes the rest.")(reanalyze)


def reanalyze(
    db: DbOpt = None,
    everything: Annotated[bool, typer.Option("--all", help="Every article analysed before, not only the outdated.")] = False,
    outdated: Annotated[bool, typer.Option("--outdated", help="Only reports made by another pipeline (the default).")] = False,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Articles per transaction.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Local worker processes for the analysis.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    from ..batch import Runner
    from ..errors import PipelineError
    from ..ledger import reanalysis
    from ..models import Report
    from ..nlp.pipeline import current_pipeline

    if everything and outdated:
        err("[E400] --all and --outdated: choose one")
        raise typer.Exit(2)
    settings = settings_from(db_url=db, batch_size=batch_size, workers=workers)
    with open_ledger(db, create=False, verify=True) as ledger:
        try:
            current = current_pipeline(settings)
        except PipelineError as exc:
            err(str(exc))
            raise typer.Exit(2) from exc
        ids = reanalysis.outdated(ledger, current, everything=everything)
        done = failed = 0
        failures: list[str] = []
        size = settings.batch_size
        with Runner(settings, workers=settings.workers) as runner:
            for i in range(0, len(ids), size):
                arts = reanalysis.stored_articles(ledger, ids[i:i + size])
                results = list(runner.analyze(arts))
                reports = [r for r in results if isinstance(r, Report)]
                failures += [str(r) for r in results if not isinstance(r, Report)]
                try:
                    stored = reanalysis.replace(ledger, reports)
                except Exception:  # one report the store refuses: the others one at a time
                    stored = []
                    for r in reports:
                        try:
                            stored += reanalysis.replace(ledger, [r])
                        except Exception as exc:  # reported, and the batch goes on
                            failures.append(f"{r.article.source.path or r.article.id}: [E300] cannot store: "
                                            f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}")
                done += sum(1 for x in stored if x.status == "added")
                failures += [f"{x.source or x.article_id}: {x.reason}" for x in stored if x.status == "failed"]
                failed = len(failures)
                if not quiet:
                    err(f"re-analysed {done} of {len(ids)} ({failed} failed)")
    which = "stored" if everything else "outdated"
    typer.echo(printable(f"{done} re-analysed, {failed} failed (kept as stored), of {len(ids)} {which} "
                         f"articles, in {ledger.safe_url}; pipeline {current.key()}"))
    for f in failures:
        typer.echo(printable(f"skipped {f}"))
    if failed:
        raise typer.Exit(1)
