"""Issue 19, session 11 (places11b): a common English word, or a run of them, that the
gazetteer lacks and no place cue marks is no facility or street, so it is not placed at a
town the article names (a "site" reading). Short texts written for these tests."""

from __future__ import annotations

from collections import Counter

from conftest import analyze_text
from newsledger.geo import get_gazetteer
from newsledger.nlp.frequency import COMMON_ZIPF, is_common_run, zipf
from newsledger.nlp.places.mentions import RawMention, link_containers
from newsledger.nlp.places.resolve import _ordinary_words, resolve


def _read(text: str) -> dict[str, object]:
    report = analyze_text(text)
    return {m.span.text: p for p in report.places for m in p.mentions}


def test_a_run_of_common_words_is_common_and_a_clitic_is_a_word() -> None:
    assert is_common_run("Spring Festival") and is_common_run("Having") and is_common_run("n't")
    assert is_common_run("Second-Chance region")
    assert not is_common_run("Kharkiv") and not is_common_run("Spring 2024") and not is_common_run("")


def test_a_facility_or_street_head_keeps_a_common_run_a_site() -> None:
    def ordinary(word: str) -> bool:  # a stand-in for the tagger's test (ranker.CommonWords)
        return word.casefold() != "york"

    assert _ordinary_words("Having") and _ordinary_words("Harvest Festival", ordinary)
    assert not _ordinary_words("Harvest Festival")  # a run, without the tagger: not judged
    assert not _ordinary_words("New York Times", ordinary)  # a word of a name: a proper name
    assert not _ordinary_words("Central Station", ordinary) and not _ordinary_words("Third Street", ordinary)
    assert not _ordinary_words("Zaporizhzhia")


def _site(text: str, name: str, town: str, **cue: bool) -> tuple[object, float]:
    found = [RawMention(text.index(name), text.index(name) + len(name), name, "FAC", **cue),
             RawMention(text.index(town), text.index(town) + len(town), town, "GPE")]
    link_containers(text, found)
    (read, conf), _ = resolve(found, get_gazetteer(), Counter(), is_common=lambda w, loose=False: zipf(w) >= COMMON_ZIPF)
    return read, conf


def test_a_common_run_without_a_place_cue_is_no_site() -> None:
    # common words, no facility or street head, no cue: no reading at the town named after it
    read, _ = _site("Second Chance trended all week. Lviv was calm.", "Second Chance", "Lviv")
    assert read is None


def test_a_common_run_with_a_place_cue_or_a_facility_head_is_still_a_site() -> None:
    read, _ = _site("Crowds gathered at Second Chance, Lviv.", "Second Chance", "Lviv", locative=True)
    assert read is not None and read.is_site and read.cc == "UA"  # type: ignore[attr-defined]
    read, _ = _site("Central Station trended all week. Lviv was calm.", "Central Station", "Lviv")
    assert read is not None and read.is_site  # type: ignore[attr-defined]


def test_after_the_capital_of_a_country_is_named_not_a_town() -> None:
    # "capital" before "of" is a place cue, but the name after it holds the capital
    read = _read("The envoy flew to the capital of Brazil, officials in Kyiv said.")
    assert "Brazil" in read and read["Brazil"].feature_code.startswith("PCL")  # type: ignore[attr-defined]
    read = _read("Drones struck the port of Odesa overnight.")
    assert read["Odesa"].feature_class == "P"  # type: ignore[attr-defined]


def test_a_festival_named_by_common_words_is_not_placed_at_the_town() -> None:
    read = _read("Children sang at a Harvest Festival concert before the mayor spoke in Odesa on Sunday.")
    assert "Odesa" in read
    festival = read.get("Harvest Festival")
    assert festival is None or not festival.resolved  # type: ignore[attr-defined]

