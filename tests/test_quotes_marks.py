"""Quotation-mark scanning: every surface form, and odd input that must never raise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.nlp.quotes.marks import scan


def quoted(text: str) -> list[str]:
    return [text[r.start:r.end] for r in scan(text).regions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will hold” and left.", ["“we will hold”"]),
        ('He said "we will hold" and left.', ['"we will hold"']),
        ("He said ''we will hold'' and left.", ["''we will hold''"]),
        ("He said «we will hold» and left.", ["«we will hold»"]),
        ("“A,” he said, “B.”", ["“A,”", "“B.”"]),
        ('"One" and "two"', ['"One"', '"two"']),
        # headline single quotes, while apostrophes stay apostrophes
        ("Clinton calls it ‘crazy system’ at the Smiths’ farm", ["‘crazy system’"]),
        ("The soldiers’ families and Kyiv’s mayor", []),
        # a closing mark at a line start that opens the line (a common typo)
        ("”We will win,” she said.", ["”We will win,”"]),
    ],
)
def test_quotation_regions(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_quotation_over_paragraphs_is_one_group() -> None:
    text = "“First paragraph of the quote.\n“Second paragraph,” she said."
    regions = scan(text).regions
    assert [text[r.start:r.end] for r in regions] == ["“First paragraph of the quote.", "“Second paragraph,”"]
    assert regions[0].group == regions[1].group
    assert not regions[0].closed and regions[1].closed
    assert scan(text).unbalanced == 0


@pytest.mark.parametrize(
    ("text", "region", "unbalanced"),
    [
        ('The mayor said "the city will stand.\nNext paragraph.', '"the city will stand.', 1),
        ("An opener “never closed, then “a second one.”", "“never closed, then ", 1),
        ("A stray closing mark” here.", None, 1),
    ],
)
def test_unbalanced_marks_degrade(text: str, region: str | None, unbalanced: int) -> None:
    found = scan(text)
    assert found.unbalanced == unbalanced
    if region is not None:
        assert region in [text[r.start:r.end] for r in found.regions]


@given(st.text(alphabet=st.sampled_from(list("ab ,.\n\"“”‘’'«»:—")), max_size=200))
def test_scan_never_raises_and_stays_in_bounds(text: str) -> None:
    regions = scan(text).regions
    for r in regions:
        assert 0 <= r.start < r.end <= len(text)
    starts = [r.start for r in regions]
    assert starts == sorted(starts)


def test_component_on_an_unparsed_doc_degrades() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("newsledger_quotes")  # by name: the entry point declares the factory
    out = nlp("“We will win,” he said. According to officials, it is over. Zelensky: “No.”")
    assert isinstance(out._.nl_quotes, list)
    assert all(w.code in ("W201", "W202") for w in out._.nl_warnings or [])


def test_a_dash_quotation_in_a_line_with_quotation_marks() -> None:
    # issue 17: a dash quotation after a quoted phrase in the same paragraph, holding a
    # quoted phrase of its own; the phrase it holds is part of its words, not a region
    text = ('Maria Kowalska urged diplomats to visit the show to see how "the West wrecks the '
            'world".- This show will interest all who still believe in the mythical "Western '
            'values" - said Kowalska.')
    assert quoted(text) == [
        '"the West wrecks the world"',
        '- This show will interest all who still believe in the mythical "Western values"',
    ]


def test_a_dash_span_that_crosses_a_quotation_is_no_dash_quotation() -> None:
    # the "dash" span would end inside the quotation that opens before its closing dash
    text = 'Talks resumed. - They are "hard - said one of them - but useful" in the end.'
    assert quoted(text) == ['"hard - said one of them - but useful"']
