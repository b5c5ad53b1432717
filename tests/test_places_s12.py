"""Issue 19, session 12 (places12): a name the gazetteer lacks made of two or more names of
countries, continents or seas is an area spanning them, not a facility to place at a town
the article names. Short texts written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from newsledger.geo import get_gazetteer
from newsledger.nlp.places.resolve import _compound_of_regions


@pytest.fixture(scope="module")
def gaz(settings):
    return get_gazetteer(settings)


@pytest.mark.parametrize("name", ["Austria-Hungary", "Europe-Africa", "Arctic-Atlantic region"])
def test_a_compound_of_regions_is_recognised(gaz, name: str) -> None:
    assert _compound_of_regions(name, gaz)


@pytest.mark.parametrize("name", ["Grand Hotel", "Lviv Opera House", "Nova Poshta", "Europe"])
def test_other_names_are_not_compounds_of_regions(gaz, name: str) -> None:
    assert not _compound_of_regions(name, gaz)


def _read(text: str) -> dict[str, Any]:
    report = analyze_text(text)
    return {m.span.text: p for p in report.places for m in p.mentions}


def test_an_area_spanning_two_regions_is_not_placed_at_a_town() -> None:
    # before, the compound was a facility's site at Oslo
    read = _read("Ministers in Oslo discussed shipping across the Arctic-Atlantic region with "
                 "officials from Bergen.")
    assert "Oslo" in read and read["Oslo"].resolved
    for text, place in read.items():
        if "Arctic" in text:
            assert not place.resolved


def test_an_adjective_alone_is_no_facility(nlp) -> None:
    """A one-word name the gazetteer lacks that the tagger calls an adjective in a predicative
    frame ("it is very <word> .") names no facility or street: no site at a town the article
    names ("the International ... Forum" cut to its first word by the model). A noun keeps its
    site reading."""
    from collections import Counter

    from newsledger.nlp.places.mentions import RawMention
    from newsledger.nlp.places.ranker import CommonWords
    from newsledger.nlp.places.resolve import resolve

    common = CommonWords(nlp)
    assert common.predicative("International") and common.predicative("Federal")
    assert not common.predicative("Pentagon") and not common.predicative("Mansion")
    gaz = get_gazetteer()
    # "Delegates of the Global Forum met at the International, a venue in Kyiv, and in Lviv."
    mentions = [RawMention(40, 53, "International", "FAC"), RawMention(66, 70, "Kyiv", "GPE"),
                RawMention(79, 83, "Lviv", "GPE")]
    without = resolve(mentions, gaz, Counter())
    assert without[0][0] is not None and without[0][0].is_site  # before: a site at a named town
    (cand, conf), kyiv, _ = resolve(mentions, gaz, Counter(), is_common=common)
    assert cand is None and conf == 0.0
    assert kyiv[0] is not None and kyiv[0].cc == "UA"
