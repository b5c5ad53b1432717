"""Completeness (issue 24 item 5): every report records the pipeline that produced it; a
stored report missing a layer is analysed again when a complete pipeline ingests the same
article, in one transaction, and a failed re-analysis leaves it as it was."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsledger.batch.into_ledger import ingest
from newsledger.ingest.article import make_article
from newsledger.ledger import Ledger, reanalysis
from newsledger.ledger import schema as s
from newsledger.models import Report
from newsledger.nlp.registry import LAYERS

TEXT = ("Russian forces shelled Pokrovsk overnight, killing 4 people, the regional governor said.\n\n"
        "“The city is under constant fire,” said Vadym Filashkin, the governor of Donetsk region.")


def _counts(db: Path) -> dict[str, object]:
    with closing(sqlite3.connect(db)) as conn:
        return {
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "quotes": conn.execute("SELECT count(*) FROM quotes").fetchone()[0],
            "places": conn.execute("SELECT count(*) FROM places").fetchone()[0],
            "entities": conn.execute("SELECT count(*) FROM entities").fetchone()[0],
            "keys": sorted(r[0] or "" for r in conn.execute("SELECT pipeline_key FROM articles")),
            "warnings": conn.execute("SELECT warnings FROM articles").fetchall(),
        }


def test_report_records_its_pipeline(settings) -> None:  # type: ignore[no-untyped-def]
    from newsledger import analyze

    r = analyze(TEXT, settings=settings)
    assert r.pipeline is not None
    assert r.pipeline.model == settings.model
    assert r.pipeline.model_version
    assert r.pipeline.layer_names() == list(settings.pipeline)
    assert {(x.name, x.version) for x in r.pipeline.layers} == {(n, LAYERS[n].version) for n in settings.pipeline}
    assert len(r.pipeline.config_hash) == 16
    assert r.layers_done() == set(settings.pipeline)
    # a process setting does not change the record; a layer's config does
    assert analyze(TEXT, settings=settings.replace(db_url="sqlite:////tmp/elsewhere.sqlite")).pipeline == r.pipeline
    other = analyze(TEXT, settings=settings.replace(components={"quotes": {"direct_slack": 5}})).pipeline
    assert other is not None and other.config_hash != r.pipeline.config_hash and other.key() != r.pipeline.key()
    # it survives JSON (the store-only path) and the ledger
    assert Report.model_validate_json(r.to_json()).pipeline == r.pipeline


def test_the_ledger_keeps_the_pipeline(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from newsledger import analyze
    from newsledger.ledger.queries.reports import report

    r = analyze(TEXT, settings=settings)
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite'}") as led:
        list(led.add([r]))
        back = report(led, r.article.id)
        assert back is not None and back.pipeline == r.pipeline
        with led.engine.connect() as conn:
            assert conn.execute(sa.select(s.articles.c.pipeline_key)).scalar_one() == r.pipeline.key()  # type: ignore[union-attr]


def _ingest(db: Path, settings, text: str = TEXT, **kw):  # type: ignore[no-untyped-def]
    art = make_article(text, source="story.txt")
    with Ledger(f"sqlite:///{db}") as led:
        return ingest([art], led, settings, **kw)


def test_a_report_missing_a_layer_is_reanalysed(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "l.sqlite"
    partial = settings.replace(pipeline=[n for n in settings.pipeline if n != "quotes"])
    first = _ingest(db, partial)
    assert first.added == 1
    before = _counts(db)
    assert before["quotes"] == 0 and before["entities"]
    # the complete pipeline: analysed again, records replaced (before the fix: "1 duplicates")
    again = _ingest(db, settings)
    assert (again.added, again.reanalysed, again.duplicates, again.failures) == (0, 1, 0, [])
    after = _counts(db)
    assert after["articles"] == 1 and after["quotes"] >= 1
    assert after["entities"] == before["entities"] and after["places"] == before["places"]  # replaced, not doubled
    assert after["keys"] != before["keys"]
    # complete now: a duplicate, nothing changes
    third = _ingest(db, settings)
    assert (third.added, third.reanalysed, third.duplicates) == (0, 0, 1)
    assert _counts(db) == after
    # a pipeline with fewer layers never replaces a fuller report
    assert _ingest(db, partial).duplicates == 1
    assert _counts(db) == after


def test_places_without_a_gazetteer_are_reanalysed(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "l.sqlite"
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    assert _ingest(db, settings.replace(cache_dir=str(blocker / "cache"))).added == 1
    before = _counts(db)
    assert before["places"] == 0 and "W203" in str(before["warnings"])
    again = _ingest(db, settings)
    assert again.reanalysed == 1
    after = _counts(db)
    assert after["places"] >= 1 and "W203" not in str(after["warnings"])


def test_a_failed_reanalysis_keeps_what_is_stored(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from newsledger import analyze

    db = tmp_path / "l.sqlite"
    partial = settings.replace(pipeline=[n for n in settings.pipeline if n != "quotes"])
    other_text = "Ukraine said it shot down 38 drones over Kharkiv on Monday, according to the air force."
    _ingest(db, partial)
    _ingest(db, partial, other_text)
    before = _counts(db)
    good = analyze(TEXT, settings=settings)
    bad = analyze(other_text, settings=settings)
    assert bad.entities
    bad = bad.model_copy(update={"entities": [*bad.entities, bad.entities[0]]})  # a duplicate key: the insert fails
    with Ledger(f"sqlite:///{db}") as led:
        with pytest.raises(sa.exc.IntegrityError):
            reanalysis.replace(led, [good, bad])
        assert _counts(db) == before  # one transaction: the good one was not replaced either
        # a report whose text is not the stored text is refused and changes nothing
        moved = good.model_copy(update={"article": good.article.model_copy(update={"text": TEXT.upper()})})
        assert [x.status for x in reanalysis.replace(led, [moved])] == ["failed"]
        assert _counts(db) == before
        # the same ledger then takes the good one
        assert [x.status for x in reanalysis.replace(led, [good])] == ["added"]
    assert _counts(db)["quotes"] >= 1


def test_reports_stored_before_the_record_stay_duplicates(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    """A ledger from before migration 6: its reports have no pipeline record. Ingest leaves them
    (nothing says a layer is missing); ``reanalysis.outdated`` lists them."""
    from newsledger.nlp.pipeline import current_pipeline

    db = tmp_path / "l.sqlite"
    _ingest(db, settings)
    with closing(sqlite3.connect(db)) as conn:  # take the ledger back to before step 6
        conn.execute("DROP INDEX ix_articles_pipeline_key")
        conn.execute("ALTER TABLE articles DROP COLUMN pipeline_key")
        conn.execute("ALTER TABLE articles DROP COLUMN pipeline")
        conn.execute("DELETE FROM ledger_migrations WHERE version = 6")
        conn.commit()
    assert _ingest(db, settings).duplicates == 1  # reopening applies step 6
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT pipeline, pipeline_key FROM articles").fetchall() == [(None, None)]
        assert conn.execute("SELECT count(*) FROM ledger_migrations WHERE version = 6").fetchone()[0] == 1
    with Ledger(f"sqlite:///{db}") as led:
        current = current_pipeline(settings)
        assert len(reanalysis.outdated(led, current)) == 1


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_reanalysis_on_both_stores(kind: str, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from ledger_support import open_ledger
    from newsledger import analyze
    from newsledger.nlp.pipeline import current_pipeline

    partial = settings.replace(pipeline=[n for n in settings.pipeline if n != "quotes"])
    gen = open_ledger(kind, tmp_path)
    led = next(gen)
    try:
        assert isinstance(led, Ledger)
        assert ingest([make_article(TEXT, source="story.txt")], led, partial).added == 1
        before = led.counts()
        assert before["quotes"] == 0
        assert reanalysis.outdated(led, current_pipeline(settings)) != []
        bad = analyze(TEXT, settings=settings)
        bad = bad.model_copy(update={"entities": [*bad.entities, bad.entities[0]]})
        with pytest.raises(sa.exc.IntegrityError):
            reanalysis.replace(led, [bad])
        assert led.counts() == before
        again = ingest([make_article(TEXT, source="story.txt")], led, settings)
        assert again.reanalysed == 1
        after = led.counts()
        assert after["quotes"] >= 1 and after["articles"] == 1 and after["entities"] == before["entities"]
        assert reanalysis.outdated(led, current_pipeline(settings)) == []
    finally:
        next(gen, None)


def test_a_reanalysis_over_the_time_limit_keeps_the_stored_report(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    """The repair's analysis fails (E107, over ``doc_timeout_s``): the failure is reported,
    naming the kept report, and the stored report is unchanged."""
    from newsledger.batch import Runner

    db = tmp_path / "l.sqlite"
    _ingest(db, settings.replace(pipeline=[n for n in settings.pipeline if n != "quotes"]))
    before = _counts(db)
    hurried = settings.replace(doc_timeout_s=1e-6)
    with Runner(hurried, workers=1) as runner:
        again = _ingest(db, hurried, runner=runner)
    assert again.reanalysed == 0 and again.added == 0
    assert [f.code for f in again.failures] == ["E107"], again.failures
    assert "the stored report is kept" in again.failures[0].reason
    assert _counts(db) == before
