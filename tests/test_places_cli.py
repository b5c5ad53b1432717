"""``newsledger places`` and ``newsledger eval places``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli.main import app

runner = CliRunner()


def test_places_json_and_geojson(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("KYIV, Ukraine (AP) — Russian forces shelled Kharkiv and Xqzzyvillegrad overnight.\n",
                 encoding="utf-8")
    r = runner.invoke(app, ["places", str(f), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    by = {row["name"]: row for row in rows}
    assert by["Kharkiv"]["geonameid"] == 706483 and by["KYIV"]["role"] == "event"
    r = runner.invoke(app, ["places", str(f), "--format", "geojson"])
    assert r.exit_code == 0, r.output
    gj = json.loads(r.stdout)
    assert gj["type"] == "FeatureCollection"
    lon, lat = next(ft for ft in gj["features"] if ft["properties"]["name"] == "Kharkiv")["geometry"]["coordinates"]
    assert 49 < lat < 51 and 35 < lon < 37


def test_places_table(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_text("Fighting was reported near Pokrovsk in Donetsk province.\n", encoding="utf-8")
    r = runner.invoke(app, ["places", str(f)], env={"COLUMNS": "200"})
    assert r.exit_code == 0 and "Pokrovsk" in r.output


def test_eval_geo_writes_predictions(tmp_path: Path) -> None:
    data = tmp_path / "g.jsonl"
    text = "Troops entered Kramatorsk on Monday."
    start = text.index("Kramatorsk")
    data.write_text(json.dumps({"text": text, "toponyms": [
        {"start": start, "end": start + 10, "phrase": "Kramatorsk", "lat": 48.72, "lon": 37.56,
         "geonameid": "704508"}]}) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    r = runner.invoke(app, ["eval", "places", "--data", str(data), "--gold-spans", "--predictions", str(out), "--json"])
    assert r.exit_code == 0, r.output
    figures = json.loads(r.stdout)
    assert figures["resolution"]["acc@161"] == 1.0
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert row["toponyms"][0]["geonameid"] == 704508 and row["toponyms"][0]["start"] == start
    r = runner.invoke(app, ["eval", "places", "--data", str(data), "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["toponyms"]["f1"] == 1.0
