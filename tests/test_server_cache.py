"""The desk's answers are kept until the ledger is written to (server.cache, migration 9):
the same bytes as computed afresh, on SQLite and PostgreSQL, whichever connection (or
process) writes. In strict mode (``answer_stale_s = 0``) no answer is served after a write;
with a staleness bound the answer from before the write is served, within the bound, while
one recomputation runs in the background, and the recomputed answer is served after it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from ledger_support import TEXTS, WIRE_COPY, analyse, open_ledger
from newsledger.server.cache import COMPUTED, HIT, STALE

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


def _client(ledger: Any, settings: Any, cache_bytes: int, stale_s: float = 0.0) -> tuple[TestClient, Any]:
    from newsledger.ledger.engine import make_engine
    from newsledger.server import create_app

    engine = make_engine(ledger.url)
    app = create_app(settings.replace(db_url=ledger.url), engine=engine, answer_cache_bytes=cache_bytes,
                     answer_stale_s=stale_s)
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


def test_answers_are_the_computed_ones_and_in_strict_mode_never_outlive_a_write(
        ledger: Any, reports: list[Any], settings: Any) -> None:
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
    after = cached.get("/api/quotes?limit=50")
    assert after.json()["total"] > before and after.headers["cache-status"] == COMPUTED
    assert cached.get("/api/quotes?limit=50").headers["cache-status"] == HIT
    assert "cache-status" not in fresh.get("/api/quotes?limit=50").headers  # no cache, no status
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


def test_stale_while_revalidate_within_the_bound() -> None:
    """After a write, the answer from before it is served at once while one recomputation runs
    in the background; the next request gets the recomputed answer. Past the bound (counted
    from the first request that saw the write) the request computes the answer itself."""
    import threading

    from newsledger.server.cache import AnswerCache

    now = [100.0]
    c = AnswerCache(stale_s=10, clock=lambda: now[0])
    c.put("a", 1, b"old")
    release = threading.Event()
    refreshed: list[int] = []

    def refresh() -> tuple[int | None, bytes]:
        refreshed.append(1)
        release.wait(10)
        return 2, b"new"

    def computed() -> bytes:
        return b"computed"

    assert [c.answer("a", 2, computed, refresh).body for _ in range(5)] == [b"old"] * 5
    release.set()
    c.wait_refreshes(10)
    assert refreshed == [1], "one recomputation for the five requests"
    assert c.answer("a", 2, computed, refresh).body == b"new" and c.stale_hits == 5
    c.put("b", 2, b"old-b")
    assert c.get("b", 3) is None  # the server sees generation 3 at t = 100
    now[0] = 110.5  # 10.5 s later: past the bound
    assert c.answer("b", 3, computed, refresh).body == b"computed" and refreshed == [1]
    assert c.answer("a", 3, computed, refresh).body == b"computed" and refreshed == [1]  # nor "a"
    c.close()


def test_strict_mode_never_serves_an_older_generation() -> None:
    from newsledger.server.cache import AnswerCache

    c = AnswerCache(stale_s=0)
    c.put("a", 1, b"old")
    assert c.answer("a", 2, lambda: b"computed", lambda: (2, b"new")).body == b"computed"
    assert c.stale_hits == 0


def test_cheap_answers_are_recomputed_by_the_request() -> None:
    """An answer that cost under REVALIDATE_MIN_COST_S is not served stale: the request that
    finds it older than the write computes it, and nothing is queued in the background."""
    from newsledger.server.cache import REVALIDATE_MIN_COST_S, AnswerCache

    c = AnswerCache(stale_s=3600)
    c.put("cheap", 1, b"old", cost_s=REVALIDATE_MIN_COST_S / 2)
    c.put("costly", 1, b"old", cost_s=REVALIDATE_MIN_COST_S * 2)
    assert c.answer("cheap", 2, lambda: b"computed", lambda: (2, b"new")).body == b"computed"
    assert c.answer("costly", 2, lambda: b"computed", lambda: (2, b"new")).body == b"old"
    c.wait_refreshes(10)
    assert c.stale_hits == 1 and c.get("costly", 2) is not None
    c.close()


def test_a_write_is_served_after_its_recomputation_within_the_bound(ledger: Any, reports: list[Any],
                                                                    settings: Any,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """What a staleness bound guarantees, on both stores: the first request after a write may
    get the answer from before it; once the recomputation it started is done, every answer is
    the one computed afresh. (Every answer of this small ledger is cheap: the cost threshold is
    set to 0 so that each is served stale once.)"""
    from newsledger.server import cache

    monkeypatch.setattr(cache, "REVALIDATE_MIN_COST_S", 0.0)
    list(ledger.add(reports[:2]))
    cached, app = _client(ledger, settings, 1 << 24, stale_s=3600)
    fresh, _ = _client(ledger, settings, 0)
    before = {url: cached.get(url).content for url in URLS}
    list(ledger.add(reports[2:]))  # another connection writes
    url = "/api/quotes?limit=50"
    stale = cached.get(url)
    assert stale.content == before[url]  # served stale, recomputation started
    assert app.state.answers.stale_hits == 1 and stale.headers["cache-status"] == STALE
    app.state.answers.wait_refreshes(60)
    again = cached.get(url)
    assert again.content == fresh.get(url).content != before[url] and again.headers["cache-status"] == HIT
    for u in URLS:  # each: stale once at most, then the recomputed answer
        cached.get(u)
        app.state.answers.wait_refreshes(60)
        assert cached.get(u).content == fresh.get(u).content, u
    app.state.answers.close()


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


def test_a_recomputation_overtaken_by_a_write_still_brings_the_answer_closer() -> None:
    """Writes every 2 s and a recomputation that takes longer: its answer (of a generation
    already superseded) replaces the older one kept, and is served stale, within the bound
    counted from the first generation after its own; in strict mode it is not kept."""
    from newsledger.server.cache import AnswerCache

    now = [0.0]
    c = AnswerCache(stale_s=10, clock=lambda: now[0])
    c.put("e", 1, b"gen-1")
    now[0] = 1.0
    assert c.get("e", 2) is None  # generation 2 seen at t = 1
    now[0] = 3.0
    assert c.get("e", 3) is None  # generation 3 seen at t = 3
    c.put("e", 2, b"gen-2")  # the recomputation started at 2 ends after 3 was seen
    now[0] = 12.5  # 11.5 s after generation 2 was seen (gen-1's bound is over), 9.5 s after 3
    assert c.answer("e", 3, lambda: b"computed", lambda: (3, b"gen-3")).body == b"gen-2"
    c.wait_refreshes(10)
    fresh = c.get("e", 3)
    assert fresh is not None and fresh.body == b"gen-3"  # the refresh's answer, of generation 3
    c.put("e", 1, b"gen-1")  # older than the one kept: ignored
    assert c.answer("e", 3, lambda: b"computed").body == b"gen-3"
    c.close()
    strict = AnswerCache(stale_s=0)
    strict.put("e", 1, b"gen-1")
    assert strict.get("e", 2) is None
    strict.put("e", 1, b"gen-1")
    assert len(strict) == 0


def test_an_answers_cost_counts_the_time_it_waits_on_the_database(ledger: Any) -> None:
    """On PostgreSQL the work of a query is the server's, not the request thread's CPU: an
    answer that waits 0.1 s on the database costs 0.1 s and is worth serving stale after a
    write (counting CPU alone, a search that waited seconds there was never served stale).
    On SQLite the statement's work is the thread's own CPU, counted as such."""
    from newsledger.server.cache import REVALIDATE_MIN_COST_S, _Cost, track_database_time

    engine = ledger.engine
    track_database_time(engine)
    track_database_time(engine)  # once per engine, however often it is asked
    wait = ("SELECT pg_sleep(0.1)" if ledger.dialect == "postgresql" else
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT count(*) FROM n")
    with engine.connect() as conn:
        cost = _Cost()
        cpu = time.thread_time()
        conn.execute(sa.text(wait)).all()
        spent, cpu = cost.seconds(), time.thread_time() - cpu
    assert spent >= REVALIDATE_MIN_COST_S
    if ledger.dialect == "postgresql":
        assert spent >= 0.1 > cpu  # waited on the server, not on this thread's CPU


def test_the_desks_first_screens_are_answered_from_the_cache_at_once(ledger: Any, reports: list[Any],
                                                                      settings: Any) -> None:
    """The server computes the warmed URLs (setting ``warm_urls``: the desk's first screens)
    when it starts, before it serves: each is then answered from the cache, computed once."""
    from newsledger.ledger.engine import make_engine
    from newsledger.server import create_app

    list(ledger.add(reports))
    urls = settings.warm_urls
    assert "/api/experts?limit=50" in urls and "/api/geojson" in urls
    app = create_app(settings.replace(db_url=ledger.url), engine=make_engine(ledger.url), answer_stale_s=10.0)
    with TestClient(app) as client:  # the lifespan runs: the app starts as `newsledger serve` starts it
        assert app.state.warmed == {url: 200 for url in urls}
        for url in urls:
            r = client.get(url)
            assert r.status_code == 200 and r.headers["cache-status"] == HIT, url
        r = client.get("/api/experts?limit=49")  # not warmed: its first request computes it
        assert r.headers["cache-status"] == COMPUTED
    cold = create_app(settings.replace(db_url=ledger.url), engine=make_engine(ledger.url), warm_urls=[])
    with TestClient(cold) as client:
        assert cold.state.warmed == {}
        assert client.get("/api/experts?limit=50").headers["cache-status"] == COMPUTED
