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
