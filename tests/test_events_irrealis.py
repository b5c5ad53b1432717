"""Events an analyst can count (issue 18), round 3: acts a text only permits or a draft
only proposes are no occurrences; who acts is the head of its own phrase; a meeting's place
is no party to it; a sentence printed twice is one occurrence. Short texts written for these
tests, through the real pipeline."""

from __future__ import annotations

import pytest

from helpers import analyze_text
from newsledger.models import Event, Report

PUBLISHED = "2024-04-29"  # a Monday


def _report(text: str) -> Report:
    return analyze_text(text, published=PUBLISHED)


def _events(text: str, trigger: str) -> list[Event]:
    events = [e for e in _report(text).events if e.trigger.text == trigger]
    assert events, f"no event {trigger!r} in {text!r}"
    return events


# --------------------------------------------------------------------------- permission


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The government authorized the army to shell the rebel positions near Mosul.", "shell"),
        ("Parliament allowed the navy to blockade the port of Hodeidah.", "blockade"),
        ("The cabinet permitted police to arrest the opposition leaders in Minsk.", "arrest"),
    ],
)
def test_a_permitted_act_is_not_an_occurrence(text: str, trigger: str) -> None:
    # verbs of permission are not implicative: the act they permit may or may not follow
    for e in _events(text, trigger):
        assert e.modality == "hypothetical"
        assert not e.shown


# --------------------------------------------------------------------------- unadopted texts


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("According to the draft resolution, the council condemns Iran and calls on Syria to withdraw its "
         "troops from Lebanon.", "condemns"),
        ("According to the draft resolution, the council condemns Iran and calls on Syria to withdraw its "
         "troops from Lebanon.", "calls on"),
        ("The draft declaration condemns the Venezuelan government for the arrests.", "condemns"),
        ("According to the proposed agreement, Russia withdraws its troops from Transnistria.", "withdraws"),
    ],
)
def test_what_a_draft_says_is_not_an_occurrence(text: str, trigger: str) -> None:
    # the mood of a text only drafted or proposed carries to what it says
    for e in _events(text, trigger):
        assert e.modality == "hypothetical"
        assert not e.shown


def test_an_adopted_text_is_still_reported() -> None:
    (e,) = _events("According to the resolution, the council condemns Iran for the attacks.", "condemns")
    assert e.modality == "reported"


# --------------------------------------------------------------------------- the head acts


def test_the_head_of_a_relational_phrase_is_the_actor() -> None:
    (e,) = _events("The daughter of the Prime Minister of Norway visited Kyiv on Monday.", "visited")
    assert e.source_actor is not None
    assert e.source_actor.span.text == "The daughter"  # not the Prime Minister
    assert e.source_actor.country_code == "NOR"  # whose daughter gives the country


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The head of Russian intelligence Sergei Naryshkin visited Minsk on Monday.", "Naryshkin"),
        ("The wife of defence minister Oleksii Reznikov visited Kyiv on Monday.", "The wife"),
    ],
)
def test_a_name_closing_a_title_phrase_holds_the_title(text: str, actor: str) -> None:
    """"The head of <a field> <Name>": the name is in apposition to the whole title and acts;
    after a role ("defence minister <Name>") the of-phrase still says whose relative acts."""
    (e,) = _events(text, "visited")
    assert e.source_actor is not None
    assert actor in e.source_actor.span.text


def test_a_group_still_stands_for_its_members() -> None:
    (e,) = _events("The rest of the Russian troops withdrew from Kherson.", "withdrew")
    assert e.source_actor is not None
    assert e.source_actor.span.text == "the Russian troops"
    assert e.source_actor.country_code == "RUS"


# --------------------------------------------------------------------------- meetings


def test_the_place_of_a_meeting_is_no_party_to_it() -> None:
    (e,) = _events("The Polish president met his French counterpart in Warsaw.", "met")
    assert e.target_actor is None or e.target_actor.span.text != "Warsaw"


def test_abroad_the_host_country_is_a_party() -> None:
    text = "Ministers of Lithuania and Latvia discussed in Kiev the support for the police of Ukraine."
    (e,) = _events(text, "discussed")
    assert e.target_actor is not None
    assert e.target_actor.country_code == "UKR"


def test_the_apposed_name_of_a_counterpart_is_the_party() -> None:
    (e,) = _events("Chinese President Xi Jinping met his Russian counterpart Vladimir Putin in Moscow.", "met")
    assert e.target_actor is not None
    assert e.target_actor.span.text == "Vladimir Putin"
    assert e.target_actor.country_code == "RUS"


def test_a_visit_still_targets_the_host() -> None:
    (e,) = _events("The Turkish foreign minister arrived in Amman on Sunday for talks.", "arrived in")
    assert e.target_actor is not None
    assert e.target_actor.country_code == "JOR"


# --------------------------------------------------------------------------- printed twice


def test_a_sentence_printed_twice_is_one_occurrence() -> None:
    lead = "Russian troops shelled the Ukrainian city of Kharkiv on Monday."
    text = f"{lead} The mayor said the damage was the worst in weeks. {lead} Photo: Reuters"
    first, second = sorted(_events(text, "shelled"), key=lambda e: e.trigger.start)
    assert first.shown
    assert second.same_as == first.id
    assert not second.shown



def test_a_planned_event_noun_is_not_an_occurrence() -> None:
    # "planned" is lemmatised to "plan": the modifier is matched as written too
    for e in _events("The cabinet discussed the planned visit of the Polish president to Vilnius.", "visit"):
        assert e.modality == "hypothetical"
        assert not e.shown


# --------------------------------------------------------------------------- who can coerce


def test_a_search_by_rescuers_is_no_coercion() -> None:
    # PLOVER's COERCE "seize" mode: police or other authorities executing a search
    report = _report("Volunteers searched the ruins of the house for survivors.")
    assert not [e for e in report.events if e.plover_type == "COERCE"]


def test_a_search_by_police_is_still_coercion() -> None:
    report = _report("Police searched the house of the opposition leader in Minsk.")
    assert [e for e in report.events if e.plover_type == "COERCE" and e.plover_mode == "seize"]


# --------------------------------------------------------------------------- headlines of other stories


def test_a_title_case_headline_inside_the_text_is_not_coded() -> None:
    text = ("Russian troops shelled Kharkiv on Monday. Other Topics of Interest Scholz Urges More Ukrainian "
            "Refugees in Germany to Take Up Work. Germany has taken in many refugees.")
    report = _report(text)
    assert [e for e in report.events if e.trigger.text == "shelled"]
    assert not [e for e in report.events if e.trigger.text == "Urges"]


def test_a_reprinted_sentence_is_linked_without_a_shared_place_or_target() -> None:
    lead = "Finnish and Swedish ministers signed a long-term security agreement on Friday."
    text = f"{lead} Critics said it came too late. {lead} Photo: AP"
    first, second = sorted(_events(text, "signed"), key=lambda e: e.trigger.start)
    assert second.same_as == first.id


def test_what_a_thing_enables_is_told_as_done() -> None:
    # permission is granted by someone; a weapon that "allowed" an army to strike enabled it
    text = ("Washington supplied long-range rockets that have allowed the Kurdish forces to strike "
            "militant depots deep inside Syria.")
    (e,) = _events(text, "strike")
    assert e.modality != "hypothetical"
