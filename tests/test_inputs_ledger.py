"""Real-world inputs into the ledger (issue 21; issue 24 items 9 and 11): compact ISO dates
stored normalised and filtered to the right day on the CLI's and the desk's filters; other
languages stored with their language, a warning and no English records; metadata columns
(outlet country: migration 4) and caps the same on SQLite and PostgreSQL. Real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from ledger_support import open_ledger
from newsledger.batch.into_ledger import ingest
from newsledger.ingest.sources import iter_sources
from newsledger.ledger import schema as s
from newsledger.models import Article, Report
from newsledger.settings import load_settings

pytestmark = pytest.mark.slow

SETTINGS = load_settings(use_files=False)

# Written for these tests. The first two differ in day only; each has a direct quote.
RECORDS = [
    {"text": "Russian forces shelled Kharkiv overnight, regional officials said.\n\n"
             "\"The city was hit by at least five missiles,\" said Oleh Syniehubov, the governor of the "
             "Kharkiv region.", "seendate": "20220126T230000Z", "sourcecountry": "United Kingdom",
     "domain": "example.co.uk", "title": "Kharkiv shelled"},
    {"text": "A drone struck an oil depot near Odesa on Thursday, the navy said.\n\n"
             "\"Air defence shot down most of the drones,\" said Natalia Humeniuk, a spokeswoman for the "
             "southern command.", "seendate": "20220127T083000Z", "sourcecountry": "Ukraine",
     "domain": "example.com.ua", "title": "Odesa depot hit"},
    {"text": "Officials in Sumy said on Friday that two people were wounded by shelling.\n\n"
             "\"We are repairing the power lines,\" said Ivan Petrenko, a city official.",
     "date": "sometime last week", "title": "Sumy"},
]
UKRAINIAN = ("Російські війська вночі обстріляли Покровськ, повідомив голова обласної військової адміністрації. "
             "Олександр Сирський заявив, що бої під Покровськом тривають і ситуація залишається складною.")
RUSSIAN = ("Российские войска ночью обстреляли Покровск, сообщил глава областной военной администрации. "
           "Александр Сырский заявил, что бои под Покровском продолжаются и ситуация остаётся сложной.")


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path):
    yield from open_ledger(request.param, tmp_path)


def _ingest_records(ledger, tmp_path: Path, records: list[dict]) -> object:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return ingest(iter_sources([str(path)], SETTINGS), ledger, SETTINGS)


def test_compact_iso_dates_are_stored_normalised_and_filtered_to_the_right_day(ledger, tmp_path: Path) -> None:
    from newsledger.ledger import queries

    summary = _ingest_records(ledger, tmp_path, RECORDS)
    assert summary.added == 3 and not summary.failures
    with ledger.engine.connect() as conn:
        rows = dict(conn.execute(sa.select(s.articles.c.title, s.articles.c.published)).all())
    assert rows == {"Kharkiv shelled": "2022-01-26T23:00:00Z", "Odesa depot hit": "2022-01-27T08:30:00Z",
                    "Sumy": None}
    every = queries.quotes(ledger, page=queries.Page(limit=50)).items
    assert {q.published for q in every} >= {"2022-01-26T23:00:00Z", "2022-01-27T08:30:00Z"}
    since = queries.quotes(ledger, queries.Filters(since="2022-01-27"), queries.Page(limit=50)).items
    assert since and {q.published for q in since} == {"2022-01-27T08:30:00Z"}  # not the 26th


def test_the_desk_date_filters_return_the_right_days(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsledger.ledger import Ledger
    from newsledger.server import create_app

    url = f"sqlite:///{tmp_path / 'l.sqlite'}"
    with Ledger(url) as ledger:
        _ingest_records(ledger, tmp_path, RECORDS)
    client = TestClient(create_app(SETTINGS.replace(db_url=url, cache_dir=str(tmp_path / "cache"))))

    def titles(**params: str) -> set[str]:
        r = client.get("/api/articles", params=params)
        assert r.status_code == 200, r.text
        return {a["title"] for a in r.json()["items"]}

    assert titles(since="2022-01-27") == {"Odesa depot hit"}
    assert titles(until="2022-01-26") == {"Kharkiv shelled"}
    assert titles(since="2022-01-26", until="2022-01-27") == {"Kharkiv shelled", "Odesa depot hit"}


def test_an_unreadable_date_is_stored_unknown_with_its_warning(ledger, tmp_path: Path) -> None:
    _ingest_records(ledger, tmp_path, RECORDS[2:])
    with ledger.engine.connect() as conn:
        published, warnings = conn.execute(sa.select(s.articles.c.published, s.articles.c.warnings)).one()
    assert published is None
    assert any(w.startswith("[W101]") and "sometime last week" in w for w in warnings)


@pytest.mark.parametrize(("text", "lang"), [(UKRAINIAN, "uk"), (RUSSIAN, "ru")])
def test_another_language_gets_its_language_a_warning_and_no_english_records(text: str, lang: str) -> None:
    from newsledger import analyze

    report = analyze(text, settings=SETTINGS, source="ua.txt")
    assert report.article.language == lang
    (w,) = [w for w in report.article.warnings if w.startswith("[W102]")]
    assert f"({lang})" in w
    assert (report.entities, report.quotes, report.quantities, report.places, report.events) == ([], [], [], [], [])


def test_other_languages_are_stored_unanalysed_and_counted_by_language(ledger, tmp_path: Path) -> None:
    summary = _ingest_records(ledger, tmp_path, [RECORDS[0], {"text": UKRAINIAN, "date": "2022-01-27"},
                                                 {"text": RUSSIAN, "language": "uk"}])
    assert summary.added == 3 and dict(summary.languages) == {"en": 1, "uk": 1, "ru": 1}
    assert summary.warnings["W102"] == 2
    with ledger.engine.connect() as conn:
        langs = dict(conn.execute(sa.select(s.articles.c.id, s.articles.c.language)).all())
        with_records = set(conn.execute(sa.select(s.entities.c.article_id).distinct()).scalars())
    english = [aid for aid, lang in langs.items() if lang == "en"]
    assert sorted(langs.values()) == ["en", "ru", "uk"]
    assert with_records == set(english), "records only for the English article"


def test_a_worker_partition_skips_other_languages_in_order() -> None:
    from newsledger.batch.worker import analyze_partition
    from newsledger.ingest.article import make_article

    arts = [make_article(RECORDS[0]["text"], source="a"), make_article(UKRAINIAN, source="b"),
            make_article(RECORDS[1]["text"], source="c")]
    out = analyze_partition(arts, SETTINGS)
    assert [r.article.source.path for r in out if isinstance(r, Report)] == ["a", "b", "c"]
    assert out[0].quotes and not out[1].entities and out[2].quotes  # type: ignore[union-attr]


def test_metadata_columns_round_trip_and_caps_hold_on_both_stores(ledger, tmp_path: Path) -> None:
    _ingest_records(ledger, tmp_path, [dict(RECORDS[0], title="T" * 3_000)])
    with ledger.engine.connect() as conn:
        row = conn.execute(sa.select(s.articles)).one()
    assert (row.outlet_country, row.publisher, row.language) == ("GB", "example.co.uk", "en")
    assert len(row.title) == 1_000 and any(w.startswith("[W103]") for w in row.warnings)
    # the store-only path (a report from JSON Lines) skips ingest: the store caps it alike,
    # where PostgreSQL refused a published over 40 characters and a language over 16
    odd = Report(article=Article(id="f" * 24, text="Officials in Kherson said the bridge was hit.",
                                 published="P" * 60, language="L" * 20, title="X" * 5_000))
    (res,) = ledger.add_batch([odd])
    assert res.status == "added", res
    with ledger.engine.connect() as conn:
        row = conn.execute(sa.select(s.articles).where(s.articles.c.id == "f" * 24)).one()
    assert row.published is None and row.language is None and len(row.title) == 1_000


def test_migration_4_adds_outlet_country_to_an_older_ledger(tmp_path: Path) -> None:
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import current_version

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    with Ledger(url) as ledger:  # make it look like a ledger of the release before
        with ledger.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_articles_language")
            conn.exec_driver_sql("DROP INDEX ix_articles_outlet_country")
            conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN outlet_country")
            conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version >= 4")  # and the steps after it
        assert current_version(ledger.engine) == 3
    with Ledger(url) as ledger:
        assert current_version(ledger.engine) >= 4
        cols = {c["name"] for c in sa.inspect(ledger.engine).get_columns("articles")}
        assert "outlet_country" in cols
        summary = _ingest_records(ledger, tmp_path, RECORDS[:1])
        assert summary.added == 1


def test_ingest_cli_reports_languages_and_warnings(tmp_path: Path) -> None:
    from newsledger.cli.main import app

    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [RECORDS[2], {"text": UKRAINIAN}]), "utf-8")
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "l.sqlite"), "-q"])
    assert res.exit_code == 0, res.output
    assert "2 added" in res.output and "languages: en 1, uk 1" in res.output
    assert "W101 1" in res.output and "W102 1" in res.output


def test_analyze_text_output_shows_the_language_and_the_warning(tmp_path: Path) -> None:
    from newsledger.cli.main import app

    (tmp_path / "ua.txt").write_text(UKRAINIAN, "utf-8")
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "ua.txt"), "-f", "text"])
    assert res.exit_code == 0, res.output
    assert "language uk" in res.output and "[W102]" in res.output and "## Entities" not in res.output
