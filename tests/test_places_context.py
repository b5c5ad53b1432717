"""Issue 19, third part: what a mention's use says about its place (a dateline names a city,
a metonymic name a seat of government, a name joined to a participle is its agent), short
texts that are no evidence against their places, and facilities placed at a country or in
the article's main country; on texts written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import analyze_text
from newsledger.geo import get_gazetteer
from newsledger.nlp.places.lexicon import lexicon
from newsledger.nlp.places.mentions import RawMention
from newsledger.nlp.places.resolve import resolve


def mentions_of(text: str, names: list[str], label: str = "GPE") -> list[RawMention]:
    """Mentions of ``names`` (first occurrences in ``text``, in that order)."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(RawMention(start, start + len(name), name, label))
        at = start + len(name)
    return out


def resolve_all(ms: list[RawMention]):
    return resolve(ms, get_gazetteer(), Counter(), lexicon().demonyms)


def test_far_apart_places_of_a_short_text_are_no_evidence_against_each_other() -> None:
    """Kharkiv and Geneva in two sentences: each keeps about the confidence it has alone
    (distance tells which reading of a name is meant, not whether it is a place). Before,
    the far neighbour cut Kharkiv from its confidence alone to about a quarter."""
    text = "Shelling hit Kharkiv overnight, the mayor said. Peace talks in Geneva were postponed."
    (kharkiv, with_geneva), (geneva, geneva_conf) = resolve_all(mentions_of(text, ["Kharkiv", "Geneva"]))
    ((alone, alone_conf),) = resolve_all(mentions_of(text, ["Kharkiv"]))
    assert kharkiv is not None and kharkiv.cc == "UA" and alone is not None and alone.gid == kharkiv.gid
    assert geneva is not None and geneva.cc == "CH"
    assert with_geneva >= alone_conf - 0.1
    assert geneva_conf > 0.3


def test_two_sentences_resolve_at_a_confidence_that_says_so() -> None:
    report = analyze_text("Russian shelling hit Kharkiv overnight, the mayor said. "
                          "Peace talks in Geneva were postponed.")
    by_name = {p.name: p for p in report.places}
    assert by_name["Kharkiv"].country_code == "UA" and by_name["Kharkiv"].confidence > 0.5
    assert by_name["Geneva"].country_code == "CH" and by_name["Geneva"].confidence > 0.3


def test_a_dateline_names_the_city() -> None:
    """"WASHINGTON (AP) —": the capital, not the state (datelines name cities)."""
    report = analyze_text("WASHINGTON (AP) — Lawmakers debated the budget on Tuesday.")
    (place,) = [p for p in report.places if p.name.casefold() == "washington"]
    assert place.feature_code == "PPLC" and place.country_code == "US"


def test_a_metonymic_name_leans_to_the_seat_of_government() -> None:
    """"Washington warned": the name of a government is its seat, so the capital gains on
    the state (which, much larger, still wins on a name alone); a dateline settles it."""
    text = "Washington warned that the sanctions would stay."
    ((plain, plain_conf),) = resolve_all(mentions_of(text, ["Washington"]))
    (m,) = mentions_of(text, ["Washington"])
    m.metonymic = True
    ((used, used_conf),) = resolve_all([m])
    assert plain is not None and used is not None
    assert (used.fcode, used_conf) != (plain.fcode, plain_conf)
    assert used.fcode == "PPLC" or used_conf < plain_conf


@pytest.mark.parametrize("text,agent", [
    ("Moscow-controlled territory in the south was shelled again.", "Moscow"),
    ("Russian-backed officials in Donetsk denied it.", "Russian"),
])
def test_a_name_joined_to_a_participle_is_its_agent_not_a_place(text: str, agent: str) -> None:
    """"Moscow-controlled territory" is territory controlled by Moscow's government: no
    place mention of Moscow (a place named plainly in the same text still is one)."""
    report = analyze_text(text)
    spans = {m.span.text for p in report.places for m in p.mentions}
    assert agent not in spans
    if "Donetsk" in text:
        assert "Donetsk" in spans


def test_a_name_joined_to_a_participle_of_placing_stays_a_place() -> None:
    """"A Kyiv-based analyst": based in Kyiv, a place."""
    report = analyze_text("A Kyiv-based analyst said the talks had stalled.")
    (kyiv,) = [p for p in report.places if p.name == "Kyiv"]
    assert kyiv.resolved and kyiv.country_code == "UA"


def test_a_facility_in_a_country_with_no_town_named_is_placed_at_the_country() -> None:
    """Before, only towns and divisions could hold a facility the gazetteer lacks."""
    text = "The Amber Grove Orphanage in Moldova was evacuated on Friday."
    ms = mentions_of(text, ["Amber Grove Orphanage", "Moldova"])
    ms[0].container = 1
    (home, conf), (country, _) = resolve_all(ms)
    assert country is not None and country.cc == "MD" and country.is_country
    assert home is not None and home.is_site and home.gid == country.gid and conf < 0.9


def test_gold_spans_carry_the_model_label_and_the_dateline(nlp) -> None:
    """The gold-span evaluation passes what recognition would: the model's label of the span
    (GPE when no entity covers it) and whether it is the dateline."""
    from newsledger.eval.places import gold_span_mentions

    text = "KHARKIV, Ukraine (AP) — Crowds gathered at the Lincoln Memorial and in zzqqland."
    doc = nlp(text)
    names = ["KHARKIV", "Lincoln Memorial", "zzqqland"]
    gold = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in names]
    ms, _ = gold_span_mentions(doc, gold, get_gazetteer())
    labels = {e.text: e.label_ for e in doc.ents}
    assert ms[0].dateline and not ms[1].dateline
    assert ms[1].label == labels.get("the Lincoln Memorial", labels.get("Lincoln Memorial", "GPE"))
    assert ms[2].label == "GPE"


def test_the_abstain_share_is_the_layers_config() -> None:
    """``[components.places] abstain_p`` decides when "no match" wins: at the default the
    towns of a short text resolve; a user who wants fewer, surer places lowers it and they stay
    unresolved (kept, with their spans); a share of 0 is refused."""
    from newsledger import analyze
    from newsledger.errors import NewsledgerError
    from newsledger.settings import load_settings

    text = "Shelling hit Kharkiv overnight, the mayor said. Peace talks in Geneva were postponed."
    base = load_settings(use_files=False)
    default = {p.name: p.resolved for p in analyze(text, settings=base).places}
    strict = analyze(text, settings=base.replace(components={"places": {"abstain_p": 0.05}})).places
    assert default == {"Kharkiv": True, "Geneva": True}
    assert [(p.name, p.resolved) for p in strict] == [("Kharkiv", False), ("Geneva", False)]
    with pytest.raises(NewsledgerError, match="abstain_p"):
        analyze(text, settings=base.replace(components={"places": {"abstain_p": 0.0}}))


def test_the_shown_confidence_is_the_layers_config() -> None:
    """``[components.places] shown_confidence`` decides which resolved places are shown by
    default (issue 19): every resolved place at 0, only a certain one at 1, the default at 0.9."""
    from newsledger import analyze
    from newsledger.errors import NewsledgerError
    from newsledger.settings import load_settings

    text = "Shelling hit Kharkiv overnight, the mayor said. Peace talks in Geneva were postponed."
    base = load_settings(use_files=False)
    default = analyze(text, settings=base).places
    assert default and all(p.resolved for p in default)
    assert all(p.shown == (p.confidence >= 0.9) for p in default)
    every = analyze(text, settings=base.replace(components={"places": {"shown_confidence": 0.0}})).places
    assert [(p.name, p.shown) for p in every] == [(p.name, True) for p in default]
    strict = analyze(text, settings=base.replace(components={"places": {"shown_confidence": 1.0}})).places
    assert [p.shown for p in strict] == [p.confidence >= 1.0 for p in default]
    with pytest.raises(NewsledgerError, match="shown_confidence"):
        analyze(text, settings=base.replace(components={"places": {"shown_confidence": 1.5}}))


@pytest.mark.parametrize("text, names, state", [
    ("Hail flattened wheat around Columbus, Scottsbluff and Kearney on Monday.",
     ["Columbus", "Scottsbluff", "Kearney"], "Nebraska"),
    ("Ranchers from Jackson, Casper and Cody met on Friday.", ["Jackson", "Casper", "Cody"], "Wyoming"),
])
def test_a_town_in_the_state_of_the_other_towns_named(text: str, names: list[str], state: str) -> None:
    """Local news names the towns around a story, seldom their state: a reading in the
    first-level division of the other places named (``shares_admin1``) is the town of that
    state, though a larger namesake elsewhere (Columbus, Ohio; Jackson, Mississippi) wins
    on its own. The towns are hundreds of kilometres apart, so distance alone does not say
    it; with the feature's weight at 0, the larger namesake wins."""
    import dataclasses

    from newsledger.nlp.places.ranker import weights

    gaz = get_gazetteer()
    (division,) = [c for c in gaz.lookup(state) if c.admin_level == 1 and c.cc == "US"]
    (town, conf), *_ = resolve(mentions_of(text, names), gaz, Counter(), lexicon().demonyms)
    assert town is not None and town.admin1 == division.gid and conf > 0
    shipped = weights()
    off = dataclasses.replace(shipped, w=tuple(0.0 if f == "shares_admin1" else v
                                               for f, v in zip(shipped.features, shipped.w, strict=True)))
    (other, _), *_ = resolve(mentions_of(text, names), gaz, Counter(), lexicon().demonyms, model=off)
    assert other is not None and other.admin1 != division.gid
