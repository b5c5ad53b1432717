"""Acts promised, imminent, set aside, prevented, denied or done by no one (issue 18, session
10): the modality of the clause keeps them from being shown as occurrences, while the same
acts told as done stay occurrences. Sentences written for these tests, through the real
pipeline."""

from __future__ import annotations

import pytest

from helpers import event_at
from newsledger.models import Event

PUBLISHED = "2024-05-10"


def _event(text: str, trigger: str) -> Event:
    return event_at(text, trigger, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a verb of promising: its complement is committed to, not done
        ("Lithuania vowed to expel the Russian diplomats.", "expel"),
        ("The rebel leader swore to seize the airport.", "seize"),
        # prospective aspect after "be": imminent or scheduled
        ("Russia is set to annex the occupied regions next month.", "annex"),
        ("The troops are about to withdraw from the city.", "withdraw"),
        ("Moscow is poised to launch a major offensive.", "offensive"),
        ("The army is on the verge of capturing the town.", "capturing"),
        # an inverted condition, with no "if"
        ("Had the army shelled the town, the villagers would have fled.", "shelled"),
    ],
)
def test_acts_promised_imminent_or_conditional_are_hypothetical(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "hypothetical" and not ev.shown, (text, ev.modality)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # an alternative set aside
        ("Instead of attacking the city, the army surrounded it.", "attacking"),
        ("The army surrounded the city rather than attacking it.", "attacking"),
        # a negative implicative verb with its preposition, and prevention
        ("Russia refrained from attacking the capital.", "attacking"),
        ("The EU stopped short of imposing sanctions on Moscow.", "sanctions"),
        # a verb of denial: what is denied did not happen, by its subject's account
        ("Russia denied attacking the convoy.", "attacking"),
        ("Kyiv denied that its troops had shelled the village.", "shelled"),
        # an act that has stopped, and an act no one did
        ("Russia no longer shells the city.", "shells"),
        ("Nobody attacked the convoy near the border.", "attacked"),
        ("No Russian troops attacked the convoy.", "attacked"),
    ],
)
def test_acts_set_aside_prevented_denied_or_done_by_no_one_are_negated(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "negated" and not ev.shown, (text, ev.modality)


def test_a_claim_that_is_rejected_is_unconfirmed() -> None:
    ev = _event("Moscow rejected claims that its forces had shelled the hospital in Kharkiv.", "shelled")
    assert ev.modality == "hypothetical" and not ev.shown


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Lithuania expelled the Russian diplomats.", "expelled"),
        ("Russia annexed the occupied regions.", "annexed"),
        ("Russia shells the city every night.", "shells"),
        ("The army surrounded the city and attacked it.", "attacked"),
        ("Russian troops attacked the convoy near Kharkiv.", "attacked"),
        # a negative subject of another clause does not deny an act named in this one
        ("No one was hurt when Russian forces shelled the town.", "shelled"),
    ],
)
def test_the_same_acts_told_as_done_stay_asserted(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality in ("asserted", "reported"), (text, ev.modality)


def test_a_denial_that_is_itself_denied_denies_nothing() -> None:
    ev = _event("Kyiv did not deny that its troops had shelled the village.", "shelled")
    assert ev.modality == "possible" and not ev.shown  # neither denied nor confirmed


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a verb of effort (conative, as "try"): the act is attempted, not told as done
        ("Moldova struggles to fight off Russian troops in the east.", "fight"),
        ("The army strove to recapture the town.", "recapture"),
    ],
)
def test_acts_striven_for_are_hypothetical(text: str, trigger: str) -> None:
    assert _event(text, trigger).modality == "hypothetical"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a clause of simultaneity shares its matrix's spread over a period
        ("Such an endeavor was evident throughout the Cold War, as the United States opposed the Soviet Union.",
         "opposed"),
        # an adverb of frequency
        ("Analysts note that Girkin had been consistently criticizing Putin.", "criticizing"),
    ],
)
def test_acts_spread_over_a_period_are_no_single_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown


def test_a_clause_of_simultaneity_under_a_single_act_stays_an_occurrence() -> None:
    assert not _event("Russian forces shelled the town as the rebels withdrew.", "withdrew").generic


def test_a_material_act_in_the_simple_present_is_habitual_not_one_occurrence() -> None:
    ev = _event("The mayor spoke on Monday. He claims that Ukrainian forces attack Russian villages every week.",
                "attack")
    assert ev.generic and not ev.shown


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a heading tells the news in the present
        ("Russia shells Kharkiv. Russian forces shelled Kharkiv on Monday, officials said.", "shells"),
        # so does a line with no final stop
        ("The talks ended on Monday. Russian forces advance on Pokrovsk", "advance"),
        # an act of saying in the present is the convention of news
        ("The talks ended on Monday. Russia accuses Ukraine of shelling the plant.", "accuses"),
    ],
)
def test_the_present_of_headings_and_of_saying_stays_an_occurrence(text: str, trigger: str) -> None:
    assert not _event(text, trigger).generic
