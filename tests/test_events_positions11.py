"""Session 11 (issue 18): a front-line distance to no named place is a position, not an
advance on a place. Sentences written for these tests, through the real pipeline."""

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
        (EVENT_LEAD + "The rebel columns are now 12 kilometers from the river crossing, the army said.", "12"),
        (EVENT_LEAD + "Government troops are 5 miles from the airport, a spokesman said.", "5"),
    ],
)
def test_a_distance_to_no_named_place_is_not_shown(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.plover_type == "ASSAULT" and ev.target_actor is None and not ev.shown, (ev.target_actor, ev.shown)


def test_a_distance_to_a_named_place_still_targets_it() -> None:
    ev = _event(EVENT_LEAD + "Russian forces are now 12 kilometers from Kramatorsk, the army said.", "12")
    assert ev.plover_type == "ASSAULT" and ev.target_actor is not None and ev.target_actor.name == "Kramatorsk"
