"""Issue 18 in the ledger: the events' coding stored (migration 5), events shown by default
only when ``Event.shown`` (CLI, API, GeoJSON), and ``export --format acled``. On the demo
ledger (real pipeline), SQLite and (when configured) PostgreSQL for the migration."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from ledger_support import open_ledger
from newsledger.cli.main import app as cli_app
from newsledger.errors import QueryError
from newsledger.ledger import acled
from newsledger.ledger import queries as lq
from server_support import client_for, shared_ledger, shared_reports

pytestmark = pytest.mark.slow

V5_EVENT_COLUMNS = ("shown", "acled_sub_event_type", "non_acled", "generic", "date_basis", "same_as", "salience")


@pytest.fixture(scope="module")
def demo(settings):
    return shared_ledger(settings)


@pytest.fixture(scope="module")
def demo_reports(settings):
    return shared_reports(settings)


def cli(s, *args: str) -> CliRunner:
    result = CliRunner().invoke(cli_app, [*args, "--db", s.database_url])
    assert result.exit_code == 0, result.output
    return result.output


# ------------------------------------------------------------------- storage and migration 5


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger(request, tmp_path):
    yield from open_ledger(request.param, tmp_path)


def test_the_demo_has_shown_and_hidden_events(demo_reports):
    events = [e for r in demo_reports for e in r.events]
    assert any(e.shown for e in events) and any(not e.shown for e in events)
    assert any(r.main_event_id for r in demo_reports)


def test_event_coding_and_main_event_round_trip(ledger, demo_reports):
    list(ledger.add(demo_reports))
    back = {r.article.id: r for r in lq.iter_reports(ledger)}
    for r in demo_reports:
        assert back[r.article.id].main_event_id == r.main_event_id
        assert {e.id: e for e in back[r.article.id].events} == {e.id: e for e in r.events}
    with ledger.engine.connect() as conn:
        rows = {(x.article_id, x.id): x for x in conn.execute(sa.select(*(
            sa.column(c) for c in ("article_id", "id", *V5_EVENT_COLUMNS))).select_from(sa.table("events")))}
    for r in demo_reports:
        for e in r.events:
            row = rows[(r.article.id, e.id)]
            assert (bool(row.shown), row.acled_sub_event_type, row.non_acled, bool(row.generic), row.date_basis,
                    row.same_as) == (e.shown, e.acled_sub_event_type, e.non_acled, e.generic, e.date_basis, e.same_as)


def test_migration_5_upgrades_a_ledger_of_migration_4(ledger, demo_reports):
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import applied

    list(ledger.add(demo_reports))
    url = ledger.url
    with ledger.engine.begin() as conn:  # make it a ledger of the release before
        conn.exec_driver_sql("DROP INDEX ix_events_shown")
        for col in V5_EVENT_COLUMNS:
            conn.exec_driver_sql(f"ALTER TABLE events DROP COLUMN {col}")
        conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN main_event_id")
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version = 5")
    with ledger.engine.connect() as conn:  # later steps may follow 5: only 5 is taken back
        assert 5 not in applied(conn)
    ledger.engine.dispose()
    with Ledger(url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert 5 in applied(conn)
        cols = {c["name"] for c in sa.inspect(upgraded.engine).get_columns("events")}
        assert set(V5_EVENT_COLUMNS) <= cols
        # the columns are filled from each stored record, so the default view is right at once
        shown = {(e.article_id, e.id) for e in lq.events(upgraded, page=lq.Page(limit=500)).items}
        assert shown == {(r.article.id, e.id) for r in demo_reports for e in r.events if e.shown}
        # and the upgraded ledger takes new reports with their coding
        fresh = demo_reports[0].model_copy(update={"article": demo_reports[0].article.model_copy(
            update={"id": "f" * 24, "text": demo_reports[0].article.text + " "})})
        assert [x.status for x in upgraded.add([fresh])] == ["added"]
        assert lq.report(upgraded, "f" * 24).main_event_id == demo_reports[0].main_event_id


# ------------------------------------------------------------------- the default and the flag


def test_events_default_to_shown_and_the_flag_shows_all(demo):
    from newsledger.ledger import Ledger

    with Ledger(demo.database_url, create=False) as ledger:
        default = lq.events(ledger, page=lq.Page(limit=500))
        every = lq.events(ledger, lq.Filters(include_hidden=True), lq.Page(limit=500))
        assert default.items and all(e.shown for e in default.items)
        assert every.total > default.total
        assert {(e.article_id, e.id) for e in default.items} == {(e.article_id, e.id) for e in every.items if e.shown}
        types = {t.type: t.n for t in lq.event_types(ledger)}
        assert sum(types.values()) == default.total
        with pytest.raises(QueryError):
            lq.articles(ledger, lq.Filters(include_hidden=True))


def test_cli_and_api_agree_on_the_default_and_the_flag(demo):
    with client_for(demo) as client:
        for args, params in ((["events", "-n", "200"], {"limit": 200}),
                             (["events", "--all-events", "-n", "200"], {"limit": 200, "include_hidden": "true"})):
            from_cli = json.loads(cli(demo, *args, "-f", "json"))
            from_api = client.get("/api/events", params=params).json()["items"]
            assert from_cli and [(e["article_id"], e["id"]) for e in from_cli] == \
                [(e["article_id"], e["id"]) for e in from_api]
        shown = client.get("/api/events", params={"limit": 200}).json()
        every = client.get("/api/events", params={"limit": 200, "include_hidden": "true"}).json()
        assert all(e["shown"] for e in shown["items"]) and not all(e["shown"] for e in every["items"])
        assert client.get("/api/events", params={"include_hidden": "maybe"}).status_code == 422
        spec = client.get("/api/openapi.json").json()
        documented = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
        assert "include_hidden" in documented
        # the map and the place page follow the same default
        gj = client.get("/api/geojson").json()["features"]
        gj_all = client.get("/api/geojson", params={"include_hidden": "true"}).json()["features"]
        ev, ev_all = ([f for f in x if f["properties"]["kind"] == "event"] for x in (gj, gj_all))
        assert all(f["properties"]["shown"] for f in ev) and len(ev_all) > len(ev)


def test_geojson_export_follows_the_default(demo, tmp_path: Path):
    out, out_all = tmp_path / "shown.geojson", tmp_path / "all.geojson"
    cli(demo, "export", "--format", "geojson", "-o", str(out))
    cli(demo, "export", "--format", "geojson", "--all-events", "-o", str(out_all))
    ev = [f for f in json.loads(out.read_text())["features"] if f["properties"]["kind"] == "event"]
    ev_all = [f for f in json.loads(out_all.read_text())["features"] if f["properties"]["kind"] == "event"]
    assert ev and all(f["properties"]["shown"] for f in ev)
    assert len(ev_all) > len(ev)


# ------------------------------------------------------------------- export --format acled

ACLED_HEADER = ["event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
                "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2", "location", "latitude",
                "longitude", "geo_precision", "time_precision", "fatalities", "notes", "source"]


def _acled(demo, *extra: str) -> list[dict[str, str]]:
    text = cli(demo, "export", "--format", "acled", *extra)
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames is not None and reader.fieldnames[:21] == ACLED_HEADER
    assert reader.fieldnames[21:] == ["article_id", "event_id", "trigger_start", "trigger_end"]
    return list(reader)


def test_acled_export_has_one_row_per_shown_acled_event(demo, demo_reports):
    rows = _acled(demo)
    events = {(r.article.id, e.id): (r, e) for r in demo_reports for e in r.events}
    expected = {k for k, (_, e) in events.items() if e.shown and e.acled_event_type}
    assert {(x["article_id"], x["event_id"]) for x in rows} == expected
    for x in rows:
        report, e = events[(x["article_id"], x["event_id"])]
        assert (x["event_type"], x["sub_event_type"]) == (e.acled_event_type, e.acled_sub_event_type or "")
        assert x["event_date"] == (e.date or report.article.published or "")[:10]
        assert x["time_precision"] == ("2" if e.date_basis == "published" else "1")
        assert x["actor1"] == acled.acled_actor(e.source_actor.model_dump() if e.source_actor else None,
                                                e.acled_event_type, True, acled.alpha2_to_3(
                                                    next((p.country_code for p in report.places
                                                          if p.id == e.place_id), None)),
                                                int(x["event_date"][:4]))[0]
        assert x["source"] == (report.article.publisher or "")
        assert report.article.text[int(x["trigger_start"]):int(x["trigger_end"])] == e.trigger.text
        assert x["notes"] and x["notes"] in " ".join(report.article.text.split())
        assert x["fatalities"].isdigit()
        if x["latitude"]:
            assert -90 <= float(x["latitude"]) <= 90 and x["geo_precision"] in ("1", "2", "3") and x["location"]
        if x["inter1"] and x["inter2"]:
            a, b = sorted((int(x["inter1"]), int(x["inter2"])))
            assert x["interaction"] == (str(b * 10) if a == 0 else f"{a}{b}")
    # the shown events of the demo include a located shelling by state forces
    shelling = [x for x in rows if x["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0]["inter1"] == "1" and shelling[0]["country"] == "Ukraine"
    # actors in ACLED's dictionary style: Russia's forces by country and period
    assert shelling[0]["actor1"] == "Military Forces of Russia (2000-)"


@pytest.mark.parametrize(
    ("actor", "event_type", "first", "expected"),
    [
        ({"name": "Russian artillery", "country_code": "RUS", "sector": "military"}, "Battles", True,
         ("Military Forces of Russia (2000-)", "")),
        ({"name": "Russia", "country_code": "RUS", "sector": None}, "Battles", True,
         ("Military Forces of Russia (2000-)", "")),
        ({"name": "Ukrainian police", "country_code": "UKR", "sector": "police"}, "Battles", False,
         ("Police Forces of Ukraine (2019-)", "")),
        # civilians where they are, their kind as the associated actor
        ({"name": "two journalists", "country_code": None, "sector": "media"}, "Violence against civilians", False,
         ("Civilians (Ukraine)", "Journalists (Ukraine)")),
        ({"name": "residents", "country_code": None, "sector": "civilians"}, "Violence against civilians", False,
         ("Civilians (Ukraine)", "")),
        ({"name": "gunmen", "country_code": None, "sector": "unidentified armed"}, "Battles", True,
         ("Unidentified Armed Group (Ukraine)", "")),
        # a protest's first actor by the part it plays; a country without a period
        ({"name": "doctors", "country_code": "GEO", "sector": "health"}, "Protests", True,
         ("Protesters (Georgia)", "Health Workers (Georgia)")),
        ({"name": "Syria", "country_code": "SYR", "sector": None}, "Battles", False, ("Military Forces of Syria", "")),
        # a town shelled is where, not who; a named group keeps its name
        ({"name": "Kramatorsk", "country_code": "UKR", "sector": None}, "Battles", False, ("", "")),
        ({"name": "Hezbollah", "country_code": "LBN", "sector": "rebels"}, "Battles", True, ("Hezbollah", "")),
    ],
)
def test_acled_actor_names_follow_the_dictionary_style(actor, event_type, first, expected):
    assert acled.acled_actor(actor, event_type, first, "UKR", 2024) == expected


def test_acled_actor_period_follows_the_event_year():
    russia = {"name": "Russian troops", "country_code": "RUS", "sector": "military"}
    assert acled.acled_actor(russia, "Battles", True, None, 1999) == ("Military Forces of Russia", "")


def test_acled_export_includes_hidden_events_only_when_asked(demo, demo_reports):
    hidden = {(r.article.id, e.id) for r in demo_reports for e in r.events if not e.shown and e.acled_event_type}
    assert hidden
    assert not hidden & {(x["article_id"], x["event_id"]) for x in _acled(demo)}
    assert hidden <= {(x["article_id"], x["event_id"]) for x in _acled(demo, "--all-events")}


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [
    (1, 0, 10), (0, 6, 60), (1, 3, 13), (7, 1, 17), (2, 2, 22), (None, 1, None), (0, 0, None)])
def test_interaction_joins_the_codes_lower_first(inter1, inter2, expected):
    assert acled.interaction(inter1, inter2) == expected


@pytest.mark.parametrize(("fclass", "fcode", "expected"), [
    ("P", "PPL", 1), ("P", "PPLA", 1), ("A", "ADM2", 2), ("A", "ADM1", 3), ("A", "PCLI", 3), (None, None, None)])
def test_geo_precision_follows_the_place_kind(fclass, fcode, expected):
    assert acled.geo_precision(fclass, fcode) == expected


def test_protesters_are_coded_by_what_they_do():
    actor = {"name": "residents", "sector": "civilians"}
    assert acled.inter(actor, "Protests", True) == 6
    assert acled.inter(actor, "Violence against civilians", False) == 7
    assert acled.inter(None, "Battles", False) == 0
    assert acled.inter({"name": "Russia", "country_code": "RUS", "sector": None}, "Battles", False) == 1
    assert acled.inter({"name": "x", "sector": "no-such-sector"}, "Battles", True) is None
    assert acled.event_date("2024-08", "text", None) == ("2024-08-15", 3)
    assert acled.event_date(None, "none", "2024-08-20T06:00:00Z") == ("2024-08-20", 2)
