"""Standing positions and the acts that state them (issue 18, session 10, second pass): a
stance type (backing, opposing, demanding) told by the text in the simple present is a
position held, not one act of the day, while the same verb in the past, in a heading, or
reported from a document stays an occurrence. Sentences written for these tests, through
the real pipeline."""

from __future__ import annotations

import pytest

from helpers import EVENT_LEAD, event_at
from newsledger.models import Event

PUBLISHED = "2024-05-10"


def _event(text: str, trigger: str) -> Event:
    return event_at(text, trigger, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (EVENT_LEAD + "Hungary opposes the new sanctions against Moscow.", "opposes"),
        (EVENT_LEAD + "Poland demands that Belarus withdraw its troops from the border as a condition for talks.",
         "demands"),
        (EVENT_LEAD + "The Lithuanian government backs Ukraine's bid to join the alliance.", "backs"),
    ],
)
def test_a_stance_in_the_simple_present_is_a_standing_position(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "asserted" and ev.generic and not ev.shown, (text, ev.modality, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the same stances told as acts done
        (EVENT_LEAD + "Hungary opposed the new sanctions against Moscow on Monday.", "opposed"),
        (EVENT_LEAD + "Poland demanded on Monday that Belarus withdraw its troops from the border.", "demanded"),
        # a heading tells the news in the present
        ("Poland demands that Belarus withdraw its troops", "demands"),
        # a document's own present reports what the document does
        (EVENT_LEAD + "According to the resolution, the Czech Senate supports the supply of weapons to Ukraine.",
         "supports"),
    ],
)
def test_a_stance_told_as_an_act_stays_an_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic and ev.shown, (text, ev.modality, ev.generic, ev.confidence)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a performative: in a statement the first person's utterance is the act
        (EVENT_LEAD + "We call on Russia to withdraw its troops from the border.", "call on"),
        # a verb of saying, which news tells in the present
        (EVENT_LEAD + "The authorities deny the reports and accuse the rebels of shelling the town.", "deny"),
    ],
)
def test_a_performative_or_a_verb_of_saying_is_no_standing_position(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, (text, ev.modality)
