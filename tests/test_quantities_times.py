"""Time expressions normalised against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import analyze_text
from newsledger.nlp.quantities.times import normalise

ANCHOR = dt.date(2024, 9, 5)  # a Thursday


@pytest.mark.parametrize(
    ("text", "kind", "value", "approximate"),
    [
        ("2024-08-06", "date", "2024-08-06", False),
        ("September 1, 2024", "date", "2024-09-01", False),
        ("1 September 2019", "date", "2019-09-01", False),
        ("Aug. 14", "date", "2024-08-14", False),
        ("last March", "date", "2024-03", False),
        ("December", "date", "2023-12", False),
        ("2016", "date", "2016", False),
        ("on Tuesday", "date", "2024-09-03", False),
        ("Thursday", "date", "2024-09-05", False),
        ("last Thursday", "date", "2024-08-29", False),
        ("yesterday", "date", "2024-09-04", False),
        ("last week", "date", "2024-W35", False),
        ("last month", "date", "2024-08", False),
        ("next year", "date", "2025", False),
        ("three months", "duration", "P3M", False),
        ("almost a month into the incursion", "duration", "P1M", True),
        ("the past 24 hours", "duration", "PT24H", False),
        ("48-hour", "duration", "PT48H", False),
        ("two weeks ago", "date", "2024-08-22", False),
        ("daily", "set", "P1D", False),
        ("the 1990s", "date", "199X", True),
        ("mid-2023", "date", "2023", True),
        ("the past decade", "duration", "P10Y", False),
    ],
)
def test_normalise(text: str, kind: str, value: str, approximate: bool) -> None:
    r = normalise(text, ANCHOR)
    assert r is not None
    assert (r.kind, r.value, r.approximate) == (kind, value, approximate)


@pytest.mark.parametrize("text", ["on Tuesday", "last week", "yesterday"])
def test_relative_without_anchor(text: str) -> None:
    r = normalise(text, None)
    assert r is not None and r.kind == "relative" and r.value is None


def test_times_in_an_article() -> None:
    report = analyze_text(
        "On Tuesday, officials said the siege had lasted three months. Before the invasion, "
        "the town had 20,000 residents.",
        published="2024-09-05",
    )
    got = {t.span.text: (t.kind, t.value, t.anchor) for t in report.times}
    assert got["Tuesday"] == ("date", "2024-09-03", "2024-09-05")
    assert got["three months"][:2] == ("duration", "P3M")
    assert got["Before the invasion"][0] == "relative"
    for t in report.times:
        assert report.article.text[t.span.start:t.span.end] == t.span.text
