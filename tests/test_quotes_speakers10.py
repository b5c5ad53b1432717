"""Who said it, tenth pass (issue 17): a participle report after a quotation, and the author of
a document that speaks.

Each text is written for this test and goes through the real pipeline; each positive case
fails with the rule it names switched off (the flag gives the old behaviour).
"""

from __future__ import annotations

import pytest

from helpers import analyze_text
from newsledger.models import Quote


def _cued(text: str, cue: str) -> list[Quote]:
    return [q for q in analyze_text(text).quotes if q.cue is not None and q.cue.text == cue]


# ------------------ "“…,” promising …": the quotation ends at its mark; the participle reports again

PROMISE_TEXT = ("The mayor said the market would reopen, but said, “It’s time we change how we trade,” "
                "promising the stalls will return to the square.")


def test_a_quotation_ends_at_its_mark_before_a_participle_report() -> None:
    said = [q for q in _cued(PROMISE_TEXT, "said") if q.quoted]
    assert len(said) == 1
    assert said[0].kind == "direct"
    assert said[0].content[0].text == "“It’s time we change how we trade,”"


def test_the_participle_is_a_report_of_the_same_speaker() -> None:
    (q,) = _cued(PROMISE_TEXT, "promising")
    assert q.content[-1].text == "the stalls will return to the square"
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "The mayor"  # not "It" inside the quotation


def test_participle_report_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "PARTICIPLE_REPORT_STOP", False)
    said = [q for q in _cued(PROMISE_TEXT, "said") if q.quoted]
    assert said and "promising" in said[0].content[-1].text
    assert _cued(PROMISE_TEXT, "promising") == []


def test_a_participle_that_is_no_report_stays_in_the_content() -> None:
    # "hoping" is no verb of the lexicon: a participle clause inside the quoted sentence's
    # structure is left as it was
    (q,) = _cued("The governor said the road “will be open by May,” hoping for dry weather.", "said")
    assert "hoping for dry weather" in q.content[-1].text


# -------------------- "X issued a statement saying …": the text speaks for the one who issued it

ISSUED = [
    ("The defence ministry released a statement saying the bridge had been destroyed.", "saying",
     "The defence ministry"),
    ("A group of fifty retired generals issued an open letter calling the plan reckless.", "calling",
     "A group"),
]


@pytest.mark.parametrize(("text", "cue", "speaker"), ISSUED)
def test_a_document_speaks_for_its_issuer(text: str, cue: str, speaker: str) -> None:
    (q,) = _cued(text, cue)
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text.startswith(speaker)


@pytest.mark.parametrize(("text", "cue", "speaker"), ISSUED)
def test_issuer_needs_the_rule(monkeypatch: pytest.MonkeyPatch, text: str, cue: str, speaker: str) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "ISSUER_OF_DOCUMENT", False)
    (q,) = _cued(text, cue)
    assert q.source is not None and q.source.span is not None
    assert not q.source.span.text.startswith(speaker)


def test_a_named_issuer_is_the_speaker() -> None:
    (q,) = _cued("Olena Kovalenko posted a video saying the shelling had stopped.", "saying")
    assert q.source is not None and q.source.name == "Olena Kovalenko"


def test_the_one_who_received_a_document_is_not_its_author() -> None:
    # receiving, obtaining or reading a text is no issuing of it
    (q,) = _cued("The mayor received a letter saying the bridge had been destroyed.", "saying")
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text != "The mayor"



# ------ "…, repeating the line of the ministry, which expressed “concern” …": two reports, not one

RELATIVE_TEXT = ("The envoy noted that “both sides should be careful”, repeating the line of the trade "
                 "ministry, which last week expressed “concern” about the new tariffs.")


def test_a_relative_report_is_not_part_of_a_noun_phrase_content() -> None:
    (rep,) = _cued(RELATIVE_TEXT, "repeating")
    assert rep.content[-1].text == "the line of the trade ministry"
    assert rep.source is not None and rep.source.span is not None
    assert rep.source.span.text == "The envoy"  # not "both sides" inside the quotation
    (exp,) = _cued(RELATIVE_TEXT, "expressed")
    assert exp.content[0].text.startswith("“concern”")


def test_relative_report_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "RELATIVE_REPORT_STOP", False)
    (rep,) = _cued(RELATIVE_TEXT, "repeating")
    assert "expressed" in rep.content[-1].text
    assert _cued(RELATIVE_TEXT, "expressed") == []


# ------------- "Asked whether …, Smith said": the one asked is not the one who asked

ASKED = [
    ("Asked whether he would run again, Smith said he had not decided.", "Asked"),
    ("When asked about the ceasefire, the minister said it would hold.", "asked about"),
]


@pytest.mark.parametrize(("text", "cue"), ASKED)
def test_a_passive_participle_gives_its_addressee_no_words(text: str, cue: str) -> None:
    (q,) = _cued(text, cue)
    assert q.kind == "unattributed" and q.source is None  # the asker is not named
    (answer,) = _cued(text, "said")
    assert answer.source is not None and answer.source.span is not None  # the answer stays the speaker's


@pytest.mark.parametrize(("text", "cue"), ASKED)
def test_passive_participle_needs_the_rule(monkeypatch: pytest.MonkeyPatch, text: str, cue: str) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "PASSIVE_PARTICIPLE_ADDRESSEE", False)
    (q,) = _cued(text, cue)
    assert q.source is not None  # the one asked, as if he had asked


def test_an_active_participle_keeps_its_speaker() -> None:
    (q,) = _cued("Smith left the hall, saying he had not decided.", "saying")
    assert q.source is not None and q.source.name == "Smith"



def test_a_weak_cue_inside_the_unnamed_askers_words_is_dropped() -> None:
    # as inside any other reported words ("Earnest said Obama hopes that …")
    text = "Asked why he had yet to endorse the mayor, the senator said he would wait."
    assert _cued(text, "endorse") == []
    (q,) = _cued(text, "Asked")
    assert q.kind == "unattributed"
