"""Session 11 (issue 18): dispositions, admonitions, and actors that stand for several states. Sentences written for these tests, through the real
pipeline."""

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
        (EVENT_LEAD + "Norway is ready to host talks between the two sides.", "ready"),
        (EVENT_LEAD + "The governor said the rebels were willing to hand over the prisoners.", "willing"),
        (EVENT_LEAD + "Finland and Sweden say they are prepared to send engineers to the region.", "prepared"),
    ],
)
def test_a_stated_readiness_is_a_disposition_not_an_act(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.plover_type == "AGREE" and ev.generic and not ev.shown, (ev.plover_type, ev.generic)


def test_an_agreement_made_is_still_shown() -> None:
    ev = _event(EVENT_LEAD + "Norway agreed on Monday to host talks between the two sides.", "agreed")
    assert ev.plover_type == "AGREE" and not ev.generic


def test_a_warning_against_an_act_is_an_admonition() -> None:
    ev = _event(EVENT_LEAD + "The Indian prime minister warned Pakistan against moving troops to the border.", "warned")
    assert ev.plover_type == "STATEMENT" and ev.plover_mode == "warn", (ev.plover_type, ev.plover_mode)
    assert ev.target_actor is not None and ev.target_actor.country_code == "PAK"


def test_a_warning_of_what_the_speaker_will_do_still_threatens() -> None:
    ev = _event(EVENT_LEAD + "The army warned that it will shell the bridge.", "warned")
    assert ev.plover_type == "THREATEN"


def test_a_visits_host_is_its_party() -> None:
    ev = _event(EVENT_LEAD + "The Chilean president visited Spain on Monday.", "visited")
    assert ev.target_actor is not None and ev.target_actor.country_code == "ESP"


def test_an_actor_naming_several_states_has_none_of_them_as_its_own() -> None:
    ev = _event(EVENT_LEAD + "Three leaders - the presidents of Kenya, Ghana and Senegal - visited Brazil on Friday.",
                "visited")
    src = ev.source_actor
    assert src is not None and src.country_code not in ("KEN", "GHA", "SEN"), src


def test_an_actor_of_one_state_keeps_it() -> None:
    ev = _event(EVENT_LEAD + "The president of Kenya visited Brazil on Friday.", "visited")
    assert ev.source_actor is not None and ev.source_actor.country_code == "KEN"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (EVENT_LEAD + "The Dutch government has supported Kyiv for two years.", "supported"),
        (EVENT_LEAD + "The Norwegian government has backed Ukraine since the start of the war.", "backed"),
        (EVENT_LEAD + "Portugal has long opposed sanctions on Russian gas.", "opposed"),
    ],
)
def test_a_perfect_of_persistent_situation_is_no_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (ev.plover_type, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (EVENT_LEAD + "The Dutch government has supported Kyiv.", "supported"),
        (EVENT_LEAD + "The Dutch prime minister has visited Kyiv for the first time.", "visited"),
    ],
)
def test_a_perfect_without_a_duration_stays_an_occurrence(text: str, trigger: str) -> None:
    assert not _event(text, trigger).generic


def test_a_heading_in_capitals_is_not_shown() -> None:
    ev = _event(EVENT_LEAD + "BREAKING: CANADA SENDING MORE TROOPS TO LATVIA'S BORDER WITH RUSSIA:", "SENDING")
    assert not ev.shown


def test_the_same_news_in_the_body_is_shown() -> None:
    ev = _event(EVENT_LEAD + "Canada sent more troops to Latvia on Monday.", "sent")
    assert ev.shown, (ev.plover_type, ev.confidence, ev.source_actor)


def test_a_group_from_several_states_acts_itself() -> None:
    ev = _event(EVENT_LEAD + "Delegates from Chile, Peru and Bolivia met with UN officials in Geneva on Monday.", "met")
    src = ev.source_actor
    assert src is not None and src.name == "Delegates" and src.country_code is None, src


def test_a_group_from_one_state_is_that_state() -> None:
    ev = _event(EVENT_LEAD + "Delegates from Chile met with UN officials in Geneva on Monday.", "met")
    assert ev.source_actor is not None and ev.source_actor.country_code == "CHL"
