"""An event's arguments from its own clause: source, target, place, date and figures.

Everything is read from the trigger's noun phrase and the anchor verb's clause (see
:mod:`.clauses`); a pronoun subject inside a reported clause takes the speaker ("Syria
says it is willing..."), which is an explicit syntactic link, not a guess across sentences.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from ...models import EventActor, Place, TextSpan, TimeExpression
from . import clauses, triggers
from .actors import DocContext
from .mapping import durative_nouns
from .modality import occurrence_cues

#: prepositions that attach where an event happens (or what it moves towards)
PLACE_PREPS = ("in", "at", "near", "into", "toward", "towards", "to", "from", "over", "across",
               "outside", "around", "on", "inside", "of", "through")
#: prepositions after an event noun that introduce its target ("assault on X", "war against Y")
NOUN_TARGET_PREPS = ("on", "against", "into", "toward", "towards", "to", "upon", "at", "with", "between")
#: levels of nested noun phrases searched for an actor inside an object ("the significance
#: of Ukraine's incursion" -> Ukraine); two reaches the possessor of a noun in an of-phrase
ACTOR_SEARCH_DEPTH = 2
#: entity types that are never actors (dates, amounts)
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "PRODUCT"})
#: entity types that name things rather than parties: a work (the small model's label for a
#: make of weapon, "declined to send *the Abrams*"), a law or treaty, a language, a named event
#: (session 12). Its spans run on too far ("31 *Abrams to Ukraine*"), so a word in one that is a
#: country or a resolved place still stands for a party
THING_ENTS = frozenset({"WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"})
CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "today", "yesterday", "tomorrow", "week", "month", "year", "weekend", "night",
})
#: levels of infinitival complements searched for the target of "agreed to provide aid to X"
COMPLEMENT_DEPTH = 3
#: verbal acts: their object is a proposition ("downplayed the significance of X's incursion"),
#: and a place deep inside it is not where the act happened
VERBAL_TYPES = frozenset({"STATEMENT", "ACCUSE", "REJECT", "REQUEST", "SUPPORT", "AGREE", "THREATEN", "CONCEDE"})
#: time-expression kinds that give an event a date
DATED_KINDS = frozenset({"date", "datetime"})


def actorish(tok: Token, ctx: DocContext) -> bool:
    """Can this noun be an actor: a name, a group or office word, a country word?"""
    if tok.ent_type_ in NOT_ACTOR_ENTS or tok.lower_ in CALENDAR_WORDS:
        return False
    if tok.ent_type_ in THING_ENTS and tok.i not in ctx.place_at and ctx.country_in_words([tok.text]) is None:
        return False  # "the Abrams", "the Minsk Protocol": what is sent or signed, not a party
    if tok.pos_ == "PROPN" and any(c.dep_ == "nummod" for c in tok.children) and tok.ent_type_ != "NORP" and (
            tok.lemma_.lower() not in ctx.lex.sectors and ctx.country_in_words([tok.text]) is None):
        return False  # a counted name is a make of thing: "31 Abrams", "two Patriots"
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in clauses.PRONOUNS
    if tok.lemma_.lower() in ctx.lex.sectors:
        return True
    return ctx.country_in_words([tok.text]) is not None


#: prepositions through which an actor inside a phrase may stand for it (its members, maker,
#: addressee or counterpart: "thousands *of* protesters", "an offer *from* Kabul", "a call *to* X")
ACTOR_PREPS = ("of", "on", "against", "to", "into", "with", "by", "from", "for")
#: those through which it may stand for the phrase as the one who acts (a subject): members,
#: maker or origin only; "with", "against", "to" name the other party ("the line of contact
#: *with* Russian forces has withdrawn": the line, not the forces)
AGENT_PREPS = ("of", "by", "from", "among")


def find_actorish(tok: Token, ctx: DocContext, depth: int = ACTOR_SEARCH_DEPTH,
                  preps: tuple[str, ...] = ACTOR_PREPS) -> Token | None:
    if actorish(tok, ctx):
        return tok
    if depth <= 0:
        return None
    for c in tok.children:  # "Serbia's suppression"; not "its partners": the pronoun says nothing
        if c.dep_ == "poss" and actorish(c, ctx) and (c.lower_ not in clauses.PRONOUNS or c.i in ctx.entity_at):
            return c
    for c in tok.children:  # "a Senegalese plan", "a United Nations appeal"
        if c.dep_ in ("amod", "compound") and (ctx.country_in_words([c.text]) or (
                c.dep_ == "compound" and c.pos_ == "PROPN" and actorish(c, ctx))):
            return c
    for c in tok.children:  # "an offer from Afghanistan", "the welfare of 2,000 Libyans"
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    hit = find_actorish(p, ctx, depth - 1, preps)
                    if hit is not None:
                        return hit
    return None


def resolve_pronoun(subj: Token, anchor: Token, ctx: DocContext) -> Token:
    """'Syria says it is willing': the pronoun subject of a reported clause is the speaker."""
    if subj.lower_ not in clauses.PRONOUNS or subj.i in ctx.entity_at:
        return subj
    verb = anchor
    for _ in range(clauses.MAX_CLIMB):
        if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in ctx.lex.reporting_verbs:
            speaker = clauses.subject(verb.head)
            return speaker if speaker is not None and _agrees(subj, speaker) else subj
        if verb.head == verb:
            break
        verb = verb.head
    return subj


def _agrees(pronoun: Token, speaker: Token) -> bool:
    """'Syria says it...', 'Zelensky said he...', 'the rebels said they...'; not 'Zelensky said they...'."""
    low = pronoun.lower_
    person = speaker.ent_type_ == "PERSON"
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    if low in ("he", "she", "him", "her"):
        return person
    if low in ("it", "its"):
        return not person and not plural
    if low in ("they", "them", "their"):
        return plural or (not person and speaker.ent_type_ in ("ORG", "NORP"))
    return low in ("we", "i")


def noun_source(noun: Token, of_role: str, ctx: DocContext) -> Token | None:
    for c in noun.children:
        if c.dep_ == "poss" and actorish(c, ctx):
            if c.lower_ in clauses.PRONOUNS and c.i not in ctx.entity_at:
                # "Moscow's forces continuing to press their assault": the clause's subject
                verb = clauses.governing_verb(noun)
                subj = clauses.subject(verb) if verb is not None else None
                if subj is not None and subj.lower_ not in clauses.PRONOUNS:
                    return subj
            return c
    for _, p in clauses.prep_objects(noun, ("by",)):
        return p
    if of_role == "actor":
        for _, p in clauses.prep_objects(noun, ("of", "among")):
            hit = find_actorish(p, ctx)
            if hit is not None:
                return hit
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and ctx.country_in_words([c.text]):
            return c
    return None


def noun_target(noun: Token, of_role: str, ctx: DocContext, source: Token | None,
                meeting: bool = False) -> Token | None:
    """The target an event noun's own phrase names ("an assault on X", "talks with Y"). A
    meeting's (``meeting``) "on"/"about"/"over" phrase is its topic, not its other party
    ("an emergency meeting on Ukraine": PLOVER's CONSULT target is who takes part)."""
    preps = NOUN_TARGET_PREPS + (("of",) if of_role == "target" else ())
    if meeting:
        preps = tuple(p for p in preps if p not in TOPIC_PREPS)
    heads = [noun, noun.head] if noun.dep_ == "compound" else [noun]  # "a mediation effort between X and Y"
    for h in heads:
        for _, p in clauses.prep_objects(h, preps):
            hit = find_actorish(p, ctx)
            if hit is not None and (source is None or hit != source):
                return hit
    for c in noun.children:  # "its demand that Israel ease restrictions"
        if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
            subj = clauses.own_subject(c)
            if subj is not None and subj.lower_ not in ("that", "which", "who") and actorish(subj, ctx):
                return subj
    return None


def _verb_target_candidates(verb: Token, ctx: DocContext, depth: int) -> list[Token]:
    out: list[Token] = []
    obj = clauses.target_of_verb(verb)
    if obj is not None:
        hit = find_actorish(obj, ctx)
        if hit is not None:
            out.append(hit)
    for prep, p in clauses.prep_objects(verb, (*clauses.TARGET_PREPS, "from")):
        if prep in CIRCUMSTANCE_PREPS and p.pos_ == "NOUN" and triggers.match(p, ctx.lex)[0]:
            continue  # "lifted at the request of Merkel": who asked, not who the act touches
        hit = find_actorish(p, ctx)
        if hit is not None:
            out.append(hit)
    for c in verb.children:
        if c.dep_ == "ccomp" and _set_apart(c, verb):
            continue  # "Business leaders call for peace: Lukoil called for ...": a run-in heading
        if c.dep_ == "ccomp":  # "demanded that the US cancel": the one asked
            subj = clauses.own_subject(c) or next((g for g in c.children if g.dep_ == "nsubjpass"), None)
            if c.lemma_.lower() in ctx.lex.view_verbs:
                subj = None  # "warned that the administration believes ...": a view's holder, no target
            hit = find_actorish(subj, ctx) if subj is not None else None
            if hit is not None:
                out.append(hit)
            if depth > 0:  # "warned that Moscow would strike Kyiv": the one threatened
                out.extend(t for t in _verb_target_candidates(c, ctx, depth - 1) if t != hit)
        elif c.dep_ == "xcomp" and depth > 0:  # "agreed to provide aid to Romania"
            out.extend(_verb_target_candidates(c, ctx, depth - 1))
            for t in clauses.clause_tokens(c):  # "threatened to ban voting in X", "agreed to set up a centre in Y"
                if (t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and t.ent_type_ in ("GPE", "LOC")
                        and actorish(t, ctx)):
                    out.append(t)
    for c in verb.children:  # "threatened to stop talks if the United States goes ahead"
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
            subj = clauses.own_subject(c)
            if subj is not None and actorish(subj, ctx):
                out.append(subj)
    return out


#: prepositions of an act's circumstances: an act named in their phrase ("at the *request* of
#: X", "upon the *invitation* of Y") is what occasioned the verb's act; its actor is not the
#: verb's target
CIRCUMSTANCE_PREPS = frozenset({"at", "upon"})


def _set_apart(clause: Token, verb: Token) -> bool:
    """A clause before its verb and cut off from it by a colon ("Other business leaders call
    for peace: in March, Lukoil called for ..."): a heading or label run into the sentence,
    not the verb's complement."""
    if clause.i > verb.i:
        return False
    return any(t.text == ":" for t in clause.doc[clause.right_edge.i + 1:verb.i])


def verb_target(verb: Token, ctx: DocContext, source: Token | None, depth: int = COMPLEMENT_DEPTH) -> Token | None:
    """The first candidate of another country than the source's; else the first with a country;
    else the first ("Putin warned that Moscow would strike Kyiv": Kyiv, not Moscow).

    ``depth`` bounds the complements searched: a statement's target is its addressee or the
    subject its that-clause is about (depth 0), never a word deeper in what was said."""
    addressee = _addressee(verb, ctx) if depth == 0 else None
    if addressee is not None and addressee != source:
        return addressee
    cands = [t for t in _verb_target_candidates(verb, ctx, depth) if (source is None or t != source)
             and not (source is not None and t.i in range(source.left_edge.i, source.right_edge.i + 1))]
    source_actor = ctx.actor(source) if source is not None else None
    own = source_actor.country_code if source_actor is not None else None
    countries = [(t, a.country_code) for t in cands if (a := ctx.actor(t)) is not None and a.country_code]
    for t, code in countries:
        if code != own:
            return t
    if countries:
        return countries[0][0]
    return cands[0] if cands else None


def _addressee(verb: Token, ctx: DocContext) -> Token | None:
    """"asked him to clarify - that Belarus has received the weapons", "warned Moscow that
    ...": a statement or request made to someone and about something has that someone as
    its target, whatever country its that-clause names."""
    if not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)
    return obj if obj is not None and actorish(obj, ctx) else None


def _np_order(p: Token, deep: bool = True, meeting: bool = False) -> list[Token]:
    """The object's head and its name words first, possessors ("Russia's") and the rest after."""
    first = [p, *(c for c in p.children if c.dep_ in ("compound", "flat", "appos"))]
    for c in p.children:
        if c.dep_ == "prep" and c.lower_ == "of":  # "the city of Pokrovsk"
            first.extend(g for g in c.children if g.dep_ == "pobj")
    if not deep:
        return first
    # a clause on a meeting's object ("hosting talks *to try and break the deadlock over exports
    # from Ukraine*") says what the meeting is for, its topic: no word of it is where it is held
    inner = {t.i for c in p.subtree if c.dep_ in NOUN_CLAUSE_LINKS and c != p
             for t in c.subtree} if meeting else set()
    rest = [t for t in p.subtree if t not in first and t.i not in inner]
    return first + rest


#: links of a clause that modifies a noun (a relative clause, a participle or infinitive)
NOUN_CLAUSE_LINKS = frozenset({"relcl", "acl"})



def _place_tokens(trigger: Token, anchor: Token, verbal: bool = False, meeting: bool = False) -> list[Token]:
    """Tokens where the event's place may be named, nearest first. For a meeting
    (``meeting``), a phrase of what it is about ("talks *on the war in Ukraine*", "hosted a
    summit *on the crisis in Darfur*": ``TOPIC_PREPS``) names its topic, not where it is held."""
    out: list[Token] = []
    heads = [trigger] if trigger == anchor else [trigger, anchor]
    preps = tuple(p for p in PLACE_PREPS if not (meeting and p in TOPIC_PREPS))
    for h in heads:
        for c in h.children:
            if c.dep_ == "compound" and h.pos_ in ("NOUN", "PROPN"):
                out.append(c)
        for prep, p in clauses.prep_objects(h, preps):
            if prep == "of" and h.pos_ not in ("NOUN", "PROPN"):
                continue
            out.extend(_np_order(p, meeting=meeting))
    for c in trigger.children:  # "shelled Kharkiv", "captured the town of Vuhledar"
        if c.dep_ in ("dobj", "obj") and trigger.pos_ in ("VERB", "AUX"):
            found = _np_order(c, deep=not verbal, meeting=meeting)  # "downplayed the significance of X's..."
            if meeting:
                topic = {t.i for p in c.children if p.dep_ == "prep" and p.lower_ in TOPIC_PREPS
                         for t in p.subtree}
                found = [t for t in found if t.i not in topic]
            out.extend(found)
    # a place is named by a noun: "Russian" in "Russian troops" is a demonym, not a location;
    # nor is the name inside a modifier like "Moscow-controlled" (who controls, not where)
    return [t for t in out if t.pos_ in ("PROPN", "NOUN") and t.ent_type_ != "NORP" and not _controller(t)]


def _controller(tok: Token) -> bool:
    """'Moscow' in "Moscow-controlled territory", "Kremlin-backed": the name modifies a
    participle or adjective that modifies the noun."""
    return tok.dep_ == "npadvmod" and tok.head.dep_ == "amod" and tok.head.tag_ in ("VBN", "JJ")


#: prepositions of what a meeting is about ("talks on Ukraine", "a summit about the war",
#: "negotiations over the grain corridor"): its topic, which is neither its place nor its party
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})


def place(trigger: Token, anchor: Token, ctx: DocContext, plover_type: str = "") -> tuple[Place | None, TextSpan | None]:
    doc = ctx.doc
    verbal = plover_type in VERBAL_TYPES
    meeting = plover_type == "CONSULT"
    for t in _place_tokens(trigger, anchor, verbal, meeting):
        pl = ctx.place_at.get(t.i)
        if pl is not None:
            for m in pl.mentions:
                if m.span.start <= t.idx < m.span.end:
                    return pl, m.span
    for t in _place_tokens(trigger, anchor, verbal, meeting):  # no places layer: the parser's place names
        if t.ent_type_ in ("GPE", "LOC", "FAC") and ctx.country_in_words([t.text]) is None:
            ent = ctx.ent_at.get(t.i)
            if ent is not None:
                return None, TextSpan.of(doc.text, ent.start_char, ent.end_char)
    return None, None


def clause_chars(trigger: Token, anchor: Token) -> list[tuple[int, int]]:
    toks = clauses.clause_tokens(anchor)
    if trigger != anchor:
        toks += [t for t in trigger.subtree]
    elif trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head != trigger:
        toks += clauses.clause_tokens(trigger.head)  # "protests erupted on Tuesday": the verb's clause
    return [(t.idx, t.idx + len(t.text)) for t in toks]


def _inside(start: int, end: int, chars: list[tuple[int, int]]) -> bool:
    return any(s <= start < e or start <= s < end for s, e in chars)


def quantity_ids(doc: Doc, chars: list[tuple[int, int]]) -> list[str]:
    out = []
    for q in getattr(doc._, "nl_quantities", None) or []:
        if _inside(q.span.start, q.span.end, chars):
            out.append(q.id)
    return out


#: weekday names: a date written as a bare weekday is resolved in the direction of its tense
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: subordinators of a clause about a planned or expected act, read as future when its verb
#: is in the present tense ("if senators approve the bill on Tuesday")
FUTURE_MARKS = frozenset({"if", "when", "once", "unless", "until", "before"})
#: verbs of saying: "said on Tuesday" is past whatever its tense looks like
REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "report", "state", "add"})


def _future_clause(doc: Doc, start: int, end: int, schedule: bool = True) -> bool:
    """Is the clause a date expression sits in about the future ("will meet on Tuesday",
    "if they approve it on Tuesday", "next Tuesday")? With ``schedule``, a verb in the present
    simple counts ("the council meets on Tuesday"): a schedule for a weekday, but for a month
    it is as often the present of a news summary ("prices rally to a level not seen since
    March"). A date in a "since" phrase is past."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before == "next" or any(t.lower_ == "next" for t in span):
        return True
    if before == "last" or any(t.lower_ == "last" for t in span):
        return False
    verb = span.root
    for _ in range(clauses.MAX_CLIMB):
        if verb.pos_ in ("VERB", "AUX") and not _as_clause(verb) and not clauses.untensed_participle(verb):
            break  # "as expected on Tuesday": the clause it comments on
        if verb.head == verb:
            break
        verb = verb.head
        if verb.lower_ == "since" and verb.dep_ == "prep":
            return False  # "since the start of March": from a past date
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    from .modality import future

    if future(verb):
        return True
    matrix = _infinitive_matrix(verb)
    if matrix is not None:
        # "expects the rebels to withdraw in June", "would be in a position to expel them by
        # May": an infinitive's act lies after its matrix; a matrix now or to come puts it ahead
        return future(matrix) or (clauses.present_tense(matrix) and matrix.lemma_.lower() not in REPORTING_LEMMAS)
    if verb.lemma_.lower() in REPORTING_LEMMAS:
        return False
    # the present simple with a weekday is a schedule ("the council meets on Tuesday", "if they
    # approve it on Tuesday"); so is the present progressive ("is meeting on Tuesday")
    present = schedule and verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ == "aux" for c in verb.children)
    marked = verb.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ in FUTURE_MARKS for c in verb.children) \
        and not any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)
    going = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in verb.children)
    return present or marked or going


#: links from a "to"-infinitive to the verb or noun it completes ("expects them to withdraw",
#: "a position to expel")
INFINITIVE_LINKS = frozenset({"xcomp", "ccomp", "acl", "relcl"})


def _infinitive_matrix(verb: Token) -> Token | None:
    """The verb a "to"-infinitive depends on, directly or through the noun it completes
    ("in a position to expel": "be")."""
    if verb.dep_ not in INFINITIVE_LINKS or not clauses.to_infinitive(verb):
        return None
    head = verb.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    return clauses.governing_verb(head)


def _as_clause(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "than") for c in verb.children)


#: month names and their short forms: a month written without its year is resolved, like a
#: weekday, in the direction of its clause's tense
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})


def _year_later(value: str) -> str | None:
    """``value`` (YYYY-MM or YYYY-MM-DD) one year later; ``None`` for a 29 February with no
    match in the next year."""
    year, rest = int(value[:4]), value[4:]
    later = f"{year + 1:04d}{rest}"
    if len(later) == 10:
        try:
            dt.date.fromisoformat(later)
        except ValueError:
            return None
    return later


def directed_date(doc: Doc, t: TimeExpression) -> str | None:
    """The time layer resolves a bare weekday, or a month (with or without its day) written
    without its year, to the one before publication; in a future-tense clause it is the one
    after it ("will meet on Thursday", "will launch an offensive in May"). In a text that has
    already written an earlier year, a month without its year is told in that year's time
    (``narrative_year``)."""
    value = t.value
    if not (value and t.anchor):
        return value
    words = [w.strip(".,").lower() for w in t.span.text.split()]
    if (len(value) == 10 and value < t.anchor[:10]
            and any(w in WEEKDAYS for w in words) and not any(ch.isdigit() for ch in t.span.text)
            and _future_clause(doc, t.span.start, t.span.end)):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=7)).isoformat()
    if (len(value) in (7, 10) and value < t.anchor[:len(value)] and any(w in MONTHS for w in words)
            and not any(len(w) == 4 and w.isdigit() for w in words)  # the year is not written
            and _future_clause(doc, t.span.start, t.span.end, schedule=False)):
        return _year_later(value) or value
    return narrative_year(doc, t) or value


#: a year as written in a date ("2014", "March 16, 2014", "February 2022")
YEAR_WORD = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")


def _adverbial(doc: Doc, start: int, end: int) -> bool:
    """Does the date expression at ``start``-``end`` date a verb's clause ("took place on
    March 16, 2014", "In 1938, a trick was performed"), rather than modify a noun?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    return root.dep_ in ("pobj", "npadvmod", "advmod", "nmod") and head.pos_ in ("VERB", "AUX")


def narrative_year(doc: Doc, t: TimeExpression) -> str | None:
    """A month or a day of a month written without its year ("on March 17", "in May"), which
    the time layer resolves from the publication, is told in the time of the story when the
    text last dated a clause by a written, earlier year ("The vote took place on March 16,
    2014. ... Already on March 17, Russia recognised ..."): HeidelTime's reference time of a
    narrative. Any other date (a weekday, "last week", "now") brings the text back to the
    publication's time. ``value`` in the story's year, or None where the rule does not apply."""
    return _story_dates(doc).get(t.span.start)


def _story_dates(doc: Doc) -> dict[int, str]:
    """Start of each year-less month date -> its value in the story's year, where that
    differs from the time layer's; read once per document, in the order of the text."""
    key = "nl_events_story_dates"
    if key in doc.user_data:
        return dict(doc.user_data[key])
    out: dict[int, str] = {}
    year: int | None = None  # the year the text last dated a clause by, if earlier than now
    for t in getattr(doc._, "nl_times", None) or []:
        if not t.value or t.kind not in (*DATED_KINDS, "relative"):
            continue
        written = YEAR_WORD.search(t.span.text)
        if written is not None:
            if _adverbial(doc, t.span.start, t.span.end):  # "took place on March 16, 2014"
                year = int(written.group(1))
            continue  # "its 2014 annexation": another event's name, not the story's time
        if _yearless_month(t):
            if year is not None and year < int(t.value[:4]):
                story = f"{year:04d}{t.value[4:]}"
                try:
                    if len(story) == 10:
                        dt.date.fromisoformat(story)
                    out[t.span.start] = story
                except ValueError:
                    pass
            continue
        year = None  # "on Friday", "last week", "now": the publication's time again
    doc.user_data[key] = out
    return dict(out)


def _yearless_month(t: TimeExpression) -> bool:
    """A month, or a day of it, written without a year or weekday and resolved backwards
    from the publication ("on March 17", "in May")."""
    value, anchor = t.value or "", t.anchor or ""
    if len(value) not in (7, 10) or not anchor or value > anchor[:len(value)]:
        return False
    words = [w.strip(".,").lower() for w in t.span.text.split()]
    return any(w in MONTHS for w in words) and not any(w in WEEKDAYS for w in words)


#: subordinators of a clause of time that happens together with its matrix ("prices rose last
#: year when Russia cut its gas supplies"): undated, its act takes the matrix clause's date.
#: Not "after", "before", "since" or "until", whose act lies on one side of the matrix's time.
SIMULTANEITY_MARKS = frozenset({"when", "as", "while"})


def simultaneous_time(anchor: Token) -> list[tuple[int, int]]:
    """Where to read the time a clause of simultaneity shares: the clause of its matrix verb
    (an adverbial clause opened by one of ``SIMULTANEITY_MARKS``, "when" also as the parser's
    adverb), or the time noun a "when" clause hangs on ("last year when Russia cut ...", a
    relative clause of "year"); none for any other clause."""
    if anchor.dep_ not in ("advcl", "relcl", "acl") or anchor.head == anchor:
        return []
    if free_participle(anchor):  # "... was exercised at the referendum of 1991, supporting X"
        return clause_chars(anchor.head, anchor.head)
    if anchor.dep_ == "acl" and anchor.tag_ == "VBG":  # "voted last year for a resolution condemning X"
        verb = clauses.governing_verb(anchor.head)
        if verb is not None:
            return clause_chars(verb, verb)
    if not any(c.dep_ in ("mark", "advmod") and c.i < anchor.i and c.lower_ in SIMULTANEITY_MARKS
               for c in anchor.children):
        return []
    head = anchor.head
    if anchor.dep_ == "advcl":
        return clause_chars(head, head)
    inner = {t.i for t in anchor.subtree}
    return [(t.idx, t.idx + len(t.text)) for t in head.subtree if t.i not in inner]


def complement_time(anchor: Token, modality: str) -> list[tuple[int, int]]:
    """Where to read the time of an act told as done in a "to"-complement ("the Senate voted
    on Tuesday to approve the aid", "managed on Friday to repel the attack"): its matrix's
    clause, as the act was done when the matrix's was; and of an act reported in the
    that-clause of a dated verb of saying ("the army said on Monday that Russian forces shelled
    Kharkiv"): the day it was told, by which it was done (nearer than the publication's). Not
    for an act only promised, planned or asked for ("pledged on Monday to send troops":
    hypothetical), which lies ahead."""
    if modality not in ("asserted", "reported") or anchor.head == anchor:
        return []
    head = anchor.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    if anchor.dep_ == "ccomp" and head.lemma_.lower() in REPORTING_LEMMAS:
        pass  # "the army said on Monday that Russian forces shelled Kharkiv": told that day, done by then
    elif anchor.dep_ != "xcomp":
        return []
    inner = {t.i for t in anchor.subtree}
    return [(t.idx, t.idx + len(t.text)) for t in clauses.clause_tokens(head) if t.i not in inner]


def free_participle(verb: Token) -> bool:
    """A participle adjunct with neither subordinator nor subject of its own ("the right was
    exercised in 1991, *supporting* the independence of Ukraine"): its act is told at the time
    of the clause it hangs on."""
    return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass", "aux") for c in verb.children))


def told_in_history(doc: Doc, trigger: Token, anchor: Token, published: str | None, days: int) -> bool:
    """An act the text does not date, told in the past after a date of its paragraph that is
    history (over ``days`` before publication): the paragraph narrates that time ("The vote
    took place on March 16, 2014. Activists were beaten and kidnapped."), and so does the act;
    it is history retold, not the story's news. A date in a relative clause or a participle
    of a noun that does not hold the act ("Russia, which annexed Crimea in 2014, ...") dates
    that clause only; an act in the present or the perfect is told from now."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else clauses.governing_verb(anchor)
    if verb is None or not clauses.past_form(verb):
        return False
    sent = trigger.sent
    para = doc.text.rfind("\n", 0, sent.start_char) + 1
    last = None
    for t in getattr(doc._, "nl_times", None) or []:
        if (t.kind in DATED_KINDS and t.value and para <= t.span.start and t.span.end <= trigger.idx
                and not _other_clause(doc, t, trigger)):
            last = t
    return last is not None and background(directed_date(doc, last), published, days)


def recalled(anchor: Token) -> bool:
    """Is the act inside what a verb of recalling has its subject bring back to mind ("He
    recalled that Belarus hosted several rounds of talks", "the newspaper reminds that the EU
    froze the assets", "I reminded her that Brazil voted for the resolution condemning ...":
    ``head.recall``)? Told as memory, undated, it is background to the story, not its news.
    Only through a that-clause told in the past: "reminded Russia to withdraw", "reminded
    them that they must withdraw" ask for an act."""
    verbs = occurrence_cues().get("head.recall", frozenset())
    tok = anchor
    for _ in range(clauses.MAX_CLIMB * 2):
        if tok.head == tok:
            return False
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in verbs:
            # told in the past or the perfect; "reminded them that they must withdraw": a demand
            return clauses.past_form(tok) or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)
        tok = tok.head
    return False


def promised_in_history(doc: Doc, anchor: Token, published: str | None, days: int) -> bool:
    """An undated act whose "to"-complement is dated as history ("The US agreed to send 31
    tanks to Ukraine in January 2023", told in 2024): what was promised, decided or planned
    for a time long past was promised before it, so the act itself is history too."""
    for c in anchor.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            value, basis = date(doc, clause_chars(c, c))
            if basis == "text" and background(value, published, days):
                return True
    return False


def pluperfect(anchor: Token) -> bool:
    """An act in the past perfect ("Girkin had been criticising Putin", "the army had taken
    the town") lies before the past time the text tells of: background to it. Not where the
    past perfect is the backshifted tense of a clause reported in the past ("said that Russian
    forces had shelled Kharkiv"), which is the report's news."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else clauses.governing_verb(anchor)
    if verb is None or not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    head = verb
    for _ in range(clauses.MAX_CLIMB):
        if head.dep_ not in ("conj", "ccomp", "xcomp", "advcl") or head.head == head:
            break
        head = head.head
        if head.tag_ == "VBD" or clauses.past_form(head):
            return False  # "said that ... had shelled": backshift
    return head != verb or verb.dep_ == "ROOT"


def _other_clause(doc: Doc, t: TimeExpression, trigger: Token) -> bool:
    """Is the date inside a clause that modifies a noun and does not hold ``trigger``?"""
    span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    if span is None:
        return True
    tok = span.root
    for _ in range(clauses.MAX_CLIMB):
        if tok.dep_ in NOUN_CLAUSE_LINKS and trigger not in tok.subtree:
            return True
        if tok.head == tok:
            break
        tok = tok.head
    return False


#: links of a time adverbial set before its verb ("In 2015, Ukraine held elections ...")
FRONTED_TIME_LINKS = frozenset({"prep", "npadvmod", "advmod"})


def coordinated_time(anchor: Token) -> list[tuple[int, int]]:
    """Where to read the time a verb coordinated with an earlier one shares: the time
    adverbials fronted before the first conjunct ("In 2015, Ukraine held elections, liberated
    part of the oblast and forced Russia back": a fronted adverbial scopes over the whole
    coordination). One after the first verb ("attacked in May and withdrew") is that verb's
    own, and is not shared."""
    if anchor.dep_ != "conj" or anchor.pos_ not in ("VERB", "AUX"):
        return []
    first = anchor
    for _ in range(clauses.MAX_CLIMB):
        if first.dep_ != "conj" or first.head == first:
            break
        first = first.head
    if first.pos_ not in ("VERB", "AUX"):
        return []
    return [(t.idx, t.idx + len(t.text)) for c in first.children
            if c.dep_ in FRONTED_TIME_LINKS and c.i < first.i for t in c.subtree]


#: links of an adverbial of aspect on the verb ("still", "so far", "until now", "previously")
ASPECT_LINKS = frozenset({"advmod", "prep", "npadvmod"})


def habitual(anchor: Token) -> bool:
    """Is the act on ``anchor`` (the event's clause verb, or the verb governing an event noun)
    habitual or iterated: an adverb of frequency (``adv.habitual``: "has repeatedly accused",
    "routinely shells"), "times" counted vaguely ("talked to them many times"), or a
    "throughout" phrase spreading it over a period ("opposed X throughout the Cold War")?
    Such a statement aggregates occurrences it does not tell apart: none of them to count."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else clauses.governing_verb(anchor)
    if verb is None:
        return False
    extra = occurrence_cues()
    aspect = extra.get("adv.ongoing", frozenset()) | extra.get("adv.anterior", frozenset())
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "advmod" and low in extra.get("adv.habitual", ()):
            return True
        if c.dep_ in ASPECT_LINKS and " ".join(t.lower_ for t in c.subtree) in aspect and not (
                low == "still" and verb.tag_ == "VBD"):  # "still managed to": concessive, not continuative
            return True  # "is still gathering troops", "has so far frozen", "has previously found"
        if c.dep_ in ("npadvmod", "advmod", "dobj") and c.lemma_.lower() == "time" and c.tag_ == "NNS" and any(
                g.lower_ in extra.get("quant.habitual", ()) for g in c.children if g.dep_ in ("amod", "nummod", "det")):
            return True
        if c.dep_ == "prep" and low in extra.get("prep.habitual", ()) and any(
                _period(g) for g in c.children if g.dep_ == "pobj"):
            return True
    if persistent_perfect(verb):
        return True  # "has long supported Kyiv", "has backed Ukraine since the start of the war"
    if free_participle(verb) and verb.head.pos_ in ("VERB", "AUX") and habitual(verb.head):
        return True  # "is still gathering troops, expressing threats": the adjunct shares its aspect
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ in SIMULTANEITY_MARKS
            for c in verb.children) and habitual(verb.head):
        # "was evident throughout the Cold War, as the United States opposed the Soviet Union":
        # a clause of simultaneity shares its matrix's time, and so its spread over a period
        return True
    # "the court has previously found that the army executed prisoners": what it found then
    return verb.dep_ == "ccomp" and any(c.dep_ == "advmod" and c.lower_ in extra.get("adv.anterior", ())
                                        for c in verb.head.children)


def persistent_perfect(verb: Token) -> bool:
    """Is ``verb`` a perfect of persistent situation: a perfect ("has", "have", "had") with an
    adverbial of duration (``adv.persistent``, ``prep.persistent`` in ``occurrence_cues.tsv``:
    "has *long* opposed", "has backed Ukraine *since the start of the war*", "has been sending
    ammunition *for months*")? It tells a state or a series of acts lasting up to then, not one
    occurrence (Comrie 1976). "for" needs a length of time ("for two years"; not "for the first
    time", an ordinal)."""
    if not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    extra = occurrence_cues()
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "advmod" and low in extra.get("adv.persistent", ()):
            return True
        if c.dep_ != "prep" or low not in extra.get("prep.persistent", ()):
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if low != "for":
            if objs:
                return True
            continue
        if any(g.ent_type_ == "DATE" and not any(t.ent_type_ == "ORDINAL" for t in g.subtree) for g in objs):
            return True
    return False


#: PLOVER types of material acts (force, coercion, movement of forces, aid, sanctions, protest),
#: whose simple present is habitual or generic; an act of saying in the present ("Kyiv
#: accuses", "Russia denies") is the reporting convention of news and stays an occurrence
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "SANCTION", "PROTEST"})
#: what a sentence that is no heading ends with
SENTENCE_ENDS = frozenset({".", "!", "?"})


def habitual_present(trigger: Token, plover_type: str) -> bool:
    """Is the event a material act told by a verb in the simple present ("Ukrainians attack
    the Russians", "the army shells the town every night"; no auxiliary) outside a heading?
    With a dynamic verb the English simple present is habitual or generic (Comrie 1976), not
    one occurrence: news tells its occurrences in the past, the perfect or the progressive. A
    heading does use it for the news ("Russia shells Kharkiv"), so the text's first sentence
    and a sentence with no final stop are left alone; so are acts of saying, told in the present
    by convention (``MATERIAL_TYPES``)."""
    if plover_type not in MATERIAL_TYPES:
        return False
    return _simple_present_outside_heading(trigger)


def _simple_present_outside_heading(trigger: Token) -> bool:
    """Is ``trigger`` a verb in the simple present (no auxiliary) in a sentence that is no
    heading (not the text's first sentence, and ending with a final stop)?"""
    if trigger.pos_ != "VERB" or trigger.tag_ not in clauses.PRESENT_TAGS:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in trigger.children):
        return False
    return _outside_heading(trigger)


def _outside_heading(trigger: Token) -> bool:
    """Is ``trigger`` in a sentence that is no heading (not the text's first sentence, and
    ending with a final stop)?"""
    sent = trigger.sent
    if sent.start == 0:
        return False
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "'", "”", "’", ")")), None)
    return last is not None and last.text in SENTENCE_ENDS


#: PLOVER types that name a position as well as an act: backing (SUPPORT), opposing or
#: refusing (REJECT), demanding (REQUEST). Told in the simple present by the text itself,
#: they state a position held, not one act of the day
STANCE_TYPES = frozenset({"SUPPORT", "REJECT", "REQUEST"})


#: first-person subjects: "we call on Russia to withdraw" in a statement is performative, the
#: utterance that is the act
FIRST_PERSON = frozenset({"we", "i"})


def standing_position(trigger: Token, plover_type: str, modality: str,
                      speech_verbs: frozenset[str] = frozenset()) -> bool:
    """Is the event a position the text itself states its actor holds ("Ukraine demands that
    Russia withdraw its troops as a condition for talks", "Hungary opposes the sanctions"):
    a stance type (``STANCE_TYPES``) told by a verb in the simple present, asserted by the
    text (not reported from a speaker or a document), outside a heading? PLOVER codes
    occurrences, and a stative reading of such a verb's present is a standing position, a
    state with no date (the rubric's "standing stance or demand"). Left alone: a source's own
    present ("according to the resolution, the Senate supports ..."), which reports what the
    source did; a heading, which uses the present for the news; a verb of saying
    (``speech_verbs``: "he adds that the army must ...", "the authorities deny the reports"),
    which news tells in the present by convention; and a first-person subject ("we call on
    Russia to ..." in a statement), a performative whose utterance is the act."""
    if plover_type not in STANCE_TYPES or trigger.lemma_.lower() in speech_verbs:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in FIRST_PERSON for c in trigger.children):
        return False
    return modality == "asserted" and _simple_present_outside_heading(trigger)


#: entity types of a phrase naming a period of time ("throughout 2023", "throughout the Cold War")
PERIOD_ENTS = frozenset({"DATE", "TIME", "EVENT"})


def _period(noun: Token) -> bool:
    """A noun naming a period, not a place: a date or named event, or a durative state
    (``generic.durative``: "throughout the war"); "throughout the region" spreads an act
    over space, which is no habit."""
    return noun.ent_type_ in PERIOD_ENTS or noun.lemma_.lower() in durative_nouns()


def period_end(value: str) -> dt.date | None:
    """The last day of a date value as the time layer writes it: a year ("2014"), a month
    ("2014-03"), an ISO week ("2024-W15") or a day; None for anything else."""
    try:
        if "-W" in value:
            y, w = value.split("-W")
            return dt.date.fromisocalendar(int(y), int(w[:2]), 7)
        if len(value) == 4:
            return dt.date(int(value), 12, 31)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def background(value: str | None, published: str | None, days: int) -> bool:
    """Is an act the text dates (``value``) over by more than ``days`` days before the
    publication date: a retrospective mention, not the story's news?"""
    end = period_end(value) if value else None
    if end is None or not published:
        return False
    try:
        pub = dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return False
    return (pub - end).days > days


def date(doc: Doc, chars: list[tuple[int, int]]) -> tuple[str | None, str]:
    for t in getattr(doc._, "nl_times", None) or []:
        if t.kind in DATED_KINDS and t.value and _inside(t.span.start, t.span.end, chars):
            return directed_date(doc, t), "text"
    published = getattr(doc._, "nl_published", None)
    if published:
        return str(published)[:10], "published"
    return None, "none"


def place_actor(pl: Place | None, span: TextSpan | None, ctx: DocContext, tok: Token | None) -> EventActor | None:
    """A place approached or held, as the target of a territorial event."""
    if tok is not None:
        actor = ctx.actor(tok)
        if actor is not None:
            return actor
    if span is None:
        return None
    code = ctx.country_in_words(span.text.split())  # the name itself first: "Montenegro"
    if code is None and pl is not None and pl.country_code and pl.confidence >= ctx.min_place_confidence:
        cc = pl.country_code.upper()
        code = ctx.lex.alpha2_to_alpha3.get(cc)
    if code is None:  # a capital's country is known whatever the places layer's doubt: "Athens'"
        code = ctx.lex.capitals.get(span.text.lower().removesuffix("'s").rstrip("'’"))
    return EventActor(span=span, name=pl.name if pl else span.text, entity_id=pl.entity_id if pl else None,
                      country_code=code, sector=None)
