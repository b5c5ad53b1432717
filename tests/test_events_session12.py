"""Session 12 (issue 18): a negated act stays negated, names of things are not parties, and a
noun phrase after a that-clause is not the verb's object. Sentences written for these tests,
through the real pipeline (and one hand-built parse, where the small parser's attachment is
what is tested)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from helpers import EVENT_LEAD, analyze_text, event_at
from newsledger.models import Event
from newsledger.nlp.events.arguments import NOT_ACTOR_ENTS, THING_ENTS
from newsledger.nlp.events.coder import _object_after_clause

PUBLISHED = "2024-05-10"


def _event(text: str, trigger: str) -> Event:
    return event_at(text, trigger, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (EVENT_LEAD + "Hungary did not support the resolution on Monday.", "support"),
        (EVENT_LEAD + "The rebels have not agreed to the ceasefire.", "agreed"),
        (EVENT_LEAD + "Serbia said it will not accept the plan.", "accept"),
    ],
)
def test_a_negated_cooperative_act_is_a_reject_that_did_not_happen(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    # PLOVER's category rule still names it a REJECT; the act itself is negated, not shown
    assert ev.plover_type == "REJECT" and ev.modality == "negated" and not ev.shown, (ev.plover_type, ev.modality)


def test_a_rejection_made_is_still_asserted() -> None:
    ev = _event(EVENT_LEAD + "Hungary rejected the proposal of the European Commission on Monday.", "rejected")
    assert ev.plover_type == "REJECT" and ev.modality == "asserted" and ev.shown


def test_a_named_weapon_is_what_was_refused_not_whom() -> None:
    ev = _event(EVENT_LEAD + "Berlin has declined to ship the Abrams because the tank is too heavy.", "declined")
    assert ev.plover_type == "REJECT"
    assert ev.target_actor is None, ev.target_actor
    assert not ev.shown


def test_names_of_things_are_never_actors() -> None:
    assert {"WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"} <= THING_ENTS and "PRODUCT" in NOT_ACTOR_ENTS
    assert not {"PERSON", "ORG", "GPE", "NORP"} & (NOT_ACTOR_ENTS | THING_ENTS)


def _parse(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps)


def test_a_noun_phrase_after_the_clause_is_not_the_object() -> None:
    # "Petrova alleged that Orlov paid , two tycoons": the parser hung the apposition of
    # "Orlov" on "alleged" as its object, after the that-clause
    words = ["Petrova", "alleged", "that", "Orlov", "paid", ",", "two", "tycoons"]
    heads = [1, 1, 4, 4, 1, 1, 7, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct", "nummod", "dobj"]
    doc = _parse(words, heads, deps)
    assert _object_after_clause(doc[1], doc[7])
    assert _object_after_clause(doc[1], doc[6])


def test_an_addressee_before_the_clause_is_the_object() -> None:
    # "Petrova warned Armenia that Orlov paid": the object comes before the clause
    words = ["Petrova", "warned", "Armenia", "that", "Orlov", "paid"]
    heads = [1, 1, 1, 5, 5, 1]
    deps = ["nsubj", "ROOT", "dobj", "mark", "nsubj", "ccomp"]
    doc = _parse(words, heads, deps)
    assert not _object_after_clause(doc[1], doc[2])
    assert not _object_after_clause(doc[1], doc[4])


def _all_events(text: str) -> list[Event]:
    return list(analyze_text(text, published=PUBLISHED).events)


def test_a_lead_retold_in_the_body_is_one_occurrence() -> None:
    # the inverted pyramid: the lead's accusation is told again lower down in other words
    text = (EVENT_LEAD + "Belarus has accused the Lithuanian authorities of training saboteurs. "
            "The army moved two brigades to the south on Wednesday. "
            "Minsk said the drills were routine. "
            "Belarus accused the Lithuanian government of preparing provocations on the border.")
    evs = sorted((e for e in _all_events(text) if e.plover_type == "ACCUSE"), key=lambda e: e.trigger.start)
    assert len(evs) == 2, [(e.trigger.text, e.plover_type) for e in evs]
    first, later = evs
    assert first.same_as is None and later.same_as == first.id and not later.shown


def test_two_attacks_on_two_places_stay_two() -> None:
    # a target that is only the place it happened: two places are two occurrences
    text = (EVENT_LEAD + "Russian forces attacked Kupiansk on Wednesday morning. "
            "Officials said the city was without power. "
            "Russian forces also attacked Izium on Wednesday.")
    evs = [e for e in _all_events(text) if e.plover_type == "ASSAULT" and e.source_actor is not None]
    assert len(evs) >= 2 and all(e.same_as is None for e in evs), [(e.trigger.text, e.same_as) for e in evs]
