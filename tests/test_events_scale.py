"""The ACLED coding cascade on very long sentences (issue 18): a 10,000-word quote read as
one sentence took minutes, because every cue group was matched by sliding each cue over the
whole sentence, once per event. The work must grow with the sentence, not with its square.
No timing asserts: the lookups the sentence's Bag makes are counted."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsledger.nlp.events import mapping

#: one clause of the synthetic quote: a shelling, a defused mine, victims (words, lemmas,
#: heads relative to the clause's first token, dependencies)
UNIT = [
    ("troops", "troop", 1, "nsubj"),
    ("shelled", "shell", 1, "ROOT"),
    ("the", "the", 3, "det"),
    ("village", "village", 1, "dobj"),
    ("and", "and", 1, "cc"),
    ("police", "police", 6, "nsubj"),
    ("defused", "defuse", 1, "conj"),
    ("a", "a", 8, "det"),
    ("mine", "mine", 6, "dobj"),
    ("killing", "kill", 6, "advcl"),
    ("civilians", "civilian", 9, "dobj"),
    (",", ",", 1, "punct"),
]


def _doc(units: int) -> Doc:
    """A real spaCy Doc of ``units`` clauses chained into one sentence."""
    words, lemmas, heads, deps = [], [], [], []
    for u in range(units):
        base = u * len(UNIT)
        for w, lemma, head, dep in UNIT:
            words.append(w)
            lemmas.append(lemma)
            # each clause's root hangs from the first clause's root: one sentence
            heads.append(1 if (dep == "ROOT" and u) else base + head)
            deps.append("conj" if (dep == "ROOT" and u) else dep)
    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, heads=heads, deps=deps,
               sent_starts=[True] + [False] * (len(words) - 1))


def _code_many(doc: Doc, events: int) -> mapping.Bag:
    """Code ``events`` events of the sentence the way the coder does: one Bag for all."""
    bag = mapping.Bag(doc[:])
    for _ in range(events):
        code = mapping.acled_code("ASSAULT", None, None, None, None, bag)
        assert code.sub_event_type == "Disrupted weapons use"  # "defused a mine" wins the cascade
    return bag


def test_cue_lookups_grow_linearly_with_the_sentence() -> None:
    small, large = _doc(100), _doc(1000)  # 1,200 and 12,000 words
    assert len(large) > 10_000
    few, many = _code_many(small, 10), _code_many(large, 100)
    # ten times the words and ten times the events: about ten times the lookups (cached per
    # group), where sliding every cue over the sentence for every event made a hundred times
    assert many.lookups <= 12 * few.lookups
    # and the lookups are bounded by the cue table and the cue words present, not cues x words
    cues = sum(len(c) for c in mapping.acled_cues().values())
    assert many.lookups <= 2 * cues + 10 * len(large)


def test_long_sentence_codes_like_a_short_one() -> None:
    """Indexing changes the cost, not the answers: a verb's object found by its span."""
    short, long = mapping.Bag(_doc(1)[:]), mapping.Bag(_doc(500)[:])
    for bag in (short, long):
        assert mapping.verb_with_object(bag, "disrupt.verb", "disrupt.object")
        assert not mapping.verb_with_object(bag, "hq.verb", "hq.object")
        assert bag.has("vac.victim") and bag.has("means.shelling")
    assert long.where("means.shelling")[:1] == short.where("means.shelling")
