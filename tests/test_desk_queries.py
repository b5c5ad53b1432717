"""The queries behind the desk's views (issue 23): search with word forms, name spellings and
one count; experts filtered and counted as the people list counts; facets; CSV exports; the
FTS migration. On the demo ledger plus ``desk_support.DESK_ARTICLES``, through the real pipeline."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from desk_support import DESK_ARTICLES, desk_ledger
from server_support import client_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def desk(settings):
    return desk_ledger(settings)


@pytest.fixture(scope="module")
def ledger(desk):
    from newsledger.ledger import Ledger

    with Ledger(desk.database_url) as led:
        yield led


@pytest.fixture(scope="module")
def client(desk):
    with client_for(desk) as c:
        yield c


DESK_TITLES = {a["title"] for a in DESK_ARTICLES}


@pytest.mark.parametrize(("text", "groups", "excluded"), [
    ("Zelensky OR", [["zelensky"]], []),
    ("OR Zelensky AND", [["zelensky"]], []),
    ("strike OR strikes Kharkiv", [["strike", "strikes"], ["kharkiv"]], []),
    ('"air defence" -drones', [["air defence"]], ["drones"]),
    ('Zelensky\'s "unclosed', [["zelensky s"], ["unclosed"]], []),
    ("* ^ NEAR( )", [["near"]], []),
])
def test_query_syntax_reads_as_web_search(text, groups, excluded):
    from newsledger.ledger.queries.search import parse

    p = parse(text)
    assert [[" ".join(t.words) for t in g] for g in p.groups] == groups
    assert [" ".join(t.words) for t in p.excluded] == excluded


def test_a_name_is_searched_in_every_spelling_the_ledger_holds(ledger):
    from newsledger.ledger import queries as lq

    found = {}
    for spelling in ("Zelensky", "Zelenskiy", "Zelenskyy", "Zelensky OR"):
        r = lq.search_all(ledger, spelling, page=lq.Page(limit=200))
        titles = {a.title for a in r.articles.items}
        assert {a["title"] for a in DESK_ARTICLES if "Zelensk" in a["text"]} <= titles, spelling
        found[spelling] = (r.articles.total, r.quotes.total)
        # one matcher: every best match is among the articles and quotes counted
        ids = {a.id for a in r.articles.items}
        quote_keys = {(q.article_id, q.id) for q in r.quotes.items}
        for h in r.hits:
            assert (h.article_id in ids) if h.kind == "article" else ((h.article_id, h.record_id) in quote_keys)
    assert len(set(found.values())) == 1, found  # the same answer whatever the spelling
    r = lq.search_all(ledger, "Zelensky")
    assert {"zelenskiy", "zelenskyy"} <= set(r.variants["zelensky"])


def test_word_forms_find_the_same_articles(ledger):
    from newsledger.ledger import queries as lq

    one, many = (lq.search_all(ledger, w, page=lq.Page(limit=200)) for w in ("strike", "strikes"))
    assert one.articles.total == many.articles.total > 0
    assert {a.id for a in one.articles.items} == {a.id for a in many.articles.items}
    assert {a.title for a in one.articles.items} >= {t for t in DESK_TITLES if "strike" in t}


def test_a_person_filter_finds_other_spellings(ledger):
    from newsledger.ledger import queries as lq

    by_spelling = {s: {(q.article_id, q.id) for q in lq.quotes(ledger, lq.Filters(person=s), lq.Page(limit=200)).items}
                   for s in ("Zelenskiy", "Zelenskyy", "Zelensky")}
    dates = {q.published[:10] for q in lq.quotes(ledger, lq.Filters(person="Zelenskyy"), lq.Page(limit=200)).items}
    assert {"2024-09-02", "2024-09-05", "2024-09-08"} <= dates
    assert by_spelling["Zelenskiy"] == by_spelling["Zelenskyy"] == by_spelling["Zelensky"]


def test_search_filters_and_facets(ledger):
    from newsledger.ledger import queries as lq

    r = lq.search_all(ledger, "Zelensky", lq.Filters(outlet_country="LT"))
    assert [a.title for a in r.articles.items] == ["Missile strikes hit Kharkiv energy sites"]
    from newsledger.errors import QueryError

    with pytest.raises(QueryError, match="person"):
        lq.search_all(ledger, "Zelensky", lq.Filters(person="x"))  # not a search filter: refused


def test_experts_filters_and_counts_agree_with_people(ledger):
    from newsledger.ledger import queries as lq

    # the filters over every quote (the demo's are mostly reported speech, not shown by default)
    experts = lq.experts(ledger, lq.Filters(source_type="expert", include_hidden=True), lq.Page(limit=200)).items
    assert experts and all(x.source_types == ["expert"] for x in experts)
    assert experts[0].name == "Mark Ellison" and (experts[0].quotes, experts[0].articles) == (4, 2)
    assert [x.name for x in lq.experts(ledger, lq.Filters(role="researcher", include_hidden=True)).items] == ["Hanna Koval"]
    assert [x.name for x in lq.experts(ledger, lq.Filters(affiliation="defence studies", include_hidden=True)
                                       ).items] == ["Mark Ellison"]
    # the counts are one definition: every person in the directory has the same numbers on People
    people = {p.id: p for p in lq.entities(ledger, lq.Filters(), lq.Page(limit=500), labels=("PERSON",)).items}
    compared = 0
    for x in lq.experts(ledger, lq.Filters(), lq.Page(limit=500)).items:
        if x.label == "PERSON" and x.id in people:
            assert (x.quotes, x.articles) == (people[x.id].n_quotes, people[x.id].n_quoted_articles), x.name
            compared += 1
    assert compared >= 5


def test_an_expert_is_a_person_never_an_organisation(ledger):
    from newsledger.ledger import queries as lq

    # the demo's "Institute for the Study of War" is quoted as an expert source
    speakers = lq.experts(ledger, lq.Filters(include_hidden=True), lq.Page(limit=500)).items
    assert any(x.label == "ORG" and "expert" in x.source_types for x in speakers)
    experts = lq.experts(ledger, lq.Filters(source_type=" Expert ", include_hidden=True), lq.Page(limit=500))
    assert experts.items and {x.label for x in experts.items} == {"PERSON"}
    assert experts.total == len(experts.items)
    # other source types keep organisations: a ministry speaks for the government
    assert any(x.label != "PERSON" for x in lq.experts(ledger, lq.Filters(source_type="government", include_hidden=True),
                                                         lq.Page(limit=500)).items)


def test_an_article_reports_an_event_type_when_the_desk_shows_such_an_event(ledger):
    """``event_type`` on articles (and the quotes and claims of their articles) means an
    event of that type the desk shows: the articles of the events list, not of hidden events."""
    from newsledger.ledger import queries as lq

    every = lq.events(ledger, lq.Filters(include_hidden=True), lq.Page(limit=200)).items
    hidden_only = {e.plover_type for e in every if e.plover_type} - {e.plover_type for e in every if e.shown}
    assert hidden_only, "the desk ledger has an event type seen only in hidden events"
    types = {t for e in every for t in (e.plover_type, e.acled_event_type) if t}
    for t in sorted(types):
        shown = {e.article_id for e in lq.events(ledger, lq.Filters(event_type=t), lq.Page(limit=200)).items}
        listed = {a.id for a in lq.articles(ledger, lq.Filters(event_type=t), lq.Page(limit=200)).items}
        assert listed == shown, t
        quoted = {q.article_id for q in lq.quotes(ledger, lq.Filters(event_type=t), lq.Page(limit=200)).items}
        assert quoted <= shown, t


def test_facets_count_under_every_filter_but_their_own(ledger):
    from newsledger.ledger import queries as lq

    every = lq.facets(ledger, lq.Filters(), "articles")
    countries = {v.value: v.n for v in every.outlet_country}
    assert countries["LT"] == 1 and countries["UA"] >= 1 and countries["US"] >= 1
    only_lt = lq.facets(ledger, lq.Filters(outlet_country="LT"), "articles")
    assert {v.value: v.n for v in only_lt.outlet_country} == countries  # its own filter left out
    assert [(v.value, v.n) for v in only_lt.outlet] == [("Baltic Herald", 1)]  # the others narrowed
    quotes = lq.facets(ledger, lq.Filters(person="Ellison", include_hidden=True), "quotes")
    assert {v.value: v.n for v in quotes.outlet} == {"Kyiv Courier": 2, "Atlantic Daily": 2}


def test_exports_hold_every_row_the_list_holds(client):
    every = {"person": "Ellison", "include_hidden": "true"}
    quotes = client.get("/api/quotes", params=every).json()
    r = client.get("/api/export/quotes.csv", params=every)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == quotes["total"] == 4 and {x["speaker"] for x in rows} == {"Mark Ellison"}
    search = client.get("/api/search", params={"q": "Zelensky"}).json()
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/search.csv", params={"q": "Zelensky"}).text)))
    assert sum(x["kind"] == "article" for x in rows) == search["articles"]["total"]
    assert sum(x["kind"] == "quote" for x in rows) == search["quotes"]["total"]
    assert client.get("/api/export/quotes.csv", params={"since": "2024-99"}).status_code == 422


def test_a_cell_a_spreadsheet_would_run_is_written_as_text():
    from newsledger.server.desk_api import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("plain") == "plain" and _cell(["a", "b"]) == "a; b"


def test_migration_8_rebuilds_an_old_index_with_word_forms(tmp_path, desk):
    """A ledger whose FTS tables predate migration 8 (no stemmer) gets them rebuilt when opened."""
    import shutil

    from newsledger.ledger import Ledger
    from newsledger.ledger import queries as lq
    from newsledger.ledger.migrations import _SQLITE_FTS

    path = tmp_path / "old.sqlite"
    shutil.copy(desk.database_url.removeprefix("sqlite:///"), path)
    con = sqlite3.connect(path)
    for t in ("articles_fts_ai", "articles_fts_ad", "quotes_fts_ai", "quotes_fts_ad"):
        con.execute(f"DROP TRIGGER IF EXISTS {t}")  # migration 7 dropped the insert ones
    con.execute("DROP TABLE articles_fts")
    con.execute("DROP TABLE quotes_fts")
    for sql in _SQLITE_FTS:  # migration 2's tables, as an older release left them
        con.execute(sql)
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    con.execute("DELETE FROM ledger_migrations WHERE version IN (7, 8)")
    con.commit()
    before = {w: {r[0] for r in con.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (w,))}
              for w in ("strike", "strikes")}
    con.close()
    assert before["strike"] != before["strikes"]  # without the stemmer the forms differ
    with Ledger(f"sqlite:///{path}") as led:
        one, many = (lq.search_all(led, w).articles.total for w in ("strike", "strikes"))
    assert one == many > 0
    con = sqlite3.connect(path)
    assert "porter" in con.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    con.close()
