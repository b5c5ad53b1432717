"""Issue 19, sixth session: a list of places is no chain of containers ("Washington, Moscow and
Beijing"), a national capital names its country among the others, and "<organisation head>
of X" is placed at X ("Bank of Portugal"); on texts written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import analyze_text
from newsledger.geo import get_gazetteer
from newsledger.nlp.places.lexicon import lexicon
from newsledger.nlp.places.mentions import RawMention, find_mentions
from newsledger.nlp.places.resolve import Trace, resolve


def mentions_of(text: str, names: list[str]) -> list[RawMention]:
    """Mentions of ``names`` (first occurrences in ``text``, in that order), no containers."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(RawMention(start, start + len(name), name, "GPE"))
        at = start + len(name)
    return out


def test_capitals_in_a_list_are_the_capitals() -> None:
    """Before, "Moscow" was read as the container of "Washington" ("X, Y"), so Washington was
    the state (at 1.0) and Geneva a town in that state."""
    report = analyze_text("Envoys from Washington, Moscow and Beijing met in Geneva on Tuesday.")
    by_name = {p.name: p for p in report.places}
    for name, cc in (("Washington", "US"), ("Moscow", "RU"), ("Beijing", "CN")):
        assert by_name[name].resolved, name
        assert (by_name[name].feature_code, by_name[name].country_code) == ("PPLC", cc), name
        assert by_name[name].confidence >= 0.9, name


def test_a_conjunct_after_a_comma_is_no_container(nlp) -> None:
    gaz, lex = get_gazetteer(), lexicon()
    listed, _ = find_mentions(nlp("Envoys from Washington, Moscow and Beijing met on Tuesday."), lex, gaz)
    assert [m.text for m in listed] == ["Washington", "Moscow", "Beijing"]
    assert listed[0].container is None and listed[0].listed_with == 1
    contained, _ = find_mentions(nlp("He moved from Buffalo, New York, to Denver last year."), lex, gaz)
    assert [m.text for m in contained][:2] == ["Buffalo", "New York"]
    assert contained[0].container == 1 and contained[0].listed_with is None


def test_a_capital_names_its_country_among_the_others() -> None:
    """No container, no country named: the two other capitals make "Washington" the capital
    (``capital_among_countries``), not Washington in Tyne and Wear by distance."""
    text = "Talks between Washington, Moscow and Beijing stalled on Monday."
    res = resolve(mentions_of(text, ["Washington", "Moscow", "Beijing"]), get_gazetteer(), Counter(),
                  lexicon().demonyms)
    washington = res[0][0]
    assert washington is not None and (washington.fcode, washington.cc) == ("PPLC", "US")
    assert res[0][1] >= 0.9


def test_an_organisation_of_a_place_is_read_as_that_place() -> None:
    """"Bank of Portugal": the place after "<organisation head> of" is a reading of the name
    (before, "Bank" itself was searched as a leading place name, and nothing was found)."""
    text = "The Bank of Portugal cut its forecast on Monday."
    trace: list[Trace] = []
    resolve(mentions_of(text, ["Bank of Portugal"]), get_gazetteer(), Counter(), lexicon().demonyms,
            trace=trace)
    (t,) = trace
    assert any(c.is_country and c.cc == "PT" for c in t.cands)
    assert all(c.name.casefold() != "bank" for c in t.cands)


@pytest.mark.parametrize(("text", "name", "division", "cc"), [
    ("They were found in the southern English city of Salisbury.", "English", "England", "GB"),
    ("Scottish fishermen protested in the harbour.", "Scottish", "Scotland", "GB"),
    ("The Welsh valleys flooded again.", "Welsh", "Wales", "GB"),
    ("Texans voted early this year.", "Texans", "Texas", "US"),
])
def test_a_division_demonym_is_the_division(text: str, name: str, division: str, cc: str) -> None:
    """Before, "English" (a language of several countries) was left out or read as a small US
    town, and "Scottish" was the United Kingdom, 300 km from Scotland's centre."""
    ((place, _),) = resolve(mentions_of(text, [name]), get_gazetteer(), Counter(), lexicon().demonyms)
    assert place is not None and place.admin_level == 1 and (place.name, place.cc) == (division, cc)


def test_a_country_demonym_stays_the_country() -> None:
    """"Georgian" is Georgia's, the country's (data/countries.tsv), not the US state's."""
    assert "Georgian" not in lexicon().division_demonyms
    text = "Georgian troops crossed the border."
    ((place, _),) = resolve(mentions_of(text, ["Georgian"]), get_gazetteer(), Counter(), lexicon().demonyms)
    assert place is not None and place.is_country and place.cc == "GE"


def test_every_division_demonym_names_one_first_level_division() -> None:
    gaz = get_gazetteer()
    table = lexicon().division_demonyms
    assert len(table) >= 50
    for demonym, (name, cc) in table.items():
        found = [c for c in gaz.lookup(name) if c.admin_level == 1 and c.kind == 0 and c.cc == cc]
        assert len(found) == 1, demonym


def test_a_division_demonym_as_a_modifier_is_a_place() -> None:
    report = analyze_text("Texan ranchers lost half their cattle to the drought this summer.")
    (texas,) = [p for p in report.places if any(m.span.text == "Texan" for m in p.mentions)]
    assert texas.resolved and texas.gazetteer_name == "Texas" and texas.country_code == "US"
    assert texas.feature_code == "ADM1"


@pytest.mark.parametrize(("text", "name", "cc"), [
    ("Pilgrims filled the square as the Vatican announced new rules on Sunday.", "Vatican", "VA"),
    ("The yacht show opened in Monaco on Wednesday.", "Monaco", "MC"),
])
def test_a_microstate_is_a_country_however_few_live_there(text: str, name: str, cc: str) -> None:
    """Before, the Vatican's 921 people made "no match" win: its population is no measure of
    how well known a sovereign state is."""
    ((place, conf),) = resolve(mentions_of(text, [name]), get_gazetteer(), Counter(), lexicon().demonyms)
    assert place is not None and place.is_country and place.cc == cc and conf > 0.3


def test_a_state_named_past_a_town_s_own_name_is_the_state() -> None:
    """"Rio Grande do Sul" is also an old name of the town Rio Grande; the name runs on past
    the town's own name, so it is the state (the "in New York" rule made it the town)."""
    text = "Floods in Rio Grande do Sul forced thousands from their homes."
    ((place, _),) = resolve(mentions_of(text, ["Rio Grande do Sul"]), get_gazetteer(), Counter(),
                            lexicon().demonyms)
    assert place is not None and place.admin_level == 1 and place.cc == "BR"
    ((city, _),) = resolve(mentions_of("Flights to New York were cancelled.", ["New York"]), get_gazetteer(),
                           Counter(), lexicon().demonyms)
    assert city is not None and city.fclass == "P"


def test_a_division_word_before_of_qualifies_each_name_of_its_list() -> None:
    # "the regions of A, B and C": each name is a region, as "A region" would be; a town after
    # "the mayor of" is not
    report = analyze_text("Russia claimed to annex the Ukrainian regions of Donetsk, Kherson, Luhansk and "
                          "Zaporizhzhia last year.")
    read = {m.span.text: p for p in report.places for m in p.mentions}
    for name in ("Donetsk", "Kherson", "Luhansk", "Zaporizhzhia"):
        assert read[name].feature_code == "ADM1" and read[name].confidence >= 0.9, (name, read[name])
    report = analyze_text("The mayor of Kherson said the city was calm.")
    (kherson,) = [p for p in report.places if p.mentions[0].span.text == "Kherson"]
    assert kherson.feature_code != "ADM1"


def test_a_comma_then_in_names_the_container() -> None:
    # "X, in Y": Y holds X as in "X in Y"; a town's container is the division that holds it
    report = analyze_text("Russian forces have been attacking the city of Kreminna, in Luhansk, for weeks. "
                          "Ukraine says its troops hold the line near Kupiansk.")
    (luhansk,) = [p for p in report.places if p.mentions[0].span.text == "Luhansk"]
    assert luhansk.feature_code == "ADM1", luhansk


def test_a_name_in_a_list_with_a_place_of_its_country_is_a_place() -> None:
    # the small model calls "Irpin" an organisation and "Hostomel" a person in this list
    report = analyze_text("Investigators documented killings in Bucha, Irpin and Hostomel after the Russian "
                          "retreat.")
    read = {m.span.text: p for p in report.places for m in p.mentions}
    for name in ("Bucha", "Irpin", "Hostomel"):
        assert name in read and read[name].country_code == "UA", (name, sorted(read))
