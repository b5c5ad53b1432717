"""The desk's API answers the same on PostgreSQL as on SQLite, over the same reports.

Runs when a test PostgreSQL is configured (``NEWSLEDGER_TEST_PG_URL``, or the URL that
``scripts/ci-services.sh`` writes); skipped otherwise.
The demo articles go through the pipeline into a PostgreSQL schema of this process's own.
"""

from __future__ import annotations

import os

import pytest

from ledger_support import _pg_exec, pg_url
from server_support import build_ledger, client_for, shared_ledger

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ENDPOINTS = [
    "/api/stats",
    "/api/articles?limit=200",
    "/api/articles?since=2024-08-20&until=2024-08-27",
    "/api/quotes?limit=200",
    "/api/quotes?person=marchenko",
    "/api/quotes?org=institute",
    "/api/quotes?q=evacuation&source=monitor",
    "/api/people?limit=200",
    "/api/organisations?limit=200",
    "/api/places?limit=200",
    "/api/places?since=2024-08-27",
    "/api/events?limit=200",
    "/api/event-types",
    "/api/claims?limit=200&place=Pokrovsk",
    "/api/claim-series?limit=200",
    "/api/geojson",
]


def _keys(body):
    """What must match: totals and the set of record keys (ids differ only for canonical rows)."""
    if isinstance(body, list):
        return sorted(str(sorted(x.items())) for x in body)
    if "features" in body:
        return sorted((f["properties"]["kind"], f["properties"].get("name") or f["properties"].get("trigger"))
                      for f in body["features"])
    if "items" in body:
        return body["total"], sorted(
            (it.get("article_id") or it.get("id") if "article_id" in it else it.get("name"), it.get("id"))
            if "article_id" in it else (it.get("name") or it.get("key"),) for it in body["items"])
    return body


@pytest.fixture(scope="module")
def clients(settings, tmp_path_factory):
    url = pg_url()
    if not url:
        pytest.skip("NEWSLEDGER_TEST_PG_URL is unset: PostgreSQL tests skipped")
    lite = shared_ledger(settings)
    schema = f"nl_desk_{os.getpid()}"
    _pg_exec(url, f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")
    pg = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    try:
        build_ledger(tmp_path_factory.mktemp("desk-pg") / "unused.sqlite", settings, url=pg)
        with client_for(lite) as a, client_for(lite.replace(db_url=pg)) as b:
            yield a, b
    finally:
        _pg_exec(url, f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.mark.parametrize("path", ENDPOINTS)
def test_same_answers_on_postgres(clients, path):
    lite, pg = clients
    a, b = lite.get(path), pg.get(path)
    assert a.status_code == b.status_code == 200, b.text
    assert _keys(a.json()) == _keys(b.json())


def test_search_and_details_on_postgres(clients):
    _, pg = clients
    hits = pg.get("/api/search", params={"q": "evacuation"}).json()
    assert hits["hits"] and hits["quotes"]["items"]
    place = [p for p in pg.get("/api/places", params={"place": "Pokrovsk"}).json()["items"] if p["name"] == "Pokrovsk"]
    detail = pg.get(f"/api/places/{place[0]['id']}").json()
    assert detail["quotes"] and detail["claims"]
    article = pg.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    assert pg.get(f"/api/articles/{article}").json()["quotes"]
