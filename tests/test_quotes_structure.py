"""Who said it (issue 17, second pass): a reporting verb whose only complement is a noun
phrase needs a subject that can speak; "the minister" goes back to the one person named
earlier with that role; news quoting conventions (a quote running over paragraphs, "– said X",
a floating quotation). Each text is written for this test and run through the real pipeline."""

from __future__ import annotations

from helpers import analyze_text, quotes_with


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


def test_thats_according_to_points_back_to_the_paragraph_before() -> None:
    text = ("Moscow bought drones worth $100 million from China this year, thirty times more than Kyiv did.\n\n"
            "That's according to Politico.\n\nThe trade has grown since the spring.")
    q = quotes_with(text, "thirty times more")
    assert len(q) == 1 and q[0].kind == "according-to" and q[0].source is not None
    assert q[0].source.name == "Politico"
    assert q[0].content[0].text.startswith("Moscow bought drones")


def test_this_was_reported_by_points_back_too() -> None:
    text = ("The arrest of the former officer may show a shift in the balance of power in Moscow.\n\n"
            "This was reported by the Institute for the Study of War in its latest update.")
    q = quotes_with(text, "balance of power")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name is not None and "Institute for the Study of War" in q[0].source.name


def test_an_honorific_and_surname_is_the_full_name_given_earlier() -> None:
    text = ("Outgoing prime minister Natalia Gavrilita resigned on Friday.\n\n"
            "“We were faced with energy blackmail,” Ms Gavrilita said at a news conference.")
    q = quotes_with(text, "energy blackmail")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Natalia Gavrilita"


def test_a_title_with_the_name_in_apposition_after_its_country() -> None:
    text = ("Federal Chancellor of Austria, Karl Nehammer, says it is unacceptable to confuse "
            "the criminal and the victim.")
    q = quotes_with(text, "unacceptable")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Karl Nehammer"


def test_the_head_of_state_continues_the_passage_speaker() -> None:
    text = ("“Sanctions are a weapon of hybrid war,” Robert Miller said.\n\n"
            "“We will never give in to that pressure,” the head of state said.")
    q = quotes_with(text, "never give in")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Robert Miller"


def test_the_minister_after_a_spokesman_spoke_stays_a_description() -> None:
    text = ("“The shelling went on all night,” said John Baker, a spokesman for the army.\n\n"
            "“We will rebuild the bridge,” the minister said.")
    q = quotes_with(text, "rebuild the bridge")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name != "John Baker"


def test_allegedly_inside_a_quotation_is_the_speakers_word() -> None:
    text = "“Allegedly, their sanctions are selective and hit only officials,” Robert Miller said."
    q = quotes_with(text, "selective")
    assert len(q) == 1 and q[0].kind == "direct"


def test_a_survey_speaks_for_whoever_conducted_it() -> None:
    text = ("Most residents oppose any territorial concessions, according to a survey conducted by "
            "the Kyiv International Institute of Sociology.")
    q = [x for x in quotes_with(text, "territorial concessions") if x.kind == "according-to"]
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name is not None and "Kyiv International Institute" in q[0].source.name


def test_an_opening_quotation_takes_the_person_named_next() -> None:
    text = ("“We will not surrender a single village to the invaders, whatever the cost.”\n\n"
            "Those were the words of Oleksandr Syrskyi, the commander-in-chief, on Tuesday.")
    q = quotes_with(text, "single village")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Oleksandr Syrskyi"
    assert q[0].cue is None and q[0].source.confidence is not None and q[0].source.confidence < 0.9


def test_an_opening_quotation_stays_unattributed_when_the_next_name_is_no_speaker() -> None:
    text = ("“We will not surrender a single village to the invaders, whatever the cost.”\n\n"
            "Russian troops attacked the town of Vovchansk, where Oleksandr Syrskyi had visited.")
    assert quotes_with(text, "single village") == []


def test_a_dash_quotation_runs_from_the_opening_dash_to_the_attribution() -> None:
    text = ("President Andrzej Duda spoke in Warsaw on Tuesday.\n\n"
            "- More and more leaders are talking about sanctions on gas and oil. Russia pays for "
            "the war from this income - said the president.")
    q = quotes_with(text, "Russia pays for the war")
    assert len(q) == 1 and q[0].kind == "direct" and q[0].source is not None
    assert "More and more leaders" in q[0].content[0].text
    assert q[0].source.name == "Andrzej Duda"
    assert quotes_with(text, "sanctions on gas") == q  # the verb inside the quotation is no cue of its own


def test_a_dash_line_with_no_attribution_is_a_list_item() -> None:
    text = "The package includes:\n\n- Air defence missiles for the cities\n\n- Shells for the artillery"
    assert analyze_text(text).quotes == []


def test_a_paragraph_attributed_by_a_dash_line_after_it() -> None:
    text = ("Robert Miller spoke to the Russian president on Friday.\n\n"
            "Our unity, principles and values are not for sale\n\n"
            "- wrote the head of the council.")
    q = quotes_with(text, "not for sale")
    assert len(q) == 1 and q[0].kind == "direct"


def test_the_medium_a_statement_went_through_is_not_he() -> None:
    text = ("Robert Miller spoke on Friday. As he wrote on Twitter, the talks went well.\n\n"
            "He added that the sanctions would stay.")
    q = quotes_with(text, "sanctions would stay")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Robert Miller"


def test_a_name_inside_the_clause_before_a_colon_is_not_its_speaker() -> None:
    """The name before a colon labels the quotation ("Zelensky: “…”") only when it is not an
    argument inside the introducing clause: here NATO is what a war would be with."""
    text = ("The following excerpts from intelligence reports reject the idea that Russia could "
            "start a war with NATO: “Russia has suffered heavy losses in its army.”")
    assert not any(q.source is not None and q.source.name == "NATO" for q in analyze_text(text).quotes)
    labelled = quotes_with("Zelensky: “We will win this war.”", "win this war")
    assert len(labelled) == 1 and labelled[0].source is not None and labelled[0].source.name == "Zelensky"
