"""The quantities layer end to end through the real pipeline, on short texts written here."""

from __future__ import annotations

import math

import pytest

from helpers import analyze_text


def quantities(text: str, published: str | None = None):
    return analyze_text(text, published=published).quantities


def only(text: str, published: str | None = None):
    qs = quantities(text, published)
    assert len(qs) == 1, [q.span.text for q in qs]
    return qs[0]


def test_area_held_with_qualifier_and_related_place() -> None:
    text = "The rebel army has kept control over more than 800 square kilometers of land in the Tigray region."
    q = only(text)
    assert q.span.text == "more than 800 square kilometers"
    assert (q.value, q.unit, q.unit_text, q.dimension) == (800, "km²", "square kilometers", "area")
    assert (q.qualifier, q.bound) == ("more than", "lower")
    assert q.qualifier_span is not None and text[q.qualifier_span.start:q.qualifier_span.end] == "more than"
    assert q.measures is not None and "area of land" in q.measures
    assert q.head is not None and q.head.text == "land"
    roles = {r.role: r.span.text for r in q.related}
    assert "Tigray region" in roles.get("in", "")
    assert "rebel army" in roles.get("actor", "")
    for r in q.related:  # offsets point at the words
        assert text[r.span.start:r.span.end] == r.span.text


def test_distance_from_forces_to_a_town() -> None:
    q = only("Government troops are now just 12 kilometres from Kherson.")
    assert (q.value, q.unit, q.qualifier) == (12, "km", "just")
    assert q.measures == "distance from Government troops to Kherson"


def test_attribute_of_a_place() -> None:
    q = only("Bakhmut, a mining town with a pre-war population of 70,000, was destroyed.")
    assert (q.value, q.unit, q.dimension) == (70_000, "people", "count")
    assert q.head is not None and q.head.text == "population"
    assert q.measures is not None and "population of Bakhmut" in q.measures


def test_imperial_units_are_converted_and_keep_the_original() -> None:
    q = only("The convoy stopped 20 miles short of the border.")
    assert (q.unit, q.unit_text) == ("km", "miles")
    assert q.si_value == pytest.approx(32.18688)


@pytest.mark.parametrize(
    ("text", "count_type", "value"),
    [
        ("At least 24 people were killed in the shelling of Kharkiv.", "killed", 24),
        ("The strike wounded 17 civilians in Odesa.", "wounded", 17),
        ("Police arrested more than 100 protesters on Saturday.", "captured", 100),
        ("Some 3,000 residents fled the fighting.", "displaced", 3000),
        ("Five aid workers remain missing after the raid.", "missing", 5),
        ("Gunmen abducted 12 students from a school.", "kidnapped", 12),
        ("Moscow has sent 10,000 troops to the border.", "troops", 10_000),
        ("Russian forces were advancing on seven fronts in Donbas.", "fronts", 7),
        ("The army launched 40 drones overnight.", "drones", 40),
        ("Russia launched 40 Shahed-136 drones overnight.", "drones", 40),
    ],
)
def test_count_types(text: str, count_type: str, value: float) -> None:
    qs = [q for q in quantities(text) if q.count_type]
    assert [(q.count_type, q.value) for q in qs] == [(count_type, value)]


def test_victims_actor_and_place_of_a_count() -> None:
    q = only("Serb forces killed three ethnic Albanians in a gunbattle in southern Serbia.")
    assert q.count_type == "killed"
    roles = {r.role: r.span.text for r in q.related}
    assert roles["actor"] == "Serb forces"
    assert "Albanians" in roles["victim"]
    assert any("Serbia" in r.span.text for r in q.related if r.role in ("in", "place"))


def test_actor_is_not_the_victim() -> None:
    qs = quantities("Two suicide bombers killed 23 people in Tel Aviv.")
    by_value = {q.value: q.count_type for q in qs}
    assert by_value[23] == "killed"
    assert by_value.get(2) != "killed"


def test_vague_amounts_keep_their_text() -> None:
    q = only("Tens of thousands of people marched through the capital.")
    assert q.vague and (q.low, q.high) == (10_000, 100_000)
    assert q.span.text.startswith("Tens of thousands")


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine asked for more F-16 jets and shot down a Su-34 bomber.",
        "It was the first incursion into Russian territory since World War II.",
        "The offensive began in 2022 and resumed on March 3.",
        "Call the hotline on 555-123-4567 for help.",
        "The 47th Brigade held the line at 9:30 a.m.",
        "The iPhone 11 and the Galaxy S23 were launched.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Shares of the company rose 4% on Monday.", "up"),
        ("The index fell 1.2 per cent.", "down"),
        ("The index ended at 1,463.78 points.", "="),
        ("Turnout was about 70%.", "~"),
    ],
)
def test_change(text: str, change: str) -> None:
    assert quantities(text)[0].change == change


def test_duration_and_the_date_of_a_figure() -> None:
    report = analyze_text(
        "Almost a month into the incursion, 12 soldiers were killed on Tuesday.", published="2024-09-05"
    )
    by_unit = {q.unit: q for q in report.quantities}
    assert by_unit["month"].dimension == "duration" and by_unit["month"].bound == "upper"
    assert by_unit["soldier"].date == "2024-09-03"
    kinds = {t.span.text: (t.kind, t.value) for t in report.times}
    assert kinds["Almost a month into the incursion"] == ("duration", "P1M")
    assert kinds["Tuesday"] == ("date", "2024-09-03")


@pytest.mark.parametrize("text", ["", " ", "12", "$", "1,,,000 %%% ~~ 5-", "\u200b\u00a0 42 \ufeff"])
def test_odd_input_never_raises(nlp, text: str) -> None:
    doc = nlp(text)
    assert not [w for w in doc._.nl_warnings or [] if w.layer == "quantities"]
    assert isinstance(doc._.nl_quantities, list) and isinstance(doc._.nl_times, list)


@pytest.mark.parametrize(
    "text", ["12", "1,,,000 %%% ~~ 5- $ 3.", "\u200b\u00a0 42 km\ufeff", "9" * 400 + " people died, 1/0 %"]
)
def test_spans_point_at_the_text(text: str) -> None:
    report = analyze_text(text)
    report.to_json()  # no inf or NaN: JSON must carry every figure
    for q in report.quantities:
        assert q.value is None or math.isfinite(q.value)
    assert not [w for w in report.warnings if w.layer == "quantities"]
    for q in report.quantities:
        assert (report.article.text[q.span.start:q.span.end]) == q.span.text


@pytest.mark.parametrize(
    ("text", "count_type"),
    [
        ("A journalist was killed in a car bomb explosion in Beirut.", "killed"),
        ("Gunmen kidnapped an aid worker in Mali.", "kidnapped"),
    ],
)
def test_a_single_victim_is_a_count_of_one(text: str, count_type: str) -> None:
    q = only(text)
    assert (q.value, q.count_type) == (1, count_type)


def test_an_article_alone_is_not_a_count() -> None:
    assert quantities("A man bought a car in Lviv.") == []


@pytest.mark.parametrize("text", [
    # a word for an amount, or a noun measuring out a plural, is a vague quantity: no figure
    "The commander said a huge number had been killed in the strike.",
    "The commander said a large number of fighters had been killed in the strike.",
    "A group of soldiers was captured near the river.",
])
def test_a_vague_amount_is_no_count_of_one(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(("text", "count_type"), [
    # an army's "eliminated" counts combatants put out of action, dead or wounded together
    ('The general staff said 1,260 Russian soldiers were "eliminated" during the last day.', "casualties"),
    ("Ukrainian forces eliminated 300 Russian troops near Bakhmut.", "casualties"),
    # of things it is no harm to anyone: a count with no count type
    ("The ministry eliminated 12 programmes last year.", None),
])
def test_combatants_eliminated_are_casualties(text: str, count_type: str | None) -> None:
    assert only(text).count_type == count_type


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Officials said 20 people were killed or wounded.", ["casualties"]),
        ("Four soldiers were killed and 12 were wounded.", ["killed", "wounded"]),
        ("The toll stood at 1,200 dead and 3,400 wounded.", ["killed", "wounded"]),
    ],
)
def test_killed_or_wounded_is_casualties(text: str, types: list[str]) -> None:
    assert [q.count_type for q in quantities(text)] == types


def test_what_a_casualty_count_measures() -> None:
    q = only("Gunmen kidnapped 12 aid workers in Mali.")
    assert q.measures == "number of aid workers kidnapped by Gunmen in Mali"


@pytest.mark.parametrize("text", [
    "One of the soldiers was killed in the shelling.",
    "He was one of three journalists detained in Moscow.",
])
def test_one_of_a_group_is_no_count_of_one(text: str) -> None:
    """"one of the soldiers" names a member of a group: the number and its noun stay as
    written, but it counts nothing the clause says (no count type, so no claim)."""
    ones = [q for q in quantities(text) if q.value == 1]
    assert len(ones) == 1
    q = ones[0]
    assert q.count_type is None and q.unit is not None
    assert q.measures is not None and q.measures.startswith("one of")
    assert not any(r.role == "victim" for r in q.related)


@pytest.mark.parametrize(("text", "target"), [
    ("Russian forces are within 10 km of Pokrovsk.", "Pokrovsk"),  # a radius around a place
    ("Pokrovsk lies 10 km away.", "Pokrovsk"),  # what lies that far off
    ("Kharkiv, located only 56 miles south, was shelled again.", "Kharkiv"),
])
def test_a_length_measured_to_a_place_is_a_distance_to_it(text: str, target: str) -> None:
    q = next(q for q in quantities(text) if q.dimension == "length")
    assert q.measures is not None and q.measures.startswith("distance") and q.measures.endswith(f"to {target}")
    assert any(r.role == "to" and r.span.text == target for r in q.related)
    assert not any(r.role in ("of", "actor") and r.span.text == target for r in q.related)


@pytest.mark.parametrize("text", ["They built 200 km of road.", "The convoy advanced 20 miles south."])
def test_a_length_of_a_thing_or_a_move_is_no_distance_to_it(text: str) -> None:
    q = only(text)
    assert q.measures is not None and not q.measures.startswith("distance")


def test_a_compound_between_a_number_and_its_noun_is_counted(nlp) -> None:
    """"a 12 page document" parsed with the number on "document" and "page" as its compound:
    the pages are counted. (spaCy makes a new Token on each access, so this rule compares
    indices; comparing tokens by identity never matched and the document was counted.)"""
    from spacy.tokens import Doc

    from newsledger.nlp.quantities.relations import counted_noun

    doc = Doc(nlp.vocab, words=["a", "12", "page", "document"], heads=[3, 3, 3, 3],
              deps=["det", "nummod", "compound", "ROOT"], pos=["DET", "NUM", "NOUN", "NOUN"],
              tags=["DT", "CD", "NN", "NN"])
    noun = counted_noun(doc, doc[1:2])
    assert noun is not None and noun.text == "page"


@pytest.mark.parametrize(("text", "role"), [
    ("Four people were killed in occupied parts of eastern Ukraine, officials said.", "within"),
    ("Two people were killed in the city of Kharkiv, officials said.", "place"),
])
def test_a_count_in_a_part_of_a_place_is_within_it(text: str, role: str) -> None:
    """A count about parts of a country is another place level than the country's total."""
    q = only(text)
    assert q.count_type == "killed"
    assert [r.role for r in q.related if r.place_id] == [role]


def test_a_count_measures_what_was_done_to_it() -> None:
    """"Russia has lost 24,000 soldiers": soldiers lost, not soldiers deployed."""
    q = only("Russia has lost nearly 24,000 soldiers in the war.")
    assert q.count_type == "troops" and q.measures is not None and "lost by Russia" in q.measures


@pytest.mark.parametrize(("text", "figure", "roles"), [
    # where displaced people left ("from"), went ("to") and are ("in"), by their role in the clause
    ("Thousands of people fled from Mariupol to Zaporizhzhia on Sunday.", "Thousands of people",
     {"from": "Mariupol", "to": "Zaporizhzhia"}),
    ("More than six million people have fled Ukraine.", "More than six million people", {"from": "Ukraine"}),
    ("About 1.5 million people have been internally displaced in Ukraine.", "About 1.5 million people",
     {"in": "Ukraine"}),
    # the country that takes refugees in is their host, not the actor of their flight
    ("Moldova has taken in 100,000 refugees since the war began.", "100,000 refugees", {"host": "Moldova"}),
])
def test_a_displacement_count_knows_where_people_left_went_and_are(text, figure, roles) -> None:
    q = next(q for q in quantities(text) if q.span.text == figure)
    assert q.count_type == "displaced"
    got = {r.role: r.span.text for r in q.related}
    assert {k: got.get(k) for k in roles} == roles


def test_a_count_typed_by_its_object_predicate_and_the_word_after_it() -> None:
    text = "The attacks on Kharkiv left at least 10 people dead and more than a dozen wounded, officials said."
    types = {q.span.text: q.count_type for q in quantities(text)}
    assert types == {"at least 10 people": "killed", "more than a dozen": "wounded"}


def test_a_compound_of_victims_does_not_type_what_it_modifies() -> None:
    q = only("Ukraine and Russia held two prisoner swaps in Donetsk last year.")
    assert q.count_type is None  # swaps are counted, not prisoners


def test_troops_that_are_the_subject_of_their_verb_are_placed_by_it() -> None:
    q = only("As many as 150,000 Russian troops massed near the border with Ukraine.")
    assert q.count_type == "troops"
    assert q.measures is not None and "massed near" in q.measures
    assert {r.role: r.span.text for r in q.related}.get("near") == "border"


def test_a_length_in_apposition_is_the_distance_of_the_noun_before_it() -> None:
    q = only("Satellite imagery provided by a company of Millerovo Airfield, 16 miles from the Ukraine border, "
             "shows tents.")
    roles = {r.role: r.span.text for r in q.related}
    assert roles.get("actor") == "Millerovo Airfield" and "Ukraine border" in roles.get("to", "")


@pytest.mark.parametrize(("text", "negated"), [
    # the figure's own clause is denied: passive, progressive, modal, "never", a control verb
    ("Russian troops are not being deployed to the border, and 5,000 soldiers were not sent to Belarus.", True),
    ("The Pentagon said 3,000 U.S. troops would not be deployed to Ukraine.", True),
    ("Russia has never deployed 100,000 troops near the border with Ukraine.", True),
    ("The attack did not kill 12 civilians in Kharkiv, officials said.", True),
    ("The 4,000 soldiers on standby are not currently being deployed, a spokesman said.", True),
    ("The army did not manage to send 5,000 troops to the front.", True),
    # a negation elsewhere in the sentence governs another clause: the figure's is asserted
    ("Russian troops, 5,000 of them, are not being deployed to the border.", True),
    ("Officials did not say why 3,000 troops were sent to Poland.", False),
    ("Russian troops are not being deployed to the border, where 5,000 of them were stationed last year.", False),
    ("Russia has deployed 100,000 troops near the border with Ukraine.", False),
    # a subject coordinated by "neither ... nor" denies its verb, and a denied verb denies
    # its declarative complement; never an indirect question, which presupposes the figure
    ("Neither Kyiv nor Moscow reported 40 soldiers killed in the attack on Kharkiv.", True),
    ("Neither the army nor the ministry confirmed that 40 soldiers were killed in Kharkiv.", True),
    ("The army and the ministry confirmed that 40 soldiers were killed in Kharkiv.", False),
    ("Officials did not confirm whether 3,000 troops were sent to Poland.", False),
    # "no more than" bounds the figure; it denies nothing
    ("No more than 5,000 troops were deployed to Romania.", False),
])
def test_a_figure_of_a_denied_clause_is_marked_negated(text: str, negated: bool) -> None:
    q = only(text)
    assert q.negated is negated
