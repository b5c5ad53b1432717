"""The desk's JSON API against a real SQLite ledger of the demo articles (real pipeline)."""

from __future__ import annotations

import pytest

from newsledger.server.filters import MAX_OFFSET, MAX_PAGE_SIZE
from server_support import SCRIPT_QUOTE, client_for, shared_ledger

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(settings):
    with client_for(shared_ledger(settings)) as c:
        yield c


def items(client, path: str, **params) -> list[dict]:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def place_id(client, name: str) -> int:
    found = [p for p in items(client, "/api/places", place=name, limit=MAX_PAGE_SIZE) if p["name"] == name]
    assert found, f"{name} is not in the ledger"
    return found[0]["id"]


def person_id(client, name: str) -> int:
    found = [p for p in items(client, "/api/people", person=name) if p["name"] == name]
    assert found, f"{name} is not in the ledger"
    return found[0]["id"]


def test_stats_count_the_demo_ledger(client):
    st = client.get("/api/stats").json()
    assert st["articles"] >= 5
    assert st["quotes"] > 0 and st["places"] > 0 and st["events"] > 0 and st["claims"] > 0
    # the places shown by default are those the places list gives (issue 19), fewer than all
    assert st["places_shown"] == client.get("/api/places", params={"limit": 1}).json()["total"] < st["places"]
    assert st["first_published"] <= st["last_published"]


def test_pages_do_not_overlap_and_total_is_stable(client):
    full = client.get("/api/quotes", params={"limit": MAX_PAGE_SIZE}).json()
    assert full["total"] == len(full["items"]) >= 4
    first = client.get("/api/quotes", params={"limit": 2}).json()
    second = client.get("/api/quotes", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == full["total"]
    ids = [(q["article_id"], q["id"]) for q in first["items"] + second["items"]]
    assert len(set(ids)) == 4
    assert ids == [(q["article_id"], q["id"]) for q in full["items"][:4]]


@pytest.mark.parametrize("params", [
    {"limit": MAX_PAGE_SIZE + 1}, {"limit": 0}, {"offset": MAX_OFFSET + 1}, {"offset": -1},
    {"since": "2024-13"}, {"until": "2024-02-30"}, {"since": "yesterday"}, {"person": "x" * 500},
])
def test_out_of_bounds_parameters_are_refused(client, params):
    r = client.get("/api/quotes", params=params)
    assert r.status_code == 422
    assert "detail" in r.json()


def test_every_span_in_an_article_points_at_its_text(client):
    for a in items(client, "/api/articles", limit=MAX_PAGE_SIZE):
        doc = client.get(f"/api/articles/{a['id']}").json()
        text = doc["article"]["text"]
        spans = [m["span"] for e in doc["entities"] for m in e["mentions"]]
        spans += [c for q in doc["quotes"] for c in q["content"]]
        spans += [x["span"] for x in doc["quantities"]] + [m["span"] for p in doc["places"] for m in p["mentions"]]
        spans += [e["trigger"] for e in doc["events"]]
        assert spans
        for sp in spans:
            assert text[sp["start"]:sp["end"]] == sp["text"]


def test_unknown_article_and_bad_ids(client):
    assert client.get("/api/articles/0000").status_code == 404
    assert client.get("/api/articles/..%2f..%2fetc").status_code in (404, 422)
    assert client.get("/api/people/999999").status_code == 404
    assert client.get("/api/places/0").status_code == 422


def test_quotes_by_person(client):
    pid = person_id(client, "Olena Marchenko")
    by_id = items(client, "/api/quotes", person_id=pid)
    by_name = items(client, "/api/quotes", person="marchenko")
    assert by_id and {q["canonical_id"] for q in by_id} == {pid}
    assert {(q["article_id"], q["id"]) for q in by_id} <= {(q["article_id"], q["id"]) for q in by_name}


def test_quotes_about_a_place_name_it(client):
    pid = place_id(client, "Pokrovsk")
    quotes = items(client, "/api/quotes", place_id=pid)
    assert quotes
    assert all("pokrovsk" in q["text"].casefold() for q in quotes)


def test_date_range_and_source_filters(client):
    every = items(client, "/api/articles", limit=MAX_PAGE_SIZE)
    dates = sorted(a["published"][:10] for a in every)
    lo, hi = dates[1], dates[-2]
    inside = items(client, "/api/articles", since=lo, until=hi, limit=MAX_PAGE_SIZE)
    assert inside and all(lo <= a["published"][:10] <= hi for a in inside)
    assert len(inside) < len(every)
    publisher = every[0]["publisher"]
    same = items(client, "/api/quotes", source=publisher, limit=MAX_PAGE_SIZE)
    assert same and all(q["publisher"] == publisher for q in same)


def test_events_filter_by_type_and_place(client):
    types = client.get("/api/event-types").json()
    assert types
    kind = types[0]["type"]
    evs = items(client, "/api/events", event_type=kind, limit=MAX_PAGE_SIZE)
    assert len(evs) == types[0]["n"] and all(e["plover_type"] == kind for e in evs)
    pid = place_id(client, "Kramatorsk")
    here = items(client, "/api/events", place_id=pid)
    assert here and all(e["canonical_place_id"] == pid for e in here)


def test_person_page_has_roles_and_quotes_over_time(client):
    pid = person_id(client, "Olena Marchenko")
    p = client.get(f"/api/people/{pid}").json()
    assert p["name"] == "Olena Marchenko" and p["quotes"]
    dates = [a["published"] for a in p["appearances"]]
    assert dates == sorted(dates)
    assert all(q["canonical_id"] == pid for q in p["quotes"])


def test_organisations_list(client):
    orgs = items(client, "/api/organisations", limit=MAX_PAGE_SIZE)
    assert orgs and all(o["label"] == "ORG" for o in orgs)


def test_place_detail_lists_quotes_events_and_claims(client):
    pid = place_id(client, "Pokrovsk")
    p = client.get(f"/api/places/{pid}").json()
    assert p["geonameid"] and abs(p["lat"] - 48.28) < 0.1 and abs(p["lon"] - 37.18) < 0.1
    assert p["quotes"] and p["articles"]
    assert p["claims"] and all(c["canonical_place_id"] == pid for c in p["claims"])
    # its events are the events list's (the map's panel asks /api/events and /api/event-counts
    # with place_id): the page computes none that no client reads
    assert not {"events", "n_events", "event_weeks"} & set(p)
    assert items(client, "/api/events", place_id=pid, include_hidden="true")


def test_claim_timeline_for_pokrovsk_has_two_sources_and_two_figures(client):
    series = items(client, "/api/claim-series", place="Pokrovsk", limit=MAX_PAGE_SIZE)
    distance = [s for s in series if s["relation"] == "distance to" and s["object"] == "Pokrovsk"]
    assert distance and distance[0]["n_sources"] >= 2
    points = items(client, "/api/claims", key=distance[0]["key"])
    assert {p["value"] for p in points} >= {10.0, 8.0}
    assert len({p["source"] for p in points}) >= 2
    assert [p["date"] or p["published"] for p in points] == sorted(p["date"] or p["published"] for p in points)


def test_geojson_of_places_and_events(client):
    r = client.get("/api/geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in fc["features"]}
    assert kinds == {"place", "event"}
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    pokrovsk = [f for f in fc["features"] if f["properties"]["kind"] == "place" and f["properties"]["name"] == "Pokrovsk"]
    assert pokrovsk and pokrovsk[0]["properties"]["mentions"] >= 2


def test_search_finds_articles_and_quotes(client):
    res = client.get("/api/search", params={"q": "evacuation"}).json()
    assert res["articles"]["items"] and res["quotes"]["items"]
    assert res["hits"] and all("«" in h["snippet"] for h in res["hits"])
    # word forms match (Porter stemming): "evacuation", "evacuate", "evacuations"
    assert all("evacuat" in q["text"].casefold() for q in res["quotes"]["items"])


@pytest.mark.parametrize("value", ["' OR 1=1 --", "x\") UNION SELECT text FROM articles --", "%", "_", "\\"])
def test_injection_attempts_match_literally(client, value):
    for path in ("/api/quotes", "/api/articles", "/api/people", "/api/places", "/api/claims"):
        r = client.get(path, params={"person": value, "place": value, "q": value, "source": value})
        assert r.status_code == 200, (path, r.text)
        assert r.json()["items"] == []
    assert client.get("/api/search", params={"q": value}).status_code == 200


def test_markup_in_a_quote_comes_back_as_data(client):
    quotes = items(client, "/api/quotes", q="nl_pwned", include_hidden="true")
    assert quotes and SCRIPT_QUOTE in quotes[0]["text"]
    assert client.get("/api/quotes", params={"q": "nl_pwned", "include_hidden": "true"}
                      ).headers["content-type"] == "application/json"


def test_openapi_document_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/people", "/api/organisations",
                 "/api/places", "/api/events", "/api/claims", "/api/search", "/api/geojson"):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_basemap_is_natural_earth_outlines(client):
    bm = client.get("/api/basemap").json()
    assert len(bm["countries"]) > 200
    ukraine = [c for c in bm["countries"] if c["iso3"] == "UKR"]
    assert ukraine and ukraine[0]["d"].startswith("M")


def test_expert_directory(client):
    rows = items(client, "/api/experts", include_hidden="true")  # every quote: the demo's are mostly reported
    hart = [r for r in rows if r["name"] == "Samuel Hart"]
    assert hart and hart[0]["quotes"] >= 2 and "Pokrovsk" in hart[0]["topics"]
    assert any("Centre for Eastern Security Studies" in a for a in hart[0]["affiliations"])
    assert [r["quotes"] for r in rows] == sorted((r["quotes"] for r in rows), reverse=True)
    assert hart[0]["label"] == "PERSON"
    isw = [r for r in rows if r["name"] == "Institute for the Study of War"]
    assert isw and isw[0]["label"] == "ORG"
    assert client.get(f"/api/organisations/{isw[0]['id']}").status_code == 200
