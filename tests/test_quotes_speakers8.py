"""Who said it (issue 17, eighth pass). Each text is written for this test and run through
the real pipeline."""

from __future__ import annotations

from helpers import quotes_with


def test_a_description_ending_in_a_name_after_an_inverted_cue_is_that_person() -> None:
    # "- said the President of the United States Joe Biden.": the phrase ends its clause
    q = quotes_with("The rebels plan to attack the town in the coming days - said the President of the "
                    "United States Joe Biden.", "The rebels plan")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Joe Biden"


def test_a_description_with_no_name_after_an_inverted_cue_stays_a_description() -> None:
    q = quotes_with("The rebels will attack the town, said the head of the army's press office.", "The rebels")
    assert len(q) == 1 and q[0].source is not None and "head" in q[0].source.name
