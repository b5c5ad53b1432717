"""Modality down chains of complements and phrases, facts acknowledged, speech acts' targets, a
subject's counterpart, a headline's restatement, ground held, who occasioned an act, run-in headings:
sentences written for these tests (issue 18)."""

from __future__ import annotations

from helpers import analyze_text
from newsledger.models import Event


def _events(text: str) -> list[Event]:
    return analyze_text(text, published="2024-09-05").events


def _with(text: str, trigger: str) -> list[Event]:
    return [e for e in _events(text) if e.trigger.text.startswith(trigger)]


def test_an_act_in_an_unverified_report_is_not_shown() -> None:
    ev = _with("Paris has not been able to verify reports of the rebels moving some fighters away from the border.",
               "moving")
    assert ev and ev[0].modality == "hypothetical" and not ev[0].shown
    ev = _with("The army could not confirm claims that its soldiers shelled the village of Kuchi.", "shelled")
    assert ev and ev[0].modality == "hypothetical"
    # a report taken as it is: what it tells is reported, not unconfirmed
    ev = _with("Paris confirmed reports of the rebels moving fighters away from the border.", "moving")
    assert ev and ev[0].modality == "reported"


def test_a_bare_infinitive_after_a_past_verb_continues_what_was_called_for() -> None:
    ev = _with("Last week, the president called for a halt to the fighting in Chad and restrict the flow of arms "
               "from both sides.", "restrict")
    assert ev and ev[0].modality == "hypothetical" and not ev[0].shown
    # verbs of one form are coordinated: both acts were done
    ev = _with("The rebels attacked the town and looted the market.", "looted")
    assert ev and ev[0].modality == "asserted"


def test_an_act_in_a_by_phrase_takes_the_modality_of_its_verb() -> None:
    for text in ("Officials fear the coming months might be marked by the army seizing more villages.",
                 "The rebels could win by seizing the bridge over the river."):
        ev = _with(text, "seizing")
        assert ev and ev[0].modality == "hypothetical" and not ev[0].shown, text
    ev = _with("The past months were marked by the army seizing more villages.", "seizing")
    assert ev and ev[0].modality == "asserted"


def test_the_subject_of_a_passive_in_a_demand_is_not_the_one_asked() -> None:
    ev = [e for e in _with("The general said on Friday that the rebels should not be labelled a terrorist group.",
                           "said") if e.plover_type == "REQUEST"]
    assert ev and ev[0].target_actor is None
    ev = [e for e in _with("The general said on Friday that Chad should leave the alliance.", "said")
          if e.plover_type == "REQUEST"]
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.country_code == "TCD"


def test_recognizing_a_fact_is_no_support() -> None:
    assert not [e for e in _events("The minister recognized that Chad is one of the countries that suffered "
                                   "from the war.") if e.plover_type == "SUPPORT"]
    ev = _with("The minister recognized the independence of Kosovo.", "recognized")
    assert ev and ev[0].plover_type == "SUPPORT"


def test_a_speech_act_takes_no_target_from_the_place_it_is_about() -> None:
    ev = _with("Moscow also makes false charges in the context of potential massacres in Abkhazia.", "charges")
    assert ev and ev[0].plover_type == "ACCUSE" and ev[0].target_actor is None
    ev = _with("The ministry criticizes the supply of western weapons and equipment to the attacked Georgia.",
               "criticizes")
    assert ev and ev[0].target_actor is None
    # a promise or backing is given to the place it names with "to"/"for"
    ev = _with("The Senate voted on Tuesday to approve $95bn in wartime aid for Ukraine.", "approve")
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.country_code == "UKR"
    # a visit's place is still the party visited
    ev = _with("The Turkish foreign minister arrived in Amman on Monday.", "arrived")
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.country_code == "JOR"


def test_a_headlines_event_retold_in_the_lead_is_one_occurrence() -> None:
    evs = [e for e in _events("Lukashenko accuses Poland\n\nBelarusian President Alexander Lukashenko on Monday "
                              "accused Warsaw of preparing provocations on the border.") if e.plover_type == "ACCUSE"]
    assert len(evs) == 2
    assert sum(e.shown for e in evs) <= 1 and sum(e.same_as is not None for e in evs) == 1


def test_a_subjects_counterpart_does_not_act_for_it() -> None:
    # "with", "against", "to" name the other party of the subject, not who it is
    ev = _with("The line of contact with rebel forces has withdrawn into the hills.", "withdrawn")
    assert ev and ev[0].source_actor is None and not ev[0].shown
    # members, origin and maker still act for the phrase
    ev = _with("Thousands of troops from Chad withdrew from the town.", "withdrew")
    assert ev and ev[0].source_actor is not None and ev[0].source_actor.country_code == "TCD"


def test_control_over_people_is_no_ground_held() -> None:
    # PLOVER's seize mode and ACLED's territorial events are about ground
    for text in ("The rebels control the militias in the north.",
                 "At that time, the Supreme Council of Abkhazia was controlled by the Georgian army."):
        assert not [e for e in _events(text) if e.plover_type == "COERCE"], text
    ev = _with("Rebel forces control the town of Kuchi.", "control")
    assert ev and ev[0].plover_type == "COERCE" and ev[0].target_actor is not None


def test_who_occasioned_an_act_is_not_its_target() -> None:
    ev = _with("The curfew was lifted in May by the governor at the request of the Chadian president.", "lifted")
    assert ev and ev[0].target_actor is None


def test_a_heading_run_into_the_sentence_names_no_one_asked() -> None:
    ev = _with("Rebel leaders call for talks: On Monday, the Chadian army called for an end to the fighting.",
               "called for")
    assert ev and ev[0].target_actor is None
    # a quotation before its verb of saying still names the one asked
    ev = [e for e in _with("'Chad must withdraw,' the minister said.", "said") if e.plover_type == "REQUEST"]
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.country_code == "TCD"


def test_a_place_naming_its_body_is_still_a_speech_acts_target() -> None:
    ev = _with("The main Tutsi rebel group, the Front for Justice (FJ), insisted on its demands that Rwanda's "
               "government grant the Tutsi minority more rights.", "insisted")
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.country_code == "RWA"
