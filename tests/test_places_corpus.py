"""Places on the seed article and LGL (skipped when ../shared is absent)."""

from __future__ import annotations

import math

import pytest

from conftest import analyze_text

pytestmark = pytest.mark.corpus

#: A place in the seed is right when within this distance of the gold point (or, for a
#: country, in the same country): the gold points of regions are rough centres.
SEED_KM = 120.0
#: LGL floors on a sample (first 80 documents); the full-corpus figures are in docs/places.md.
LGL_SAMPLE = 80
GOLD_SPANS_ACC_FLOOR = 0.80
E2E_F1_FLOOR = 0.70
E2E_ACC_FLOOR = 0.80


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from newsledger.geo.distance import km

    return km(a[0], a[1], b[0], b[1])


def test_seed_places_resolve(seed) -> None:
    text, gold = seed
    report = analyze_text(text)
    at = {(m.span.start, m.span.end): p for p in report.places for m in p.mentions}
    places = {p["id"]: p for p in gold["places"]}
    wrong = []
    for gm in gold["place_mentions"]:
        g = places[gm["place"]]
        p = at.get(tuple(gm["span"]))
        if p is None or not p.resolved:
            wrong.append((gm["text"], "missing"))
        elif g.get("iso") and g["kind"].startswith("country"):
            if p.country_code != g["iso"] or not (p.feature_code or "").startswith("PCL"):
                wrong.append((gm["text"], p.gazetteer_name))
        elif _km((p.lat or 0, p.lon or 0), (g["lat"], g["lon"])) > SEED_KM:
            wrong.append((gm["text"], p.gazetteer_name))
    assert not wrong
    names = {p.gazetteer_name: p for p in report.places}
    assert names["Pokrovsk"].geonameid == 704422 and names["Pokrovsk"].admin1 == "Donetsk Oblast"
    assert names["Kursk Oblast"].feature_code == "ADM1"
    assert names["Donetsk Oblast"].feature_code == "ADM1"
    for org_place in gold["place_mentions_in_org_names"]:
        assert tuple(org_place["span"]) not in at


def test_lgl_gold_spans(shared, settings) -> None:
    from newsledger.eval.places import evaluate

    r = evaluate(shared / "data/dev/geo/lgl.jsonl", None, settings, gold_spans=True, limit=LGL_SAMPLE)
    assert r["resolution"]["acc@161"] >= GOLD_SPANS_ACC_FLOOR
    assert 0 < r["resolution"]["auc"] < 0.5 and not math.isnan(r["resolution"]["mean_km"])


def test_lgl_end_to_end(shared, settings) -> None:
    from newsledger.eval.places import evaluate

    r = evaluate(shared / "data/dev/geo/lgl.jsonl", None, settings, gold_spans=False, limit=LGL_SAMPLE)
    assert r["toponyms"]["f1"] >= E2E_F1_FLOOR
    assert r["resolution_on_matched"]["acc@161"] >= E2E_ACC_FLOOR
