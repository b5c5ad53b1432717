"""A landform is no facility, and "X, the city of Y" puts Y in X (issue 19, session 10).

A name the gazetteer lacks is placed at a town the article names (a "site" reading) when it
may be a facility or street; a landform or water body named by a place-adjective ("the
Tasmanian Highlands") is neither: it lies in the region the adjective names, or is left
unresolved. In "Idaho, the city of Moscow" the
apposition says which Moscow. Short texts written for these tests."""

from __future__ import annotations

from collections import Counter

from newsledger.geo import get_gazetteer
from newsledger.nlp.places.mentions import RawMention, link_containers
from newsledger.nlp.places.resolve import resolve


def mentions_of(text: str, names: list[tuple[str, str]], settlement: str | None = None) -> list[RawMention]:
    """Mentions of ``names`` (text, label) in ``text``, in order, linked as the layer links them;
    ``settlement`` is the name written after "the city of"."""
    found = []
    for name, label in names:
        start = text.index(name)
        found.append(RawMention(start, start + len(name), name, label, settlement=name == settlement))
    found.sort(key=lambda m: m.start)
    link_containers(text, found)
    return found


def test_a_landform_is_its_adjectives_region_not_a_site_at_a_named_town() -> None:
    text = "Hikers left Kyiv for the Tasmanian Highlands in March."
    (kyiv, _), (highlands, _) = resolve(mentions_of(text, [("Kyiv", "GPE"), ("Tasmanian Highlands", "LOC")]),
                                        get_gazetteer(), Counter())
    assert kyiv is not None and kyiv.cc == "UA"
    assert highlands is not None and highlands.name == "Tasmania" and highlands.admin_level == 1


def test_a_landform_whose_adjective_names_only_towns_stays_unresolved() -> None:
    text = "The convoy drove from Kyiv across the Spartan Plain."
    (_, _), (plain, _) = resolve(mentions_of(text, [("Kyiv", "GPE"), ("Spartan Plain", "LOC")]),
                                 get_gazetteer(), Counter())
    assert plain is None  # no facility of Kyiv's, and no town of Sparta: a plain is no town


def test_a_facility_the_gazetteer_lacks_is_still_placed_at_a_named_town() -> None:
    text = "The Blorvan Theatre in Kyiv reopened."
    (theatre, _), (_, _) = resolve(mentions_of(text, [("Blorvan Theatre", "FAC"), ("Kyiv", "GPE")]),
                                   get_gazetteer(), Counter())
    assert theatre is not None and theatre.cc == "UA"


def test_the_city_of_y_apposed_to_x_is_a_reading_in_x() -> None:
    text = "Students in Idaho, the city of Moscow, cheered."
    ms = mentions_of(text, [("Idaho", "GPE"), ("Moscow", "GPE")], settlement="Moscow")
    assert ms[1].within == 0 and ms[0].container is None
    (_, _), (moscow, _) = resolve(ms, get_gazetteer(), Counter())
    assert moscow is not None and moscow.cc == "US" and moscow.fclass == "P"


def test_the_city_of_y_with_no_reading_in_x_is_unresolved() -> None:
    text = "Tourists in Idaho, the city of Kyiv, were lost."
    (_, _), (kyiv, _) = resolve(mentions_of(text, [("Idaho", "GPE"), ("Kyiv", "GPE")], settlement="Kyiv"),
                                get_gazetteer(), Counter())
    assert kyiv is None


def test_the_capital_of_y_is_no_apposition_that_y_lies_in_x() -> None:
    text = "Officials in Kyiv, the capital of Ukraine, spoke."
    ms = mentions_of(text, [("Kyiv", "GPE"), ("Ukraine", "GPE")], settlement="Ukraine")
    assert ms[1].within is None


def test_a_capitals_heading_names_a_place_the_body_names(nlp) -> None:
    from test_places_guard import labelled

    text = "FARMERS IN LVIV SAY IT WILL RAIN\n\nFarmers near Lviv expect rain on Sunday, officials said."
    found = labelled(nlp, text, [("@Lviv", "GPE")])
    heading = [m for m in found if m.start < text.index("\n")]
    assert [(text[m.start:m.end], m.text) for m in heading] == [("LVIV", "Lviv")]


def test_a_capitals_heading_word_the_body_does_not_name_is_no_mention(nlp) -> None:
    from test_places_guard import labelled

    text = "CHAD TALKS TO TURKEY FARMERS\n\nFarmers near Lviv expect rain on Sunday."
    found = labelled(nlp, text, [("Lviv", "GPE")])
    assert [m.text for m in found] == ["Lviv"]
