"""Issue 19, fourth part: oceans, seas, straits, lakes, world regions, peninsulas and ranges
get a point (data/places/regions.tsv, whole classes by their definition); a same-named
division is read when the text names it as another place's container or in a list; a
capital is not taken for a same-named division of its country. Short texts written for
these tests."""

from __future__ import annotations

import pytest

from conftest import analyze_text
from newsledger.geo import get_gazetteer


def places_by_mention(text: str) -> dict[str, object]:
    report = analyze_text(text)
    return {m.span.text: p for p in report.places for m in p.mentions}


@pytest.mark.parametrize(("name", "fclass", "fcode"), [
    ("the Pacific", "H", "OCN"),  # not Pacific, Missouri
    ("Indian Ocean", "H", "OCN"),
    ("Strait of Hormuz", "H", "STRT"),
    ("Lake Erie", "H", "LK"),
    ("the Americas", "L", "RGN"),
    ("South-East Asia", "L", "RGN"),
    ("Korean Peninsula", "T", "PEN"),
    ("the Urals", "T", "MTS"),
])
def test_water_bodies_regions_and_landforms_are_in_the_gazetteer(name: str, fclass: str, fcode: str) -> None:
    best = get_gazetteer().lookup(name)
    region = [c for c in best if c.gid < 0]
    assert region, name
    assert (region[0].fclass, region[0].fcode) == (fclass, fcode)
    assert region[0].lat is not None and region[0].lon is not None


def test_an_ocean_is_the_ocean_not_a_town_of_its_name() -> None:
    by = places_by_mention("Fishing boats from Missouri returned from the Pacific on Monday after the storm.")
    p = by["Pacific"]
    assert p.resolved and p.feature_code == "OCN" and p.geonameid is None


def test_world_regions_resolve_to_their_points() -> None:
    by = places_by_mention("Measles cases rose in West Africa and South Asia, the agency said, "
                           "and tensions grew on the Korean Peninsula.")
    for name in ("West Africa", "South Asia", "Korean Peninsula"):
        p = by[name]
        assert p.resolved and p.feature_code in ("RGN", "PEN"), name
    assert by["West Africa"].lon < 10 < by["South Asia"].lon


def test_a_same_named_state_is_meant_when_the_text_names_it_as_a_container() -> None:
    by = places_by_mention("A fire destroyed a warehouse in Buffalo, New York, on Sunday.")
    assert by["New York"].feature_code == "ADM1"
    city = places_by_mention("Diplomats met in New York on Monday to discuss the ceasefire.")["New York"]
    assert city.feature_class == "P"


def test_a_capital_is_not_read_as_a_same_named_division_of_its_country() -> None:
    by = places_by_mention("The minister will travel to Washington next week to meet senators.")
    p = by["Washington"]
    assert p.resolved and p.feature_code == "PPLC" and p.country_code == "US"
    state = places_by_mention("Wildfires burned near Spokane, Washington, on Sunday.")
    assert state["Washington"].feature_code == "ADM1"


def test_a_city_first_in_a_list_of_cities_stays_the_city() -> None:
    by = places_by_mention("Protests spread to New York, Chicago and Los Angeles on Friday.")
    assert by["New York"].feature_class == "P"
    states = places_by_mention("Lawmakers in Washington, Oregon and Idaho passed the bill.")
    assert states["Washington"].feature_code == "ADM1"


@pytest.mark.parametrize(("text", "word", "cc"), [
    ("The Chilean navy rescued eleven sailors on Tuesday.", "Chilean", "CL"),
    ("Tunisian fishermen found the boat off the coast.", "Tunisian", "TN"),
    ("Czech officials said the shipment had arrived.", "Czech", "CZ"),
])
def test_a_demonym_used_as_a_place_modifier_is_a_mention_of_its_country(text: str, word: str, cc: str) -> None:
    p = places_by_mention(text)[word]
    assert p.resolved and p.country_code == cc and p.feature_code.startswith("PCL")


@pytest.mark.parametrize("name", ["Russia", "Iran", "Vietnam", "Syria"])
def test_a_countrys_geonames_name_is_a_primary_name(name: str) -> None:
    """GeoNames' English name of a country ("Russia") is no alternate name (a former name or
    a transliteration, which the ranker counts against a reading), though the ISO name is
    another ("Russian Federation")."""
    (country,) = [c for c in get_gazetteer().lookup(name) if c.is_country]
    assert country.name == name and country.kind == 0
