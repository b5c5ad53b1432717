"""The compiled gazetteer: names, traps of naive lookup, and a fresh build."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.geo import get_gazetteer, norm
from newsledger.geo.build import base_names, build, division_words, english_name, source_version
from newsledger.geo.normalize import variant_key


@pytest.fixture(scope="module")
def gaz(settings):
    return get_gazetteer(settings)


@pytest.mark.parametrize(("a", "b"), [
    ("Kramators'k", "Kramatorsk"),
    ("Kyïv", "kyiv"),
    ("W. Va.", "W.Va."),
    ("St. Louis", "Saint Louis"),
    ("Slov”yans'k", "Slovyansk"),
    ("KYIV", "Kyiv"),
])
def test_norm_folds_variants(a: str, b: str) -> None:
    assert norm(a) == norm(b)


@pytest.mark.parametrize(("name", "base"), [
    ("Kursk vilayəti", "Kursk"),
    ("Pokrovsk Raion", "Pokrovsk"),
    ("Laurel County", "Laurel"),
])
def test_division_base_names(name: str, base: str) -> None:
    assert base in base_names(name, division_words())


@pytest.mark.parametrize(("name", "gid"), [
    ("Pokrovsk", 704422),  # Donetsk Oblast, among the candidates
    ("Krasnoarmiisk", 704422),  # former name
    ("Sloviansk", 693468),
    ("Slovyansk", 693468),
    ("Slavyansk", 693468),
    ("Kiev", 703448),
    ("Kharkov", 706483),
    ("Donetsk Oblast", 709716),
])
def test_names_find_the_place(gaz, name: str, gid: int) -> None:
    assert gid in {c.gid for c in gaz.lookup(name)}


@pytest.mark.parametrize(("name", "cc"), [("Ukraine", "UA"), ("Russia", "RU"), ("UK", "GB"), ("U.S.", "US")])
def test_country_names_include_the_country(gaz, name: str, cc: str) -> None:
    countries = [c for c in gaz.lookup(name) if c.is_country]
    assert countries and countries[0].cc == cc
    assert countries[0].lat is not None and countries[0].lon is not None


def test_hand_regions_have_points(gaz) -> None:
    (donbas,) = [c for c in gaz.lookup("Donbas") if c.fcode == "RGN"]
    assert donbas.geonameid is None and donbas.cc == "UA"
    assert 47 < (donbas.lat or 0) < 50


def test_unknown_name_has_no_candidates(gaz) -> None:
    assert gaz.lookup("Xqzzyville") == []
    assert not gaz.has("")


def test_divisions_have_points_from_their_towns(gaz) -> None:
    (kursk,) = [c for c in gaz.lookup("Kursk") if c.fcode == "ADM1"]
    assert kursk.name == "Kursk Oblast" and kursk.cc == "RU"
    assert 50 < (kursk.lat or 0) < 53 and 34 < (kursk.lon or 0) < 39


@pytest.mark.parametrize(("name", "aliases", "shown"), [
    ("Avtonomna Respublika Krym", ("Autonomous Republic of Crimea", "Crimea", "Автономна Республіка Крим"),
     "Crimea"),
    ("Xizang Zizhiqu", ("Poi", "Tibet", "Tibet Autonomous Region"), "Tibet"),
    ("Kyiv", ("Kyiv City", "Misto Kyiv"), "Kyiv"),  # already English: kept
    ("Texas", ("Tejas",), "Texas"),
])
def test_divisions_are_shown_by_an_english_name(name: str, aliases: tuple[str, ...], shown: str) -> None:
    assert english_name(name, aliases) == shown


def test_crimea_is_shown_in_english(gaz) -> None:
    (crimea,) = [c for c in gaz.lookup("Crimea") if c.fcode == "ADM1"]
    assert crimea.name == "Crimea" and crimea.cc == "UA"


@pytest.mark.parametrize("name", ["Crimea", "Kursk Oblast", "Donetsk Oblast"])
def test_a_divisions_english_name_is_a_primary_name(gaz, name: str) -> None:
    # the name the place is shown by is no alternate: it matches as GeoNames' own name does
    (div,) = [c for c in gaz.lookup(name) if c.fcode == "ADM1"]
    assert div.name == name and div.kind == 0


def test_a_division_named_in_english_is_shown_when_the_story_is_in_its_country() -> None:
    from conftest import analyze_text

    report = analyze_text("Russian troops shelled villages near Kupiansk on Monday. Ukraine has vowed to "
                          "retake Crimea, which Russia seized in 2014, and the army says Kharkiv Oblast "
                          "is under fire every day.")
    shown = {p.name for p in report.places if p.confidence >= 0.9}
    assert {"Crimea", "Kharkiv Oblast"} <= shown, shown


def test_short_hand_aliases_in_capitals_are_kept(gaz) -> None:
    """"EU" is a hand-written alias of the European Union, though short capitals from
    GeoNames' alternate names (airport codes) are dropped."""
    assert any(c.fcode == "ZN" and c.name == "European Union" for c in gaz.lookup("EU"))


@pytest.mark.parametrize(("a", "b"), [
    ("Nowefedorowka", "Novofedorivka"),  # Polish, Ukrainian
    ("Novofedorovka", "Novofedorivka"),  # Russian, Ukrainian
    ("Tschernihiw", "Chernihiv"),  # German, Ukrainian
])
def test_transliterations_share_a_variant_key(a: str, b: str) -> None:
    assert variant_key(a) == variant_key(b) != ""


def test_short_names_have_no_variant_key() -> None:
    assert variant_key("Paris") == "" and variant_key("Kharkiv") == ""  # too few consonants


def test_a_village_is_found_in_another_transliteration(gaz) -> None:
    assert gaz.lookup("Nowefedorowka") == []
    found = gaz.lookup_variant("Nowefedorowka")
    assert found and all(c.cc in ("UA", "RU") for c in found)
    assert any(c.name == "Novofedorivka" and c.cc == "UA" for c in found)


@pytest.mark.slow
def test_fresh_build(tmp_path: Path) -> None:
    """What CI does on a fresh machine: build into an empty cache directory."""
    stats = build(tmp_path / "g.sqlite")
    assert stats.places > 200_000 and stats.names > stats.places
    import sqlite3

    con = sqlite3.connect(stats.path)
    assert con.execute("SELECT v FROM meta WHERE k='version'").fetchone()[0] == source_version()
