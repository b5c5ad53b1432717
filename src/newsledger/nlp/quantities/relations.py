"""What a figure counts or measures, read off the dependency parse.

Given the tokens of a figure, find the counted noun ("seven *fronts*"), the attribute it is
the value of ("pre-war *population* of 50,000"), the thing measured ("square kilometers of
*land*"), the places, entities and actors related to it, and whether it is a change
("rose 5%").
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import lexicon

#: tokens between a number and the noun it counts ("eight top al-Qaeda leaders": 4)
MAX_NOUN_GAP = 6
#: prepositions whose objects are kept as related things ("in Kursk", "from Pokrovsk")
RELATED_PREPS = frozenset(["of", "in", "from", "to", "near", "around", "at", "on", "into", "for", "across", "inside", "outside", "along"])
#: dependency labels of a number that modifies the noun it counts
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "det"})
#: the name of the measured dimension, for the "measures" text
DIMENSION_NAMES = {
    "area": "area",
    "length": "length",
    "mass": "mass",
    "volume": "volume",
    "currency": "amount",
    "percent": "share",
    "speed": "speed",
    "duration": "time",
    "age": "age",
    "power": "power",
    "energy": "energy",
    "temperature": "temperature",
    "fraction": "share",
}
#: irregular past participles for "held by the Ukrainian army"; regular verbs add -ed
IRREGULAR_PARTICIPLES = {
    "hold": "held", "take": "taken", "lose": "lost", "win": "won", "keep": "kept",
    "seize": "seized", "give": "given", "get": "got", "make": "made", "build": "built",
    "send": "sent", "spend": "spent", "leave": "left", "shoot": "shot", "bring": "brought",
    "buy": "bought", "sell": "sold", "pay": "paid", "find": "found", "fly": "flown",
    "set": "set", "put": "put", "cut": "cut", "hit": "hit", "cost": "cost", "shut": "shut",
    "spread": "spread", "raise": "raised", "see": "seen", "show": "shown", "hold up": "held up",
    "kidnap": "kidnapped", "drop": "dropped", "stop": "stopped", "ship": "shipped",
    "plan": "planned", "commit": "committed", "control": "controlled", "patrol": "patrolled",
    "slay": "slain", "flee": "fled", "shoot down": "shot down", "go": "gone",
}
#: subjects that are the count itself, not an actor ("the death toll rose to 200")
TOLL_SUBJECTS = frozenset({"toll", "number", "count", "tally", "total", "figure"})
LIGHT_VERBS = frozenset({"be", "have", "manage", "say", "report", "add", "tell", "include"})


@dataclass
class Reading:
    head: Token | None = None
    measures: str | None = None
    related: list[tuple[str, Span]] = field(default_factory=list)
    verb: Token | None = None
    subject: Span | None = None
    implied_unit: str | None = None
    implied_type: str | None = None
    rate_per: str | None = None  # "day" for "1,000 troops each day"


def noun_phrase(tok: Token, with_preps: bool = False) -> Span:
    """The compact phrase of a noun: its determiners, modifiers and compounds."""
    doc = tok.doc
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "case", "punct"):
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("case",) or (with_preps and c.dep_ == "prep" and c.lower_ in RELATED_PREPS):
            right = max(right, c.right_edge.i)
    while left < tok.i and doc[left].dep_ in ("det",) and doc[left].lower_ in ("a", "an", "the"):
        left += 1
    return doc[left:right + 1]


def _countable(tok: Token) -> bool:
    """A noun that can be counted: common nouns, and plural names of people ("Palestinians")."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and (tok.tag_ == "NNPS" or tok.ent_type_ == "NORP"))


def counted_noun(doc: Doc, num: Span) -> Token | None:
    """The noun a bare number counts: "24 *people*", "dozens of *people*", "one of the *students*"."""
    last = num[-1]
    if num.end < len(doc) and doc[num.end].lower_ == "of":
        for c in doc[num.end].children:
            if c.dep_ == "pobj":
                if c.like_num or c.lower_ in lexicon().vague:
                    return counted_noun(doc, doc[c.i:c.i + 1])
                if c.pos_ in ("NOUN", "PROPN", "PRON"):
                    return c if c.pos_ != "PRON" else None
    head = last.head
    if (
        last.dep_ in NUMBER_DEPS
        and head.i > last.i
        and _countable(head)
        and head.i - num.end < MAX_NOUN_GAP
    ):
        nxt = doc[num.end] if num.end < len(doc) else None
        if (  # "a 3 cylinder engine", "the 12 page document": the compound is counted
            nxt is not None and last.like_num and nxt.i != head.i and nxt.dep_ == "compound" and nxt.head.i == head.i
            and nxt.tag_ == "NN" and head.tag_ == "NN"
        ):
            return nxt
        return head
    if num.end < len(doc) and _countable(doc[num.end]) and doc[num.end].dep_ != "npadvmod":
        return doc[num.end]
    up = head  # "40 Shahed-136 drones": through the model name to the noun it modifies
    for _ in range(3):
        if up.head.i == up.i or up.head.i <= up.i or up.head.i - num.end >= MAX_NOUN_GAP:
            break
        up = up.head
        if _countable(up) and up.pos_ == "NOUN":
            return up
    for tok in doc[num.end:min(len(doc), num.end + MAX_NOUN_GAP)]:
        # "40 Shahed-136 drones" parsed as two objects: the first plural noun after the
        # number, past a model name, when nothing else stands between
        if tok.pos_ == "NOUN" and tok.tag_ == "NNS":
            return tok
        if tok.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "DET", "NOUN") or (tok.is_punct and tok.text != "-"):
            break
    return None


#: dependency labels through which a figure belongs to a subject or an apposition, so the
#: clause's verb says nothing about it ("Pokrovsk, a hub with a population of 50,000, holds")
DETACHED_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "csubj"})


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` of which the figure is an object or complement."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i or cur.dep_ in DETACHED_DEPS:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def subject_of(verb: Token) -> Token | None:
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            return None
        for c in cur.children:
            if (c.dep_ in ("nsubj", "nsubjpass", "expl") and c.pos_ != "PRON") or c.dep_ == "nsubj":
                return c
        # not through "ccomp": the one who says a figure ("officials said 300 were killed")
        # is its source, never its actor
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and cur.head.i != cur.i:
            if cur.dep_ in ("acl", "relcl"):
                return cur.head
            cur = cur.head
        else:
            return None
    return None


def agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def participle(verb: Token) -> str:
    if verb.tag_ == "VBN":
        return verb.lower_
    lemma = verb.lemma_.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


#: words before "of" that make a length a distance: "20 km north of Kyiv", "10 miles short of"
DIRECTION_WORDS = frozenset(
    ["short", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outside", "inside"]
)
#: how many tokens after a length to look for "from X" / "north of X"
DISTANCE_LOOKAHEAD = 4
#: prepositions that make a length governed by them a radius around what follows "of":
#: "within 10 km of Pokrovsk", "to within 5 miles of the city"
PROXIMITY_PREPS = frozenset({"within"})
#: words right after a length saying that something lies that far off, with no "from X" or
#: "of X" after them: "Pokrovsk lies 10 km away", "Kiev, located 56 miles south"
AWAY_WORDS = frozenset({"away", "off", "distant", "north", "south", "east", "west",
                        "northeast", "northwest", "southeast", "southwest"})
#: verbs of position (a closed class): with them a length says where something is ("lies 10
#: km away"); with a verb of motion it says how far something went ("advanced 20 miles south")
POSITION_VERBS = frozenset({"be", "lie", "locate", "situate", "sit", "stand", "base", "station", "remain", "stay"})


def _distance_target(doc: Doc, fig_span: Span) -> Token | None:
    """"10 kilometers from Pokrovsk", "20 miles short of Kharkiv": the place measured to."""
    i, end = fig_span.end, min(len(doc), fig_span.end + DISTANCE_LOOKAHEAD)
    radius = fig_span.root.dep_ == "pobj" and fig_span.root.head.lower_ in PROXIMITY_PREPS
    while i < end:
        tok = doc[i]
        if tok.text == "(":  # "20km (12 miles) from the border": skip the conversion
            close = next((t.i for t in doc[i:min(len(doc), i + 8)] if t.text == ")"), None)
            if close is None:
                return None
            i, end = close + 1, min(len(doc), close + 1 + DISTANCE_LOOKAHEAD)
            continue
        i += 1
        if (tok.is_punct and tok.text != "-") or tok.pos_ in ("VERB", "AUX"):
            return None
        prev = doc[tok.i - 1].lower_.split("-")[-1]
        if tok.lower_ in ("from", "outside", "off") or (tok.lower_ == "of" and (prev in DIRECTION_WORDS or radius)):
            return next((c for c in tok.children if c.dep_ == "pobj"), None)
    return None


def _object_of(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is the direct object of ``verb``, or a conjunct of it ("lost 24,000
    soldiers, more than 1,000 tanks and 500 artillery systems")."""
    tok = noun
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "dobj" and tok.head.i == verb.i


def _located(doc: Doc, fig_span: Span) -> Token | None:
    """What lies a length away when the clause says so without naming a point to measure
    from ("Pokrovsk lies 10 km away", "Kiev, located 56 miles south"): the subject of the
    figure's clause, or the noun its participle or relative clause describes."""
    nxt = doc[fig_span.end] if fig_span.end < len(doc) else None
    if nxt is None or nxt.lower_ not in AWAY_WORDS:
        return None
    after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ("of", "from"):
        return None  # "10 km north of Kyiv": measured to Kyiv (see _distance_target)
    verb = governing_verb(fig_span.root)
    if verb is None or verb.lemma_.lower() not in POSITION_VERBS:
        return None
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)


def _described(fig_span: Span) -> Token | None:
    """The noun a length stands in apposition to ("Millerovo airfield, 16 miles from the
    border"): what lies that far from the place measured to."""
    root = fig_span.root
    if root.dep_ == "appos" and root.head.i < root.i and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    doc = fig_span.doc
    # the small model hangs the measure on "from" ("npadvmod") and "from" on a noun further
    # back: the apposition is the noun right before the comma
    if root.dep_ == "npadvmod" and fig_span.start >= 2 and doc[fig_span.start - 1].text == ",":
        noun = doc[fig_span.start - 2]
        if noun.pos_ in ("NOUN", "PROPN"):
            return noun
    return None


def _named_by_apposition(tok: Token) -> Token:
    """"Bakhmut, a mining town with ...": the name before the comma, when the parse missed
    the apposition."""
    if tok.pos_ != "NOUN":
        return tok
    left = noun_phrase(tok).start
    det = tok.doc[left - 1] if left >= 1 else None
    if det is not None and det.lower_ in ("a", "an", "the"):
        left -= 1
    name = tok.doc[left - 2] if left >= 2 else None
    if name is not None and tok.doc[left - 1].text == "," and (name.pos_ == "PROPN" or name.ent_type_):
        return tok.doc[left - 2]
    return tok


class _Skipped:
    """Token indices a figure's reading skips: its own and the document's other figures and
    times, looked up in each set rather than copied into one. Copying the document's set for
    every figure made the layer quadratic in the figures of a document (a text of 200,000
    figures never finished)."""

    def __init__(self, *sets: Container[int]) -> None:
        self.sets = sets

    def __contains__(self, i: object) -> bool:
        return any(i in s for s in self.sets)

    def __or__(self, other: Container[int]) -> _Skipped:
        return _Skipped(*self.sets, other)


def _preps(tok: Token, skip: Container[int]) -> list[tuple[str, Token]]:
    """Prepositional objects of ``tok``, leaving out those that hold a number ("in the
    first six months", "to 8.9%"): those are figures or times in their own right."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in RELATED_PREPS and c.i not in skip:
            for g in c.children:
                if g.dep_ == "pobj" and not any(t.like_num or t.i in skip for t in g.subtree):
                    out.append((c.lower_, g))
    return out


#: prepositions of the verb a count is the subject of that say where it was
SUBJECT_PLACE_PREPS = frozenset({"in", "near", "at", "to", "into", "along", "on", "across", "around", "inside"})
#: prepositions of the verb a figure is the object of that say where it is or goes ("gathered
#: 120,000 soldiers at the border", "deploy 3,000 troops to Romania")
VERB_PLACE_PREPS = frozenset({"in", "near", "from", "to", "inside", "at", "into", "along", "around"})


#: prepositions whose object is where a thing is only when the object is a possessed place
#: ("massed 100,000 troops *on its southern border*", "on Ukraine's border"); otherwise "on"
#: is rarely a place ("put 8,500 troops on heightened preparedness")
POSSESSED_PLACE_PREPS = frozenset({"on"})


def possessed_place(prep: str, obj: Token) -> bool:
    """A place named as its possessor's ("on its southern border"): the clause's place is a
    part of the possessor, whoever that is, and never a place merely near the figure."""
    return prep in POSSESSED_PLACE_PREPS and any(c.dep_ == "poss" for c in obj.children)


def subject_clause(noun: Token, busy: Container[int]) -> tuple[Token, list[tuple[str, Span]]] | None:
    """The verb a counted noun is the subject of ("150,000 troops *massed* near the border"),
    with the places its prepositions name, or None."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ != "VERB":
        return None
    verb = noun.head
    skip = _Skipped(busy)
    return verb, [(p, noun_phrase(o)) for p, o in _preps(verb, skip) if p in SUBJECT_PLACE_PREPS]


def change_of(fig_root: Token, negative: bool, dimension: str | None) -> str | None:
    """"up"/"down" when the figure is the amount of a rise or fall ("rose 5%", "down 1%")."""
    verbs = lexicon().change_verbs
    tok = fig_root
    if tok.dep_ == "pobj" and tok.head.lower_ in lexicon().qualifiers:
        tok = tok.head  # "rose under 4%": the qualifier parsed as a preposition
    if tok.dep_ == "pobj" and tok.head.lower_ == "by":
        tok = tok.head
    elif tok.dep_ == "pobj":
        return None  # "rose to 50", "fell from 10": the level, not the change
    head = tok.head
    if tok.dep_ in ("dobj", "npadvmod", "prep", "advmod", "attr", "nummod", "quantmod") and head.i != tok.i:
        word = head.lemma_.lower() if head.pos_ in ("VERB", "ADV", "ADP") else ""
        if word in verbs:
            return verbs[word]
    for c in tok.children:  # "up 9.4 per cent": the adverb is a child of the figure
        after = tok.doc[c.i + 1].lower_ if c.i + 1 < len(tok.doc) else ""
        if c.lower_ in ("up", "down") and c.i < tok.i and after != "to":  # not "up to"
            return verbs[c.lower_]
    if negative and dimension == "percent":
        return "down"
    return None


#: how many tokens after a figure (and its counted noun) a rate may start: "1,000 Russian
#: troops each day" (0), "20,000 shells at the front every day" (3)
RATE_LOOKAHEAD = 4


def _rate_word(tok: Token) -> str | None:
    """The period of a rate phrase led by ``tok``: "each day", "per week", "a month", "daily"."""
    from .detect import rate_words

    words = rate_words()
    doc = tok.doc
    entry = words.get(tok.lower_)
    if entry is None:
        return None
    if entry[1] == "adverb":
        return entry[0]
    if entry[1] != "marker" or tok.i + 1 >= len(doc):
        return None
    if tok.lower_ != "per" and tok.i > 0 and doc[tok.i - 1].pos_ == "ADP":
        return None  # "killed 12 in a day", "within a week": one period, not a rate
    nxt = words.get(doc[tok.i + 1].lower_)
    if nxt is None or nxt[1] != "period":
        return None
    after = doc[tok.i + 2].lower_ if tok.i + 2 < len(doc) else ""
    if after in ("earlier", "later", "ago", "before", "after", "into", "of"):
        return None  # "a day later", "a week into the war", "a month of fighting"
    return nxt[0]


def rate_of(doc: Doc, fig_span: Span, verb: Token | None) -> str | None:
    """The period a figure is counted per, when its own clause says so: right after the
    figure ("1,000 troops each day"), or as an adverbial of its verb ("each day Russia loses
    1,000 troops", "fires 20,000 shells daily")."""
    for tok in doc[fig_span.end:min(len(doc), fig_span.end + RATE_LOOKAHEAD)]:
        if tok.pos_ in ("VERB", "AUX") or tok.like_num or (tok.is_punct and tok.text not in ",-"):
            break
        period = _rate_word(tok)
        if period:
            return period
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ in ("npadvmod", "advmod", "prep") and c.i not in range(fig_span.start, fig_span.end):
            for t in (c, *c.lefts):
                period = _rate_word(t)
                if period and (t.i + 1 >= len(doc) or not doc[t.i + 1].like_num):
                    return period
    return None


#: words that make a bare number a part of a counted whole whose noun it leaves out:
#: "100,000 people crossed, including 9,000 who ...", "the 3,000 troops include 2,000 from ..."
PART_WORDS = frozenset({"including", "include", "among", "comprise", "includes", "included"})


#: how many heads to climb from "including" to the counted whole: the small model hangs
#: ", including 9,000 who ..." on the nearest noun ("invasion"), two clauses below the
#: "100,000 people" it belongs to (set on the sentences of tests/test_quantities_kinds.py)
PART_CLIMB = 4


def _counted(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and any(c.dep_ == "nummod" or c.like_num for c in tok.children)


def elided_noun(root: Token) -> Token | None:
    """The noun a bare number leaves out because the whole it is a part of names it:
    "including 9,000 who have entered" (of "100,000 people"), "the 3,000 troops include
    2,000 from ... and 1,000 who ..."; None when nothing in the clause says."""
    cur = root
    for _ in range(2):  # "2,000 from X and 1,000 who ...": the second shares the first's noun
        if cur.dep_ == "conj" and cur.head.like_num:
            cur = cur.head
    head = cur.head
    if cur.dep_ == "pobj" and head.lower_ in PART_WORDS:
        whole = head.head
        for _ in range(PART_CLIMB):  # up through the clauses: "..., including 9,000 who ..."
            if _counted(whole):
                return whole
            if whole.pos_ in ("VERB", "AUX"):
                args = [c for c in whole.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and _counted(c)]
                if args:
                    return args[0]
            elif whole.pos_ not in ("NOUN", "PROPN"):
                return None
            if whole.head.i == whole.i:
                return None
            whole = whole.head
        return None
    if cur.dep_ == "dobj" and head.lemma_.lower() in PART_WORDS:
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj if subj is not None and _counted(subj) else None
    return None


def _past(phrase: Span, fig_span: Span) -> Span:
    """``phrase`` without the figure's own words: "the 3,000 troops" reads "troops", "an
    estimated 100,000 troops" reads "troops"."""
    nums = [t.i for t in phrase if fig_span.start <= t.i < fig_span.end and t.like_num]
    if nums and nums[-1] + 1 < phrase.end:
        return phrase.doc[nums[-1] + 1:phrase.end]
    return phrase


def read(
    doc: Doc, fig_span: Span, noun: Token | None, dimension: str | None, busy: frozenset[int] = frozenset()
) -> Reading:
    """Describe what the figure spanning ``fig_span`` (number, unit, counted noun) measures.

    ``busy`` holds the token indices of the document's other figures and time expressions:
    a prepositional phrase holding one of them ("to $1.13bn", "to December") is not what
    this figure measures."""
    r = Reading()
    root = noun if noun is not None else fig_span.root
    skip = _Skipped(set(range(fig_span.start, fig_span.end)), busy)
    # "a pre-war population of 50,000", "a fine of $10m": the value of an attribute noun
    attribute: Token | None = None
    if (
        root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN"
        and not fig_span.start <= root.head.head.i < fig_span.end  # "hundreds of civilians"
    ):
        attribute = root.head.head
    of_thing: Token | None = None
    own = _preps(root, skip)
    if dimension == "fraction":  # "two-thirds of the schools": "of" may hang off "thirds"
        own += [p for t in fig_span if t.i != root.i for p in _preps(t, skip)]
    for prep, obj in own:
        if prep == "of" and of_thing is None and noun is None:
            of_thing = obj
    modified = root.head
    if (  # "155mm shells", "a 5.2-litre engine": the figure describes the noun it modifies
        of_thing is None and noun is None and root.dep_ in ("compound", "amod", "nummod", "nmod")
        and modified.pos_ == "NOUN" and modified.i >= fig_span.end
    ):
        of_thing = modified
    verb = governing_verb(attribute or root) if dimension != "duration" else None
    r.verb = verb
    if dimension != "duration":
        r.rate_per = rate_of(doc, fig_span, verb)
    subj = subject_of(verb) if verb is not None else None
    agent = agent_of(verb) if verb is not None else None
    actor = agent or (subj if verb is not None and verb.tag_ != "VBN" else None) or subj
    if actor is not None and actor.lemma_.lower() in TOLL_SUBJECTS:
        actor = None  # "the death toll rose to more than 200": the toll is not an actor
    if actor is not None:
        r.subject = noun_phrase(actor)
        r.related.append(("actor", r.subject))
    preps = list(own)
    if attribute is not None:
        r.head = attribute
        implied = lexicon().attribute_units.get(attribute.lemma_.lower())
        if implied:
            r.implied_unit, r.implied_type = implied
        owner = attribute
        if owner.dep_ == "pobj":
            owner = owner.head.head
        while owner.dep_ == "appos":
            owner = owner.head
        owner = _named_by_apposition(owner)
        base = noun_phrase(attribute).text
        if owner.i != attribute.i and (owner.pos_ in ("PROPN", "NOUN") or owner.ent_type_):
            r.related.append(("of", noun_phrase(owner)))
            r.measures = f"{base} of {noun_phrase(owner).text}"
        else:
            r.measures = base
        preps += _preps(attribute, skip | {root.head.i})
    elif noun is not None:
        r.head = noun
        r.measures = f"number of {_past(noun_phrase(noun), fig_span).text}"
        glued = noun.i > 0 and doc[noun.i - 1].text == "-"
        if glued and noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
            # "a 7,000-word essay", "a 12-point plan": the count describes the noun it modifies
            r.head = noun.head
            phrase = noun_phrase(noun.head)
            plural = noun.lower_ + ("es" if noun.lower_.endswith(("s", "x", "ch", "sh")) else "s")
            r.measures = f"number of {plural} of {doc[max(noun.i + 1, phrase.start):phrase.end].text}"
    elif dimension == "duration" and root.dep_ == "npadvmod" and root.head.dep_ == "prep":
        # "almost a month into the incursion": time elapsed since the event
        event = next((c for c in root.head.children if c.dep_ == "pobj"), None)
        r.measures = f"time {root.head.lower_} {noun_phrase(event).text}" if event is not None else "time"
        if event is not None:
            r.head = event
            r.related.append((root.head.lower_, noun_phrase(event)))
        return r
    elif dimension is None and (whole := elided_noun(root)) is not None:
        r.head = whole
        from .counts import read_count

        # the whole is not the part's actor: "the 3,000 troops include 2,000 ..."
        r.related = [x for x in r.related if x[0] != "actor"]
        r.subject = None
        r.implied_unit = whole.lemma_.lower()
        r.implied_type = read_count(doc, whole, whole, whole.i + 1).count_type
        phrase = noun_phrase(whole)
        nums = [t.i for t in phrase if t.like_num]
        r.measures = f"number of {doc[nums[-1] + 1 if nums else phrase.start:phrase.end].text}"
    else:
        r.head = of_thing
        name = DIMENSION_NAMES.get((dimension or "").split(" ")[0], "value")
        if of_thing is not None:
            phrase = noun_phrase(of_thing)
            phrase = doc[max(phrase.start, fig_span.end) if phrase.start < fig_span.end <= of_thing.i
                         else phrase.start:phrase.end]  # "155mm shells": not "mm shells"
            r.measures = f"{name} of {phrase.text}"
        else:
            r.measures = name
        if of_thing is not None:
            preps += _preps(of_thing, skip)
    if verb is not None and (attribute or root).dep_ in ("pobj", "dobj", "npadvmod"):
        preps += [p for p in _preps(verb, skip) if p[0] in VERB_PLACE_PREPS or possessed_place(*p)]
    seen: set[int] = set()
    for prep, obj in preps:
        if obj.i in seen or (r.subject is not None and obj.i in range(r.subject.start, r.subject.end)):
            continue
        seen.add(obj.i)
        phrase = noun_phrase(obj)
        r.related.append((prep, phrase))
        if not (prep == "of" and r.measures and phrase.text in r.measures):
            r.measures = f"{r.measures} {prep} {phrase.text}" if r.measures else phrase.text
    target = _distance_target(doc, fig_span) if dimension == "length" else None
    located = _located(doc, fig_span) if dimension == "length" and target is None else None
    if located is not None:
        # "Pokrovsk lies 10 km away": the distance to Pokrovsk, which is no actor of it
        phrase = noun_phrase(located)
        r.related = [x for x in r.related if not (x[0] == "actor" and x[1].root.i == located.i)]
        r.related.append(("to", phrase))
        r.subject, r.head = None, located
        r.measures = f"distance to {phrase.text}"
    elif target is not None:
        phrase = noun_phrase(target)
        # "within 10 km of Pokrovsk": Pokrovsk is what the distance is measured to, not
        # what the length belongs to
        r.related = [("to", x) if role == "of" and x.root.i == target.i else (role, x) for role, x in r.related]
        if r.head is not None and r.head.i == target.i:
            r.head = None
        if target.i not in seen:
            r.related.append(("to", phrase))
        if (described := _described(fig_span)) is not None:
            # "Millerovo airfield, 16 miles from the border": the airfield is that far, not
            # what the clause around the apposition is about
            r.related = [x for x in r.related if x[0] != "actor"]
            r.subject = noun_phrase(described)
            r.related.append(("actor", r.subject))
        where = f"from {r.subject.text} to {phrase.text}" if r.subject is not None else f"to {phrase.text}"
        r.measures = f"distance {where}"
    elif (
        r.subject is not None
        and verb is not None
        and verb.lemma_.lower() not in LIGHT_VERBS
        and any(c.dep_ == "dobj" for c in verb.children)
        and (noun is None or (_object_of(noun, verb) and r.head is not None and r.head.i == noun.i))
    ):
        # "Russia has lost nearly 24,000 soldiers": what was done to what is counted belongs
        # to what the count measures (lost, not deployed); only when the counted noun is the
        # verb's object ("with hundreds of thousands of Belarusians" is not defended, and
        # "a 7,000-word essay" counts the words of the essay, not what was done to them)
        r.measures = f"{r.measures} {participle(verb)} by {r.subject.text}"
    elif r.subject is not None and verb is not None and verb.lemma_.lower() == "have":
        r.measures = f"{r.measures} of {r.subject.text}"
    elif r.subject is not None and noun is None and attribute is None and of_thing is None:
        r.measures = f"{r.measures} of {r.subject.text}"  # "the aid package is worth $2.5bn"
    if r.head is None and r.subject is not None:
        r.head = r.subject.root  # "Russian forces are 10 km from Pokrovsk": the forces' distance
    return r
