"""The desk's answers are kept until the ledger is written to (server.cache, migration 9):
the same bytes as computed afresh, and never served after a write, on SQLite and PostgreSQL,
whichever connection (or process) writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ledger_support import TEXTS, WIRE_COPY, analyse, open_ledger

URLS = [
    "/api/stats", "/api/articles?limit=50", "/api/quotes?limit=50", "/api/quotes?person=Zelensky",
    "/api/people?limit=50", "/api/organisations", "/api/experts", "/api/places", "/api/events?include_hidden=true",
    "/api/claims", "/api/claim-series", "/api/search?q=Pokrovsk", "/api/geojson", "/api/facets/quotes",
    "/api/event-types",
]


@pytest.fixture(scope="module")
def reports() -> list[Any]:
    return analyse([*TEXTS, WIRE_COPY])


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    yield from open_ledger(request.param, tmp_path)


def _client(ledger: Any, settings: Any, cache_bytes: int) -> tuple[TestClient, Any]:
    from newsledger.ledger.engine import make_engine
    from newsledger.server import create_app

    engine = make_engine(ledger.url)
    app = create_app(settings.replace(db_url=ledger.url), engine=engine, answer_cache_bytes=cache_bytes)
    return TestClient(app), app


def test_cache_keeps_one_generation() -> None:
    from newsledger.server.cache import Answer, AnswerCache

    c = AnswerCache(max_bytes=10, max_answer=6)
    c.put("a", 1, b"aaa")
    assert c.get("a", 1) == Answer(b"aaa")
    c.put("b", 0, b"old")  # computed on an older snapshot: not kept
    assert c.get("b", 1) is None
    assert c.get("a", 2) is None and len(c) == 0  # a newer generation drops every answer
    c.put("a", 1, b"aaa")  # nor is an answer of the generation before
    assert c.get("a", 2) is None
    c.put("x", 2, b"1234567")  # over max_answer
    assert c.get("x", 2) is None
    c.put("p", 2, b"12345")
    c.put("q", 2, b"12345")
    assert c.get("p", 2) == Answer(b"12345")  # p used last: q goes first
    c.put("r", 2, b"1")
    assert c.get("q", 2) is None and c.get("p", 2) == Answer(b"12345") and c.get("r", 2) == Answer(b"1")
    assert c.get("a", None) is None  # no generation recorded: nothing served


def test_one_computation_for_requests_arriving_together() -> None:
    import gzip
    import threading
    import time

    from newsledger.server.cache import AnswerCache

    c = AnswerCache()
    calls: list[int] = []
    started = threading.Event()

    def slow() -> bytes:
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return b"body"

    got: list[bytes] = []
    first = threading.Thread(target=lambda: got.append(c.answer("u", 5, slow)))
    first.start()
    started.wait(5)
    others = [threading.Thread(target=lambda: got.append(c.answer("u", 5, slow))) for _ in range(8)]
    for t in others:
        t.start()
    for t in [first, *others]:
        t.join()
    assert [a.body for a in got] == [b"body"] * 9 and len(calls) == 1
    assert c.answer("u", 6, lambda: b"new").body == b"new"  # a write later: computed again
    big = c.answer("v", 6, lambda: b"x" * 5000)  # kept gzipped too
    assert big.gzipped is not None and gzip.decompress(big.gzipped) == big.body


def test_answers_are_the_computed_ones_and_never_outlive_a_write(ledger: Any, reports: list[Any],
                                                                  settings: Any) -> None:
    from newsledger.ledger import reanalysis

    list(ledger.add(reports[:2]))
    cached, app = _client(ledger, settings, 1 << 24)
    fresh, _ = _client(ledger, settings, 0)
    for url in URLS:
        first = cached.get(url)
        assert first.status_code == 200, (url, first.text[:200])
        again = cached.get(url)
        assert again.content == first.content == fresh.get(url).content, url  # (gzip decoded)
        plain = cached.get(url, headers={"accept-encoding": "identity"})
        assert plain.content == first.content and "content-encoding" not in plain.headers, url
        assert again.headers["content-type"] == fresh.get(url).headers["content-type"]
    assert app.state.answers.hits >= len(URLS)

    def same_as_fresh() -> None:
        for url in URLS:
            assert cached.get(url).content == fresh.get(url).content, url

    before = cached.get("/api/quotes?limit=50").json()["total"]
    list(ledger.add(reports[2:]))  # another connection writes: new articles
    assert cached.get("/api/quotes?limit=50").json()["total"] > before
    same_as_fresh()
    hits = app.state.answers.hits
    assert {r.status for r in ledger.add(reports[:1])} == {"duplicate"}  # no write: still served
    cached.get("/api/quotes?limit=50")
    assert app.state.answers.hits == hits + 1
    # a re-analysis changes records only (and the article rows' pipeline columns)
    people = cached.get("/api/people?limit=50").json()
    stripped = reports[0].model_copy(update={"quotes": [], "entities": []})
    assert [r.status for r in reanalysis.replace(ledger, [stripped])] == ["added"]
    assert cached.get("/api/people?limit=50").json() != people
    same_as_fresh()


def test_a_ledger_without_a_generation_is_not_cached(ledger: Any, reports: list[Any], settings: Any) -> None:
    import sqlalchemy as sa

    list(ledger.add(reports[:1]))
    with ledger.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE ledger_generation CASCADE" if ledger.dialect == "postgresql"
                             else "DROP TABLE ledger_generation"))
    if ledger.dialect == "sqlite":  # its triggers name the table: drop them too, as an old ledger has none
        with ledger.engine.begin() as conn:
            for op in ("i", "u", "d"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS articles_generation_{op}")
    else:
        with ledger.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS articles_generation ON articles")
    client, app = _client(ledger, settings, 1 << 24)
    assert app.state.answers is None
    assert client.get("/api/quotes").status_code == 200
