"""Dependency-parse helpers: clauses, subjects, objects and noun-phrase spans.

An event's actor, act and place must come from one clause or from an explicit syntactic
link (control: "X agreed to withdraw"; a shared subject across coordinated verbs; a
participle clause: "the army made gains, pushing closer to Y"). Nothing here looks outside
the sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj"})  # a clause as subject ("holding land could...") is no actor
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
#: clausal links through which a verb without its own subject takes its head's subject
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl"})
#: dependents that start a new clause: their tokens are not part of the head's own clause
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"})
#: noun-phrase modifiers that belong to an actor's span
NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case", "flat",
                     "punct", "cc", "conj", "prep", "pobj", "appos"})
NP_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "flat", "det", "nummod"})
#: prepositions after a verb that introduce its target
TARGET_PREPS = ("against", "on", "upon", "at", "to", "into", "toward", "towards", "with", "over", "of", "for")
#: longest chain of heads we climb looking for a subject or a modal (a sentence rarely nests deeper)
MAX_CLIMB = 6
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "them", "him", "her", "its", "their"})


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "xcomp"))


def children(tok: Token, deps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[tuple[str, Token]]:
    """(preposition, object) pairs hanging from ``tok``, in text order."""
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend((c.lower_, p) for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "advmod":  # "pushing closer to X"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in preps:
                    out.extend((p.lower_, o) for o in p.children if o.dep_ == "pobj")
    return out


#: participles that describe their subject's stance, not something done to it: "Israel is
#: opposed to...", "Syria is committed to...", "X was engaged in..."
STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "prepare", "determine", "engage", "involve", "dedicate"})


def passive(verb: Token) -> bool:
    if verb.lemma_.lower() in STATIVE_PARTICIPLES and agent(verb) is None:
        return False
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def own_subject(verb: Token) -> Token | None:
    stative = verb.lemma_.lower() in STATIVE_PARTICIPLES
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS or (stative and c.dep_ in PASSIVE_SUBJECT_DEPS):
            return c
    return None


def agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb that controls it.

    Climbs xcomp ("agreed to cooperate"), conj ("met and agreed") and participle advcl
    ("made gains, pushing closer") links; a relative clause takes the noun it modifies when
    its own subject is the relative pronoun.
    """
    tok = verb
    for _ in range(MAX_CLIMB):
        if passive(tok):  # the agent, or nobody: never the subject of a governing verb
            return agent(tok)
        subj = own_subject(tok)
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ == "relcl":
            return tok.head if not passive(tok) else None
        if tok.dep_ == "acl" and tok.tag_ == "VBG":  # "demonstrators protesting", "a declaration demanding"
            return tok.head
        if tok.dep_ == "acl" and any(c.dep_ in OBJECT_DEPS for c in tok.children):
            return tok.head  # "air strikes killed 20 people" misread as a reduced relative
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            tok = tok.head  # "sent personnel to investigate": a purpose clause shares the subject
            continue
        if tok.dep_ not in SUBJECT_SHARING_DEPS or tok.head == tok:
            return None
        if tok.dep_ == "advcl" and tok.tag_ not in ("VBG", "VBN"):
            return None
        if tok.dep_ == "xcomp" and _object_controls(tok.head):
            obj = first_object(tok.head)
            return obj
        tok = tok.head
    return None


def _object_controls(verb: Token) -> bool:
    """'urged X to do': X, not the subject, is the doer of the infinitive."""
    return first_object(verb) is not None and verb.lemma_ in OBJECT_CONTROL_VERBS


OBJECT_CONTROL_VERBS = frozenset({
    "urge", "ask", "call", "tell", "order", "force", "invite", "press", "persuade", "allow",
    "encourage", "request", "compel", "permit", "help", "remind", "warn",
})


def first_object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"):
            return c
    return None


def target_of_verb(verb: Token) -> Token | None:
    """The verb's object, its passive subject, or the object of a targeting preposition."""
    if passive(verb):
        for c in verb.children:
            if c.dep_ in PASSIVE_SUBJECT_DEPS:
                return c
    obj = first_object(verb)
    if obj is not None:
        return obj
    for _, pobj in prep_objects(verb, TARGET_PREPS):
        return pobj
    return None


def governing_verb(tok: Token) -> Token | None:
    """The verb whose argument a noun is (object, subject, attribute, or prepositional object)."""
    cur = tok
    for _ in range(MAX_CLIMB):
        head = cur.head
        if head == cur:
            return None
        if cur.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "obj", "dative", "oprd") and is_verbal(head):
            return head
        if cur.dep_ == "pobj" and head.dep_ in ("prep", "agent") and is_verbal(head.head):
            return head.head
        if cur.dep_ not in ("pobj", "prep", "conj", "appos", "compound"):
            return None
        cur = head
    return None


#: links by which a participle with no auxiliary hangs on the verb whose time and mood it shares
UNTENSED_LINKS = frozenset({"advcl", "acl", "conj", "pcomp"})


def untensed_participle(verb: Token) -> bool:
    """A participle with no auxiliary or subject of its own hanging on a verb ("will fly to
    Khartoum, *visiting* the president on Friday"; "ahead of a council *meeting* on Thursday"
    when the parser reads "meeting" as a participle): it has no tense or mood of its own, so
    the verb it hangs on gives its time and whether it happened. Not one opened by a
    subordinator ("as promised 15 years ago", "when asked"): that is a clause of its own."""
    return (verb.tag_ in ("VBG", "VBN") and verb.dep_ in UNTENSED_LINKS and verb.head != verb
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children))


def to_infinitive(verb: Token) -> bool:
    """A bare verb with its "to" ("to withdraw")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: Tags of a finite verb in the present ("withdraws", "withdraw").
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def present_tense(verb: Token) -> bool:
    """A finite verb or verb group in the present: its own tag or its auxiliary's
    ("withdraws", "has withdrawn", "is expected"), with no past or modal auxiliary."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "MD") for a in auxes):
        return False
    return verb.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxes)


def past_form(verb: Token) -> bool:
    """A verb told in the past: a simple past ("seized"), or a participle whose auxiliary is
    in the past ("was killed", "had seized")."""
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ != "VBN":
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return True
    # "were beaten and kidnapped": a participle coordinated with one shares its auxiliary
    return (verb.dep_ == "conj" and verb.head.tag_ == "VBN" and verb.head != verb
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and past_form(verb.head))


def depth(tok: Token) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok = tok.head
        d += 1
    return d


def np_span(head: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase ``head`` heads: modifiers to its left."""
    start = head.i
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.lefts:
            if c.dep_ in NP_LEFT_DEPS or (c.dep_ in ("cc", "conj", "punct") and t != head):
                start = min(start, c.left_edge.i if c.dep_ != "punct" else c.i)
                stack.append(c)
    end = head.i + 1
    for c in head.rights:  # not the possessive "'s": "the president's" is "the president"
        if c.dep_ in ("compound", "flat"):
            end = max(end, c.right_edge.i + 1)
    doc = head.doc
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def clause_tokens(anchor: Token) -> list[Token]:
    """The tokens of the anchor's own clause: its subtree minus embedded clauses."""
    out = []
    stack = [anchor]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in CLAUSE_DEPS and c != anchor:
                continue
            stack.append(c)
    return out
