"""Who said it, eleventh pass (issue 17): a lede's indefinite description named in the next
sentence, a "the X, who …" description continuing the passage's speaker and a bare title
coordinated with a name.

Each text is written for this test and goes through the real pipeline; each positive case
fails with the rule it names switched off (the flag gives the old behaviour).
"""

from __future__ import annotations

import pytest

from helpers import only_quote, speaker_name

# ------------------------ "…, a Polish minister has said. ¶ Adam Nowak said …": the lede's person

LEDE = ("Farmers near the border will get new grain silos before the harvest, a Polish agriculture "
        "minister has said.\n\nAdam Nowak said the first silos would be built near Lublin.")


def test_an_indefinite_lede_description_is_the_next_sentences_speaker() -> None:
    q = only_quote(LEDE, "grain silos")
    assert speaker_name(q) == "Adam Nowak"
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "a Polish agriculture minister"


def test_lede_link_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "INDEFINITE_FORWARD", False)
    assert speaker_name(only_quote(LEDE, "grain silos")) != "Adam Nowak"


def test_no_lede_link_when_someone_was_named_before() -> None:
    text = "Adam Nowak visited the port on Monday. " + LEDE.replace("Adam Nowak said", "Anna Smith said")
    assert speaker_name(only_quote(text, "grain silos")) != "Anna Smith"


def test_no_lede_link_to_a_person_with_another_role() -> None:
    text = LEDE.replace("a Polish agriculture minister", "a spokesman").replace(
        "Adam Nowak said", "Mayor Anna Smith said")
    assert speaker_name(only_quote(text, "grain silos")) != "Anna Smith"


# ------------------- "The Russian banker, who founded …, wrote …": the passage's speaker again

BANKER = ("Billionaire Pavel Orlov has criticised the war in a long post. “Nobody gains from this,” "
          "Orlov said.\n\nThe Russian banker, who founded a bank in 2006, wrote that most Russians "
          "opposed the fighting.")


def test_a_description_with_a_who_clause_continues_the_speaker() -> None:
    assert speaker_name(only_quote(BANKER, "most Russians")) == "Pavel Orlov"


def test_described_person_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "DESCRIBED_PERSON", False)
    assert speaker_name(only_quote(BANKER, "most Russians")) != "Pavel Orlov"


def test_without_the_who_clause_the_description_stays_unnamed() -> None:
    text = BANKER.replace(", who founded a bank in 2006,", "")
    assert speaker_name(only_quote(text, "most Russians")) != "Pavel Orlov"


# ------------------------------ "…, Judge and later Senator Mary Collins, remarked": the person

TITLES = ("The city’s best-known daughter, Judge and later Senator Mary Collins, remarked that the "
          "harbour had to stay open.")


def test_a_bare_title_coordinated_with_a_name_is_that_person() -> None:
    assert speaker_name(only_quote(TITLES, "harbour")) == "Mary Collins"


def test_coordinated_titles_need_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "COORDINATED_TITLES", False)
    assert speaker_name(only_quote(TITLES, "harbour")) != "Mary Collins"
