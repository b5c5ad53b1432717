"""PLOVER -> ACLED event type / sub-event type and CAMEO root code, from mapping.tsv.

Rows are keyed by PLOVER type with an optional ``:mode`` and ``@kind`` (the trigger's finer
class, e.g. ``territory-gain``), and optionally restricted to the source actor's sector
(``military``), the target's (``>civilians``) or both (``civilians>police``). The most
specific row wins: kind+mode, kind, mode, bare type; at each level, both sectors, then the
target's, then the source's, then any.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ...models import EventActor
from .lexicon import Lexicon, MappingRow, rows

#: used when a PLOVER type has no row at all (an extension added without a mapping)
FALLBACK = MappingRow("Strategic developments", "Other", "01")


def keys(plover_type: str, mode: str | None, kind: str | None) -> list[str]:
    out = []
    if kind and mode:
        out.append(f"{plover_type}:{mode}@{kind}")
    if kind:
        out.append(f"{plover_type}@{kind}")
    if mode:
        out.append(f"{plover_type}:{mode}")
    out.append(plover_type)
    return out


def lookup(
    lex: Lexicon,
    plover_type: str,
    mode: str | None = None,
    kind: str | None = None,
    source_sector: str | None = None,
    target_sector: str | None = None,
) -> MappingRow:
    actor_keys = []
    if source_sector and target_sector:
        actor_keys.append(f"{source_sector}>{target_sector}")
    if target_sector:
        actor_keys.append(f">{target_sector}")
    if source_sector:
        actor_keys.append(source_sector)
    actor_keys.append("")
    for key in keys(plover_type, mode, kind):
        for actors in actor_keys:
            row = lex.mapping.get((key, actors))
            if row is not None:
                return row
    return FALLBACK


# --------------------------------------------------------------------------- ACLED cascade
#
# The table above gives each PLOVER category its nearest ACLED type. ACLED's own codebook
# decides a sub-event type from other things: the means of an attack, the kinds of actor,
# whether the target is civilian, whether territory changed hands, whether a demonstration
# turned violent or was repressed. ``acled_code`` applies those definitions, in the order the
# codebook gives them precedence, to an event and its sentence. Its vocabulary is
# ``data/events/acled_cues.tsv``.

#: event types outside ACLED's scope, by PLOVER type: statements, diplomacy and requests are
#: not political violence, demonstrations or strategic developments
NON_ACLED_TYPES = {
    "CONSULT": "diplomacy", "SUPPORT": "diplomacy", "COOPERATE": "diplomacy", "AID": "diplomacy",
    "REQUEST": "diplomacy", "REJECT": "diplomacy", "THREATEN": "diplomacy", "SANCTION": "diplomacy",
    "STATEMENT": "diplomacy", "ACCUSE": "attribution",
}
#: PLOVER types that are violence or force and go through the violence cascade
VIOLENT_TYPES = frozenset({"ASSAULT"})
#: actor sectors by ACLED kind of actor (inter codes 1, 2/3, 7)
STATE_SECTORS = frozenset({"military", "police", "government", "intelligence", "judiciary"})
ARMED_NONSTATE_SECTORS = frozenset({"rebels", "paramilitary", "unidentified armed"})
#: sectors of armed combatants: a governor or a minister taken is no combatant
COMBATANT_SECTORS = frozenset({"military", "rebels", "paramilitary", "unidentified armed"})
CIVILIAN_SECTORS = frozenset({"civilians", "refugees", "labour", "media", "health", "religious", "agriculture",
                              "business", "experts", "criminals"})

BATTLES, REMOTE, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, STRATEGIC = "Protests", "Riots", "Strategic developments"


@dataclass(frozen=True)
class AcledCode:
    """An event's ACLED coding, or why it has none (``non_acled``: diplomacy, attribution,
    disaster, crime)."""

    event_type: str | None
    sub_event_type: str | None
    non_acled: str | None = None


def _code(etype: str, sub: str) -> AcledCode:
    return AcledCode(etype, sub)


def acled_cues() -> dict[str, frozenset[tuple[str, ...]]]:
    """``data/events/acled_cues.tsv``: group -> cue phrases (tuples of lemmas)."""
    return cue_groups("acled_cues.tsv")


@lru_cache(maxsize=1)
def durative_nouns() -> frozenset[str]:
    """The one-word ``generic.durative`` nouns of ``acled_cues.tsv``: names of a state of
    affairs ("war", "invasion", "crisis")."""
    return frozenset(c[0] for c in acled_cues().get("generic.durative", ()) if len(c) == 1)


@lru_cache(maxsize=4)
def cue_groups(name: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """A ``group<TAB>cue`` table of ``data/events/``: group -> cue phrases (tuples of lemmas)."""
    groups: dict[str, set[tuple[str, ...]]] = {}
    for row in rows(name):
        groups.setdefault(row["group"], set()).add(tuple(row["cue"].lower().split()))
    return {g: frozenset(c) for g, c in groups.items()}


#: territorial kinds of the trigger lexicon (see triggers.tsv)
TERRITORY_KINDS = frozenset({"territory-gain", "territory-regain", "territory-hold", "territory-loss", "advance"})


class Bag:
    """The lemmas and words of a stretch of tokens, for phrase lookups.

    Built once per sentence and indexed by word, so a lookup costs the number of the
    group's cues plus the places where their first word occurs, not the sentence's length
    times the number of cues (a 10,000-word quote read as one sentence took minutes);
    answers are cached per group."""

    def __init__(self, tokens: Iterable[Token]) -> None:
        toks = [t for t in tokens if not t.is_punct and not t.is_space and t.ent_type_ != "DATE"]
        self.lemmas = [t.lemma_.lower() for t in toks]
        self.words = [t.lower_ for t in toks]
        self.tokens = toks
        self._index: dict[str, list[int]] = {}
        for seq in (self.lemmas, self.words):
            for i, w in enumerate(seq):
                self._index.setdefault(w, []).append(i)
        self._where: dict[str, list[int]] = {}
        self._with_object: dict[tuple[str, str], bool] = {}
        #: how many cue lookups were made (tests check the work grows with the text, not faster)
        self.lookups = 0

    def starts(self, cue: tuple[str, ...]) -> list[int]:
        """Positions where ``cue`` starts, on the lemmas or on the words."""
        out = []
        n = len(cue)
        for i in self._index.get(cue[0], ()):
            self.lookups += 1
            if n == 1 or any(tuple(seq[i:i + n]) == cue for seq in (self.lemmas, self.words)):
                out.append(i)
        return out

    def where(self, group: str) -> list[int]:
        """Token positions (in ``tokens``) where a cue of the group starts."""
        hit = self._where.get(group)
        if hit is None:
            found: set[int] = set()
            for cue in acled_cues().get(group, ()):
                self.lookups += 1
                found.update(self.starts(cue))
            hit = self._where[group] = sorted(found)
        return hit

    def has(self, group: str) -> bool:
        return bool(self.where(group))


def _phrase_lemma(tok: Token) -> str:
    """'set' + particle 'up' -> 'set up'; 'shoot' + 'down' -> 'shoot down'."""
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    return f"{tok.lemma_.lower()} {prt}" if prt else tok.lemma_.lower()


#: dependants of a verb that are not its object: a cue there is not what the verb acts on
NOT_OBJECT_DEPS = frozenset({"nsubj", "csubj", "aux", "auxpass", "neg", "advcl", "punct", "cc"})


def verb_with_object(bag: Bag, verbs: str, objects: str) -> bool:
    """A verb (or its noun) of group ``verbs`` whose object, passive subject or of-phrase
    holds a word of group ``objects``: "defused an IED", "weapons were seized", "the
    establishment of a base".

    An object word is found by where its cue starts (one- or two-word cues, on lemmas or
    words) inside a dependant's span of tokens (its left and right edge), by bisection:
    linear in the sentence, not one subtree walk per verb."""
    key = (verbs, objects)
    if key in bag._with_object:
        return bag._with_object[key]
    cues = acled_cues()
    vset = {" ".join(c) for c in cues.get(verbs, ())}
    # doc positions of the tokens that start an object cue; the bag skips punctuation, so a
    # cue is looked up on the doc's tokens, as the subtree walk did
    starts: set[int] = set()
    for cue in cues.get(objects, ()):
        if len(cue) <= 2:
            starts.update(bag.tokens[i].i for i in bag.starts(cue))
    spots = sorted(starts)
    found = False
    for tok in bag.tokens:
        if _phrase_lemma(tok) not in vset and tok.lemma_.lower() not in vset:
            continue
        for c in tok.children:
            if c.dep_ in NOT_OBJECT_DEPS:
                continue
            lo, hi = c.left_edge.i, c.right_edge.i
            k = bisect_left(spots, lo)
            if k < len(spots) and spots[k] <= hi:
                found = True
                break
        if found:
            break
    bag._with_object[key] = found
    return found


#: articles before a name ("the Russian Federation", "the Netherlands")
DETERMINERS = ("the ",)


def actor_kind(actor: EventActor | None) -> str | None:
    """ACLED's kind of actor from the actor's own phrase: state, nonstate (armed), civilian."""
    if actor is None:
        return None
    if actor.sector in STATE_SECTORS:
        return "state"
    if actor.sector in ARMED_NONSTATE_SECTORS:
        return "nonstate"
    words = actor.span.text.lower().replace("-", " - ").split()
    lemmas = [w.rstrip("s") if len(w) > 3 else w for w in words]
    for group, kind in (("actor.nonstate", "nonstate"), ("actor.state", "state")):
        for cue in acled_cues().get(group, ()):
            n = len(cue)
            for seq in (words, lemmas):
                if any(tuple(seq[i:i + n]) == cue for i in range(len(seq) - n + 1)):
                    return kind
    if actor.sector in CIVILIAN_SECTORS:
        return "civilian"
    name = actor.span.text
    for det in DETERMINERS:  # "the Russian Federation" is a name as much as "Russia"
        if name.lower().startswith(det):
            name = name[len(det):]
            break
    if actor.sector is None and actor.country_code and name[:1].isupper() and (
            actor.entity_id is None or _country_name(name)):
        return "state"  # a country named as the actor: "Turkey captured...", "the Russian Federation"
    return None


def _country_name(name: str) -> bool:
    """Is the whole name a country's (not a person's or a firm's that has a country)?"""
    from .lexicon import load

    lex = load()
    return bool(lex.countries_exact.get(name) or lex.countries_lower.get(name.lower()))


def _civilian_target(target: EventActor | None, bag: Bag) -> bool:
    """Is the target civilian? Its own sector first (a place named as the target says
    nothing), then the victims the sentence names ("killing three passengers")."""
    if target is not None and target.sector is not None:
        kind = actor_kind(target)
        if kind == "civilian":
            return True
        if kind in ("state", "nonstate"):
            return False
    return bag.has("vac.victim")


def _demonstration(bag: Bag) -> AcledCode:
    """A demonstration: violent (a riot), met with lethal force, with intervention, or peaceful."""
    if bag.has("riot.violence"):
        return _code(RIOTS, "Violent demonstration")
    if bag.has("protest.lethal"):
        return _code(PROTESTS, "Excessive force against protesters")
    if bag.has("protest.intervention"):
        return _code(PROTESTS, "Protest with intervention")
    return _code(PROTESTS, "Peaceful protest")


def _territory(source: EventActor | None, bag: Bag, regain: bool, target: EventActor | None = None) -> AcledCode:
    if bag.has("territory.nonviolent") and not bag.has("clash.context"):
        return _code(STRATEGIC, "Non-violent transfer of territory")
    kind = actor_kind(source)
    if (kind == "state" and not regain and source is not None and target is not None and source.country_code
            and target.country_code and source.country_code != target.country_code):
        # a state's forces taking (not retaking) another country's territory regain nothing:
        # the codebook's "Government regains territory" is a government taking back its own
        return _code(BATTLES, "Armed clash")
    if kind == "state" or (kind is None and regain):
        return _code(BATTLES, "Government regains territory")
    return _code(BATTLES, "Non-state actor overtakes territory")


def _means(bag: Bag) -> AcledCode | None:
    if bag.has("means.chemical"):
        return _code(REMOTE, "Chemical weapon")
    if bag.has("means.suicide"):
        return _code(REMOTE, "Suicide bomb")
    if verb_with_object(bag, "disrupt.verb", "disrupt.object"):
        return _code(STRATEGIC, "Disrupted weapons use")
    if bag.has("means.air"):
        return _code(REMOTE, "Air/drone strike")
    if bag.has("means.grenade"):
        return _code(REMOTE, "Grenade")
    if bag.has("means.shelling") and not bag.has("means.explosive"):
        return _code(REMOTE, "Shelling/artillery/missile attack")
    if bag.has("means.explosive"):
        return _code(REMOTE, "Remote explosive/landmine/IED")
    if bag.has("means.shelling"):
        return _code(REMOTE, "Shelling/artillery/missile attack")
    return None


def acled_code(plover_type: str, mode: str | None, kind: str | None, source: EventActor | None,
               target: EventActor | None, sentence: Iterable[Token] | Bag) -> AcledCode:
    """The ACLED event and sub-event type of an event, by the codebook's definitions.

    Precedence: acts outside ACLED (diplomacy, disasters, ordinary crime); demonstrations
    (a riot over repression over intervention over peaceful); mob violence; the means of
    an attack (chemical, suicide, disrupted weapons, air, grenade, shelling, remote
    explosive); sexual violence and abduction; changes of territory; property destruction;
    then, for the rest of the violence, an attack on civilians or an armed clash by the kinds
    of actor. Strategic developments: arrests, agreements, bases, changes to a group.
    ``sentence`` may be given as its :class:`Bag`, built once for all of its events.
    """
    bag = sentence if isinstance(sentence, Bag) else Bag(sentence)
    armed_source = actor_kind(source) in ("state", "nonstate")
    if plover_type in NON_ACLED_TYPES:
        return AcledCode(None, None, NON_ACLED_TYPES[plover_type])
    if bag.has("nonacled.disaster") and not armed_source and not (
            bag.has("means.air") or bag.has("means.shelling") or bag.has("means.chemical")):
        return AcledCode(None, None, "disaster")
    if bag.has("nonacled.crime") and not armed_source and not bag.has("protest.context"):
        return AcledCode(None, None, "crime")
    # armed men taking territory are no demonstration, whatever protests the sentence recalls
    # ("annexed Crimea in the wake of street demonstrations")
    protest = plover_type == "PROTEST" or (bag.has("protest.context") and not (
        kind in TERRITORY_KINDS and armed_source))
    if plover_type == "PROTEST" or (protest and plover_type in ("ASSAULT", "COERCE")):
        if mode in ("riot", "vandalize"):
            return _code(RIOTS, "Violent demonstration")
        return _demonstration(bag)
    if bag.has("mob.context") and plover_type in ("ASSAULT", "COERCE"):
        return _code(RIOTS, "Mob violence")
    if plover_type == "ASSAULT" and kind == "advance":
        return _code(BATTLES, "Armed clash")  # a front line moving: the means named nearby are not its own
    if plover_type == "ASSAULT" and mode == "abduct":
        # the act itself is a capture: its type comes from it, not from a means named elsewhere
        # in the sentence; combatants taken in fighting are a battle's outcome, not the
        # codebook's abduction (violence against civilians)
        if target is not None and target.sector in COMBATANT_SECTORS:
            return _code(BATTLES, "Armed clash")
        return _code(VAC, "Abduction/forced disappearance")
    if plover_type == "ASSAULT":
        means = _means(bag)
        if means is not None:
            return means
        if mode == "sexual" or bag.has("vac.sexual"):
            return _code(VAC, "Sexual violence")
        if mode == "abduct" or bag.has("vac.abduct"):
            return _code(VAC, "Abduction/forced disappearance")
        if bag.has("territory.regain") and verb_with_object(bag, "territory.regain", "territory.place"):
            return _territory(source, bag, regain=True, target=target)
        if mode == "destroy" or (bag.has("property.destroy") and not bag.has("clash.context")):
            return _code(STRATEGIC, "Looting/property destruction")
        if mode == "crowd-control":
            return _code(PROTESTS, "Excessive force against protesters")
        if _civilian_target(target, bag) and not bag.has("clash.context"):
            return _code(VAC, "Attack")
        return _code(BATTLES, "Armed clash")
    if plover_type == "COERCE":
        if kind == "disrupt" or verb_with_object(bag, "disrupt.verb", "disrupt.object"):
            return _code(STRATEGIC, "Disrupted weapons use")
        if kind in ("territory-gain", "territory-regain") or verb_with_object(
                bag, "territory.capture", "territory.place"):
            regain = kind == "territory-regain" or bag.has("territory.regain")
            return _territory(source, bag, regain, target)
        if mode == "arrest":
            return _code(STRATEGIC, "Arrests")
        if mode == "seize" and bag.has("property.destroy"):
            return _code(STRATEGIC, "Looting/property destruction")
        return _code(STRATEGIC, "Other")
    if plover_type == "MOBILIZE":
        if kind == "base" or verb_with_object(bag, "hq.verb", "hq.object"):
            return _code(STRATEGIC, "Headquarters or base established")
        return _code(STRATEGIC, "Change to group/activity")
    if plover_type == "RETREAT":
        if mode == "withdraw":
            return _code(STRATEGIC, "Non-violent transfer of territory")
        if mode in ("release", "ceasefire"):
            return _code(STRATEGIC, "Agreement")
        if mode in ("disarm", "resign"):
            return _code(STRATEGIC, "Change to group/activity")
        return AcledCode(None, None, "diplomacy")
    if plover_type in ("AGREE", "CONCEDE"):
        if kind in ("agreement", "sign") or bag.has("agreement.context"):
            return _code(STRATEGIC, "Agreement")
        return AcledCode(None, None, "diplomacy")
    return AcledCode(None, None, "other")
