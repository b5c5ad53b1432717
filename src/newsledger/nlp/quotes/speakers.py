"""Resolve a cue's source phrase to an :class:`Attribution`.

Names come from the entities layer's records (through the shared context, which computes
them with the entities layer's defaults when that layer is not in the pipeline), else from
``doc.ents`` with the most complete name of the same person in the article.
Role and affiliation come from the entity, an appositive ("Gressel, a Ukraine war analyst at
the European Council on Foreign Relations") or title pre-modifiers ("Ukrainian President").
Pronouns go to the nearest compatible earlier person; groups and anonymous sources ("Some
analysts", "a senior official") stay unnamed, never a made-up person.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from ...lexicons import title_abbreviations
from ...models import Attribution, Entity, TextSpan
from ..chains import chains_of, is_given_name
from ..context import Context
from ..entities.lexicon import demonyms
from ..entities.repair import name_continues
from ..entities.roles import SURNAME_PARTICLES, clean_role, is_portfolio
from ..spelling import same_name
from .lexicon import Lexicon
from .sourcetype import classify, words
from .subjects import AGENT_SUFFIXES, PERSON_NOUNS, speech_subject
from .subjects import role_nouns as _role_nouns

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
AFFILIATION_LABELS = frozenset({"GPE", "NORP", "ORG", "FAC", "LOC"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
ORG_PRONOUNS = frozenset({"it", "its"})
AFFILIATION_PREPS = frozenset({"at", "of", "for", "with", "from", "in"})
#: Source types whose holder's demonym is a nationality, not the body served: "the Ukrainian
#: military expert" has no affiliation, where "the Ukrainian leader" or "Ukrainian media" keep
#: the country (the entities layer's normalisation). Chosen from the issue 23 directory: an
#: expert's affiliation is the body they work for, which a demonym never names.
NATIONALITY_SOURCE_TYPES = frozenset({"expert"})
SKIP_DEPS = frozenset({"det", "predet", "punct", "case", "cc"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame"})
#: A pronoun looks back at most this many sentences for its person: a choice, not a
#: measurement; it leaves room for a quotation between the name and "he", and beyond it the
#: previous speaker (MAX_SPEAKER_CARRY_SENTENCES) is the better guess.
MAX_PRONOUN_SENTENCES = 4
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: A person named inside the clausal complement (these dependencies on the way up) of a verb of
#: the lexicon whose subject is another is in reported words: no antecedent of "he"/"she"
#: (issue 17, session 11; a syntactic reading of the constraint that a name inside the quoted
#: words never resolves the pronoun that attributes them). MAX_REPORT_DEPTH bounds the walk up
#: the tree (deeper paths are long coordinations, where the parse is least sure).
REPORTED_CLAUSE_MENTIONS = True
#: Pronoun subjects of a person reporting or holding an attitude: third person, and the first
#: person of quoted or headline words ("Biden: I am convinced that Putin …").
REPORTING_PRONOUNS = frozenset(PERSON_PRONOUNS) | {"i", "we"}
REPORT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
MAX_REPORT_DEPTH = 8
#: The fallback for names the NER missed (``_proper_subject``) skips the persons the pronoun's
#: own search already weighed and refused (gender, reported words): before, it handed back a
#: person refused for gender or for standing in reported words (issue 17, session 11); nor is
#: an acronym in capitals ("USA", "NATO") a person's name.
PROPER_SUBJECT_CONSTRAINTS = True
#: "he"/"she" goes to the previous quote's speaker, when no person is named after it, up to
#: this many sentences on: a speaker's quotation paragraph often runs 3-6 sentences before
#: "He added: ...".
MAX_SPEAKER_CARRY_SENTENCES = 10

#: "The ministry issued a statement saying …", "Trump released a video that said …": a
#: document noun (``cue_nouns.txt``, ``channel_nouns.txt``) that speaks as the direct object of
#: a verb of issuing it (``issuing_verbs.txt``) speaks for that verb's subject when the subject
#: can speak (codebook: a text's words are its author's). Figures in docs/quotes.md (tenth
#: pass).
ISSUER_OF_DOCUMENT = True
#: Prepositions of the medium a statement went through ("wrote on Twitter", "via Telegram").
CHANNEL_NAME_PREPS = frozenset({"on", "via"})
#: "The minister said" goes to the one person named earlier with that role (issue 17).
ROLE_BACKLINK = True
#: "…, according to the Ukrainian Deputy Prime Minister" with no holder named before: the
#: one holder named later in the article, link ``after`` (issue 17, sixth pass: one more
#: right speaker on the war annotation's tune part, none lost on check).
ROLE_FORWARD = True
#: "…, a UK defence minister has said. ¶ James Heappey said …": an indefinite description
#: with no one named before it is the person the next sentence names as the subject of a verb
#: of saying (link ``after``; issue 17, eleventh pass: figures in docs/quotes.md).
INDEFINITE_FORWARD = True
#: "The Russian tycoon, who founded …, wrote …": a definite description that a
#: non-restrictive "who" clause marks as a person continues the passage's speaker, as a
#: generic role noun does (issue 17, eleventh pass: figures in docs/quotes.md).
DESCRIBED_PERSON = True
#: "…, General and later President Dwight D. Eisenhower, remarked": a bare title in
#: apposition, coordinated with a person's name, stands for that person (issue 17, eleventh
#: pass: figures in docs/quotes.md).
COORDINATED_TITLES = True
#: Role nouns that name whoever heads a body, whatever the title ("the head of state", "the
#: Belarusian leader"): a description with one of these may continue the passage's speaker
#: when no one named has a role of that word.
#: "Ukraine's prime minister", "the UK’s foreign secretary": a country as the owner of a role
#: noun is a definite description like "the Ukrainian prime minister" and is linked back to the
#: one holder of that role (issue 17, session 11: such descriptions stayed unnamed; before,
#: any owner stopped the back-reference).
COUNTRY_OWNER_DEFINITE = True
#: "- … - said the director of the institution Maryna Hanicka, which CNN quotes.": a description
#: whose phrase ends in a name before a relative clause is that name, as without the clause
#: (issue 17, session 11; the relative clause was read as the end of the phrase).
TRAILING_NAME_BEFORE_RELATIVE = True
#: "…,” Brazilian leader noted.": a singular role noun with no determiner as the subject of a
#: verb of saying (headline style, translated copy) is read as definite, "the Brazilian
#: leader" (issue 17, session 11).
BARE_ROLE_DEFINITE = True
#: A description linked to a person whose role the article never gave lends that person its
#: role and affiliation for later descriptions (the chain holds descriptions as mentions).
DESCRIPTION_JOINS_CHAIN = True
#: "he"/"she" continues the passage's speaker (the last person who spoke, within
#: MAX_SPEAKER_CARRY_SENTENCES, gender agreeing) over a person named after that speaker in an
#: earlier sentence in no subject's place: salience, not the most recent name (issue 17's
#: "current speaker"; session 11).
SPEAKER_OVER_MENTION = True
#: A one-word mention takes the article's full name of that person: a mention counts as one word
#: by its spaces, not its tokens, so "Cranny-Evans" (three tokens) is a surname that takes
#: "Sam Cranny-Evans", not a full name of its own (issue 17, session 11).
WORDS_NOT_TOKENS = True
#: A name whose NER span starts with a known given name does not run on over a word before it
#: that is no given name and that the NER typed otherwise ("Republican" NORP + "Michael Turner",
#: "DNI" ORG + "Avril Haines"): a given name starts a name (issue 17, session 11).
GIVEN_NAME_STARTS = True
#: "he"/"she" with no antecedent and no speaker to carry on is the one person named after it in
#: its own sentence (translated copy: "… - he assured …, Deputy Secretary X quoted by …"); link
#: ``after`` (issue 17, session 11).
NAMED_LATER_IN_SENTENCE = True
GENERIC_HEADS = frozenset({"head", "leader", "chief"})
#: An unnamed group's description takes the place named right after it ("the authorities in
#: Beijing said", "officials in Kyiv say"): who they are, not where they spoke. Figures in
#: docs/quotes.md (ninth pass).
PLACE_OF_GROUP = True
#: A capitalised title word right before an organisation's name, with nothing between ("the
#: General Staff of the Ukrainian Armed Forces" when the NER typed only "Staff of …" ORG), is
#: part of the body's name, not its role: roles are for people. Figures in docs/quotes.md
#: (ninth pass).
ORG_TITLE_IN_NAME = True
#: Issue 17, session 11 (second pass; tests in tests/test_quotes_speakers13.py):
#: a role abbreviated before a name ("Sen. Lindsey Graham") is the title it abbreviates
#: (``data/title_abbreviations.tsv``): "the senator" refers back to him.
TITLE_ABBREVIATIONS = True
#: A role noun for a person ("the president") never refers back to a name the source-type
#: lexicon types as a media outlet ("Russian President Ria Novosti", a name the NER took for a
#: person's); an outlet holds no person's office.
OUTLET_HOLDS_NO_ROLE = True
#: Issue 17, session 12: a speaker whose entity is an organisation, a place or a group ("the
#: Ukrainian agency Ukrinform", a name in apposition to a noun for a body) is no person whom a
#: later "he"/"she" continues; before, any description with a name made the passage's speaker.
BODY_IS_NO_SPEAKER_TO_CARRY = True
#: Issue 17, session 12 (tests in tests/test_quotes_speakers14.py): a definite singular
#: description of a person ("The Russian leader said", "the politician added") with no holder
#: of its role and no speaker to continue is the one person named (outside quotation marks and
#: reported words) within MAX_PRONOUN_SENTENCES before it, when that person was named as a
#: subject there and nothing in the person's role or affiliation contradicts the description:
#: salience, the news convention of naming a person and then describing them. Two people
#: named in that stretch leave the description unnamed (precision first). Its own link,
#: ``salient``, set by hand (``QuotesConfig.speaker_confidence``), so such records stay hidden
#: by default until measured.
SALIENT_DESCRIPTION = True
#: A salient description may also take the one person it fits named in no subject's place when
#: everyone else named in that stretch is excluded by what the article says of them (another
#: office, another country): "Blinken, the American secretary of state, … in a call with the
#: head of the Russian foreign ministry Sergei Lavrov. The Russian minister assured …".
SALIENT_BY_ELIMINATION = True
#: Derivational endings of nouns for persons that a salient description may have when its noun
#: is no role of ``data/titles.tsv`` ("the oppositionist", "the politician", "the strongman"):
#: a closed, morphological class, narrower than ``subjects.AGENT_SUFFIXES`` ("-er", "-or" and
#: "-ent" also end things: "the order", "the operator", "the document").
PERSON_NOUN_SUFFIXES = ("ist", "ian", "man", "woman")

#: Marks that set a description off after a name ("Andriy Yermak – chief adviser …").
APPOSITION_MARKS = frozenset({",", "–", "—", "-"})
#: Verbs of saying that continue the previous quote's speaker ("He added that …").
CONTINUATION_VERBS = frozenset({"add"})
#: Nouns for a body of any kind: "an analyst for the organisation" is the organisation
#: named before, whatever its name (a noun that names a kind, "the agency", must match it).
GENERIC_BODIES = frozenset({"organisation", "organization", "body", "group"})

Local = tuple[tuple[int, int] | None, tuple[int, int] | None]  # role, affiliation char spans


def np_bounds(tok: Token) -> tuple[int, int]:
    """Token bounds [lo, hi) of the source phrase ending at its head (no appositive)."""
    doc = tok.doc
    lo = tok.left_edge.i
    for j in range(tok.i - 1, lo - 1, -1):
        t = doc[j]
        if t.is_space or (t.is_punct and t.text not in ("-", "'", "’", ".", "&")) or (
                t.text == "-" and t.whitespace_ and j > 0 and doc[j - 1].whitespace_):
            lo = j + 1  # a dash set off by spaces ends the phrase (a hyphen joins words)
            break
    while lo < tok.i and doc[lo].tag_ in ("VBD", "VBZ"):
        lo += 1  # "- said Scholz" taken for one phrase: the verb is no part of the name
    hi = tok.i + 1
    if tok.ent_iob_ in ("B", "I"):
        while hi < len(doc) and doc[hi].ent_iob_ == "I":
            hi += 1
    return lo, hi


def _strip(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    while a < b and (doc[a].dep_ in SKIP_DEPS or doc[a].is_punct or doc[a].lower_ in ("the", "a", "an")):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].dep_ == "case"):
        b -= 1
    return (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) if b > a else None


def _field(pobj: Token) -> bool:
    """"professor of Russian politics", "expert in energy security": a common noun with no
    determiner and no name in it is a field of study or work, not a body."""
    return (pobj.pos_ == "NOUN" and not pobj.ent_type_
            and not any(c.dep_ in ("det", "poss") for c in pobj.children)
            and not any(t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "") for t in pobj.subtree))


def _prep_affiliation(head: Token) -> tuple[int, int] | None:
    """The body after the role noun's preposition ("a spokesman for the army", "an analyst at
    RUSI"); a field after it is skipped for the body named after the field ("associate
    professor of Russian politics at University College London" -> University College
    London), and a field alone is no affiliation."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if _field(pobj):
                inner = _prep_affiliation(pobj)  # "of Russian politics at UCL" parsed as one phrase
                if inner is not None:
                    return inner
                continue
            end = pobj.right_edge.i + 1
            return _strip(head.doc, pobj.left_edge.i, end)
    return None


def _role_noun(tok: Token, span: tuple[int, int]) -> tuple[int, int] | None:
    """A role is a role noun with its modifiers: never an age ("71-year-old"), an adjective
    alone ("true"), a figure or the words of another phrase (:func:`clean_role`)."""
    doc = tok.doc
    a, b = span
    words = doc.char_span(a, b, alignment_mode="expand")
    if words is None:
        return None
    kept = clean_role(words.text, words.start_char)
    if kept is None:
        return None
    last = doc.char_span(kept[0], kept[1], alignment_mode="expand")
    if last is None or last[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    if ROLE_HEAD_IS_PERSON_NOUN and not _person_word(last[-1]):
        return None  # "head of Russian diplomacy": "diplomacy" is the field, no one's role
    return kept


#: A role ends in a noun for a person (issue 17, session 12): a title or role noun of
#: ``data/titles.tsv``, a general person noun, or an agent noun by its derivational ending as
#: ``subjects.speech_subject`` reads it ("analyst", "negotiator"). The words before a name that
#: end in a field or a thing ("The head of Russian diplomacy Sergei Lavrov": "diplomacy";
#: "record collections", "agency") are no role; read off the dev war ledger's expert list.
ROLE_HEAD_IS_PERSON_NOUN = True


@cache
def _person_words() -> frozenset[str]:
    """The role nouns, their abbreviations ("sen") and the general nouns for people."""
    return _role_nouns() | PERSON_NOUNS | frozenset(title_abbreviations())


def _person_word(t: Token) -> bool:
    """Whether the word is a noun for a person, by the lexicon or its ending (a word test;
    :meth:`SpeakerResolver._person_noun` also asks for a bare definite subject)."""
    lemma = t.lemma_.lower()
    if t.lower_.rstrip(".") in _person_words() or lemma.rstrip(".") in _person_words():
        return True
    return len(lemma) > 5 and lemma.endswith(AGENT_SUFFIXES + PERSON_NOUN_SUFFIXES)


@cache
def _country_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each demonym with a compiled whole-word pattern of its country's lower-cased name
    ("american": "united states"), built once instead of on every role comparison."""
    return tuple((re.compile(rf"\b{re.escape(country.lower())}\b"), d) for d, country in demonyms().items())


def _edge_before_relative(tok: Token) -> Token:
    """The last token of ``tok``'s phrase without the relative clauses in it ("the director of
    the institution Maryna Hanicka, which CNN quotes" ends at "Hanicka")."""
    last = tok
    for c in tok.rights:
        if c.dep_ in ("relcl", "punct"):
            continue
        end = _edge_before_relative(c)
        if end.i > last.i:
            last = end
    return last


def _place_after(tok: Token) -> Token | None:
    """The last token of a place named right after a group noun ("the authorities in Beijing",
    "officials in Kyiv"): an "in" phrase whose object is a place (GPE), for a plural noun."""
    if tok.tag_ != "NNS":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in" and c.i == tok.i + 1:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ == "GPE" and pobj.right_edge.i == pobj.i:
                return pobj
    return None


def _own_adjunct(prep: Token) -> bool:
    """A phrase the parser hung on the source that is about the source's own act, not a
    body or a place it belongs to ("The Chancellor in his preliminary remarks pointed out"):
    its object is owned by a possessive pronoun. (A preposition that never introduces a body,
    "before talking to …", is no affiliation either: the caller lets it pass.)"""
    return any(g.dep_ == "pobj" and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in g.children)
               for g in prep.children)


def _balanced(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A phrase's brackets balanced: "the Centre for Naval Analysis (CNA" is taken with the
    bracket that closes right after it, or else cut before the open bracket; a closing bracket
    with no opener ends the phrase. None when nothing is left."""
    if span is None:
        return None
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None:
        return span
    a, b = words.start, words.end
    open_at: list[int] = []
    for j in range(a, b):
        if doc[j].text == "(":
            open_at.append(j)
        elif doc[j].text == ")":
            if not open_at:
                return _strip(doc, a, j)
            open_at.pop()
    if not open_at:
        return span
    if len(open_at) == 1 and b < len(doc) and doc[b].text == ")":
        return span[0], doc[b].idx + 1
    return _strip(doc, a, open_at[0])


def local_roles(tok: Token, name_start: int, lo: int) -> Local:
    """Role and affiliation written next to the source phrase, brackets balanced. Surname
    particles before the name are the name's ("President von der Leyen": the role "President")."""
    doc = tok.doc
    while name_start > lo and doc[name_start - 1].is_lower and doc[name_start - 1].lower_ in SURNAME_PARTICLES:
        name_start -= 1
    role, aff = _local_roles(tok, name_start, lo)
    return _balanced(doc, role), _balanced(doc, _before_person(doc, aff))


def _before_person(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """An affiliation is a body or a place, never a person: it ends before a person's name
    ("the Kremlin Dmitry Peskov" -> "the Kremlin"); None when it starts with one."""
    if span is None:
        return None
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None:
        return span
    at = next((t.i for t in words if t.ent_type_ == "PERSON"), None)
    if at is None:
        return span
    return _strip(doc, words.start, at)


def _local_roles(tok: Token, name_start: int, lo: int) -> Local:
    doc = tok.doc
    app = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if app is not None:
        a = app.left_edge.i
        aff = _prep_affiliation(app)
        poss = next((c for c in app.lefts if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ != "PRON":
            if aff is None:
                aff = _strip(doc, poss.left_edge.i, poss.right_edge.i + 1)
            a = poss.right_edge.i + 1
        role = _strip(doc, a, app.i + 1)
        return (_role_noun(tok, role) if role else None), aff
    role_toks: list[int] = []
    aff_toks: list[int] = []
    for j in range(lo, name_start):
        t = doc[j]
        if "\n" in t.text:  # a heading or an earlier line is not this speaker's title
            role_toks.clear()
            aff_toks.clear()
            continue
        if t.pos_ == "SCONJ":  # "While Ukrainian President ...": a clause starts here
            role_toks.clear()
            aff_toks.clear()
            continue
        if (t.dep_ in SKIP_DEPS or t.is_punct or t.lower_ in HONORIFICS
                or t.pos_ in ("PRON", "VERB", "ADP", "PART")):
            continue
        # a common noun the NER took for a body is the role's field ("Defense analyst")
        # and so is a portfolio ("Defence Minister")
        body = (t.ent_type_ in AFFILIATION_LABELS and (t.pos_ != "NOUN" or t.is_upper)
                and not is_portfolio(t))
        (aff_toks if body else role_toks).append(j)
    role = _strip(doc, min(role_toks), max(role_toks) + 1) if role_toks else None
    if role is not None:
        role = _role_noun(tok, role)
    aff = _strip(doc, min(aff_toks), max(aff_toks) + 1) if aff_toks else None
    if aff is None and name_start > tok.i:  # a common-noun source: "a spokesman for the army"
        aff = _prep_affiliation(tok)
    return role, aff


class SpeakerResolver:
    def __init__(self, doc: Doc, lex: Lexicon, ix: Context, quoted: bytearray | None = None):
        self.doc = doc
        self.chains = chains_of(ix, quoted)
        self.ix = ix
        self.text = ix.text
        self.lex = lex
        self.entities: dict[str, Entity] = {e.id: e for e in ix.required("entities")}
        self.ent_at: dict[int, str] = ix.entity_at
        self.sent_no = ix.sent_no  # token index -> sentence number
        self.person_heads: list[Token] = []
        self.org_heads: list[Token] = []
        self.full: dict[int, str] = {}  # head token index -> most complete name
        self.roles: dict[str, Local] = {}  # person name -> first role/affiliation found
        self.lent: dict[str, list[Local]] = {}  # person name -> roles of descriptions linked to them
        last_full: dict[str, str] = {}
        longest: dict[str, str] = {}
        def several(start: int, end: int) -> bool:
            # words, not tokens: a hyphenated surname ("Cranny-Evans", three tokens) is one word
            return len(doc[start:end].text.split()) > 1 if WORDS_NOT_TOKENS else end - start > 1

        for start, end, label in ix.ents:
            if label == "PERSON" and several(start, end):
                longest.setdefault(doc[end - 1].lower_, doc[start:end].text)
        for start, end, label in ix.ents:
            head = doc[end - 1]
            if label == "PERSON":
                last = head.lower_
                text = doc[start:end].text
                if several(start, end):
                    last_full[last] = text
                name = text if several(start, end) else last_full.get(last, longest.get(last, text))
                self.full[head.i] = name
                if not self.chains.inside_quote(head.i) and not self._channel_name(head):
                    self.person_heads.append(head)  # a name inside a quotation is never "he"
                lo, _ = np_bounds(head)
                # a given name the NER left out of this mention is no role ("Olaf" of "Olaf Scholz")
                own = min(start, self._name_run(head, lo, (start, end, label))) if head.pos_ == "PROPN" else start
                found = local_roles(head, own, lo)
                if name not in self.roles and (found[0] or found[1]):
                    self.roles[name] = found
            elif label == "ORG":
                self.org_heads.append(head)
            if (label != "PERSON" and head.i in self.chains.at and not self.chains.inside_quote(head.i)
                    and not self._channel_name(head)):
                # "Ms Sandu" typed ORG is still a mention of the person (chains.JOIN_MISTYPED_NAMES)
                self.person_heads.append(head)
        self.person_heads.sort(key=lambda t: t.i)
        # surname -> (entity, full name): "Gressel" tagged ORG is still Gustav Gressel
        self.surnames: dict[str, tuple[Entity | None, str]] = {}
        for e in self.entities.values():
            if e.label == "PERSON" and " " in e.name:
                key = e.name.split()[-1].lower()
                if len(e.name) > len(self.surnames.get(key, (None, ""))[1]):
                    self.surnames[key] = (e, e.name)
        for key, name in longest.items():
            self.surnames.setdefault(key, (None, name))
        # a one-word name -> the one longer name of the article it begins ("XI" of "XI Jinping",
        # family name first; "Olaf" of "Olaf Scholz"), whatever the NER called the longer name
        self.person_names: dict[str, Entity] = {
            e.name.lower(): e for e in self.entities.values() if e.label == "PERSON"}
        firsts: dict[str, set[str]] = {}
        for start, end, label in ix.ents:
            words_ = doc[start:end]
            if (label in ("PERSON", "ORG") and 2 <= end - start <= 3
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words_)
                    and words_[0].lower_ not in self.lex.type_first):
                firsts.setdefault(words_[0].lower_, set()).add(words_.text)
        self.first_words: dict[str, str] = {
            k: next(iter(v)) for k, v in firsts.items() if len(v) == 1 and k not in self.surnames}
        #: 1 for the tokens inside some quote's content (set by the component): a name there
        #: is another speaker's reported words, never the "he" of a verb of saying
        self.reported = bytearray()
        self.subjects: set[int] = set()
        self.history: list[tuple[int, Attribution]] = []  # (token index, attribution)
        self.salient: set[int] = set()  # descriptions linked by SALIENT_DESCRIPTION
        self.last_person: tuple[int, Attribution] | None = None  # the last person who spoke
        self.last_link = "named"  # how the last person who spoke was found
        #: how the last resolve() found its speaker (a key of QuotesConfig.speaker_confidence)
        self.link = "named"

    # ------------------------------------------------------------------ pronouns

    def _entity(self, i: int) -> Entity | None:
        eid = self.ent_at.get(i)
        return self.entities.get(eid) if eid else None

    def _gender_ok(self, head: Token, gender: str) -> bool:
        if head.i in self.chains.at:
            return self.chains.agrees(head.i, gender)
        ent = self._entity(head.i)
        return ent is None or ent.gender is None or ent.gender == gender

    def antecedent(self, pron: Token) -> Token | None:
        gender = PERSON_PRONOUNS[pron.lower_]
        k = bisect_left([h.i for h in self.person_heads], pron.i) - 1
        sent_start = self.ix.sent(pron.i)[0]
        seen = 0
        current: list[Token] = []
        cur_sent = -1
        while k >= 0:
            h = self.person_heads[k]
            k -= 1
            if not self._gender_ok(h, gender) or (h.i < len(self.reported) and self.reported[h.i]):
                continue
            if REPORTED_CLAUSE_MENTIONS and self._in_report(h, pron):
                continue
            if h.i >= sent_start:
                return h
            s = self.ix.sent(h.i)[0]
            if s != cur_sent:
                if current:
                    break
                cur_sent = s
                seen = self.sent_no[pron.i] - self.sent_no[s] + 1
                if seen > MAX_PRONOUN_SENTENCES:
                    return None
            current.append(h)
        if not current:
            return self._proper_subject(pron)
        subj = [h for h in current if h.dep_ in SUBJECT_DEPS or h.i in self.subjects]
        return subj[0] if subj else current[-1]

    def _mere_mention(self, ante: Token, pron: Token) -> bool:
        """The candidate is named in an earlier sentence in no subject's place (an object, an
        owner, a prepositional phrase: "Francis told the Jesuits about his visit to the
        Pope's embassy …" ¶ "…,” he revealed"): less salient than the passage's speaker, whom
        "he" continues (:data:`SPEAKER_OVER_MENTION`). An appositive or a compound name counts
        as its head's place; the agent of a passive ("summarised by … Ivo Daalder") is a subject."""
        if not SPEAKER_OVER_MENTION or self.ix.sent(ante.i)[0] == self.ix.sent(pron.i)[0]:
            return False
        if self.lex.verbs.get(pron.head.lemma_.lower()) != "speech":
            return False  # the convention is news reporting's "he said", not "he intended to …"
        if ante.i in self.subjects:
            return False
        head = ante
        for _ in range(4):
            if head.dep_ in ("appos", "compound", "flat", "conj") and head.head.i != head.i:
                head = head.head
            else:
                break
        if head.i in self.subjects or head.dep_ in SUBJECT_DEPS:
            return False
        return not (head.dep_ == "pobj" and head.head.dep_ == "agent")

    def _in_report(self, h: Token, pron: Token) -> bool:
        """The mention is inside the clause a verb of the lexicon reports for a subject of its
        own ("He stipulated that Russia would decide …, President Putin decides", "He stated
        that the war lasts longer than Putin expected"): the reported words, however far the
        quote's content was cut, never the antecedent of the "he" of a verb of saying. A clause
        whose subject is the pronoun itself does not count ("Putin cannot win …: he digs in")."""
        child, node = h, h.head
        for _ in range(MAX_REPORT_DEPTH):
            if node.i == child.i or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                return False  # a coordinated clause may be a main clause the parser hung lower
            if child.dep_ in REPORT_DEPS:
                holder = node.head if node.dep_ == "acomp" else node  # "I am convinced that …"
                subj = next((c for c in holder.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is not None and subj.i != pron.i and not subj.left_edge.i <= h.i <= subj.right_edge.i and (
                        node.lemma_.lower() in self.lex.verbs
                        or (child.dep_ == "ccomp" and (subj.lower_ in REPORTING_PRONOUNS or subj.ent_type_ == "PERSON"))):
                    # a verb of the lexicon, or any verb or adjective whose subject is a person
                    # and whose complement is a clause ("He stipulated that …", "She is
                    # convinced that …"): an utterance or an attitude, its words reported
                    return True
            child, node = node, node.head
        return False

    def _proper_subject(self, pron: Token) -> Token | None:
        """No person was recognised: the nearest earlier proper-name subject (names the
        tagger took for organisations, "Natalia Humeniuk is a spokeswoman. She said ...")."""
        start = self.ix.sent(pron.i)[0]
        for _ in range(MAX_PRONOUN_SENTENCES):
            if start == 0:
                return None
            start, end = self.ix.sent(start - 1)
            for t in self.doc[start:end]:
                if self.chains.inside_quote(t.i):
                    continue
                if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "NORP"):
                    if PROPER_SUBJECT_CONSTRAINTS and (
                            t.ent_type_ == "PERSON" or t.i in self.chains.at or (len(t) > 1 and t.text.isupper())
                            or (t.i < len(self.reported) and self.reported[t.i]) or self._in_report(t, pron)):
                        continue  # a person already weighed (gender, reported words) is no fallback
                    return t
        return None

    def _recent_group(self, pron: Token, orgs: bool) -> Attribution | None:
        """"they": a plural subject earlier in its own sentence ("Rescuers … arrive first, and
        they also say …"), else the last group or organisation that spoke; "it": also the
        nearest organisation named before."""
        if not orgs:
            start = self.ix.sent(pron.i)[0]
            for t in reversed(self.doc[start:pron.i]):
                if (t.dep_ == "nsubj" and t.tag_ in ("NNS", "NNPS") and not self.chains.inside_quote(t.i)
                        and not (t.i < len(self.reported) and self.reported[t.i])):
                    return self.named(t, None)
        for i, att in reversed(self.history):
            if self.sent_no[pron.i] - self.sent_no[i] + 1 > MAX_PRONOUN_SENTENCES:
                break
            ent = self.entities.get(att.entity_id or "")
            if (not att.named or (ent is not None and ent.label == "ORG")) and att.span is not None \
                    and att.span.text.lower() not in PERSON_PRONOUNS:
                return att
        if orgs:
            k = bisect_left([h.i for h in self.org_heads], pron.i) - 1
            if k >= 0 and self.sent_no[pron.i] - self.sent_no[self.org_heads[k].i] + 1 <= MAX_PRONOUN_SENTENCES:
                return self.named(self.org_heads[k], None)
        return None

    # ------------------------------------------------------------------ attributions

    def _span(self, a: int, b: int) -> TextSpan:
        return TextSpan.of(self.text, a, b)

    def named(self, tok: Token, span: tuple[int, int] | None) -> Attribution:
        doc = self.doc
        lo, hi = np_bounds(tok)
        if span is None:
            span = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
        ent = self._entity(tok.i)
        named = ((tok.pos_ == "PROPN" and tok.text[:1].isupper()) or tok.ent_type_ in NAMED_LABELS
                 or ent is not None)
        if (named and ent is None and self._capitalised_role(tok) and tok.ent_type_ in ("", "NORP")
                and any(c.dep_ == "det" for c in tok.children) and not self._publication(tok, tok.i, tok.i + 1)):
            named = False  # "the Ukrainian Deputy Prime Minister" with no name: a description
        name_start = tok.i if named else tok.i + 1  # a common noun is its own role
        found = self.ix.ent(tok.i)
        if found is not None:
            name_start = found[0]
        if named and tok.pos_ == "PROPN":
            name_start = min(name_start, self._name_run(tok, lo, found))
        role, aff = local_roles(tok, name_start, lo)
        own = doc[name_start:hi].text
        if named and tok.pos_ == "PROPN" and (ent is None or ent.label == "ORG"):
            more = name_continues(doc, hi)  # "the Kyiv International Institute of Sociology"
            if more is not None:
                own = doc[name_start:more].text
        one_word = len(own.split()) == 1 if WORDS_NOT_TOKENS else hi - name_start == 1
        if named and (ent is None or ent.label != "PERSON") and one_word:
            person = self.surnames.get(own.lower())
            if person is not None:
                ent = person[0] or ent
                self.full.setdefault(tok.i, person[1])
        if named and hi - name_start == 2 and doc[name_start].lower_ in HONORIFICS:
            # "Ms Gavrilita" after "Natalia Gavrilita": the full name, when the article has one
            person = self.surnames.get(doc[hi - 1].lower_)
            if person is not None and person[0] is not None and " " in person[1] \
                    and person[1].split()[0].lower() not in HONORIFICS:
                ent = person[0]
        if named and (ent is None or ent.label != "PERSON") and not one_word:
            # "…,” Aleksandr Lukashenko said" with the NER calling this mention a work of art:
            # the article's person of the same name (across spellings)
            person = self.surnames.get(doc[hi - 1].lower_)
            if person is not None and person[0] is not None and same_name(person[1], own):
                ent = person[0]
        if named and hi - name_start == 1 and (ent is None or ent.label != "PERSON"):
            ent = self.person_names.get(own.lower(), ent)  # "XI" typed ORG once, PERSON elsewhere
        if (WORDS_NOT_TOKENS and named and ent is not None and ent.label == "PERSON" and " " not in ent.name
                and (person := self.surnames.get(ent.name.lower())) is not None and person[0] is not None
                and " " in person[1]):
            ent = person[0]  # a one-word person entity ("Cranny-Evans") is the article's full name of it
        name = ent.name if ent else self.full.get(tok.i, self.text[span[0]:span[1]] if not named else own)
        if (named and hi - name_start == 1 and ent is not None and ent.label == "PERSON"
                and " " not in ent.name and ent.name.lower() in self.first_words):
            name = self.first_words[ent.name.lower()]  # "President XI" after "XI Jinping"
        if named and len(own) > len(name) and name in own:
            name = own  # the entities layer or the NER kept only part of the name
        if role and doc[name_start].idx <= role[0] < doc[hi - 1].idx + len(doc[hi - 1]):
            role = None  # a first name the NER left out is not a role (an appositive after it is)
        body_title = (ORG_TITLE_IN_NAME and named and role is not None and tok.ent_type_ != "PERSON"
                      and ((ent is not None and ent.label == "ORG") or (ent is None and " of " in name))
                      and name_start > 0 and doc[name_start - 1].is_title
                      and (doc[name_start - 1].idx, doc[name_start - 1].idx + len(doc[name_start - 1])) == role)
        if body_title:
            # "the General Staff of the Ukrainian Armed Forces": a capitalised title word glued to
            # a body's name is part of that name; a body holds no rank
            name = f"{doc[name_start - 1].text} {name}"
            role = None
        if not role and not aff and name in self.roles:
            role, aff = self.roles[name]
        info: dict[str, Any] = {}
        for key, local in (("role", role), ("affiliation", aff)):
            text = self.text[local[0]:local[1]] if local else None
            theirs = getattr(ent, key) if ent is not None and not (body_title and key == "role") else None
            if theirs and not (text and len(text) > len(theirs)
                               and re.search(rf"\b{re.escape(theirs)}\b", text)):
                # the entities layer saw every mention and normalises ("Ukrainian" -> "Ukraine");
                # a longer local phrase that contains its value is more complete
                info[key], info[f"{key}_span"] = theirs, getattr(ent, f"{key}_span")
                their_span = info[f"{key}_span"]
                if key == "affiliation" and their_span is not None \
                        and self._body((their_span.start, their_span.end), info.get("role")) is None:
                    # the entities layer's demonym before an expert's role is a nationality
                    info[key], info[f"{key}_span"] = None, None
            else:
                if key == "affiliation" and text:
                    text = self._body(local, info.get("role")) if local else text
                    if text is None:
                        local = None
                info[key], info[f"{key}_span"] = text, self._span(*local) if local else None
        body = self._body_anaphor(info.get("affiliation_span"), tok)
        if body is not None:
            was, role_span = info["affiliation_span"], info.get("role_span")
            info["affiliation"], info["affiliation_span"] = body
            if role_span is not None and role_span.start < was.start <= role_span.end:
                # "analyst for the organisation": the role is "analyst", the body its affiliation
                head = re.sub(r"\s+(?:at|of|for|with|from|in)\s+(?:the\s+)?$", "",
                              self.text[role_span.start:was.start], flags=re.I).rstrip(" ,")
                if head:
                    info["role"] = head
                    info["role_span"] = self._span(role_span.start, role_span.start + len(head))
        if not named and info["role"] is None:
            info["role"] = self.text[span[0]:span[1]]
            stripped = _strip(doc, lo, tok.i + 1)
            if stripped:
                info["role"] = self.text[stripped[0]:stripped[1]]
        if not named and PLACE_OF_GROUP and span[1] == tok.idx + len(tok):
            place = _place_after(tok)
            if place is not None:
                # "the authorities in Beijing", "officials in Kyiv": the place is part of who
                # they are (the description, not a role); the span and the name take it
                span = (span[0], place.idx + len(place))
                name = self.text[span[0]:span[1]]
        head_words = words(info["role"]) or words(self.text[span[0]:span[1]])
        if named and self._publication(tok, name_start, hi):
            stype = "media"
        else:
            stype = classify(head_words, words(info["affiliation"]), words(name), named, self.lex)
        if stype == "other" and (tok.ent_type_ == "GPE" or (ent is not None and ent.label == "GPE")):
            stype = "government"  # "Russia said ...": a country speaks through its government
        return Attribution(span=self._span(*span), name=name, entity_id=ent.id if ent else None,
                           named=named, source_type=stype, **info)  # type: ignore[arg-type]

    def _body(self, span: tuple[int, int], role: str | None) -> str | None:
        """The affiliation written at ``span``, when it names a body. A demonym alone is the
        country ("Ukrainian Deputy Minister" -> "Ukraine", as the entities layer normalises
        it), except for an expert ("the Ukrainian military expert"), whose demonym is a
        nationality. Another adjective alone ("European commissioner", "Western officials")
        is no body."""
        text = self.text[span[0]:span[1]]
        country = demonyms().get(text.lower())
        if country is not None:
            kind = classify(words(role), [], [], True, self.lex) if role else None
            return None if kind in NATIONALITY_SOURCE_TYPES else country
        toks = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if toks is not None and len(toks) == 1 and toks[0].pos_ == "ADJ":
            return None
        return text

    def _titled(self, noun: Token, name: Token) -> Attribution:
        """"The governor, Oleh Syniehubov, wrote ...": the person named in apposition."""
        lo, _ = np_bounds(noun)
        att = self.named(name, None)
        role, aff = local_roles(noun, noun.i + 1, lo)
        update: dict[str, Any] = {"span": self._span(self.doc[lo].idx, name.idx + len(name))}
        if role and not att.role:
            update |= {"role": self.text[role[0]:role[1]], "role_span": self._span(*role)}
        aff_text = self._body(aff, update.get("role") or att.role) if aff else None
        if aff and aff_text and not att.affiliation:
            update |= {"affiliation": aff_text, "affiliation_span": self._span(*aff)}
        if "role" in update or "affiliation" in update:
            merged = att.model_copy(update=update)
            stype = classify(words(merged.role), words(merged.affiliation), words(merged.name),
                             merged.named, self.lex)
            return merged.model_copy(update={"source_type": stype})
        return att.model_copy(update=update)

    def resolve(self, tok: Token) -> Attribution:
        low = tok.lower_
        span = (tok.idx, tok.idx + len(tok))
        att: Attribution | None = None
        person = False
        rel = tok.head if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" else None
        if rel is not None and rel.head.pos_ in ("NOUN", "PROPN"):
            # "Smith, who said ...": the span stays "who", the name is Smith's
            att = self.resolve(rel.head).model_copy(update={"span": self._span(*span)})
        elif tok.pos_ == "PRON" and self._entity(tok.i) is None:
            if low in PERSON_PRONOUNS:
                ante = self.antecedent(tok)
                last = self.last_person
                unnamed = self._unnamed_previous(tok)
                if unnamed is not None:
                    att = unnamed  # "- … - emphasized one of the EU officials. He added that …"
                    self.link = "carried"
                elif last is not None and (ante is None or ante.i < last[0] or self._mere_mention(ante, tok)) \
                        and self._carries(last, tok):
                    att = last[1]  # "He said: “…” / He added: “…”": the previous speaker
                    # carrying on a speaker found through an ambiguous role link is as unsure
                    self.link = "role-ambiguous" if self.last_link == "role-ambiguous" else "carried"
                elif ante is not None:
                    att = self.named(ante, None)
                    self.link = "pronoun"
                elif (after := self._introduced_after(tok)) is not None or (
                        (after := self._named_later_in_sentence(tok)) is not None):
                    att = self.named(after, None)
                    self.link = "after"
                person = att is not None
            elif low in GROUP_PRONOUNS or low in ORG_PRONOUNS:
                att = self._recent_group(tok, low in ORG_PRONOUNS)
                self.link = "group-pronoun"
            if att is not None:
                att = att.model_copy(update={"span": self._span(*span)})
            else:
                self.link = "unresolved"
                att = Attribution(span=self._span(*span), name=tok.text, named=False,
                                  source_type="other")
        elif ISSUER_OF_DOCUMENT and (issuer := self._issuer(tok)) is not None:
            return self.resolve(issuer)  # "X issued a statement saying …": X, with X's own span
        elif (owner := self._owner(tok)) is not None:
            # "a statement from the ministry said": the ministry is the source
            lo, _ = np_bounds(tok)
            start = min(self.doc[lo].idx, owner.left_edge.idx)
            end_tok = max(tok, owner.right_edge, key=lambda t: t.i)
            att = self.resolve(owner)
            return att.model_copy(update={"span": self._span(start, end_tok.idx + len(end_tok))})
        elif (named_before := self._name_before_dash(tok)) is not None:
            # "Andriy Yermak – chief adviser to Ukraine’s president, Volodymyr Zelenskiy – asked":
            # the parser made the name a possessive of the description; it is the speaker
            att = self.named(named_before, None)
            person = True
            self.link = "named"
        else:
            name = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if name is not None and COORDINATED_TITLES:
                name = self._titled_conj(name)
            if name is None and (tok.pos_ == "NOUN" or self._capitalised_role(tok)):
                name = self._trailing_name(tok)
            earlier = self._role_antecedent(tok) if name is None and ROLE_BACKLINK else None
            if earlier is not None:
                # "Rustem Umerov, the defence minister, … The minister said": that person
                lo, _ = np_bounds(tok)
                found = earlier if isinstance(earlier, Attribution) else self.named(earlier, None)
                att = found.model_copy(update={"span": self._span(self.doc[lo].idx, tok.idx + len(tok))})
                if att.role is None and att.affiliation is None:
                    # the holder's role unknown till now: the description gives it ("Olaf
                    # Scholz told …" … "the German Chancellor insisted")
                    desc = self.named(tok, None)
                    att = att.model_copy(update={k: getattr(desc, k) for k in (
                        "role", "role_span", "affiliation", "affiliation_span")})
                    if DESCRIPTION_JOINS_CHAIN and att.name and (
                            desc.role_span is not None or desc.affiliation_span is not None):
                        # and the chain keeps it for the next description ("The CEO of the
                        # gas firm …" ¶ "Anna Smith said …" … "says the gas firm's CEO"): as
                        # evidence for a holder only, never as the one office that excludes others
                        self.lent.setdefault(att.name, []).append((
                            (desc.role_span.start, desc.role_span.end) if desc.role_span else None,
                            (desc.affiliation_span.start, desc.affiliation_span.end) if desc.affiliation_span else None))
                ambiguous = isinstance(earlier, Token) and self._rival(earlier, tok) is not None
                self.link = "role-ambiguous" if ambiguous else "role"
                if isinstance(earlier, Token) and earlier.i > tok.i:
                    self.link = "after"  # the holder is named later (ROLE_FORWARD)
                if tok.i in self.salient:
                    self.link = "salient"  # the one person named as a subject just before
                self.subjects.add(tok.i)
                self.history.append((tok.i, att))
                self.last_person = (tok.i, att)
                self.last_link = self.link
                return att
            titled = name is not None and (tok.pos_ == "NOUN" or (
                tok.ent_type_ != "PERSON" and name.ent_type_ == "PERSON"))  # "Federal Chancellor …, Karl Nehammer,"
            att = self._titled(tok, name) if titled and name is not None else self.named(tok, None)
            ent = self.entities.get(att.entity_id or "")
            person = bool((ent is not None and ent.label == "PERSON") or tok.ent_type_ == "PERSON"
                          or tok.i in self.full or name is not None)
            if (BODY_IS_NO_SPEAKER_TO_CARRY and person and ent is not None and ent.label in AFFILIATION_LABELS
                    and tok.ent_type_ != "PERSON" and (name is None or name.ent_type_ != "PERSON")):
                person = False  # "According to the Ukrainian agency Ukrinform, …": no "he" after it
            self.link = "described" if name is not None else ("named" if att.named else "description")
        self.subjects.add(tok.i)
        self.history.append((tok.i, att))
        if person:
            self.last_person = (tok.i, att)
            self.last_link = self.link
        return att

    def _name_run(self, tok: Token, lo: int, own: tuple[int, int, str] | None) -> int:
        """The start of the run of proper nouns ending at ``tok``, up to a title word
        ("President", "Gen."): the NER may have split a name it does not know ("Oleksandr" GPE
        + "Syrskyi") or left the given name out ("Olaf" NORP + "Scholz" PERSON); a demonym
        ("Ukrainian") is not part of it."""
        doc = self.doc
        j = tok.i
        while (j - 1 >= lo and doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper()
               and not (GIVEN_NAME_STARTS and own is not None and j == own[0] and is_given_name(doc[j].text)
                        and not is_given_name(doc[j - 1].text) and doc[j - 1].ent_type_ != own[2])
               and doc[j - 1].lower_ not in self.lex.type_first
               and not (doc[j - 1].ent_type_ == "NORP" and doc[j - 1].lower_ in demonyms())
               and not self._other_body(j - 1, own) and not self._other_person(j - 1, own)):
            j -= 1
        return j

    def _other_person(self, i: int, own: tuple[int, int, str] | None) -> bool:
        """Token ``i`` belongs to another person's name before the speaker's own full name
        ("spokesman Putin Dmitry Peskov", a translation of "Putin's spokesman Dmitry Peskov"):
        the speaker's name has its given name and surname, so the person before is someone
        else. A one-word own name still takes the words before it ("Volodymyr" + "Zelensky")."""
        other = self.ix.ent(i)
        return (own is not None and own[2] == "PERSON" and own[1] - own[0] > 1
                and other is not None and other[2] == "PERSON" and other[:2] != own[:2])

    def _other_body(self, i: int, own: tuple[int, int, str] | None) -> bool:
        """Token ``i`` belongs to a body's name of two or more words that is not the speaker's
        own entity ("Chairman of the Verkhovna Rada Ruslan Stefanchuk": the Rada is not part
        of his name)."""
        other = self.ix.ent(i)
        return (other is not None and other[2] not in ("PERSON", "NORP") and other[1] - other[0] > 1
                and (own is None or other[:2] != own[:2]))

    def _capitalised_role(self, tok: Token) -> bool:
        """A role noun written with a capital and tagged as a proper noun ("Head of the
        Presidential Office Andriy Yermak said"): still a description, not a name."""
        return (tok.pos_ == "PROPN" and tok.lower_ in self._roles and tok.ent_type_ != "PERSON"
                and self._entity(tok.i) is None)

    def _publication(self, tok: Token, name_start: int, hi: int) -> bool:
        """"The Economist": a person's role noun written as a one-word proper name after
        "the" is the name of a publication or a body, never a person or an expert."""
        doc = self.doc
        return (hi - name_start == 1 and tok.pos_ == "PROPN" and tok.text[:1].isupper()
                and tok.lower_ in self._roles and tok.ent_type_ != "PERSON"
                and tok.i > 0 and doc[tok.i - 1].lower_ == "the" and not tok.is_sent_start)

    def _channel_name(self, head: Token) -> bool:
        """"he wrote on Twitter", "said on Telegram": the medium a verb of saying goes through,
        whatever the NER calls it, is not a person anyone refers to as "he"."""
        prep = head.head
        return (head.dep_ == "pobj" and prep.lower_ in CHANNEL_NAME_PREPS
                and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in self.lex.verbs)

    def _role_antecedent(self, tok: Token) -> Token | Attribution | None:
        """"The minister", "the Ukrainian president": the one person named earlier (outside
        quotation marks) whose role has this head noun and, if the description has modifiers,
        whose role or affiliation has them too. None when no one or several people fit."""
        if not ((tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lower_ in self._roles)
                or self._capitalised_role(tok)):  # "The Chancellor said", "the US President"
            found_ = self._described_person(tok) if DESCRIBED_PERSON else None
            if found_ is None and SALIENT_DESCRIPTION and self._person_noun(tok):
                mods_ = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
                return self._continued(tok, mods_) or self._salient_person(tok, mods_)
            return found_
        dets = [c for c in tok.children if c.dep_ == "det"]
        if INDEFINITE_FORWARD and dets and dets[0].lower_ in ("a", "an"):
            return self._named_next(tok)
        of_at = min((c.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), default=len(self.doc))
        owner = self._country_owner(tok) if COUNTRY_OWNER_DEFINITE and not dets else None
        bare = (BARE_ROLE_DEFINITE and not dets and not owner and tok.tag_ == "NN" and tok.dep_ in SUBJECT_DEPS
                and not any(c.dep_ in ("poss", "nummod", "appos") for c in tok.children))
        if (not owner and not bare and (not dets or dets[0].lower_ != "the")) or any(
                (c.dep_ == "poss" and owner is None) or c.dep_ in ("relcl", "acl") or (c.dep_ == "prep" and c.lower_ != "of"
                                                       and c.lower_ in AFFILIATION_PREPS
                                                       and c.i < of_at and not _own_adjunct(c))
                for c in tok.children):
            return None  # "a minister", "Russia's president", "the minister who": not a back-reference
        mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")] + ([owner] if owner else [])
        found = self._holders((h for h in reversed(self.person_heads) if h.i < tok.i), tok, mods)
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            return self._speaking_holder(tok, found)
        return (self._continued(tok, mods) or (self._later_holder(tok, mods) if ROLE_FORWARD else None)
                or (self._salient_person(tok, mods) if SALIENT_DESCRIPTION else None))

    def _person_noun(self, tok: Token) -> bool:
        """"the oppositionist", "the politician": a definite singular common noun, the subject
        of its verb, whose ending makes it a noun for a person (:data:`PERSON_NOUN_SUFFIXES`),
        with nothing restricting it (an owner, a relative or participle clause, a prepositional
        phrase)."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ not in SUBJECT_DEPS or not tok.is_lower:
            return False
        if not tok.lower_.endswith(PERSON_NOUN_SUFFIXES) or len(tok.lower_) <= 5:
            return False
        dets = [c for c in tok.children if c.dep_ == "det"]
        return bool(dets) and dets[0].lower_ == "the" and not any(
            c.dep_ in ("poss", "relcl", "acl", "prep", "appos") for c in tok.children)

    def _salient_person(self, tok: Token, mods: list[str]) -> Token | None:
        """No holder of the role and no speaker to continue: the one person named within
        MAX_PRONOUN_SENTENCES before the description (outside quotation marks and reported
        words), named there as a subject, whose role and affiliation do not contradict it
        (:data:`SALIENT_DESCRIPTION`): "Vladimir Putin met the rabbis on Thursday. ¶ The Russian
        leader said …". Anyone else named in that stretch leaves it unnamed."""
        sent_start = self.ix.sent(tok.i)[0]
        first = self.sent_no[tok.i] - MAX_PRONOUN_SENTENCES + 1
        names: dict[str, list[Token]] = {}
        for h in self.person_heads:
            if h.i >= tok.i or self.sent_no[h.i] < first:
                continue
            if (h.i < len(self.reported) and self.reported[h.i]) or self._in_report(h, tok):
                continue
            ent = self._entity(h.i)
            name = ent.name if ent is not None else self.full.get(h.i)
            if name is None:
                return None  # someone the article does not name in full: unclear
            key = next((n for n in names if same_name(n, name)), name)
            names.setdefault(key, []).append(h)
        fits = [(name, heads) for name, heads in names.items() if self._may_be(tok, mods, name, heads)]
        if len(fits) != 1:
            return None  # no one, or two people the description may be
        name, heads = fits[0]
        if not any(self._subject_place(h) for h in heads) and not any(
                self.ix.sent(h.i)[0] == sent_start for h in heads) and not (
                SALIENT_BY_ELIMINATION and len(names) > 1):
            return None
        self.salient.add(tok.i)
        return heads[-1]

    def _may_be(self, tok: Token, mods: list[str], name: str, heads: list[Token]) -> bool:
        """Nothing the article says of the person contradicts the description: a person (not
        an outlet the NER took for one), with no office other than the description's noun
        (a generic head, "head of the ministry", excludes no office) and no known country
        other than its demonym ("the Russian minister" is not the American secretary of
        state named beside him)."""
        ent = self._entity(heads[-1].i)
        if ent is None or ent.label != "PERSON" or (OUTLET_HOLDS_NO_ROLE and self._outlet(name)):
            return False
        role, aff = self._role_words(ent, name)
        office = (role & self._roles) - GENERIC_HEADS
        if office and tok.lower_ not in role and tok.lower_ not in GENERIC_HEADS:
            return False  # "the minister" after a spokesman was named
        countries = set(demonyms())
        return not any(m not in aff and (m not in countries or aff & countries) for m in mods)

    def _subject_place(self, h: Token) -> bool:
        """The mention is a subject (of a verb, or a quote's speaker); an appositive or a
        compound name counts as its head's place, a passive's agent as a subject."""
        head = h
        for _ in range(4):
            if head.i in self.subjects or head.dep_ in SUBJECT_DEPS:
                return True
            if head.dep_ in ("appos", "compound", "flat") and head.head.i != head.i:
                head = head.head
            else:
                break
        return head.dep_ == "pobj" and head.head.dep_ == "agent"

    def _country_owner(self, tok: Token) -> str | None:
        """"Ukraine's prime minister", "the UK’s foreign secretary": a country as the one owner of
        a role noun makes the description definite, as "the Ukrainian prime minister" (the
        country's demonym, or the name as written, is then a modifier to match)."""
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if len(poss) != 1 or poss[0].ent_type_ != "GPE" or poss[0].pos_ != "PROPN":
            return None
        lo = poss[0].left_edge.i
        name = " ".join(t.lower_ for t in self.doc[lo:poss[0].i + 1] if t.pos_ == "PROPN")
        if not name:
            return None
        return next((d for d, country in demonyms().items() if country.lower() == name), name)

    def _holders(self, heads: Iterable[Token], tok: Token, mods: list[str]) -> dict[str, Token]:
        """The people among ``heads`` (in the order given, first mention kept) whose role has the
        noun ``tok`` and whose role or affiliation has each of its modifiers, by name."""
        found: dict[str, Token] = {}
        for h in heads:
            ent = self._entity(h.i)
            name = ent.name if ent is not None else self.full.get(h.i)
            if name is None or name in found or (OUTLET_HOLDS_NO_ROLE and self._outlet(name)):
                continue
            role, aff = self._role_words(ent, name)
            for r_span, a_span in self.lent.get(name, ()):
                lent_r = {w.lower() for w in re.findall(r"[\w'-]+", self.text[r_span[0]:r_span[1]])} if r_span else set()
                lent_a = {w.lower() for w in re.findall(r"[\w'-]+", self.text[a_span[0]:a_span[1]])} if a_span else set()
                role, aff = role | lent_r, aff | lent_a | lent_r
            if tok.lower_ in role and all(m in role or m in aff for m in mods):
                found[name] = h
        return found

    def _later_holder(self, tok: Token, mods: list[str]) -> Token | None:
        """No one named before holds the role: the one person named later in the article whose
        role has the noun and its modifiers (a story's summary before its details: "…, according
        to the Ukrainian Deputy Prime Minister" … "Ukrainian Deputy Prime Minister Iryna
        Vereshchuk said …")."""
        found = self._holders((h for h in self.person_heads if h.i > tok.i), tok, mods)
        if len(found) == 1:
            return next(iter(found.values()))
        if found or any(h.i < tok.i for h in self.person_heads):
            return None
        # no one named yet: the description introduces the person the next sentence names as
        # its subject ("The new head of the British Army has issued … ¶ Gen Sir Patrick
        # Sanders, who started the job last week, addressed …")
        _, end = self.ix.sent(tok.i)
        if end >= len(self.doc):
            return None
        start, stop = self.ix.sent(end)
        return next((h for h in self.person_heads if start <= h.i < stop and h.dep_ in SUBJECT_DEPS), None)

    def _titled_conj(self, name: Token) -> Token:
        """"Kansas’ favorite son, General and later President Dwight D. Eisenhower, remarked":
        an appositive that is a bare title with no entity of its own, coordinated with a
        person's name (the parser heads the apposition with the first title), is that person
        (:data:`COORDINATED_TITLES`)."""
        if name.ent_type_:
            return name
        person = next((c for c in name.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                       and not self.chains.inside_quote(c.i)), None)
        return person if person is not None else name

    def _described_person(self, tok: Token) -> Attribution | None:
        """"The Russian tycoon, who founded …, wrote that …": a definite singular description
        whose noun is no role the lexicon knows but which a non-restrictive "who" clause marks
        as a person (a comma before "who") refers back to someone; it continues the passage's
        speaker on the same terms as "the head of state" (:meth:`_continued`: close, no other
        person named since, nothing in the role or affiliation contradicting)."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ not in SUBJECT_DEPS:
            return None
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or any(c.dep_ in ("poss", "acl") for c in tok.children):
            return None
        doc = self.doc
        who = [c for c in tok.children if c.dep_ == "relcl" and any(
            g.lower_ == "who" and g.i > tok.i and doc[g.i - 1].text == "," for g in c.children)]
        if not who:
            return None
        mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
        return self._continued(tok, mods)

    def _named_next(self, tok: Token) -> Token | None:
        """"…, a UK defence minister has said. ¶ James Heappey said …": an indefinite
        description that introduces the article's first speaker is the person the next sentence
        names as the subject of a verb of saying (the lede's description, then the name). Only
        when no person is named before the description, the named person is not mentioned
        before either, nothing restricts the description ("a minister who …", "a minister's
        aide"), and the person's role, where the article gives one, has the description's
        noun (:data:`INDEFINITE_FORWARD`)."""
        if any(c.dep_ in ("poss", "relcl", "acl") for c in tok.children):
            return None
        if any(h.i < tok.i for h in self.person_heads):
            return None
        _, end = self.ix.sent(tok.i)
        if end >= len(self.doc):
            return None
        start, stop = self.ix.sent(end)
        for h in self.person_heads:
            if not start <= h.i < stop or h.dep_ not in SUBJECT_DEPS:
                continue
            verb = h.head
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.verbs:
                return None
            ent = self._entity(h.i)
            name = ent.name if ent is not None else self.full.get(h.i, h.text)
            role, _ = self._role_words(ent, name)
            if role & self._roles and tok.lower_ not in role:
                return None  # "a spokesman said … ¶ Mayor Anna Smith said": someone else
            return h
        return None

    def _continued(self, tok: Token, mods: list[str]) -> Attribution | None:
        if self.last_person is None:
            return None
        # "the head of state", "the Belarusian leader": no one named has that role; the
        # passage's speaker, if no other person was named since and nothing contradicts
        at, att = self.last_person
        if self.sent_no[tok.i] - self.sent_no[at] > MAX_SPEAKER_CARRY_SENTENCES:
            return None
        if any(at < h.i < tok.i and self.full.get(h.i) != att.name for h in self.person_heads):
            return None
        ent = self.entities.get(att.entity_id or "")
        if ent is None or ent.label != "PERSON" or (OUTLET_HOLDS_NO_ROLE and self._outlet(ent.name)):
            return None
        role, aff = self._role_words(ent, ent.name)
        office = role & self._roles  # "billionaire" is no office: "the founder" may still be him
        if office and tok.lower_ not in role and tok.lower_ not in GENERIC_HEADS:
            return None  # "the minister" after a spokesman spoke
        countries = set(demonyms())
        if aff and any(m not in aff and (m not in countries or aff & countries) for m in mods):
            # "the Russian leader" after a Belarusian spoke; a demonym contradicts only a known
            # country (a "Billionaire" before the name is no country)
            return None
        return att

    def _outlet(self, name: str) -> bool:
        """The name is a media outlet's in the source-type lexicon ("Ria Novosti", "TASS")."""
        typed = self.lex.types.get(tuple(words(name)))
        return typed is not None and typed[0] == "media"

    def _name_before_dash(self, tok: Token) -> Token | None:
        """A person's name parsed as the possessive of the source's head noun but followed by
        a dash or a comma, not "'s": a name with its description in apposition ("Andriy Yermak
        – chief adviser to …'s president – asked")."""
        doc = self.doc
        for c in tok.children:
            if (c.dep_ == "poss" and c.ent_type_ == "PERSON" and c.i + 1 < len(doc)
                    and doc[c.i + 1].text in APPOSITION_MARKS and not self.chains.inside_quote(c.i)):
                return c
        return None

    def _body_anaphor(self, aff: TextSpan | None, tok: Token) -> tuple[str, TextSpan] | None:
        """"an analyst for the organisation", "a researcher at the agency": a definite common
        noun as affiliation refers back to a body named before; it is the nearest organisation
        named earlier (outside quotation marks, within the pronoun distance) whose name has that
        noun, or any organisation for a word that names no kind of body (GENERIC_BODIES)."""
        if aff is None:
            return None
        words_ = self.doc.char_span(aff.start, aff.end, alignment_mode="expand")
        if words_ is None or len(words_) != 1:
            return None
        noun = words_[0]
        if noun.pos_ != "NOUN" or noun.ent_type_ or noun.i == 0 or self.doc[noun.i - 1].lower_ != "the":
            return None
        for h in reversed(self.org_heads):
            if h.i >= tok.i or self.chains.inside_quote(h.i):
                continue
            if self.sent_no[tok.i] - self.sent_no[h.i] + 1 > MAX_PRONOUN_SENTENCES:
                break
            found = self.ix.ent(h.i)
            if found is None:
                continue
            name = self.doc[found[0]:found[1]]
            if noun.lower_ in GENERIC_BODIES or noun.lemma_.lower() in {w.lower_ for w in name}:
                ent = self._entity(h.i)
                return (ent.name if ent is not None else name.text), self._span(name.start_char, name.end_char)
        return None

    def _speaking_holder(self, tok: Token, found: dict[str, Token]) -> Token | None:
        """Several people named earlier have the role ("President Andrzej Duda", "Russian
        President Vladimir Putin"): the passage's current speaker, when he is one of them, was
        the last of them named, and spoke within the carry distance ("Duda reported … - he
        explained. - … - said the president"). Salience, not the most recent name (issue 17)."""
        if self.last_person is None:
            return None
        at, att = self.last_person
        if self.sent_no[tok.i] - self.sent_no[at] > MAX_SPEAKER_CARRY_SENTENCES:
            return None
        mine = [h for name, h in found.items() if att.name is not None and same_name(name, att.name)]
        if len(mine) != 1:
            return None
        if any(h.i > mine[0].i for h in found.values()):
            return None  # another holder of the role was named after the speaker's name
        return mine[0]

    def _rival(self, holder: Token, tok: Token) -> Token | None:
        """Another salient candidate for "the president" than the one person named earlier
        with that role: a person named between the holder's last mention and the description,
        outside quotation marks, who is the subject of a verb or a quote's speaker, whose gender
        does not contradict the holder's, and whose role (if the article gives one) has the
        description's noun ("Ukrainian president Zelensky … Biden rejected the accusation …
        “…,” the president said"). The link is kept, but as ``role-ambiguous``, a class of its
        own in the record-confidence table (issue 23)."""
        ent = self._entity(holder.i)
        holder_name = ent.name if ent is not None else self.full.get(holder.i, holder.text)
        gender = self.chains.gender(holder.i)
        for h in self.person_heads:
            if not holder.i < h.i < tok.i:
                continue
            other = self._entity(h.i)
            name = other.name if other is not None else self.full.get(h.i)
            if name is None or name == holder_name or same_name(name, holder_name):
                continue
            if h.dep_ not in SUBJECT_DEPS and h.i not in self.subjects:
                continue
            known = self.chains.gender(h.i)
            if gender is not None and known is not None and known != gender:
                continue
            role, _ = self._role_words(other, name)
            if role and tok.lower_ not in role:
                continue
            return h
        return None

    def _role_words(self, ent: Entity | None, name: str) -> tuple[set[str], set[str]]:
        """The lower-case words of a person's role and affiliation (demonyms as well as names)."""
        texts_r: list[str] = []
        texts_a: list[str] = []
        if ent is not None:
            texts_r.append(ent.role or "")
            texts_a.append(ent.affiliation or "")
        local = self.roles.get(name)
        if local is not None:
            if local[0]:
                texts_r.append(self.text[local[0][0]:local[0][1]])
            if local[1]:
                texts_a.append(self.text[local[1][0]:local[1][1]])
        role = {w.lower() for t in texts_r for w in re.findall(r"[\w'-]+", t)}
        aff = {w.lower() for t in texts_a for w in re.findall(r"[\w'-]+", t)}
        if TITLE_ABBREVIATIONS:
            abbr = title_abbreviations()
            role |= {abbr[w] for w in role if w in abbr}  # "Sen." is a senator
        # a country of several words ("United States") is matched as a whole: "American", "US"
        joined = " ".join(re.findall(r"[\w'-]+", " ".join(texts_a).lower()))
        if joined:
            aff |= {d for pattern, d in _country_patterns() if pattern.search(joined)}
        return role, aff | role

    @property
    def _roles(self) -> frozenset[str]:
        return _role_nouns()

    def _introduced_after(self, pron: Token) -> Token | None:
        """"‘…,’ she said. Anna Smith, an analyst at …": with no one before the pronoun, the
        person who opens the next sentence (outside quotation marks, gender agreeing), an
        honorific before the name included ("Mr Smith’s comments came …")."""
        _, end = self.ix.sent(pron.i)
        if end >= len(self.doc):
            return None
        start, stop = self.ix.sent(end)
        while start + 1 < stop and (self.doc[start].is_space or self.doc[start].lower_ in HONORIFICS):
            start += 1
        found = self.ix.ent(start)
        if found is None or found[2] != "PERSON" or self.chains.inside_quote(start):
            return None
        head = self.doc[found[1] - 1]
        if not self._gender_ok(head, PERSON_PRONOUNS[pron.lower_]):
            return None
        return head

    def _named_later_in_sentence(self, pron: Token) -> Token | None:
        """No one before the pronoun and no speaker to carry on: the one person named after it in
        its own sentence, outside quotation marks and reported words, gender agreeing ("“…,” he
        wrote on social media, Canada's Prime Minister Justin Trudeau": translated copy that
        names the speaker after the verb; :data:`NAMED_LATER_IN_SENTENCE`)."""
        if not NAMED_LATER_IN_SENTENCE:
            return None
        _, end = self.ix.sent(pron.i)
        found = [h for h in self.person_heads if pron.i < h.i < end
                 and not (h.i < len(self.reported) and self.reported[h.i])]
        names = {self.full.get(h.i, h.text) for h in found}
        if len(names) != 1 or not self._gender_ok(found[0], PERSON_PRONOUNS[pron.lower_]):
            return None
        return found[0]

    def _trailing_name(self, tok: Token) -> Token | None:
        """"Former Russian president and deputy head of the Security Council Dmitry Medvedev
        said": a description whose phrase ends in a person's name, right before the cue (or
        after an inverted cue, ending its clause), is that person."""
        doc = self.doc
        r = _edge_before_relative(tok) if TRAILING_NAME_BEFORE_RELATIVE else tok.right_edge
        while r.i > tok.i and r.is_punct:
            r = doc[r.i - 1]  # "Federal Chancellor of Austria, Karl Nehammer, says"
        if r.i == tok.i or r.ent_type_ != "PERSON" or self.chains.inside_quote(r.i):
            return None
        if r.i + 1 < len(doc) and doc[r.i + 1].ent_iob_ == "I":
            return None  # the name goes on past the phrase
        nxt = r.i + 1
        if tok.head.i < tok.i:
            # "- said the President of the United States Joe Biden.": after an inverted cue
            # the phrase ends its clause
            return r if nxt >= len(doc) or doc[nxt].text in (".", ",", ";", "!", "?") else None
        if nxt < len(doc) and doc[nxt].text == ",":
            nxt += 1
        while nxt < tok.head.i and doc[nxt].dep_ in ("advmod", "aux", "neg"):
            nxt += 1
        return r if nxt == tok.head.i else None

    def _issuer(self, tok: Token) -> Token | None:
        """The author of a document that speaks: the subject of the verb that issued it ("the
        ministry issued a statement saying …"; :data:`ISSUER_OF_DOCUMENT`). A document with an
        owner of its own ("issued the ministry's statement") is left to :meth:`_owner`."""
        if tok.pos_ != "NOUN" or tok.dep_ != "dobj" or not (
                tok.lemma_.lower() in self.lex.cue_nouns or tok.lower_ in self.lex.channel_nouns):
            return None
        verb = tok.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.issuing_verbs:
            return None
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by", "of")) for c in tok.children):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subj if subj is not None and speech_subject(subj, self.lex) else None

    def _owner(self, tok: Token) -> Token | None:
        """The owner of a reporting noun: "the ministry's statement", "a report by the UN"; or
        the maker of any thing that speaks: "a survey conducted by KIIS"."""
        if tok.pos_ != "NOUN":
            return None
        for c in tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                # "a nationwide survey conducted by KIIS", "a report published by the UN"
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                if pobj is not None and pobj.pos_ == "PROPN":
                    return pobj
        if not (tok.lemma_.lower() in self.lex.cue_nouns or tok.lower_ in self.lex.channel_nouns):
            return None
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return c
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of") and c.i > tok.i:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                    return pobj
        return None

    def _unnamed_previous(self, pron: Token) -> Attribution | None:
        """"He added" continues the previous quote's speaker (news convention) even when that
        speaker is one unnamed person ("one of the EU officials", "a spokesman"), whom the
        nearest-name rule would pass over for a name inside the quoted words: the previous
        attribution, in this or the previous sentence, a singular description."""
        if pron.dep_ != "nsubj" or pron.head.lemma_.lower() not in CONTINUATION_VERBS or not self.history:
            return None
        at, att = self.history[-1]
        if att.named or self.sent_no[pron.i] - self.sent_no[at] > 1:
            return None
        head = self.doc[at]
        person = head.lower_ in self._roles or (head.lower_ == "one" and any(
            c.dep_ == "prep" and any(g.lemma_.lower() in self._roles for g in c.children) for c in head.children))
        return att if person and head.tag_ in ("NN", "CD") else None

    def _carries(self, last: tuple[int, Attribution], pron: Token) -> bool:
        """The previous person speaker is close enough and of a compatible gender."""
        if self.sent_no[pron.i] - self.sent_no[last[0]] > MAX_SPEAKER_CARRY_SENTENCES:
            return False
        ent = self.entities.get(last[1].entity_id or "")
        chain = self.chains.by_entity.get(ent.id) if ent is not None else None
        known = chain.gender if chain is not None else (ent.gender if ent is not None else None)
        return known is None or known == PERSON_PRONOUNS[pron.lower_]
