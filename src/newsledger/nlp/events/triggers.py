"""Trigger candidates: one pass over a sentence's tokens, lexicon lookups by lemma.

A trigger is a verb, event noun or adjective whose lemma is in ``triggers.tsv``; an entry
may require a dependent ("call" + "for", "open" + "fire", "retain" + "control"). Each
candidate gets an *anchor*: the verb whose clause carries the event. That is the trigger
itself for verbs, the light verb for an event noun that is its object ("launched an
offensive"), the copula for an adjective ("is willing to"), else the noun itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import clauses
from .lexicon import POS_CLASSES, Lexicon, TriggerEntry, trigger_entries

#: how far a required dependent may lie from the trigger and still be part of the trigger
#: span ("made territorial gains": 2 tokens); beyond that the span is the trigger word alone
MAX_TRIGGER_GAP = 3
#: levels below a verb's object searched for a required word ("tons" -> "of" -> "aid")
OBJECT_DEPTH = 3
#: entity types whose words are names, not event words ("Amnesty International",
#: "Ceasefire Violations Committee", "World Food Program")
NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "GPE", "NORP", "LOC"})
#: nouns that carry the event named by their compound modifier ("a mediation effort")
EVENT_CONTAINERS = frozenset({"effort", "mission", "operation", "campaign", "process", "attempt", "bid", "drive",
                              "program", "programme", "initiative", "plan", "deal"})
#: a verb in these relations is an adjective in disguise ("the besieged town", "long-threatened")
ADJECTIVAL_DEPS = frozenset({"amod", "compound"})
#: modal auxiliaries that turn a reported clause into a demand ("said Libya must hand over")
DEMAND_MODALS = frozenset({"must", "should"})


@dataclass
class Candidate:
    token: Token
    entries: list[TriggerEntry]  # in file order; the actor's sector may rule some out
    anchor: Token
    start: int  # token bounds of the trigger span
    end: int
    light: bool = False  # a noun carried by a light verb


def _object_words(obj: Token, out: dict[str, Token], depth: int = OBJECT_DEPTH) -> None:
    """'provide 25,000 tons of food aid': the object's of-phrase and compounds count too."""
    for c in obj.children:
        if c.dep_ in ("compound", "amod", "prep", "pobj", "conj"):
            out.setdefault(c.lemma_.lower(), c)
            out.setdefault(c.lower_, c)
            if depth > 1:
                _object_words(c, out, depth - 1)


def dependent_lemmas(tok: Token) -> dict[str, Token]:
    """Lemmas (and lower forms) of the token's dependents, prepositional objects included."""
    out: dict[str, Token] = {}
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            _object_words(c, out)
        if c.dep_ in ("nsubj", "csubj") and any(o.dep_ in ("dobj", "obj") for o in tok.children):
            continue  # the one acting on an object is no dependent of the act: "troops captured X"
            # captured no troops; without an object the subject may be what the act moves ("troops massed")
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
            continue  # "on Tuesday called X ...": a time, not the "call on" of an appeal
        out.setdefault(c.lemma_.lower(), c)
        out.setdefault(c.lower_, c)
        if c.dep_ in ("prep", "agent", "advmod", "xcomp"):
            for g in c.children:
                if g.dep_ in ("pobj", "prep", "aux"):
                    out.setdefault(g.lemma_.lower(), g)
                    out.setdefault(g.lower_, g)
                    if g.dep_ == "prep":
                        for p in g.children:
                            out.setdefault(p.lemma_.lower(), p)
    if tok.dep_ == "compound":  # "hunger strike" read from "hunger"
        out.setdefault(tok.head.lemma_.lower(), tok.head)
    return out


@lru_cache(maxsize=1)
def extra_triggers() -> dict[tuple[str, str], list[TriggerEntry]]:
    """``data/events/acled_triggers.tsv``, in triggers.tsv's format: tried after it."""
    return trigger_entries("acled_triggers.tsv")


def _entries(lex: Lexicon, lemma: str, pos: str) -> list[TriggerEntry]:
    return [*lex.triggers.get((lemma, pos), []), *extra_triggers().get((lemma, pos), [])]


def _pos_class(tok: Token) -> str | None:
    for cls, tags in POS_CLASSES.items():
        if tok.pos_ in tags:
            return cls
    return None


def match(tok: Token, lex: Lexicon) -> tuple[list[TriggerEntry], Token | None]:
    """Entries of the lexicon that fit this token, and the dependent that fitted (if any)."""
    pos = _pos_class(tok)
    if pos is None:
        return [], None
    entries = _entries(lex, tok.lemma_.lower(), pos)
    if not entries and pos == "N" and tok.tag_ == "NNS":
        entries = _entries(lex, tok.lower_.rstrip("s"), pos)
    if not entries:
        return [], None
    deps: dict[str, Token] | None = None
    out: list[TriggerEntry] = []
    fitted: Token | None = None
    for e in entries:
        if e.needs:
            if deps is None:
                deps = dependent_lemmas(tok)
            # the first in the sentence: ``needs`` is a frozenset, whose order changes with
            # PYTHONHASHSEED, so taking the first it yields made events differ between runs
            hit = min((deps[n] for n in e.needs if n in deps), key=lambda t: t.i, default=None)
            if hit is None:
                continue
            if fitted is None:
                fitted = hit
        out.append(e)
    return out, fitted


def anchor_of(tok: Token, lex: Lexicon) -> tuple[Token, bool]:
    if tok.pos_ in ("NOUN", "PROPN"):
        noun = tok.head if tok.dep_ == "compound" else tok  # "launched a mediation effort"
        verb = clauses.governing_verb(noun)
        if verb is not None and verb.lemma_.lower() in lex.light_verbs and noun.dep_ in ("dobj", "attr", "obj"):
            return verb, True
        return tok, False
    if tok.pos_ == "ADJ" and tok.head != tok and tok.head.pos_ in ("AUX", "VERB"):
        return tok.head, False
    return tok, False


def candidates(sent: SpacySpan, lex: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in sent:
        if tok.is_punct or tok.is_space or tok.ent_type_ in NAME_ENTS or (
                tok.pos_ in ("VERB", "AUX") and tok.dep_ in ADJECTIVAL_DEPS):
            continue
        if participle_as_adjective(tok):
            continue  # "trips to occupied Ukraine": a state of the place, not an act
        if tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.lemma_.lower() not in EVENT_CONTAINERS:
            continue  # "aid groups", "protest leaders", "attack helicopters": modifiers, not events
        entries, fitted = match(tok, lex)
        if not entries:
            continue
        anchor, light = anchor_of(tok, lex)
        start, end = tok.i, tok.i + 1
        if fitted is not None and abs(fitted.i - tok.i) <= MAX_TRIGGER_GAP:
            start, end = min(start, fitted.i), max(end, fitted.i + 1)
        out.append(Candidate(tok, entries, anchor, start, end, light))
    return _dedupe(out)


def participle_as_adjective(tok: Token) -> bool:
    """"trips to occupied Ukraine", "the camp in occupied Poland": the parser may read "to" plus a
    past participle as an infinitive, but an infinitive takes the base form; a participle
    after "to" without "have" or "be" ("to have occupied", "to be destroyed") modifies the noun
    after it, as in "the occupied city": a state, not a new occurrence."""
    if tok.tag_ not in ("VBN", "VBD") or tok.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ == "VBN" and auxes and all(c.tag_ == "TO" for c in auxes):
        return True
    # "the camp in occupied Poland was liberated": a preposition left without its object
    # right before the participle; the parser made the participle a verb of its own
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (not auxes and prev is not None and prev.dep_ == "prep" and prev.pos_ == "ADP"
            and not any(c.dep_ in ("pobj", "pcomp") for c in prev.children))


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One event per clause and type: 'made territorial gains' is one event, not two."""
    seen: dict[tuple[int, str], Candidate] = {}
    out = []
    for c in cands:
        key = (c.anchor.i, c.entries[0].plover_type)
        prev = seen.get(key)
        if prev is not None and (prev.light or c.light or prev.token.i in range(c.start, c.end)
                                 or c.token.i in range(prev.start, prev.end)):
            prev.start, prev.end = min(prev.start, c.start), max(prev.end, c.end)
            continue
        seen[key] = c
        out.append(c)
    return out


def reported_demands(sent: SpacySpan, lex: Lexicon) -> list[tuple[Token, Token, Token]]:
    """(reporting verb, modal, reported clause verb) for 'X said Y must do Z'."""
    out = []
    for tok in sent:
        if tok.dep_ == "aux" and tok.lower_ in DEMAND_MODALS:
            clause = tok.head
            head = clause.head
            if clause.dep_ == "ccomp" and head.lemma_.lower() in lex.demand_verbs:
                out.append((head, tok, clause))
    return out
