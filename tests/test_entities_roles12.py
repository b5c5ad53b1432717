"""Roles read as an analyst reads a people list: the whole role noun phrase with its portfolio
("press secretary", "foreign minister"), a hyphenated office whole ("Secretary-General"), and an
affiliation that is the body's name, not the words of the clause after it. Each text is
written for this test and run through the real pipeline."""

from __future__ import annotations

from helpers import analyze_text
from newsledger.models import Entity


def person(text: str, name: str) -> Entity:
    people = {e.name: e for e in analyze_text(text).entities if e.label == "PERSON"}
    assert name in people, sorted(people)
    return people[name]


def test_a_lower_case_portfolio_noun_stays_part_of_the_role() -> None:
    e = person("The ministry did not comment. Pentagon press secretary Laura Fenwick told reporters "
               "on Monday that the drills would go ahead.", "Laura Fenwick")
    assert e.role == "press secretary"
    assert e.role_span is not None and e.role_span.text == "press secretary"
    assert e.affiliation == "United States"  # the metonym names its country


def test_a_lower_case_portfolio_of_the_lexicon_stays_part_of_the_role() -> None:
    e = person("Talks resumed in Vienna. Estonia's foreign minister Mart Koppel said the offer "
               "was not serious.", "Mart Koppel")
    assert e.role == "foreign minister"
    e = person("Talks resumed in Vienna. The Dutch defence minister Anouk de Graaf visited the "
               "base on Friday.", "Anouk de Graaf")
    assert e.role == "defence minister" and e.affiliation == "Netherlands"


def test_an_adjective_outside_the_role_does_not_join_it() -> None:
    e = person("Talks resumed in Vienna. The powerful minister Karel Dvorak left the room.", "Karel Dvorak")
    assert e.role == "minister"


def test_a_hyphenated_office_is_one_role() -> None:
    e = person("The alliance met in Brussels. Its Secretary-General Maren Lund said the summit "
               "would be short.", "Maren Lund")
    assert e.role == "Secretary-General"
    e = person("The court sat late. Attorney-General Simon Okafor declined to comment.", "Simon Okafor")
    assert e.role == "Attorney-General"


def test_an_affiliation_ends_before_a_phrase_about_the_statement() -> None:
    e = person("“Sanctions will stay,” said Tom Reilly, spokesman for the Foreign Office in the statement "
               "released on Monday.", "Tom Reilly")
    assert e.role == "spokesman"
    assert e.affiliation == "Foreign Office"
    # a place named after the body stays part of its name
    e = person("“Sanctions will stay,” said Tom Reilly, a lecturer at the University of Leeds in England.",
               "Tom Reilly")
    assert e.affiliation is not None and e.affiliation.startswith("University of Leeds")


def test_a_country_that_owns_the_office_is_its_affiliation() -> None:
    e = person("Leaders met in Cairo. Kenya’s Prime Minister Daniel Mwangi said the talks were useful.",
               "Daniel Mwangi")
    assert e.role == "Prime Minister" and e.affiliation == "Kenya"
    assert e.affiliation_span is not None and e.affiliation_span.text == "Kenya"


def test_an_appositive_that_names_another_person_describes_that_person() -> None:
    r = analyze_text("Leaders met in Cairo: Kenya’s President Daniel Mwangi, Prime Minister of the Republic "
                     "of Tonga Sione Taufa, and others.")
    people = {e.name: e for e in r.entities if e.label == "PERSON"}
    assert "Daniel Mwangi" in people
    aff = people["Daniel Mwangi"].affiliation
    assert aff is None or "Sione" not in aff


def test_an_appositive_role_ends_before_the_circumstances_and_a_participle() -> None:
    e = person("“Prices will rise,” said Pavel Orlov, a Russian economist in an interview with Kommersant.",
               "Pavel Orlov")
    assert e.role is not None and "interview" not in e.role
    e = person("“Beijing will not send arms,” said Lena Vogt, a lead analyst specializing in defence policy at "
               "the Bremen Institute for Asian Studies.", "Lena Vogt")
    assert e.role == "lead analyst"


def people_of(text: str) -> set[str]:
    return {e.name for e in analyze_text(text).entities if e.label == "PERSON"}


def test_words_of_a_name_with_a_figure_or_only_ordinary_words_are_no_person() -> None:
    found = people_of("Speaking to Ground Forces Radio, Anna Ward said the Leopard 2 tanks arrived. "
                      "Poland sent Leopard 2 tanks too, the Federal Assembly heard.")
    assert "Anna Ward" in found
    assert not any("Leopard" in n or "Ground" in n or "Assembly" in n for n in found), found


def test_a_given_name_before_an_ordinary_word_keeps_the_person() -> None:
    found = people_of("“The talks failed,” said Ned Price, a State Department spokesman. "
                      "Mark Stone, a reporter, agreed.")
    assert {"Ned Price", "Mark Stone"} <= found


def test_a_body_before_a_clause_or_a_rank_is_no_person() -> None:
    found = people_of("The president spoke before the Federal Assembly, after choosing him as president, "
                      "and warned against war. The commander of the Ground Forces, Colonel General Ivan "
                      "Sirko, agreed.")
    assert not any("Assembly" in n or "Ground" in n for n in found), found
    assert "Ivan Sirko" in found
