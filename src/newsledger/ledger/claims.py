"""Claims: figures and attributed statements under a normalised key (subject, relation, object).

"Russian forces are about 10 km from Pokrovsk, according to UK military intelligence" becomes
(russia | distance to | pokrovsk) = 10 km, dated, from the publisher, citing UK
military intelligence. The same key from several articles makes a timeline; values that
differ between independent sources (different near-duplicate clusters) are a disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicons import country_words, rows_for
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
#: A place: its canonical id (None for a country named only by a demonym) and canonical name.
Place = tuple[int | None, str]
#: Related roles whose place is where a figure is: a place named in another role is no place
#: of the figure ("Ukraine's prosecutor general said ..." is its source). "within" is a part
#: of the place ("killed in occupied parts of Ukraine"): another place level, its own series.
PLACE_ROLES = (*OBJECT_ROLES, "of", "within", "on")
#: Entity labels of a statement's speaker: a named person, organisation, or a country or
#: people speaking as a government ("Russia says ..."); a description ("the statement",
#: "the official") or a word the entities layer gives no such label is no claim's subject.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Count types whose noun cues name a harm ("casualty", "death", "injury"), not a group.
HARM_TYPES = frozenset({"killed", "wounded", "casualties"})
#: Count types of a harm done to people (quantities layer): the count is about its victims,
#: never the side that did it ("Russian forces executed more than 70 of them" is no Russian count)
VICTIM_COUNT_TYPES = frozenset({"killed", "wounded", "captured", "kidnapped", "missing"})
#: Related roles that never say where a figure is (who did it, who suffered it).
NOT_PLACE_ROLES = frozenset({"actor", "subject", "by", "victim", "who"})
_ARTICLES = {"the", "a", "an", "some", "about"}
_OF_RE = re.compile(r"\s+(?:of|with)\s+(?:the\s+)?")
_AND_RE = re.compile(r"\s*,?\s*(and\s+|or\s+)?(?:the\s+)?")


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """A group's name (case-folded demonym, "russian") -> its country ("Russia"), from the
    shared countries table: a group entity resolves to the country it names."""
    return {r.word.casefold(): r.country for r in rows_for("entities") if r.kind == "demonym"}


@lru_cache(maxsize=1)
def side_countries() -> dict[str, str]:
    """A word that stands for a country as a side of a war ("Russian", "Poles", "Moscow",
    "the Kremlin") -> the country, from the shared countries table: its demonyms, capitals
    and seats of power, whichever layer reads them."""
    return {r.word.casefold(): r.country for r in country_words()
            if r.kind in ("demonym", "capital", "metonym") and r.country}


@lru_cache(maxsize=1)
def country_words_named() -> dict[str, str]:
    """A country's name, abbreviation or demonym ("Moldova", "UK", "Poles") -> the country."""
    return {r.word.casefold(): r.country for r in country_words()
            if r.kind in ("name", "abbreviation", "demonym") and r.country}


@lru_cache(maxsize=1)
def _country_phrases() -> tuple[dict[str, str], dict[str, str]]:
    """Words naming a country as a side, as written (an abbreviation, "US", only so: "us" is
    a pronoun) and case-folded (the others: "russian", "the kremlin")."""
    rows = [r for r in country_words() if r.country and r.kind in ("name", "abbreviation", "demonym",
                                                                      "capital", "metonym")]
    exact = {r.word: r.country for r in rows}
    folded = {r.word.casefold(): r.country for r in rows if any(ch.islower() for ch in r.word)}
    return exact, folded


def country_named_in(text: str | None) -> str | None:
    """The first country a phrase names ("US president" -> United States, "Russian defence
    minister" -> Russia), longest words first, else None."""
    exact, folded = _country_phrases()
    words = re.findall(r"[\w.'’-]+", text or "")
    for i in range(len(words)):
        for n in (3, 2, 1):
            phrase = " ".join(words[i:i + n])  # "U.S." as written, "US." at a sentence's end
            hit = exact.get(phrase) or exact.get(phrase.rstrip(".")) or folded.get(phrase.rstrip(".").casefold())
            if hit:
                return hit
    return None


def side_of(name: str) -> str:
    """The country a side's name stands for ("Moscow" -> Russia; an abbreviation as written,
    "U.S." -> United States, so one side is one claim key whichever way it is written), else
    the name."""
    words = [w for w in name.split() if w.casefold() not in _ARTICLES]
    phrase = " ".join(words)
    exact, _ = _country_phrases()
    return side_countries().get(phrase.casefold()) or exact.get(phrase) or exact.get(phrase.rstrip(".")) or name


@dataclass(frozen=True)
class Attribute:
    """One measured attribute of the vocabulary (``data/ledger/claim_attributes.tsv``)."""

    name: str
    dimension: str
    count_types: tuple[str, ...]
    cues: tuple[str, ...]
    any_cue: bool
    #: roles one of which must link a place in the figure's own clause; that place is the
    #: series' place ("fled to Moldova", "10 km from Pokrovsk"); empty: where the figure is
    place_roles: tuple[str, ...]
    needs_owner: bool
    #: the subject is the owner of what is counted ("Russian soldiers" deployed are Russia's)
    owner_subject: bool
    definition: str = ""
    #: the series' place is the subject itself: an attribute of a body as a whole ("Japan's
    #: military budget" is Japan's, wherever it is announced)
    subject_place: bool = False


def _list(cell: str | None) -> tuple[str, ...]:
    return tuple(w.strip().casefold() for w in (cell or "").split(",") if w.strip() and w.strip() not in "-*")


@lru_cache(maxsize=1)
def attributes() -> tuple[Attribute, ...]:
    rows = read_table(ATTRIBUTES_FILE, (Col("attribute"), Col("dimension"), Col("count_types", required=False),
                                        Col("cues", required=False), Col("place_roles", required=False),
                                        Col("needs_owner", bool, required=False, default=False),
                                        Col("subject", required=False), Col("place", required=False),
                                        Col("definition", required=False)))
    return tuple(Attribute(r["attribute"], r["dimension"], _list(r["count_types"]), _list(r["cues"]),
                           (r["cues"] or "").strip() == "*", _list(r["place_roles"]), bool(r["needs_owner"]),
                           (r["subject"] or "").strip() == "owner", r["definition"] or "",
                           (r["place"] or "").strip() == "subject")
                 for r in rows)


def attribute_named(relation: str | None) -> Attribute | None:
    """The attribute of a claim's relation ("killed per day" is "killed")."""
    name = (relation or "").split(" per ", 1)[0].removesuffix(" increase")
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


#: The end of a sentence: a full stop, question or exclamation mark (and a closing quote)
#: before space and a capital or an opening quote; not after one capital ("U.S. troops") or
#: a title ("Mr. Biden").
_SENTENCE_END_RE = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St))(?<!\bMrs)[.!?][\"”’']?\s+(?=[\"“‘A-Z])")


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, never crossing a line break: a place named in
    the next sentence is no place of the figure ("... 300,000 casualties." "Moscow's forces ...")."""
    lo, hi = _line_of(text, start)
    for m in _SENTENCE_END_RE.finditer(text, lo, hi):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start() + 1
            break
    return lo, hi


#: Quotation marks: curly ones open and close by their shape, straight ones alternate.
_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»"


def _quotations(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quoted stretches of ``text[lo:hi]`` (one line), as (start, end) offsets."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    straight: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch in _OPENING_QUOTES:
            opened = i
        elif ch in _CLOSING_QUOTES and opened is not None:
            out.append((opened, i + 1))
            opened = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                out.append((straight, i + 1))
                straight = None
    return out


def _in_another_quotation(quoted: list[tuple[int, int]], figure: TextSpan, place: TextSpan) -> bool:
    """Whether ``place`` lies inside a quotation that does not hold ``figure``: two excerpts
    quoted in one sentence are two utterances ('"... roughly 300,000 casualties" and "Moscow's
    military forces will face ..."'), and a place in one is no place of a figure in the other.
    A place outside every quotation (the speaker's "in Kyiv, the mayor said: '...'") is kept."""
    def holder(span: TextSpan) -> tuple[int, int] | None:
        return next((q for q in quoted if q[0] <= span.start and span.end <= q[1]), None)

    where = holder(place)
    return where is not None and where != holder(figure)


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

    def place_at(self, span: TextSpan) -> Place | None:
        """The place some mention of which overlaps ``span``."""
        for ps, pid in self.place_spans:
            if _overlaps(ps, span):
                return self.place_canon[pid]
        return None

    def place_named(self, span: TextSpan) -> Place | None:
        """The place whose mention is the whole of ``span`` ("Pokrovsk", not "Russian forces")."""
        for ps, pid in self.place_spans:
            if ps.start <= span.start and span.end <= ps.end:
                return self.place_canon[pid]
        return None

    def nearest_place(self, span: TextSpan, skip: Sequence[TextSpan] = ()) -> Place | None:
        """The place mentioned nearest the figure on its line, leaving out mentions inside the
        figure or the ``skip`` spans (its subject: "Russian" of "150,000 Russian troops") and
        demonyms."""
        text = self.report.article.text
        lo, hi = _sentence_of(text, span.start, span.end)
        quoted = _quotations(text, *_line_of(text, span.start))
        lo, hi = max(lo, span.start - PLACE_WINDOW), min(hi, span.end + PLACE_WINDOW)
        near = [(ps, pid) for ps, pid in self.place_spans
                if ps.start >= lo and ps.end <= hi and not _overlaps(ps, span)
                and not any(_overlaps(ps, s) for s in skip)
                and ps.text.casefold() not in demonym_countries()  # "Russian rocket strikes": not Russia
                and not _in_another_quotation(quoted, span, ps)]
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

    def place_of_part(self, span: TextSpan) -> Place | None:
        """The place a part names right after it: "the breakaway region of Transnistria",
        "the outskirts of Kyiv", "the border with Ukraine" (the phrase the figure's clause
        links stops before "of")."""
        text = self.report.article.text
        m = _OF_RE.match(text, span.end)
        if m is None:
            return None
        for ps, pid in self.place_spans:
            if ps.start == m.end():
                return self.place_canon[pid]
        return None

    def coordinated(self, span: TextSpan) -> list[Place]:
        """The places coordinated after ``span`` ("Romania, Poland and Germany")."""
        text = self.report.article.text
        out: list[Place] = []
        end = span.end
        while (m := _AND_RE.match(text, end)) is not None and m.group(0).strip():
            nxt = next(((ps, pid) for ps, pid in self.place_spans if ps.start == m.end()
                        and ps.text.casefold() not in demonym_countries()), None)
            if nxt is None:
                break
            out.append(self.place_canon[nxt[1]])
            end = nxt[0].end
            if m.group(1):  # "and" or "or": the list ends with this place
                return out
        return []  # "the Donetsk region, Ukrainian officials said": no list

    def place_in_report(self, name: str) -> Place | None:
        """The report's place of this canonical name, else None."""
        folded = name.casefold()
        return next((p for p in self.place_canon.values() if p[1].casefold() == folded), None)

    def place_called(self, name: str) -> Place | None:
        """The report's place of this canonical name (a country a demonym names), else the
        name alone."""
        folded = name.casefold()
        hit = next((p for p in self.place_canon.values() if p[1].casefold() == folded), None)
        return hit or (None, name)

    def owner_of(self, q: Quantity) -> str | None:
        """The side that owns what a count counts, resolved: the group, country or
        organisation written before its noun inside the figure ("150,000 Russian troops" ->
        Russia, "8,500 U.S. troops" -> United States), else None."""
        if q.unit is None:
            return None
        # the counted noun ends the figure; the head may be a noun before it ("a partial
        # mobilisation of 300,000 Russian reservists")
        owners = sorted((m.span.start, m.span, e.id) for e in self.report.entities
                        if e.label in ("NORP", "GPE", "ORG") for m in e.mentions
                        if q.span.start <= m.span.start and m.span.end < q.span.end)
        if not owners:
            return None
        _, span, eid = owners[0]
        p = self.place_named(span)
        return p[1] if p is not None else self.resolved(eid)

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

    def side_of_actor(self, entity_id: str | None, name: str | None) -> str | None:
        """The side an actor stands for: a person acts for the country their role or
        affiliation names ("Joe Biden, the US president" -> United States; a person owns no
        troops), else nothing; a group, country or organisation is its own side."""
        if self.entity_label.get(entity_id or "") != "PERSON":
            return name
        e = next(e for e in self.report.entities if e.id == entity_id)
        return country_named_in(e.affiliation) or country_named_in(e.role)

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


def attribute_of(q: Quantity, roles: Collection[str] = ()) -> Attribute | None:
    """What a figure measures, from the controlled vocabulary, or None when it is no claim
    (durations, ages, dates, and whatever the vocabulary does not list). ``roles``: the roles
    in which the figure's own clause links a place (a row with place roles needs one)."""
    table = attributes()
    words = _words(q.head.text if q.head else None) + _words(q.measures)

    def placed(a: Attribute) -> bool:
        return not a.place_roles or not set(a.place_roles).isdisjoint(roles)

    if q.count_type:
        return next((a for a in table if q.count_type in a.count_types
                     and (not a.cues or _cue_match(words, a.cues)) and placed(a)), None)
    if not q.dimension or q.dimension == "count":
        return None
    for a in table:
        if a.dimension == q.dimension and a.cues and _cue_match(words, a.cues) and placed(a):
            return a
    for a in table:
        if a.dimension == q.dimension and a.any_cue and placed(a):
            return a
    return None


#: Words between a count's number and its noun that make it an increment of a total written
#: elsewhere ("3,000 more troops", "a further 12 people"): not the total, its own series.
INCREMENT_WORDS = frozenset({"more", "additional", "extra", "further", "another", "new"})


def is_increment(q: Quantity) -> bool:
    if q.head is None or q.count_type is None:
        return False
    start = q.qualifier_span.end if q.qualifier_span is not None else q.span.start  # not "more than"
    inside = q.span.text[max(0, start - q.span.start):max(0, q.head.start - q.span.start)]
    return not INCREMENT_WORDS.isdisjoint(_words(inside))


def names_harm(q: Quantity) -> bool:
    """Whether the counted noun names the harm itself ("casualties", "deaths", "injuries":
    a noun cue of a harm count type in the quantities layer's count types), not a group: the
    side that suffered it is the claim's subject."""
    from ..nlp.quantities.lexicon import lexicon

    cue = lexicon().count_cues.get((q.unit or "").casefold())
    return cue is not None and cue[1] == "noun" and cue[0] in HARM_TYPES


def relation_of(attribute: Attribute, q: Quantity) -> str:
    """The attribute, with its rate where the figure is one ("killed per day"), and marked as
    an increase where the count is one ("3,000 more troops")."""
    name = f"{attribute.name} increase" if is_increment(q) else attribute.name
    return f"{name} per {q.rate_per}" if q.rate_per else name


def is_pronoun(text: str | None) -> bool:
    words = [w for w in _words(text) if w and w not in _ARTICLES]
    return not words or words[-1] in pronouns() or (len(words) == 1 and words[0] in pronouns())


def _linked_places(q: Quantity, cx: _Context) -> list[tuple[str, Place]]:
    """The places the figure's own clause links, with their roles, in text order: a place
    layer's place, or for a displacement's host a group named by its demonym ("Poles are
    housing ... refugees": Poland)."""
    out: list[tuple[str, Place]] = []
    for rel in q.related:
        if rel.role in NOT_PLACE_ROLES:
            continue
        p = cx.place_canon.get(rel.place_id or "") or cx.place_named(rel.span) or cx.place_of_part(rel.span)
        if p is not None and (more := cx.coordinated(rel.span)):
            # "deploy 3,000 more troops to Romania, Poland and Germany": all three together
            p = (None, " + ".join([p[1], *(m[1] for m in more)]))
        if p is None and rel.role == "host" and (country := country_words_named().get(rel.span.text.casefold())):
            p = cx.place_called(country)  # "Poles are housing ... refugees": in Poland
        if p is not None:
            out.append((rel.role, p))
    return out


def _possessed_by_pronoun(q: Quantity) -> bool:
    """Whether the figure's own clause places it at a place a pronoun possesses ("massed
    100,000 troops on *its* southern border"): the border is its possessor's, which no layer
    resolves here, so no place merely near the figure ("... and 30,000 to Belarus") is its
    place either."""
    for rel in q.related:
        words = _words(rel.span.text)
        # a determiner before a noun ("its southern border"), not a pronoun alone ("of them")
        if rel.role in PLACE_ROLES and rel.place_id is None and len(words) > 1 and words[0] in pronouns():
            return True
    return False


def _quantity_claim(q: Quantity, cx: _Context) -> dict[str, Any] | None:
    if q.value is None and q.low is None and q.high is None:
        return None
    if q.negated:  # "troops are not being deployed": the text denies it, nobody claims it
        return None
    linked = _linked_places(q, cx)
    attribute = attribute_of(q, {role for role, _ in linked})
    if attribute is None:
        return None
    # counts are about their victims ("civilians" killed); other figures about their actor
    roles = ("victim", *SUBJECT_ROLES) if q.count_type else SUBJECT_ROLES
    # a count of harm done to people is about them alone: whoever did it is no subject
    chosen = ("victim",) if q.count_type in VICTIM_COUNT_TYPES else roles
    owned = attribute.needs_owner
    subjects: dict[str, str] = {}
    subject_ids: dict[str, str | None] = {}
    for rel in q.related:
        if rel.role not in roles and (cx.place_canon.get(rel.place_id or "") or cx.place_named(rel.span)):
            continue  # a place in no role of ours: neither where nor who
        # the words as written name a subject only as a count's victims ("civilians"); an actor
        # ("attacks", "launchers") must be a named entity, group or place
        bare = rel.role == "victim" and not owned
        if rel.role in roles and (name := cx.subject_name(rel.entity_id, rel.span, not bare)) is not None:
            subjects.setdefault(rel.role, name)
            subject_ids.setdefault(rel.role, rel.entity_id)
    subject_role = next((r for r in chosen if r in subjects), None)
    subject = subjects[subject_role] if subject_role else None
    if owned and subject is not None:
        # troops, equipment, strikes, aid, a budget are a state's or an organisation's: a
        # person acts for the side their role names ("Joe Biden, the US president"), or no one
        subject = cx.side_of_actor(subject_ids.get(subject_role or ""), subject)
    place: Place | None = None
    part = False
    if attribute.place_roles:  # the place its own clause gives in the attribute's roles
        for want in attribute.place_roles:
            hit = next((p for role, p in linked if role == want), None)
            if hit is not None:
                place, part = hit, want == "within"
                break
    else:
        first = next(((role, p) for role, p in linked if role in PLACE_ROLES), None)
        if first is not None:
            place, part = first[1], first[0] == "within"
        elif (pid := cx.event_place.get(q.id)) and pid in cx.place_canon:
            place = cx.place_canon[pid]
        elif not _possessed_by_pronoun(q):  # not the figure's own words, nor its subject's
            place = cx.nearest_place(q.span, [r.span for r in q.related
                                              if r.role in roles or r.role in NOT_PLACE_ROLES])
    if q.count_type and attribute.owner_subject:
        # the side whose troops they are: "Russian soldiers", "Moscow has massed" -> Russia
        side = cx.owner_of(q) or subject
        subject = side_of(side) if side else None
    elif q.count_type and names_harm(q):
        # "Russia has suffered 300,000 casualties": Russia's; "four injuries" are nobody's
        side = cx.owner_of(q) or cx.side_of_actor(subject_ids.get("actor"), subjects.get("actor"))
        subject = side_of(side) if side else None
    elif q.count_type and (group := cx.counted_group(q, owned)) is not None:
        subject = group  # what is counted is what the claim is about: "Russian troops" killed
    if attribute.subject_place:  # the body's own: "Japan's budget" is Japan's, not Tokyo's
        place, part = (cx.place_in_report(side_of(subject)) if subject else None), False
    if place is None:
        return None  # a claim is at a place: "people killed" anywhere is no series
    obj = f"part of {place[1]}" if part else place[1]
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
    if not q.source.named or cx.entity_label.get(q.source.entity_id or "") not in SPEAKER_LABELS:
        return None  # "we say", "the statement says", "analysts say": no one named says it
    speaker = cx.name_of(q.source.entity_id, q.source.name or (q.source.span.text if q.source.span else ""))
    if is_pronoun(speaker):
        return None
    span = TextSpan(start=q.content[0].start, end=q.content[-1].end,
                text=" … ".join(p.text for p in q.content))
    return _row(cx, f"c-{q.id}", speaker, "says", place[1], place, span, q,
                value_text=span.text, quote_id=q.id)


def _row(cx: _Context, cid: str, subject: str | None, relation: str, obj: str | None,
         place: Place | None, span: TextSpan, quote: Quote | None, scope: str | None = None,
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


def load_tables() -> None:
    """Load every table the claims read (countries, attributes, pronouns, the quantities
    lexicon's count cues), once. A process that forks helpers deriving claims calls it
    first, so the helpers share the loaded tables instead of each loading them (about
    0.1 s of CPU per helper, most of it compiling the lexicon's patterns)."""
    from ..nlp.quantities.lexicon import lexicon

    demonym_countries()
    side_countries()
    country_words_named()
    _country_phrases()
    attributes()
    pronouns()
    lexicon()


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
        if q.negated and (quote := cx.quote_covering(q.span)) is not None:
            # "Neither Kyiv nor Moscow reported 40 soldiers killed": the words that carry a
            # denied figure are no one's statement either
            quoted_figures.add(quote.id)
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
