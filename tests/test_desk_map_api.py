"""Issue 23, the map's and the timeline's queries over the demo ledger: the event filters
(ACLED sub-type, actor, lowest confidence) narrow events, places and the map alike; the ACLED
CSV of a filtered view is the same selection as /api/events; a place's events by type and week
and the quotes per week count every matching record."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from newsledger.errors import QueryError
from newsledger.ledger import queries as lq
from newsledger.ledger.acled import acled_rows
from server_support import client_for, shared_ledger

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(settings):
    with client_for(shared_ledger(settings)) as c:
        yield c


def _ok(client, path: str, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _events(client, **params) -> list[dict]:
    return _ok(client, "/api/events", limit=200, **params)["items"]


@pytest.mark.parametrize(("param", "value", "holds"), [
    ("sub_event_type", "Armed clash", lambda e: e["acled_sub_event_type"] == "Armed clash"),
    ("actor", "ARTILLERY", lambda e: "artillery" in ((e["source_actor"] or "") + (e["target_actor"] or "")).lower()),
    ("min_confidence", 0.87, lambda e: e["confidence"] >= 0.87),
])
def test_an_event_filter_keeps_exactly_the_events_it_names(client, param, value, holds):
    every = _events(client, include_hidden=True)
    kept = _events(client, include_hidden=True, **{param: value})
    assert 0 < len(kept) < len(every)
    assert all(holds(e) for e in kept)
    assert [e["id"] for e in every if holds(e)] == [e["id"] for e in kept]


def test_places_and_the_map_keep_the_places_of_the_filtered_events(client):
    strikes = _events(client, actor="artillery")
    where = {e["canonical_place_id"] for e in strikes if e["canonical_place_id"] is not None}
    assert where
    places = _ok(client, "/api/places", actor="artillery", limit=200)["items"]
    assert {p["id"] for p in places} == where
    for p in places:  # each place counts the filtered events only
        assert p["n_events"] == sum(e["canonical_place_id"] == p["id"] for e in strikes)
    gj = _ok(client, "/api/geojson", actor="artillery")
    assert {f["properties"]["id"] for f in gj["features"] if f["properties"]["kind"] == "place"} <= where
    located = [f for f in gj["features"] if f["properties"]["kind"] == "event"]
    assert sorted(f["properties"]["id"] for f in located) == sorted(e["id"] for e in strikes if e["lat"] is not None)


def test_the_acled_export_of_a_view_is_the_events_of_that_view(client, settings):
    r = client.get("/api/export/acled.csv", params={"event_type": "Explosions/Remote violence"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    events = _events(client, event_type="Explosions/Remote violence")
    assert rows and [(x["article_id"], x["event_id"]) for x in rows] == [(e["article_id"], e["id"]) for e in events]
    # the CLI's export and the API's are one code path: every shown event with an ACLED type
    from newsledger.ledger import Ledger

    ledger = Ledger(shared_ledger(settings).database_url)
    try:
        every = list(acled_rows(ledger))
    finally:
        ledger.close()
    api_every = list(csv.DictReader(io.StringIO(client.get("/api/export/acled.csv").text)))
    assert [x["event_id"] for x in api_every] == [x["event_id"] for x in every]
    assert len(every) == len([e for e in _events(client) if e["acled_event_type"]])


def test_a_place_counts_its_events_by_acled_type_and_week(client):
    """As the map's panel asks: the place's events and their counts by type and week come from
    the events list and the event counts with ``place_id`` (the place page computes none)."""
    pid = _ok(client, "/api/places", place="Kramatorsk")["items"][0]["id"]
    weeks = _ok(client, "/api/event-counts", place_id=pid, bucket="week", by="acled")["items"]
    assert weeks
    every = _events(client, place_id=pid)
    assert sum(w["n"] for w in weeks) == len(every) == _ok(client, "/api/events", place_id=pid, limit=1)["total"]
    assert Counter(e["acled_event_type"] or e["plover_type"] for e in every) == Counter(
        {t: sum(w["n"] for w in weeks if w["type"] == t) for t in {w["type"] for w in weeks}})
    assert all(w["period"].startswith("2024-W") for w in weeks)


def test_quotes_per_week_count_every_matching_quote(client):
    counts = _ok(client, "/api/quote-counts")["items"]
    total = _ok(client, "/api/quotes", limit=1)["total"]
    assert sum(c["n"] for c in counts) == total
    by_person = _ok(client, "/api/quote-counts", person="Marchenko")["items"]
    assert 0 < sum(c["n"] for c in by_person) == _ok(client, "/api/quotes", person="Marchenko", limit=1)["total"] < total


def test_acled_types_list_the_map_s_choices(client):
    types = _ok(client, "/api/acled-types")
    assert {"type": "Explosions/Remote violence", "sub_type": "Shelling/artillery/missile attack"} in [
        {k: t[k] for k in ("type", "sub_type")} for t in types]
    assert sum(t["n"] for t in types) == len([e for e in _events(client) if e["acled_event_type"]])


@pytest.mark.parametrize(("params", "says"), [
    ({"min_confidence": 1.5}, "min_confidence"),
    ({"min_confidence": "high"}, "min_confidence"),
    ({"since": "2024-13"}, "since"),
])
def test_a_bad_event_filter_is_refused_naming_it(client, params, says):
    r = client.get("/api/geojson", params=params)
    assert r.status_code == 422
    assert says in r.text


def test_the_query_layer_refuses_a_confidence_outside_0_to_1():
    with pytest.raises(QueryError, match="min_confidence"):
        lq.Filters(min_confidence=float("nan")).check()
