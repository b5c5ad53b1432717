"""Quote content (issue 17): cues read from the kind of their complement and their subject,
news quoting conventions the parse misses, and PolNeAR's content spans.

Each text is written for this test and goes through the real pipeline; each case failed
before the change it names.
"""

from __future__ import annotations

import pytest

from helpers import analyze_text, one_quote, quotes_with, source_text

# ---------------------------------------------------------------- a "that" clause makes the cue


@pytest.mark.parametrize(
    ("text", "cue", "phrase", "source"),
    [
        # verbs outside the lexicon, a speaker as subject, a finite "that" clause as complement
        ("Olena Petrenko learned that the convoy had been turned back at the border.",
         "learned", "convoy had been turned back", "Olena Petrenko"),
        ("The appeals court ruled that the seizure of the grain ships was unlawful.",
         "ruled", "seizure of the grain ships was unlawful", "The appeals court"),
    ],
)
def test_that_clause_of_a_speaker_is_reported(text: str, cue: str, phrase: str, source: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "THAT_CLAUSE_CUES", True)  # off by default (precision first)
    q = one_quote(text, cue=cue, phrase=phrase)
    assert q.kind == "indirect"
    assert source_text(q) == source


@pytest.mark.parametrize(
    "text",
    [
        # an expletive "it" is no speaker
        "It appears that the convoy had been turned back at the border.",
        # a thing that cannot speak
        "The early snow meant that the convoy had been turned back at the border.",
    ],
)
def test_that_clause_without_a_speaker_is_not(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp.quotes import cues

    monkeypatch.setattr(cues, "THAT_CLAUSE_CUES", True)
    assert quotes_with(text, "convoy had been turned back") == []


def test_a_verb_outside_the_lexicon_makes_no_quote_by_default() -> None:
    """Precision first: the that-clause cue is a switch, off by default (cues.THAT_CLAUSE_CUES)."""
    assert quotes_with("Olena Petrenko learned that the convoy had been turned back at the border.",
                       "convoy had been turned back") == []


# ---------------------------------------------------------------- "As reported by X, ..."


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("As reported by Ukrainska Pravda, the convoy reached Kherson late on Monday.", "reported", "Ukrainska Pravda"),
        ("As stated in the governor's report, the convoy reached Kherson late on Monday.", "stated", "the governor's report"),
    ],
)
def test_passive_as_aside_names_its_source(text: str, cue: str, source: str) -> None:
    q = one_quote(text, cue=cue, phrase="the convoy reached Kherson")
    assert source_text(q) == source


def test_as_aside_with_no_source_is_no_quote() -> None:
    assert quotes_with("As expected, the convoy reached Kherson late on Monday.", "convoy reached Kherson") == []


# ---------------------------------------------------------------- the cue clause set off inside


def test_inserted_cue_with_its_own_object_and_adjuncts() -> None:
    text = ("Maria Kovalenko runs the shelter in Kherson. The difference now, she told me on Friday, "
            "is that the generators have fuel.")
    q = one_quote(text, cue="told", phrase="the generators have fuel")
    assert any("The difference now" in c.text for c in q.content)
    assert not any("on Friday" in c.text for c in q.content)
    assert q.source is not None and q.source.name == "Maria Kovalenko"


# ---------------------------------------------------------------- the subject the parse lost


def test_subject_hung_on_an_earlier_phrase() -> None:
    # the parser makes the appositive name part of "the Kyiv Independent", leaving "said" with
    # no subject: the name right before the verb is its subject
    text = ("In a statement to the Kyiv Independent, her senior policy adviser, Taras Melnyk, said: "
            "“The talks are over for this year.”")
    q = one_quote(text, cue="said", phrase="The talks are over")
    assert q.kind == "direct"
    assert q.source is not None and q.source.name == "Taras Melnyk"


def test_name_after_an_inverted_verb_that_the_tagger_mistook() -> None:
    # "Skelly" is tagged an adverb here: after a quotation, the name following "said" is its subject
    text = "“Nobody expected the river to rise so fast,” said Skelly, explaining why the crews left."
    q = one_quote(text, cue="said", phrase="Nobody expected the river")
    assert source_text(q) == "Skelly"


# ---------------------------------------------------------------- a quotation after the cue's own words


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Kovalenko did not seem impressed by the offer on Tuesday, telling reporters, "
         "“The shelling has never stopped for a single night.”", "telling"),
        ("Kovalenko laughed, saying at one point, “The shelling has never stopped for a single night.”", "saying"),
    ],
)
def test_quotation_after_the_cues_object_and_adjuncts(text: str, cue: str) -> None:
    q = one_quote(text, cue=cue, phrase="The shelling has never stopped")
    assert q.kind == "direct"
    assert q.source is not None and q.source.name == "Kovalenko"


# ---------------------------------------------------------------- content runs to the end of the verb phrase


@pytest.mark.parametrize(
    ("text", "cue", "tail"),
    [
        ("New polls show Zelensky with a lead of twenty points over his nearest rival.", "show", "lead of twenty points"),
        ("The minister defended the export ban despite fierce criticism from farmers.", "defended",
         "despite fierce criticism"),
    ],
)
def test_content_takes_the_rest_of_the_verb_phrase(text: str, cue: str, tail: str) -> None:
    quotes = [q for q in analyze_text(text).quotes if q.cue is not None and q.cue.text == cue]
    assert quotes, f"no quote with cue {cue!r}"
    assert any(tail in c.text for c in quotes[0].content)


def test_channel_and_source_stay_out_of_the_content() -> None:
    q = one_quote("The ministry confirmed the closure of the bridge in a statement on Monday.",
                  cue="confirmed", phrase="closure of the bridge")
    assert not any("statement" in c.text for c in q.content)


# ---------------------------------------------------------------- a colon that ends its paragraph


def test_unquoted_block_after_a_colon_is_the_content() -> None:
    text = ("Kovalenko spoke in Kherson last July. In her speech, she said:\n\n"
            "Let no one be mistaken: the city will not be given up, and the shelters will stay open all winter.\n\n"
            "The mayor agreed.")
    q = one_quote(text, cue="said", phrase="the shelters will stay open all winter")
    assert q.source is not None and q.source.name == "Kovalenko"
    assert not any("The mayor agreed" in c.text for c in q.content)


def test_quotation_after_the_cues_adjuncts_and_a_colon_across_a_paragraph_break() -> None:
    text = ("The mayor told his audience, to loud applause:\n\n"
            "“The city will not be given up, and the shelters will stay open all winter.”")
    q = one_quote(text, cue="told", phrase="The city will not be given up")
    assert q.kind == "direct"
    assert source_text(q) == "The mayor"


# ---------------------------------------------------------------- a negated cue says nothing


def test_a_negated_cue_is_kept_but_never_shown() -> None:
    """"Olaf Scholz won't discuss Kyiv's membership" does not say the membership: the record
    stays (PolNeAR annotates some such) at most at ``unasserted_cue_confidence``, never shown."""
    text = ("Germany's chancellor, Olaf Scholz, won't discuss Kyiv's membership until the war is over, "
            "officials in Berlin said on Friday.")
    negated = [q for q in analyze_text(text).quotes if q.cue is not None and q.cue.text == "discuss"]
    for q in negated:
        assert q.confidence <= 0.5 and not q.shown
    said = analyze_text("“Kyiv’s membership must wait until the war is over,” Olaf Scholz said on Friday.").quotes
    assert said and said[0].shown  # the same speaker and link, not negated, is shown
    denied = analyze_text("“Kyiv’s membership must wait until the war is over,” Olaf Scholz did not say on Friday.").quotes
    assert denied and not denied[0].shown and denied[0].confidence <= 0.5


def test_a_hearsay_link_is_kept_but_never_shown() -> None:
    """"A message allegedly written by X, describing …": the text does not say X wrote it, so
    the record is capped at ``unasserted_cue_confidence``; without the hedge it is shown."""
    hedged = ("“The convoy will not reach the city before the winter,” Colonel Petro Marchuk "
              "reportedly said on Friday.")
    plain = "“The convoy will not reach the city before the winter,” Colonel Petro Marchuk said on Friday."
    [h] = [q for q in analyze_text(hedged).quotes if q.kind == "direct"]
    [p] = [q for q in analyze_text(plain).quotes if q.kind == "direct"]
    assert p.shown and p.source is not None
    assert h.source is not None and h.source.span is not None and h.source.span.text.endswith("Petro Marchuk")
    assert not h.shown and h.confidence <= 0.5
