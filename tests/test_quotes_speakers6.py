"""Speaker links, sixth pass (issue 17): a given name the NER left out of one mention is no
role or affiliation of the person; a one-word name that begins one longer name of the article
is that name (family name first, "President LI" after "LI Qiang"); "the Chancellor in his
remarks" still goes back to the named holder. Each text is written for this test and run
through the real pipeline."""

from __future__ import annotations

from helpers import analyze_text, quotes_with


def test_a_given_name_left_out_of_one_mention_is_no_affiliation() -> None:
    text = ("Olaf Scholz told Xi Jinping that the invasion threatens global security.\n\n"
            "Olaf Scholz came to China on Sunday with managers of German companies. Olaf Scholz "
            "said that Europe wants to reduce the risk.")
    q = quotes_with(text, "Europe wants to reduce")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Olaf Scholz"
    assert q[0].source.affiliation is None and q[0].source.role is None


def test_a_one_word_name_that_begins_a_longer_name_is_that_name() -> None:
    text = ("LI Qiang met the delegation in Beijing on Monday.\n\n"
            "Cooperation between the two countries \"does not pose a threat to anyone\", said "
            "President LI.")
    q = quotes_with(text, "Cooperation between")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "LI Qiang" and q[0].source.role == "President"


def test_the_chancellor_in_his_remarks_goes_back_to_the_holder() -> None:
    text = ("Chancellor Anna Berger met the prime minister in Vienna.\n\n"
            "The Chancellor in his opening remarks said that the war has hurt the economy of Europe.")
    q = quotes_with(text, "hurt the economy")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Anna Berger" and q[0].source.link == "role"


def test_the_minister_at_a_body_is_not_a_back_reference() -> None:
    text = ("Defence minister Anna Berger met the prime minister in Vienna.\n\n"
            "The minister at the embassy said that the war has hurt the economy of Europe.")
    q = quotes_with(text, "hurt the economy")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name != "Anna Berger"


def test_the_us_vice_president_goes_back_to_the_american_holder() -> None:
    # "US" matches the holder's country of two words, "United States"
    text = ("The talks were opened by the American Vice President Karen Miller on Saturday.\n\n"
            "The US Vice President during her speech said that the borders of states should not be "
            "changed by force.")
    q = quotes_with(text, "borders of states")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Karen Miller" and q[0].source.link == "role"


def test_a_place_after_the_body_of_the_head_is_no_second_affiliation() -> None:
    text = ("Maria Lindqvist said on Friday that the Commission would not rely on Russian gas.\n\n"
            "The world faces the greatest concentration of troops in decades, said the head of the "
            "Commission at the Munich Security Conference.")
    q = quotes_with(text, "greatest concentration")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Maria Lindqvist" and q[0].source.link == "role"


def test_a_name_inside_reported_words_is_not_the_next_he() -> None:
    # John Brown is inside the senator's reported words: "He noted" is not him
    text = ("Peter Novak spoke first. The agreement signed by John Brown was a mistake, the senator "
            "said. He noted that the West is ready to negotiate.")
    q = quotes_with(text, "ready to negotiate")
    assert len(q) == 1 and q[0].source is not None and q[0].source.span is not None
    assert q[0].source.span.text == "He" and q[0].source.name != "John Brown"


def test_a_dash_quotation_closed_by_an_inverted_cue_is_the_speaker_after_the_verb() -> None:
    # the parser hangs "emphasized" on the quoted verb and inherits its subject, Anna Berger,
    # from inside the quotation; the speaker is the unnamed official after the verb
    text = ("One of the senior EU diplomats spoke to the Polish Radio on Friday.\n\n"
            "- President Anna Berger condemned the war unleashed by Russia, described the costs of "
            "sanctions in detail - emphasized one of the EU officials. He added that the council also "
            "confirmed its support for Ukraine.")
    q = quotes_with(text, "condemned the war")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.named is False and q[0].source.name != "Anna Berger"
    assert not quotes_with(text, "one of the EU officials")  # the speaker is not content
    added = quotes_with(text, "confirmed its support")
    assert added and added[0].source is not None and added[0].source.name != "Anna Berger"
    assert added[0].source.named is False


def test_i_outside_quotation_marks_is_the_speaker_named_in_its_paragraph() -> None:
    # no quotation marks around "I will say": it is still Hansen's, who is named as the
    # speaker at the end of the paragraph
    text = ("The talks will go on, said the Danish Prime Minister Lars Hansen on Monday.\n\n"
            "Answering the question of whether the talks are \"over\", I will say that I know the two "
            "sides agreed on a new round in May, said Hansen during a speech in parliament.")
    q = [x for x in quotes_with(text, "agreed on a new round")
         if x.source is not None and x.source.span is not None and x.source.span.text == "I"]
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Lars Hansen" and q[0].source.link == "carried"


def test_i_with_no_person_speaking_in_its_paragraph_stays_unresolved() -> None:
    text = ("The talks will go on, said the Danish Prime Minister Lars Hansen on Monday.\n\n"
            "I will say that the two sides agreed on a new round in May.")
    q = quotes_with(text, "agreed on a new round")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name != "Lars Hansen"


def test_a_descriptor_that_is_no_office_does_not_block_the_role_link() -> None:
    text = ("Russian billionaire Pavel Orlov has criticised the war, calling on the West to do more to "
            "\"stop this massacre\" in a post on Tuesday. \"I don't see a single winner of this insane "
            "war,\" the founder of Orlov Bank wrote.")
    q = quotes_with(text, "single winner")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Pavel Orlov" and q[0].source.link == "role"


def test_an_office_of_another_kind_still_blocks_the_role_link() -> None:
    text = ("Army spokesman Pavel Orlov said on Tuesday that the bridge was destroyed. \"We will "
            "rebuild it within a week,\" the minister wrote.")
    q = quotes_with(text, "rebuild it")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name != "Pavel Orlov"


def test_a_role_with_its_holder_named_only_later_is_that_holder() -> None:
    text = ("A corridor has been agreed for the evacuation of civilians from the city, according to "
            "the Ukrainian Deputy Prime Minister, but the route is under fire.\n\n"
            "Ukrainian Deputy Prime Minister Olena Kovalchuk said on Wednesday that the convoy would "
            "leave at noon.")
    q = quotes_with(text, "corridor has been agreed")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Olena Kovalchuk" and q[0].source.link == "after"


def test_a_capitalised_title_with_no_holder_is_a_description_not_a_name() -> None:
    text = "The talks will resume in May, the Austrian Chancellor said on Monday after a meeting in Vienna."
    q = quotes_with(text, "talks will resume")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.named is False and q[0].source.name == "the Austrian Chancellor"
    assert q[0].source.role == "Chancellor" and q[0].source.affiliation == "Austria"


def test_an_opening_description_is_the_person_the_next_sentence_names_as_subject() -> None:
    text = ("The new head of the British Navy has said that sailors must be ready to defend the coast.\n\n"
            "Admiral Sir John Harrison, who started the job last week, addressed all ranks in a message "
            "on Friday.")
    q = quotes_with(text, "ready to defend the coast")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name is not None
    assert q[0].source.name.endswith("John Harrison") and q[0].source.link == "after"


def test_an_appositive_role_is_preferred_to_a_bare_rank_before_the_name() -> None:
    text = ("\"The enemy is pressing on every axis,\" said Colonel Petro Hnatiuk, a spokesman for "
            "Ukraine's southern group of forces.")
    report = analyze_text(text)
    person = next(e for e in report.entities if e.label == "PERSON")
    assert person.role == "spokesman" and person.affiliation == "Ukraine's southern group of forces"
    assert any(t.text == "Colonel" for t in person.titles)  # the rank stays a title
    q = quotes_with(text, "pressing on every axis")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.role == "spokesman" and q[0].source.affiliation == "Ukraine's southern group of forces"


def test_a_rank_with_no_appositive_stays_the_role() -> None:
    q = quotes_with("\"The enemy is pressing on every axis,\" said Colonel Petro Hnatiuk.", "pressing")
    assert len(q) == 1 and q[0].source is not None and q[0].source.role == "Colonel"


def test_a_role_link_gives_a_holder_with_no_known_role_the_description_s_role() -> None:
    text = ("Olaf Scholz said on Sunday that the invasion threatens global security. During the "
            "meeting in Beijing, the German Chancellor insisted that China should put more pressure "
            "on Russia.")
    q = quotes_with(text, "more pressure")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Olaf Scholz"
    assert q[0].source.role == "Chancellor" and q[0].source.affiliation == "Germany"


def test_they_is_the_plural_subject_earlier_in_its_sentence() -> None:
    text = ("On Thursday, the Red Cross said it had seen a troubling pattern of strikes. Rescuers from "
            "the emergency service often arrive before everyone else, and they also say the threat of "
            "repeat strikes is growing.")
    q = quotes_with(text, "repeat strikes")
    assert len(q) == 1 and q[0].source is not None
    assert q[0].source.name == "Rescuers" and q[0].source.named is False
