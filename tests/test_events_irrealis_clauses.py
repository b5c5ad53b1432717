"""Irrealis modality by clause structure (issue 18, session 6 round 2): a "to"-infinitive
coordinated with the verb that governs it is a second complement of that verb, not an act of
its own; a present-tense clause of time or condition under a future, wanted or permitted act
has not happened either. Sentences written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest

from helpers import event_at
from newsledger.models import Event

PUBLISHED = "2024-04-29"  # a Monday


def _event(text: str, trigger: str) -> Event:
    return event_at(text, trigger, PUBLISHED)


# ------------------------------------------------------------ permission and its second complement


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The militia was allowed to keep its weapons but only to withdraw from the city.", "withdraw"),
        ("Chad was permitted to join the talks, but only to accept the government's terms.", "accept"),
        ("The army moved its guns to the hills, but only to shell the town.", "shell"),
        # a verb of permission in the passive: whoever permits it, the act is only permitted
        ("Chad is entitled to attack the rebels in self-defence.", "attack"),
    ],
)
def test_an_infinitive_coordinated_with_its_governing_verb_is_its_complement(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "hypothetical" and not ev.shown, (text, ev.modality)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # under a verb of saying, the parser hangs the second infinitive on "say": it still
        # shares the first infinitive's governor ("allowed")
        ("Officials say the rebels would only be allowed to join a second round of talks, "
         "but according to the ministry only to accept the government's conditions.", "accept"),
        ("Diplomats said the militia was permitted to keep its rifles, but in their account only to "
         "surrender its artillery.", "surrender"),
    ],
)
def test_a_gapped_infinitive_shares_the_governor_of_the_infinitive_before_it(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "hypothetical" and not ev.shown, (text, ev.modality)


def test_a_gapped_infinitive_after_an_implicative_verb_is_still_told_as_done() -> None:
    ev = _event("Officials said the army managed to cross the river, and then to seize the bridge.", "seize")
    assert ev.modality != "hypothetical", ev.modality


def test_finite_conjuncts_are_still_acts() -> None:
    ev = _event("The rebels joined the talks and accepted the government's terms.", "accepted")
    assert ev.modality == "asserted"
    # an implicative head: what its object was made to do happened
    ev = _event("The offensive forced the rebels to leave the town and to withdraw to the hills.", "withdraw")
    assert ev.modality != "hypothetical"


# ------------------------------------------------------------ clauses of time under an unrealised act


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The minister said aid will continue until Sudan withdraws its troops from the border.", "withdraws"),
        ("The president wants to rebuild the country once Chad expels the rebels.", "expels"),
        ("The president hopes to win the war as Chad expels the rebels from the north.", "expels"),
        ("Chad intends to sign the accord when Sudan withdraws its troops.", "withdraws"),
        ("Chad will keep fighting as long as the rebels attack its villages.", "attack"),
        # the parser hangs the clause of time on the time noun ("on Friday when ...")
        ("Chad will sign the accord on Friday when Sudan withdraws its troops.", "withdraws"),
        ("The army will not leave the town until the rebels have withdrawn from the hills.", "withdrawn"),
        # a participle with no auxiliary shares the mood of the verb it hangs on
        ("The Chadian minister will fly to Khartoum, visiting Sudan's president on Friday.", "visiting"),
    ],
)
def test_a_clause_of_time_or_a_participle_under_an_unrealised_act_is_not_an_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "hypothetical" and not ev.shown, (text, ev.modality)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the matrix happened: so did its clause of time, and its participle
        ("The delegation travelled to Paris, meeting the French president on Friday.", "meeting"),
        ("Chad signed the accord when Sudan withdrew its troops.", "withdrew"),
        ("The army shelled the town as the rebels withdrew from the north.", "withdrew"),
        # past tense under a future matrix: told as done
        ("Chad will send troops after the rebels attacked its villages last week.", "attacked"),
        # a reason is told as fact
        ("Chad will send aid because the rebels attack its villages every week.", "attack"),
    ],
)
def test_a_clause_of_time_or_reason_told_as_fact_stays_asserted(text: str, trigger: str) -> None:
    assert _event(text, trigger).modality == "asserted", text


def test_a_participle_after_a_speech_tag_is_the_speakers_act() -> None:
    # "..., the general said, warning that": the warning is the general's, not in the mood of
    # what he said ("would be crucial")
    ev = _event("The army's ability to hold the bridge would be crucial, the general said, warning that the rebels "
                "could attack the town.", "warning")
    assert ev.modality not in ("hypothetical", "possible")


def test_a_cue_verb_is_found_when_its_silent_e_was_dropped() -> None:
    # "hopes", "hoped", "hoping" are lemmatised "hop" by the small model: still a verb of hope
    for text in ("The president hopes to expel the rebels from the north.",
                 "The president hoped to expel the rebels from the north."):
        ev = _event(text, "expel")
        assert ev.modality == "hypothetical", text


# ------------------------------------------------------------ dates in the direction of the tense


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        # a month written without its year, in a future clause: the next one, not the last
        ("The army will launch an offensive in May.", "offensive", "2024-05"),
        ("The army will launch an offensive on May 5.", "offensive", "2024-05-05"),
        # an infinitive whose matrix is now or to come lies ahead of it
        ("Chad would be in a position to expel the rebels by May.", "expel", "2024-05"),
        ("Chad said it expects the rebels to withdraw in June.", "withdraw", "2024-06"),
        ("The president is expected to visit Sudan on Friday.", "visit", "2024-05-03"),
        # a participle with no auxiliary takes the time of the verb it hangs on
        ("The delegation will travel to Paris, meeting the French president on Friday.", "meeting", "2024-05-03"),
        ("The delegation travelled to Paris, meeting the French president on Friday.", "meeting", "2024-04-26"),
        # told as past, or with its year: as written
        ("The army launched an offensive in May.", "offensive", "2023-05"),
        ("The army will launch an offensive in May 2023.", "offensive", "2023-05"),
        ("The army launched an offensive on March 5.", "offensive", "2024-03-05"),
        # the present simple with a month is no schedule (unlike "meets on Tuesday")
        ("The army shells the town in March every year.", "shells", "2024-03"),
    ],
)
def test_a_date_is_read_in_the_direction_of_its_clause_tense(text: str, trigger: str, date: str) -> None:
    ev = _event(text, trigger)
    assert (ev.date, ev.date_basis) == (date, "text"), text


# ------------------------------------------------------------ a starting point is background


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Tensions have been high since Russia seized Crimea in 2014.", "seized"),
        ("Chad has kept a careful balance since Sudan invaded the border region.", "invaded"),
        ("The town is calm since the rebels withdrew.", "withdrew"),
    ],
)
def test_a_past_act_that_dates_a_state_is_background(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (text, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a reason: the matrix is neither perfect nor present
        ("Since the rebels seized the town, the army shelled it.", "seized"),
        # a clause of time after a past matrix reports its act
        ("Chad shelled the town after the rebels seized it on Monday.", "seized"),
    ],
)
def test_a_past_act_in_a_clause_of_reason_or_sequence_is_still_an_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, text


# ------------------------------------------------------------ a clause of simultaneity shares its matrix's date


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        ("Prices rose sharply in March when Russia reduced its gas supplies to Moldova.", "reduced", "2024-03"),
        # "last year when ...": a relative clause of the time noun
        ("An energy crisis began last year when Russia suddenly reduced its gas supplies to Moldova.", "reduced",
         "2023"),
        ("In 2014, as Russia annexed Crimea, the rebels seized Donetsk.", "annexed", "2014"),
    ],
)
def test_an_undated_clause_of_simultaneity_takes_its_matrix_date(text: str, trigger: str, date: str) -> None:
    ev = _event(text, trigger)
    assert (ev.date, ev.date_basis) == (date, "text"), (text, ev.date, ev.date_basis)


def test_a_clause_after_or_before_its_matrix_keeps_its_own_date() -> None:
    ev = _event("The rebels seized the town last week after Russia reduced its gas supplies to Moldova.", "reduced")
    assert ev.date_basis == "published", (ev.date, ev.date_basis)


# ------------------------------------------------------------ commanded acts (verbs of command)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a definite object of a verb of command: ordered, not done
        ("The court issued a ruling on Friday ordering the arrest of the former governor.", "arrest"),
        # the passive has no object before the infinitive, so it is no aim: still commanded
        ("The garrison was ordered to withdraw from the port.", "withdraw"),
        ("The commander told the battalion to stop the shelling of the village.", "shelling"),
        # the noun of command: "an order to" names what is to be done
        ("The governor issued an order to evacuate the border villages.", "evacuate"),
    ],
)
def test_an_act_ordered_is_commanded_not_done(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality == "hypothetical" and not ev.shown, (text, ev.modality)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Police arrested the former governor on Friday.", "arrested"),
        # a verb of saying with a clause is reported speech, not a command
        ("The mayor told reporters that the rebels shelled the port on Friday.", "shelled"),
    ],
)
def test_an_act_done_or_reported_is_no_command(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.modality in ("asserted", "reported"), (text, ev.modality)


def test_a_disjunct_after_a_denied_infinitive_is_denied_too() -> None:
    # machine-translated copy: the parser hangs "threatens" on "undertakes", not on "use"
    ev = _event("The memorandum found that Delhi undertakes not to use or threatens the use of nuclear arms "
                "against Nepal under any conditions.", "threatens")
    assert ev.modality == "negated" and not ev.shown, ev.modality


def test_a_second_act_after_a_denied_infinitive_with_and_is_its_own() -> None:
    ev = _event("The rebels refused to negotiate and attacked the convoy near Abeche on Friday.", "attacked")
    assert ev.modality != "negated", ev.modality


# ------------------------------------------------------------ a fronted time over a coordination


def test_a_fronted_date_is_shared_by_the_verbs_coordinated_after_it() -> None:
    ev = _event("In 2015, the army held the line, seized a large part of the northern province and "
                "forced the rebels to retreat.", "seized")
    assert (ev.date, ev.date_basis) == ("2015", "text"), (ev.date, ev.date_basis)


def test_a_date_after_the_first_verb_is_that_verbs_own() -> None:
    ev = _event("The army held the line in 2015 and seized a large part of the northern province.", "seized")
    assert ev.date_basis == "published", (ev.date, ev.date_basis)


# ------------------------------------------------------------ history retold is background


@pytest.mark.parametrize(
    "text",
    [
        "In 2014, the rebels seized the airport of the northern province.",
        "The army shelled the port in January, before the talks began.",  # January 2024: over 30 days
    ],
)
def test_an_act_the_text_dates_long_before_publication_is_background(text: str) -> None:
    trigger = "seized" if "seized" in text else "shelled"
    ev = _event(text, trigger)
    assert ev.date_basis == "text" and ev.generic and not ev.shown, (ev.date, ev.generic)


def test_an_act_dated_days_before_publication_is_news() -> None:
    ev = _event("The army shelled the port on Friday, the governor said.", "shelled")
    assert ev.date_basis == "text" and not ev.generic, (ev.date, ev.generic)


def test_period_end_reads_every_form_of_date_value() -> None:
    import datetime as dt

    from newsledger.nlp.events.arguments import background, period_end

    assert period_end("2014") == dt.date(2014, 12, 31)
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    assert period_end("2023-12") == dt.date(2023, 12, 31)
    assert period_end("2024-W15") == dt.date(2024, 4, 14)
    assert period_end("2024-04-26") == dt.date(2024, 4, 26)
    assert period_end("spring") is None
    assert background("2024-03", PUBLISHED, 28) and not background("2024-03", PUBLISHED, 30)


# ------------------------------------------------------------ habits and iterations aggregate acts


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Chad has repeatedly accused Sudan of arming the rebels.", "accused"),
        ("The army routinely shells the villages near the border.", "shells"),
        ("The minister said he has talked to the rebel leaders many times.", "talked"),
        ("The alliance opposed the junta throughout the crisis.", "opposed"),
    ],
)
def test_a_habitual_or_iterated_act_is_no_single_occurrence(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.generic and not ev.shown, (text, ev.generic)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Chad accused Sudan on Friday of arming the rebels.", "accused"),
        # "throughout" a place spreads the act over space, not over time
        ("Rebels shelled villages throughout the region on Friday.", "shelled"),
    ],
)
def test_a_single_act_is_no_habit(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert not ev.generic, (text, ev.generic)
