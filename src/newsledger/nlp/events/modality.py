"""Negation, modality, hypotheticals and reported speech around an event's trigger.

Cues come from ``data/events/modality.tsv``. They are read on the verb that carries the
event (the trigger itself, or for an event noun the verb it is an argument of), then up
the chain of infinitival complements ("aimed to force a redeployment"). Reported speech
("X said that...", "according to X") marks an event "reported" unless a stronger
modality applies. A definite or possessed event noun ("Ukraine's control", "the
incursion") is presupposed: the modality of the clause it sits in does not apply to it.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..modality import negation_cues as clause_negation_cues
from . import clauses
from .lexicon import Lexicon

Modality = str  # asserted | negated | hypothetical | possible | reported

#: strongest first: one event gets one modality
PRIORITY = ("negated", "hypothetical", "possible", "reported", "asserted")
#: verbs that make the event in their complement something wanted, demanded or promised,
#: not something done; they add to the cue lexicon's "head" cues
COMMITMENT_TYPES = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT", "CONCEDE"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "'d"})


def _strongest(found: set[str]) -> Modality:
    for m in PRIORITY:
        if m in found:
            return m
    return "asserted"


@lru_cache(maxsize=1)
def occurrence_cues() -> dict[str, frozenset[str]]:
    """``data/events/occurrence_cues.tsv``: group -> lemmas."""
    from .mapping import cue_groups

    return {g: frozenset(" ".join(c) for c in cues) for g, cues in cue_groups("occurrence_cues.tsv").items()}


def verb_cues(verb: Token, lex: Lexicon) -> set[str]:
    # "not", "never"; "Neither the UN nor Russia recognize...": read as in every layer
    found: set[str] = {lex.modality.get((c.lower_, "neg"), "negated") for c in clause_negation_cues(verb)}
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "aux" and low in occurrence_cues().get("aux.possible", ()):
            found.add("possible")  # "can take", "can't": ability, not an act
        if c.dep_ == "advmod" and low in occurrence_cues().get("adv.possible", ()):
            found.add("possible")
        if c.dep_ == "aux" and low in occurrence_cues().get("aux.hypothetical", ()):
            found.add("hypothetical")  # "must continue supporting": an obligation
        if c.dep_ == "aux" and low in occurrence_cues().get("aux.future", ()):
            found.add("hypothetical")  # "will deploy": announced or predicted, not done
        if c.dep_ == "neg":
            continue  # read above
        if c.dep_ == "aux" and (low, "aux") in lex.modality:
            found.add(lex.modality[(low, "aux")])
        elif c.dep_ == "mark" and (low, "mark") in lex.modality:
            found.add(lex.modality[(low, "mark")])
        elif c.dep_ == "advmod" and (low, "adv") in lex.modality:
            found.add(lex.modality[(low, "adv")])
        elif c.dep_ == "prep" and low == "according":
            # "according to the draft document, the Senate condemns ...": a text not adopted
            # states what it would do, not what was done
            sources = [p for to in c.children for p in to.children if p.dep_ == "pobj"]
            found.add("hypothetical" if any(map(unadopted, sources)) else "reported")
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and unadopted(c):
            found.add("hypothetical")  # "the draft resolution condemns ...", "the proposed sanctions target ..."
        if c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children):
            found.add("negated")  # "no longer shells the city": the act has stopped
    return found


def negative_subject(subj: Token) -> bool:
    """A subject that denies its clause: a negative quantifier (``subject.none``: "nobody",
    "none of the missiles") or a noun with the determiner "no" ("no Russian troops", "no one")."""
    if subj.lower_ in occurrence_cues().get("subject.none", ()):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)


def denied_by_subject(anchor: Token, trigger: Token) -> bool:
    """Is the event's own act denied by a negative subject: the trigger is the verb, or its
    direct object ("No country imposed sanctions")? Not an event noun elsewhere in the clause:
    "no one was hurt in an explosion" denies the hurt, not the explosion."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is None and trigger.dep_ in ("dobj", "obj") and trigger.head == anchor:
        verb = anchor
    if verb is None:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and negative_subject(c) for c in verb.children)


def negative_preposition(tok: Token) -> bool:
    """Is the gerund or event noun the complement of a preposition that says it did not happen
    (``prep.negative``): an alternative set aside ("instead of attacking", "rather than
    attacking"), a negative implicative verb ("refrained from attacking", "stopped short of
    imposing") or a verb of prevention ("prevented the army from crossing")? The preposition
    is read with its own adverb, with the lemma of the word it hangs on, and with that word's
    head when that word is an adverb ("stop short of")."""
    if tok.dep_ not in ("pcomp", "pobj") or tok.head == tok:
        return False
    prep = tok.head
    if prep.pos_ not in ("ADP", "SCONJ", "CCONJ"):
        return False
    cues = occurrence_cues().get("prep.negative", frozenset())
    word = prep.lower_
    phrases = {f"{c.lower_} {word}" for c in prep.children if c.dep_ == "advmod" and c.i < prep.i}
    gov = prep.head
    if gov != prep:
        phrases.add(f"{gov.lemma_.lower()} {word}")
        if gov.pos_ == "ADV" and gov.head != gov:
            phrases.add(f"{gov.head.lemma_.lower()} {gov.lower_} {word}")
    return bool(phrases & cues)


#: entity types of a subject that can grant a permission
GRANTING_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _grants(verb: Token, lex: Lexicon) -> bool:
    """Is the verb of permission's subject someone who can permit (a name, a pronoun, a role
    or group word), or left unsaid? A thing as the subject ("artillery that has allowed
    Ukraine to strike") enables: what it enables is told as done."""
    subj = clauses.subject(verb)
    if subj is None or subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in GRANTING_ENTS:
        return True
    low = subj.lower_
    return subj.lemma_.lower() in lex.sectors or low in lex.countries_lower or low in lex.capitals


def unadopted(noun: Token) -> bool:
    """A document or measure only drafted, proposed or planned: its modifier is one of the
    adjectives of possibility (``adj.hypothetical``: "draft", "proposed", "planned"), so what
    it says or does is its content, not an occurrence (the mood of a text carries to its
    contents)."""
    return any(c.dep_ in ("amod", "compound") and _possibility_modifier(c) for c in noun.children)


def _possibility_modifier(tok: Token) -> bool:
    """One of ``adj.hypothetical``, as written or as its lemma (a participle such as
    "proposed" or "planned" is lemmatised to its verb)."""
    cues = occurrence_cues().get("adj.hypothetical", frozenset())
    return tok.lower_ in cues or tok.lemma_.lower() in cues


def head_lemma(verb: Token, lex: Lexicon) -> str:
    """The verb's lemma for the ``head`` cues of ``modality.tsv``, also when the lemmatiser
    dropped a silent final "e" with the ending ("hopes", "hoped", "hoping" read as "hop"):
    the lemma plus "e" is taken when that is a ``head`` cue, the lemma is not, and the word
    does not double its last consonant ("hopped" is "hop")."""
    lemma = verb.lemma_.lower()
    if (lemma, "head") in lex.modality or (lemma + "e", "head") not in lex.modality:
        return lemma
    low = verb.lower_
    rest = low[len(lemma):] if low.startswith(lemma) else ""
    return lemma + "e" if rest in ("es", "ed", "ing") else lemma


def directive(verb: Token) -> bool:
    """A verb of command (``head.directive``: "order", "instruct", "tell"): what it orders, its
    "to"-complement or its direct object, is commanded, not done. As TimeML subordinates the
    complement of such verbs modally, a definite object is no exception: "the court ordered the
    arrest of the minister" reports an order, and no arrest."""
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in occurrence_cues().get("head.directive", ())


def presupposed(noun: Token) -> bool:
    """A definite or possessed event noun refers to something the text takes as given."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")):
            return True
    return False


def modality(anchor: Token, trigger: Token, lex: Lexicon, commitment_heads: set[int]) -> Modality:
    """The modality of the event whose clause verb is ``anchor`` and trigger ``trigger``.

    ``commitment_heads`` are token indices of triggers of REQUEST/THREATEN/AGREE/... events
    in the sentence: an event in their complement is hypothetical.
    """
    found: set[str] = set()
    verb: Token | None = anchor
    if question(anchor):
        found.add("hypothetical")  # "Will Russia invade?", "Did the strike kill civilians?"
    found |= _reported_content(trigger, lex, commitment_heads)
    if denied_by_subject(anchor, trigger):
        found.add("negated")  # "Nobody attacked the convoy", "No country imposed sanctions"
    if trigger.pos_ in ("NOUN", "PROPN"):
        found |= {m for m in verb_cues(trigger, lex) if m == "negated"}
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):  # "no withdrawal"
            found.add("negated")
        if negative_preposition(trigger):
            found.add("negated")  # "instead of an attack", "refrained from an assault"
        if anchor == trigger:
            verb = clauses.governing_verb(trigger)
        if under_hypothetical_noun(trigger):
            found.add("hypothetical")
        if any(c.dep_ == "amod" and _possibility_modifier(c) for c in trigger.children):
            found.add("hypothetical")  # "Xi's upcoming meeting with Putin", "a potential offensive"
        if trigger.dep_ in ("dobj", "obj") and trigger.head.i in commitment_heads:
            found.add("hypothetical")  # "requested a meeting with Putin", "rejected talks": not held
        if trigger.dep_ in ("dobj", "obj") and directive(trigger.head):
            found.add("hypothetical")  # "ordered the arrest of the minister": commanded, not done
        if presupposed(trigger):  # only reported speech reaches a presupposed event ...
            found |= {m for m in _climb(verb, lex, commitment_heads) if m == "reported"}
            if verb is not None and trigger.dep_ in ("dobj", "obj") and trigger.head == verb:
                # ... but the act of the verb's subject is the verb's: "X has not joined the
                # sanctions" is no sanction by X
                found |= _climb(verb, lex, commitment_heads)
            if verb is not None and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head == verb and any(
                    c.dep_ == "aux" and c.lower_ in occurrence_cues().get("aux.future", ()) for c in verb.children):
                found.add("hypothetical")  # "the talks will take place": still to come
            return _strongest(found)
    found |= _climb(verb, lex, commitment_heads)
    return _strongest(found)


#: how far up from an event noun a noun of possibility ("the threat of ...") is looked for
HYPOTHETICAL_NOUN_DEPTH = 3
#: nominal links climbed from an event to a noun of communication ("reports of Russia moving
#: troops": acl -> pobj -> prep -> noun); the same short reach as for nouns of possibility
REPORT_NOUN_LINKS = ("acl", "relcl", "ccomp", "pcomp", "pobj", "prep", "compound")
#: modalities of the verb over a noun of communication that leave its content unconfirmed
UNCONFIRMING = frozenset({"negated", "hypothetical", "possible"})


def report_noun(tok: Token) -> Token | None:
    """The noun of communication whose of-phrase or complement the event is ("reports of
    troops moving", "claims that Kyiv shelled the town"; ``noun.report``), climbing nominal
    links only, as for a noun of possibility."""
    nouns = occurrence_cues().get("noun.report", frozenset())
    cur = tok
    for _ in range(HYPOTHETICAL_NOUN_DEPTH):
        if cur.head == cur or cur.dep_ not in REPORT_NOUN_LINKS:
            return None
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in nouns:
            return cur
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("acl", "pcomp"):
            return None
    return None


def _reported_content(trigger: Token, lex: Lexicon, commitment_heads: set[int]) -> set[str]:
    """An act named as the content of a report or claim is reported, not asserted by the
    text; it is unconfirmed (hypothetical) when the report is itself the object of a verb
    that is negated, hypothetical or possible, or a verb whose complement is so (a ``head``
    cue of ``modality.tsv``): "has not been able to verify reports of Russia moving troops",
    "could not confirm claims that its forces shelled the town"."""
    noun = report_noun(trigger)
    if noun is None:
        return set()
    found = {"reported"}
    verb = clauses.governing_verb(noun)
    if verb is not None:
        over = verb_cues(verb, lex) | _climb(verb, lex, commitment_heads)
        vlemma = head_lemma(verb, lex)
        if (vlemma, "head") in lex.modality:  # "fails to verify reports that ..."
            over.add(lex.modality[(vlemma, "head")])
        if over & UNCONFIRMING:
            found.add("hypothetical")
        if vlemma in occurrence_cues().get("head.denial", ()) and noun.dep_ in ("dobj", "obj"):
            found.add("hypothetical")  # "rejected claims that it had shelled the hospital": disputed
    return found


def under_hypothetical_noun(tok: Token) -> bool:
    """Is the event a possibility a noun names: "the threat of an invasion", "the worst
    scenario: a Russian attack", "an excuse to invade"? Climbs nominal links only."""
    nouns = occurrence_cues().get("noun.hypothetical", frozenset())
    cur = tok
    for _ in range(HYPOTHETICAL_NOUN_DEPTH):
        if cur.head == cur or cur.dep_ not in ("pobj", "prep", "appos", "acl", "relcl", "compound", "dobj", "attr"):
            return False
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in nouns:
            return True
        if cur.pos_ in ("VERB", "AUX") and tok.pos_ in ("NOUN", "PROPN"):
            return False
    return False


def question(tok: Token) -> bool:
    """Is the token's clause asked, not asserted: its sentence ends in a question mark?"""
    last = next((t for t in reversed(tok.sent) if not t.is_space and t.text not in ('"', "'", "”", "’")),
                None)
    return last is not None and last.text.endswith("?")


def _scheduled(verb: Token) -> bool:
    """"is to visit", "is going to attack": a "to"-complement of "be" (not of a participle)
    or of a progressive "go"."""
    head = verb.head
    if verb.dep_ != "xcomp" or head == verb or head.lemma_.lower() not in occurrence_cues().get("head.future", ()):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return head.lemma_.lower() != "go" or head.tag_ == "VBG"


#: auxiliaries that open a conditional clause by inversion, without "if"
INVERTED_CONDITION_AUX = frozenset({"had", "should", "were"})


def inverted_condition(verb: Token) -> bool:
    """A conditional clause opened by its auxiliary before its subject, with no subordinator
    ("Had the army shelled the town, ...", "Were Russia to attack, ...", "Should Moscow invade,
    ..."): the inversion is the condition's mark, as "if" is."""
    if verb.dep_ != "advcl" or any(c.dep_ == "mark" for c in verb.children):
        return False
    first = verb.left_edge
    if first.lower_ not in INVERTED_CONDITION_AUX or first.pos_ != "AUX" or not (first == verb or first.head == verb):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > first.i for c in verb.children)


def prospective(verb: Token) -> bool:
    """A "to"-complement of a predicate of prospective aspect after "be" (``head.prospective``:
    "is set to annex", "is poised to launch", "are about to withdraw", "is due to receive"):
    an act imminent or scheduled, not done. Only with "be": "set out to" is an attempt."""
    head = verb.head
    if verb.dep_ != "xcomp" or head == verb or not clauses.to_infinitive(verb):
        return False
    if head.lemma_.lower() not in occurrence_cues().get("head.prospective", ()) and (
            head.lower_ not in occurrence_cues().get("head.prospective", ())):
        return False
    if head.dep_ == "acomp" and head.head.lemma_.lower() == "be":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "be" for c in head.children)


def _purpose(verb: Token) -> bool:
    """An infinitival purpose or modifier clause: "sent troops to fight", "troops to fight"."""
    return verb.dep_ in ("advcl", "acl", "relcl") and clauses.to_infinitive(verb)


def _aim(verb: Token, head: Token) -> bool:
    """A purpose, not an occurrence: a "to"-complement of a verb that already has its object
    ("massed troops near the border to attack Ukraine"; not after an implicative causative:
    "forced Russia to withdraw" says it withdrew), or an "of"/"at" phrase of a noun or verb of
    aim ("with the aim of capturing Kyiv", "an offensive aimed at capturing Kyiv")."""
    if verb.dep_ == "xcomp" and clauses.to_infinitive(verb):
        return (any(c.dep_ in ("dobj", "obj") and c.i < verb.i for c in head.children)
                and head.lemma_.lower() not in occurrence_cues().get("head.implicative", ()))
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "at", "toward", "towards"):
        owner = head.head.lemma_.lower()
        return owner in occurrence_cues().get("noun.hypothetical", ()) or owner in occurrence_cues().get("head.aim", ())
    return False


def _by_phrase_verb(verb: Token) -> Token | None:
    """The verb whose "by" phrase (means or passive agent) the act is: "by making gains"
    (a gerund under "by"), or "by the army seizing villages" (a noun under "by" with the act
    as its participle)."""
    prep = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and prep.dep_ == "pobj":
        prep = prep.head
    elif verb.dep_ != "pcomp":
        return None
    if prep.lower_ != "by" or prep == verb or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return prep.head


#: modalities of a matrix clause that leave a present-tense clause of time or condition
#: under it unrealised ("will keep fighting until the rebels withdraw")
IRREALIS_MATRIX = frozenset({"hypothetical", "possible"})


def elliptical_complement(verb: Token, head: Token) -> bool:
    """A "to"-infinitive with no subject of its own coordinated with a verb that is no
    "to"-infinitive itself ("was allowed to keep its weapons but only to withdraw", the parser
    hanging "withdraw" on "allowed"): an infinitive is no finite act beside its head, it is
    a second complement of it (what was allowed), so the head's rules for its complements
    apply to it. (Two infinitives coordinated, "to join ... and to accept", are conjuncts of
    one complement and are read as such.)"""
    return (verb.dep_ == "conj" and clauses.to_infinitive(verb) and not clauses.to_infinitive(head)
            and head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


#: links by which the first of two coordinated infinitives hangs on its governing verb
PARALLEL_LINKS = frozenset({"xcomp", "ccomp"})


def parallel_infinitive(verb: Token, head: Token) -> Token | None:
    """The infinitive an ``elliptical_complement`` stands beside: the last "to"-infinitive
    complement before it in its head's first conjunct ("would be allowed *to join* the talks,
    but only to accept", where the parser hung "accept" on the reporting verb "say"). The
    second infinitive has no verb of its own, so it shares the verb the first one has: a
    gapped coordination repeats the governor, not the conjunct's head."""
    found: Token | None = None
    for tok in head.subtree:
        if tok.i >= verb.i:
            break
        if tok is not head and tok.dep_ in PARALLEL_LINKS and clauses.to_infinitive(tok):
            found = tok
    return found


def temporal_clause(verb: Token) -> bool:
    """An adverbial clause of time or condition in the present tense: "until Sudan
    withdraws", "once Chad has expelled the rebels", "as Chad expels the rebels"
    (``mark.temporal``: the subordinator, or "when" as the parser's adverb, before the verb)."""
    marks = occurrence_cues().get("mark.temporal", frozenset())
    return (verb.dep_ == "advcl" or time_relative(verb)) and clauses.present_tense(verb) and any(
        c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ in marks for c in verb.children)


#: entity types of a time noun that a "when" clause can hang on as a relative clause
TIME_ENTS = frozenset({"DATE", "TIME"})


def time_relative(verb: Token) -> bool:
    """"will sign the accord on Friday when Sudan withdraws": the parser hangs the clause of
    time on the time noun as a relative clause; it is the same clause of time."""
    return verb.dep_ == "relcl" and verb.head.ent_type_ in TIME_ENTS


def _complement_of(verb: Token, head: Token, lex: Lexicon, commitment_heads: set[int]) -> set[str]:
    """What ``head`` makes of an infinitive it governs as its complement (an
    ``elliptical_complement``): permitted ("allowed"), considered or needed
    (``head.hypothetical``, "able"), asked or promised (a commitment trigger), wanted or
    refused (a ``head`` cue of ``modality.tsv``), or an aim after a verb that has its object."""
    hlemma = head_lemma(head, lex)
    heads = occurrence_cues().get("head.hypothetical", frozenset())
    if hlemma in occurrence_cues().get("head.permission", ()) and _grants(head, lex):
        return {"hypothetical"}
    if hlemma in heads or any(c.dep_ == "acomp" and c.lemma_.lower() in heads for c in head.children):
        return {"hypothetical"}
    if head.i in commitment_heads:
        return {"hypothetical"}
    if (hlemma, "head") in lex.modality:
        return {lex.modality[(hlemma, "head")]}
    if any(c.dep_ in ("dobj", "obj") and c.i < verb.i for c in head.children) and (
            hlemma not in occurrence_cues().get("head.implicative", ())):
        return {"hypothetical"}  # "sent troops to the border, but only to defend it": an aim
    return set()


#: links from the word an adverbial clause hangs on up to the verb it modifies ("as long as
#: the rebels attack": the clause hangs on "long", an adverb of "keep fighting")
MATRIX_LINKS = frozenset({"advmod", "npadvmod", "prep", "pcomp"})


def _matrix(head: Token) -> Token:
    """The verb an adverbial clause modifies: its head, or up from an adverb or preposition
    the clause hangs on to that word's verb."""
    cur = head
    for _ in range(3):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ not in MATRIX_LINKS or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def _climb(verb: Token | None, lex: Lexicon, commitment_heads: set[int]) -> set[str]:
    found: set[str] = set()
    if verb is None:
        return found
    via_conj = disjoined = False
    for _ in range(clauses.MAX_CLIMB):
        cues = verb_cues(verb, lex)
        # "needed to end and withdraw"; not "did not X but Y"; but a negation scopes over a
        # disjunction: "undertakes not to use or threaten" does neither
        found |= cues - {"negated"} if via_conj and not disjoined else cues
        head = verb.head
        if head != verb and elliptical_complement(verb, head):
            # "was allowed to keep its weapons but only to withdraw": read as the head's complement
            found |= _complement_of(verb, head, lex, commitment_heads)
            parallel = parallel_infinitive(verb, head)
            if parallel is not None:
                # "say X would be allowed to join, but only to accept": the verb that governs
                # the first infinitive governs the second too (the parser hung it on "say")
                found |= _climb(parallel, lex, commitment_heads) & IRREALIS_MATRIX
            if found & IRREALIS_MATRIX:
                break
        if _scheduled(verb):
            found.add("hypothetical")
            break
        if verb.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ in occurrence_cues().get("adv.not_yet", ())
                                        for c in verb.head.children):
            found.add("hypothetical")  # "has yet to back Ukraine": not done (and not refused)
            break
        if _purpose(verb):
            found.add("hypothetical")
            break
        head = verb.head
        if verb.dep_ in ("acl", "relcl") and head.lemma_.lower() in occurrence_cues().get("noun.hypothetical", ()):
            found.add("hypothetical")  # "an excuse to invade", "no indication that Moscow intends to"
            break
        if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in occurrence_cues().get("head.permission", ()) and (
                _grants(head, lex)):
            found.add("hypothetical")  # "authorized Ukraine to strike": permitted, not done
            break
        if _aim(verb, head):
            found.add("hypothetical")  # "massed troops to attack", "with the aim of capturing": an aim
            break
        heads = occurrence_cues().get("head.hypothetical", frozenset()) | occurrence_cues().get(
            "head.commissive", frozenset())
        if verb.dep_ in ("xcomp", "ccomp", "acomp") and (head_lemma(head, lex) in heads or any(
                c.dep_ == "acomp" and c.lemma_.lower() in heads for c in head.children)):
            # "it is likely that X will attack", "it is important to support", "vowed to expel"
            found.add("hypothetical")
            break
        if prospective(verb):
            found.add("hypothetical")  # "is set to annex", "are about to withdraw": not yet done
            break
        if negative_preposition(verb):
            found.add("negated")  # "instead of attacking", "refrained from attacking"
            break
        if verb.dep_ == "advcl" and (inverted_condition(verb) or inverted_condition(head)):
            found.add("hypothetical")  # "Had the army shelled the town, ...", "Were Russia to attack"
            break
        by_verb = _by_phrase_verb(verb)
        if by_verb is not None:
            # "might be marked by Russia making more gains", "could win by making gains": the
            # means or agent is inside its verb's modality (not its negation, as for a conjunct)
            via_conj, disjoined, verb = True, False, by_verb
            continue
        if head == verb or verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "dobj", "pcomp", "acomp", "relcl"):
            break
        if verb.dep_ == "relcl" and not time_relative(verb):
            break
        hlemma = head_lemma(head, lex)
        if verb.dep_ == "xcomp" and directive(head):
            found.add("hypothetical")  # "troops were ordered to withdraw": commanded, not done
            break
        if verb.dep_ in ("xcomp", "ccomp") and head.i in commitment_heads:
            found.add("hypothetical")
            break
        if verb.dep_ in ("xcomp", "ccomp") and hlemma in occurrence_cues().get("head.denial", ()):
            # "denied that its troops had shelled", "denied attacking the convoy"; "did not deny
            # that ..." neither denies nor confirms it
            found.add("possible" if clause_negation_cues(head) else "negated")
            break
        if (hlemma, "head") in lex.modality and verb.dep_ in ("xcomp", "ccomp"):
            found.add(lex.modality[(hlemma, "head")])
            break
        if hlemma in lex.reporting_verbs and verb.dep_ == "ccomp":
            found.add("reported")
            break
        if verb.dep_ == "advcl" and clauses.untensed_participle(verb) and not _purpose(verb) and head.dep_ == "ROOT":
            # "will fly to Khartoum, visiting the president": a participle set on the main verb
            # shares the mood that verb's own auxiliaries give (not its negation). Only on the
            # main verb: hung on an embedded one, the parser has often misplaced it ("..., X
            # said, warning that" hung on the verb of what X said)
            own = verb_cues(head, lex) & IRREALIS_MATRIX
            if any(c.lemma_.lower() in lex.reporting_verbs and head.i < c.i < verb.i for c in head.children):
                own = set()  # "... would be crucial, Leonard said, warning that": the speaker's act
            if own:
                found |= own
                break
        if verb.dep_ == "advcl" or time_relative(verb):
            matrix = _matrix(head) if verb.dep_ == "advcl" else clauses.governing_verb(head)
            if (temporal_clause(verb) and matrix is not None
                    and _climb(matrix, lex, commitment_heads) & IRREALIS_MATRIX):
                found.add("hypothetical")  # "hopes to win the war as Chad expels the rebels"
            break
        if verb.dep_ == "conj" and denied_disjunct(verb, head):
            found.add("negated")  # "undertakes not to use or threatens the use": neither
            break
        if verb.dep_ == "conj" and stray_base_form(verb, head):
            found.add("hypothetical")  # "called for a freeze of hostilities and restrict ...": asked for
            break
        via_conj = verb.dep_ == "conj"
        disjoined = via_conj and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children)
        verb = head
    return found


def denied_disjunct(verb: Token, head: Token) -> bool:
    """A verb with no subject of its own joined by "or"/"nor" right after a denied
    "to"-infinitive complement of its head ("Beijing undertakes not to use or threatens the use
    of nuclear weapons", as machine translation writes it; the parser hangs "threatens" on
    "undertakes"): the disjunction continues the denied complement, whose negation scopes over
    both disjuncts, as it does over the disjuncts of a denied verb."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    cc = next((c for c in head.children if c.dep_ == "cc" and c.lower_ in ("or", "nor") and c.i < verb.i), None)
    if cc is None or cc.i == 0:
        return False
    before = cc.doc[cc.i - 1]
    return any(c.dep_ == "xcomp" and clauses.to_infinitive(c) and clause_negation_cues(c)
               and c.left_edge.i <= before.i <= c.right_edge.i for c in head.children)


#: finite tags of a verb a bare infinitive cannot be coordinated with (it would agree in tense)
FINITE_PAST_OR_3SG = frozenset({"VBD", "VBZ"})


def stray_base_form(verb: Token, head: Token) -> bool:
    """A bare infinitive with no subject or auxiliary of its own, attached as a conjunct of a
    finite past or third-person verb ("Lukashenko called for a freeze ... and restrict the
    movement of weapons"): English coordinates verbs of one form, so it continues the
    complement of the head (what was called for), not the head's own act."""
    return verb.tag_ == "VB" and head.tag_ in FINITE_PAST_OR_3SG and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def future(anchor: Token) -> bool:
    """'will meet', 'would withdraw', 'is to visit', 'plans to send'."""
    verb = anchor
    for _ in range(3):
        for c in verb.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
                return True
        if verb.dep_ == "xcomp" and verb.head.lemma_ in ("plan", "intend", "be", "go", "expect", "prepare"):
            return True
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
    return False
