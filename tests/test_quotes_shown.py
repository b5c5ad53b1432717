"""Quote records' content form, confidence and ``shown`` flag (issues 17 and 23), in the layer
and in every quote view (queries, CLI, API) on both stores."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from helpers import analyze_text
from ledger_support import open_ledger
from newsledger.cli.main import app as cli_app
from newsledger.ledger import queries as lq
from newsledger.nlp.quotes.confidence import measured, record_confidence
from newsledger.nlp.quotes.config import QuotesConfig
from server_support import client_for, shared_ledger, shared_reports


def only(text: str, phrase: str):
    found = [q for q in analyze_text(text).quotes if any(phrase in c.text for c in q.content)]
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------- the layer


@pytest.mark.parametrize(("text", "phrase", "form"), [
    ("“We will win this war,” Zelensky said on Monday.", "We will win", "direct"),
    ("Zelensky said the army would “hold every line” until spring.", "hold every line", "mixed"),
    ("Officials said the bridge was destroyed overnight.", "bridge was destroyed", "clause"),
    ("Zelensky discussed the plan with the chancellor on Monday.", "the plan", "np"),
    ("The minister called the proposal unworkable.", "the proposal", "np"),
    # the head decides: a noun phrase whose trailing adjunct holds a finite verb is still np
    ("Olaf Scholz discussed Kyiv's membership until the war was over.", "membership", "np"),
])
def test_content_form(text, phrase, form):
    assert only(text, phrase).form == form


def test_the_confidence_is_the_measured_figure_of_form_and_link():
    q = only("Zelensky discussed the plan with the chancellor on Monday.", "the plan")
    assert q.source is not None and q.source.link == "named"
    assert q.confidence == measured()["np/named"]
    assert q.confidence < QuotesConfig().shown_confidence and q.shown is False
    d = only("“We will win this war,” Zelensky said on Monday.", "We will win")
    assert d.source is not None and d.source.link == "named"
    assert d.confidence == measured()["direct/named"] >= QuotesConfig().shown_confidence and d.shown is True


def test_a_noun_phrase_report_is_kept_but_hidden():
    # the record stays (PolNeAR counts such stances) with a confidence of its own
    q = only("Zelensky discussed the plan with the chancellor on Monday.", "the plan")
    d = only("“We will win this war,” Zelensky said on Monday.", "We will win")
    assert q.confidence is not None and d.confidence is not None and q.confidence < d.confidence


def test_config_overrides_the_table_and_a_missing_pair_takes_its_form():
    cfg = QuotesConfig(record_confidence={"np/named": 0.97})
    assert record_confidence(cfg, "np", "named") == 0.97
    assert record_confidence(QuotesConfig(), "np", "named") == measured()["np/named"]
    assert record_confidence(QuotesConfig(), "clause", "no-such-link") == measured()["clause/*"]
    assert record_confidence(QuotesConfig(), "clause", None) == measured().get("clause/none", measured()["clause/*"])


def test_every_measured_figure_is_a_share():
    table = measured()
    assert {"direct/*", "mixed/*", "clause/*", "np/*"} <= set(table)
    assert all(0.0 <= v <= 1.0 for v in table.values())


# ------------------------------------------------------------------- the views


@pytest.fixture(scope="module")
def demo(settings):
    return shared_ledger(settings)


def cli(s, *args: str) -> str:
    result = CliRunner().invoke(cli_app, [*args, "--db", s.database_url])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_demo_has_shown_and_hidden_quotes(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        quotes = [q for r in lq.iter_reports(ledger) for q in r.quotes]
    assert any(q.shown for q in quotes) and any(not q.shown for q in quotes)


def test_quote_views_default_to_shown_and_the_flag_shows_all(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        default = lq.quotes(ledger, page=lq.Page(limit=1000))
        every = lq.quotes(ledger, lq.Filters(include_hidden=True), lq.Page(limit=1000))
        assert default.items and all(q.shown for q in default.items)
        assert every.total > default.total and not all(q.shown for q in every.items)
        assert {(q.article_id, q.id) for q in default.items} == \
            {(q.article_id, q.id) for q in every.items if q.shown}
        # the experts directory counts the same quotes
        n_default = sum(e.quotes for e in lq.experts(ledger, page=lq.Page(limit=1000)).items)
        n_every = sum(e.quotes for e in lq.experts(ledger, lq.Filters(include_hidden=True),
                                                   lq.Page(limit=1000)).items)
        assert n_default < n_every
        # a person's page
        hidden = next(q for q in every.items if not q.shown and q.canonical_id is not None)
        page = lq.entity(ledger, "PERSON", hidden.canonical_id) or lq.entity(ledger, "ORG", hidden.canonical_id)
        assert page is not None and all(q.shown for q in page.quotes)
        label = "PERSON" if lq.entity(ledger, "PERSON", hidden.canonical_id) else "ORG"
        full = lq.entity(ledger, label, hidden.canonical_id, include_hidden=True)
        assert full is not None and (hidden.article_id, hidden.id) in {(q.article_id, q.id) for q in full.quotes}


def test_search_shows_hidden_quotes_only_when_asked(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        every = lq.quotes(ledger, lq.Filters(include_hidden=True), lq.Page(limit=1000)).items
        hidden = next(q for q in every if not q.shown and len(q.text.split()) >= 2)
        word = max((w.strip(".,;:“”\"'") for w in hidden.text.split()), key=len)
        found = lq.search_all(ledger, word).quotes.items
        found_all = lq.search_all(ledger, word, lq.Filters(include_hidden=True)).quotes.items
        assert all(q.shown for q in found)
        assert (hidden.article_id, hidden.id) in {(q.article_id, q.id) for q in found_all}
        assert (hidden.article_id, hidden.id) not in {(q.article_id, q.id) for q in found}


def test_cli_and_api_agree_on_the_default_and_the_flag(demo):
    with client_for(demo) as client:
        for args, params in ((["quotes", "-n", "500"], {"limit": 200}),
                             (["quotes", "--all-quotes", "-n", "500"], {"limit": 200, "include_hidden": "true"})):
            from_cli = json.loads(cli(demo, *args, "-f", "json"))
            from_api = client.get("/api/quotes", params=params).json()["items"]
            assert from_cli and [(q["article_id"], q["id"]) for q in from_cli][:200] == \
                [(q["article_id"], q["id"]) for q in from_api]
        shown = client.get("/api/quotes", params={"limit": 200}).json()
        every = client.get("/api/quotes", params={"limit": 200, "include_hidden": "true"}).json()
        assert all(q["shown"] for q in shown["items"]) and not all(q["shown"] for q in every["items"])
        assert every["total"] > shown["total"]
        experts = client.get("/api/experts", params={"limit": 200}).json()["items"]
        experts_all = client.get("/api/experts", params={"limit": 200, "include_hidden": "true"}).json()["items"]
        assert sum(e["quotes"] for e in experts) < sum(e["quotes"] for e in experts_all)
        cli_experts = json.loads(cli(demo, "experts", "-f", "json", "-n", "1000"))
        assert sum(e["quotes"] for e in cli_experts) == sum(e["quotes"] for e in experts)
        spec = client.get("/api/openapi.json").json()
        for path in ("/api/quotes", "/api/experts", "/api/search", "/api/people/{person_id}"):
            assert "include_hidden" in {p["name"] for p in spec["paths"][path]["get"]["parameters"]}, path


# ------------------------------------------------------------------- storage and migration 11


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger(request, tmp_path):
    yield from open_ledger(request.param, tmp_path)


@pytest.fixture(scope="module")
def demo_reports(settings):
    return shared_reports(settings)


def test_quote_flags_are_stored_and_read_on_both_stores(ledger, demo_reports):
    list(ledger.add(demo_reports))
    want = {(r.article.id, q.id) for r in demo_reports for q in r.quotes if q.shown}
    got = {(q.article_id, q.id) for q in lq.quotes(ledger, page=lq.Page(limit=2000)).items}
    assert want and got == want


def _undo_step_11(conn) -> None:
    """Take migration 11's columns and index away (its record is deleted by the caller)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_quotes_shown")  # (migration 13 drops it too)
    for col in ("confidence", "shown"):
        conn.exec_driver_sql(f"ALTER TABLE quotes DROP COLUMN {col}")
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"ALTER TABLE stage_quotes DROP COLUMN {col}")


def test_migration_11_upgrades_a_ledger_of_migration_10(ledger, demo_reports):
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import applied

    list(ledger.add(demo_reports))
    url = ledger.url
    with ledger.engine.begin() as conn:  # make it a ledger of the release before
        _undo_step_11(conn)
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version = 11")
    ledger.engine.dispose()
    with Ledger(url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert 11 in applied(conn)
        assert {"confidence", "shown"} <= {c["name"] for c in sa.inspect(upgraded.engine).get_columns("quotes")}
        if upgraded.engine.dialect.name == "postgresql":
            assert {"confidence", "shown"} <= {c["name"] for c in sa.inspect(upgraded.engine).get_columns("stage_quotes")}
        shown = {(q.article_id, q.id) for q in lq.quotes(upgraded, page=lq.Page(limit=2000)).items}
        assert shown == {(r.article.id, q.id) for r in demo_reports for q in r.quotes if q.shown}


def test_a_ledger_from_before_step_9_upgrades_through_every_later_step(ledger, demo_reports):
    """Step 9 counts each entity's quotes; the count reads step 11's ``quotes.shown``, so on a
    ledger of the release before step 9 it must leave the count to step 11 (it stopped the
    upgrade of a 5,692-article ledger of that release with E300)."""
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import MIGRATIONS, applied

    list(ledger.add(demo_reports))
    url = ledger.url
    with ledger.engine.begin() as conn:  # the tables of the release before step 9
        _undo_step_11(conn)
        conn.exec_driver_sql("DROP TABLE entity_stats")
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version IN (9, 11)")
    ledger.engine.dispose()
    with Ledger(url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert {m.version for m in MIGRATIONS} <= applied(conn)
            counted = conn.exec_driver_sql("SELECT count(*) FROM entity_stats").scalar_one()
        assert counted > 0
        shown = {(q.article_id, q.id) for q in lq.quotes(upgraded, page=lq.Page(limit=2000)).items}
        assert shown == {(r.article.id, q.id) for r in demo_reports for q in r.quotes if q.shown}


# ------------------------------------------------------------------- the article page and exports


def test_the_article_page_lists_shown_quotes_unless_asked(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        every = lq.quotes(ledger, lq.Filters(include_hidden=True), lq.Page(limit=1000)).items
        hidden = next(q for q in every if not q.shown)
        page = lq.article(ledger, hidden.article_id)
        full = lq.article(ledger, hidden.article_id, include_hidden=True)
        assert page is not None and full is not None
        assert all(q["shown"] for q in page.quotes) and hidden.id not in {q["id"] for q in page.quotes}
        assert hidden.id in {q["id"] for q in full.quotes}
        assert page.n_hidden_quotes == len(full.quotes) - len(page.quotes) > 0 and full.n_hidden_quotes == 0
        listed = {a.id: a.n_quotes for a in lq.articles(ledger, page=lq.Page(limit=1000)).items}
        assert listed[hidden.article_id] == len(page.quotes)  # the list counts what the page lists
    with client_for(demo) as client:
        got = client.get(f"/api/articles/{hidden.article_id}").json()
        got_all = client.get(f"/api/articles/{hidden.article_id}", params={"include_hidden": "true"}).json()
        assert {q["id"] for q in got["quotes"]} == {q["id"] for q in page.quotes}
        assert {q["id"] for q in got_all["quotes"]} == {q["id"] for q in full.quotes}
        assert got["n_hidden_quotes"] == page.n_hidden_quotes


def _export(demo, fmt: str, out, *flags: str) -> None:
    cli(demo, "export", "-f", fmt, "-o", str(out), *flags)


def test_the_whole_ledger_exports_keep_shown_quotes_unless_all_quotes(demo, tmp_path):
    import csv

    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        every = lq.quotes(ledger, lq.Filters(include_hidden=True), lq.Page(limit=2000)).items
    want_shown = {(q.article_id, q.id) for q in every if q.shown}
    want_all = {(q.article_id, q.id) for q in every}
    assert want_shown < want_all
    for flags, want in (((), want_shown), (("--all-quotes",), want_all)):
        out = tmp_path / f"reports{len(flags)}.jsonl"
        _export(demo, "jsonl", out, *flags)
        got = {(json.loads(line)["article"]["id"], q["id"]) for line in out.read_text().splitlines()
               for q in json.loads(line)["quotes"]}
        assert got == want, flags
        d = tmp_path / f"csv{len(flags)}"
        _export(demo, "csv", d, *flags)
        with open(d / "quotes.csv", encoding="utf-8") as fh:
            rows = {(r["article_id"], r["id"]) for r in csv.DictReader(fh)}
        assert rows == want, flags


def test_the_article_page_and_exports_keep_shown_quotes_on_both_stores(ledger, demo_reports, tmp_path):
    import io

    from newsledger.ledger import export as ex

    list(ledger.add(demo_reports))
    report = next(r for r in demo_reports if any(not q.shown for q in r.quotes))
    page = lq.article(ledger, report.article.id)
    full = lq.article(ledger, report.article.id, include_hidden=True)
    assert page is not None and full is not None
    assert {q["id"] for q in page.quotes} == {q.id for q in report.quotes if q.shown}
    assert {q["id"] for q in full.quotes} == {q.id for q in report.quotes}
    out = io.StringIO()
    ex.export_jsonl(ledger, out)
    exported = {(json.loads(line)["article"]["id"], q["id"]) for line in out.getvalue().splitlines()
                for q in json.loads(line)["quotes"]}
    assert exported == {(r.article.id, q.id) for r in demo_reports for q in r.quotes if q.shown}
    counts = ex.export_csv(ledger, tmp_path / "all", include_hidden=True)
    assert counts["quotes"] == sum(len(r.quotes) for r in demo_reports)


def test_migration_13_drops_the_index_on_shown_alone(ledger, demo_reports):
    """Step 11's index on quotes.shown led SQLite's planner to read every shown quote for one
    article's; step 13 drops it, and a new ledger never has it."""
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import applied

    def indexes(engine):
        return {ix["name"] for ix in sa.inspect(engine).get_indexes("quotes")}

    list(ledger.add(demo_reports))
    assert "ix_quotes_shown" not in indexes(ledger.engine)
    url = ledger.url
    with ledger.engine.begin() as conn:  # a ledger of the release before: step 11's index
        conn.exec_driver_sql("CREATE INDEX ix_quotes_shown ON quotes (shown)")
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version = 13")
    ledger.engine.dispose()
    with Ledger(url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert 13 in applied(conn)
        assert "ix_quotes_shown" not in indexes(upgraded.engine)
        assert lq.article(upgraded, demo_reports[0].article.id) is not None


def test_one_articles_shown_quotes_are_read_by_the_primary_key_on_sqlite(tmp_path, demo_reports):
    from newsledger.ledger import Ledger

    with Ledger(str(tmp_path / "plan.sqlite")) as led:
        list(led.add(demo_reports))
        with led.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT data FROM quotes WHERE article_id = 'x' AND shown = 1"))
    assert "sqlite_autoindex_quotes" in plan or "PRIMARY KEY" in plan, plan
