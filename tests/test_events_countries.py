"""Actor countries from the sentence, organisations and negated nationalities: short texts
written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest

from helpers import analyze_text
from newsledger.models import Event, EventActor


def _event(text: str, plover_type: str) -> Event:
    events = analyze_text(text, published="2024-09-05").events
    hits = [e for e in events if e.plover_type == plover_type]
    assert hits, f"no {plover_type} among {[(e.plover_type, e.trigger.text) for e in events]}"
    return hits[0]


def _code(actor: EventActor | None) -> str | None:
    return actor.country_code if actor is not None else None


@pytest.mark.parametrize(
    ("text", "plover_type", "role", "expected"),
    [
        # a head of state named without a country takes the sentence's
        ("President Carlos Mendes threatened to ban Peruvian opposition parties from the vote.",
         "THREATEN", "source", "PER"),
        ("President Ana Ruiz imposed a curfew in Quito after the riots.", "COERCE", "source", "ECU"),
        # an ethnic group is coded where it lives, not by its nationality
        ("Up to 200 ethnic Albanians protested in Serbia on Tuesday.", "PROTEST", "source", "SRB"),
        # well-known movements, armed groups and organisations (organisations.tsv)
        ("Hezbollah fighters attacked an army post on Sunday.", "ASSAULT", "source", "LBN"),
        ("The Taliban rejected the offer of talks.", "REJECT", "source", "AFG"),
        ("Amnesty International accused the police of torture.", "ACCUSE", "source", "NGO"),
    ],
)
def test_actor_country(text: str, plover_type: str, role: str, expected: str) -> None:
    ev = _event(text, plover_type)
    actor = ev.source_actor if role == "source" else ev.target_actor
    assert _code(actor) == expected


@pytest.mark.parametrize(
    ("text", "plover_type", "role", "not_expected"),
    [
        # two governments face each other: the president is not Polish
        ("President Jonas Berg welcomed the Polish government's statement on Monday.",
         "SUPPORT", "source", "POL"),
        # a trailing source tag says who told the story, not where it happened
        ("President Omar Diallo rejected the peace plan, French diplomats said.", "REJECT", "source", "FRA"),
        # an expert speaks about a country without belonging to it
        ("Analysts criticised the government's decision to close the border in Kursk.", "ACCUSE", "source", "RUS"),
        # money is no country
        ("President Jean Morel demanded US $5 million from the company.", "REQUEST", "source", "USA"),
    ],
)
def test_no_country_from_unrelated_words(text: str, plover_type: str, role: str, not_expected: str) -> None:
    ev = _event(text, plover_type)
    actor = ev.source_actor if role == "source" else ev.target_actor
    assert actor is not None
    assert _code(actor) != not_expected
