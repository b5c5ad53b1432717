"""Who said it (issue 17, seventh pass). Each text is written for this test and run through
the real pipeline."""

from __future__ import annotations

from helpers import quotes_with


def test_a_dash_quotation_in_a_paragraph_with_quotation_marks_is_direct_speech() -> None:
    # the paragraph quotes a phrase before the dash quotation, and the dash quotation quotes
    # one of its own: the dash quotation is still the speaker's words, with her as the source
    text = ("Maria Kowalska, the ministry's spokeswoman, urged diplomats to visit the show to see how "
            "\"the West wrecks the world\".- This show will interest all who still believe in the "
            "mythical \"Western values\" - said Kowalska.")
    q = quotes_with(text, "This show will interest")
    assert len(q) == 1 and q[0].kind == "direct" and q[0].source is not None
    assert q[0].source.name == "Maria Kowalska"
    assert "Western values" in q[0].content[0].text  # the phrase it quotes is inside its words
    assert not quotes_with(text, "said Kowalska")


def test_a_clause_ending_on_the_dash_that_opens_a_quotation_does_not_take_its_words() -> None:
    # ".-" is one token: the question's clause ends on the dash that opens the answer, and
    # must not grow over the answer, which is the president's, not the journalists'
    text = ("Tom Walsh was asked by journalists whether in his opinion the army has already decided on "
            "the invasion of the island.- At the moment I am sure that the generals made a decision.We "
            "have reasons to be careful - he replied.")
    q = quotes_with(text, "the generals made a decision")
    assert len(q) == 1 and q[0].kind == "direct" and q[0].source is not None
    assert q[0].source.name == "Tom Walsh"
    asked = quotes_with(text, "already decided on the invasion")
    assert all("generals" not in c.text for x in asked for c in x.content)


def test_a_verb_after_a_closing_dash_taken_for_a_modifier_of_the_name_is_a_cue() -> None:
    # the next sentence is glued on ("Scholz.He"): the parser reads "said Scholz" as a name
    # with a modifier; the dash quotation before it is still his, and the phrase is his name
    text = ("Olaf Scholz opened the conference on Saturday.\n\n"
            "The talks began early.- Russia made the question of possible membership of Ukraine in "
            "NATO a casus belli, which is a paradox because the decision is not planned in this "
            "matter - said Scholz.He noted, however, that the West is ready to negotiate on Russian "
            "security demands.")
    q = quotes_with(text, "a casus belli")
    assert len(q) == 1 and q[0].kind == "direct" and q[0].source is not None
    assert q[0].source.name == "Olaf Scholz"
    assert q[0].source.span is not None and q[0].source.span.text == "Scholz"
