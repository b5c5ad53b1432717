"""Who said it, ninth pass (issue 17): what a quote is, and whose it is, in war copy.

Each text is written for this test and goes through the real pipeline; each positive case
fails with the rule it names switched off (the flag gives the old behaviour).
"""

from __future__ import annotations

import pytest

from helpers import analyze_text, quotes_with
from newsledger.models import Quote


def _cued(text: str, cue: str) -> list[Quote]:
    return [q for q in analyze_text(text).quotes if q.cue is not None and q.cue.text == cue]


# -------------------- a country's intention with a noun phrase or an infinitive is a deed

COUNTRY_DEEDS = [
    ("Austria has so far refused to condemn the blockade and keeps its embassy open.", "refused"),
    ("The UK pledged more than £2 billion in aid to Moldova.", "pledged"),
]


def _without_country_deeds(text: str) -> list[Quote]:
    from newsledger import analyze
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    return list(analyze(text, settings=settings.replace(components={"quotes": {"country_np_reports": False}})).quotes)


@pytest.mark.parametrize(("text", "cue"), COUNTRY_DEEDS)
def test_a_country_with_a_noun_phrase_is_no_speaker_when_asked(text: str, cue: str) -> None:
    assert [q for q in _without_country_deeds(text) if q.cue is not None and q.cue.text == cue] == []


@pytest.mark.parametrize(("text", "cue"), COUNTRY_DEEDS)
def test_country_deeds_are_kept_by_default(text: str, cue: str) -> None:
    # PolNeAR annotates a state's intentions: the default keeps them (hidden, as np reports)
    (q,) = _cued(text, cue)
    assert q.form == "np" and not q.shown


def test_a_country_stance_on_a_noun_phrase_stays() -> None:
    # only an intention's object is a deed ("refused to condemn"); "condemned X" is a stance
    assert [q for q in _without_country_deeds("Austria condemned the blockade of the port.")
            if q.cue is not None and q.cue.text == "condemned"]


def test_a_country_that_says_a_clause_keeps_its_quote() -> None:
    (q,) = [q for q in _without_country_deeds("Austria said it would condemn the blockade.")
            if q.cue is not None and q.cue.text == "said"]
    assert q.source is not None and q.source.name == "Austria"
    assert q.content[0].text == "it would condemn the blockade"


# ------------------------------ "CONTENT, according to X" reports the whole coordination

SCOPE_TEXT = ("Spain is to support Moldova's bid to one day join the union in an attempt to pressure "
              "Russia into ending its blockade, according to Spanish reports – amid concern Chisinau "
              "will struggle.")


def test_according_to_after_a_coordination_reports_all_of_it() -> None:
    (q,) = [q for q in analyze_text(SCOPE_TEXT).quotes if q.kind == "according-to"]
    assert q.source is not None and q.source.name == "Spanish reports"
    assert q.content[0].text.startswith("Spain is to support Moldova's bid to one day join the union")


def test_according_to_scope_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import phrases

    monkeypatch.setattr(phrases, "CONJUNCT_SCOPE", False)
    (q,) = [q for q in analyze_text(SCOPE_TEXT).quotes if q.kind == "according-to"]
    assert not q.content[0].text.startswith("Spain")


# ------------- "CONTENT - argued the leader, according to the note": the note has no words

RELAY_TEXT = (
    "Trade between the two countries \"does not pose a risk\", but is a chance for the future - "
    "argued the leader of the delegation, according to a note published by the ministry.")


def test_according_to_on_a_cue_with_only_its_speaker_takes_nothing() -> None:
    assert quotes_with(RELAY_TEXT, "argued the leader") == []


def test_relay_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import phrases

    monkeypatch.setattr(phrases, "CONJUNCT_SCOPE", False)
    assert [q for q in quotes_with(RELAY_TEXT, "argued the leader") if q.kind == "according-to"]


# ------------------------------------------- a body's name is not a rank: "the General Staff"

STAFF_TEXT = "The General Staff of the Moldovan Armed Forces said that the border was calm."


def test_a_title_word_glued_to_a_body_is_part_of_its_name() -> None:
    (q,) = _cued(STAFF_TEXT, "said")
    assert q.source is not None
    assert q.source.name == "General Staff of the Moldovan Armed Forces"
    assert q.source.role is None


def test_body_title_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "ORG_TITLE_IN_NAME", False)
    (q,) = _cued(STAFF_TEXT, "said")
    assert q.source is not None and q.source.role == "General"


def test_a_rank_before_a_person_stays_a_role() -> None:
    (q,) = _cued("General Valerii Zaluzhnyi said that the front was stable.", "said")
    assert q.source is not None and q.source.name == "Valerii Zaluzhnyi"


# ---------------------- "In the report of X, it was reported that …" is X's report, not no one's

REPORT_TEXT = ("In the weekly report of the Moldovan Border Police, it was reported that 40 people had "
               "crossed the border.")


def test_an_owned_document_of_an_impersonal_passive_is_the_source() -> None:
    (q,) = quotes_with(REPORT_TEXT, "40 people had crossed")
    assert q.kind == "indirect"
    assert q.source is not None and q.source.name == "Moldovan Border Police"


def test_owned_document_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "OWNED_DOCUMENT_SOURCE", False)
    (q,) = quotes_with(REPORT_TEXT, "40 people had crossed")
    assert q.kind == "unattributed" and q.source is None


def test_a_document_without_an_owner_stays_unattributed() -> None:
    (q,) = quotes_with("In a statement, it was reported that the convoy had been stopped.", "the convoy")
    assert q.kind == "unattributed" and q.source is None


# ---------------------------------------------- "officials in Kyiv": the place is who they are

def test_a_group_takes_the_place_named_after_it() -> None:
    (q,) = _cued("Officials in Kyiv say the convoy was shelled.", "say")
    assert q.source is not None and q.source.name == "Officials in Kyiv"
    assert q.source.span is not None and q.source.span.text == "Officials in Kyiv"


def test_group_place_needs_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import speakers

    monkeypatch.setattr(speakers, "PLACE_OF_GROUP", False)
    (q,) = _cued("Officials in Kyiv say the convoy was shelled.", "say")
    assert q.source is not None and q.source.name == "Officials"
