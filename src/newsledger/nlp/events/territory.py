"""Front-line distance statements: "Russian forces are 10 km from Pokrovsk".

The lexicon catches advances and territory taken or held by their verbs and nouns; a front
line given as a distance has no event word at all, only a measure phrase attached to
"from" or "within ... of". Such a clause becomes an advance event whose trigger is the
measure phrase and which cites the distance's quantity record.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

DISTANCE_UNITS = frozenset({
    "kilometer", "kilometre", "km", "mile", "meter", "metre", "m", "yard", "kilometers", "kilometres",
    "miles", "meters", "metres",
})


@dataclass
class FrontLine:
    verb: Token  # the clause's verb (be, remain, advance, ...)
    start: int  # token bounds of the trigger: the measure and its preposition
    end: int
    distance: Token  # the unit noun
    target: Token  # the object of "from"/"of": the place approached
    holder: Token | None = None  # a noun the distance is said of: "Russian forces within 10 km of X"


def _is_distance(tok: Token) -> bool:
    return tok.lemma_.lower() in DISTANCE_UNITS and any(c.dep_ in ("nummod", "quantmod") or c.like_num
                                                        for c in tok.children)


def front_lines(sent: SpacySpan) -> list[FrontLine]:
    out: list[FrontLine] = []
    for tok in sent:
        if tok.dep_ != "prep":
            continue
        low = tok.lower_
        if low == "from":  # "[are] 10 km from X"
            dist = next((c for c in tok.children if c.dep_ == "npadvmod" and _is_distance(c)), None)
            if dist is None and tok.head.dep_ in ("npadvmod", "attr") and _is_distance(tok.head):
                dist = tok.head  # "10 km from X" parsed with the measure as head
            targets = [c for c in tok.children if c.dep_ == "pobj"]
        elif low == "within":  # "within 10 km of X"
            dist = next((c for c in tok.children if c.dep_ == "pobj" and _is_distance(c)), None)
            targets = [g for c in (dist.children if dist is not None else []) if c.dep_ == "prep"
                       and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        if dist is None or not targets:
            continue
        verb = tok.head
        holder = None
        steps = 0  # bounded: a parse is a tree, but never trust a loop over heads to end
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and steps < len(sent):
            if holder is None and verb.pos_ in ("NOUN", "PROPN") and verb != dist and not _is_distance(verb):
                holder = verb  # a headline's verbless clause: "Russian forces within 10 km of X, Y says"
            verb = verb.head
            steps += 1
        if holder is not None and _embedded(holder):
            continue  # "images showed a gathering of tanks ... 16 miles from the border": where things
            # stand, said of a noun inside another phrase, is no front line reached
        start = min(t.i for t in dist.subtree)
        out.append(FrontLine(verb, start, tok.i + 1 if low == "from" else dist.i + 1, dist,
                             _named(targets[0]), holder))
    return out


def _named(tok: Token) -> Token:
    """The place's name in "the city of Pokrovsk", "the town of Chasiv Yar"; else the token."""
    if tok.pos_ != "NOUN":
        return tok
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            name = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
            if name is not None:
                return name
    return tok


def _embedded(noun: Token) -> bool:
    """A noun inside another noun's prepositional phrase (through coordination)."""
    cur = noun
    steps = 0
    while cur.dep_ == "conj" and cur.head != cur and steps < 10:
        cur = cur.head
        steps += 1
    return cur.dep_ == "pobj"
