"""The war-coverage places scorer (scripts/score_war_places.py): its matching rules on place
records built for short texts written for this test, and one run of the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsledger.eval.common import part_of
from newsledger.models import Place, PlaceMention, TextSpan
from script_support import load_script

wp = load_script("score_war_places")

TEXT = ("Russian troops shelled Kreminna, in Luhansk, and the Kyiv Independent said "
        "Kyiv would not give up Crimea.")


def _gold(name: str, kind: str, gid: int | None, *, nth: int = 0, optional: bool = False,
          **more: Any) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    return {"start": start, "end": start + len(name), "name": name, "kind": kind, "gid": gid,
            "optional": optional, **more}


def _place(name: str, gid: int | None, *, nth: int = 0, conf: float = 0.95, code: str = "PPL",
           cc: str = "UA", lat: float = 49.0, lon: float = 38.0, resolved: bool = True,
           gazetteer_name: str | None = None) -> Place:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    return Place(article_id="t", id=f"p{start}", name=name, resolved=resolved, geonameid=gid,
                 gazetteer_name=gazetteer_name or name, feature_code=code, country_code=cc,
                 lat=lat, lon=lon, confidence=conf,
                 mentions=[PlaceMention(span=TextSpan.of(TEXT, start, start + len(name)))])


def test_the_right_place_is_the_same_id_an_also_id_a_hand_region_or_a_near_point() -> None:
    luhansk_oblast = _gold("Luhansk", "region", 702657)
    assert wp.is_right_place(luhansk_oblast, _place("Luhansk", 702657, code="ADM1"))
    assert not wp.is_right_place(luhansk_oblast, _place("Luhansk", 702658))  # the city
    kyiv = _gold("Kyiv", "settlement", 703448, nth=1, also_gids=[703447])
    assert wp.is_right_place(kyiv, _place("Kyiv", 703447, nth=1, code="ADM1"))
    assert not wp.is_right_place(kyiv, _place("Kyiv", 703448, nth=1, resolved=False))
    donbas = _gold("Crimea", "area", None, gazetteer_name="Donbas", lat=48.3, lon=38.5)
    assert wp.is_right_place(donbas, _place("Crimea", None, gazetteer_name="Donbas", code="RGN"))
    assert not wp.is_right_place(donbas, _place("Crimea", 703883, gazetteer_name="Crimea", code="ADM1"))
    # no id and no region: a point within NEAR_KM (about 0.1 degree of latitude is 11 km)
    site = _gold("Kreminna", "settlement", None, lat=49.05, lon=38.22)
    assert wp.is_right_place(site, _place("Kreminna", None, lat=49.15, lon=38.22))
    assert not wp.is_right_place(site, _place("Kreminna", None, lat=48.57, lon=39.31))  # Luhansk city, ~95 km
    assert wp.km_between(49.05, 38.22, 49.15, 38.22) == pytest.approx(11.1, abs=0.2)


def test_a_miss_says_why() -> None:
    g = _gold("Luhansk", "region", 702657)
    assert wp.miss_cause(g, [], 0.9) == "not-detected"
    assert wp.miss_cause(g, [_place("Luhansk", None, resolved=False)], 0.9) == "unresolved"
    assert wp.miss_cause(g, [_place("Luhansk", 702658, conf=0.97)], 0.9) == "wrong"
    assert wp.miss_cause(g, [_place("Luhansk", 702658, conf=0.5)], 0.9) == "wrong-hidden"
    assert wp.miss_cause(g, [_place("Luhansk", 702657, conf=0.5, code="ADM1")], 0.9) == "right-hidden"
    assert wp.miss_cause(g, [_place("Luhansk", 702657, conf=0.9, code="ADM1")], 0.9) is None


def test_shown_places_are_judged_against_required_then_optional_mentions() -> None:
    golds = [_gold("Kreminna", "settlement", 704138), _gold("Luhansk", "region", 702657),
             _gold("Kyiv", "settlement", 703448, nth=1, optional=True)]
    assert wp.judge_shown(_place("Kreminna", 704138), golds) == "right"
    assert wp.judge_shown(_place("Luhansk", 702658), golds) == "wrong"
    assert wp.judge_shown(_place("Kyiv", 703448, nth=1, code="PPLC"), golds) == "right"
    # the newspaper's Kyiv is marked nowhere: left to the reader
    assert wp.judge_shown(_place("Kyiv", 703448, code="PPLC"), golds) == "unannotated"
    # Ukraine itself, or a place abroad over no required mention, is not counted
    ukraine = _place("Kyiv", 690791, code="PCLI", nth=1)
    assert not wp.counts_for_precision(ukraine, golds, 0.9)
    abroad = _place("Kreminna", 5000000, cc="US")
    assert wp.counts_for_precision(abroad, golds, 0.9)
    assert not wp.counts_for_precision(_place("Crimea", 703883, conf=0.8, code="ADM1"), golds, 0.9)


def test_an_article_counts_mentions_distinct_places_and_shown_precision() -> None:
    row = {"id": "t", "places": [_gold("Kreminna", "settlement", 704138), _gold("Luhansk", "region", 702657),
                                 _gold("Crimea", "region", 703883)]}
    places = [_place("Kreminna", 704138), _place("Luhansk", 702658, conf=0.97),
              _place("Crimea", 703883, conf=0.7, code="ADM1"), _place("Kyiv", 703448, code="PPLC")]
    errors: list[str] = []
    c = wp.score_article(row, places, 0.9, errors)
    out = wp.figures(c)
    assert out["gold_mentions"] == 3 and out["recall_any"] == round(2 / 3, 3)
    assert out["recall_shown"] == round(1 / 3, 3) and out["gold_places"] == 3
    assert out["misses"] == {"right-hidden": 1, "wrong": 1}
    assert (out["shown_right"], out["shown_wrong"], out["shown_unannotated"]) == (1, 1, 1)
    assert out["precision"] == 0.5 and out["precision_strict"] == round(1 / 3, 3)
    assert any(e.startswith("  SHOWN-UNMARKED") and "'Kyiv'" in e for e in errors)


@pytest.mark.slow
def test_the_scorer_runs_the_pipeline_on_an_annotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Russian missiles struck Kharkiv on Tuesday, the governor of the Kharkiv region said."
    i = text.index("Kharkiv")
    j = text.index("Kharkiv", i + 1)
    row = {"id": "war-places-a", "part": part_of("war-places-a"), "published": "2024-05-01", "text": text,
           "places": [{"start": i, "end": i + 7, "name": "Kharkiv", "kind": "settlement", "gid": 706483,
                       "optional": False},
                      {"start": j, "end": j + 7, "name": "Kharkiv", "kind": "region", "gid": 706482,
                       "optional": False}]}
    path = tmp_path / "ann.jsonl"
    path.write_text(json.dumps(row), encoding="utf-8")
    assert wp.main([str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 1 and out["gold_mentions"] == 2 and out["gold/region"] == 1
    assert out["shown_threshold"] == 0.9
    # whatever the layer reads, every gold mention is accounted for once
    assert out["recall_any"] * 2 + sum(v for k, v in out["misses"].items() if k != "right-hidden") == pytest.approx(2)
