"""One query layer: the CLI and the API give the same rows, and every filter the API
documents either narrows its result or is refused. On a ledger of the demo articles, on
SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from typer.testing import CliRunner

from ledger_support import _pg_exec, pg_url
from newsledger.cli.main import app as cli_app
from server_support import build_ledger, client_for, shared_ledger

pytestmark = pytest.mark.slow

KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=KINDS)
def desk(request, settings, tmp_path_factory):
    """(settings of the demo ledger, a client of the desk over it)."""
    if request.param == "sqlite":
        s = shared_ledger(settings)
        with client_for(s) as client:
            yield s, client
        return
    url = pg_url()
    if not url:
        pytest.skip("NEWSLEDGER_TEST_PG_URL is unset: PostgreSQL tests skipped")
    schema = f"nl_contract_{os.getpid()}"
    _pg_exec(url, f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")
    pg = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    try:
        s = build_ledger(tmp_path_factory.mktemp("contract-pg") / "unused.sqlite", settings, url=pg)
        with client_for(s) as client:
            yield s, client
    finally:
        _pg_exec(url, f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def cli(s, *args: str) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--db", s.database_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def api(client, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _quote_keys(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["article_id"], r["id"]) for r in rows]


# (CLI arguments, API path and parameters, what must be equal)
PARITY = [
    (["search", "evacuation"], ("/api/search", {"q": "evacuation"}),
     lambda rows: [(r["kind"], r["article_id"], r["record_id"]) for r in rows]),
    (["quotes", "-n", "200"], ("/api/quotes", {"limit": 200}), _quote_keys),
    (["quotes", "--by", "Marchenko"], ("/api/quotes", {"person": "Marchenko"}), _quote_keys),
    (["quotes", "--by", "MARCHENKO"], ("/api/quotes", {"person": "marchenko"}), _quote_keys),
    (["quotes", "--about", "Pokrovsk"], ("/api/quotes", {"place": "Pokrovsk"}), _quote_keys),
    # the demo's Institute quotes are reported speech, not shown by default (record confidence < 0.9)
    (["quotes", "--org", "Institute", "--all-quotes"], ("/api/quotes", {"org": "Institute", "include_hidden": True}),
     _quote_keys),
    (["quotes", "--all-quotes", "-n", "200"], ("/api/quotes", {"limit": 200, "include_hidden": True}), _quote_keys),
    (["quotes", "--since", "2024-08-27", "--until", "2024-08-28"],
     ("/api/quotes", {"since": "2024-08-27", "until": "2024-08-28"}), _quote_keys),
    (["quotes", "--outlet", "eastern front monitor"], ("/api/quotes", {"outlet": "Eastern Front Monitor"}),
     _quote_keys),
    (["quotes", "--language", "en", "-n", "200"], ("/api/quotes", {"language": "EN", "limit": 200}), _quote_keys),
    (["people", "--label", "PERSON", "-n", "200"], ("/api/people", {"limit": 200}),
     lambda rows: [r["id"] for r in rows]),
    (["people", "--label", "ORG", "-n", "200"], ("/api/organisations", {"limit": 200}),
     lambda rows: [r["id"] for r in rows]),
    (["people", "--label", "PERSON", "--name", "Marchenko"], ("/api/people", {"q": "Marchenko"}),
     lambda rows: [r["id"] for r in rows]),
    (["experts", "-n", "200"], ("/api/experts", {"limit": 200}), lambda rows: [(r["id"], r["name"]) for r in rows]),
    (["experts", "--name", "hart"], ("/api/experts", {"name": "Hart"}), lambda rows: [(r["id"], r["name"]) for r in rows]),
    (["ledger-places", "-n", "200"], ("/api/places", {"limit": 200}), lambda rows: [r["id"] for r in rows]),
    (["events", "-n", "200"], ("/api/events", {"limit": 200}), _quote_keys),  # shown by default
    (["events", "--all-events", "-n", "200"], ("/api/events", {"limit": 200, "include_hidden": True}), _quote_keys),
    (["claims", "--about", "Pokrovsk"], ("/api/claims", {"place": "Pokrovsk", "limit": 200}), _quote_keys),
    (["events", "--actor", "ARTILLERY"], ("/api/events", {"actor": "artillery"}), _quote_keys),
    (["events", "--sub-type", "Armed clash", "--min-confidence", "0.85"],
     ("/api/events", {"sub_event_type": "Armed clash", "min_confidence": 0.85}), _quote_keys),
]


@pytest.mark.parametrize(("args", "request_", "keys"), PARITY, ids=[" ".join(p[0]) for p in PARITY])
def test_cli_and_api_give_the_same_rows(desk, args, request_, keys):
    s, client = desk
    path, params = request_
    from_cli = cli(s, *args)
    body = api(client, path, **params)
    from_api = body["hits"] if path == "/api/search" else body["items"]
    assert keys(from_cli), (args, "the query must find something for the comparison to mean anything")
    assert keys(from_cli) == keys(from_api)
    if "items" in body and body["total"] <= 200:
        assert body["total"] == len(from_api)


def test_org_name_and_org_id_give_the_same_quotes(desk):
    _, client = desk
    orgs = api(client, "/api/organisations", limit=200)["items"]
    compared = 0
    for org in orgs:
        same_name = api(client, "/api/organisations", org=org["name"], limit=200)["items"]
        if [o["id"] for o in same_name] != [org["id"]]:
            continue  # the name is part of another organisation's name too: org= is their union
        by_name = api(client, "/api/quotes", org=org["name"], limit=200, include_hidden=True)
        by_id = api(client, "/api/quotes", org_id=org["id"], limit=200, include_hidden=True)
        assert _quote_keys(by_name["items"]) == _quote_keys(by_id["items"]), org["name"]
        compared += by_id["total"] > 0
    assert compared >= 1  # at least one organisation with quotes was compared


# ------------------------------------------------------------------- every documented filter

#: A value of each kind of parameter that matches nothing in the demo ledger.
NOTHING = {"integer": 2**62, "since": "9998-12-31", "until": "0001", "offset": 100_000}
NONSENSE_TEXT = "zzqx-nothing-matches"


def _body(r: Any) -> Any:
    """The JSON of a response, or a CSV export's data rows as a list."""
    if r.headers.get("content-type", "").startswith("text/csv"):
        import csv
        import io

        return list(csv.DictReader(io.StringIO(r.text)))
    return r.json()


def _rows(body: Any) -> int:
    if isinstance(body, list):
        return len(body)
    if "features" in body:
        return len(body["features"])
    if "hits" in body:
        return len(body["hits"]) + len(body["articles"]["items"]) + len(body["quotes"]["items"])
    if "items" in body:
        return len(body["items"])
    return sum(len(v) for v in (body.get(k) for k in ("quotes", "claims", "articles")) if isinstance(v, list))


def _documented(client) -> list[tuple[str, dict, list[dict]]]:
    spec = client.get("/api/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = op.get("parameters", [])
        out.append((path, op, [p for p in params if p["in"] == "query"]))
    return out


def _nothing(param: dict) -> Any:
    name, kind = param["name"], param.get("schema", {})
    types = {kind.get("type")} | {x.get("type") for x in kind.get("anyOf", [])}
    if name in NOTHING:
        return NOTHING[name]
    if "integer" in types:
        return NOTHING["integer"]
    return NONSENSE_TEXT


def test_every_documented_filter_narrows_or_is_refused(desk):
    _, client = desk
    pokrovsk = api(client, "/api/places", place="Pokrovsk")["items"][0]["id"]
    walked = 0
    for path, _op, params in _documented(client):
        if "{" in path and path != "/api/places/{canonical_id}":
            continue  # one record by id: no filters
        url = path.replace("{canonical_id}", str(pokrovsk))
        base_params = {"q": "Pokrovsk"} if path in ("/api/search", "/api/export/search.csv") else {}
        base = client.get(url, params=base_params)
        assert base.status_code == 200, (path, base.text)
        n_base = _rows(_body(base))
        for param in params:
            name = param["name"]
            if name == "limit":
                narrowed = client.get(url, params={**base_params, "limit": 1})
                lists = {"/api/search": 3, "/api/places/{canonical_id}": 3, "/api/geojson": 2}.get(path, 1)
                assert narrowed.status_code == 200 and _rows(_body(narrowed)) <= lists
                continue
            if not n_base:
                continue  # nothing to narrow (stats, basemap take no filter)
            value = _nothing(param)
            r = client.get(url, params={**base_params, name: value})
            walked += 1
            if 400 <= r.status_code < 500:
                continue
            assert r.status_code == 200, (path, name, r.text)
            assert _rows(_body(r)) == 0, f"{path}?{name}={value!r} matched nothing yet returned rows"
    assert walked >= 100


def test_the_new_outlet_and_language_filters_narrow(desk):
    _, client = desk
    every = api(client, "/api/articles", limit=200)["total"]
    outlet = api(client, "/api/articles", outlet="eastern front monitor", limit=200)
    assert 0 < outlet["total"] < every
    assert {a["publisher"] for a in outlet["items"]} == {"Eastern Front Monitor"}
    assert api(client, "/api/articles", outlet="Eastern Front", limit=200)["total"] == 0  # the whole name
    assert api(client, "/api/articles", language="en", limit=200)["total"] == every
    assert api(client, "/api/events", language="xx")["total"] == 0
    events = api(client, "/api/events", outlet="Eastern Front Monitor", limit=200)
    assert 0 < events["total"] < api(client, "/api/events")["total"]
