"""Scraped copy that lost its paragraph breaks (issue 17, eighth pass): a dash quotation glued
to the sentence before it (".- We will ..."), several of them in one line, and one that a
translation closes with a quotation mark. Each text is written for this test; the quotes run
through the real pipeline."""

from __future__ import annotations

from helpers import quotes_with
from newsledger.nlp.pipeline import get_nlp
from newsledger.nlp.quotes.marks import scan


def _quoted(text: str) -> list[str]:
    return [text[r.start:r.end] for r in scan(text).regions]


def test_a_dash_glued_to_a_sentence_end_is_a_token_of_its_own() -> None:
    nlp = get_nlp()
    assert [t.text for t in nlp.make_doc("said the ministry.- We will")] == [
        "said", "the", "ministry", ".", "-", "We", "will"]
    assert [t.text for t in nlp.make_doc("in Ukraine.-If they")] == ["in", "Ukraine", ".", "-", "If", "they"]
    # hyphens inside words, and abbreviations, are as spaCy makes them
    assert [t.text for t in nlp.make_doc("a well-known self -rule, e.g. the U.S.")] == [
        "a", "well", "-", "known", "self", "-rule", ",", "e.g.", "the", "U.S."]


def test_a_question_mark_glued_to_the_next_sentence_is_a_token_of_its_own() -> None:
    nlp = get_nlp()
    assert [t.text for t in nlp.make_doc("Is it propaganda?Maria Kovalenko said no.")] == [
        "Is", "it", "propaganda", "?", "Maria", "Kovalenko", "said", "no", "."]
    assert [t.text for t in nlp.make_doc("Stop!Now")] == ["Stop", "!", "Now"]
    # a mark with a space after it, or before a lower-case letter, is as spaCy makes it
    assert [t.text for t in nlp.make_doc("Why? Because Yahoo!news")] == ["Why", "?", "Because", "Yahoo!news"]
    doc = nlp("Was it only propaganda?Maria Kovalenko, the foreign minister, said it was not.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Maria Kovalenko"]


def test_a_lower_case_word_glued_to_a_name_is_two_tokens() -> None:
    """"includingMaria Kovalenko": the space a scrape lost is put back, so the person's name
    is a name; brand names and short lower-case prefixes stay whole."""
    nlp = get_nlp()
    assert [t.text for t in nlp.make_doc("leaders, includingMaria Kovalenko, met")] == [
        "leaders", ",", "including", "Maria", "Kovalenko", ",", "met"]
    assert [t.text for t in nlp.make_doc("fighting inDonbas")] == ["fighting", "in", "Donbas"]
    # a heading glued to the pronoun that opens the next sentence
    assert [t.text for t in nlp.make_doc("DefenceHe said")] == ["Defence", "He", "said"]
    assert [t.text for t in nlp.make_doc("PowerPoint BlackRock iPhone eBay deGrom makeItWork")] == [
        "PowerPoint", "BlackRock", "iPhone", "eBay", "deGrom", "makeItWork"]
    assert [t.text for t in nlp.make_doc("WeChat OneThe")] == ["WeChat", "One", "The"]
    doc = nlp("Several leaders came, includingMaria Kovalenko, the foreign minister of the country.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Maria Kovalenko"]


def test_a_quotation_mark_glued_to_a_sentence_end_is_a_token_of_its_own() -> None:
    """'… out of Kharkiv."He added': the mark, the full stop and the pronoun are three tokens, so
    the next quotation's speaker is "he", not '"He'; an abbreviation keeps its full stop."""
    nlp = get_nlp()
    assert [t.text for t in nlp.make_doc('out of Kharkiv."He added')] == ["out", "of", "Kharkiv", ".", '"', "He", "added"]
    assert [t.text for t in nlp.make_doc('nothing to hide"."It was')] == ["nothing", "to", "hide", '"', ".", '"', "It", "was"]
    assert [t.text for t in nlp.make_doc('the note read:"We will')] == ["the", "note", "read", ":", '"', "We", "will"]
    assert [t.text for t in nlp.make_doc('left the U.S."The talks')] == ["left", "the", "U.S.", '"', "The", "talks"]
    assert [t.text for t in nlp.make_doc('the "Azov" regiment')] == ["the", '"', "Azov", '"', "regiment"]


GLUED = ("Officials met in Warsaw to discuss the crisis, said the ministry.- We will not let them divide "
         "us. Our answer will be firm - said Foreign Minister Jan Nowak.He also spoke about the "
         "sanctions.- The costs for Moscow will be enormous - he added.")


def test_each_dash_quotation_of_a_glued_line_is_its_own_region() -> None:
    assert _quoted(GLUED) == ["- We will not let them divide us. Our answer will be firm",
                              "- The costs for Moscow will be enormous"]
    # an inner dash with no close of its own stays inside one quotation
    assert _quoted("- We will win. - And we will rebuild every town - said the president.") == [
        "- We will win. - And we will rebuild every town"]


def test_the_quotations_of_a_glued_line_go_to_their_own_speakers() -> None:
    first = quotes_with(GLUED, "We will not let them")
    assert len(first) == 1 and first[0].kind == "direct"
    assert first[0].source is not None and first[0].source.name == "Jan Nowak"
    assert "The costs" not in first[0].content[0].text  # the narration between is not his quote
    second = quotes_with(GLUED, "The costs for Moscow")
    assert len(second) == 1 and second[0].source is not None and second[0].source.name == "Jan Nowak"
    # the ministry's indirect quote is not merged with the dash quotation after it
    ministry = quotes_with(GLUED, "Officials met in Warsaw")
    assert len(ministry) == 1 and ministry[0].kind == "indirect"
    assert all("divide" not in c.text for c in ministry[0].content)


def test_a_dash_quotation_closed_by_a_quotation_mark() -> None:
    text = ('The president warned the rebels against using force.- You must avoid a new war. The '
            'parties must show restraint, "said President Jan Nowak.')
    assert _quoted(text) == ["- You must avoid a new war. The parties must show restraint,"]


def test_a_verb_after_a_spaced_dash_with_its_speaker_after_it_is_a_cue() -> None:
    # the opening dash was lost: what stands before the closing dash is the content
    q = quotes_with("Cooperation between the two countries is a guarantee of stable ties - argued the "
                    "president of Chad.", "guarantee of stable ties")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "the president"
    # a dash apposition is no attribution: the object is not taken for a speaker
    assert not [x for x in quotes_with("The minister - a close ally of the president - urged the EU to act.",
                                       "the EU to act") if x.source is not None and x.source.name == "the EU"]


def test_a_person_named_before_a_full_name_is_not_part_of_it() -> None:
    # a translation of "Putin's spokesman Dmitry Peskov" as "spokesman Putin Dmitry Peskov":
    # the NER makes one person of the three words; Putin is named elsewhere in the article
    nlp = get_nlp()
    doc = nlp("Vladimir Putin visited the show on Monday. The exhibition will enjoy great interest, "
              "said spokesman Putin Dmitry Peskov.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Vladimir Putin", "Putin", "Dmitry Peskov"]
    q = quotes_with(doc.text, "The exhibition will enjoy")
    assert len(q) == 1 and q[0].source is not None and q[0].source.name == "Dmitry Peskov"
    # a one-word name still takes the given name the NER left apart
    q = quotes_with("The war will end soon, said Volodymyr Zelensky.", "The war will end")
    assert q[0].source is not None and q[0].source.name == "Volodymyr Zelensky"
