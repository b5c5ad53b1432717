"""Texts are instruments, bans of trade are sanctions, participles and kind descriptions are no
acts, a request's target is who is asked: sentences written for these tests (issue 18)."""

from __future__ import annotations

from helpers import analyze_text
from newsledger.models import Event


def _events(text: str) -> list[Event]:
    return analyze_text(text, published="2024-09-05").events


def _with(text: str, trigger: str) -> list[Event]:
    return [e for e in _events(text) if e.trigger.text.startswith(trigger)]


def test_a_text_is_no_actor() -> None:
    # PLOVER's actors are agents; a letter or a law is what they act with
    for text, trigger in (("'The ministry must answer these questions,' the letter states.", "states"),
                          ("The bill provides $12 billion in weapons to Ukraine.", "provides"),
                          ("The report accused the army of torture.", "accused")):
        evs = _with(text, trigger)
        assert evs, text
        assert all(e.source_actor is None and not e.shown for e in evs), text


def test_a_texts_issuer_acts_for_it() -> None:
    ev = _with("The UN resolution condemning the invasion passed with 141 votes.", "condemning")
    assert ev and ev[0].source_actor is not None and ev[0].source_actor.country_code == "UNO"
    ev = _with("A Russian decree banned the opposition party.", "banned")
    assert ev and ev[0].source_actor is not None and ev[0].source_actor.country_code == "RUS"


def test_a_ban_on_trade_is_a_sanction_a_ban_on_a_group_coercion() -> None:
    # PLOVER: SANCTION discontinue curtails commercial exchanges; COERCE bans people or groups
    ev = _with("The United States banned Russian oil imports in March.", "banned")
    assert ev and (ev[0].plover_type, ev[0].plover_mode) == ("SANCTION", "discontinue")
    ev = _with("Canada announced a ban on exports of aircraft parts to Russia.", "ban")
    assert ev and ev[0].plover_type == "SANCTION"
    ev = _with("The president banned the opposition party for the duration of martial law.", "banned")
    assert ev and ev[0].plover_type == "COERCE"


def test_a_participle_after_to_is_no_act() -> None:
    # the parser reads "to occupied" as an infinitive; it is the state of the place
    assert not _with("Many Russians have made trips to occupied Ukraine since 2022.", "occupied")
    assert not _with("The convoy brought food to destroyed villages near the front.", "destroyed")
    # a preposition left without its object before the participle
    assert not _with("Veterans recalled how the prison camp in occupied Poland was liberated in 1945.",
                     "occupied")
    # a real infinitive, or a perfect one, is still read
    assert _with("Russia sent troops to occupy the town.", "occupy")
    assert _with("Russia is said to have occupied the town.", "occupied")


def test_a_kind_described_by_a_relative_clause_is_no_occurrence() -> None:
    evs = _with("The children of soldiers who fought in Ukraine received grants.", "fought")
    assert evs and all(not e.shown and e.generic for e in evs)
    # a clause set off by commas reports what the named force did
    evs = _with("Russian forces, which shelled Kharkiv on Monday, advanced on Izium.", "shelled")
    assert evs and evs[0].shown and not evs[0].generic


def test_a_requests_target_is_who_is_asked_not_who_the_content_names() -> None:
    # the one asked is a pronoun the layer cannot resolve: no target, rather than the country
    # the that-clause names
    ev = _with("The presenter asked him to clarify his words - that Belarus has already received "
               "the weapons.", "asked")
    assert ev and ev[0].plover_type == "REQUEST"
    assert ev[0].target_actor is None or "Belarus" not in ev[0].target_actor.span.text


def test_a_named_bodys_country_is_not_where_it_meets() -> None:
    ev = _with("Prime ministers met the Nordic Council in Oslo on Tuesday.", "met")
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.span.text.endswith("Nordic Council")
    assert ev[0].target_actor.country_code != "NOR"
    # unnamed people take the country of where they are
    ev = _with("Demonstrators in Baghdad protested against the government on Friday.", "protested")
    assert ev and ev[0].source_actor is not None and ev[0].source_actor.country_code == "IRQ"


def test_a_purpose_is_an_aim_not_an_occurrence() -> None:
    evs = _with("Russia massed troops near the border to attack Ukraine, officials said.", "attack")
    assert evs and all(e.modality == "hypothetical" and not e.shown for e in evs)
    assert _with("Russia massed troops near the border to attack Ukraine, officials said.", "massed")[0].shown
    for text in ("Russia massed troops with the aim of capturing Kyiv.",
                 "Russia launched an offensive aimed at capturing Kyiv."):
        evs = _with(text, "capturing")
        assert evs and all(e.modality == "hypothetical" for e in evs), text
    # an implicative causative says the act happened
    evs = _with("Sanctions forced Russia to withdraw its troops from Kherson.", "withdraw")
    assert evs and evs[0].modality == "asserted"


def test_what_is_discussed_is_a_topic_even_a_group_word() -> None:
    # "state" is a word that can name an actor, but the object of "discussed" is a topic
    ev = _with("The ministers discussed the state of safety and order in the region.", "discussed")
    assert ev and (ev[0].target_actor is None or ev[0].target_actor.name.lower() != "state")
    ev = _with("Biden and Scholz discussed Ukraine on Friday.", "discussed")
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.span.text == "Scholz"


def test_a_criticised_transfer_does_not_accuse_its_recipient() -> None:
    ev = _with("Russian officials have criticised shipments of Western arms and equipment to Ukraine.", "criticised")
    assert ev and (ev[0].target_actor is None or ev[0].target_actor.country_code != "UKR")
    # a possessed act stands for its doer
    ev = _with("The CEO slammed Canada's decision to return the turbine.", "slammed")
    assert ev and ev[0].target_actor is not None and ev[0].target_actor.country_code == "CAN"


def test_a_newspaper_named_like_a_text_still_acts() -> None:
    ev = _with("The Post agreed to withhold the names of the soldiers it interviewed.", "agreed")
    assert ev and ev[0].source_actor is not None and ev[0].source_actor.span.text.endswith("Post")
