"""Events on short texts written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest

from helpers import analyze_text
from newsledger.models import Event


def _events(text: str) -> list[Event]:
    report = analyze_text(text, published="2024-09-05")
    assert all(e.trigger.text == text[e.trigger.start : e.trigger.end] for e in report.events)
    return report.events


def _find(events: list[Event], plover_type: str) -> Event:
    hits = [e for e in events if e.plover_type == plover_type]
    assert hits, f"no {plover_type} among {[(e.plover_type, e.trigger.text) for e in events]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "plover_type", "source_country", "target_country"),
    [
        ("The Ukrainian government accused Russia of war crimes.", "ACCUSE", "UKR", "RUS"),
        ("Russian forces attacked Ukrainian positions near the river.", "ASSAULT", "RUS", "UKR"),
        ("Police arrested dozens of protesters in the capital on Sunday.", "COERCE", None, None),
        ("Thousands of students demonstrated against the Serbian government.", "PROTEST", None, "SRB"),
        ("Hungary rejected the proposal of the European Commission.", "REJECT", "HUN", "EUR"),
        ("The German chancellor praised Poland for its support.", "SUPPORT", "DEU", "POL"),
        ("Moldova demanded that Russia withdraw its soldiers from Transnistria.", "REQUEST", "MDA", "RUS"),
        ("Russia threatened to cut gas supplies to Bulgaria.", "THREATEN", "RUS", "BGR"),
        ("Turkish troops withdrew from the border town.", "RETREAT", "TUR", None),
        ("Belarus deployed troops to its western border.", "MOBILIZE", "BLR", None),
        # the actor of an attack noun that is the subject of "killed"
        ("Israeli air strikes killed at least 20 people in Gaza City.", "ASSAULT", "ISR", None),
        # plural demonyms; an unnamed crowd acts where it is
        ("Nigerians rallied in Lagos against the new law.", "PROTEST", "NGA", None),
        ("Prisoners rioted at a jail in Kabul on Monday.", "PROTEST", "AFG", None),
        # what a protest is against, from its purpose clause
        ("Algerian farmers began a hunger strike to protest the Tunisian government's decision.",
         "PROTEST", "DZA", "TUN"),
    ],
)
def test_type_and_actor_countries(text: str, plover_type: str, source_country: str | None,
                                  target_country: str | None) -> None:
    ev = _find(_events(text), plover_type)
    if source_country:  # None: this case does not check that actor's country
        assert ev.source_actor is not None and ev.source_actor.country_code == source_country
    if target_country:
        assert ev.target_actor is not None and ev.target_actor.country_code == target_country
    assert ev.cameo_root
    # an ACLED type, or the reason it has none (diplomacy, attribution, ...)
    assert (ev.acled_event_type and ev.acled_sub_event_type) or ev.non_acled


@pytest.mark.parametrize(
    ("text", "plover_type", "modality"),
    [
        ("Russian forces could capture the town within weeks.", "COERCE", "hypothetical"),
        ("Russian troops did not attack the village.", "ASSAULT", "negated"),
        ("Russian troops might attack the village.", "ASSAULT", "possible"),
        ("If Russia attacks Moldova, the alliance would respond.", "ASSAULT", "hypothetical"),
        ("The army said that rebels attacked a convoy.", "ASSAULT", "reported"),
        ("Rebels attacked a convoy near the border.", "ASSAULT", "asserted"),
        ("A breakthrough by Russian forces could force a broader Ukrainian retreat.", "RETREAT", "hypothetical"),
    ],
)
def test_modality(text: str, plover_type: str, modality: str) -> None:
    assert _find(_events(text), plover_type).modality == modality


@pytest.mark.parametrize(
    ("text", "plover_type"),
    [
        # PLOVER: cooperative acts announced for the future are AGREE; conflictual ones THREATEN
        ("Poland said it will send aid to Ukraine.", "AGREE"),
        ("The rebels said they would attack the city unless talks resumed.", "THREATEN"),
        # a negated cooperative act is a refusal
        ("Serbia said it will not accept the plan.", "REJECT"),
    ],
)
def test_plover_recoding_rules(text: str, plover_type: str) -> None:
    _find(_events(text), plover_type)


def test_sector_and_mapping_follow_the_actor() -> None:
    ev = _find(_events("Russian artillery shelled Kharkiv overnight."), "ASSAULT")
    assert ev.plover_mode == "heavy-weapons"
    assert ev.acled_event_type == "Explosions/Remote violence"
    assert ev.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert ev.cameo_root == "19"
    assert ev.source_actor is not None and ev.source_actor.sector == "military"


def test_sector_of_titles_with_hyphens_and_possessives() -> None:
    ev = _find(_events("The United Nations Secretary-General condemned the attack on the convoy."), "ACCUSE")
    assert ev.source_actor is not None
    assert (ev.source_actor.country_code, ev.source_actor.sector) == ("UNO", "government")
    ev = _find(_events("Protesters demanded the president's resignation."), "RETREAT")
    assert ev.source_actor is not None and ev.source_actor.span.text == "the president"


@pytest.mark.parametrize(
    ("text", "mode", "acled_sub"),
    [
        ("Israeli air strikes killed 20 people in Gaza City.", "aerial", "Air/drone strike"),
        ("Three soldiers were killed by a roadside bomb near Samarra.", "explosives", "Remote explosive/landmine/IED"),
        ("Rebels launched a rocket attack on the airport.", "heavy-weapons", "Shelling/artillery/missile attack"),
    ],
)
def test_attack_mode_from_its_means(text: str, mode: str, acled_sub: str) -> None:
    ev = next(e for e in _events(text) if e.plover_type == "ASSAULT" and e.plover_mode == mode)
    assert ev.acled_sub_event_type == acled_sub


def test_front_line_distance_is_an_event_citing_its_figure() -> None:
    text = "Russian forces are now 8 kilometers from Kupiansk, the general staff said."
    report = analyze_text(text)
    ev = next(e for e in report.events if e.trigger.text.endswith("from"))
    assert ev.plover_type == "ASSAULT"
    assert ev.source_actor is not None and ev.source_actor.country_code == "RUS"
    assert ev.location is not None and ev.location.text == "Kupiansk"
    distance_ids = {q.id for q in report.quantities if "8" in q.span.text}
    assert distance_ids, "the quantities layer must find the distance"
    assert distance_ids & set(ev.quantity_ids)


def test_actor_act_and_place_stay_in_their_clause() -> None:
    text = ("Russian forces shelled Kharkiv on Monday. "
            "Ukraine's army said it had repelled an attack near Izium.")
    shelling = next(e for e in _events(text) if e.trigger.text == "shelled")
    assert shelling.source_actor is not None and shelling.source_actor.country_code == "RUS"
    assert shelling.location is not None and shelling.location.text == "Kharkiv"


def test_date_comes_from_text_or_publication() -> None:
    ev = _find(_events("Russian troops attacked the village."), "ASSAULT")
    assert (ev.date, ev.date_basis) == ("2024-09-05", "published")
    # a date in the clause (found by the quantities layer's time expressions) comes first
    ev = _find(_events("Russian troops attacked the village on Tuesday."), "ASSAULT")
    assert (ev.date, ev.date_basis) == ("2024-09-03", "text")


@pytest.mark.parametrize("text", ["!!! ???", "- - -", "The weather was mild and the harvest good."])
def test_no_events_and_no_warnings_on_plain_or_odd_text(text: str) -> None:
    report = analyze_text(text)
    assert report.events == []
    assert not [w for w in report.warnings if w.layer == "events"]


def test_works_without_the_other_layers(settings) -> None:
    """Only the parse: actors, countries and places still come from the clause."""
    from newsledger.models import Article
    from newsledger.nlp.pipeline import get_nlp, make_doc

    bare = settings.replace(pipeline=["segmenter", "events"])
    nlp = get_nlp(bare)
    doc = nlp(make_doc(nlp, Article(id="t", text="Russian forces shelled Kharkiv on Monday.")))
    ev = next(e for e in doc._.nl_events if e.plover_type == "ASSAULT")
    assert ev.source_actor is not None and ev.source_actor.country_code == "RUS"
    assert ev.place_id is None and ev.location is not None and ev.location.text == "Kharkiv"
    assert ev.quantity_ids == [] and ev.quote_id is None


def test_statements_are_linked_to_their_quotes() -> None:
    text = '"Russia must withdraw its troops from our land," Ukrainian Foreign Minister Dmytro Kuleba demanded.'
    report = analyze_text(text)
    demand = _find(report.events, "REQUEST")
    assert demand.trigger.text == "demanded"
    assert demand.source_actor is not None and demand.source_actor.country_code == "UKR"
    assert report.quotes, "the quotes layer must find the demand"
    assert demand.quote_id in {q.id for q in report.quotes}
    inside = _find(report.events, "RETREAT")  # what is demanded is not a fact
    assert inside.quote_id == demand.quote_id and inside.modality == "hypothetical"


def test_a_threat_targets_the_threatened_not_the_threatener() -> None:
    ev = _find(_events("Russian President Vladimir Putin warned that Moscow would strike Kyiv."), "THREATEN")
    assert ev.source_actor is not None and ev.source_actor.country_code == "RUS"
    assert ev.target_actor is not None and ev.target_actor.country_code == "UKR"


def test_a_pronoun_is_the_speaker_only_when_it_agrees() -> None:
    ev = _find(_events('Zelensky said that they are attacking hospitals.'), "ASSAULT")
    assert ev.source_actor is None or "Zelensky" not in ev.source_actor.name
    ev = _find(_events("Syria says it is willing to withdraw its troops from Lebanon."), "AGREE")
    assert ev.source_actor is not None and ev.source_actor.country_code == "SYR"
