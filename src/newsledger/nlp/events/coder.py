"""Code one sentence: trigger candidates -> typed, attributed, located draft events."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...lexicons import role_titles
from ...models import EventActor, Place, TextSpan
from . import arguments, clauses, context, mapping, modality, territory, triggers
from .actors import GROUP_HEADS, DocContext
from .lexicon import Lexicon, TriggerEntry

#: PLOVER's rule (manual 3.1, 3.4): cooperative acts in the future tense are AGREE; a
#: future retreat is a verbal CONCEDE
FUTURE_RECODE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
                 "RETREAT": "CONCEDE"}
#: PLOVER (manual 2.3): a conflictual act announced for the future is a THREATEN, with the
#: mode naming what is threatened
CONFLICT_THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
                         "PROTEST": "restrict", "MOBILIZE": "violence"}
COERCE_THREAT_MODES = {"arrest": "arrest", "deport": "expel", "seize": "territory"}
#: cooperative acts that, negated ("will not accept", "failed to reach agreement"), are a REJECT
NEGATABLE_TYPES = frozenset({"AGREE", "SUPPORT", "CONSULT", "CONCEDE", "COOPERATE"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
#: a conditional offer of these is still an offer (AGREE), not a threat
COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})
#: kinds whose target is the place approached, taken or held
TERRITORIAL_KINDS = frozenset({"advance", "territory-gain", "territory-hold", "territory-loss"})
#: GeoNames feature classes of places that cannot stand for a country as a target (seas,
#: mountains, forests, undersea features): "an attack on a ship in the Red Sea"
NOT_TARGET_FEATURES = frozenset({"H", "T", "U", "V"})
#: acts done by saying (PLOVER's verbal categories and the STATEMENT extension): their target
#: is the one accused, asked, refused, promised, backed, threatened or told, never the place
#: where what is said about happened ("makes false charges ... of genocide *in Donbas*",
#: "criticizes the supply of weapons *to* Ukraine"); the place stays the event's location
SPEECH_ACT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "STATEMENT"})
#: acts of giving by word (promising, backing): a place is their target only as the one given
#: to ("approved aid *for* Ukraine", "pledged support *to* Kyiv"), not where they were said
GIVING_SPEECH_TYPES = frozenset({"AGREE", "SUPPORT"})
BENEFICIARY_PREPS = frozenset({"to", "for"})
#: entity types of a place, and of organisations and peoples (not PERSON: a place name the tagger
#: took for a person, "Sukhumi was controlled by ...", still holds ground)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PEOPLE_ENTS = frozenset({"ORG", "NORP"})
#: unnamed groups of these sectors act where they are: "prisoners rioted at a jail in Dili",
#: "demonstrators in the capital"; their country is the event's place's, inside the clause
LOCAL_SECTORS = frozenset({"civilians", "refugees", "labour", "agriculture", "police", "unidentified armed"})
#: a withdrawal transfers territory unless what is left is not a place: "Russian forces
#: withdrew", "Russia withdrew from Kherson"; not "the US withdrew from talks"
TERRITORY_TRANSFER = "Non-violent transfer of territory"
#: kinds whose passive subject is the one acting ("troops were deployed", "forces were moved")
THEME_IS_ACTOR_KINDS = frozenset({"redeploy", "territory-loss"})
#: sectors of an armed force: as the object of a verb of those kinds, the forces moved
FORCE_SECTORS = frozenset({"military", "paramilitary", "rebels", "police"})
#: base confidence by how the trigger was found, plus a bonus per resolved argument; set by
#: hand so that a verb with both actors scores ~0.9 and a bare event noun ~0.5
BASE_CONFIDENCE = {"verb": 0.6, "noun": 0.45, "adj": 0.55, "frame": 0.5, "distance": 0.6}
ARGUMENT_BONUS = 0.12
MAX_CONFIDENCE = 0.95


@dataclass
class Draft:
    trigger: Token
    anchor: Token
    start: int
    end: int
    plover_type: str
    plover_mode: str | None
    kind: str | None
    how: str
    source: EventActor | None = None
    target: EventActor | None = None
    place: Place | None = None
    location: TextSpan | None = None
    modality: str = "asserted"
    generic: bool = False  # a background reference ("the war"), not an occurrence
    country_inferred: bool = False  # an actor's country was guessed from the sentence
    recoded: bool = False
    light: bool = False  # an event noun carried by a light verb: the verb's tense is the event's
    extra_quantity_tokens: list[Token] = field(default_factory=list)
    acled: mapping.AcledCode | None = None

    @property
    def confidence(self) -> float:
        c = BASE_CONFIDENCE[self.how] + ARGUMENT_BONUS * sum(x is not None for x in (self.source, self.target))
        c += ARGUMENT_BONUS / 2 * (self.location is not None)
        return round(min(MAX_CONFIDENCE, c), 2)


def _how(tok: Token) -> str:
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return "verb"


def _choose(entries: list[TriggerEntry], source: EventActor | None) -> TriggerEntry | None:
    sector = source.sector if source else None
    for e in entries:
        if e.actor_sectors and sector not in e.actor_sectors:
            continue
        return e
    return None


def _source_token(c: triggers.Candidate, entry_role: str, ctx: DocContext) -> Token | None:
    tok = c.token
    if tok.pos_ in ("NOUN", "PROPN"):
        src = arguments.noun_source(tok, entry_role, ctx)
        if src is not None:
            return src
        if not c.light:  # "the US speeded up the withdrawal": the object of a verb is its subject's act;
            # "converged on the capital for a rally": so is the purpose of a verb
            purpose = tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.pos_ == "VERB"
            verb = clauses.governing_verb(tok) if tok.dep_ in ("dobj", "obj") or purpose else None
            subj = clauses.subject(verb) if verb is not None else None
            return subj if subj is not None and arguments.actorish(subj, ctx) else None
    subj = clauses.subject(c.anchor)
    if subj is None:
        return None
    subj = arguments.resolve_pronoun(subj, c.anchor, ctx)
    if subj.pos_ == "NOUN" and not arguments.actorish(subj, ctx) and triggers.match(subj, ctx.lex)[0]:
        return arguments.noun_source(subj, "actor", ctx)  # "Israeli air strikes killed...": the strikes' actor
    if subj.dep_ in ("dobj", "obj") and not arguments.actorish(subj, ctx):  # "issued a declaration demanding"
        verb = clauses.governing_verb(subj)
        if verb is not None and verb.lemma_.lower() in ctx.lex.light_verbs:
            subj = clauses.subject(verb) or subj
    # "This operation provided...": no actor; "the APEC forum", "thousands of Iraqi Kurds",
    # "Palestinian prisoners": the actor inside the phrase; "holding Russian land could...":
    # a gerund clause the parser read as a noun phrase, no actor
    if any(c.tag_ == "VBG" and c.dep_ == "amod" and c.i == subj.left_edge.i for c in subj.children):
        return None
    if subj.pos_ == "ADJ" and ctx.country_in_words([subj.text]) is None:
        return None  # "worst of all, supported ...": an adjective names no one (a demonym does)
    if _relational(subj, ctx):
        return subj
    if subj.pos_ == "NOUN" and ctx.several_states_attached(subj):
        # "delegates from Chile, Peru and Bolivia met ...": the delegates act, for several
        # states; the first state of the list is not the actor
        return subj
    return arguments.find_actorish(subj, ctx, preps=arguments.AGENT_PREPS)


#: entity types of an of-phrase that make "X of Y" a part, a place or a body of Y, not a person
#: related to Y ("the city of Kharkiv", "the government of Ukraine")
NOT_PERSON_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})


def _relational(subj: Token, ctx: DocContext) -> bool:
    """"The wife of the President began a visit": the head of the noun phrase is who acts;
    the person its of-phrase names only says whose wife (and gives the country). Not for
    quantities and groups ("thousands of protesters"), which stand for their members."""
    if subj.pos_ != "NOUN" or arguments.actorish(subj, ctx) or subj.lemma_.lower() in GROUP_HEADS:
        return False
    objs = [p for _, p in clauses.prep_objects(subj, ("of",))]
    if any(_titled_name(p, ctx) for p in objs):
        return False
    return any(p.ent_type_ == "PERSON" or (p.pos_ in ("NOUN", "PROPN") and p.ent_type_ not in NOT_PERSON_ENTS
                                           and p.lemma_.lower() in ctx.lex.sectors)
               for p in objs)


def _titled_name(p: Token, ctx: DocContext) -> bool:
    """"The head of American diplomacy Antony Blinken": the name closes a title phrase (its
    compound is a common noun of a field, not a role title of ``data/titles.tsv`` such as
    "President" or "defence minister"), so the name is who holds the title, in apposition to
    the whole phrase."""
    roles = frozenset(w.rstrip(".") for w in role_titles())
    return p.ent_type_ == "PERSON" and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.text.islower() and c.lemma_.lower() not in roles
        for c in p.lefts)


def _target_token(c: triggers.Candidate, entry_role: str, ctx: DocContext, src: Token | None,
                  plover_type: str = "") -> Token | None:
    tok = c.token
    if tok.pos_ in ("NOUN", "PROPN"):
        tgt = arguments.noun_target(tok, entry_role, ctx, src, meeting=plover_type == "CONSULT")
        if tgt is None and src is not None and src.head == tok and src.dep_ == "poss":
            for ch in tok.children:  # "Ukraine's incursion into Russian territory"
                if ch.dep_ in ("amod", "compound") and ctx.country_in_words([ch.text]) and (src is None or ch != src):
                    return ch
        if tgt is None and c.light:  # "issued a warning to X", "imposed a curfew on Y"
            tgt = arguments.verb_target(c.anchor, ctx, src)
            if tgt is not None and tgt == tok:
                tgt = None
        return tgt
    if tok.pos_ == "ADJ":
        for ch in tok.children:
            if ch.dep_ == "xcomp":
                return arguments.verb_target(ch, ctx, src)
        return None
    if plover_type == "CONSULT":
        partner = _partner(tok, ctx, src)
        obj = clauses.first_object(tok)
        topic = obj is not None and tok.lemma_.lower() in TOPIC_VERBS
        if partner is None and obj is not None and (topic or not arguments.actorish(obj, ctx)):
            named = next((a for a in obj.children if a.dep_ == "appos" and arguments.actorish(a, ctx)), None)
            if named is not None:  # "met his counterpart Vladimir Putin": the apposed name is the party
                return named
            # "discussed Russian aggression": a topic, not the party talked with; only those the
            # object names as taking part count ("hosted a conference for opposition leaders")
            for _, p in clauses.prep_objects(obj, PARTICIPANT_PREPS):
                partner = arguments.find_actorish(p, ctx)
                if partner is not None:
                    break
            return partner
        if partner is not None:
            return partner
    if plover_type == "ACCUSE":
        obj = clauses.first_object(tok)
        entries = triggers.match(obj, ctx.lex)[0] if obj is not None and obj.pos_ == "NOUN" else []
        if obj is not None and entries:  # "condemned the deployment of troops to X by Y": the act's doer
            return arguments.noun_source(obj, entries[0].of_role, ctx)
        if obj is not None and obj.pos_ == "NOUN" and not arguments.actorish(obj, ctx):
            # "criticised supplies of weapons to Ukraine", "slammed Canada's decision": a thing or
            # act criticised stands for whoever made or did it, never for where it went
            return arguments.noun_source(obj, "actor", ctx)
    return arguments.verb_target(tok, ctx, src, STATEMENT_DEPTH if plover_type in STATEMENT_TYPES else
                                 arguments.COMPLEMENT_DEPTH)


#: meeting verbs whose object is always what is talked about, never the other party, even
#: when it is a country or a group word ("discussed Ukraine", "discussed the state of
#: safety"): PLOVER's CONSULT target is who one meets ("with X", the other subject)
TOPIC_VERBS = frozenset({"discuss", "debate", "negotiate"})
#: prepositions after a meeting's object that name who takes part in it
PARTICIPANT_PREPS = ("with", "for", "between", "among")


def _partner(verb: Token, ctx: DocContext, src: Token | None) -> Token | None:
    """PLOVER's CONSULT target is the other party: "with X" on the verb or on its setting
    ("discussed the war during talks with X"); the object of "discussed" is a topic."""
    heads = [verb, *(p for _, p in clauses.prep_objects(verb, ("during", "at", "in", "on")))]
    heads += [o for h in heads[1:] for _, o in clauses.prep_objects(h, ("of",))]  # "during hours of talks with X"
    for h in heads:
        for _, p in clauses.prep_objects(h, ("with",)):
            hit = arguments.find_actorish(p, ctx)
            if hit is not None and hit != src:
                return hit
    last = src  # "Lavrov and his counterpart Kuleba met": the last of the coordinated subjects
    for _ in range(clauses.MAX_CLIMB):
        nxt = next((c for c in last.children if c.dep_ == "conj"), None) if last is not None else None
        if nxt is None:
            break
        last = nxt
    if last is not None and last != src:
        return arguments.find_actorish(last, ctx)
    return None


#: marks after which a capital letter opens a new sentence or a quotation
OPENING_MARKS = frozenset({":", '"', "“", "‘", "'", "(", "-", "–", "—"})


def title_case_verb(tok: Token, sent: SpacySpan) -> bool:
    """A verb written with a capital inside a sentence is title case: a headline. The
    article's own headline opens the text; one further on is a list of other stories (a
    menu or a "related" box run into the text), not something this article reports."""
    if tok.pos_ not in ("VERB", "AUX") or not tok.text[:1].isupper() or tok.text.isupper():
        return False
    if tok.i == sent.start or sent.start == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return not (prev.is_space or prev.text in OPENING_MARKS or prev.is_sent_start)


def _at_home(d: Draft, place: EventActor) -> bool:
    """PLOVER's CONSULT target is the other party. Abroad the host country is one ("arrived
    in Amman", "ministers of Lithuania discussed in Kiev"); a meeting in the source's own
    country ("the Polish president met his French counterpart in Warsaw") has none in its
    place."""
    return (d.plover_type == "CONSULT" and d.source is not None and d.source.country_code is not None
            and d.source.country_code == place.country_code)


def _withholds(tok: Token) -> bool:
    """"denying Kyiv the weapons", "denied them visas": a verb of denial with a recipient and a
    thing is a refusal to give, not a denial of a claim."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "dative")]
    return tok.pos_ in ("VERB", "AUX") and len(objs) >= 2


#: types whose target is whom they address or what their that-clause is about, never a word
#: deeper in what was said ("warned that Putin would not stop at the Polish border"); a
#: request's target is the one asked, not who the asked act would touch ("demanded that
#: Russia hand over the plant to the IAEA": Russia)
STATEMENT_TYPES = frozenset({"STATEMENT", "REQUEST"})
STATEMENT_DEPTH = 0


def _speaker_country(actor: EventActor, tok: Token, anchor: Token, ctx: DocContext) -> EventActor:
    """'Bosnian Serbs said their forces...': a possessive pronoun in a reported clause is the speaker's."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in clauses.PRONOUNS), None)
    if poss is None:
        return actor
    speaker = arguments.resolve_pronoun(poss, anchor, ctx)
    if speaker == poss:
        return actor
    other = ctx.actor(speaker)
    if other is None or other.country_code is None:
        return actor
    return actor.model_copy(update={"country_code": other.country_code})


#: prepositions that introduce an attack's means: "killed by a roadside bomb", "in a car bomb blast"
INSTRUMENT_PREPS = ("by", "with", "in")


#: prepositions after a protest that name what it is against
PROTEST_PREPS = ("against", "over", "outside")


def _protest_target(tok: Token, anchor: Token, ctx: DocContext, src: Token | None) -> Token | None:
    """What a protest is against: "against X", "in protest of X", or the object of its purpose
    clause ("staged a hunger strike to protest X's decision", "to demand the resignation of Y")."""
    for h in (tok, anchor):
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in PROTEST_PREPS:
                for p in c.children:
                    hit = arguments.find_actorish(p, ctx) if p.dep_ == "pobj" else None
                    if hit is not None:
                        return hit
            if c.dep_ == "prep" and c.lower_ == "in":  # "in protest of/against X"
                for p in c.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() == "protest":
                        hit = arguments.noun_target(p, "target", ctx, src)
                        if hit is not None:
                            return hit
            if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB":
                hit = arguments.verb_target(c, ctx, src)
                if hit is not None:
                    return hit
    return None


def _object_after_clause(verb: Token, tgt: Token) -> bool:
    """Is ``tgt`` inside a direct object the parser hung on ``verb`` after the verb's that-clause
    ("alleged that the plan was backed by Shor and Plahotniuc, *two Moldovan oligarchs*")? In
    English a verb's object comes before its clausal complement ("told *Moscow* that ..."); a
    noun phrase after the clause is an apposition or afterthought of a word inside it, not
    whom the act is aimed at (session 12)."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    return (clause is not None and obj is not None and clause.i < obj.i
            and obj.left_edge.i <= tgt.i <= obj.right_edge.i)


def _instrument_mode(tok: Token, ctx: DocContext) -> str | None:
    """An ASSAULT's mode from its means: its subject ("air strikes killed"), a by/with/in
    phrase ("killed by a roadside bomb"), or a compound of the trigger ("rocket attack")."""
    weapons = ctx.lex.weapons
    cands = [c for c in tok.children if c.dep_ == "compound"]
    subj = clauses.subject(tok) if tok.pos_ in ("VERB", "AUX") else None
    cands += [subj] if subj is not None else []
    cands += [p for _, p in clauses.prep_objects(tok, INSTRUMENT_PREPS)]
    for n in cands:
        words = [n, *(c for c in n.children if c.dep_ in ("compound", "amod"))]
        for w in words:
            pair = f"{w.lemma_.lower()} {n.lemma_.lower()}"
            mode = weapons.get(pair) if w != n else None
            mode = mode or weapons.get(w.lemma_.lower())
            if mode:
                return mode
    return None


def code_sentence(sent: SpacySpan, ctx: DocContext) -> list[Draft]:
    lex = ctx.lex
    drafts: list[Draft] = []
    for c in triggers.candidates(sent, lex):
        if _offence(c.token):
            continue  # "committed war crimes": an offence named, not a commitment
        first = c.entries[0]
        src_tok = _source_token(c, first.of_role, ctx)
        source = ctx.actor(src_tok, first.plover_type, first.kind) if src_tok is not None else None
        if source is not None and source.country_code is None and src_tok is not None:
            source = _speaker_country(source, src_tok, c.anchor, ctx)
        entry = _choose(c.entries, source)
        if entry is None or not_an_act(entry.plover_type, c.token, lex) or poll_subject(clauses.subject(c.anchor)):
            continue
        if source is not None and entry.plover_type != first.plover_type:
            source = ctx.actor(src_tok, entry.plover_type, entry.kind) if src_tok is not None else None
        if entry.kind == "territory-hold" and _holds_people(c.token, ctx):
            continue  # "controls separatists in the Donbas": influence over people, not ground held
        tgt_tok = _target_token(c, entry.of_role, ctx, src_tok, entry.plover_type)
        if tgt_tok is not None and _object_after_clause(c.token, tgt_tok):
            tgt_tok = None
        mode = entry.plover_mode
        if entry.plover_type == "ASSAULT" and mode is None:
            mode = _instrument_mode(c.token, ctx)
        d = Draft(c.token, c.anchor, c.start, c.end, entry.plover_type, mode, entry.kind,
                  _how(c.token), source=source, light=c.light)
        if d.plover_type == "STATEMENT" and d.plover_mode == "deny" and _withholds(c.token):
            d.plover_type, d.plover_mode = "REJECT", None  # PLOVER: refusing to give is a REJECT
        d.place, d.location = arguments.place(c.token, c.anchor, ctx, d.plover_type)
        if tgt_tok is not None:
            d.target = ctx.actor(tgt_tok)
        if d.plover_type == "PROTEST" and d.target is None:
            tgt = _protest_target(c.token, c.anchor, ctx, src_tok)
            d.target = ctx.actor(tgt) if tgt is not None else None
        if (source is not None and source.country_code is None and source.entity_id is None
                and source.sector in LOCAL_SECTORS and d.location is not None):
            at = arguments.place_actor(d.place, d.location, ctx, None)
            if at is not None and at.country_code:  # "prisoners rioted at a jail in Dili"
                d.source = source.model_copy(update={"country_code": at.country_code})
        if source is None and entry.kind in THEME_IS_ACTOR_KINDS and clauses.passive(c.token):
            d.source, d.target = d.target, None  # "forces were moved": the forces move
        elif (entry.kind in THEME_IS_ACTOR_KINDS and tgt_tok is not None and tgt_tok.dep_ in ("dobj", "obj")
              and d.target is not None and d.target.sector in FORCE_SECTORS):
            # "Moscow deployed 100,000 soldiers near the border": the forces moved are the
            # mover's own (PLOVER's MOBILIZE: a party moves its forces), no party acted on
            d.target = None
        if d.kind in TERRITORIAL_KINDS and d.location is not None:  # the place approached or held
            d.target = arguments.place_actor(d.place, d.location, ctx, None) or d.target
        elif d.target is None and d.location is not None and _place_can_be_target(d, ctx) and (
                d.place is None or d.place.feature_class not in NOT_TARGET_FEATURES):  # "arrived in Amman"
            at = arguments.place_actor(d.place, d.location, ctx, None)
            d.target = at if at is not None and at.country_code and not _at_home(d, at) else None
        drafts.append(d)
    drafts = _fold_advances(drafts, _front_lines(sent, ctx))
    drafts += _reported_demands(sent, ctx, {d.anchor.i for d in drafts})
    # "Other Topics of Interest Scholz Urges ...": other stories' headlines
    drafts = [d for d in drafts if not title_case_verb(d.trigger, sent)]
    before = [(d.source, d.target) for d in drafts]
    context.fill_countries(drafts, sent, ctx)
    for d, (src0, tgt0) in zip(drafts, before, strict=True):
        # fill_countries replaces the actors it gives a country from another word of the
        # sentence: such a country is a guess, not the actor's own mention, role or affiliation
        d.country_inferred = (d.source is not src0) or (d.target is not tgt0)
    _modality(drafts, ctx)
    for d in drafts:
        if d.plover_type == "THREATEN" and not d.recoded and _warns_of_others(d, ctx):
            d.plover_type, d.plover_mode = "STATEMENT", "warn"
            src_tok = _actor_token(d.source, ctx)
            tgt = arguments.verb_target(d.trigger, ctx, src_tok, STATEMENT_DEPTH)
            d.target = own = ctx.actor(tgt) if tgt is not None else None
            context.fill_countries([d], sent, ctx)
            d.country_inferred = d.country_inferred or d.target is not own
    drafts = merge_consequences(drafts)
    bag = mapping.Bag(sent)  # once per sentence: its lookups are cached for every event
    for d in drafts:
        d.generic = generic(d) or _danger(d, ctx) or kind_description(d.anchor) or starting_point(d.anchor)
        d.acled = mapping.acled_code(d.plover_type, d.plover_mode, territorial_kind(d), d.source, d.target, bag)
        if d.acled.sub_event_type == TERRITORY_TRANSFER and d.plover_type == "RETREAT" and _left_no_place(d, ctx):
            d.acled = mapping.AcledCode(None, None, "diplomacy")  # "withdrew from talks": no territory
    return drafts


#: participles that report what an attack did ("shelled the town, killing two civilians"):
#: the same occurrence, whose victims and toll are attributes of the attack
CONSEQUENCE_DEPS = frozenset({"advcl", "conj", "xcomp"})
#: types whose consequences fold into them: violence
FOLDING_TYPES = frozenset({"ASSAULT"})


def merge_consequences(drafts: list[Draft]) -> list[Draft]:
    """One occurrence is one event: an ASSAULT participle ("killing", "wounding") hanging
    from another ASSAULT's verb is that attack's outcome, and an attack noun that is the
    subject of an ASSAULT verb ("an air strike killed five") is that verb's means; either
    folds into the verb's event, its figures and victims with it."""
    by_anchor = {d.anchor.i: d for d in drafts if d.plover_type in FOLDING_TYPES}
    out = []
    for d in drafts:
        if d.plover_type not in FOLDING_TYPES:
            out.append(d)
            continue
        head = by_anchor.get(d.anchor.head.i) if d.anchor.dep_ in CONSEQUENCE_DEPS else None
        if (head is not None and head is not d and d.how == "verb" and d.trigger.tag_ == "VBG"
                and d.modality == head.modality):
            head.extra_quantity_tokens += [*d.trigger.subtree]
            if head.target is None or (head.target.sector is None and d.target is not None
                                       and d.target.sector is not None):
                head.target = d.target  # the victims, over the place where it happened
            continue
        verb = by_anchor.get(d.trigger.head.i) if d.how == "noun" and d.trigger.dep_ == "nsubj" else None
        if verb is not None and verb is not d and verb.how == "verb":
            verb.source = verb.source or d.source
            verb.plover_mode = verb.plover_mode or d.plover_mode
            continue
        out.append(d)
    return out


#: entity types that date or count an event noun in its own phrase ("the attack on Monday")
ANCHORING_ENTS = frozenset({"DATE", "TIME", "CARDINAL"})


def generic(d: Draft) -> bool:
    """A reference, not a report of an occurrence. An event noun naming a state of affairs
    ("the war", "its full-scale invasion") is background unless a light verb makes it an
    act ("launched an invasion"). Another event noun is an occurrence when its clause
    reports it: it is the subject of a verb ("protests erupted", "the blast killed five"),
    the object of a verb in the past ("repelled a Russian attack"), or its own phrase dates
    or counts it; otherwise it is a mention ("warned of a Russian attack", "a staged attack").
    """
    tok = d.trigger
    if d.how == "adj":
        # "is ready to negotiate", "are willing to ship", "are prepared to defend": an adjective
        # predicate names a disposition its holder is in, a state with no date, not an act done
        # (the act it may lead to is hypothetical: modality); PLOVER's type is kept
        return True
    if d.how == "noun" and d.plover_type == "THREATEN" and tok.lemma_.lower() in _possibility_nouns():
        # "the threat of missile strikes remains", "ended the Russian threat to Kyiv": a danger
        # named; a threat is made when its maker issues it ("Iran issued a threat")
        subj = clauses.subject(d.anchor) if d.light else None
        return not (subj is not None and d.source is not None and d.source.span.start <= subj.idx < d.source.span.end)
    durative = tok.lemma_.lower() in mapping.durative_nouns() or tok.lower_ in mapping.durative_nouns()
    if d.how != "noun" or (d.light and (not durative or d.anchor.lemma_.lower() in _inception())):
        return False
    if durative:
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        return False
    head = tok.head
    if tok.dep_ in ("dobj", "obj") and (head.tag_ == "VBD" or (head.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") for c in head.children))):
        return False
    return not any(t.ent_type_ in ANCHORING_ENTS for t in tok.subtree)


#: determiners that make a noun phrase specific: the act of its relative clause is then told
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})


def kind_description(anchor: Token) -> bool:
    """"the children of soldiers who fought in Ukraine", "a country that invaded its
    neighbour": a restrictive relative clause on a bare or indefinite noun says which kind of
    people or things are meant; its act is a description, not an occurrence reported (nor are
    its words actors of anything). A clause set off by a comma ("Russian forces, which shelled
    Kharkiv on Monday, ...") or on a name or a definite phrase reports one."""
    if anchor.dep_ != "relcl" or anchor.head.pos_ != "NOUN":
        return False
    rel = next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")), None)
    if rel is None or (rel.i > 0 and anchor.doc[rel.i - 1].is_punct):
        return False
    noun = anchor.head
    return not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETS) for c in noun.children)


#: auxiliaries of the perfect ("has been", "have grown", "had been")
PERFECT_AUX = frozenset({"have"})


def starting_point(anchor: Token) -> bool:
    """"has been tense since Russia seized Crimea", "has kept a balance since Russia invaded",
    "the blasts come a week after two soldiers were killed": a past act in a clause of ``mark.starting_point`` or
    ``mark.anterior`` under a matrix in the perfect or the present is the point in the past that
    the present state or happening of the matrix is measured from. The text takes it as given
    and dates the matrix by it; it reports no occurrence (and its date is not the article's).
    With "after", only a stretch of time measured before it ("a week after") puts the act
    behind a present matrix: "the road is closed after two devices were found" tells the news
    and its result. Under a past matrix ("Chad shelled the town after the rebels seized it") a
    clause of sequence tells an occurrence of the same story; so it does under a perfect of an event
    ("the army has retaken the village after the rebels attacked it": news told with its
    cause), while a perfect of a state ("has been looming for weeks after ...") is measured
    from it as from a "since"."""
    groups = mapping.cue_groups("occurrence_cues.tsv")
    if anchor.dep_ != "advcl" or not clauses.past_form(anchor):
        return False
    mark = next((c.lower_ for c in anchor.children if c.dep_ == "mark"), None)
    since = mark in frozenset(c[0] for c in groups.get("mark.starting_point", ()))
    if not since and mark not in frozenset(c[0] for c in groups.get("mark.anterior", ())):
        return False
    matrix = anchor.head
    auxes = [c for c in matrix.children if c.dep_ == "aux"]
    perfect = any(c.lemma_.lower() in PERFECT_AUX for c in auxes)
    if perfect:  # "has been tense", "has been looming": a state; "has retaken": an event
        return since or matrix.lemma_.lower() == "be" or any(c.lower_ == "been" for c in auxes)
    if not since and not _measured(anchor):
        return False  # "the road is closed after two devices were found": the news and its result
    return clauses.present_tense(matrix)


def _measured(clause: Token) -> bool:
    """"a week after two soldiers were killed", "months after Russia seized": a stretch of
    time measured before the subordinator puts the clause's act that far before its matrix."""
    heads = [clause, *(c for c in clause.children if c.dep_ == "mark")]  # the parser hangs it on either
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in TIME_UNITS for h in heads for c in h.children)


#: nouns of a stretch of time ("a week after", "two years after")
TIME_UNITS = frozenset({"day", "week", "month", "year", "decade", "century"})


def _everyone() -> frozenset[str]:
    return frozenset(" ".join(c) for c in mapping.cue_groups("occurrence_cues.tsv").get("subject.everyone", ()))


def _danger(d: Draft, ctx: DocContext) -> bool:
    """"Ukraine is threatened by a Russian attack": what threatens is an event, not someone
    making a threat; the verb names a danger."""
    if d.plover_type != "THREATEN" or d.how != "verb":
        return False
    subj = clauses.subject(d.anchor)
    return subj is not None and subj.pos_ == "NOUN" and not arguments.actorish(subj, ctx) and bool(
        triggers.match(subj, ctx.lex)[0])


def _possibility_nouns() -> frozenset[str]:
    return frozenset(c[0] for c in mapping.cue_groups("occurrence_cues.tsv").get("noun.hypothetical", ()))


def _inception() -> frozenset[str]:
    return frozenset(c[0] for c in mapping.cue_groups("occurrence_cues.tsv").get("light.inception", ()))


def territorial_kind(d: Draft) -> str | None:
    """The draft's kind, with a state's forces taking back their own country's territory
    read as ``territory-regain``."""
    s, t = d.source, d.target
    if d.kind == "territory-gain" and s and t and s.country_code and s.country_code == t.country_code:
        return "territory-regain"
    return d.kind


#: subordinators of an interrogative complement ("asked whether", "asked if")
INTERROGATIVE_MARKS = frozenset({"whether", "if"})
#: Penn tags of wh-words ("asked what", "asked why", "asked which")
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


#: prepositions of a warning that advises the one warned not to act ("warned Russia *against*
#: using"): an admonition, not a coercive warning
ADMONITION_PREPS = frozenset({"against"})


def _warns_of_others(d: Draft, ctx: DocContext) -> bool:
    """PLOVER's THREATEN is a coercive warning: the speaker's side announces what it will do
    ("warned that police will no longer tolerate rallies"). A warning that someone else may
    act or that something may happen ("warned that Russia could fabricate an excuse", "warned
    that the supply would endanger security", "warning Britain is facing its 1937 moment") is
    a statement, and so is a warning against an act of the one warned ("warned Russia against
    using nuclear weapons": ``ADMONITION_PREPS``). Otherwise read on the verb's that-clause
    only."""
    tok = d.trigger
    if tok.pos_ not in ("VERB", "AUX") or not any(
            e.plover_type == "STATEMENT" for e in ctx.lex.triggers.get((tok.lemma_.lower(), "V"), [])):
        return False  # only a verb that may be either ("warn"); "threaten" always threatens
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        # "warned Russia against using nuclear weapons": advice against an act of the one
        # warned, which announces nothing the speaker's side will do
        return any(c.dep_ == "prep" and c.lower_ in ADMONITION_PREPS for c in tok.children)
    if any(c.dep_ in ("dobj", "obj", "xcomp") for c in tok.children):
        return False
    subj = clauses.own_subject(clause)
    own_side = False
    if subj is not None and subj.lower_ in clauses.PRONOUNS and subj.lower_ not in ("they", "them"):
        own_side = True  # "threatened that it would strike", "warned that we will respond"
    elif subj is not None and arguments.actorish(subj, ctx):
        actor = ctx.actor(subj)
        speaker = d.source.country_code if d.source is not None and not d.country_inferred else None
        own_side = actor is not None and (actor.country_code is None or speaker is None
                                          or actor.country_code == speaker)
    announced = modality.future(clause) or any(
        a.dep_ == "aux" and a.lower_ in _modals() for a in clause.children)
    return not (own_side and announced)


def _actor_token(actor: EventActor | None, ctx: DocContext) -> Token | None:
    """The head token of an actor's span."""
    if actor is None:
        return None
    span = ctx.doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def poll_subject(src: Token | None) -> bool:
    """A share of a population as the one acting ("77% of Russians support", "the majority
    of respondents blamed"): an opinion measured by a poll, not an act."""
    if src is None:
        return False
    heads = {"%", "percent", "per cent", *_poll_words()}
    return any(t.lower_ in heads or t.lemma_.lower() in heads
               for t in (src, *(c for c in src.children if c.dep_ in ("compound", "nummod", "amod"))))


def _poll_words() -> frozenset[str]:
    return frozenset(" ".join(c) for c in mapping.cue_groups("occurrence_cues.tsv").get("subject.share", ()))


def _left_no_place(d: Draft, ctx: DocContext) -> bool:
    """A withdrawal "from" talks, a treaty, a deal (an event noun) or an organisation: what
    is left is no territory."""
    for prep, p in clauses.prep_objects(d.trigger, ("from",)):
        if prep == "from":
            return bool(triggers.match(p, ctx.lex)[0]) or (p.ent_type_ == "ORG" and p.i not in ctx.place_at)
    return False


def _holds_people(tok: Token, ctx: DocContext) -> bool:
    """A verb of holding ("control") whose object, or passive subject, is an actor and not a
    place ("controls separatists", "the council was controlled by the military"): PLOVER's
    seize mode and ACLED's territorial events are about ground, so this is no such event."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    held = next((c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
    if held is None or held.i in ctx.place_at or held.ent_type_ in PLACE_ENTS:
        return False
    return held.ent_type_ in PEOPLE_ENTS or held.lemma_.lower() in ctx.lex.sectors


def _place_can_be_target(d: Draft, ctx: DocContext) -> bool:
    """May the event's place stand for its target (the fallback when no actor is found)?
    For an act done by saying (``SPEECH_ACT_TYPES``) only when the place names a body of its
    own ("*Burundi's* government"), not where what is said about happened; for a promise or
    backing also when the place is the one given to (``BENEFICIARY_PREPS``)."""
    if d.plover_type not in SPEECH_ACT_TYPES | GIVING_SPEECH_TYPES:
        return True
    loc = d.location
    span = ctx.doc.char_span(loc.start, loc.end, alignment_mode="expand") if loc is not None else None
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("poss", "compound") and arguments.actorish(root.head, ctx):
        return True  # "demands that *Burundi's* government grant ...": the place names its body
    return d.plover_type in GIVING_SPEECH_TYPES and root.dep_ == "pobj" and root.head.lower_ in BENEFICIARY_PREPS


def not_an_act(plover_type: str, tok: Token, lex: Lexicon) -> bool:
    """Verbs of requesting and agreeing that, by their complement, do neither: "was asked
    whether Putin had decided" (a question), "has sought to bolster ties" (an attempt: the
    subject's own act wanted, no one asked), "insisted that Johnson did not know" (a verb of
    saying with an indicative clause: a claim), "leaders agree that the duty is..." (an
    opinion shared, nothing agreed to)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if plover_type == "REQUEST":
        return asks_question(tok) or _own_attempt(tok) or (
            tok.lemma_.lower() in lex.speech_verbs and _asserts(tok))
    if plover_type == "AGREE":
        return _opinion(tok)
    if plover_type == "SUPPORT":
        return _acknowledges(tok)
    return False


def _acknowledges(tok: Token) -> bool:
    """A verb of support whose complement is only a that-clause ("recognized that Brazil is
    one of the countries that suffered"): a fact acknowledged, not an actor recognised or
    backed (PLOVER's SUPPORT is approval of, or diplomatic recognition of, an actor)."""
    deps = {c.dep_ for c in tok.children}
    return "ccomp" in deps and not deps & {"dobj", "obj", "dative", "xcomp"}


#: Penn tags of a finite verb in the indicative
INDICATIVE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: auxiliaries of the indicative ("did not know", "was", "has been")
INDICATIVE_AUX = frozenset({"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "am"})


def _asserts(tok: Token) -> bool:
    """A that-clause in the indicative without a modal of obligation: "insisted that Johnson
    did not know" states, "insisted that Russia withdraw" / "must withdraw" demands."""
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        auxes = [a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")]
        if any(a in _modals() for a in auxes):
            return False
        return c.tag_ in INDICATIVE_TAGS or any(a in INDICATIVE_AUX for a in auxes)
    return False


def _modals() -> frozenset[str]:
    return triggers.DEMAND_MODALS | frozenset({"would", "could", "will", "shall"})


def _own_attempt(tok: Token) -> bool:
    """A verb with only a subject-controlled infinitive ("sought to bolster"): no one is asked."""
    deps = {c.dep_ for c in tok.children}
    return "xcomp" in deps and not deps & {"dobj", "obj", "dative", "prep", "ccomp"}


def _opinion(tok: Token) -> bool:
    """A verb whose only complement is a that-clause ("agree that the duty is..."): a view
    shared, not an agreement to do something or on something."""
    deps = {c.dep_ for c in tok.children}
    return "ccomp" in deps and not deps & {"dobj", "obj", "xcomp", "prep"}


def asks_question(tok: Token) -> bool:
    """A verb whose clausal complement is an indirect question: asking, not requesting."""
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        first = c.left_edge
        if first.tag_ in WH_TAGS or any(g.dep_ == "mark" and g.lower_ in INTERROGATIVE_MARKS for g in c.children):
            return True
    return False


def _offence(tok: Token) -> bool:
    """'commit' whose object (or passive subject) is an offence: "committing war crimes"."""
    if tok.lemma_.lower() != "commit":
        return False
    offences = {c[0] for c in mapping.cue_groups("occurrence_cues.tsv").get("offence", ())}
    args = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if tok.dep_ in ("relcl", "acl"):
        args.append(tok.head)  # "the war crimes being committed"
    return any(a.lemma_.lower() in offences for a in args)


def _front_lines(sent: SpacySpan, ctx: DocContext) -> list[Draft]:
    out = []
    for fl in territory.front_lines(sent):
        subj = fl.holder or (clauses.subject(fl.verb) if fl.verb.pos_ in ("VERB", "AUX") else None)
        source = ctx.actor(subj, "ASSAULT", "advance") if subj is not None else None
        pl = ctx.place_at.get(fl.target.i)
        loc = None
        if pl is not None:
            loc = next((m.span for m in pl.mentions if m.span.start <= fl.target.idx < m.span.end), None)
        elif fl.target.ent_type_ in ("GPE", "LOC", "FAC"):
            loc = TextSpan.of(ctx.doc.text, fl.target.idx, fl.target.idx + len(fl.target.text))
        # the place approached is the event: a distance to no named place ("19 miles from the
        # city centre", "a few km from the border") tells where a force stands, not which
        # place it advances on, so it names no target (and is not shown)
        target = arguments.place_actor(pl, loc, ctx, fl.target) if loc is not None else None
        d = Draft(fl.distance, fl.verb, fl.start, fl.end, "ASSAULT", None, "advance", "distance",
                  source=source, target=target, place=pl, location=loc)
        d.extra_quantity_tokens = list(fl.distance.subtree)
        out.append(d)
    return out


def _fold_advances(drafts: list[Draft], lines: list[Draft]) -> list[Draft]:
    """One advance, one event: "Russian forces have advanced to within about 10 km of X" is
    the verb's advance and the distance it reached; the distance's event (with its place and
    figure) stays, the verb's actor with it."""
    by_verb = {d.anchor.i: d for d in lines}
    out = []
    for d in drafts:
        line = by_verb.get(d.anchor.i)
        if line is not None and d.plover_type == "ASSAULT" and d.kind == "advance":
            line.source = line.source or d.source
            continue
        out.append(d)
    return out + lines


def _reported_demands(sent: SpacySpan, ctx: DocContext, taken: set[int]) -> list[Draft]:
    out = []
    for say, _modal, clause in triggers.reported_demands(sent, ctx.lex):
        if say.i in taken:
            continue
        subj = clauses.subject(say)
        source = ctx.actor(subj, "REQUEST") if subj is not None else None
        obj = clauses.own_subject(clause) or next((c for c in clause.children if c.dep_ == "nsubjpass"), None)
        if obj is not None and " ".join(w.lower_ for w in obj.subtree) in _everyone():
            continue  # "No one should be making idle comments": a norm stated, no one asked
        if obj is not None and obj.dep_ == "nsubj" and not arguments.actorish(obj, ctx):
            continue  # "the principles of international law must be valid for everyone": a norm
        # "said Russia should not be designated a sponsor of terrorism", "X must be pushed out,
        # Truss said": the subject of a passive is what the demanded act would touch; the one
        # asked (the target) is unsaid
        target = ctx.actor(obj) if obj is not None and obj.dep_ != "nsubjpass" else None
        # the demand is made by saying it: the reporting verb is the trigger ("reiterated that
        # Libya must hand over"), so the frame outranks the demanded act as the main event
        out.append(Draft(say, say, say.i, say.i + 1, "REQUEST", None, None, "frame",
                         source=source, target=target))
    return out


def _conditional(anchor: Token) -> bool:
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in c.children)
               for c in anchor.children)


def _threat_mode(d: Draft) -> str | None:
    if d.plover_type == "COERCE":
        return COERCE_THREAT_MODES.get(d.plover_mode or "", "restrict")
    return CONFLICT_THREAT_MODES.get(d.plover_type)


def _recode(d: Draft, m: str, drafts: list[Draft]) -> str:
    """PLOVER's category rules for promises, threats and refusals; returns the modality."""
    if d.how not in ("verb", "adj") and not d.light:
        return m
    if m == "negated" and d.plover_type in NEGATABLE_TYPES:
        # PLOVER names a negated cooperative act a REJECT ("has not joined the sanctions",
        # "won't discuss"), and the PLOVER figures use that type; but what the text tells is
        # that the act did not happen, so it stays negated and is not shown (session 12)
        d.plover_type, d.plover_mode, d.kind, d.recoded = "REJECT", None, None, True
        return "negated"
    if d.plover_type == "AGREE":  # "is prepared to impose martial law"
        for other in drafts:
            if other is not d and other.plover_type in CONFLICT_THREAT_MODES and _complement_of(other.anchor, d):
                d.plover_type, d.plover_mode, d.recoded = "THREATEN", _threat_mode(other), True
                return m
    if not modality.future(d.anchor):
        return m
    if _conditional(d.anchor) and d.plover_type not in COOPERATIVE_TYPES | {"REQUEST", "THREATEN"}:
        d.plover_type, d.plover_mode, d.kind, d.recoded = "THREATEN", _threat_mode(d), None, True
        return m  # a conditional threat is coded THREATEN for PLOVER, but not shown as a made threat
    elif d.plover_type in FUTURE_RECODE:
        d.plover_type, d.plover_mode, d.kind, d.recoded = FUTURE_RECODE[d.plover_type], None, None, True
    elif d.plover_type in CONFLICT_THREAT_MODES and d.plover_type != "SANCTION":  # announced sanctions are sanctions
        d.plover_type, d.plover_mode, d.kind, d.recoded = "THREATEN", _threat_mode(d), None, True
        # "Russian forces plan to attack", "could attack": PLOVER codes the threat, but the
        # text only says it may happen (often in someone else's words): not a made threat
        return m
    else:
        return m
    # "intends to return control", "would defend": PLOVER codes the promise, but the text
    # only says it may happen; the act keeps its modality (not shown as done)
    return m


def _complement_of(tok: Token, d: Draft) -> bool:
    """Is ``tok`` in the infinitival complement of the draft's trigger ("ready to impose")?"""
    cur = tok
    for _ in range(3):
        if cur.dep_ != "xcomp" or cur.head == cur:
            return False
        cur = cur.head
        if cur == d.trigger or cur == d.anchor:
            return True
    return False


def _modality(drafts: list[Draft], ctx: DocContext) -> None:
    commitments = {d.trigger.i for d in drafts if d.plover_type in modality.COMMITMENT_TYPES}
    commitments |= {d.anchor.i for d in drafts if d.plover_type in modality.COMMITMENT_TYPES}
    for d in drafts:
        m = modality.modality(d.anchor, d.trigger, ctx.lex, commitments - {d.trigger.i, d.anchor.i})
        d.modality = _recode(d, m, drafts)
        if d.recoded and d.modality == "reported" and _someone_elses_prediction(d, ctx):
            d.modality = "hypothetical"


def _someone_elses_prediction(d: Draft, ctx: DocContext) -> bool:
    """"Biden said Russian forces will attack": a future act in a third party's reported
    speech is a prediction, not the actor's threat or promise."""
    verb = d.anchor
    for _ in range(clauses.MAX_CLIMB):
        if verb.dep_ != "ccomp" or verb.head == verb:
            return False
        verb = verb.head
        if verb.lemma_.lower() in ctx.lex.reporting_verbs:
            speaker = clauses.subject(verb)
            if speaker is None or d.source is None:
                return False
            return not (d.source.span.start <= speaker.idx < d.source.span.end) and \
                ctx.actor(speaker) is not None and ctx.actor(speaker).country_code != d.source.country_code  # type: ignore[union-attr]
    return False
