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


def test_denying_someone_a_thing_is_a_refusal_not_a_denial() -> None:
    ev = _one("Washington is denying Kyiv the weapons it needs to win.", "REJECT", "denying")
    assert ev.target_actor is not None and ev.target_actor.country_code == "UKR"
    # a denial of a claim stays a statement
    assert any(e.plover_type == "STATEMENT" and e.trigger.text == "denied"
               for e in _events("The Hungarian government denied that it had blocked the aid package."))


def test_a_consultations_target_is_the_other_party_not_the_topic() -> None:
    ev = _one("The French foreign minister discussed Russian aggression in Ukraine during talks with "
              "Chinese Foreign Minister Wang Yi.", "CONSULT", "discussed")
    assert ev.target_actor is not None and ev.target_actor.country_code == "CHN"


def test_a_state_named_with_the_is_a_state() -> None:
    ev = _one("Last year the Russian Federation occupied the Crimean peninsula of Ukraine.", "COERCE")
    # a state taking another country's territory: not a non-state actor overtaking it
    assert ev.acled_sub_event_type != "Non-state actor overtakes territory"


def test_combatants_captured_are_a_battle_and_civilians_taken_an_abduction() -> None:
    text = "Russian troops captured dozens of Ukrainian soldiers near Avdiivka after days of shelling."
    ev = _one(text, "ASSAULT", "captured")
    assert ev.acled_sub_event_type == "Armed clash"  # not the shelling named in the sentence
    ev = _one("Militants kidnapped two aid workers after shelling the village.", "ASSAULT", "kidnapped")
    assert ev.acled_sub_event_type == "Abduction/forced disappearance"


def test_a_name_that_says_who_controls_is_not_where() -> None:
    ev = _one("Ukrainian drones struck Moscow-controlled territory in the south.", "ASSAULT", "struck")
    assert ev.place_id is None or ev.target_actor is None or ev.target_actor.country_code != "RUS"
    assert ev.location is None or "Moscow" not in ev.location.text


def test_a_threat_that_remains_is_a_danger_not_a_threat_made() -> None:
    events = _events('"The threat of missile strikes from the territory of Belarus remains," the army said. '
                     "Iran issued a threat to Israel on Monday.")
    threats = sorted((e for e in events if e.plover_type == "THREATEN"), key=lambda e: e.trigger.start)
    assert [e.generic for e in threats] == [True, False]
    assert not threats[0].shown


def test_the_coordinated_party_of_a_meeting_is_its_target_not_the_venue() -> None:
    ev = _one("On Sunday the Russian foreign minister and his Ukrainian counterpart met at a forum in Antalya.",
              "CONSULT", "met")
    assert ev.target_actor is not None and ev.target_actor.country_code == "UKR"


def test_an_event_noun_asked_for_or_refused_has_not_happened() -> None:
    events = _events("The Moldovan president requested a meeting with the Russian ambassador on Monday.")
    meeting = [e for e in events if e.trigger.text == "meeting"]
    assert meeting and meeting[0].modality == "hypothetical" and not meeting[0].shown


def test_a_counted_name_is_a_thing_not_an_actor() -> None:
    ev = _one("The US agreed to send 31 Abrams to Ukraine in January 2023.", "AGREE")
    assert ev.target_actor is not None and ev.target_actor.span.text == "Ukraine"


def test_the_blamed_for_an_act_is_its_doer() -> None:
    ev = _one("Russia condemned the deployment of troops to Lithuania by Germany.", "ACCUSE")
    assert ev.target_actor is not None and ev.target_actor.country_code == "DEU"  # not the troops in Lithuania


def test_what_threatens_may_be_an_event_not_someone_threatening() -> None:
    events = _events("Moldova is threatened by a Russian attack, the minister said.")
    threats = [e for e in events if e.plover_type == "THREATEN"]
    assert threats and all(e.generic and not e.shown for e in threats)


def test_a_topic_discussed_is_not_the_party() -> None:
    ev = _one("The Polish president discussed Russian aggression on Tuesday.", "CONSULT", "discussed")
    assert ev.target_actor is None


def test_a_negation_scopes_over_a_disjunction() -> None:
    ev = _one("Beijing undertakes not to use or threaten the use of nuclear weapons against Ukraine.",
              "THREATEN", "threaten")
    assert ev.modality == "negated" and not ev.shown


def test_an_upcoming_meeting_has_not_happened() -> None:
    ev = _one("Chinese President Xi Jinping's upcoming meeting with Russian President Vladimir Putin "
              "has raised alarms.", "CONSULT", "meeting")
    assert ev.modality == "hypothetical" and not ev.shown


def test_avoiding_an_act_is_not_doing_it() -> None:
    ev = _one("South Africa and Uganda have avoided censuring Moscow over the war.", "ACCUSE")
    assert ev.modality == "negated" and not ev.shown


def test_a_norm_about_no_actor_is_no_request() -> None:
    events = _events("The principles of international law must be valid for everyone, the Brazilian president said.")
    assert not [e for e in events if e.plover_type == "REQUEST"]


def test_where_things_stand_inside_another_phrase_is_no_front_line() -> None:
    text = ("Satellite images showed a gathering of tanks and personnel carriers at a remote airfield, "
            "16 miles from the border.")
    assert not [e for e in _events(text) if e.trigger.text.endswith("miles")]
    # a headline's front line stays
    ev = _one("Russian forces within 10 km of Pokrovsk, Ukraine says", "ASSAULT")
    assert ev.trigger.text.endswith("km")


def test_a_meetings_participants_named_in_its_object_are_its_target() -> None:
    ev = _one("Last weekend Moscow hosted a conference for pro-Russian Moldovan opposition leaders.",
              "CONSULT", "hosted")
    assert ev.target_actor is not None and ev.target_actor.country_code == "MDA"
    ev = _one("The American secretary of state discussed the war during five hours of talks with "
              "Chinese Foreign Minister Wang Yi.", "CONSULT", "discussed")
    assert ev.target_actor is not None and ev.target_actor.country_code == "CHN"


def test_a_pronoun_resolved_to_an_entity_of_the_wrong_kind_names_no_one() -> None:
    import spacy

    from newsledger.models import Entity
    from newsledger.nlp.events.actors import _pronoun_agrees
    from newsledger.settings import load_settings

    doc = spacy.load(load_settings(use_files=False).model)("He warned them and it agreed.")
    he, it = doc[0], doc[4]

    def entity(label: str) -> Entity:
        return Entity(article_id="a", id="ent-1", label=label, name="Auschwitz", mentions=[])

    assert not _pronoun_agrees(he, entity("GPE"))  # "he" resolved to a place
    assert _pronoun_agrees(he, entity("PERSON"))
    assert not _pronoun_agrees(it, entity("PERSON"))
    assert _pronoun_agrees(it, entity("ORG"))
