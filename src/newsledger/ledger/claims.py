"""Claims: figures and attributed statements under a normalised key (subject, relation, object).

"Russian forces are about 10 km from Pokrovsk, according to UK military intelligence" becomes
(russia | distance to | pokrovsk) = 10 km, dated, from the publisher, citing UK
military intelligence. The same key from several articles makes a timeline; values that
differ between independent sources (different near-duplicate clusters) are a disagreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicons import rows_for
from ..models import Quantity, Quote, Report, TextSpan
from ..tables import Col, read_table
from .resolve import fold

ATTRIBUTES_FILE = "ledger/claim_attributes.tsv"
PRONOUNS_FILE = "ledger/pronouns.tsv"
#: Characters either side of a figure searched for a place when no layer linked one: about
#: one sentence of news prose (median 120-150 characters), never crossing a line break.
PLACE_WINDOW = 150
#: A figure whose own date lies more than this many years from its article's publication
#: belongs to another era ("3,400 tanks" in 1941, in a 2022 article): it files under a key
#: scoped by its year and never joins the current series. One year keeps "last year's" figures
#: (a 2023 total in a January 2024 article) with the current ones.
ERA_YEARS = 1
#: Related roles that name what a figure is about (the subject) and where (the object).
SUBJECT_ROLES = ("actor", "subject", "of", "by", "victim", "who")
OBJECT_ROLES = ("to", "from", "in", "place", "at", "near", "object")
#: Related roles whose place is where a figure is: a place named in another role is no place
#: of the figure ("Ukraine's prosecutor general said ..." is its source). "within" is a part
#: of the place ("killed in occupied parts of Ukraine"): another place level, its own series.
PLACE_ROLES = (*OBJECT_ROLES, "of", "within")
_ARTICLES = {"the", "a", "an", "some", "about"}


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """A group's name (case-folded demonym, "russian") -> its country ("Russia"), from the
    shared countries table: a group entity resolves to the country it names."""
    return {r.word.casefold(): r.country for r in rows_for("entities") if r.kind == "demonym"}


@dataclass(frozen=True)
class Attribute:
    """One measured attribute of the vocabulary (``data/ledger/claim_attributes.tsv``)."""

    name: str
    dimension: str
    count_types: tuple[str, ...]
    cues: tuple[str, ...]
    any_cue: bool
    needs_place: bool
    needs_owner: bool


def _list(cell: str | None) -> tuple[str, ...]:
    return tuple(w.strip().casefold() for w in (cell or "").split(",") if w.strip() and w.strip() not in "-*")


@lru_cache(maxsize=1)
def attributes() -> tuple[Attribute, ...]:
    rows = read_table(ATTRIBUTES_FILE, (Col("attribute"), Col("dimension"), Col("count_types", required=False),
                                        Col("cues", required=False),
                                        Col("needs_place", bool, required=False, default=False),
                                        Col("needs_owner", bool, required=False, default=False)))
    return tuple(Attribute(r["attribute"], r["dimension"], _list(r["count_types"]), _list(r["cues"]),
                           (r["cues"] or "").strip() == "*", bool(r["needs_place"]), bool(r["needs_owner"]))
                 for r in rows)


def attribute_named(relation: str | None) -> Attribute | None:
    """The attribute of a claim's relation ("killed per day" is "killed")."""
    name = (relation or "").split(" per ", 1)[0]
    return next((a for a in attributes() if a.name == name), None)


@lru_cache(maxsize=1)
def pronouns() -> frozenset[str]:
    return frozenset(r["word"].casefold() for r in read_table(PRONOUNS_FILE, (Col("word"),)))


@lru_cache(maxsize=1 << 16)
def norm(text: str | None) -> str:
    """A claim-key part: folded, determiners dropped. No word is rewritten: a subject or
    object is already a resolved entity, group or place, and the attribute comes from the
    controlled vocabulary."""
    if not text:
        return ""
    raw = text.casefold().replace("’", "'").split()
    return fold(" ".join(w for w in raw if w not in _ARTICLES))


def claim_key(subject: str | None, relation: str, obj: str | None, scope: str | None = None) -> str:
    """``subject|attribute|object``, each folded, and ``|scope`` when the figure's scope is
    not the present one of its article (see :func:`scope_of`)."""
    key = f"{norm(subject)}|{fold(relation.casefold())}|{norm(obj)}"
    return f"{key}|{norm(scope)}" if scope else key


def _year(date: str | None) -> int | None:
    head = (date or "")[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def era_of(date: str | None, published: str | None) -> str | None:
    """The year of a figure dated by its own sentence to another era than its article's
    publication (more than :data:`ERA_YEARS` apart), else None."""
    y, p = _year(date), _year(published)
    return str(y) if y is not None and p is not None and abs(p - y) > ERA_YEARS else None


def _overlaps(a: TextSpan, b: TextSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


class _Context:
    """Lookups over one report shared by every claim drawn from it."""

    def __init__(self, report: Report, place_canon: dict[str, tuple[int, str]],
                 entity_names: dict[str, str]) -> None:
        self.report = report
        self.place_canon = place_canon
        self.entity_names = entity_names
        self.entity_label = {e.id: e.label for e in report.entities}
        self.entity_name = {e.id: e.name for e in report.entities}
        self.place_spans = [(m.span, p.id) for p in report.places for m in p.mentions if p.id in place_canon]
        self.place_code = {p.id: p.feature_code for p in report.places}
        self.place_country = {p.id: p.country_code for p in report.places if p.country_code}
        self.event_place = {qid: e.place_id for e in report.events for qid in e.quantity_ids if e.place_id}

    def place_at(self, span: TextSpan) -> tuple[int, str] | None:
        """The place some mention of which overlaps ``span``."""
        for ps, pid in self.place_spans:
            if _overlaps(ps, span):
                return self.place_canon[pid]
        return None

    def place_named(self, span: TextSpan) -> tuple[int, str] | None:
        """The place whose mention is the whole of ``span`` ("Pokrovsk", not "Russian forces")."""
        for ps, pid in self.place_spans:
            if ps.start <= span.start and span.end <= ps.end:
                return self.place_canon[pid]
        return None

    def nearest_place(self, span: TextSpan, skip: Sequence[TextSpan] = ()) -> tuple[int, str] | None:
        """The place mentioned nearest the figure on its line, leaving out mentions inside the
        figure or the ``skip`` spans (its subject: "Russian" of "150,000 Russian troops") and
        demonyms."""
        text = self.report.article.text
        lo, hi = _line_of(text, span.start)
        lo, hi = max(lo, span.start - PLACE_WINDOW), min(hi, span.end + PLACE_WINDOW)
        near = [(ps, pid) for ps, pid in self.place_spans
                if ps.start >= lo and ps.end <= hi and not _overlaps(ps, span)
                and not any(_overlaps(ps, s) for s in skip)
                and ps.text.casefold() not in demonym_countries()]  # "Russian rocket strikes": not Russia
        # the most specific place named: a country gives way to a place inside it ("in the
        # central Ukraine region of Vinnytsia" is Vinnytsia), so a local count never files
        # under the country's totals
        inner = {self.place_country.get(pid) for _, pid in near if not self.is_country(pid)} - {None}
        near = [(ps, pid) for ps, pid in near if not (self.is_country(pid) and self.place_country.get(pid) in inner)]
        best = min(near, key=lambda c: max(0, c[0].start - span.end, span.start - c[0].end), default=None)
        return self.place_canon[best[1]] if best is not None else None

    def is_country(self, pid: str) -> bool:
        return (self.place_code.get(pid) or "").startswith("PCL")

    def quote_covering(self, span: TextSpan) -> Quote | None:
        for q in self.report.quotes:
            if any(piece.start <= span.start and span.end <= piece.end for piece in q.content):
                return q
        return None

    def name_of(self, entity_id: str | None, fallback: str) -> str:
        return self.entity_names.get(entity_id or "", fallback)

    def counted_group(self, q: Quantity, owned: bool) -> str | None:
        """The group a count counts: its head noun with the group, country or organisation
        written before it inside the figure ("8,500 U.S. troops" -> "U.S. troops"); with
        ``owned``, only when there is such an owner."""
        if q.head is None or q.unit is None or is_pronoun(q.head.text):
            return None  # a bare number ("at least six"): its head is not what it counts
        owners = sorted((m.span.start, m.span.text) for e in self.report.entities
                        if e.label in ("NORP", "GPE", "ORG") for m in e.mentions
                        if q.span.start <= m.span.start and m.span.end <= q.head.start)
        if owned and not owners:
            return None
        return " ".join([*(t for _, t in owners[:1]), q.head.text])

    def subject_name(self, entity_id: str | None, span: TextSpan, named: bool = False) -> str | None:
        """A claim's subject: the resolved entity (a person or organisation by its canonical
        name, a group by its country), a place, with ``named`` (an actor) the entity or place
        named inside the words ("Russian forces" -> Russia) or nothing, else the words as
        written (a count's victims, "civilians"); never a pronoun."""
        if entity_id in self.entity_label:
            return self.resolved(entity_id or "")
        if (p := self.place_named(span)) is not None:
            return p[1]
        if is_pronoun(span.text):
            return None
        if named:  # an actor: "Russian forces" -> Russia, "Wagner fighters" -> Wagner
            return self.named_in(span)
        return span.text  # a count's victims as written: "Ukrainian civilians"

    def resolved(self, entity_id: str) -> str:
        """An entity's resolved name: the canonical name of a person or organisation, the
        country of a group named by its demonym ("Russian" -> Russia), else its name."""
        if entity_id in self.entity_names:
            return self.entity_names[entity_id]
        name = self.entity_name[entity_id]
        if self.entity_label[entity_id] == "NORP":
            return demonym_countries().get(name.casefold(), name)
        return name

    def named_in(self, span: TextSpan) -> str | None:
        """The first entity or place named inside the words ("Russian forces"), resolved."""
        inside = sorted((m.span.start, e.id) for e in self.report.entities for m in e.mentions
                        if span.start <= m.span.start and m.span.end <= span.end)
        for ps, _pid in self.place_spans:
            if (span.start <= ps.start and ps.end <= span.end and (not inside or ps.start <= inside[0][0])
                    and (p := self.place_at(ps)) is not None):
                return p[1]
        return self.resolved(inside[0][1]) if inside else None


def _words(text: str | None) -> list[str]:
    return [w.strip(".,;:'\"()") for w in (text or "").casefold().replace("’", "'").split()]


@lru_cache(maxsize=256)
def _cue_forms(cues: tuple[str, ...]) -> frozenset[str]:
    """The cue lemmas with their plurals, once per attribute's cues."""
    return frozenset(form for c in cues for form in (c, c + "s", c + "es"))


def _cue_match(words: list[str], cues: tuple[str, ...]) -> bool:
    """A cue lemma among the words, singular or plural ("price", "prices")."""
    return not _cue_forms(cues).isdisjoint(words)


def attribute_of(q: Quantity, has_place: bool) -> Attribute | None:
    """What a figure measures, from the controlled vocabulary, or None when it is no claim
    (durations, ages, dates, and whatever the vocabulary does not list)."""
    table = attributes()
    words = _words(q.head.text if q.head else None) + _words(q.measures)
    if q.count_type:
        return next((a for a in table if q.count_type in a.count_types
                     and (not a.cues or _cue_match(words, a.cues))), None)
    if not q.dimension or q.dimension == "count":
        return None
    for a in table:
        if a.dimension == q.dimension and a.cues and _cue_match(words, a.cues):
            return a
    for a in table:
        if a.dimension == q.dimension and a.any_cue and (has_place or not a.needs_place):
            return a
    return None


def relation_of(attribute: Attribute, q: Quantity) -> str:
    """The attribute, with its rate where the figure is one ("killed per day")."""
    return f"{attribute.name} per {q.rate_per}" if q.rate_per else attribute.name


def is_pronoun(text: str | None) -> bool:
    words = [w for w in _words(text) if w and w not in _ARTICLES]
    return not words or words[-1] in pronouns() or (len(words) == 1 and words[0] in pronouns())


def _quantity_claim(q: Quantity, cx: _Context) -> dict[str, Any] | None:
    if q.value is None and q.low is None and q.high is None:
        return None
    place: tuple[int, str] | None = None
    obj: str | None = None
    # counts are about their victims ("civilians" killed); other figures about their actor
    roles = ("victim", *SUBJECT_ROLES) if q.count_type else SUBJECT_ROLES
    attribute = attribute_of(q, True)
    owned = attribute is not None and attribute.needs_owner
    subjects: dict[str, str] = {}
    part = False
    for rel in q.related:
        if rel.role in PLACE_ROLES and place is None:
            p = cx.place_canon.get(rel.place_id or "") or cx.place_named(rel.span)
            if p is not None:
                place, part = p, rel.role == "within"
                continue
        if rel.role not in roles and (cx.place_canon.get(rel.place_id or "") or cx.place_named(rel.span)):
            continue  # a place in no role of ours: neither where nor who
        # the words as written name a subject only as a count's victims ("civilians"); an actor
        # ("attacks", "launchers") must be a named entity, group or place
        bare = rel.role == "victim" and not owned
        if rel.role in roles and (name := cx.subject_name(rel.entity_id, rel.span, not bare)) is not None:
            subjects.setdefault(rel.role, name)
        elif rel.role in OBJECT_ROLES and obj is None:
            obj = cx.name_of(rel.entity_id, rel.span.text)
    subject = next((subjects[r] for r in roles if r in subjects), None)
    if place is None and (pid := cx.event_place.get(q.id)) and pid in cx.place_canon:
        place = cx.place_canon[pid]
    if place is None:  # not the figure's own words, nor its subject's ("150,000 Russian troops")
        place = cx.nearest_place(q.span, [r.span for r in q.related if r.role in roles])
    if place is not None:
        obj = f"part of {place[1]}" if part else place[1]
    attribute = attribute_of(q, place is not None)
    if attribute is None:
        return None
    if q.count_type and (group := cx.counted_group(q, owned)) is not None:
        subject = group  # what is counted is what the claim is about: "Russian troops" killed
    quote = cx.quote_covering(q.span)
    scope = era_of(q.date, cx.report.article.published)
    return _row(cx, f"c-{q.id}", subject, relation_of(attribute, q), obj, place, q.span, quote, scope,
                value=q.value, low=q.low, high=q.high, unit=q.unit, value_text=q.span.text,
                qualifier=q.qualifier, bound=q.bound, date=q.date, quantity_id=q.id)


def _quote_claim(q: Quote, cx: _Context, with_figures: set[str]) -> dict[str, Any] | None:
    """An attributed statement about a place, when it carries no figure of its own."""
    if q.source is None or not q.content or q.id in with_figures:
        return None
    place = None
    for piece in q.content:
        place = cx.place_at(piece)
        if place:
            break
    if place is None:
        return None
    speaker = cx.name_of(q.source.entity_id, q.source.name or (q.source.span.text if q.source.span else ""))
    if is_pronoun(speaker):
        return None  # "we say": who says it is unknown here
    span = TextSpan(start=q.content[0].start, end=q.content[-1].end,
                text=" … ".join(p.text for p in q.content))
    return _row(cx, f"c-{q.id}", speaker, "says", place[1], place, span, q,
                value_text=span.text, quote_id=q.id)


def _row(cx: _Context, cid: str, subject: str | None, relation: str, obj: str | None,
         place: tuple[int, str] | None, span: TextSpan, quote: Quote | None, scope: str | None = None,
         **values: Any) -> dict[str, Any]:
    a = cx.report.article
    cited = cited_type = None
    if quote is not None and quote.source is not None:
        src = quote.source
        cited = src.name or (src.span.text if src.span else None)
        cited_type = src.source_type
    row: dict[str, Any] = {
        "article_id": a.id, "id": cid, "key": claim_key(subject, relation, obj, scope)[:600],
        "subject": subject, "relation": relation, "object": obj,
        "value": None, "low": None, "high": None, "unit": None, "value_text": None,
        "qualifier": None, "bound": None, "date": None, "published": a.published,
        "source": a.publisher or a.byline or a.url, "cited": cited, "cited_type": cited_type,
        "quantity_id": None, "quote_id": quote.id if quote is not None else None,
        "canonical_place_id": place[0] if place else None,
        "start": span.start, "end": span.end,
    }
    row.update(values)
    row["date"] = row["date"] or (a.published[:10] if a.published else None)  # a day, for timelines
    return row


def claims_for(report: Report, place_canon: dict[str, tuple[int, str]],
               entity_names: dict[str, str]) -> list[dict[str, Any]]:
    """Claim rows (without ``cluster_id``) for one report.

    ``place_canon`` maps the report's place ids to (canonical place id, canonical name);
    ``entity_names`` maps its entity ids to canonical names (people and organisations:
    a group such as "Russian" is better named by the words of the text, "Russian forces").
    """
    cx = _Context(report, place_canon, entity_names)
    rows: list[dict[str, Any]] = []
    quoted_figures: set[str] = set()
    for q in report.quantities:
        row = _quantity_claim(q, cx)
        if row is not None:
            rows.append(row)
            if row["quote_id"]:
                quoted_figures.add(row["quote_id"])
    for quote in report.quotes:
        row = _quote_claim(quote, cx, quoted_figures)
        if row is not None:
            rows.append(row)
    # a figure with no subject is no claim (a headline restating the lead folds into it first)
    return [r for r in _drop_repeats(rows) if r["subject"]]


def _drop_repeats(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per figure and key in an article. A headline restating the lead ("within 10 km
    of Pokrovsk", often without a subject) is the same claim: the row with a subject and a
    cited source is kept."""
    def fact(r: dict[str, Any]) -> tuple[Any, ...]:
        return (r["key"].split("|", 1)[1], r["value"], r["low"], r["high"], r["unit"])

    told = {fact(r) for r in rows if r["value"] is not None and r["subject"]}
    kept: dict[tuple[Any, ...], dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for r in rows:
        if r["value"] is None:
            out.append(r)
            continue
        if not r["subject"] and fact(r) in told:
            continue
        k = (r["key"], *fact(r)[1:])
        if k in kept:
            if kept[k]["cited"] is None and r["cited"] is not None:
                out[out.index(kept[k])] = r
                kept[k] = r
            continue
        kept[k] = r
        out.append(r)
    return out
