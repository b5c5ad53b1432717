"""Session 12 (issue 18): a negated act stays negated, names of things are not parties, and a
noun phrase after a that-clause is not the verb's object. Sentences written for these tests,
through the real pipeline (and one hand-built parse, where the small parser's attachment is
what is tested)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from helpers import EVENT_LEAD, event_at
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
