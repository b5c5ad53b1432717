"""Actors and targets from their own phrase, on sentences written for these tests (issue 18)."""

from __future__ import annotations

from helpers import analyze_text
from newsledger.models import Event


def _events(text: str) -> list[Event]:
    return analyze_text(text, published="2024-09-05").events


def _one(text: str, plover_type: str, trigger: str | None = None) -> Event:
    hits = [e for e in _events(text) if e.plover_type == plover_type and (trigger is None or e.trigger.text == trigger)]
    assert hits, f"no {plover_type} in {text!r}"
    return hits[0]


def test_a_doubtful_place_gives_no_country() -> None:
    # the places layer reads "Baltic States" as a hamlet abroad, at low confidence: the actor
    # keeps no country rather than that one
    ev = _one("Russia threatened the Baltic States with retaliation on Monday.", "THREATEN")
    assert ev.target_actor is not None and ev.target_actor.span.text.endswith("Baltic States")
    assert ev.target_actor.country_code is None


def test_a_warnings_target_is_not_inside_what_was_said() -> None:
    ev = _one("The minister warned on Friday that the administration believes Moscow will attack Poland.",
              "STATEMENT", "warned")
    assert ev.target_actor is None  # the one holding a view in the that-clause is not warned
    ev = _one("Sunak warned that Putin would not stop at the Polish border.", "STATEMENT", "warned")
    assert ev.target_actor is not None and ev.target_actor.span.text == "Putin"


def test_a_threat_still_reaches_the_one_threatened() -> None:
    # the speaker's side announces its own act: a threat, whose target is the one it would hit
    ev = _one("The Russian defence ministry warned that it would strike Kyiv.", "THREATEN", "warned")
    assert ev.target_actor is not None and ev.target_actor.country_code == "UKR"
