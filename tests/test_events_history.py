"""History, ongoing acts and meeting topics (issue 18, session 9): an act told as the past
point a present state is measured from, a month without its year in a story of an earlier
year, an undated act told after a date of history in its paragraph, and an act told as
ongoing or as a sum so far are not new occurrences; a meeting's topic is neither its place
nor its party. Sentences written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest

from helpers import event_at
from newsledger.models import Event

PUBLISHED = "2024-04-29"  # a Monday


def _event(text: str, trigger: str) -> Event:
    return event_at(text, trigger, PUBLISHED)


# ------------------------------------------------------------ "after" a past point, told from now


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The exhibition takes place two years after Russia seized the villages in the east.", "seized"),
        ("The blasts come a week after two soldiers were killed in a drone strike on the airbase.", "killed"),
        ("The explosions come a week after at least one person was killed in similar explosions at the airbase.",
         "killed"),
        # a perfect of a state is measured from the point as from a "since"
        ("The crisis has been looming for weeks after Russian troops massed near the border.", "troops massed"),
    ],
)
def test_a_past_act_after_which_a_present_happening_is_measured_is_background(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (text, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a past matrix: the story's sequence
        ("Chad shelled the town after the rebels seized it on Monday.", "seized"),
        # a perfect of an event: news told with what occasioned it
        ("The army says it has retaken the village after the rebels attacked it.", "attacked"),
        # a present state and the news that caused it
        ("The road to the port is closed after two explosive devices were found in the canal.", "explosive"),
    ],
)
def test_a_past_act_in_a_clause_of_sequence_is_still_an_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, text


# ------------------------------------------------------------ the story's year


def test_a_month_without_its_year_takes_the_year_the_story_is_told_in() -> None:
    text = ("The vote took place on March 16, 2014, under the eyes of the army.\n\n"
            "Already on March 17, the rebels seized the airport of the peninsula.")
    ev = _event(text, "seized")
    assert (ev.date, ev.date_basis) == ("2014-03-17", "text") and ev.generic and not ev.shown, (ev.date, ev.generic)


@pytest.mark.parametrize(
    "text",
    [
        # no earlier year written: the publication's year
        "On March 17, the rebels seized the airport of the peninsula.",
        # a year that names another event inside a noun phrase is no time the story is told in
        "Since the invasion in February 2022 the army has grown.\n\nOn March 17, the rebels seized the airport.",
    ],
)
def test_a_month_without_its_year_keeps_the_publication_year_without_a_story_year(text: str) -> None:
    ev = _event(text, "seized")
    assert ev.date == "2024-03-17", ev.date


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The vote took place on March 16, 2014. Activists were beaten and kidnapped by the militia.", "kidnapped"),
        ("In 2014, the rebels seized the airport. The army withdrew from the peninsula.", "withdrew"),
        # a participle adjunct shares the time of the clause it hangs on
        ("The right was exercised at the referendum of 1991, supporting the independence of Ukraine.", "supporting"),
    ],
)
def test_an_undated_past_act_after_a_date_of_history_in_its_paragraph_is_history(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (text, ev.date, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # another paragraph: the story is back to its news
        ("The rebels seized the airport in 2014.\n\nThe army shelled the port, officials said.", "shelled"),
        # a date in a relative clause dates that clause only
        ("The rebels, who seized the airport in 2014, shelled the port.", "shelled"),
        # told in the present: from now (the progressive: a simple present of a material act,
        # "they shell the port every night", is habitual, generic for another reason)
        ("The rebels seized the airport in 2014. They are now shelling the port.", "shelling"),
        # a later date of the paragraph is recent: the story's time again
        ("The rebels seized the airport in 2014. On Friday, the army shelled the port.", "shelled"),
    ],
)
def test_an_act_not_told_in_a_paragraphs_history_is_no_history(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, (text, ev.date, ev.generic)


# ------------------------------------------------------------ ongoing acts and sums so far


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The rebels are still shelling the town.", "shelling"),
        ("So far, Canada has frozen the assets of ten oligarchs.", "frozen"),
        ("Until now, Canada froze the assets of ten oligarchs.", "froze"),
        # what a body found before is recalled, not reported as news
        ("The court has previously found that the army executed prisoners.", "executed"),
    ],
)
def test_an_ongoing_act_or_a_sum_so_far_is_no_single_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (text, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Canada froze the assets of ten oligarchs on Friday.", "froze"),
        # "still" with a simple past concedes; it does not continue
        ("Despite the storm, the army still shelled the port on Friday.", "shelled"),
        ("The court found on Friday that the army executed prisoners.", "executed"),
    ],
)
def test_a_single_act_has_no_aspect_of_an_ongoing_one(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, (text, ev.generic)


# ------------------------------------------------------------ a meeting's topic


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Turkey is hosting talks on Wednesday to try and break the deadlock over the export of grain "
         "from Ukraine.", "hosting"),
        ("Chad hosted a summit on the crisis in Darfur.", "hosted"),
        ("The UN Security Council convened an emergency meeting on Ukraine on Monday.", "meeting"),
    ],
)
def test_what_a_meeting_is_about_is_neither_its_place_nor_its_party(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.target_actor is None and ev.place_id is None, (text, ev.target_actor, ev.location)


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        ("The president held talks with the Polish prime minister on the war in Ukraine.", "talks",
         "Polish prime minister"),
        ("The Polish president talked about Ukraine with the French president in Paris.", "talked",
         "French president"),
        # an assault's "on" phrase is what it hit
        ("Russian forces launched an attack on Kharkiv on Friday.", "attack", "Kharkiv"),
    ],
)
def test_a_meetings_party_and_an_attacks_target_are_still_found(text: str, trigger: str, target: str) -> None:
    ev = _event(text, trigger)
    assert ev.target_actor is not None and target in ev.target_actor.name, (text, ev.target_actor)


# ------------------------------------------------------------ history recalled, promised or before the past


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("He recalled that Belarus hosted several rounds of talks between Chad and Sudan.", "hosted"),
        ("The newspaper reminds that the European Union froze the assets of the central bank.", "froze"),
        # a participle on a noun of the recalled clause is recalled with it
        ("I reminded the president that Brazil voted in favor of the UN resolution condemning the invasion.",
         "condemning"),
    ],
)
def test_an_undated_act_recalled_is_history(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (text, ev.generic)


def test_a_participle_on_a_noun_takes_the_date_of_the_clause_the_noun_is_in() -> None:
    ev = _event("Egypt voted against Russia last year in a UN resolution condemning the invasion.", "condemning")
    assert (ev.date, ev.date_basis) == ("2023", "text") and ev.generic, (ev.date, ev.date_basis)


def test_a_promise_of_an_act_dated_long_ago_is_history() -> None:
    ev = _event("The US agreed to send 31 tanks to Ukraine in January 2023.", "agreed")
    assert ev.generic and not ev.shown, (ev.date, ev.generic)


def test_an_act_in_the_past_perfect_is_background() -> None:
    ev = _event("Analysts note that Girkin had been criticizing Putin.", "criticizing")
    assert ev.generic and not ev.shown, ev.generic


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # asked, not recalled
        ("The minister reminded the rebels that they must withdraw from the town.", "withdraw"),
        ("The US agreed on Friday to send tanks to Ukraine.", "agreed"),
        # the past perfect backshifted in a report told in the past is the report's news
        ("The army said on Friday that Russian forces had shelled Kharkiv.", "shelled"),
        ("Russian forces had shelled the town, officials said.", "shelled"),
        ("He recalled on Friday that Belarus hosted talks between Chad and Sudan this week.", "hosted"),
    ],
)
def test_an_act_neither_recalled_promised_long_ago_nor_before_the_past_is_no_history(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, (text, ev.generic)


# ------------------------------------------------------------ a complement done, an adjunct's aspect


def test_an_act_done_in_a_to_complement_takes_its_matrix_date() -> None:
    ev = _event("The US Senate voted resoundingly on Tuesday to approve $95bn in aid for Ukraine.", "approve")
    assert (ev.date, ev.date_basis) == ("2024-04-23", "text"), (ev.date, ev.date_basis)


def test_an_act_only_promised_in_a_to_complement_does_not_take_its_matrix_date() -> None:
    ev = _event("The president pledged on Monday to send troops to Chad.", "send")
    assert ev.modality == "hypothetical" and ev.date_basis == "published", (ev.modality, ev.date)


def test_a_participle_adjunct_shares_the_ongoing_aspect_of_its_clause() -> None:
    ev = _event("The rebels are still massing troops on the border, issuing threats against the capital.", "threats")
    assert ev.generic and not ev.shown, ev.generic


def test_a_participle_adjunct_of_a_single_act_is_a_single_act() -> None:
    ev = _event("The rebels massed troops on the border on Friday, issuing threats against the capital.", "threats")
    assert not ev.generic, ev.generic


def test_an_act_reported_in_a_dated_that_clause_takes_the_day_it_was_told() -> None:
    ev = _event("The army said on Friday that Russian forces shelled Kharkiv.", "shelled")
    assert (ev.date, ev.date_basis) == ("2024-04-26", "text"), (ev.date, ev.date_basis)


def test_an_act_announced_in_a_dated_that_clause_does_not_take_the_day_it_was_told() -> None:
    ev = _event("The army said on Friday that Russian forces would shell Kharkiv.", "shell")
    assert ev.date_basis == "published", (ev.date, ev.date_basis)

