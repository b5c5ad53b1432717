"""Hostile text all the way through: the pipeline, the ledger (SQLite, FTS5 triggers, MinHash)
and back out through the API and full-text search. What goes in comes out the same, and a
search for any of its words answers without error."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import assume, given
from hypothesis import settings as hsettings

from hostile_strategies import PROFILE, nlp_text
from newsledger.errors import InputError
from newsledger.ingest.article import article_id, make_article
from newsledger.ledger import Ledger, queries
from newsledger.nlp.pipeline import run
from newsledger.server.app import create_app


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         settings) -> Iterator[tuple[Ledger, TestClient]]:  # type: ignore[no-untyped-def]
    """A ledger on SQLite, and on PostgreSQL when the tests have one (see ledger_support)."""
    from ledger_support import open_ledger

    d = tmp_path_factory.mktemp("hostile-store")
    for led in open_ledger(request.param, d):
        assert isinstance(led, Ledger)
        app = create_app(settings.replace(db_url=led.url, cache_dir=str(d)), engine=led.engine)
        yield led, TestClient(app, raise_server_exceptions=False)


@hsettings(PROFILE, max_examples=max(10, PROFILE.max_examples // 2))
@given(nlp_text)
def test_hostile_text_round_trips_through_the_ledger_and_the_api(  # type: ignore[no-untyped-def]
        desk: tuple[Ledger, TestClient], settings, text: str) -> None:
    led, client = desk
    try:
        art = make_article(text, source="hostile-store.txt", kind="text", title=text[:40] or None)
    except InputError:
        assume(False)
        return
    (report,) = list(run([art], settings))
    (result,) = list(led.add([report]))
    assert result.status in ("added", "duplicate"), result
    resp = client.get(f"/api/articles/{art.id}")
    assert resp.status_code == 200, resp.text[:300]
    body = resp.json()
    served = body.get("article", body)
    if result.status == "added":
        assert served["text"] == art.text
    else:  # the same text up to case and spacing was stored first (ids are content hashes)
        assert article_id(served["text"]) == art.id
    for word in re.findall(r"\w+", art.text)[:3]:
        assert client.get("/api/search", params={"q": word}).status_code == 200
        queries.search(led, word, queries.Page(limit=5))  # FTS5 MATCH on the CLI's path
    assert client.get("/api/search", params={"q": art.text[:200] or "x"}).status_code in (200, 422)
    if "\x00" not in art.text[:200]:  # a NUL is refused (QueryError), on both stores
        queries.search(led, art.text[:200], queries.Page(limit=5))


def test_the_ledger_stays_whole(desk: tuple[Ledger, TestClient]) -> None:
    led, client = desk
    if led.dialect == "sqlite":
        with led.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    stats = client.get("/api/stats")
    assert stats.status_code == 200 and led.counts()["articles"] >= 1
