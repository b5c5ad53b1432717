"""Who said what, end to end through the real pipeline, one pattern per case.

Each case is a short text written for this test; the expectation names the speaker (the
resolved name, or None for an unattributed report), the kind, and a phrase of the content.
"""

from __future__ import annotations

import pytest

from helpers import analyze_text
from newsledger.cli.render import quote_line
from newsledger.models import Quote


def quote_with(text: str, phrase: str, cue: str | None = None) -> Quote:
    quotes = [q for q in analyze_text(text).quotes if any(phrase in c.text for c in q.content)
              and (cue is None or (q.cue is not None and q.cue.text == cue))]
    assert quotes, f"no quote holds {phrase!r}"
    return quotes[0]


@pytest.mark.parametrize(
    ("text", "phrase", "speaker", "kind", "cue"),
    [
        # quotation first, verb and speaker after (inverted and not)
        ("“We will hold the line,” said General Oleksandr Syrskyi, the army commander.",
         "hold the line", "Oleksandr Syrskyi", "direct", "said"),
        ("“The shelling never stops,” Maria Kovalenko said.", "shelling", "Maria Kovalenko", "direct", "said"),
        # straight and doubled-apostrophe quotation marks
        ('"The shelling never stops," said Maria Kovalenko, a nurse in Kherson.',
         "shelling", "Maria Kovalenko", "direct", "said"),
        ("''The shelling never stops,'' said Maria Kovalenko, a nurse in Kherson.",
         "shelling", "Maria Kovalenko", "direct", "said"),
        # speaker and verb before the quotation, with a colon
        ("Oleksandr Syrskyi said: “We will hold the line whatever it costs.”",
         "whatever it costs", "Oleksandr Syrskyi", "direct", "said"),
        # colon and dash attributions without a verb
        ("Volodymyr Zelensky: “We will not give up Kharkiv.”", "Kharkiv", "Volodymyr Zelensky", "direct", ":"),
        ("“We will rebuild every house.” — Vitali Klitschko", "rebuild", "Vitali Klitschko", "direct", "—"),
        # indirect speech, verb before and after the content
        ("Gustav Gressel noted that the reserves were thin.", "reserves were thin", "Gustav Gressel", "indirect", "noted"),
        ("Russian forces lost 300 men in a day, said Oleh Zhdanov, a military analyst in Kyiv.",
         "300 men", "Oleh Zhdanov", "indirect", "said"),
        # mixed: reported speech with a quoted fragment
        ("Volodymyr Zelensky said the situation in the east remained “difficult” for his troops.",
         "situation in the east", "Volodymyr Zelensky", "mixed", "said"),
        # verbs other extractors miss
        ("Volodymyr Zelensky reiterated that the plan stands.", "the plan stands", "Volodymyr Zelensky", "indirect", "reiterated"),
        # cue nouns: a channel phrase and a claim with its owner
        ("The ministry said in a statement that the strike hit a fuel depot.", "fuel depot", "The ministry", "indirect", "said in a statement"),
        ("Dmitry Peskov repeated the Kremlin’s claim that the pipeline was sabotaged.",
         "pipeline was sabotaged", "Kremlin", "indirect", "claim"),
        # according to, before and after the claim
        ("According to UK military intelligence, Russia has lost 40 tanks this week.",
         "40 tanks", "UK military intelligence", "according-to", "According to"),
        ("Twelve civilians were killed in the strike, according to local officials.",
         "Twelve civilians", "local officials", "according-to", "according to"),
        # marked as reported, with no source
        ("It was reported that the dam had been breached.", "dam had been breached", None, "unattributed", "reported"),
        ("Russian troops reportedly crossed the river near Kherson.", "crossed the river", None, "unattributed", "reportedly"),
    ],
)
def test_pattern(text: str, phrase: str, speaker: str | None, kind: str, cue: str) -> None:
    q = quote_with(text, phrase, cue)
    assert q.kind == kind
    if speaker is None:
        assert q.source is None
    else:
        assert q.source is not None and q.source.name is not None
        assert speaker in q.source.name
    assert q.cue is not None
    for span in [*q.content, q.cue, *([q.source.span] if q.source and q.source.span else [])]:
        assert span.text.strip()


def test_verb_inside_the_quotation_gives_one_quote_in_two_pieces() -> None:
    text = "“The bridge is gone,” the governor said, “and the road is closed.”"
    quotes = analyze_text(text).quotes
    assert len(quotes) == 1
    q = quotes[0]
    assert [c.text for c in q.content] == ["“The bridge is gone,”", "“and the road is closed.”"]
    assert q.kind == "direct" and q.cue is not None and q.cue.text == "said"


def test_pronoun_goes_to_the_person_named_before() -> None:
    text = ("Natalia Humeniuk is a spokeswoman for the southern command. "
            "She said the strikes hit two bridges.")
    q = quote_with(text, "two bridges")
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "She"
    assert q.source.name == "Natalia Humeniuk"


def test_surname_gets_the_full_name_role_and_affiliation() -> None:
    text = ("Gustav Gressel, an analyst at the European Council on Foreign Relations, spoke first. "
            "Later, Gressel noted that the reserves were thin.")
    q = quote_with(text, "reserves were thin")
    assert q.source is not None
    assert q.source.name == "Gustav Gressel"
    assert q.source.role == "analyst"
    assert q.source.affiliation == "European Council on Foreign Relations"
    assert q.source.source_type == "expert"


@pytest.mark.parametrize(
    ("text", "phrase", "source_type"),
    [
        ("Some analysts argue that the offensive was a mistake.", "offensive", "expert"),
        ("A senior official said the talks had stalled.", "talks had stalled", "government"),
        ("Sources said the convoy had turned back.", "convoy", "anonymous"),
        ("Military experts suggest that the attack was a feint.", "feint", "expert"),
    ],
)
def test_unnamed_sources_stay_unnamed(text: str, phrase: str, source_type: str) -> None:
    q = quote_with(text, phrase)
    assert q.source is not None and q.source.span is not None
    assert q.source.named is False
    assert q.source.entity_id is None
    assert q.source.name == q.source.span.text  # the group as written, never a made-up person
    assert q.source.source_type == source_type


def test_scare_quote_goes_to_the_group_not_the_next_speaker() -> None:
    # textacy gives "strategically misguided" to the next named speaker
    text = ("Some analysts argue that the move was “strategically misguided.” "
            "Gustav Gressel noted that the reserves were thin.")
    q = quote_with(text, "strategically misguided")
    assert q.kind == "mixed"
    assert q.source is not None and q.source.name == "Some analysts"
    assert [s.text for s in q.quoted] == ["“strategically misguided.”"]


def test_floating_quotation_keeps_its_speaker() -> None:
    text = ("Oleksandr Kamyshin, the infrastructure minister, said the grid was damaged.\n"
            "“We lost half of our capacity overnight. Repairs will take weeks.”\n")
    q = quote_with(text, "half of our capacity")
    assert q.kind == "direct" and q.cue is None
    assert q.source is not None and q.source.name == "Oleksandr Kamyshin"
    assert q.source.role == "infrastructure minister"


def test_quotation_over_two_paragraphs_is_one_quote() -> None:
    text = "“The first part of a long statement.\n“And its second part,” the mayor said.\n"
    quotes = analyze_text(text).quotes
    assert len(quotes) == 1
    assert [c.text for c in quotes[0].content] == ["“The first part of a long statement.",
                                                   "“And its second part,”"]


@pytest.mark.parametrize(
    "text",
    [
        "“”",
        '"""',
        "“ “ “ ” ” ” ” said",
        "He said “" + "word " * 2000,
        "said: \n\n\n:",
        "According to",
        "— “",
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    report = analyze_text(text)
    assert isinstance(report.quotes, list)


def test_unbalanced_quotation_is_kept_and_warned_about() -> None:
    report = analyze_text('The mayor said "the city will stand.\nNothing else happened.')
    assert [(w.code, w.layer) for w in report.warnings] == [("W202", "quotes")]
    assert "unpaired quotation" in report.warnings[0].message
    q = next(q for q in report.quotes if "city will stand" in q.content[0].text)
    assert q.source is not None and q.source.span is not None and q.source.span.text == "The mayor"


def test_text_rendering_shows_speaker_role_cue_and_content() -> None:
    text = "“We will hold,” said Oleh Zhdanov, a military analyst at the Kyiv Institute."
    line = quote_line(quote_with(text, "hold"))
    assert line.startswith("Oleh Zhdanov (military analyst, Kyiv Institute) — said — “We will hold,”")


def test_title_with_the_name_in_apposition() -> None:
    q = quote_with("The governor, Oleh Syniehubov, wrote on Telegram that two people were injured.",
                   "two people were injured")
    assert q.source is not None and q.source.named
    assert q.source.name == "Oleh Syniehubov"
    assert q.source.role == "governor"
    assert q.source.source_type == "government"
    assert q.cue is not None and q.cue.text == "wrote on Telegram"


def test_pronoun_after_a_quotation_paragraph() -> None:
    text = "Antony Blinken met his counterpart on Monday. “This is a war crime,” he added."
    q = quote_with(text, "war crime")
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "he" and q.source.name == "Antony Blinken"


def test_relative_pronoun_resolves_to_its_noun() -> None:
    q = quote_with("Mr. Obama praised Tim Kaine, who said that the plan would work.", "plan would work", "said")
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "who" and q.source.name == "Tim Kaine"


def test_dash_attribution_after_a_no_break_space() -> None:
    q = quote_with("“We will build a wall around the city.” ―\xa0Steve Quinlan.", "wall")
    assert q.source is not None and q.source.name == "Steve Quinlan"


def test_he_added_after_a_long_quotation_keeps_the_speaker() -> None:
    text = ("Edward Leigh, who chairs the committee, spoke on Tuesday. He said: \"The first sale was a "
            "fiasco. Every department had a finger in the pie. The process was muddled. Nobody "
            "was in charge.\" He added: \"It was luck that a strong bid turned up.\"")
    q = quote_with(text, "It was luck")
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "He" and q.source.name == "Edward Leigh"


def test_cue_noun_with_a_possessive_pronoun() -> None:
    text = "Dmitry Peskov dismissed the report. He repeated his claim that the pipeline was sabotaged."
    q = quote_with(text, "pipeline was sabotaged", "claim")
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == "his" and q.source.name == "Dmitry Peskov"


@pytest.mark.parametrize(
    ("text", "phrase", "name", "source_type"),
    [
        ("A statement from the Ukrainian military said 12 drones were downed overnight.",
         "12 drones", "the Ukrainian military", "military"),
        ("The Kremlin's statement said the talks would resume.", "talks would resume", "Kremlin", "government"),
    ],
)
def test_a_statement_is_attributed_to_its_owner(text: str, phrase: str, name: str, source_type: str) -> None:
    q = quote_with(text, phrase)
    assert q.source is not None and q.source.span is not None
    assert q.source.name == name and q.source.source_type == source_type
    assert "statement" in q.source.span.text


def test_floating_quotation_after_another_person_is_not_given_away() -> None:
    text = ("Oleksandr Kamyshin said the grid was damaged.\n"
            "Vitali Klitschko, the mayor, disagreed.\n"
            "“That is nonsense, the grid is fine.”\n")
    assert not [q for q in analyze_text(text).quotes if "nonsense" in q.content[0].text]


@pytest.mark.parametrize(
    ("text", "phrase", "span", "name"),
    [
        ("Some analysts argued that the offensive failed. They said the reserves were thin.",
         "reserves were thin", "They", "Some analysts"),
        ("The White House said the talks had stalled. It added that a deal was still possible.",
         "deal was still possible", "It", "White House"),
    ],
)
def test_they_and_it_go_to_groups_and_organisations(text: str, phrase: str, span: str, name: str) -> None:
    q = quote_with(text, phrase)
    assert q.source is not None and q.source.span is not None
    assert q.source.span.text == span and q.source.name is not None and name in q.source.name


def test_next_quotation_with_its_own_cue_is_not_taken() -> None:
    quotes = analyze_text("“We will hold,” she said. “You will not,” he replied.").quotes
    assert [(q.cue.text if q.cue else None, [c.text for c in q.content]) for q in quotes] == [
        ("said", ["“We will hold,”"]), ("replied", ["“You will not,”"])]


@pytest.mark.parametrize(
    ("text", "phrase", "source_type"),
    [
        ("Russia said the strikes would continue.", "strikes", "government"),
        ("According to UK military intelligence, Russia has lost 40 tanks.", "40 tanks", "intelligence"),
        ("Oleh Zhdanov, a military analyst, said the line held.", "line held", "expert"),
        ("A spokesman for the Ukrainian army said the bridge was hit.", "bridge", "military"),
        ("The BBC reported that the convoy turned back.", "convoy", "media"),
    ],
)
def test_source_types(text: str, phrase: str, source_type: str) -> None:
    q = quote_with(text, phrase)
    assert q.source is not None and q.source.source_type == source_type


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("Zelensky Says Ukraine Will Not Cede Territory To Russia\n\nKyiv was shelled overnight.\n",
         "Will Not Cede", "Zelensky"),
        ("Kyiv Could Fall Within Weeks, Lindsey Graham Warns\n\nThe senator spoke on Monday.\n",
         "Kyiv Could Fall", "Lindsey Graham"),
    ],
)
def test_title_case_headline(text: str, phrase: str, speaker: str) -> None:
    q = quote_with(text, phrase)
    assert q.kind == "indirect" and q.cue is not None
    assert q.source is not None and q.source.name == speaker


@pytest.mark.parametrize(
    ("text", "phrase", "cue"),
    [
        ("As Volodymyr Zelensky said on Monday, the war will be won on the battlefield.", "war will be won", "said"),
        ("The war, as Volodymyr Zelensky put it, will be won on the battlefield.", "will be won", "put"),
    ],
)
def test_as_clause(text: str, phrase: str, cue: str) -> None:
    q = quote_with(text, phrase, cue)
    assert q.source is not None and q.source.name == "Volodymyr Zelensky"


def test_as_expected_is_not_an_attribution() -> None:
    assert analyze_text("He lost the vote, as expected.").quotes == []


def test_a_gerund_clause_the_parser_hangs_on_a_verb_of_saying_is_its_content() -> None:
    quotes = analyze_text("He said legalizing it could put thousands of people to work.").quotes
    assert any("legalizing it could put" in q.content[0].text for q in quotes)


@pytest.mark.parametrize(("text", "words"), [
    ("Holding signs, the protesters chanted “Chris Christie: Bad for New Jersey, bad for you.”", "Bad for New Jersey"),
    ("At the bottom it reads, “You can further support the cause by chipping in $35.”", "further support"),
])
def test_a_quotation_as_the_complement_of_any_verb_is_reported_words(text: str, words: str) -> None:
    quotes = [q for q in analyze_text(text).quotes if words in q.content[0].text]
    assert len(quotes) == 1 and quotes[0].kind == "direct" and quotes[0].source is not None


def test_a_title_in_quotation_marks_is_not_a_quote() -> None:
    assert analyze_text("He watched “The Godfather” on Sunday.").quotes == []
