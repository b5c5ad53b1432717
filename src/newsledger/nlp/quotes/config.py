"""Config of the ``newsledger_quotes`` layer; ``[components.quotes]`` overrides it."""

from __future__ import annotations

from pydantic import Field

from ..component import LayerConfig


class QuotesConfig(LayerConfig):
    #: Content whose letters outside quotation marks number at most this many is direct speech
    #: (a stray "and" or a dangling word from a tokenisation slip does not make it mixed).
    direct_slack: int = Field(default=3, ge=0)
    #: Cues inside quotation marks ("“I told him that …,” she said") belong to the quoted
    #: speaker's own words. Keeping them lowered content F1 on PolNeAR (dev 0.755 -> 0.739,
    #: train 0.711 -> 0.700) and speaker accuracy (0.93 -> 0.89), so they are dropped.
    keep_cues_inside_quotes: bool = False
    #: Verb classes whose cue is dropped when it sits inside another quote's content; see
    #: :func:`newsledger.nlp.quotes.component.drop_nested`. On PolNeAR dev dropping them raised
    #: precision from 0.83 to 0.90 for half a point of recall (content F1 0.728 -> 0.749);
    #: dropping nested verbs of speech too gave the same F1 with fewer quotes, so those stay.
    nested_drop_classes: frozenset[str] = frozenset({"belief", "intent", "stance", "evidence", "phrasal"})
    #: Confidence of a speaker link by how the speaker was found: ``named`` (a name is the
    #: cue's subject), ``described`` (a description with the person's name in apposition or
    #: after it), ``description`` (an unnamed source: "officials", "the ministry"),
    #: ``pronoun`` (he/she resolved to an earlier name), ``carried`` (he/she continuing the
    #: passage's speaker), ``after`` (the person introduced in the next sentence),
    #: ``group-pronoun`` (they/it), ``unresolved`` (a pronoun with no one found) and
    #: ``floating`` (a quotation with no cue keeping the previous speaker). The values are the
    #: share of right speaker links of each kind on the tune part of PolNeAR dev + 300 train
    #: articles (named 2386/2524, described 161/169, description 1001/1174, pronoun 667/714,
    #: carried 229/241, group-pronoun 62/85, unresolved 163/197, floating 6/29; rounded down);
    #: ``after`` had no case there and is set low by hand; ``role`` ("the minister" linked to
    #: the one person named earlier with that role, issue 17) is not a PolNeAR source span
    #: and is set by hand below ``named``; ``role-ambiguous`` (the same link with another
    #: salient person named since, issue 23) is set by hand lower still; ``salient`` (a
    #: description with no holder linked to the one person named as a subject just before it,
    #: issue 17, session 12) is set by hand like ``after``. The check part measures their
    #: calibration (docs/evaluation.md). PolNeAR scores the source span, not the resolved name.
    speaker_confidence: dict[str, float] = Field(default_factory=lambda: {
        "named": 0.94, "described": 0.95, "description": 0.85, "pronoun": 0.93, "carried": 0.95,
        "after": 0.6, "group-pronoun": 0.73, "unresolved": 0.82, "floating": 0.2, "role": 0.8,
        "role-ambiguous": 0.5, "salient": 0.6,
    })
    #: Overrides of the measured record confidence (``data/quotes/record_confidence.tsv``),
    #: keyed ``form/link`` ("np/named"): how likely a record of that content form and speaker
    #: link is right. Empty: the measured table as is.
    record_confidence: dict[str, float] = Field(default_factory=dict)
    #: A quote is shown by default (``Quote.shown``) when its record confidence reaches this:
    #: issue 17's "only links at 90% or better", applied to the whole record (docs/quotes.md
    #: gives what it keeps and its precision on both parts).
    shown_confidence: float = Field(default=0.9, ge=0.0, le=1.0)
    #: The most a record may score whose cue is not asserted as done by its speaker: the cue
    #: verb is negated ("won't discuss X", "did not say that ...") or the link from the speaker
    #: to the words is hearsay ("a message allegedly written by X, describing ...", "X
    #: reportedly said": the cue phrases' hearsay adverbs, ``cue_phrases.tsv`` "unattributed").
    #: Such a record is kept (PolNeAR annotates some) but never shown by default. Set by
    #: definition, not fitted: below ``shown_confidence`` by a margin, like
    #: ``speaker_confidence["role-ambiguous"]``.
    unasserted_cue_confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    #: Whether a country (a place name as the cue's subject, entity type GPE) may be the speaker
    #: of an intention reported with a noun phrase or an infinitive (a verb of the ``intent``
    #: class of ``reporting_verbs.tsv`` and content ``form`` ``np``: no clause, no quotation):
    #: "China has refused to criticize the invasion", "the UK pledged £4.7bn in aid", "which
    #: Switzerland plans to organize" report a state's policy or deed, not a statement. False
    #: drops such a record (a country that says a clause, is quoted, or takes a stance keeps its
    #: quote). **True by default**: dropping them raised the war annotations' precision (tune
    #: 0.815 -> 0.827, check 0.808 -> 0.816) with no right speaker lost, but PolNeAR annotates a
    #: state's intentions, and it cost PolNeAR dev check one matched record (content F1 0.7501
    #: -> 0.7495) and train tune three (0.7206 -> 0.7204); such records are noun-phrase reports,
    #: hidden by default anyway (record confidence below ``shown_confidence``). Set it to False
    #: for precision on war copy. Figures in docs/quotes.md (ninth pass).
    country_np_reports: bool = True
