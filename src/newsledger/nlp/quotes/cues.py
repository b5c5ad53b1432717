"""Find attribution cues over the dependency parse, in one pass over the tokens.

A cue is a reporting verb ("said", "noted", "called for"), "according to", a reporting noun
with a "that" clause ("his claim that ..."), or a marker of a sourceless report ("it was
reported that", "reportedly"). For each cue we find the source's head token and the
content's tokens; :mod:`.direct` then attaches quotations that the parse left out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..context import Context
from .candidate import Candidate
from .index import cue_positions
from .lexicon import Lexicon
from .phrases import according_candidate, adverb_candidate, noun_candidate
from .spans import pieces, subtree_indices
from .subjects import speech_subject

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
#: dependents that hold reported content, for every class of verb
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
#: extra content dependents, by verb class
CLASS_DEPS: dict[str, frozenset[str]] = {
    "intent": frozenset({"xcomp", "dobj"}),
    "stance": frozenset({"dobj", "oprd", "xcomp"}),
}
#: a participle or infinitive cue takes its subject from the verb it hangs on
#: ("..., adding that ...", "he went on to say ...")
INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp"})
#: dependents whose verb is set off from the content it reports ("The war, he said, ...")
INSERTED_DEPS = frozenset({"parataxis", "ccomp"})
#: how the verb may be tagged: adjectival and nominal uses ("a reported attack") are skipped
SKIP_VERB_DEPS = frozenset({"amod", "compound", "acl", "auxpass", "aux"})
#: prepositions of channel phrases that join the cue ("said in a statement")
CHANNEL_PREPS = frozenset({"in", "at", "on", "during", "via", "through"})
#: "Zelenskyy argued the only way to ensure security was to prevent …": the parser takes the
#: subject of the reported clause for the verb's object and leaves the clause with none; a
#: finite clausal complement with no subject, right after the object, has the object as its
#: subject, and the content starts there (issue 17, session 12).
SUBJECT_AS_OBJECT = True
#: "Zelenskyy said since the start of the war some 750 missiles have been launched …": the
#: parser hangs the reported clause on a verb of speech as an adverbial clause; a finite
#: clause after the verb, with a subject of its own and no subordinating word ("because",
#: "after", "when", "as") is what was said, when the verb has no other content (issue 17,
#: session 12).
REPORTED_ADVCL = True
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: "CONTENT, Anna Smith, a spokeswoman for the port, told reporters": a verb with no subject
#: after content on its left takes the person's name set off by commas before it, which the
#: parser hung as an appositive on the content's last noun (issue 17, session 12); the climb
#: from the description's last word to the name is at most this many steps (a description
#: "chief of the patrol police" is four).
APPOSITIVE_SPEAKER = True
MAX_APPOSITIVE_CLIMB = 6
#: the empty subject of "it was reported that ..."
PRONOUN_IT = frozenset({"it"})
#: prepositions after a stance verb's object that carry the rest of the stance
STANCE_PREPS = frozenset({"as", "of", "for", "on", "over", "to"})
#: prepositions after a speech verb's object that complete what was said ("as examples of")
OBJECT_PREPS = frozenset({"as", "about"})
#: The direct object of an "object" speech verb counts as its content ("he mentioned the
#: deal") when it has no clause. PolNeAR annotates these; limited to the verbs marked in
#: reporting_verbs.tsv it raised content F1 on PolNeAR dev and train by about one point.
OBJECT_CONTENT = True
#: A cue whose content is only a noun phrase (a stance verb's or an object verb's direct
#: object: "criticized the plan", "offers about 30 styles") needs a subject that can speak
#: (:func:`.subjects.speech_subject`); a clause or a quotation as content does not. Figures in
#: docs/quotes.md (issue 17).
SPEECH_SUBJECT_FOR_OBJECTS = True
#: A verb of the lexicon whose "that" clause the parser hung on an adjunct or as an adverbial
#: clause ("tweeted in the early morning hours that …") takes that clause as its content
#: (:func:`_stray_that_clause`). Figures in docs/quotes.md (eighth pass).
STRAY_THAT_CLAUSES = True
#: "called for X to do Y", "calls on X to do Y": the parser reads the preposition of a phrasal
#: cue (``cue_phrases.tsv``) as the marker of an infinitive clause with its own subject; that
#: clause is the content and the preposition joins the cue. Figures in docs/quotes.md.
PHRASAL_CLAUSES = True
#: "In the Sunday report of the General Staff, it was reported that …": an impersonal passive
#: ("it was reported/stated that") whose "in" phrase names a document with its owner is that
#: document's report, attributed to the owner, not a sourceless one (:func:`_owned_document`).
#: Figures in docs/quotes.md (ninth pass).
OWNED_DOCUMENT_SOURCE = True
#: "said, “It's time …,” promising the club will return to its roots": a participle clause
#: headed by a verb of the lexicon, hung on the cue verb after its content, is a report of its
#: own by the same speaker (its subject is the cue's), not more of the content; the content
#: stops before it and the participle keeps its own quote. Figures in docs/quotes.md (tenth
#: pass).
PARTICIPLE_REPORT_STOP = True
#: "…, repeating the rhetoric of the ministry, which expressed “concern” …": a relative clause
#: in a noun-phrase content whose verb is a verb of the lexicon is another speaker's report
#: (the relative pronoun's), not more of this one; the content stops before it and that
#: report keeps its own quote (a weak cue inside another quote's content is dropped).
RELATIVE_REPORT_STOP = True
#: "Asked whether he would run, Smith said …", "When told of the strike, the minister …": the
#: subject a bare passive participle of a verb of saying shares with its clause is the one
#: spoken to, not the speaker, who is unnamed: the words are reported without a source (kind
#: ``unattributed``), never as Smith's. Verbs of belief are left out: "Convinced that …, she …"
#: is her belief. Figures in docs/quotes.md (tenth pass).
PASSIVE_PARTICIPLE_ADDRESSEE = True
#: How the parser hangs such a participle on a verb: as an adverbial clause, or (on a verb
#: inside a quotation) as a clausal modifier.
PARTICIPLE_DEPS = frozenset({"advcl", "acl"})
#: Verb classes whose gerund complement ("said legalizing it could …", "suggested raising
#: taxes") is reported content: the parser hangs such a clause on the verb as an xcomp.
GERUND_CLASSES = frozenset({"speech", "belief", "evidence"})
#: closing quotation marks as tokens ("“A,” he said": the content ends in a quotation)
QUOTE_CLOSERS = frozenset({"”", "\"", "''", "’"})
#: a conjunction that continues the reported content ("X said that A, but B")
CONTINUING_CC = frozenset({"but"})
#: subordinators of a reporter's aside that ends the reported content
ASIDE_MARKS = frozenset({"although", "though", "whereas", "while"})


def asides(head: Token, lex: Lexicon) -> set[int]:
    """Clauses the reporter adds after the content: "..., although ...", "..., contradicting ...",
    and a second reporting verb joined to it ("... and suggested that ...")."""
    out: set[int] = set()
    for c in head.rights:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in lex.verbs:
            out.add(c.i)
            continue
        if c.dep_ != "advcl" or c.i == 0 or c.left_edge.i == 0:
            continue
        before = head.doc[c.left_edge.i - 1]
        if before.text not in (",", "—", "–", ";"):
            continue
        marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
        no_subject = not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        if marks & ASIDE_MARKS or (c.tag_ == "VBG" and no_subject and not marks):
            out.add(c.i)
    return out


def subject(v: Token, in_quote: bytearray, lex: Lexicon, depth: int = 0) -> Token | None:
    """The subject of verb ``v`` (its agent in the passive), inherited through chains."""
    agent = None
    passive = False
    subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # two subjects: one is the end of a quotation the parser hung on the verb
        outside = [c for c in subjects if not in_quote[c.i]] or subjects
        return min(outside, key=lambda c: abs(c.i - v.i))
    for c in v.children:
        if c.dep_ == "nsubjpass":
            passive = True
        elif c.dep_ == "agent":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return agent
    if passive or depth > 3:
        return None
    if PASSIVE_PARTICIPLE_ADDRESSEE and _passive_participle(v, lex):
        return None  # "Asked whether he would run, Smith said …": Smith was asked; the asker is unnamed
    if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
        if v.dep_ == "acl" and v.head.lower_ in lex.channel_nouns and v.head.lemma_ not in lex.cue_nouns:
            return None  # "a news conference announcing ...": the occasion, not the speaker
        return v.head  # "Smith, who said ...", "a statement saying ...", "protesters chanting ..."
    if PARTICIPLE_REPORT_STOP and _hung_inside(v, in_quote):
        # "“…,” promising …": a participle outside the quotation that the parser hung on a word
        # inside it belongs to the verb outside the quotation that governs the quotation
        h = v.head
        while in_quote[h.i] and h.head.i != h.i:
            h = h.head
        return subject(h, in_quote, lex, depth + 1) if h.pos_ in ("VERB", "AUX") and not in_quote[h.i] else None
    if v.dep_ in INHERIT_DEPS or v.dep_ == "pcomp":
        h = v.head
        if h.pos_ == "ADP" or (h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod")):
            h = h.head  # "responded by saying ...", "were more likely to say ..."
        if (v.dep_ == "conj" and h.dep_ == "ccomp" and h.head.pos_ == "VERB"
                and h.head.lemma_.lower() in lex.verbs):
            h = h.head  # "May said the country would leave and suggested ...": May suggested
        if h.i != v.i and h.pos_ in ("VERB", "AUX"):  # by index: spaCy makes a new Token per access
            return subject(h, in_quote, lex, depth + 1)
    return None


def _expl_passive(v: Token) -> bool:
    """``v`` is in the passive with an empty "it" subject and no agent."""
    subj = [c for c in v.children if c.dep_ in ("nsubjpass", "expl")]
    return bool(subj) and subj[0].lower_ in PRONOUN_IT and not any(
        c.dep_ == "agent" for c in v.children)


def _clause_start(v: Token, src: Token | None) -> int:
    lo = v.i
    if src is not None and src.i < v.i:
        lo = min(lo, src.left_edge.i)
    for c in v.children:
        if c.dep_ in ("aux", "neg", "advmod") and c.i < v.i:
            lo = min(lo, c.i)
    return lo


def _left_content(doc: Doc, sent: tuple[int, int], v: Token, src: Token | None, lex: Lexicon,
                  in_quote: bytearray) -> list[int]:
    """Tokens of "CONTENT, said X" / "CONTENT, X said": the sentence up to the comma."""
    lo = _clause_start(v, src)
    start = sent[0]
    j = lo - 1
    while j >= start and (doc[j].is_punct or doc[j].is_space):
        if doc[j].text in (",", "”", "\"", "’", "—", "–", "―"):
            j -= 1
            continue
        return []
    if j == lo - 1 or j < start:
        return []
    left = range(start, j + 1)
    if any(not in_quote[i] and doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in lex.verbs
           and any(c.dep_ == "nsubj" for c in doc[i].children) for i in left):
        return []  # another attribution ("“You winning?” she said, but ..., Melanie said")
    if doc[j].text in QUOTE_CLOSERS or doc[j + 1].text in QUOTE_CLOSERS:
        return list(left)
    # otherwise the part before the comma must be a clause, not an adverbial ("Courted by ...,")
    if not any(doc[i].dep_ in ("nsubj", "nsubjpass", "expl") and start <= doc[i].head.i <= j
               for i in left):
        return []
    return list(left)


def _set_off(doc: Doc, v: Token, src: Token | None) -> bool:
    """The cue clause is set off by punctuation on both sides ("The war, he said, will end")."""
    lo = _clause_start(v, src)
    hi = max(v.i, src.right_edge.i if src is not None else v.i) + 1
    before = doc[lo - 1].text if lo > 0 else ""
    after = doc[hi].text if hi < len(doc) else "."
    return before in (",", "—", "–", "(") and after in (",", "—", "–", ")", ".", ":")


#: Punctuation that sets off a cue clause inserted in the sentence it reports.
SET_OFF = frozenset({",", "—", "–", "(", ")"})


def _inserted_content(doc: Doc, v: Token, sent: tuple[int, int]) -> list[int]:
    """The sentence around a cue clause set off inside it ("The war, he told reporters on
    Friday, will end soon"), when the clause holds no clause of its own (only its subject,
    objects and adjuncts) and words of the sentence stand on both sides of it."""
    own = sorted(t.i for t in v.subtree)
    words = [i for i in own if not doc[i].is_punct]
    lo, hi = words[0], words[-1] + 1
    if lo - 1 < sent[0] or hi >= sent[1] or doc[lo - 1].text not in SET_OFF or doc[hi].text not in SET_OFF:
        return []
    if any(doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("aux", "auxpass", "neg") for i in words if i != v.i):
        return []
    owned = set(own)
    rest = [i for i in range(sent[0], sent[1]) if i not in owned]
    before = [i for i in rest if i < lo and not doc[i].is_punct]
    after = [i for i in rest if i >= hi and not doc[i].is_punct]
    if not before or len(after) < 2 or not any(doc[i].pos_ in ("VERB", "AUX") for i in rest):
        return []
    return rest


#: Dependents of the cue verb after its content that still belong to what was reported:
#: the parser hangs them on the verb, but in "polls show Clinton with a double-digit lead",
#: "defended it despite criticism" and "said it left them out of its tally because ..." they
#: complete the reported words (PolNeAR's content spans run to the end of the verb phrase).
#: The reporter's asides (:func:`asides`), the channel ("in a statement"), "according to" and
#: the source ("said X") stay out. Taking them raised content F1 at overlap 0.3 on PolNeAR
#: dev (tune 0.774 -> 0.777, check 0.748 -> 0.751) and train (tune 0.718 -> 0.725); without
#: "prep" about half of that.
TRAILING_DEPS = frozenset({"advcl", "oprd", "acomp", "prep"})
#: Entity types of a prepositional phrase that dates the saying, not the said ("on Monday")
TIME_ENTS = frozenset({"DATE", "TIME"})


def _trailing(v: Token, content: list[int], exclude: set[int], lex: Lexicon, in_quote: bytearray) -> list[int]:
    """The rest of the verb phrase after content on the verb's right (:data:`TRAILING_DEPS`),
    up to another utterance: a quotation, or a verb of the lexicon with a subject of its own
    ("..., and journalists asked whether ...")."""
    hi = max(content)
    out: list[int] = []
    skip = asides(v, lex)
    for c in v.rights:
        if c.i <= hi or c.i in exclude or c.i in skip or c.dep_ not in TRAILING_DEPS:
            continue
        if any(in_quote[t.i] or (t.lemma_.lower() in lex.verbs and any(g.dep_ == "nsubj" for g in t.children))
               for t in c.subtree):
            break
        if PARTICIPLE_REPORT_STOP and _participle_report(c, lex):
            break
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ == "prep" and pobj is not None and pobj.lower_ in lex.channel_nouns:
            continue  # "confirmed the closure in a statement": the channel is the cue's
        if c.dep_ == "prep" and (c.lower_ == "according" or (pobj is not None and pobj.ent_type_ in TIME_ENTS)):
            continue  # "on Monday": when it was said
        out.extend(subtree_indices(c))
    return out


def _participle_report(c: Token, lex: Lexicon) -> bool:
    """An adverbial participle clause with no subject of its own headed by a verb of the
    lexicon ("..., promising …", "..., adding that …"): the cue's speaker reporting again."""
    return (c.dep_ in PARTICIPLE_DEPS and c.tag_ == "VBG" and c.head.pos_ in ("VERB", "AUX")
            and c.lemma_.lower() in lex.verbs
            and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children))


def _relative_reports(obj: Token, lex: Lexicon) -> set[int]:
    """Relative clauses in a noun phrase whose verb is a verb of the lexicon with the relative
    pronoun as its subject ("the ministry, which expressed concern …")."""
    return {t.i for t in obj.subtree
            if t.dep_ == "relcl" and t.lemma_.lower() in lex.verbs
            and any(g.dep_ == "nsubj" and g.tag_ in ("WDT", "WP") for g in t.children)}


def _passive_participle(v: Token, lex: Lexicon) -> bool:
    """A bare passive participle clause ("Asked …", "When told …", no auxiliary, no agent) of a
    verb of the lexicon other than a verb of belief."""
    return (v.tag_ == "VBN" and v.dep_ == "advcl" and lex.verbs.get(v.lemma_.lower(), "belief") != "belief"
            and not any(c.dep_ in ("aux", "auxpass", "agent", "nsubj", "nsubjpass") for c in v.children))


def _hung_inside(v: Token, in_quote: bytearray) -> bool:
    """A participle outside quotation marks hung on a verb inside them ("“…,” promising …")."""
    return (v.dep_ in PARTICIPLE_DEPS and v.tag_ == "VBG" and v.head.pos_ in ("VERB", "AUX")
            and not in_quote[v.i] and bool(in_quote[v.head.i]))


def _stray_participles(clause: Token, lex: Lexicon, in_quote: bytearray) -> set[int]:
    """Participle reports (:func:`_participle_report`) outside quotation marks that the parser
    hung on a word inside a quotation ("“It's time,” promising …"): the words of the quotation
    end at its closing mark, so the participle is the speaker's next report, not part of them."""
    if not PARTICIPLE_REPORT_STOP:
        return set()
    return {t.i for t in clause.subtree
            if t.i != clause.i and not in_quote[t.i] and in_quote[t.head.i] and _participle_report(t, lex)}


def _continues(c: Token, lex: Lexicon) -> bool:
    """A conjunct clause with its own subject, joined by "but": more of the reported content."""
    return (c.pos_ in ("VERB", "AUX") and c.lemma_.lower() not in lex.verbs
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and any(g.dep_ == "cc" and g.lower_ in CONTINUING_CC and g.i < c.i
                    for g in (*c.children, *c.head.children)))


def _resumed(doc: Doc, v: Token, src: Token | None, sent_end: int) -> list[int]:
    """"Though A, he said, B": the sentence resumes after the cue clause outside its subtree."""
    hi = max(v.i, src.right_edge.i if src is not None else v.i) + 1
    while hi < len(doc) and doc[hi].head.i == v.i and doc[hi].dep_ in ("npadvmod", "advmod"):
        hi += 1
    if hi >= len(doc) or doc[hi].text != ",":
        return []
    own = {t.i for t in v.subtree}
    rest = [i for i in range(hi + 1, sent_end) if i not in own]
    if len(rest) < 3 or rest[0] != hi + 1:
        return []
    return rest


def _object_rest(v: Token, obj: Token, lex: Lexicon) -> list[int]:
    """What completes an object the parser hung on the verb: "mentioned the remarks as
    examples of ...", "mentioned refinancing loans and forcing universities to ..."."""
    out: list[int] = []
    for c in v.rights:
        if c.i <= obj.i:
            continue
        if (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS) or (
                c.dep_ == "conj" and c.lemma_.lower() not in lex.verbs
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)):
            out.extend(subtree_indices(c))
    return out


def _is_clause(c: Token, in_quote: bytearray) -> bool:
    """A dependent that is a clause (it has a verb of its own) or a quotation."""
    return bool(in_quote[c.i] or in_quote[c.left_edge.i] or c.pos_ in ("VERB", "AUX")
                or any(g.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for g in c.children))


def _that_clause(obj: Token) -> list[int]:
    """A "that" clause the parser hung on the object as a relative clause."""
    for c in obj.rights:
        if c.dep_ in ("relcl", "acl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return subtree_indices(c)
    return []


#: Dependents of a verb of saying through which the parser may have hung its "that" clause on
#: a noun of the verb's own phrase: its object, the one told, an adjunct ("reported at the
#: time that …", "told one of his protégés on a regular basis that …", "tweeted in the early
#: morning hours that …").
STRAY_HOSTS = frozenset({"dobj", "dative", "prep", "npadvmod"})
#: How the parser tags the complementiser of such a clause: a marker, or (taking it for a
#: relative word) an adverb; a "that" that is the clause's subject or object is a relative
#: pronoun, and its clause a relative clause, not reported content.
COMPLEMENTISER_DEPS = frozenset({"mark", "advmod"})


def _that_complement(c: Token) -> bool:
    """``c`` heads a finite clause opened by the complementiser "that" (not the relative
    pronoun) with a subject of its own: "that Machado was …", never "that followed"."""
    first = c.left_edge
    return (c.pos_ in ("VERB", "AUX") and first.lower_ == "that" and first.head.i == c.i
            and first.dep_ in COMPLEMENTISER_DEPS
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl") and g.i != first.i for g in c.children))


def _stray_that_clause(v: Token, lex: Lexicon) -> list[int]:
    """The "that" clause of a verb of saying that the parser hung elsewhere in the verb's own
    phrase (:data:`STRAY_HOSTS`): as an adverbial clause of the verb, or as a relative clause
    of a noun of the verb's phrase (a time, a place, the one told, the occasion: "told
    reporters at a news conference that …"). A cue noun with an owner keeps its clause
    ("responded to Trump's claim that …" is Trump's claim)."""
    for c in v.rights:
        if c.dep_ == "advcl" and _that_complement(c):
            return subtree_indices(c)
        if c.dep_ not in STRAY_HOSTS:
            continue
        nouns = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"]
        for n in nouns:
            if n.lemma_.lower() in lex.cue_nouns and any(g.dep_ == "poss" for g in n.children):
                continue
            for r in n.rights:
                if r.dep_ in ("relcl", "acl") and _that_complement(r):
                    return subtree_indices(r)
    return []


def _after_line_dash(doc: Doc, v: Token) -> bool:
    """``v`` opens a line after a quotation dash ("- wrote the head of …")."""
    j = v.i - 1
    if j < 0 or doc[j].text not in ("-", "–", "—"):
        return False
    return j == 0 or doc[j - 1].is_space or doc[j].idx == 0 or doc.text[doc[j].idx - 1] == "\n"


def _after_spaced_dash(doc: Doc, v: Token) -> bool:
    """``v`` follows a dash set off by spaces inside a line ("... of stable ties - argued the
    president."): the dash that closes a quotation whose opening dash scraped copy lost."""
    j = v.i - 1
    return (j >= 1 and doc[j].text in ("-", "–", "—") and bool(doc[j - 1].whitespace_)
            and bool(doc[j].whitespace_) and "\n" not in doc[j - 1].text and v.text[:1].islower())


def _inverted_speaker(v: Token) -> Token | None:
    """The noun phrase right after the verb that ends its clause ("- argued the president of
    Chad." or "..., according to"): the inverted speaker the parser took for an object. Not an
    object the verb's clause goes on after ("- urged the EU to act")."""
    after = next((c for c in v.rights if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
                  and c.pos_ in ("NOUN", "PROPN")), None)
    if after is None:
        return None
    end = after.right_edge.i + 1
    doc = v.doc
    if end < len(doc) and doc[end].text not in (".", ",", ";", "!", "?") and not doc[end].is_space:
        return None
    return after


def _after_quote_dash(doc: Doc, v: Token, in_quote: bytearray) -> bool:
    """``v`` follows the dash that closes a quotation ("- … - emphasized one of …")."""
    j = v.i - 1
    return j >= 1 and doc[j].text in ("-", "–", "—") and bool(in_quote[j - 1])


def _appositive_speaker(doc: Doc, v: Token, in_quote: bytearray) -> tuple[Token, int] | None:
    """"CONTENT, Anna Smith, a spokeswoman for the port, told reporters": a person's name set
    off by commas right before a verb with no subject, with its description between, that the
    parser hung as an appositive on the content's last noun (:data:`APPOSITIVE_SPEAKER`).
    Returns the name's head and the index of the comma that opens it."""
    j = v.i - 1
    if j < 1 or doc[j].text != ",":
        return None
    t = doc[j - 1]
    for _ in range(MAX_APPOSITIVE_CLIMB):
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and t.dep_ == "appos" and not in_quote[t.i]:
            first = min(g.i for g in t.lefts if g.dep_ in ("compound", "flat")) if any(
                g.dep_ in ("compound", "flat") for g in t.lefts) else t.i
            return (t, first - 1) if first >= 1 and doc[first - 1].text == "," else None
        if t.dep_ in ("pobj", "prep", "compound", "appos", "amod") and t.head.i < t.i:
            t = t.head
        else:
            return None
    return None


def _left_neighbour(doc: Doc, v: Token) -> Token | None:
    """A name right before the verb that the parser did not make its subject."""
    j = v.i - 1
    while j >= 0 and doc[j].dep_ in ("aux", "neg", "advmod") and j > v.i - 4:
        j -= 1
    if j >= 0 and (doc[j].pos_ in ("PROPN", "PRON") or doc[j].ent_type_ == "PERSON") and doc[j].dep_ != "nsubj":
        return doc[j]
    return None


def _document(t: Token, lex: Lexicon) -> bool:
    """A noun for words someone wrote or said: a cue or channel noun ("the report", "a
    statement"), or any noun owned by someone who can speak ("Davis' commentary")."""
    return (t.lemma_.lower() in lex.cue_nouns or t.lower_ in lex.channel_nouns
            or any(c.dep_ == "poss" and speech_subject(c, lex) for c in t.children))


def _owned_document(v: Token, lex: Lexicon) -> Token | None:
    """The document of an "in" phrase of an impersonal passive, when it names its owner ("In
    the Sunday report of the General Staff, it was reported that …", "in the ministry's
    statement it was said that …"): the source is that document, and through it its owner. A
    document with no owner ("in a statement, it was said") leaves the report unattributed."""
    for c in v.children:
        if c.dep_ != "prep" or c.lower_ != "in":
            continue
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None or not (pobj.lemma_.lower() in lex.cue_nouns or pobj.lower_ in lex.channel_nouns):
            continue
        for g in pobj.children:
            if g.dep_ == "poss" and g.pos_ != "PRON":
                return pobj
            if g.dep_ == "prep" and g.lower_ in ("of", "by", "from") and any(
                    x.dep_ == "pobj" and x.pos_ in ("PROPN", "NOUN") for x in g.children):
                return pobj
    return None


def _passive_as_source(v: Token, lex: Lexicon) -> Token | None:
    """The source of a passive "as" aside: the agent ("as reported by Reuters"), else the
    document of an "in" phrase ("as stated in the report"); None when it names neither."""
    for c in v.children:
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if c.dep_ == "agent" and speech_subject(pobj, lex):
            return pobj
        if c.dep_ == "prep" and c.lower_ == "in" and _document(pobj, lex):
            return pobj
    return None


#: Finite verb tags: a finite verb of the main clause has a subject, so one with none lost it
#: to the parse.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: The longest bracket skipped before a verb ("Sen. Lindsey Graham (R-SC) called"), and the
#: longest name read after an inverted verb ("said Bill Skelly"): short look-ups, so that a
#: hostile text of brackets or capitals stays linear.
MAX_BRACKET_TOKENS = 12
MAX_NAME_TOKENS = 6


def _stranded_subject(doc: Doc, v: Token, lex: Lexicon) -> Token | None:
    """The subject the parser hung elsewhere, for a finite main verb with none: the phrase
    right before the verb, past a comma or a bracket that closes it ("In a statement to the
    paper, her adviser, Jake Sullivan, said: …", "Sen. Lindsey Graham (R-SC) called …"),
    when someone who can speak heads it."""
    if v.dep_ != "ROOT" or v.tag_ not in FINITE_TAGS:
        return None
    j = v.i - 1
    while j >= 0 and doc[j].dep_ in ("aux", "neg", "advmod") and j > v.i - 4:
        j -= 1
    if j >= 0 and doc[j].text == ")":
        k = j
        while k >= 0 and k > j - MAX_BRACKET_TOKENS and doc[k].text != "(":
            k -= 1
        if k < 0 or doc[k].text != "(":
            return None
        j = k - 1
    elif j >= 0 and doc[j].text == ",":
        j -= 1
    if j < 0 or doc[j].is_punct or doc[j].pos_ not in ("PROPN", "NOUN", "PRON") or doc[j].head.i > v.i:
        return None
    t = doc[j]
    # an appositive of some other phrase ("her adviser, Jake Sullivan"), or a person's name;
    # the object of a preposition is a phrase of its own ("the share of voters")
    if not (t.dep_ == "appos" or (t.ent_type_ == "PERSON" and t.dep_ != "pobj")):
        return None
    return t if speech_subject(t, lex) else None


def _inverted_subject(doc: Doc, v: Token, in_quote: bytearray) -> Token | None:
    """"“…,” said Skelly": the name after a verb that follows a quotation or a comma is its
    subject, even when the tagger took an unknown name for an adverb or an object."""
    j = v.i - 1
    if j < 0 or not (doc[j].text in QUOTE_CLOSERS or doc[j].text == ","):
        return None
    k = v.i + 1
    while (k < len(doc) and k <= v.i + MAX_NAME_TOKENS and doc[k].is_title and doc[k].is_alpha
           and not in_quote[k] and doc[k].pos_ != "PRON"):
        k += 1
    if k == v.i + 1 or doc[k - 1].dep_ in ("dobj", "dative"):
        return None  # "“…,” he tells Breitbart News": the one told
    return doc[k - 1]


def _channel(v: Token, lex: Lexicon) -> list[int]:
    """"in a statement" right after the verb joins the cue."""
    for c in v.rights:
        if c.dep_ == "prep" and c.lower_ in CHANNEL_PREPS and c.i <= v.i + 3:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in lex.channel_nouns:
                return list(range(c.i, pobj.i + 1))
    return []


def verb_candidate(doc: Doc, v: Token, cls: str, lex: Lexicon, in_quote: bytearray,
                   ix: Context) -> Candidate | None:
    # "- … in this matter - said Scholz.He noted …": with the sentence after glued on, the
    # parser takes the verb after a quotation's closing dash for a modifier of the name
    dash_amod = (v.dep_ == "amod" and v.head.i == v.i + 1 and v.head.pos_ == "PROPN"
                 and _after_quote_dash(doc, v, in_quote) and not in_quote[v.i])
    if v.dep_ in SKIP_VERB_DEPS and not (v.dep_ == "acl" and v.tag_ == "VBG") and not dash_amod:
        return None
    if v.dep_ == "xcomp" and v.head.pos_ == "VERB" and v.head.lemma_.lower() in lex.verbs:
        return None  # "refused to pledge to ...": the head verb's content already holds it
    lemma = v.lemma_.lower()
    cue = [v.i]
    deps = CLASS_DEPS.get(cls, frozenset())
    content: list[int] = []
    object_content: list[int] = []
    clausal = False  # some content is a clause (or a quotation), not only a noun phrase
    for c in v.children:
        if c.dep_ == "prt" and (lemma, c.lower_) in lex.phrasal:
            cue.append(c.i)
            deps = deps | CLASS_DEPS["stance"]
        elif c.dep_ == "prep" and (lemma, c.lower_) in lex.phrasal:
            cue.append(c.i)
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    content.extend(subtree_indices(g))
                    clausal = clausal or _is_clause(g, in_quote)
        elif c.dep_ == "advcl" and c.i > v.i and PHRASAL_CLAUSES:
            # "called for all candidates to lay out …": the parser takes the preposition of the
            # cue for the marker of an infinitive clause with its own subject
            mark = next((g for g in c.children if g.dep_ == "mark" and g.i == c.left_edge.i), None)
            if mark is not None and (lemma, mark.lower_) in lex.phrasal and any(
                    g.dep_ == "nsubj" for g in c.children):
                cue.append(mark.i)
                deps = deps | CLASS_DEPS["stance"]
                content.extend(subtree_indices(c, {mark.i}))
                clausal = True
    if cls == "phrasal" and len(cue) == 1:
        return None
    as_mark = (v.dep_ == "advcl" and v.head.pos_ in ("VERB", "AUX")
               and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children))
    as_clause = as_mark and any(c.dep_ == "nsubj" for c in v.children)  # not "as expected"
    # "As reported by X, ...", "As stated in X's commentary, ...": the passive aside names its
    # source as the agent or as the document the words are in
    as_source = _passive_as_source(v, lex) if as_mark and not as_clause and v.tag_ == "VBN" else None
    if cls == "aside" and not as_clause:
        return None
    if cls == "speech" and any(c.dep_ == "xcomp" for c in v.children) and any(
            c.dep_ == "dobj" for c in v.children):
        deps = deps | {"xcomp", "dobj"}  # "told his advisers to find a way"
    if cls in GERUND_CLASSES and any(c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > v.i for c in v.children):
        deps = deps | {"xcomp"}  # "He said legalizing it could put ...": the parser's gerund
    right = any(c.i > v.i and (c.dep_ in CLAUSE_DEPS or c.dep_ in deps) for c in v.children)
    quoted_left = any(c.i < v.i and c.dep_ in CLAUSE_DEPS and in_quote[c.left_edge.i] for c in v.children)
    for c in v.children:
        if c.dep_ in CLAUSE_DEPS or c.dep_ in deps:
            if right and c.i < v.i and not in_quote[c.left_edge.i] and not in_quote[c.i]:
                continue  # "While he agreed ..., Ham noted that ...": the content is on the right
            if quoted_left and c.i > v.i and not in_quote[c.left_edge.i] and c.left_edge.lower_ != "that":
                continue  # "“It's over,” she said of the vote, in which she was sure X would win"
            content.extend(subtree_indices(c, asides(c, lex) | _stray_participles(c, lex, in_quote)))
            clausal = clausal or _is_clause(c, in_quote)
        elif c.dep_ == "conj" and content and c.i > max(content) and _continues(c, lex):
            content.extend(subtree_indices(c, asides(c, lex)))  # "X said that A, but B"
        elif c.dep_ == "prep" and c.lower_ in STANCE_PREPS and cls in ("stance", "phrasal") and content:
            content.extend(subtree_indices(c))  # "described X as ...", "accused X of ..."
        elif c.dep_ in ("dobj", "dative") and cls in ("speech", "intent", "evidence"):
            clause = _that_clause(c)  # "told a meeting of leaders that ..." (mis-parsed)
            if clause:
                content.extend(clause)
                clausal = True
            elif c.dep_ == "dobj" and lemma in lex.object_verbs and c.pos_ != "PRON":
                # "he mentioned the deal"
                object_content.extend(subtree_indices(c, _relative_reports(c, lex) if RELATIVE_REPORT_STOP else None))
                object_content.extend(_object_rest(v, c, lex))
    if content and SUBJECT_AS_OBJECT:
        content.extend(_object_as_subject(v, content, in_quote))
    if not content and cls == "speech" and REPORTED_ADVCL:
        reported = _reported_advcl(v, in_quote)
        if reported:
            content, clausal = reported, True
    channel = _channel(v, lex)
    if not content and channel:
        content = _that_clause(doc[channel[-1]])  # "said in a statement that ..." (mis-parsed)
        clausal = bool(content)
    if not content and STRAY_THAT_CLAUSES:
        content = _stray_that_clause(v, lex)  # "reported at the time that …" (mis-parsed)
        clausal = bool(content)
    if not content and object_content and OBJECT_CONTENT:
        content = object_content
    cue.extend(channel)
    cue.sort()
    if _expl_passive(v):
        if lemma in lex.unattributed_verbs and content:
            owned = _owned_document(v, lex) if OWNED_DOCUMENT_SOURCE else None
            if owned is not None:
                # "In the report of the General Staff, it was reported that …": the report speaks
                return Candidate(cue, owned, pieces(doc, content), anchor=v.i)
            return Candidate(cue, None, pieces(doc, content), kind="unattributed", anchor=v.i)
        return None
    src = as_source or subject(v, in_quote, lex)
    if as_source is not None:
        as_clause = True
    if (src is not None and as_source is None and in_quote[src.i] and not in_quote[v.i]
            and _after_quote_dash(doc, v, in_quote)):
        # "- Michel condemned the war … - emphasized one of the EU officials.": the subject the
        # parser found (or inherited) is inside the quotation; the speaker follows the verb
        src = None
        content, object_content = [], []
        after = next((c for c in v.rights if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
                      and c.pos_ in ("NOUN", "PROPN", "NUM")), None)
        if after is not None:
            src = after
    if src is None and dash_amod:
        # the quotation's words are the marked tokens before the dash (the parser hung some
        # of them on the name, so the name's subtree cannot bound them)
        src = v.head
        j = v.i - 2
        while j >= 0 and in_quote[j] and "\n" not in doc[j].text:
            j -= 1
        content, object_content, clausal = list(range(j + 1, v.i - 1)), [], True
    if src is None and _after_line_dash(doc, v):
        # "…inviolable ¶ - wrote the head of the European Council.": the parser takes the
        # inverted subject for an object
        src = next((c for c in v.rights if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
                    and c.pos_ in ("NOUN", "PROPN")), None)
        if src is not None:
            content = [i for i in content if i not in {t.i for t in src.subtree}]
            object_content = []
    inverted = _inverted_speaker(v) if as_source is None and _after_spaced_dash(doc, v) else None
    if inverted is not None and (src is None or src.i < v.i):
        # "Cooperation is a guarantee of stable ties - argued the president of Chad.": a
        # quotation whose opening dash was lost; what stands before the dash is the content
        # (and a subject the parser found there, or gave a conjunct, is no speaker)
        src = inverted
        if src is not None:
            dash = v.i - 1
            content = [i for i in content if i < dash]
            if not content and v.dep_ == "conj" and v.head.i < dash:
                content = [i for i in subtree_indices(v.head, {v.i}) if i < dash]
            object_content = []
            clausal = bool(content)
    if src is not None and src.head.dep_ == "agent" and not content:
        # "calls for an inquiry were rejected by the council": the passive subject is the content
        content = [i for c in v.children if c.dep_ == "nsubjpass" for i in subtree_indices(c)]
    if src is None and v.dep_ not in INHERIT_DEPS:
        src = _left_neighbour(doc, v) or _stranded_subject(doc, v, lex) or _inverted_subject(doc, v, in_quote)
    if src is None and APPOSITIVE_SPEAKER and content and max(content) < v.i:
        set_off = _appositive_speaker(doc, v, in_quote)
        if set_off is not None and set_off[0].i in content:
            # "…, Myhailo Vershynin, chief of the patrol police, told CNN": the parser hung the
            # speaker and his description on the last noun of the content
            src = set_off[0]
            content = [i for i in content if i < set_off[1]]
    if src is None and content and PASSIVE_PARTICIPLE_ADDRESSEE and _passive_participle(v, lex):
        # "Asked whether he would run, …": words reported with their speaker unnamed
        return Candidate(cue, None, pieces(doc, content), kind="unattributed", anchor=v.i)
    if src is None or src.i in content:
        return None
    if content and not clausal and SPEECH_SUBJECT_FOR_OBJECTS and not speech_subject(src, lex):
        # "Lakefront offers about 30 styles", "This image shows ...": a verb whose only
        # complement is a noun phrase reports speech only when someone who can speak is its subject
        return None
    if as_clause and (not content or cls == "aside"):
        # "As Zelensky put it, the war will be won ...": the clause the aside hangs on
        content = subtree_indices(v.head, {v.i})
        return Candidate(cue, src, pieces(doc, content), anchor=v.i, content_left=False)
    if (not content and v.dep_ in INSERTED_DEPS and v.head.pos_ in ("VERB", "AUX")
            and _set_off(doc, v, src)):
        # "The war, he said, will end soon": the verb hangs on the content it reports
        content = subtree_indices(v.head, {v.i})
        return Candidate(cue, src, pieces(doc, content), anchor=v.i, content_left=True)
    if not content and v.dep_ == "parataxis":
        # "The difference, he told me on Friday, is that ...": the cue clause with its own
        # object and adjuncts, set off inside the sentence it reports
        content = _inserted_content(doc, v, ix.sent(v.i))
        if content:
            return Candidate(cue, src, pieces(doc, content), anchor=v.i, content_left=True)
    if content:
        left = max(content) < v.i
        if left:
            content.extend(_resumed(doc, v, src, ix.sent(v.i)[1]))
        else:
            content.extend(_trailing(v, content, {*cue, *(t.i for t in src.subtree)}, lex, in_quote))
        return Candidate(cue, src, pieces(doc, content), anchor=v.i, content_left=left)
    nxt = v.i + 1
    while nxt < len(doc) and (doc[nxt].is_space or doc[nxt].i in cue):
        nxt += 1
    if nxt < len(doc) and doc[nxt].text == ":":
        return Candidate(cue, src, [], anchor=v.i, needs_content=True)
    left_tokens = _left_content(doc, ix.sent(v.i), v, src, lex, in_quote)
    if left_tokens and any(c.dep_ in ("dobj", "ccomp", "xcomp", "conj") for c in v.rights) and not (
            doc[left_tokens[-1] + 1].text in QUOTE_CLOSERS or doc[left_tokens[-1]].text in QUOTE_CLOSERS):
        left_tokens = []  # "In Honolulu, he told a meeting ...": the verb has its own object
    if left_tokens:
        return Candidate(cue, src, pieces(doc, left_tokens), anchor=v.i, content_left=True)
    return Candidate(cue, src, [], anchor=v.i, needs_content=True)


def _finite(c: Token) -> bool:
    return c.tag_ in FINITE_TAGS or any(g.dep_ in ("aux", "auxpass") and g.tag_ in FINITE_TAGS for g in c.children)


def _object_as_subject(v: Token, content: list[int], in_quote: bytearray) -> list[int]:
    """The object right before a subjectless finite clausal complement of ``v``, when that
    clause is the content (:data:`SUBJECT_AS_OBJECT`)."""
    have = set(content)
    for c2 in v.children:
        if (c2.dep_ != "ccomp" or c2.i < v.i or c2.i not in have or not _finite(c2)
                or any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c2.children)):
            continue
        c1 = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i < c2.i
                   and c.right_edge.i + 1 == c2.left_edge.i), None)
        if (c1 is not None and c1.pos_ in ("NOUN", "PROPN") and not in_quote[c1.i]
                and not any(t.ent_type_ == "PERSON" for t in c1.subtree)):  # "told Smith": the addressee
            return [i for i in subtree_indices(c1) if i not in have]
    return []


def _reported_advcl(v: Token, in_quote: bytearray) -> list[int]:
    """A finite clause with its own subject and no subordinating word, hung on a verb of speech
    as an adverbial clause after it (:data:`REPORTED_ADVCL`)."""
    for c in v.children:
        if (c.dep_ != "advcl" or c.i < v.i or in_quote[c.i] or not _finite(c)
                or not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                or any(g.dep_ == "mark" or (g.tag_ == "WRB" and g.i < c.i) for g in c.children)):
            continue
        if any(doc_t.text in (",", ";", ":") for doc_t in v.doc[v.i + 1:c.left_edge.i]):
            continue  # "he said, and the troops …": set off, not a complement
        return subtree_indices(c)
    return []


def find_cues(doc: Doc, lex: Lexicon, in_quote: bytearray, ix: Context) -> list[Candidate]:
    """Every cue of the document, in text order (tokens picked by array look-ups)."""
    out: list[Candidate] = []
    cue_verbs: set[int] = set()
    according: list[Token] = []
    first, second = (*lex.according, "", "")[:2]
    for i in cue_positions(ix, lex):
        t = doc[i]
        low = t.lower_
        if low == first:
            if i + 1 < len(doc) and doc[i + 1].lower_ == second:
                according.append(t)
            continue
        if t.pos_ == "VERB":
            cls = lex.verbs.get(t.lemma_.lower())
            if cls is None and low[-1:] in ("d", "s"):
                cls = lex.verbs.get(low[:-1])  # the lemmatiser's "hoped", "hopes" -> "hop"
            if cls is None:
                continue
            cand = verb_candidate(doc, t, cls, lex, in_quote, ix)
            if cand is not None:
                cand.inside_quote = bool(in_quote[t.i])
                out.append(cand)
                cue_verbs.add(t.i)
        elif t.pos_ == "NOUN" and t.lemma_.lower() in lex.cue_nouns:
            cand = noun_candidate(doc, t)
            if cand is not None:
                cand.inside_quote = bool(in_quote[t.i])
                out.append(cand)
        elif low in lex.adverbs:
            cand = adverb_candidate(doc, t)
            if cand is not None:
                # "“Allegedly, their impact is selective,” he said": the speaker's own word
                cand.inside_quote = bool(in_quote[t.i])
                out.append(cand)
    for t in according:
        cand = according_candidate(doc, t, cue_verbs)
        if cand is not None:
            cand.inside_quote = bool(in_quote[t.i])
            out.append(cand)
    out.sort(key=lambda c: c.anchor)
    return out


#: Any verb whose complement is a quotation reports those words ("the protesters chanted
#: “…”", "a man yelled “Stay there!”", "the sign read “…”"), whatever the verb: the
#: quotation marks, not the verb, say that words are reported. Figures in docs/quotes.md.
QUOTED_COMPLEMENT_CUES = True
#: Punctuation between such a verb and its quotation ("reads, “…”", "wrote: “…”").
QUOTED_COMPLEMENT_GAP = frozenset({",", ":"})


def _quoted_words(doc: Doc, first: int, in_quote: bytearray) -> bool:
    """The quotation starting at token ``first`` holds a sentence or a cry, not a title: a
    verb, or an end mark inside the marks ("“Stay there!”")."""
    j = first
    while j < len(doc) and in_quote[j]:
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", "!", "?"):
            return True
        j += 1
    return False


def quoted_complement_cues(doc: Doc, lex: Lexicon, in_quote: bytearray, taken: set[int]) -> list[Candidate]:
    """Verbs outside the lexicon followed by a quotation that is their complement, with a
    subject that can speak: a cue waiting for that quotation (the linker attaches it)."""
    out: list[Candidate] = []
    if not QUOTED_COMPLEMENT_CUES:
        return out
    for v in doc:
        finite_acl = v.dep_ == "acl" and v.tag_ in ("VBD", "VBZ")  # "A man yelled “…”" misparsed
        if (v.pos_ != "VERB" or v.i in taken or in_quote[v.i] or (v.dep_ in SKIP_VERB_DEPS and not finite_acl)
                or v.lemma_.lower() in lex.verbs):
            continue
        j = v.i + 1
        while j < len(doc) and (doc[j].is_space or (doc[j].text in QUOTED_COMPLEMENT_GAP and j == v.i + 1)):
            j += 1
        # the opening mark, then the first quoted word, which must hang on this verb
        if j + 1 >= len(doc) or (in_quote[j - 1] and j - 1 > v.i) or not in_quote[j + 1]:
            continue
        h = doc[j + 1]
        while h.head.i != h.i and h.i != v.i and h.head.i >= v.i:
            h = h.head
        # the quotation hangs on the verb, or the verb on the quotation ("it reads, “…”")
        hangs = h.i == v.i or (v.dep_ in INSERTED_DEPS and in_quote[v.head.i] and v.head.i > j)
        if not hangs or not _quoted_words(doc, j + 1, in_quote):
            continue
        src = subject(v, in_quote, lex)
        if src is None or not speech_subject(src, lex):
            continue
        out.append(Candidate([v.i], src, [], anchor=v.i, needs_content=True))
    return out


#: A verb outside the lexicon reports a stance when its complement is a finite "that" clause
#: with a subject of its own and its subject can speak ("investigators discovered that ...",
#: "the judge ruled that ...", "she recognized that ..."): issue 17's "a speech or cognition
#: cue whose subject is a person, group, organisation or document, and a clausal complement",
#: read from the complement's kind rather than from a list of verbs. An expletive "it" ("it
#: appears that ...") is no speaker. On PolNeAR it raised content F1 (dev tune 0.770 -> 0.772,
#: check 0.745 -> 0.747; train tune 0.714 -> 0.717), two thirds of the quotes it adds matching
#: a gold one. **Off by default** (precision first): merged with the sixth pass's speaker links,
#: the quotes it adds are right about half the time (PolNeAR dev who-said-what: tune +5 right
#: of +10 records, check +5 of +9, against a layer precision of 0.83), and on the war
#: annotations' check parts it gave 2 more wrong persons (0.028 -> 0.037 of 216 quotes, the
#: issue's bar is 0.03) and one fewer right name. A verb outside the lexicon with a "that"
#: clause is as often a finding or a ruling as a statement, and the issue's aside Canadian set
#: already over-produced indirect quotes. Turn it on for recall.
THAT_CLAUSE_CUES = False


def that_clause_cues(doc: Doc, lex: Lexicon, in_quote: bytearray, taken: set[int]) -> list[Candidate]:
    """Verbs outside the lexicon whose complement is a "that" clause with its own subject,
    when their subject can speak (:data:`THAT_CLAUSE_CUES`): the clause is the content."""
    out: list[Candidate] = []
    if not THAT_CLAUSE_CUES:
        return out
    for v in doc:
        if (v.pos_ != "VERB" or v.i in taken or in_quote[v.i] or v.dep_ in SKIP_VERB_DEPS
                or v.lemma_.lower() in lex.verbs):
            continue
        comp = [c for c in v.children if c.dep_ == "ccomp" and c.i > v.i
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)]
        if not comp:
            continue
        src = subject(v, in_quote, lex)
        if src is None or src.lower_ in PRONOUN_IT or not speech_subject(src, lex):
            continue
        content = subtree_indices(comp[0], asides(comp[0], lex))
        out.append(Candidate([v.i], src, pieces(doc, content), anchor=v.i))
    return out
