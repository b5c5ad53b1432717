"""Conflict count types, after GDELT's knowledge-graph counts (killed, wounded, ...).

A count takes its type from the verb or adjective that governs what it counts ("24 people
were *killed*", "12 *dead*", "*arresting* 12"), from a toll word ("death toll of 50"), or
else from the counted noun itself ("300 *troops*", "seven *fronts*").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .detect import Figure
from .lexicon import lexicon

#: count types whose counted noun is the victims of the event
VICTIM_TYPES = frozenset(
    {"killed", "wounded", "casualties", "captured", "displaced", "missing", "kidnapped"}
)
#: dependency labels linking a counted noun to the verb that gives its type
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"})
#: prepositions that make a count part of another ("including three children")
PART_PREPS = frozenset({"including", "among"})
#: words for a count of a toll ("death toll", "the number of dead")
TOLL_WORDS = frozenset({"toll", "number", "count", "tally", "total", "figure"})


@dataclass
class CountReading:
    count_type: str | None = None
    cue: Token | None = None
    victim: Span | None = None
    actor: Token | None = None


def _entry(tok: Token) -> tuple[str, str] | None:
    return lexicon().count_cues.get(tok.lemma_.lower()) or lexicon().count_cues.get(tok.lower_)


def _kind(tok: Token) -> str | None:
    e = _entry(tok)
    return e[1] if e else None


def _cue(tok: Token, kinds: tuple[str, ...], arg: Token | None = None) -> str | None:
    """The count type ``tok`` cues, if its kind is one of ``kinds`` ("verb_s" counts as a verb;
    "verb_combatant" too, only over ``arg`` a noun of combatants: "1,260 soldiers were
    eliminated", never "programmes were eliminated")."""
    cue = _entry(tok)
    if cue and cue[1] == "verb_combatant":
        combatants = arg is not None and (_entry(arg) or ("", ""))[0] == "troops"
        return cue[0] if "verb" in kinds and combatants else None
    if cue and (cue[1] in kinds or (cue[1] == "verb_s" and "verb" in kinds)):
        return cue[0]
    return None


#: "killed or wounded 50", "killed, injured or captured 5,000": one count of several of
#: these is a count of casualties, as armies count them (killed, wounded, captured, missing)
HARM_TYPES = frozenset({"killed", "wounded", "captured", "missing"})


#: links of a coordination of verbs; the small model often attaches the middle verb of
#: "killed, injured or captured" as "dep"
COORD_DEPS = frozenset({"conj", "dep"})


def _conjuncts(verb: Token) -> list[Token]:
    """Every verb of the coordination ``verb`` is in ("killed, injured or captured")."""
    top = verb
    while top.dep_ in COORD_DEPS and top.head.i != top.i and top.head.pos_ == "VERB":
        top = top.head
    out, todo = [], [top]
    while todo:
        v = todo.pop()
        out.append(v)
        todo.extend(c for c in v.children if c.dep_ in COORD_DEPS and c.pos_ == "VERB")
    return out


def _is_count(tok: Token) -> bool:
    """A number, or a noun counted by one ("five", "five soldiers")."""
    return tok.like_num or any(c.dep_ == "nummod" for c in tok.children)


def _joint(verb: Token, count_type: str, arg: Token) -> str:
    """The count type of a verb coordinated with other harm verbs: one combined count."""
    if count_type not in HARM_TYPES or verb.pos_ != "VERB":
        return count_type  # "1,200 dead and 3,400 wounded" are two counts
    for p in _conjuncts(verb):
        if p.i == verb.i or p.pos_ != "VERB":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != arg.i and _is_count(c) for c in p.children):
            continue  # "two were killed and five wounded": each verb has its own count
        other = _cue(p, ("verb",))
        if other in HARM_TYPES and other != count_type:
            return "casualties"
    return count_type


def harm_words(cue: Token) -> str:
    """How the count's verb reads in its "measures" text: "killed", or every verb of a
    combined count in the writer's order ("killed, injured or captured")."""
    from .relations import participle

    if cue.pos_ != "VERB":
        return cue.lower_
    verbs = sorted(
        (v for v in _conjuncts(cue) if v.pos_ == "VERB" and _cue(v, ("verb",)) in HARM_TYPES),
        key=lambda v: v.i,
    )
    if _cue(cue, ("verb",)) not in HARM_TYPES or len(verbs) < 2:
        return participle(cue)
    words = [participle(v) for v in verbs]
    cc = next((c.lower_ for v in verbs for c in v.children if c.dep_ == "cc"), "and")
    return f"{', '.join(words[:-1])} {cc} {words[-1]}"


def _actor(verb: Token, victim: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if victim.dep_ in ("dobj", "conj"):
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def read_count(doc: Doc, root: Token, noun: Token | None, num_end: int) -> CountReading:
    """The count type of a figure whose syntactic root is ``root`` (the noun when counted)."""
    r = CountReading()
    arg = noun or root
    whole = arg.head.head if arg.dep_ == "pobj" and arg.head.lower_ in PART_PREPS else None
    if whole is not None and whole.pos_ in ("NOUN", "PROPN") and whole.i != arg.i:
        # "at least 10 civilians, including three children, were killed": the part shares
        # the count type of the whole
        part = read_count(doc, whole, whole, whole.i + 1)
        if part.count_type is not None:
            from .relations import noun_phrase

            part.victim = noun_phrase(noun) if noun is not None else None
            return part
    # 1. the governing verb: "24 people were killed", "killing at least 156 people"; through
    # the number of a vague count to its verb ("Thousands of people fled": "Thousands" fled)
    via = arg
    if arg.dep_ == "pobj" and arg.head.lower_ == "of" and arg.head.head.i < arg.i and (
            arg.head.head.like_num or arg.head.head.lower_ in lexicon().vague):
        via = arg.head.head
    head = via.head
    after = doc[num_end] if num_end < len(doc) else None
    late = _cue(after, ("adj", "verb")) if after is not None and after.tag_ in ("JJ", "VBN") else None
    if via.dep_ == "conj" and late is not None:
        # "left 10 people dead and more than a dozen wounded": the small model hangs the
        # second count on "dead"; the word right after it says what it counts
        r.count_type, r.cue = late, after
    elif via.dep_ in ARGUMENT_DEPS and head.pos_ in ("VERB", "AUX", "ADJ") and head.i != via.i:
        t = _cue(head, ("verb", "adj"), arg)
        if t is None:  # "12 were dead", "five remain missing", "left 10 people dead": the predicate
            for c in head.children:
                if c.dep_ in ("acomp", "oprd") and _cue(c, ("adj", "verb")):
                    t, head = _cue(c, ("adj", "verb")), c
                    break
        if (
            t and via.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in head.children)
            and _kind(head) != "verb_s"
        ):
            t = None  # "two bombers killed 23 people": the subject is the actor
        if t:
            r.count_type, r.cue = _joint(head, t, via), head
            r.actor = _actor(head, via) if head.pos_ == "VERB" else None
    # 2. a modifier of the noun: "people killed in", "wounded soldiers", "three missing"
    if r.count_type is None:
        for c in arg.children:
            if c.dep_ in ("acl", "relcl", "amod", "acomp") and _cue(c, ("verb", "adj"), arg):
                r.count_type, r.cue = _cue(c, ("verb", "adj"), arg), c
                r.actor = _actor(c, arg) if c.pos_ == "VERB" else None
                break
    if r.count_type is None and num_end < len(doc) and _cue(doc[num_end], ("adj",)):
        r.count_type, r.cue = _cue(doc[num_end], ("adj",)), doc[num_end]
    # 3. a toll: "death toll of 50", "the toll rose to 50"
    if r.count_type is None and root.dep_ == "pobj":
        holder = root.head.head
        if holder.pos_ in ("VERB", "AUX"):
            holder = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), holder)
        if holder.lemma_.lower() in TOLL_WORDS:
            for c in holder.subtree:
                if c.i != holder.i and _cue(c, ("noun", "adj", "verb")):
                    r.count_type, r.cue = _cue(c, ("noun", "adj", "verb")), c
                    break
    # 4. the counted noun itself: "300 troops", "seven fronts", "refugees"
    if r.count_type is None and noun is not None:
        t = _cue(noun, ("noun", "verb"))  # "300 troops", and nouns of cue verbs: "13 arrests"
        if t is None:
            for c in noun.children:  # "air strikes", "drone attacks" -> the compound
                # but not a group of victims: "two prisoner swaps" counts swaps, not prisoners
                if c.dep_ == "compound" and _cue(c, ("noun",)) and _cue(c, ("noun",)) not in VICTIM_TYPES:
                    t = _cue(c, ("noun",))
        if t:
            r.count_type, r.cue = t, noun
    if r.count_type in VICTIM_TYPES and noun is not None:
        from .relations import noun_phrase

        r.victim = noun_phrase(noun)
    return r


def partitive(noun: Token) -> bool:
    """Whether ``noun`` measures out a plural it governs with "of" ("a huge number of
    fighters", "a group of soldiers", "a lot of people"): a vague amount of those, never a
    count of one ``noun``."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") for g in c.children)
        for c in noun.children
    )


def single_victims(doc: Doc) -> list[Figure]:
    """"A journalist was killed", "an aid worker was kidnapped": a count of one.

    GDELT-style casualty counts include these; only an indefinite article on the subject or
    object of a victim verb is read, never "a" elsewhere.
    """
    cues = lexicon().count_cues
    out = []
    for tok in doc:
        if tok.lower_ not in ("a", "an") or tok.dep_ != "det":
            continue
        noun = tok.head
        if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if any(c.dep_ == "nummod" for c in noun.children):
            continue  # "a further 12 soldiers": the number is the figure
        if partitive(noun) or noun.lemma_.lower() in TOLL_WORDS:
            # "a huge number of fighters", "a group of soldiers", a "huge number" alone: a
            # vague amount (a word for a count is no victim), not a count of one
            continue
        cue = cues.get(noun.head.lemma_.lower())
        if cue is None or cue[0] not in VICTIM_TYPES or cue[1] not in ("verb", "verb_s"):
            continue
        end = tok.idx + len(tok)
        out.append(Figure(tok.idx, end, tok.idx, end, 1.0, kind="single"))
    return out


#: entity labels of places named in a clause
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: dependants that open another clause: a place there is not where the count happened
#: ("fled the country *since Russia invaded*", "officials *who said* ...")
#: (a clause that modifies the counted noun itself, "people *killed in Bakhmut*", is kept)
OTHER_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "parataxis", "csubj"})
#: prepositions that name the source of a claim, never its place ("according to U.K. officials")
SOURCE_PREPS = frozenset({"according", "per", "citing"})
#: prepositions whose object is where something happened
LOCATIVE_PREPS = frozenset({"in", "near", "at", "around", "outside", "inside"})


def clause_of(tok: Token) -> set[int]:
    """The tokens of the clause ``tok`` belongs to: the subtree of its nearest verb, less the
    clauses and attributions hanging off it ("according to ...", "who said ...")."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # spaCy makes a new Token each time: compare indices
        verb = verb.head
    # The parser's trees are projective, so a subtree is the contiguous run of tokens from its
    # left edge to its right edge: membership by range keeps this linear in the sentence (the
    # set of each dependant's subtree made it cubic on run-on sentences of thousands of tokens).
    keep = set(range(verb.left_edge.i, verb.right_edge.i + 1))
    for t in verb.subtree:
        if t.i not in keep or t.i == verb.i:
            continue
        other = (t.dep_ in OTHER_CLAUSE_DEPS and t.head.i != tok.i) or (
            t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")
        )
        source = t.dep_ == "prep" and t.lower_ in SOURCE_PREPS
        lo, hi = t.left_edge.i, t.right_edge.i
        if (other or source) and not lo <= tok.i <= hi:
            keep.difference_update(range(lo, hi + 1))
    return keep


def place_in_clause(doc: Doc, places: list[tuple[int, int, str]], tok: Token) -> Span | None:
    """Where a count happened: a place named in the figure's own clause, preferring one after
    "in", "near" or "at", never a demonym ("Russian") nor the source of the claim."""
    clause = clause_of(tok)
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e, _ in sorted(places)]
    spans += [ent for ent in doc.ents if ent.label_ in PLACE_LABELS]
    names = [
        sp for sp in spans
        if sp is not None and all(t.i in clause for t in sp)
        and sp.root.pos_ != "ADJ" and sp.root.ent_type_ != "NORP"
    ]
    located = [sp for sp in names if sp.root.dep_ == "pobj" and sp.root.head.lower_ in LOCATIVE_PREPS]
    best = located or names
    return best[0] if best else None


#: singular nouns that name a part of the place after their "of" ("the east of Ukraine");
#: plural nouns always do ("occupied parts of Ukraine", "villages of the Kharkiv region")
PART_NOUNS = frozenset({"part", "area", "outskirts", "east", "west", "north", "south", "centre", "center",
                        "northeast", "northwest", "southeast", "southwest", "rest"})


def within_place(sp: Span) -> bool:
    """Whether the place ``sp`` is named only as the whole a part of which the figure is about
    ("Four people were killed in occupied parts of southern and eastern Ukraine"): the
    figure's scope is a part of the place, not the place."""
    tok = sp.root
    while tok.dep_ in ("conj", "compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    whole = tok.head.head
    return whole.pos_ == "NOUN" and not sp.start <= whole.i < sp.end and (
        whole.tag_ == "NNS" or whole.lower_ in PART_NOUNS)


#: prepositions of a displacement's verb (or of its counted noun) and the role of their
#: object: where people left ("fled from Mariupol", "refugees from Ukraine"), where they went
#: ("fled to Moldova", "deported into Russia") and where they are ("displaced in Ukraine")
DIRECTION_PREPS = {"from": "from", "to": "to", "into": "to", "towards": "to", "toward": "to",
                   "in": "in", "at": "in", "inside": "in", "within": "in", "across": "in"}


def _directed(tok: Token, skip: int) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        word = c.lower_
        if c.dep_ == "prt" and word == "out":  # "fled out of Kharkiv"
            word = "from"
            c = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"), c)
        if c.dep_ in ("prep", "prt") and word in DIRECTION_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and g.i != skip and not g.like_num:
                    out.append((DIRECTION_PREPS[word], g))
    return out


def displacement_places(cue: Token | None, noun: Token | None, verb: Token | None) -> list[tuple[str, Token]]:
    """The places of a count of displaced people, by their role in its own clause: "from"
    (where they left: "fled from Mariupol", "fled Ukraine", "refugees from Ukraine"), "to"
    (where they went: "fled to Moldova", "deported to Russia") and "in" (where they are:
    "displaced in Ukraine", "arrived in Poland"). A verb that leaves its subject ("flee",
    a ``verb_s`` cue) takes the place it leaves as its object."""
    out: list[tuple[str, Token]] = []
    skip = noun.i if noun is not None else -1
    if cue is not None and cue.pos_ == "VERB":
        out += _directed(cue, skip)
        if _kind(cue) == "verb_s":
            out += [("from", c) for c in cue.children if c.dep_ == "dobj" and c.i != skip
                    and (c.ent_type_ in PLACE_LABELS or c.pos_ == "PROPN")]
    if noun is not None:
        out += _directed(noun, skip)
    if verb is not None and (cue is None or verb.i != cue.i):
        out += _directed(verb, skip)  # "refugees arrived in Poland", "took in ... from Ukraine"
    seen: set[int] = set()
    kept = []
    for role, t in out:
        if t.i not in seen:
            seen.add(t.i)
            kept.append((role, t))
    return kept
