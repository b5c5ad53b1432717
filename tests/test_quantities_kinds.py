"""Figure kinds of issue 20, on short sentences written here: compound amounts, conversions in
brackets, fractions, rates, non-figures (dotted dates, clock times, scores) and what a count
measures (its own clause, combined casualty verbs)."""

from __future__ import annotations

import math

import pytest

from helpers import analyze_text
from newsledger.eval.quantities import case_problems, kind_cases, scored_figures
from newsledger.nlp.quantities.detect import find_figures
from newsledger.nlp.quantities.numbers import find_fractions, parse_digits


def figures(text: str):
    return analyze_text(text).quantities


def one(text: str, number: str):
    """The one figure whose span holds ``number``."""
    hits = [q for q in figures(text) if number in q.span.text]
    assert len(hits) == 1, [q.span.text for q in figures(text)]
    return hits[0]


# ------------------------------------------------------------------ pure readers


@pytest.mark.parametrize(
    ("raw", "value"),
    [("½", 0.5), ("15½", 15.5), ("3¾", 3.75), ("2 ½", 2.5), ("⅔", 2 / 3), ("1,000", 1000.0)],
)
def test_parse_digits_reads_vulgar_fractions(raw: str, value: float) -> None:
    got = parse_digits(raw)
    assert got is not None and math.isclose(got, value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("nearly two-thirds of the stock", "two-thirds", 2 / 3),
        ("three quarters of the grid", "three quarters", 0.75),
        ("a fifth of the fleet", "a fifth", 0.2),
        ("one and a half years", "one and a half", 1.5),
        ("twenty-two and a half tonnes", "twenty-two and a half", 22.5),
        ("3 and a quarter miles", "3 and a quarter", 3.25),
    ],
)
def test_fraction_words(text: str, phrase: str, value: float) -> None:
    cores = find_fractions(text)
    assert [text[c.start:c.end] for c in cores] == [phrase]
    assert math.isclose(cores[0].value, value)


@pytest.mark.parametrize(
    "text", ["the second half of the match", "in the third quarter", "a quarter-final", "one-third-party deal"]
)
def test_fraction_words_left_alone(text: str) -> None:
    assert find_fractions(text) == []


def test_compound_amount_is_one_figure_on_characters() -> None:
    text = "a budget of $4 billion 250 million and 2 million 7 tanks"
    figs = find_figures(text)
    assert [text[f.start:f.end] for f in figs][:1] == ["$4 billion 250 million"]
    assert figs[0].value == 4.25e9 and figs[0].compound
    # "2 million 7": the second part has no scale, so it is another figure
    assert any(text[f.start:f.end] == "7" for f in figs)


def test_parts_of_a_list_are_not_a_compound() -> None:
    text = "Kyiv asked for $3 billion, 500 million more later"
    figs = find_figures(text)
    assert [f.value for f in figs] == [3e9, 5e8]


def test_conversion_is_kept_on_the_figure_on_characters() -> None:
    text = "a column 12 miles (19km) long"
    figs = find_figures(text)
    assert len(figs) == 1
    f = figs[0]
    assert text[f.start:f.end] == "12 miles (19km)"
    assert [text[c.start:c.end] for c in f.conversions] == ["19km"]


def test_bracketed_figure_of_another_dimension_is_not_a_conversion() -> None:
    text = "a convoy 40 miles long ($3m of fuel)"
    figs = find_figures(text)
    assert all(not f.conversions for f in figs)


# ------------------------------------------------------------------ through the pipeline


def test_compound_amount_in_a_sentence() -> None:
    q = one("The defence ministry has spent $7 billion 420 million on drones.", "$7 billion")
    assert q.span.text == "$7 billion 420 million"
    assert (q.value, q.unit, q.dimension) == (7.42e9, "USD", "currency")


def test_repeated_currency_sign_compound() -> None:
    q = one("Reconstruction has cost $ 5 billion $ 60 million so far.", "billion")
    assert (q.value, q.unit) == (5.06e9, "USD")


def test_conversion_keeps_both_spans() -> None:
    text = "The drone flew 250 miles (400km) into Russia."
    q = one(text, "250")
    assert q.span.text == "250 miles (400km)"
    assert (q.value, q.unit, q.unit_text) == (250, "km", "miles")
    assert len(q.conversions) == 1
    c = q.conversions[0]
    assert (c.span.text, c.value, c.unit) == ("400km", 400, "km")
    assert text[c.span.start:c.span.end] == "400km"
    assert c.si_value == 400
    # NewsQuant counts the two as two mentions: the scorer does too
    assert [s.value for s in scored_figures([q])] == [250, 400]


def test_currency_conversion_with_two_equivalents() -> None:
    q = one("Kyiv received 50bn euros ($54bn; £43bn) last year.", "50bn")
    assert q.unit == "EUR"
    assert [(c.value, c.unit) for c in q.conversions] == [(54e9, "USD"), (43e9, "GBP")]


def test_mixed_fraction_with_a_unit() -> None:
    q = one("The parcel weighed 3½ pounds.", "3½")
    assert q.value == 3.5 and q.unit == "kg" and q.unit_text == "pounds"


def test_fraction_is_a_share_of_what_follows() -> None:
    q = one("Almost two-thirds of the schools in the region were damaged.", "two-thirds")
    assert math.isclose(q.value or 0, 2 / 3)
    assert (q.unit, q.dimension, q.bound) == ("fraction", "fraction", "upper")
    assert q.measures is not None and q.measures.startswith("share of schools")


def test_one_and_a_half_million() -> None:
    q = one("Donors gave one and a half million euros.", "one and a half")
    assert (q.value, q.unit) == (1.5e6, "EUR")


@pytest.mark.parametrize(
    ("text", "number", "period"),
    [
        ("Ukrainian gunners fire about 6,000 shells each day.", "6,000", "day"),
        ("Moscow recruits 20,000 soldiers per month.", "20,000", "month"),
        ("Every week, the army loses 300 vehicles.", "300", "week"),
        ("The city spends $2m a week on repairs.", "$2m", "week"),
        ("Refineries process 40,000 barrels daily.", "40,000", "day"),
    ],
)
def test_rates_are_a_field(text: str, number: str, period: str) -> None:
    assert one(text, number).rate_per == period


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("A week later, 15 soldiers were captured.", "15"),
        ("Some 200 people fled a day after the strike.", "200"),
        ("It took 12 soldiers a month of fighting to cross.", "12"),
        ("Russian strikes killed 14 civilians in a day.", "14"),
    ],
)
def test_a_period_that_is_not_a_rate(text: str, number: str) -> None:
    assert one(text, number).rate_per is None


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The ceasefire held on 14.03 and 15.03 across the front.", ["14.03", "15.03"]),
        ("Sirens sounded until 06.30 in Odesa.", ["06.30"]),
        ("The strike came at 4.45 local time.", ["4.45"]),
        ("Dynamo lost a 0-2 game to Zorya.", ["0-2"]),
        ("Metalist beat Kolos 2-1.", ["2-1"]),
        ("Zorya won 4-2 victory in Luhansk.", ["4-2"]),
    ],
)
def test_dates_times_and_scores_are_not_figures(text: str, absent: list[str]) -> None:
    spans = [q.span.text for q in figures(text)]
    for a in absent:
        assert not any(a in s for s in spans), spans


def test_dotted_numbers_that_are_figures_stay() -> None:
    # a level after "closed at", and a decimal with a unit, are figures
    assert [q.value for q in figures("The hryvnia closed at 36.57 on Monday.")] == [36.57]
    assert one("Prices rose 12.05% in May.", "12.05").unit == "%"


def test_place_comes_from_the_figure_clause_not_the_source() -> None:
    q = one("At least 20 civilians were killed in Kramatorsk, according to officials in Russia.", "20")
    assert q.count_type == "killed"
    places = [r.span.text for r in q.related if r.role == "place"]
    assert "Russia" not in " ".join(places)
    assert q.measures is not None and "Russia" not in q.measures


def test_no_place_from_another_clause() -> None:
    q = one("Nearly 300,000 people have fled their homes since Russia invaded.", "300,000")
    assert q.count_type == "displaced"
    assert not any(r.role == "place" for r in q.related)
    assert q.measures is not None and "Russia" not in q.measures


def test_combined_casualty_verbs_are_one_count() -> None:
    q = one("Kyiv says its troops have killed, wounded or captured 2,300 Russian soldiers.", "2,300")
    assert q.count_type == "casualties"
    assert q.measures is not None and "killed, wounded or captured" in q.measures


def test_two_verbs_with_their_own_counts_stay_apart() -> None:
    qs = figures("Four soldiers were killed and nine wounded in the attack.")
    assert sorted((q.value, q.count_type) for q in qs) == [(4, "killed"), (9, "wounded")]


# ------------------------------------------------------------------ the packaged sentences


@pytest.mark.parametrize("case", kind_cases(), ids=lambda c: c["text"][:40])
def test_packaged_figure_kind_sentences(case: dict) -> None:
    """Every hand-written sentence that `newsledger eval quantities` scores is right."""
    assert case_problems(case, figures(case["text"])) == []


# ------------------------------------------------------------------ what a count measures


def test_measures_leaves_out_the_number_itself() -> None:
    q = one("The 4,000 soldiers include paratroopers.", "4,000")
    assert q.measures == "number of soldiers"
    q = one("Belarus has massed an estimated 30,000 troops near the border.", "30,000")
    assert q.measures is not None and q.measures.startswith("number of troops")


def test_vague_count_measures_the_counted_noun() -> None:
    q = one("Hundreds of refugees are waiting at the crossing.", "Hundreds")
    assert (q.low, q.high, q.unit) == (100, 1000, "refugee")
    assert q.measures == "number of refugees"


def test_a_part_takes_the_noun_of_its_whole() -> None:
    qs = figures("The 4,000 troops include 2,500 from the marines and 1,500 who serve in Poland.")
    assert sorted((q.value, q.unit, q.count_type) for q in qs) == [
        (1500, "troop", "troops"), (2500, "troop", "troops"), (4000, "troop", "troops")]
    q = one("Some 60,000 people have crossed into Moldova since the shelling began, including 7,000 "
            "who arrived on Sunday.", "7,000")
    assert (q.unit, q.dimension, q.measures) == ("people", "count", "number of people")


def test_a_part_of_a_victim_count_shares_its_type() -> None:
    q = one("At least 30 civilians were killed, including 11 in Sumy.", "11")
    assert (q.unit, q.count_type) == ("civilian", "killed")


def test_a_bare_number_with_no_whole_stays_bare() -> None:
    q = one("The shipments include 2,000 from Odesa.", "2,000")
    assert q.unit is None


def test_a_hyphenated_count_describes_the_noun_it_modifies() -> None:
    q = one("Kyiv tabled a 12-point peace plan on Friday.", "12")
    assert (q.value, q.unit) == (12, "point")
    assert q.measures == "number of points of peace plan"
