"""Clause polarity read from the dependency parse, shared by the layers.

The events layer grades an event's whole modality (``nlp/events/modality.py``); the
quantities layer only needs to know whether the clause a figure belongs to is denied
("troops are not being deployed"). Both read negation the same way, here: a ``neg``
dependent of the clause's verb ("not", "n't", "never"), or a subject coordinated by
"neither ... nor" ("Neither Kyiv nor Moscow confirmed ..."). No word list: the parser's
``neg`` label is the cue. A denied clause reaches into the clause it governs as a complement:
an infinitive ("did not manage to send 5,000 troops") and a declarative complement ("Neither
Kyiv nor Moscow confirmed that 40 soldiers were killed"), never an interrogative one ("did
not say why 3,000 troops were sent": the sending is presupposed, not denied).
"""

from __future__ import annotations

from spacy.tokens import Token

VERB_POS = frozenset({"VERB", "AUX"})
#: dependency labels a figure climbs through to the verb of its own clause: the number
#: into its noun, the noun through prepositions, coordination, apposition and compounds,
#: and as an argument into its verb. A clause boundary (``ccomp``, ``advcl``, ``relcl`` ...)
#: is crossed only by reaching the verb that heads it, never past it.
NOMINAL_DEPS = frozenset({
    "nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos", "conj", "poss",
    "pobj", "prep", "agent", "dobj", "obj", "dative", "attr", "oprd", "nsubj", "nsubjpass",
    "det", "advmod",
})
#: how many links a figure climbs before it is said to have no clause verb; a noun
#: phrase rarely nests deeper than a few prepositions ("the number of ... of ... in ...")
MAX_CLIMB = 8


def clause_verb(tok: Token) -> Token | None:
    """The verb of the clause ``tok`` belongs to: up through nominal and prepositional
    attachments to the first verb. ``None`` for a verbless fragment (a headline, a list)."""
    cur = tok
    for _ in range(MAX_CLIMB):
        if cur.pos_ in VERB_POS and cur is not tok:
            return cur
        if cur.head.i == cur.i or cur.dep_ not in NOMINAL_DEPS:
            return cur if cur.pos_ in VERB_POS else None
        cur = cur.head
    return cur if cur.pos_ in VERB_POS else None


def negation_cues(verb: Token) -> list[Token]:
    """The tokens that deny ``verb``'s clause: its ``neg`` dependents, and "neither" on a
    subject coordinated by "neither ... nor"."""
    found = [c for c in verb.children if c.dep_ == "neg"]
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            # the small model labels the "neither" of a coordinated subject ``preconj`` or,
            # as often, ``det`` ("Neither Kyiv nor Moscow reported ..."); either denies the verb
            found += [g for g in c.children if g.dep_ in ("preconj", "det") and g.lower_ == "neither"]
    return found


#: complements a denied verb denies too: an infinitive or participle it controls
#: ("did not manage to send") and a declarative clause ("did not confirm that ... were killed")
DENIED_COMPLEMENTS = frozenset({"xcomp", "ccomp"})


def interrogative(clause: Token) -> bool:
    """Whether a complement clause is an indirect question ("why 3,000 troops were sent",
    "whether 40 soldiers were killed"): it opens with a wh-word, "whether" or "if". A question
    about a fact presupposes it or leaves it open; a denied verb over it denies nothing in it."""
    first = clause.left_edge
    return first.tag_ in ("WRB", "WP", "WDT", "WP$") or first.lower_ in ("whether", "if")


def negated(verb: Token) -> bool:
    """Is ``verb``'s clause denied? A denied verb denies its infinitival complement ("did not
    manage to send 5,000 troops") and its declarative one ("Neither Kyiv nor Moscow confirmed
    that 40 soldiers were killed"), never an indirect question ("did not say why ...")."""
    cur = verb
    for _ in range(MAX_CLIMB):
        if negation_cues(cur):
            return True
        if cur.dep_ not in DENIED_COMPLEMENTS or cur.head.i == cur.i or interrogative(cur):
            return False
        cur = cur.head
    return False


def figure_negated(tok: Token) -> bool:
    """Is the clause a figure (its head noun, or the number when it counts nothing named)
    belongs to denied? "5,000 troops were not sent": yes; "Officials did not say why 3,000
    troops were sent": no, the figure's own clause ("were sent") is asserted."""
    verb = clause_verb(tok)
    return verb is not None and negated(verb)
