"""Who said it (issue 17, second pass): a reporting verb whose only complement is a noun
phrase needs a subject that can speak; "the minister" goes back to the one person named
earlier with that role; news quoting conventions (a quote running over paragraphs, "– said X",
a floating quotation). Each text is written for this test and run through the real pipeline."""

from __future__ import annotations

from helpers import analyze_text
from newsledger.models import Quote


def quotes_with(text: str, phrase: str) -> list[Quote]:
    return [q for q in analyze_text(text).quotes if any(phrase in c.text for c in q.content)]


def test_a_brand_offering_goods_is_not_speech() -> None:
    assert quotes_with("Lakefront offers about 30 styles of cabinets in its new showroom.", "styles") == []


def test_an_image_showing_something_is_not_speech() -> None:
    text = "This image released by the studio shows the actor in a scene from the film."
    assert quotes_with(text, "actor") == []


def test_a_person_or_role_noun_with_an_object_still_reports_a_stance() -> None:
    q = quotes_with("The minister criticized the plan on Monday.", "the plan")
    assert len(q) == 1 and q[0].source is not None and q[0].source.span is not None
    assert q[0].source.span.text == "The minister"
    assert quotes_with("Critics condemned the new tax.", "new tax")  # an agent noun can speak


def test_a_clause_as_content_keeps_a_document_subject() -> None:
    q = quotes_with("The report shows that the shelling killed four civilians.", "four civilians")
    assert len(q) == 1


def test_the_minister_goes_back_to_the_named_minister() -> None:
    text = ("John Smith, the British defence secretary, met Lloyd Austin on Monday. "
            "The secretary said the army would get new drones.")
    q = quotes_with(text, "new drones")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "John Smith"
    assert q[0].source.span is not None and q[0].source.span.text == "The secretary"
    assert q[0].source.confidence is not None and q[0].source.confidence < 0.94


def test_the_minister_picks_the_person_with_that_role_not_the_last_name() -> None:
    text = ("Britain's defence secretary, John Smith, met Anna Baker, the French foreign minister, "
            "and Peter Jones. The minister said the talks went well.")
    q = quotes_with(text, "talks went well")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Anna Baker"


def test_the_minister_with_two_ministers_named_stays_a_description() -> None:
    text = ("John Smith, the British defence minister, met Anna Baker, the French foreign minister. "
            "The minister said the talks went well.")
    q = quotes_with(text, "talks went well")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name not in ("John Smith", "Anna Baker")
