"""Pick a sentence's or a report's main event: the coded event highest in the parse tree.

"X agreed to cooperate" is AGREE, not COOPERATE; "X threatened to shell Y" is THREATEN.
The main event is the one whose trigger is closest to the sentence root; ties go to the
earlier trigger. Extension types (STATEMENT) are used only when nothing else was coded, and
an event without any actor is never a main event: PLOVER codes who did what, and a bare
"the battle" or "aid" names no one.

With ``acled_first`` (the lead event of a report, and the CASE evaluation), occurrences
that ACLED codes come before acts outside its scope, and an event of ACLED's without a
named actor ("a grenade exploded at a school") may lead: ACLED codes unnamed actors.
Only occurrences qualify then (asserted or reported, not generic).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ...models import Event, EventActor
from . import clauses
from .lexicon import rows

#: event types outside PLOVER proper (see docs/events.md)
EXTENSION_TYPES = frozenset({"STATEMENT"})
#: ACLED's event type of violence defined by its means (``mapping.tsv``)
REMOTE_VIOLENCE = "Explosions/Remote violence"
#: modalities of an occurrence: reported as having happened or happening
OCCURRENCE_MODALITIES = frozenset({"asserted", "reported"})


def _depth(doc: Doc, e: Event) -> int:
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return min((clauses.depth(t) for t in span), default=99) if span is not None else 99


def main_event(doc: Doc, events: list[Event], plover_only: bool = True, acled_first: bool = False) -> Event | None:
    best: tuple[int, ...] | None = None
    chosen = None
    for e in events:
        ext = e.plover_type in EXTENSION_TYPES
        no_actor = e.source_actor is None and e.target_actor is None
        if acled_first:
            if e.generic or e.modality not in OCCURRENCE_MODALITIES:
                continue
            acled = e.acled_sub_event_type is not None
            if no_actor and not acled:
                continue
            key: tuple[int, ...] = (int(not acled), int(ext), int(no_actor), _depth(doc, e), e.trigger.start)
        else:
            if (ext and plover_only) or no_actor:
                continue
            key = (int(ext), _depth(doc, e), e.trigger.start)
        if best is None or key < best:
            best, chosen = key, e
    if chosen is None and acled_first:
        return main_event(doc, events, plover_only)
    return chosen


# --------------------------------------------------------------------------- a report's events
#
# ``rank`` runs once per document on the finished events: it links later mentions of an
# occurrence to the first, scores each event's confidence and salience, marks those shown by
# default, and orders the events by salience.

#: an event is shown by default when it is an occurrence whose calibrated confidence reaches
#: this (the issue's "0.8 estimated precision"); see docs/events.md for the calibration
SHOWN_CONFIDENCE = 0.8
#: salience weights, set by hand (not fitted): the news lead comes first, so the position of
#: the sentence weighs most, then being the sentence's main clause, being an ACLED
#: occurrence, having named actors, and carrying a figure (a toll)
SALIENCE_WEIGHTS = {"position": 0.45, "root": 0.2, "acled": 0.15, "actors": 0.1, "figure": 0.1}
#: sentences after which position adds nothing more to salience
POSITION_HORIZON = 10
#: salience of an event that is not shown is scaled by this, so hidden events never lead
HIDDEN_SALIENCE = 0.3


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic model of P(the event is coded right) over a few features of the event."""

    weights: dict[str, float]

    def __call__(self, features: dict[str, float]) -> float:
        z = self.weights.get("intercept", 0.0) + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def confidence_model() -> ConfidenceModel:
    """``data/events/confidence.tsv``: the fitted weights (scripts/fit_event_confidence.py)."""
    weights = {row["feature"]: row["weight"] for row in rows("confidence.tsv")}
    return ConfidenceModel(weights)


def confidence_features(doc: Doc, e: Event) -> dict[str, float]:
    """The features of the confidence model: how the trigger was found (a verb, a noun, a
    frame), which actors were resolved, and whether the event is only reported."""
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    root = span.root if span is not None else None
    verb = root is not None and root.pos_ in ("VERB", "AUX")
    return {
        "verb": float(verb),
        "noun": float(root is not None and root.pos_ in ("NOUN", "PROPN")),
        "source": float(e.source_actor is not None),
        "target": float(e.target_actor is not None),
        "source_country": float(e.source_actor is not None and e.source_actor.country_code is not None),
        "reported": float(e.modality == "reported"),
        "statement": float(e.plover_type in EXTENSION_TYPES),
        # ACLED's remote violence is defined by its means (a shell, a missile, a bomb, a drone):
        # an attack named by its weapon is typed by the weapon, whoever fired it
        "means": float(e.acled_event_type == REMOTE_VIOLENCE),
    }


def occurrence(e: Event) -> bool:
    return e.modality in OCCURRENCE_MODALITIES and not e.generic and e.same_as is None


#: actor words that name no one until resolved
UNRESOLVED = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "which", "who"})


def actors_consistent(e: Event) -> bool:
    """Actors an analyst can count: no actor's country guessed from another word of the
    sentence, the source is not a pronoun left unresolved, and the event is not one actor
    acting on itself (a sign the parse took one phrase twice)."""
    s, t = e.source_actor, e.target_actor
    if e.country_inferred:
        return False
    if s is not None and s.span.text.lower() in UNRESOLVED and s.entity_id is None and s.country_code is None:
        return False
    if s is not None and t is not None and (s.span.start, s.span.end) != (t.span.start, t.span.end):
        same_name = s.name.lower() == t.name.lower() or (s.entity_id is not None and s.entity_id == t.entity_id)
        if same_name or (s.country_code is not None and s.country_code == t.country_code
                         and s.sector == t.sector and s.sector is not None):
            return False
    return not (s is not None and t is not None and (s.span.start, s.span.end) == (t.span.start, t.span.end))


#: the fewest letters a sentence in capitals must have to be taken for a heading set in
#: capitals ("US SENDING MORE TROOPS TO NATO'S EASTERN FLANK"), not an acronym line ("NATO,
#: UN"); set by hand as the length of a short clause
MIN_CAPITAL_LETTERS = 20


def in_capitals(e: Event) -> bool:
    """Is the event's sentence written in capitals (every cased letter upper, at least
    ``MIN_CAPITAL_LETTERS`` of them)? The parser reads such a heading as a row of names, so its
    actors and their roles are unreliable; the story tells the same news in its body."""
    letters = [c for c in e.sentence.text if c.isalpha() and c.lower() != c.upper()]
    return len(letters) >= MIN_CAPITAL_LETTERS and all(c.isupper() for c in letters)


def _same_occurrence(earlier: Event, later: Event) -> bool:
    """A later mention of an occurrence already coded: same type and mode, no conflicting
    place, date or actor."""
    if (earlier.plover_type, earlier.acled_sub_event_type) != (later.plover_type, later.acled_sub_event_type):
        return False
    if earlier.place_id and later.place_id and earlier.place_id != later.place_id:
        return False
    if earlier.date_basis == later.date_basis == "text" and earlier.date != later.date:
        return False
    for a, b in ((earlier.source_actor, later.source_actor), (earlier.target_actor, later.target_actor)):
        if a is not None and b is not None and a.country_code and b.country_code and a.country_code != b.country_code:
            return False
    return True


#: how many sentences after a headline or subheading its story is told in (the lead)
HEADING_REACH = 2
#: what a sentence ends with when it is prose, not a heading
SENTENCE_END = tuple('.!?"”’\'')


def _announces(doc: Doc, sent_index: dict[int, int], heading: Event, later: Event,
               doc_text: str | None = None) -> bool:
    """Is the earlier event's sentence a headline or subheading (a line of its own without a
    sentence's final punctuation, dashes around it aside) whose story the later event's
    sentence, at most ``HEADING_REACH`` sentences on, tells? ``doc_text``: ``doc.text``, when the
    caller has read it already (spaCy rebuilds it from every token on each access)."""
    if doc_text is None:
        doc_text = doc.text
    raw = doc_text[heading.sentence.start:heading.sentence.end]
    text = raw.strip().strip("–—- ").rstrip()
    if not text or text.endswith(SENTENCE_END):
        return False
    after = raw[len(raw.rstrip()):] + doc_text[heading.sentence.end:heading.sentence.end + 3]
    if "\n" not in after:
        return False  # a line of its own
    a, b = sent_index.get(heading.sentence.start), sent_index.get(later.sentence.start)
    return a is not None and b is not None and 0 < b - a <= HEADING_REACH


def _place_target(e: Event) -> bool:
    """Is the event's target also the place where it happened ("shelled *Kharkiv*", "attacks
    northwest of *Svatove*", "accused *Lithuania*")? Such a target is compared as a place, by
    its resolved place, not by its country."""
    t, loc = e.target_actor, e.location
    return t is not None and loc is not None and t.span.start < loc.end and loc.start < t.span.end


def _same_actor(a: EventActor | None, b: EventActor | None) -> bool:
    """One actor: the same entity of the entity layer, or the same name."""
    if a is None or b is None:
        return False
    return (a.entity_id is not None and a.entity_id == b.entity_id) or a.name.lower() == b.name.lower()


def _shared_anchor(earlier: Event, later: Event, headline: bool = False) -> bool:
    """Positive evidence that two mentions are one occurrence: the same resolved place, or
    the same target (one entity, or one name). A news story tells its news in the lead and
    retells it lower down in other words (the inverted pyramid), so two mentions of one type
    by the same source against a party of the same country are one occurrence too: a
    headline's "Lukashenko accuses Poland" over the lead's "Lukashenko accused Warsaw of ...",
    or the lead's "Russia has accused Ukraine" and the body's "Russia accused Kyiv" (session
    12). Where a target is only the place it happened ("attacks northwest of Svatove" and
    "attacks across the Donetsk front"), two places are two occurrences, whether or not the
    places layer resolved them, so outside a headline that needs targets that are parties."""
    if earlier.place_id and earlier.place_id == later.place_id:
        return True
    a, b = earlier.target_actor, later.target_actor
    if a is None or b is None:
        return False
    if _same_actor(a, b):
        return True
    if not headline and (_place_target(earlier) or _place_target(later)):
        return False
    return _same_actor(earlier.source_actor, later.source_actor) and (
        a.country_code is not None and a.country_code == b.country_code)


@lru_cache(maxsize=1)
def _repetition_cues() -> frozenset[str]:
    from .mapping import cue_groups

    return frozenset(" ".join(c) for c in cue_groups("occurrence_cues.tsv").get("repetition", ()))


def _repeated(doc: Doc, e: Event) -> bool:
    """Marked as a new occurrence of the same kind: "shelled the city again", "another
    strike", "a second attack"."""
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    cues = _repetition_cues()
    root = span.root
    heads = [root, root.head] if root.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") else [root]
    return any(c.lower_ in cues and c.dep_ in ("advmod", "det", "amod", "npadvmod")
               for h in heads for c in h.children)


#: words a sentence needs before its second printing counts as a restatement (short
#: sentences such as "He denied it." recur with different referents)
MIN_RESTATED_WORDS = 6


def _restated(earlier: Event, later: Event) -> bool:
    """The later event sits in a second printing of the earlier one's sentence (a photo
    caption repeating the lead, with or without a credit after it): same type, same place in
    the sentence, and one sentence is the other's beginning."""
    a, b = earlier.sentence, later.sentence
    if earlier.plover_type != later.plover_type or a.start == b.start:
        return False
    if earlier.trigger.start - a.start != later.trigger.start - b.start:
        return False
    short, long_ = sorted((a.text.strip(), b.text.strip()), key=len)
    return len(short.split()) >= MIN_RESTATED_WORDS and long_.startswith(short)


def _definite_noun(doc: Doc, e: Event) -> bool:
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "NOUN" and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their") for c in span.root.children)


def rank(doc: Doc, events: list[Event]) -> list[Event]:
    """Link, score and order a document's events (most salient first)."""
    model = confidence_model()
    sent_index = {s.start_char: i for i, s in enumerate(doc.sents)}
    doc_text = doc.text  # once: _announces reads it for every pair of events
    out: list[Event] = []
    for e in sorted(events, key=lambda x: x.trigger.start):
        same_as = None
        if e.modality in OCCURRENCE_MODALITIES and not e.generic and not _repeated(doc, e):
            # a definite noun ("the shelling") refers back to an occurrence of its kind; any
            # other mention ("within 10 km" in the headline, "within about 10 km" in the lead)
            # is the same occurrence when it also shares its place or target
            definite = _definite_noun(doc, e)
            same_as = next((o.id for o in out if occurrence(o) and o.sentence.start < e.sentence.start
                            and _same_occurrence(o, e)
                            and (definite or _shared_anchor(o, e, _announces(doc, sent_index, o, e, doc_text)))), None)
        if same_as is None:  # a caption or a box that prints a sentence of the article again
            same_as = next((o.id for o in out if _restated(o, e)), None)
        e = e.model_copy(update={"same_as": same_as})
        conf = round(model(confidence_features(doc, e)), 3)
        shown = occurrence(e) and conf >= SHOWN_CONFIDENCE and actors_consistent(e) and not in_capitals(e)
        w = SALIENCE_WEIGHTS
        position = 1 - min(sent_index.get(e.sentence.start, POSITION_HORIZON), POSITION_HORIZON) / POSITION_HORIZON
        depth = _depth(doc, e)
        actors = ((e.source_actor is not None) + (e.target_actor is not None)) / 2
        sal = (w["position"] * position + w["root"] * (1.0 if depth == 0 else 0.5 if depth == 1 else 0.0)
               + w["acled"] * (e.acled_sub_event_type is not None) + w["actors"] * actors
               + w["figure"] * bool(e.quantity_ids))
        sal *= 1.0 if shown else HIDDEN_SALIENCE
        out.append(e.model_copy(update={"confidence": conf, "shown": shown, "salience": round(sal, 3)}))
    return sorted(out, key=lambda x: (-x.salience, x.trigger.start))


def lead_event_id(events: list[Event]) -> str | None:
    """The report's main event: the most salient event shown by default."""
    shown = [e for e in events if e.shown]
    return max(shown, key=lambda e: (e.salience, -e.trigger.start)).id if shown else None
