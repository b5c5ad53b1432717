"""Quote content, eighth pass (issue 17): complements of a verb of saying that the parser hangs
elsewhere in the verb's own phrase.

Each text is written for this test and goes through the real pipeline; each positive case
failed before the change it names (the flag switched off gives the old behaviour).
"""

from __future__ import annotations

import pytest

from helpers import one_quote, quotes_with, source_text

# ------------------------------------- a "that" clause the parser hung on an adjunct's noun

STRAY_CASES = [
    # the clause hung on the noun of a time adjunct ("at the time that …")
    ("The Kyiv Independent reported at the time that the ministry had ordered an inquiry into "
     "the purchase.", "reported", "the ministry had ordered an inquiry", "The Kyiv Independent"),
    # the clause hung on the noun of a manner adjunct after the one told
    ("Oleksandr Danyliuk told his staff on a weekly basis that the reforms would take years.",
     "told", "the reforms would take years", "Oleksandr Danyliuk"),
]


@pytest.mark.parametrize(("text", "cue", "phrase", "source"), STRAY_CASES)
def test_stray_that_clause_is_the_content(text: str, cue: str, phrase: str, source: str) -> None:
    q = one_quote(text, phrase=phrase, cue=cue)
    assert q.kind == "indirect"
    assert q.form == "clause"
    assert source_text(q) == source


@pytest.mark.parametrize(("text", "cue", "phrase", "source"), STRAY_CASES)
def test_stray_that_clause_needs_the_rule(text: str, cue: str, phrase: str, source: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "STRAY_THAT_CLAUSES", False)
    assert not [q for q in quotes_with(text, phrase) if q.cue is not None and q.cue.text == cue]


def test_relative_that_is_no_complementiser() -> None:
    # "that" as the relative clause's subject: the clause says when, not what was written
    assert quotes_with("The governor wrote in the hours that followed the blast.", "followed") == []


def test_owned_cue_noun_keeps_its_clause() -> None:
    # the clause is Petrenko's claim, not what the minister said
    text = "The minister responded to Petrenko's claim that the convoy had been stopped at the border."
    said = [q for q in quotes_with(text, "the convoy had been stopped")
            if q.cue is not None and q.cue.text.startswith("responded")]
    assert said == []


# ------------------------------------------- "called for X to do Y": the clause of a phrasal cue

PHRASAL_CASES = [
    ("The mayor called for all residents to leave the eastern districts before nightfall.",
     "called for", "all residents to leave the eastern districts", "The mayor"),
    ("Zelensky is calling for the allies to send more air defence systems to Ukraine.",
     "calling for", "the allies to send more air defence systems", "Zelensky"),
]


@pytest.mark.parametrize(("text", "cue", "phrase", "source"), PHRASAL_CASES)
def test_phrasal_cue_takes_its_infinitive_clause(text: str, cue: str, phrase: str, source: str) -> None:
    q = one_quote(text, phrase=phrase, cue=cue)
    assert q.kind == "indirect"
    assert source_text(q) == source
    assert not q.content[0].text.startswith("for ")


@pytest.mark.parametrize(("text", "cue", "phrase", "source"), PHRASAL_CASES)
def test_phrasal_clause_needs_the_rule(text: str, cue: str, phrase: str, source: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "PHRASAL_CLAUSES", False)
    assert not [q for q in quotes_with(text, phrase) if q.cue is not None and q.cue.text == cue]


# ------------------------------------------ a quantifier over speakers can speak ("most of X")

QUANTIFIER_CASES = [
    ("Several of the mayors criticized the new curfew.", "criticized", "the new curfew", "Several"),
    ("None of the three ministers mentioned the grain deal.", "mentioned", "the grain deal", "None"),
]


@pytest.mark.parametrize(("text", "cue", "phrase", "source"), QUANTIFIER_CASES)
def test_quantifier_of_speakers_is_a_speech_subject(text: str, cue: str, phrase: str, source: str) -> None:
    q = one_quote(text, phrase=phrase, cue=cue)
    assert source_text(q) == source


@pytest.mark.parametrize(("text", "cue", "phrase", "source"), QUANTIFIER_CASES)
def test_quantifier_needs_the_rule(text: str, cue: str, phrase: str, source: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import subjects

    monkeypatch.setattr(subjects, "QUANTIFIERS", frozenset())
    assert not [q for q in quotes_with(text, phrase) if q.cue is not None and q.cue.text == cue]


def test_quantifier_of_things_is_not() -> None:
    # the group in the "of" phrase decides: missiles do not speak
    assert quotes_with("Most of the missiles showed the damage to the plant.", "the damage") == []
