"""Cues that are not reporting verbs: "according to X", reporting nouns with their owner
("the Kremlin's claim that ..."), and adverbs that mark an unattributed report
("reportedly")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .candidate import Candidate
from .spans import pieces, subtree_indices

#: "CONTENT, according to X" scopes over the whole clause: a phrase the parser hung on the last
#: conjunct of a coordination reports every conjunct ("France is to support …, according to
#: French reports"), and a phrase whose clause is only another cue's verb and speaker ("… -
#: argued the leader, according to the note") gives no quote of its own. Figures in
#: docs/quotes.md (ninth pass).
CONJUNCT_SCOPE = True
#: prepositions that give the owner of a reporting noun ("a warning from officials")
OWNER_PREPS = frozenset({"by", "from", "of"})


def according_candidate(doc: Doc, t: Token, cue_verbs: set[int]) -> Candidate | None:
    """"According to X, CONTENT" and "CONTENT, according to X"."""
    to = doc[t.i + 1]
    src = next((g for g in to.children if g.dep_ == "pobj"), None)
    if src is None:
        src = next((g for g in doc[to.i + 1: to.i + 6] if g.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if src is None:
        return None
    h = t.head
    hops = 0
    while h.pos_ not in ("VERB", "AUX") and h.dep_ != "ROOT" and hops < 4:
        h, hops = h.head, hops + 1
    if h.i == t.i:
        if any(c.dep_ == "nsubj" and c.lower_ in ("this", "that") for c in t.children):
            # "That's according to Politico.": the paragraph before is the content
            # (filled by direct.Linker.back_reference, dropped if it finds none)
            return Candidate([t.i, to.i], src, [], kind="according-to", anchor=t.i)
        return None
    if CONJUNCT_SCOPE and h.i in cue_verbs and t.i > h.i:
        # "… - argued the leader, according to the note": what the phrase would take is only
        # the verb of another cue and that cue's speaker; the words are that cue's content
        own = {h.i, t.i} | {i for c in h.children if c.dep_ in ("nsubj", "nsubjpass") or c.i == t.i
                            for i in subtree_indices(c)}
        if all(i in own or doc[i].is_punct for i in subtree_indices(h)):
            return None
    if CONJUNCT_SCOPE:
        # "A did x and did y, according to X": the phrase after the clause reports all of it,
        # not the last conjunct the parser hung it on
        while h.dep_ == "conj" and h.head.i < h.i < t.i and h.head.pos_ in ("VERB", "AUX"):
            h = h.head
    skip = {t.i}
    for c in h.children:
        if c.i != t.i and c.dep_ in ("prep", "advcl", "conj", "parataxis") and c.i > t.i and any(
            x.i in cue_verbs for x in c.subtree
        ):
            skip.add(c.i)
    content = [i for i in subtree_indices(h, skip) if i not in (t.i, to.i)]
    content = [i for i in content if not (t.left_edge.i <= i <= t.right_edge.i)]
    if not content:
        return None
    return Candidate([t.i, to.i], src, pieces(doc, content), kind="according-to", anchor=t.i)


def noun_candidate(doc: Doc, n: Token) -> Candidate | None:
    """"his claim that ...", "the ministry's statement that ...", "a warning from X that"."""
    clause = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    src = next((c for c in n.children if c.dep_ == "poss"), None)
    if src is None:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in OWNER_PREPS:
                src = next((g for g in c.children if g.dep_ == "pobj"), None)
                if src is not None:
                    break
    if src is None:
        return None
    return Candidate([n.i], src, pieces(doc, subtree_indices(clause)), anchor=n.i)


def adverb_candidate(doc: Doc, t: Token) -> Candidate | None:
    """"Russian troops reportedly crossed ..." -> an unattributed report."""
    h = t.head
    if h.pos_ not in ("VERB", "AUX"):
        return None
    return Candidate([t.i], None, pieces(doc, subtree_indices(h)), kind="unattributed", anchor=t.i)
