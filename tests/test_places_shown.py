"""Place records' ``shown`` flag (issue 19: only what is at >= 0.9 estimated precision is shown
by default), in the layer, the ledger (migration 14), the place queries, the CLI and the API."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from ledger_support import open_ledger
from newsledger.cli.main import app as cli_app
from newsledger.ledger import queries as lq
from newsledger.ledger import schema
from newsledger.models import PLACE_SHOWN_CONFIDENCE, Place
from newsledger.nlp.places.config import PlacesConfig
from server_support import client_for, shared_ledger, shared_reports

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(settings):
    return shared_ledger(settings)


@pytest.fixture(scope="module")
def demo_reports(settings):
    return shared_reports(settings)


def _split(ledger) -> tuple[dict[int, str], set[int], set[int]]:
    """Every canonical place (id -> name), those with a record shown by default, the others."""
    every = lq.places(ledger, lq.Filters(include_hidden=True), lq.Page(limit=5000)).items
    with ledger.engine.connect() as conn:
        P = schema.places
        shown = set(conn.execute(sa.select(P.c.canonical_id).distinct()
                                 .where(P.c.shown == sa.true(), P.c.canonical_id.is_not(None))).scalars())
    ids = {p.id: p.name for p in every}
    return ids, shown & set(ids), set(ids) - shown


# ------------------------------------------------------------------- the record and the layer


def test_the_flag_is_the_layers_threshold_on_the_resolved_places(demo_reports):
    places = [p for r in demo_reports for p in r.places]
    assert PlacesConfig().shown_confidence == PLACE_SHOWN_CONFIDENCE == 0.9
    assert any(p.shown for p in places) and any(p.resolved and not p.shown for p in places)
    for p in places:
        assert p.shown == (p.resolved and p.confidence >= PlacesConfig().shown_confidence), p


def test_a_record_stored_without_the_flag_gets_it_from_its_confidence():
    base = {"article_id": "a", "id": "place-1", "name": "Kharkiv", "mentions": [], "resolved": True}
    assert Place.model_validate({**base, "confidence": 0.95}).shown is True
    assert Place.model_validate({**base, "confidence": 0.6}).shown is False
    assert Place.model_validate({**base, "resolved": False, "confidence": 0.0}).shown is False
    # a stored flag is kept as the layer set it (from a configured threshold)
    assert Place.model_validate({**base, "confidence": 0.6, "shown": True}).shown is True
    assert Place.model_validate_json(Place(**base, confidence=0.95, shown=False).model_dump_json()).shown is False


# ------------------------------------------------------------------- the queries, CLI and API


def test_a_place_below_the_threshold_is_listed_only_with_include_hidden(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        ids, shown, hidden = _split(ledger)
        assert shown and hidden
        default = lq.places(ledger, page=lq.Page(limit=5000))
        assert {p.id for p in default.items} == shown and default.total == len(shown)
        every = lq.places(ledger, lq.Filters(include_hidden=True), lq.Page(limit=5000))
        assert {p.id for p in every.items} == shown | hidden and every.total > default.total
        # a place's page: only with include_hidden for a hidden place
        pid = min(hidden)
        assert lq.place(ledger, pid) is None
        page = lq.place(ledger, pid, lq.Filters(include_hidden=True))
        assert page is not None and page.name == ids[pid] and page.articles
        assert lq.place(ledger, min(shown)) is not None
        # the map and the GeoJSON export
        on_map = {f.properties["id"] for f in lq.geojson(ledger).features if f.properties["kind"] == "place"}
        on_map_all = {f.properties["id"] for f in lq.geojson(ledger, lq.Filters(include_hidden=True)).features
                      if f.properties["kind"] == "place"}
        assert on_map <= shown and not on_map & hidden and on_map_all & hidden
        from newsledger.ledger import export as ex

        exported = {f["properties"]["id"] for f in ex.geojson(ledger)["features"] if f["properties"]["kind"] == "place"}
        assert exported == on_map
        exported_all = {f["properties"]["id"] for f in ex.geojson(ledger, include_hidden=True)["features"]
                        if f["properties"]["kind"] == "place"}
        assert exported_all == on_map_all


def test_mentions_are_counted_in_the_shown_records_by_default(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger, ledger.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT canonical_id, shown, n_mentions FROM places "
                                    "WHERE canonical_id IS NOT NULL")).all()
        default = {p.id: p.mentions for p in lq.places(ledger, page=lq.Page(limit=5000)).items}
        every = {p.id: p.mentions for p in lq.places(ledger, lq.Filters(include_hidden=True), lq.Page(limit=5000)).items}
    want_default: dict[int, int] = {}
    want_every: dict[int, int] = {}
    for cid, shown, n in rows:
        want_every[cid] = want_every.get(cid, 0) + n
        if shown:
            want_default[cid] = want_default.get(cid, 0) + n
    assert default == want_default and every == want_every


def test_the_api_and_the_cli_list_hidden_places_only_when_asked(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        _, shown, hidden = _split(ledger)
    pid = min(hidden)
    with client_for(demo) as client:
        listed = client.get("/api/places", params={"limit": 200}).json()
        listed_all = client.get("/api/places", params={"limit": 200, "include_hidden": "true"}).json()
        assert listed["total"] == len(shown) and listed_all["total"] == len(shown | hidden)
        assert set(p["id"] for p in listed["items"]) <= shown
        assert pid not in {p["id"] for p in listed["items"]}
        if len(shown | hidden) <= 200:  # the whole list on one page
            assert {p["id"] for p in listed_all["items"]} == shown | hidden
        assert client.get(f"/api/places/{pid}").status_code == 404
        detail = client.get(f"/api/places/{pid}", params={"include_hidden": "true"})
        assert detail.status_code == 200 and detail.json()["id"] == pid
        gj = client.get("/api/geojson").json()["features"]
        gj_all = client.get("/api/geojson", params={"include_hidden": "true"}).json()["features"]
        assert pid not in {f["properties"]["id"] for f in gj if f["properties"]["kind"] == "place"}
        assert {f["properties"]["id"] for f in gj_all if f["properties"]["kind"] == "place"} & hidden
    runner = CliRunner()
    out = runner.invoke(cli_app, ["ledger-places", "-f", "json", "-n", "5000", "--db", demo.database_url])
    out_all = runner.invoke(cli_app, ["ledger-places", "--all-places", "-f", "json", "-n", "5000",
                                      "--db", demo.database_url])
    assert out.exit_code == 0 and out_all.exit_code == 0, out.output + out_all.output
    assert {p["id"] for p in json.loads(out.stdout)} == shown
    assert {p["id"] for p in json.loads(out_all.stdout)} == shown | hidden


def test_the_article_page_lists_every_place_with_its_flag(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger, ledger.engine.connect() as conn:
        aid = conn.execute(sa.text("SELECT article_id FROM places WHERE shown = 0 AND resolved = 1 LIMIT 1")).scalar_one()
        page = lq.article(ledger, aid)
    assert page is not None
    assert any(p["shown"] is False and p["resolved"] for p in page.places)


# ------------------------------------------------------------------- storage and migration 14


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger(request, tmp_path):
    yield from open_ledger(request.param, tmp_path)


def test_place_flags_are_stored_and_read_back_on_both_stores(ledger, demo_reports):
    list(ledger.add(demo_reports))
    want = {(r.article.id, p.id): p.shown for r in demo_reports for p in r.places}
    with ledger.engine.connect() as conn:
        got = {(r.article_id, r.id): bool(r.shown) for r in conn.execute(sa.text("SELECT article_id, id, shown FROM places"))}
    assert want and got == want
    back = {(r.article.id, p.id): p.shown for r in lq.iter_reports(ledger) for p in r.places}
    assert back == want


def test_migration_14_upgrades_a_ledger_of_migration_13(ledger, demo_reports):
    """A ledger of the release before: no ``places.shown`` column, and records stored without
    the flag; step 14 adds the column and sets it from each record's resolution and confidence."""
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import applied

    list(ledger.add(demo_reports))
    url = ledger.url
    with ledger.engine.begin() as conn:
        P = schema.places
        for aid, rid, data in conn.execute(sa.select(P.c.article_id, P.c.id, P.c.data)).all():
            assert "shown" in data
            conn.execute(P.update().where(P.c.article_id == aid, P.c.id == rid)
                         .values(data={k: v for k, v in data.items() if k != "shown"}))
        conn.exec_driver_sql("ALTER TABLE places DROP COLUMN shown")
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ALTER TABLE stage_places DROP COLUMN shown")
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version = 14")
    ledger.engine.dispose()
    want = {(r.article.id, p.id): p.resolved and p.confidence >= 0.9 for r in demo_reports for p in r.places}
    assert any(want.values()) and not all(want.values())
    with Ledger(url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert 14 in applied(conn)
            got = {(r.article_id, r.id): bool(r.shown) for r in conn.execute(sa.text("SELECT article_id, id, shown FROM places"))}
        if upgraded.engine.dialect.name == "postgresql":
            assert "shown" in {c["name"] for c in sa.inspect(upgraded.engine).get_columns("stage_places")}
        assert got == want
        back = {(r.article.id, p.id): p.shown for r in lq.iter_reports(upgraded) for p in r.places}
        assert back == want
        _, shown, hidden = _split(upgraded)
        assert shown and hidden
        assert {p.id for p in lq.places(upgraded, page=lq.Page(limit=5000)).items} == shown
