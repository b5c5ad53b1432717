"""The number, unit, range and qualifier readers on short texts (no spaCy needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.nlp.quantities.detect import find_figures
from newsledger.nlp.quantities.numbers import parse_digits, parse_vague, parse_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("a dozen", 12),
        ("two dozen", 24),
        ("twenty-eight", 28),
        ("four hundred and fifty", 450),
        ("twenty-eight thousand six hundred forty-two", 28642),
        ("a million", 1_000_000),
        ("half a million", 500_000),
        ("three thousand", 3000),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert parse_words(text) == value


@pytest.mark.parametrize("text", ["million", "score", "a", "one two", "twenty thirty"])
def test_not_one_number(text: str) -> None:
    assert parse_words(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens", 12, 120),
        ("hundreds", 100, 1000),
        ("thousands", 1000, 10000),
        ("tens of thousands", 10_000, 100_000),
        ("hundreds of thousands", 100_000, 1_000_000),
        ("several hundred", 300, 900),
    ],
)
def test_vague_amounts_are_ranges(text: str, low: float, high: float) -> None:
    assert parse_vague(text) == (low, high)


@pytest.mark.parametrize(("text", "value"), [("1,000", 1000), ("16369.03", 16369.03), (".5", 0.5), ("1/2", 0.5)])
def test_digits(text: str, value: float) -> None:
    assert parse_digits(text) == value


def one(text: str):
    figs = find_figures(text)
    assert len(figs) == 1, [text[f.start:f.end] for f in figs]
    return figs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "span"),
    [
        ("over more than 1,000 square kilometers of land", 1000, "km²", "more than 1,000 square kilometers"),
        ("now just 10 kilometers from Pokrovsk", 10, "km", "just 10 kilometers"),
        ("a 5.2-litre engine", 5.2, "L", "5.2-litre"),
        ("spent $13.6M on it", 13_600_000, "USD", "$13.6M"),
        ("a fine of PS6m was paid", 6_000_000, "GBP", "PS6m"),
        ("worth HK $216,925 in all", 216_925, "HKD", "HK $216,925"),
        ("a bill of 10.5 million Australian dollars", 10_500_000, "AUD", "10.5 million Australian dollars"),
        ("winds of 50mph", 50, "km/h", "50mph"),
        ("the vessel is 18m deep", 18, "m", "18m"),
        ("some 12.3m tonnes of fuel", 12_300_000, "t", "some 12.3m tonnes"),
        ("prices rose 3.5 per cent", 3.5, "%", "3.5 per cent"),
        ("RM79 a month", 79, "MYR/month", "RM79 a month"),
        ("a 640bhp engine", 640, "kW", "640bhp"),
        ("about 1.3bn euros", 1_300_000_000, "EUR", "about 1.3bn euros"),
    ],
)
def test_figures(text: str, value: float, unit: str, span: str) -> None:
    f = one(text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert text[f.start:f.end] == span


@pytest.mark.parametrize(
    ("text", "qualifier", "bound", "change"),
    [
        ("more than 1,000 people", "more than", "lower", "="),
        ("at least 156 people", "at least", "lower", "="),
        ("almost 3,000 sites", "almost", "upper", "="),
        ("up to 16 advisers", "up to", "upper", "="),
        ("nearly 78,000 times", "nearly", "upper", "="),
        ("about 200 supporters", "about", "approximate", "~"),
        ("just 10 kilometers", "just", "approximate", "="),
        ("exactly 13 units", None, "exact", "="),
    ],
)
def test_qualifiers(text: str, qualifier: str | None, bound: str, change: str) -> None:
    f = one(text)
    assert (f.qualifier, f.bound, f.change) == (qualifier, bound, change)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("a 5-10W laser", 5, 10, "W"),
        ("between 750000 and 800000 cars", 750_000, 800_000, None),
        ("from $800,000 to $1.3 million", 800_000, 1_300_000, "USD"),
        ("US $89 to $93 billion", 89e9, 93e9, "USD"),
        ("three or four years", 3, 4, "year"),
        ("1 to 1.5 degrees Celsius", 1, 1.5, "°C"),
        ("5% to 10%", 5, 10, "%"),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str | None) -> None:
    f = one(text)
    assert (f.low, f.high, f.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert f.value == pytest.approx((low + high) / 2)


@pytest.mark.parametrize(
    "text",
    [
        "increased by $43.6 billion to $419.2 billion",  # a change, then a level
        "rose 18 sen to RM23.50",  # different factors
        "around 25k or 40k cheaper",  # "or" joins only number words
    ],
)
def test_not_ranges(text: str) -> None:
    assert all(not f.is_range for f in find_figures(text))

PIECES = st.sampled_from(
    ["1,000", "12.5", "$", "£", "km", "m", "%", " to ", "-", "between ", " and ", "more than ",
     "dozens", "tens of thousands", "seven", "a dozen", "bn", "F-16", " ", "(", ")", "2024",
     "9:30", "per cent", "minus", "~", "\u00a0", "x", "Â£", "1/2", ".5"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_figures_stay_inside_the_text(text: str) -> None:
    for f in find_figures(text):
        assert 0 <= f.start <= f.num_start < f.num_end <= f.end <= len(text)
        assert f.value == f.value  # not NaN
