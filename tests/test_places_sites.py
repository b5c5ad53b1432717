"""Issue 19, second part: facilities and streets placed at the place that contains them, a
name that is no evidence for its own readings, a state or a capital by the article's other
names, one place per name; on mentions and short texts written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import analyze_text
from newsledger.geo import get_gazetteer
from newsledger.nlp.places.lexicon import lexicon
from newsledger.nlp.places.mentions import RawMention
from newsledger.nlp.places.resolve import resolve


def mentions_of(text: str, names: list[str], contained: dict[int, int] | None = None) -> list[RawMention]:
    """Mentions of ``names`` (first occurrences in ``text``, in that order); ``contained``:
    mention index -> index of its container ("X in Y", "X, Y")."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(RawMention(start, start + len(name), name, "GPE"))
        at = start + len(name)
    for i, j in (contained or {}).items():
        out[i].container = j
    return out


def resolve_all(ms: list[RawMention]):
    return resolve(ms, get_gazetteer(), Counter(), lexicon().demonyms)


def test_a_facility_the_gazetteer_lacks_is_placed_at_the_place_that_contains_it() -> None:
    text = "Shoppers queued outside the Bluebell Cake Studio in Manassas, Virginia, on Saturday."
    ms = mentions_of(text, ["Bluebell Cake Studio", "Manassas", "Virginia"], {0: 1, 1: 2})
    (studio, conf), (town, _), _ = resolve_all(ms)
    assert town is not None and town.name == "Manassas" and town.cc == "US"
    assert studio is not None and studio.is_site and studio.gid == town.gid
    assert (studio.lat, studio.lon) == (town.lat, town.lon) and 0.5 < conf <= 1.0


def test_a_facility_with_no_place_named_stays_unresolved() -> None:
    text = "Shoppers queued outside the Bluebell Cake Studio on Saturday."
    assert resolve_all(mentions_of(text, ["Bluebell Cake Studio"])) == [(None, 0.0)]


def test_a_site_is_its_own_place_in_the_article() -> None:
    """Shown under its own name, at the point of its town, with no GeoNames id of its own."""
    report = analyze_text("The blaze started at the Grand Palace Hotel in Kharkiv on Tuesday.")
    (hotel,) = [p for p in report.places if p.name == "Grand Palace Hotel"]
    (town,) = [p for p in report.places if p.name == "Kharkiv"]
    assert town.resolved and town.country_code == "UA" and town.geonameid is not None
    assert hotel.resolved and hotel.feature_class == "S" and hotel.geonameid is None
    assert (hotel.lat, hotel.lon) == (town.lat, town.lon) and hotel.country_code == "UA"


def test_a_name_is_no_evidence_for_its_own_readings() -> None:
    """"Malta" and "Bank of Malta" share their readings: the small Brazilian Malta (a town and
    a municipality of one name) must not win by supporting itself."""
    text = "Bank of Malta shares rose. Malta's regulator said the Malta Stock Exchange and Malta agreed."
    ms = mentions_of(text, ["Bank of Malta", "Malta", "Malta Stock Exchange", "Malta"])
    res = resolve_all(ms)
    assert res[1][0] is not None and res[1][0].is_country and res[1][0].cc == "MT"


def test_only_the_capital_is_a_capital() -> None:
    """Every US town called Washington is not the capital: one PPLC per country."""
    caps = [c for c in get_gazetteer().lookup("Washington") if c.fcode == "PPLC"]
    assert len(caps) == 1 and caps[0].pop > 500_000


@pytest.mark.parametrize(("text", "names", "level"), [
    ("Wildfires burned in Washington, Oregon and Idaho this week.", ["Washington", "Oregon", "Idaho"], "ADM1"),
    ("Talks between Washington, Russia and China stalled on Monday.", ["Washington", "Russia", "China"], "PPLC"),
])
def test_washington_is_the_state_or_the_capital_by_the_other_names(text: str, names: list[str],
                                                                    level: str) -> None:
    (washington, _), *_ = resolve_all(mentions_of(text, names))
    assert washington is not None and washington.cc == "US" and washington.fcode == level


def test_one_place_per_name_in_an_article() -> None:
    """The city of Kyiv and the first-level division of the same name are one place."""
    text = "Missiles hit Kyiv overnight. Kiev's mayor said the capital held."
    res = resolve_all(mentions_of(text, ["Kyiv", "Kiev"]))
    assert res[0][0] is not None and res[1][0] is not None
    assert res[0][0].gid == res[1][0].gid and res[0][0].fclass == "P"


def test_a_village_in_another_transliteration_is_found_and_resolved() -> None:
    """A Polish spelling of a Ukrainian village: recognised (the model calls it a person) by
    "the village of", and resolved by its transliteration key in the Kherson region."""
    report = analyze_text("Russian shelling hit the village of Nowefedorowka in the Kherson region of Ukraine.")
    (village,) = [p for p in report.places if p.name == "Nowefedorowka"]
    assert village.resolved and village.country_code == "UA" and village.admin1 == "Kherson Oblast"
    assert village.gazetteer_name == "Novofedorivka" and village.confidence >= 0.5
