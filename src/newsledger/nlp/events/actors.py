"""Actors: the noun phrase, its article entity, its country (ISO alpha-3) and its sector.

The country comes from the words of the actor's own noun phrase ("Russian forces",
"Ukraine's army", "UN peacekeepers"), then from the entity layer (the titles and mentions
of the same entity elsewhere in the article: "Ukrainian President Volodymyr Zelensky" makes
a later "Zelensky" Ukrainian), then from the places layer (a place used as an actor,
"Moscow said", has the country of its resolved place). The sector comes from the head noun,
then its modifiers and the entity's titles.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...models import Entity, EventActor, Place, TextSpan
from . import clauses
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..context import Context

#: entity types of names that stand for agents, never for a text ("The Post" is a newspaper)
AGENT_ENTS = frozenset({"ORG", "PERSON", "GPE", "NORP"})
#: entity labels that name a country or a place when the token is a country alias
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: "ethnic Albanians", "ethnic Turks": a community, not a state's organ
ETHNIC_GROUP_SECTOR = "civilians"
#: shortest word whose plural is tried as a demonym ("Poles" is listed; "Laos" must not become "Lao")
PLURAL_MIN = 5
#: PLOVER's codes for actors that are not states: never a context country
NON_STATE_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "IMG", "MNC"})
#: entity types whose words are not places ("US $50 million")
NOT_PLACE_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
#: a country that is itself the actor ("Syria offered...") acts through its government
COUNTRY_SECTOR = "government"
#: event types whose actor, when only a country or demonym, is that country's armed forces
MILITARY_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
MILITARY_KINDS = frozenset({"advance", "territory-gain", "territory-hold", "territory-loss", "redeploy"})


@dataclass
class DocContext:
    """The events layer's view of a document: the shared context's maps of what the other
    layers left (:mod:`newsledger.nlp.context`), plus the country of each entity."""

    doc: Doc
    lex: Lexicon
    entity_at: dict[int, str]
    entities: dict[str, Entity]
    place_at: dict[int, Place]
    entity_country: dict[str, str]
    ent_at: dict[int, SpacySpan] = field(default_factory=dict)  # token index -> the parser's entity
    max_country_distance: int = 300  # EventsConfig.max_country_distance
    min_place_confidence: float = 0.5  # EventsConfig.min_place_confidence
    shared: Context | None = None

    @classmethod
    def of(cls, shared: Context, lex: Lexicon, max_country_distance: int = 300,
           min_place_confidence: float = 0.5) -> DocContext:
        doc = shared.doc
        ctx = cls(doc, lex, dict(shared.entity_at), dict(shared.entities), dict(shared.place_at), {},
                  max_country_distance=max_country_distance, min_place_confidence=min_place_confidence,
                  shared=shared)
        for e in doc.ents:
            for i in range(e.start, e.end):
                ctx.ent_at[i] = e
        for ent in ctx.entities.values():
            code = ctx._entity_country(ent)
            if code:
                ctx.entity_country[ent.id] = code
        return ctx

    @cached_property
    def text(self) -> str:
        """``doc.text`` read once: spaCy rebuilds it from every token on each access."""
        return self.shared.text if self.shared is not None else self.doc.text

    # ------------------------------------------------------------------ countries
    def country_in_words(self, words: list[str]) -> str | None:
        """The first country alias among these words (longest match at each position).

        Not after "ethnic" ("ethnic Albanians" in Serbia are not Albania), nor "anti-"/"pro-"
        ("an anti-Syria journalist", "pro-Iranian Hizbollah").
        """
        for i in range(len(words)):
            code = self.alias_at(words, i)[1]
            if code:
                return code
        return None

    def sentence_countries(self, sent: SpacySpan) -> list[tuple[int, int, str]]:
        """Every state's name, demonym, metonym (longest match, not after "ethnic"/"anti-"/"pro-")
        or resolved place in the sentence as (start char, end char, ISO code). Not the words of
        a trailing reporting frame's source ("..., Thai police said", "according to the
        Canadian Press"), which say who told the story, not where it happened; not money
        ("US $50 million"), nor non-state codes (UN, NGO)."""
        tagged: set[int] = set()
        for t in sent:
            trailing = t.lemma_.lower() in self.lex.reporting_verbs and any(
                c.dep_ in ("ccomp", "parataxis") and c.i < t.i for c in t.children)
            trailing = trailing or (t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to")
            for c in t.children if trailing else ():
                if c.dep_ in ("nsubj", "nsubjpass", "prep"):
                    tagged.update(range(c.left_edge.i, c.right_edge.i + 1))
        toks = [t for t in sent if (not t.is_punct or t.text == ".") and t.ent_type_ not in NOT_PLACE_ENTS
                and t.i not in tagged]
        words = [t.text for t in toks]
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(toks):
            k, code = self.alias_at(words, i)
            if code is None:
                code = self.place_country(toks[i])
            last = toks[i + max(k, 1) - 1]
            money = last.i + 1 < len(last.doc) and last.nbor(1).is_currency  # "US $50 million"
            if code is not None and code not in NON_STATE_CODES and not money:
                out.append((toks[i].idx, last.idx + len(last.text), code))
            i += max(k, 1)
        return out

    def alias_at(self, words: list[str], i: int) -> tuple[int, str | None]:
        """The longest country alias starting at word ``i``: (its length in words, its code)."""
        lex = self.lex
        w = words[i]
        if " " not in w and w not in lex.alias_first_exact and w.lower() not in lex.alias_first_lower and not (
                len(w) > PLURAL_MIN and w.endswith("s") and w[:-1].lower() in lex.countries_lower):
            return 0, None  # no alias starts with this word (nor is it a plural demonym)
        if _negated_nationality(words, i):
            return 0, None
        for k in range(min(lex.max_alias_words, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + k])
            code = lex.countries_exact.get(phrase) or lex.countries_lower.get(phrase.lower())
            if code is None and k == 1 and len(phrase) > PLURAL_MIN and phrase.endswith("s"):
                code = lex.countries_lower.get(phrase[:-1].lower())  # "Ghanaians", "Nigerians"
            if code:
                return k, code
        return 0, None

    def _entity_country(self, ent: Entity) -> str | None:
        texts = [t.text for t in ent.titles]  # not the role: "a Russia expert" is not Russian
        texts += [x for x in (ent.affiliation,) if x]
        if ent.label in ("GPE", "LOC", "NORP"):
            texts.insert(0, ent.name)
        texts += [m.span.text for m in ent.mentions]
        for text in texts:
            code = self.country_in_words(_words(text))
            if code:
                return code
        return None

    def place_country(self, tok: Token) -> str | None:
        """The country of the place resolved at this token, when the places layer is fairly
        sure of it (``min_place_confidence``), or of a capital named as an organisation."""
        place = self.place_at.get(tok.i)
        if place is not None and place.country_code and place.confidence >= self.min_place_confidence:
            cc = place.country_code.upper()
            return self.lex.alpha2_to_alpha3.get(cc, cc if len(cc) == 3 else None)
        if tok.ent_type_ in ("GPE", "ORG", "FAC"):
            return self.lex.capitals.get(tok.text.lower())
        return None

    # ------------------------------------------------------------------ actors

    def is_text(self, head: Token) -> bool:
        """A noun naming a text ("the letter", "the Act"); not a name of an organisation that
        happens to be one of those words ("The Post agreed": a newspaper acts)."""
        return (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ not in AGENT_ENTS)) and (
            head.lemma_.lower() in self.lex.texts)

    def _issuer(self, text: Token) -> Token | None:
        """Who issued a text: its possessor ("Russia's decree"), an organisation or country
        naming it ("the UN resolution", "a Russian report"), or "by/from X" ("a letter from
        the senators"); never a word of the text's own name ("the Ukraine Security Act")."""
        name = self.ent_at.get(text.i)
        own = set(range(name.start, name.end)) if name is not None else set()
        for c in text.children:
            if c.i in own or c.pos_ not in ("PROPN", "NOUN", "ADJ", "PRON"):
                continue
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and (
                    c.ent_type_ in ("ORG", "GPE", "NORP") or self.country_in_words([c.text]) is not None)):
                return c
        for c in text.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN", "PRON"):
                        return p
        return None
    def actor(self, head: Token, plover_type: str = "", kind: str | None = None) -> EventActor | None:
        """The actor headed by ``head``, or None for words that cannot act ("it" unresolved...)."""
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
            return None
        head = _group_member(head)
        if self.is_text(head):
            # a letter, a law, a report is an instrument: its issuer acts, if the phrase names one
            issuer = self._issuer(head)
            return self.actor(issuer, plover_type, kind) if issuer is not None else None
        start, end = clauses.np_span(head)
        doc = self.doc
        toks = [doc[i] for i in range(start, end)]
        ent_id = self._entity_id(head, toks)
        if ent_id is not None and not _pronoun_agrees(head, self.entities.get(ent_id)):
            ent_id = None  # "he" resolved to a place: the resolution is wrong, the actor unknown
        code = self._head_country(head)
        if code is None:
            code = self.country_in_words([t.text for t in toks if not t.is_punct or t.text == "."])
        if code is None and ent_id is not None and not any(t.lower_ in NOT_NATIONALITY for t in toks):
            code = self.entity_country.get(ent_id)  # not "ethnic Albanians" (in Serbia)
        if code is None:
            for t in toks:
                code = self.place_country(t)
                if code:
                    break
        if code is None:
            code = self._country_from_attachments(head)
        sector = self.sector(head, toks, ent_id)
        if sector is None and any(t.lower_ == "ethnic" for t in toks):
            sector = ETHNIC_GROUP_SECTOR
        if sector is None and self._is_country_word(head, toks):
            if plover_type in MILITARY_TYPES or kind in MILITARY_KINDS:
                sector = "military"
            elif head.ent_type_ != "NORP" and head.pos_ == "PROPN":
                sector = COUNTRY_SECTOR
        name = self._name(ent_id, doc[start:end].text)
        if head.lower_ in clauses.PRONOUNS and ent_id is None:
            return None
        span = TextSpan.of(self.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        return EventActor(span=span, name=name, entity_id=ent_id, country_code=code, sector=sector)

    def several_states_attached(self, head: Token) -> bool:
        """Does an apposition or an of/from phrase of ``head`` coordinate several states ("three
        leaders, the presidents of Kenya, Ghana and Senegal")?"""
        return any((c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "from")))
                   and self._several_states(list(c.subtree)) for c in head.children)

    def _several_states(self, toks: list[Token]) -> bool:
        """Do these words coordinate the names of two or more states ("the presidents of
        Kenya, Ghana and Senegal", "envoys from France and Germany")? An actor so named
        stands for several states, none of which is its own country."""
        states: set[str] = set()
        for t in toks:
            if t.dep_ != "conj" and not any(c.dep_ == "conj" for c in t.children):
                continue
            words = [x.text for x in t.doc[t.left_edge.i:t.i + 1] if x.i == t.i or (x.dep_ == "compound" and x.head.i == t.i)]
            code = self.country_in_words(words)
            if code is not None and code not in NON_STATE_CODES:
                states.add(code)
        return len(states) >= 2

    def _head_country(self, head: Token) -> str | None:
        """The head's own name first: "NATO-member Norway" is Norway."""
        ent = self.ent_at.get(head.i)
        first = ent.start if ent is not None else head.i
        if first > 0 and self.doc[first - 1].lower_ in NOT_NATIONALITY:
            return None  # "ethnic Albanians", "pro-Iranian"
        words = [w.strip(",;:()\"“”") for w in ent.text.split()] if ent is not None else [head.text]
        if words and words[0].lower() == "the":
            words = words[1:]
        return self.country_in_words(words) if words else None

    def _entity_id(self, head: Token, toks: list[Token]) -> str | None:
        if head.i in self.entity_at:
            return self.entity_at[head.i]
        for t in reversed(toks):  # a name's other words, never a possessor ("Moscow's forces")
            if t.i in self.entity_at and t.dep_ in ("compound", "flat") and t.head == head:
                return self.entity_at[t.i]
        return None

    def _name(self, ent_id: str | None, text: str) -> str:
        ent = self.entities.get(ent_id) if ent_id else None
        if ent is not None and ent.label != "NORP":
            return ent.name
        for article in ("the ", "The ", "a ", "A ", "an ", "An "):
            if text.startswith(article):
                return text[len(article):]
        return text

    def _is_country_word(self, head: Token, toks: list[Token]) -> bool:
        """A country, its demonym or its capital used for it ("Moscow said"), not any town."""
        return (self.country_in_words([head.text]) is not None
                or (head.ent_type_ in ("GPE", "ORG") and head.lower_ in self.lex.capitals))

    def _country_from_attachments(self, head: Token) -> str | None:
        """'supporters of the Algerian president', 'Sidhoum, Algeria's leading activist',
        'demonstrators in Baghdad'. Not where several states are coordinated there ("the
        presidents of Kenya, Ghana and Senegal"). Not where a named body sits or meets: "the Nordic Council
        in Oslo", "the European Council in Versailles" are not Norwegian or French."""
        where = ("in", "throughout") if not (head.pos_ == "PROPN" and head.ent_type_ == "ORG") else ()
        for c in head.children:
            if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "from", *where)):
                if self._several_states(list(c.subtree)):
                    return None  # "the presidents of Kenya, Ghana and Senegal": no one country
                words = [t.text for t in c.subtree]
                code = self.country_in_words(words)
                if code:
                    return code
                for t in c.subtree:
                    nxt = t.nbor(1).lower_ if t.i + 1 < len(t.doc) else ""
                    code = self.place_country(t) if nxt not in TOPIC_HEADS else None
                    if code:
                        return code
        return None

    def sector(self, head: Token, toks: list[Token], ent_id: str | None) -> str | None:
        sectors = self.lex.sectors
        lemma = head.lemma_.lower()
        words = [t for t in toks if not t.is_punct]  # "Secretary-General" is two words and a hyphen
        for i in range(len(words) - 1):  # two-word heads: "prime minister", "security force"
            pair = f"{words[i].lemma_.lower()} {words[i + 1].lemma_.lower()}"
            if words[i + 1].i == head.i and pair in sectors:
                return sectors[pair][0]
        if lemma in sectors and head.ent_type_ != "PERSON":
            return sectors[lemma][0]
        for t in reversed(toks):
            if t.i != head.i and t.lemma_.lower() in sectors:
                return sectors[t.lemma_.lower()][0]
        ent = self.entities.get(ent_id) if ent_id else None
        if ent is not None:
            for text in [*(x.text for x in ent.titles), ent.role or "", ent.name]:
                ws = _words(text)
                for a, b in reversed(list(itertools.pairwise(ws))):  # "think tank" before "tank"
                    pair_hit = sectors.get(f"{a.lower()} {b.lower()}")
                    if pair_hit:
                        return pair_hit[0]
                for w in reversed(ws):
                    hit = sectors.get(w.lower()) or sectors.get(w.lower().rstrip("s"))
                    if hit:
                        return hit[0]
        if head.ent_type_ == "ORG":
            for w in reversed(_words(head.text)):
                if w.lower() in sectors:
                    return sectors[w.lower()][0]
        return None


#: heads that stand for the group named in their of-phrase ("a group of Yoruba leaders")
GROUP_HEADS = frozenset({"group", "number", "some", "most", "many", "all", "part", "one", "batch", "patch",
                         "contingent", "team", "dozen", "hundred", "thousand", "member", "third", "half",
                         "dozens", "hundreds", "thousands", "tens", "scores", "millions", "rest", "remainder", "bulk"})


#: words before a country word that make it something other than the actor's nationality
NOT_NATIONALITY = frozenset({"ethnic", "anti", "pro", "anti-", "pro-"})


#: words after a country word that make it a topic: "a Russia expert", "a Ukraine war analyst"
TOPIC_HEADS = frozenset({"expert", "experts", "analyst", "analysts", "specialist", "specialists", "scholar",
                         "watcher", "watchers", "correspondent", "researcher", "desk", "war"})
#: endings of demonyms ("a Russian expert" may well be Russian)
DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ch")


#: personal pronouns that refer to a person, and those that never do
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
IMPERSONAL_PRONOUNS = frozenset({"it", "its"})


def _pronoun_agrees(head: Token, ent: Entity | None) -> bool:
    """A pronoun and the entity it was resolved to agree in animacy: "he" is a person, "it"
    is not."""
    low = head.lower_
    if ent is None or low not in PERSONAL_PRONOUNS | IMPERSONAL_PRONOUNS:
        return True
    return (ent.label == "PERSON") == (low in PERSONAL_PRONOUNS)


def _negated_nationality(words: list[str], i: int) -> bool:
    before = [w.lower() for w in words[max(0, i - 2) : i] if w != "-"]
    w = words[i].lower()
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    if after in TOPIC_HEADS and not w.endswith(DEMONYM_ENDINGS):
        return True  # a country's name, not its demonym, before a topic word
    return bool(before and before[-1] in NOT_NATIONALITY) or w.startswith(("anti-", "pro-"))


def _group_member(head: Token) -> Token:
    if head.lemma_.lower() not in GROUP_HEADS:
        return head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return head


def _words(text: str) -> list[str]:
    return [w.strip(",;:()\"“”'’") for w in text.replace("’s", " ").replace("'s", " ").split() if w]
