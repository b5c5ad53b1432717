"""Who said it, thirteenth pass (issue 17, session 11, second helper): a title abbreviated
before a name is the title it abbreviates, an outlet's name holds no person's office, and the
article's own evidence of a person's gender overrides the given-names table.

Each text is written for this test and goes through the real pipeline; each positive case
checks the flag it names where switching it off gives the old behaviour.
"""

from __future__ import annotations

import pytest

from helpers import only_quote, speaker_name
from newsledger.lexicons import role_titles, title_abbreviations

# ------------------------------------------------------------ "Sen." is the senator

SENATOR = ("Sen. Marcus Hale said the bill would pass this week. Gov. Ron Pike met him in Columbus "
           "on Monday. “We have the votes,” the senator said.")


def test_an_abbreviated_title_is_the_role_it_abbreviates() -> None:
    assert speaker_name(only_quote(SENATOR, "the votes")) == "Marcus Hale"


def test_title_abbreviations_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "TITLE_ABBREVIATIONS", False)
    assert speaker_name(only_quote(SENATOR, "the votes")) != "Marcus Hale"


def test_every_abbreviation_stands_for_a_role_title() -> None:
    roles = set(role_titles())
    assert all(title in roles for title in title_abbreviations().values())
    assert all(a == a.lower() and not a.endswith(".") for a in title_abbreviations())


# ------------------------------------------------ an outlet holds no person's office

OUTLET = ("Putin spoke in Moscow on Monday, said Russian President Ria Novosti. “Crimea was always "
          "ours,” the President said.")


def test_a_role_noun_never_refers_to_an_outlet() -> None:
    assert speaker_name(only_quote(OUTLET, "always ours")) != "Ria Novosti"


def test_outlet_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "OUTLET_HOLDS_NO_ROLE", False)
    assert speaker_name(only_quote(OUTLET, "always ours")) == "Ria Novosti"


# ------------------------------- the article's "he" or "Mr" overrides the table's usual gender

BOUND = ("Lindsey Carter tweeted he was tired of the delays at the port. The city council did not "
         "reply. “We will keep asking,” he said.")
MISTER = ("Lindsey Carter runs the port of Dover. Mr Carter met the council on Monday. The council "
          "did not reply. “We will keep asking,” he said.")


@pytest.mark.parametrize("text", [BOUND, MISTER])
def test_the_articles_gender_overrides_the_table(text: str) -> None:
    assert speaker_name(only_quote(text, "keep asking")) == "Lindsey Carter"


@pytest.mark.parametrize("text", [BOUND, MISTER])
def test_text_gender_flag(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from newsledger.nlp import chains

    monkeypatch.setattr(chains, "TEXT_GENDER_OVER_TABLE", False)
    assert speaker_name(only_quote(text, "keep asking")) != "Lindsey Carter"


def test_without_evidence_the_table_decides() -> None:
    text = ("Lindsey Carter runs the port of Dover. The council did not reply. “We will keep asking,” "
            "he said.")
    assert speaker_name(only_quote(text, "keep asking")) != "Lindsey Carter"
