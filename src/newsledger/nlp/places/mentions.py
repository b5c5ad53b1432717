"""Find place mentions in a Doc: the model's GPE/LOC/FAC entities, gazetteer names the model
mislabelled ("Kursk" as PRODUCT), all-caps datelines, with qualifiers and metonymy flags."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...geo import Candidate, Gazetteer
from ...geo.normalize import variant_key
from ..chains import given_names
from ..frequency import COMMON_ZIPF, is_common_run, zipf
from .lexicon import Lexicon
from .ranker import ADJECTIVE_ZIPF, PROMINENT_POP

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the small model gives to places it does not know ("Kursk" PRODUCT, "Kramatorsk"
#: PERSON); such an entity becomes a place only with place evidence (see _place_evidence).
RELABEL_LABELS = frozenset({"PRODUCT", "PERSON", "ORG", "WORK_OF_ART", "EVENT", "NORP", "LAW"})

#: A dateline opens the article or its second line: "KYIV, Ukraine (AP) —", "GAZA CITY —".
#: After a news agency's name in brackets the dash is not needed: web copies of wire stories
#: often lose it or carry another character in its place ("WASHINGTON (AP) "", "(Reuters) -").
DATELINE = re.compile(
    r"(?:^|(?<=[.!?\d] ))\s*(?P<city>[A-Z][A-Z .'’\-]{1,40}?[A-Z])(?:,\s*(?P<region>[A-Z][\w.’' ]{1,30}?))?"
    r"\s*(?:\([A-Z][A-Za-z.&]{1,11}\)\s*(?:[—–]|--?|[^\w\s])?|\([A-Za-z.& ]{1,20}\)\s*(?:[—–]|--?)|(?:[—–]|--?))\s",
    re.M)
#: How far into the text a dateline may start (characters): the title line comes first.
DATELINE_WINDOW = 400
#: Default of ``PlacesConfig.min_relabel_pop`` (see :mod:`.config` for how it was chosen).
MIN_RELABEL_POP = 1000
#: Smallest town that counts as the seat named at the start of an organisation's name
#: ("Athens Police Department"); smaller homonyms of common words are too often wrong (set
#: on the first 150 LGL articles, end to end).
MIN_PREFIX_POP = 20000
#: Smallest town a compass word may be stripped from: "Northeast Georgia" -> Georgia, "South
#: Arlington" -> Arlington (Texas, 390k), but "North Monticello" is a name of its own.
MIN_COMPASS_POP = 100000
#: Abbreviations written with full stops ("W.Va.", "N.C.", "Ga.").
ABBREV = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+[A-Z][a-z]{0,3}")
#: Longest run of proper-noun tokens the gazetteer matcher tries as one name.
MAX_NAME_TOKENS = 4


@dataclass
class RawMention:
    start: int  # the name's char span (without "the", qualifier words, possessive)
    end: int
    text: str
    label: str
    qualifier: str | None = None  # "region", "city", ...
    admin_level: int | None = None  # set for a division qualifier: 0 either, 1, 2
    settlement: bool = False  # "the city of X"
    full: str | None = None  # the name with its qualifier ("Kursk Oblast")
    metonymic: bool = False
    locative: bool = False
    dateline: bool = False
    container: int | None = None  # index of the mention that contains it ("X, Y", "X in Y")
    listed_with: int | None = None  # index of the next name of a list it starts ("X, Y and Z")
    within: int | None = None  # index of the place it is said to lie in ("X, the city of Y": X)
    out_end: int | None = None  # end of the reported span when it goes past the name ("Douglas County")
    weak_qualifier: bool = False  # the division word is also used loosely ("region", "district")
    #: written as no town's name is: "adjective" ("Oriental rugs") or "article"
    #: (a one-word name with its own article: "in the Caspian"); see modifier_form
    modifier_form: str | None = None

    @property
    def span_end(self) -> int:
        return self.out_end if self.out_end is not None else self.end


def _strip_the(span: Span) -> Span:
    while len(span) > 1 and span[0].lower_ in ("the", "a"):
        span = span[1:]
    while len(span) > 1 and span[-1].text in ("'s", "’s", "'", "’"):
        span = span[:-1]
    return span


def _of_cue(lex: Lexicon, word: str) -> bool:
    """A word before "of" that makes the next name a place: a settlement word ("the city of
    X": X is the settlement) or a seat word ("the capital of X": X holds it)."""
    return lex.has("city_word", word) or lex.has("seat_word", word)


def common_word_taken_for_place(doc: Doc, core: Span, lex: Lexicon, gaz: Gazetteer, place_texts: set[str]) -> bool:
    """A one-token name the model calls GPE or LOC that is a common English word
    (``frequency.is_common_run``: "Having" opening a sentence after a headline in capitals, a
    holiday, the clitic "n't"), that the gazetteer has under no name, that is no demonym, facility or
    street word, and that the context does not show to be a place (``_place_evidence`` without
    the name's own GPE/LOC label: a locative preposition, a division word, "the city of"): an
    ordinary word, not a place; left, it was placed at a town the article names (a site
    reading). Issue 19's bar: no common word in the war coverage resolves to a populated
    place. A run of several words is left to the resolver: frequency alone calls words of
    names common ("york" of New York)."""
    if len(core) != 1 or not is_common_run(core.text) or gaz.has(core.text) or any(
            lex.has(kind, core.text.casefold()) for kind in ("facility_word", "street_word")) \
            or any(core.text in t or core.text.rstrip("s") in t for t in (lex.demonyms, lex.division_demonyms)):
        return False  # (a demonym, "Ukrainian", is its country's mention)
    return not _place_evidence(doc, core, lex, place_texts - {core.text.casefold()}, gaz)


def _place_evidence(doc: Doc, span: Span, lex: Lexicon, place_texts: set[str], gaz: Gazetteer | None = None) -> bool:
    """Whether the context says a span the model did not label as a place is one."""
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    prev2 = doc[span.start - 2] if span.start > 1 else None
    if nxt is not None and nxt.lower_ in lex.division:
        return True
    if prev is not None and prev.lower_ == "of" and prev2 is not None and _of_cue(lex, prev2.lower_):
        return True
    if nxt is not None and lex.has("resident_noun", nxt.lower_):
        return True
    # (an organisation is joined, entered and testified in as a place is: an ORG whose name is a
    # frequent English word, an alliance's or a parliament's, needs a sizeable place of the
    # name; the rarer names of small towns the model calls ORG after "in" stay places)
    if prev is not None and lex.has("locative", prev.lower_) and span.label_ != "PERSON" and (
            span.label_ != "ORG" or gaz is None or zipf(span.text) < COMMON_ZIPF or _sizeable(gaz, span.text)):
        return True
    if prev is not None and prev.text == "," and prev2 is not None and prev2.text.endswith(".") \
            and nxt is not None and nxt.text in (",", "."):  # "420 Augusta St., Alexandria."
        return True
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if nxt is not None and nxt.text == "," and after is not None and after.ent_type_ == "GPE" \
            and after.text != span.text:  # "Gainesville, Ga."
        return True
    if gaz is not None and _coordinated_with_place(span, gaz, place_texts):
        return True
    return span.text.casefold() in place_texts


#: entity types of a conjunct that makes a list of places
LIST_PLACE_ENTS = frozenset({"GPE", "LOC"})


def _coordinated_with_place(span: Span, gaz: Gazetteer, place_texts: frozenset[str] | set[str] = frozenset()) -> bool:
    """"in Bucha, Irpin and Hostomel": a name in a list with a name the model calls a place, or
    that the context has already shown to be one (``place_texts``: the model may call every
    name of the list an organisation, and the first gets its evidence from "in"), of the same
    country as one of the name's own readings, is a place too (the model called Irpin an
    organisation and Hostomel a person). The conjuncts are the parser's: the first name and
    the "conj" tokens hung on it or on each other. A list of people with one taken for a place
    ("Biden, Macron and Scholz") has no such pair of readings."""
    root = span.root
    first = root
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    members = [first, *(t for t in first.subtree if t.dep_ == "conj")]
    if len(members) < 2:
        return False
    own = {c.cc for c in _readings(gaz, span.text)}
    for t in members:
        if not t.ent_type_ or span.start <= t.i < span.end:
            continue
        ent = next((e for e in span.doc.ents if e.start <= t.i < e.end), None)
        if ent is None or (ent.label_ not in LIST_PLACE_ENTS and _strip_the(ent).text.casefold() not in place_texts):
            continue
        if own & {c.cc for c in _readings(gaz, ent.text)}:
            return True
    return False


def _readings(gaz: Gazetteer, name: str) -> list[Candidate]:
    """The gazetteer's places of ``name``, else of its other transliterations (a village of
    the countries at war written in Polish or German: geo.normalize.variant_key)."""
    return gaz.lookup(name) or gaz.lookup_variant(name)


def _strong_place(gaz: Gazetteer, name: str, min_pop: int) -> bool:
    """A name of a country or division (not a base name: "Walker" is not Walker County), or
    the own name of a sizeable town."""
    return any((c.fclass == "A" and c.kind != 2) or (c.fclass == "P" and c.kind == 0 and c.pop >= min_pop)
               for c in gaz.lookup(name))


def _sizeable(gaz: Gazetteer, name: str) -> bool:
    """A name the gazetteer has for more than a small town: a country, a division or a
    hand-written region by its own name, or a town of MIN_PREFIX_POP or more."""
    return any((c.fclass != "P" and c.kind != 2) or c.pop >= MIN_PREFIX_POP for c in gaz.lookup(name))


def _place_prefix(doc: Doc, core: Span, gaz: Gazetteer) -> Span | None:
    """The longest leading run of words of a name that is a place: "Ohio" in "Ohio Supreme Court"."""
    for n in range(min(3, len(core) - 1), 0, -1):
        pre = core[:n]
        if n > 1 and pre[-1].lower_ == "city" and not any(c.fclass == "P" and c.kind == 0
                                                          for c in gaz.lookup(pre.text)):
            continue  # "Dublin City Schools" -> Dublin; but "Kansas City Council" -> Kansas City
        if pre[0].is_title and core[n].is_title and pre[-1].whitespace_ == " " \
                and _strong_place(gaz, pre.text, MIN_PREFIX_POP):
            return pre
    return None


def _person_names(ents: list[Span], lex: Lexicon) -> tuple[set[str], set[str]]:
    """Words the text shows to be names of people or bodies: parts of multi-word PERSON
    entities, and PERSON/ORG entities that speak ("Brown said"); and, apart, those shown both
    ways ("Olena Borova" ... "Borova said": a person, however a village is called)."""
    parts: set[str] = set()
    speaking: set[str] = set()
    for e in ents:
        if e.label_ == "PERSON" and len(e) > 1:
            parts.update(t.text.casefold() for t in e if t.is_title)
        if e.label_ in ("PERSON", "ORG", "GPE") and e.root.dep_ in ("nsubj", "nsubjpass") \
                and lex.has("speech_verb", e.root.head.lemma_):
            speaking.add(_strip_the(e).text.casefold())
    return parts | speaking, parts & speaking


#: Hyphens that join a compound modifier ("Moscow-controlled").
HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def compound_agent(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """A name joined by a hyphen to a past participle is the participle's agent ("Moscow-
    controlled territory": controlled by Moscow's government; "Kremlin-backed", "Russian-
    occupied"): a government, not a location. Participles of placing ("Kyiv-based", "Kharkiv-
    born") keep the name a place."""
    i = span.end
    if i + 1 >= len(doc) or span[-1].whitespace_ or doc[i].text not in HYPHENS or doc[i].whitespace_:
        return False
    part = doc[i + 1]
    return part.tag_ == "VBN" and not lex.has("place_participle", part.lower_)


def _in_org_name(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """"University of Glasgow": a place after "<organisation word> of"."""
    i = span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and lex.has("org_head", doc[i - 2].lower_) \
        and doc[i - 2].is_title


def _singular(word: str) -> str:
    """"regions" -> "region", "oblasts" -> "oblast", "counties" -> "county"."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _division_of(doc: Doc, span: Span, lex: Lexicon) -> str | None:
    """The division word of "the <division word> of X" for the name ``span``, or for the list X
    heads when ``span`` is a later name of it ("the regions of Donetsk, Kherson and Luhansk":
    the parser's conjuncts of "Donetsk")."""
    root = span.root
    while root.dep_ == "conj" and root.head != root and root.head.i < root.i:
        root = root.head
    first = root.left_edge.i if root.i != span.root.i else span.start
    if first < 2 or doc[first - 1].lower_ != "of":
        return None
    word = doc[first - 2].lower_
    return word if word in lex.division and doc[first - 2].pos_ == "NOUN" else None


def modifier_form(doc: Doc, span: Span) -> str | None:
    """How a one-word name is written as no town's name is: "adjective", an English word
    (zipf >= ADJECTIVE_ZIPF) the tagger or the parser makes an adjective here ("Oriental
    rugs": JJ or amod; the resolver also asks the tagger whether the word alone is one);
    "article", a name that takes its own definite article ("in the Caspian": a region or a
    sea; "the Kyiv government" is not one: there the article is the noun's); "indefinite",
    a name modifying the noun of an indefinite article ("a Truman moment"), which alone is no
    evidence (local news writes "a <town> man" as often: LGL's tune part) and which the
    resolver reads only with distance (``resolve.EPONYM_FAR_KM``); else None."""
    if len(span) != 1:
        return None
    t = span[0]
    if (t.tag_ == "JJ" or t.dep_ == "amod") and zipf(t.text) >= ADJECTIVE_ZIPF:
        return "adjective"
    prev = doc[t.i - 1] if t.i > 0 else None
    # the article is the name's own when the name heads its noun phrase alone (not "the
    # <town> home invasion", "the <town> and District Sea Cadets")
    if prev is not None and prev.dep_ == "det" and prev.lower_ == "the" and prev.head.i == t.i \
            and t.dep_ not in ("compound", "amod", "nmod") and all(c.dep_ in ("det", "punct") for c in t.children):
        return "article"
    if prev is not None and prev.lower_ in ("a", "an") and prev.dep_ == "det" and t.dep_ == "compound" \
            and prev.head.i == t.head.i and t.head.i > t.i:
        return "indefinite"
    return None


def person_part(doc: Doc, span: Span, gaz: Gazetteer) -> bool:
    """A one-word name that is a given name followed by a capitalised word that names no
    place ("Sharon Kowalczyk"): part of a person's name, whatever the model labelled it
    (the given names of data/entities/given_names.tsv). Not a sizeable place's name: a city
    called as people are ("Washington", "Vienna") keeps its own reading."""
    if len(span) != 1 or span.end >= len(doc) or span[0].lower_ not in given_names() \
            or _strong_place(gaz, span.text, MIN_PREFIX_POP):
        return False
    nxt = doc[span.end]
    return span[0].whitespace_ == " " and nxt.is_title and nxt.pos_ == "PROPN" and not gaz.has(nxt.text)


def _person_skeletons(ents: list[Span]) -> set[str]:
    """The transliteration skeletons (``normalize.variant_key``) of the capitalised words of the
    article's PERSON entities: a person's name in another spelling or a Polish or Ukrainian
    case form ("Kowalska", "Kowalskiej") shares its skeleton."""
    return {k for e in ents if e.label_ == "PERSON" for t in e if t.is_title
            for k in (variant_key(t.text),) if k}


def _surnames(ents: list[Span], gaz: Gazetteer) -> set[str]:
    """The last words of the article's multi-word PERSON entities ("Anna Lozova"): surnames;
    not of a place's name the model took for a person's ("Nova Kakhovka")."""
    return {e[-1].text.casefold() for e in ents
            if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_title and not gaz.has(e.text)}


def surname_alone(doc: Doc, span: Span, surnames: set[str], lex: Lexicon, gaz: Gazetteer) -> bool:
    """A one-word name that is the surname of a person the article names in full ("Anna
    Lozova" ... "Lozova has written"), with no place cue of its own: the person, however the
    model labelled it and whatever small town has the name. A place cue keeps it a place: a
    locative preposition ("returned to Lozova" is not one, "in Lozova" is), a division word
    after it, "the city of" before it, a place after a comma ("Lozova, Kharkiv"); and so does
    a name the gazetteer has as a country, a division by its own name or a capital or town of
    PROMINENT_POP or more (the common-word guard's prominence: "Jack London" ... "London")."""
    if len(span) != 1 or span.text.casefold() not in surnames \
            or _strong_place(gaz, span.text, PROMINENT_POP) \
            or any(c.fcode == "PPLC" for c in gaz.lookup(span.text)):
        return False
    root, nxt = span.root, doc[span.end] if span.end < len(doc) else None
    if root.dep_ == "pobj" and lex.has("locative", root.head.lower_):
        return False
    if nxt is not None and (nxt.lower_ in lex.division or (
            nxt.text == "," and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ in ("GPE", "LOC"))):
        return False
    return not (span.start >= 2 and doc[span.start - 1].lower_ == "of"
                and _of_cue(lex, doc[span.start - 2].lower_))


def landmark_possessive(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """A name in the possessive before a capitalised street or facility word is part of a
    landmark's name ("St. Mark's Square", "St. Luke's Hospital"), not a place of its own ("Kyiv's
    Independence Square" keeps Kyiv: the word after the possessive is no such word)."""
    i = span.end
    if i + 1 >= len(doc) or doc[i].text not in ("'s", "’s"):
        return False
    word = doc[i + 1]
    return word.is_title and any(lex.has(kind, word.lower_) for kind in ("street_word", "facility_word"))


def annotate_span(doc: Doc, span: Span, label: str, lex: Lexicon, gaz: Gazetteer) -> RawMention | None:
    """A place mention for ``span``: its name, qualifier, metonymy and locative use (None if empty)."""
    span = _strip_the(span)
    if len(span) > 1 and lex.has("compass", span[0].lower_) and not gaz.has(span.text) \
            and _strong_place(gaz, span[1:].text, MIN_COMPASS_POP):
        span = span[1:]  # "Northeast Georgia" -> "Georgia"; but "North Monticello" is a name
    if len(span) > 1 and span[-1].lower_ == "city" and not gaz.has(span.text):
        span = span[:-1]  # "Fargo city administrator"
    qualifier = full = None
    out_end: int | None = None
    level: int | None = None
    last = span[-1].lower_
    # A capitalised division word is part of the name as written ("Douglas County", "Kursk
    # Oblast") and stays in the reported span; a lowercase one ("Kursk region") does not.
    if len(span) > 1 and last in lex.division:
        if span[-1].is_title and gaz.has(span.text) and gaz.lookup(span.text)[0].fclass == "A":
            full = span.text
        else:
            qualifier, level, full = last, lex.division[last], span.text
            out_end = span.end_char if span[-1].is_title and last != "state" else None
            span = span[:-1]
    elif span.end < len(doc) and doc[span.end].lower_ in lex.division and doc[span.end].is_alpha:
        nxt = doc[span.end]
        qualifier, level = nxt.lower_, lex.division[nxt.lower_]
        full = doc[span.start:span.end + 1].text
        out_end = nxt.idx + len(nxt.text) if nxt.is_title and nxt.lower_ != "state" else None
    if out_end is None and ABBREV.fullmatch(span.text) and span.end < len(doc) \
            and doc[span.end].text == "." and not span[-1].whitespace_:
        out_end = span.end_char + 1  # "W.Va." tokenised as "W.Va" + "."
    settlement = False
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and lex.has("city_word", doc[span.start - 2].lower_):
        settlement, qualifier = True, doc[span.start - 2].lower_
    elif qualifier is None and (word := _division_of(doc, span, lex)) is not None:
        # "the regions of Donetsk, Kherson and Luhansk", "the province of Kherson": the division
        # word before "of" qualifies each name of the list, as "Kherson region" would
        qualifier, level = word, lex.division[word]
        full = f"{span.text} {_singular(word)}"
    if not span.text.strip() or not any(c.isalpha() for c in span.text):
        return None
    m = RawMention(span.start_char, span.end_char, span.text, label, qualifier, level, settlement, full,
                   out_end=out_end, weak_qualifier=qualifier in lex.weak_division,
                   modifier_form=modifier_form(doc, span) if qualifier is None else None)
    # metonymy: "Kyiv's forces", "Ukraine's frontline troops", "Moscow said"
    j = span.end
    if j < len(doc) and doc[j].text in ("'s", "’s", "'", "’"):
        for k in range(j + 1, min(j + 4, len(doc))):
            if lex.has("metonymy_noun", doc[k].lower_):
                m.metonymic = True
                break
            if doc[k].pos_ not in ("ADJ", "NOUN", "PROPN", "ADV"):
                break
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and lex.has("metonymy_verb", root.head.lemma_):
        m.metonymic = True
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in lex.cues.get("locative", ()):
        m.locative = True
    return m


def dateline_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    out = []
    for m in DATELINE.finditer(text[:DATELINE_WINDOW]):
        for g in ("city", "region"):
            s, e = m.span(g)
            if s >= 0 and gaz.has(text[s:e]):
                out.append((s, e))
        if out:
            break
    return out


def find_mentions(doc: Doc, lex: Lexicon, gaz: Gazetteer, text: str | None = None,
                  min_relabel_pop: int = MIN_RELABEL_POP) -> tuple[list[RawMention], list[Span]]:
    """Place mentions in text order, and the entities to relabel as GPE.

    ``text`` is ``doc.text``, which spaCy rebuilds on each access: pass it when you have it.
    ``min_relabel_pop`` is the places layer's config value (see :mod:`.config`).
    """
    text = doc.text if text is None else text
    ents = list(doc.ents)
    place_texts = {_strip_the(e).text.casefold() for e in ents if e.label_ in ("GPE", "LOC")}
    found: list[RawMention] = []
    relabel: list[Span] = []
    taken: set[int] = set()

    def add(span: Span, label: str) -> bool:
        if any(t.i in taken for t in span) or _in_org_name(doc, span, lex) or compound_agent(doc, span, lex) \
                or landmark_possessive(doc, _strip_the(span), lex) or person_part(doc, _strip_the(span), gaz):
            return False
        m = annotate_span(doc, span, label, lex, gaz)
        if m is None:
            return False
        if any(m.text in t or m.text.rstrip("s") in t for t in (lex.demonyms, lex.division_demonyms)):
            m.qualifier = "demonym"  # also when the model calls "Ukrainian" a GPE
        found.append(m)
        taken.update(range(span.start, span.end))
        return True

    for s, e in dateline_spans(text, gaz):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and add(span, "GPE"):
            found[-1].dateline = True
            found[-1].text = text[s:e]
            found[-1].start, found[-1].end = s, e
            place_texts.add(text[s:e].casefold())
    people, speakers = _person_names(ents, lex)
    surnames = _surnames(ents, gaz)
    skeletons = _person_skeletons(ents)
    for ent in ents:
        core = _strip_the(ent)
        if ent.label_ in ("GPE", "LOC") and core.text.casefold() in people and not gaz.has(core.text):
            continue  # "Altom said", "Mikheil Saakashvili": a person the model took for a place
        if ent.label_ in ("GPE", "LOC") and core.text.casefold() in speakers \
                and not _strong_place(gaz, core.text, MIN_PREFIX_POP):
            continue  # "Olena Borova" ... "Borova said": the person, not a village of her name
        if ent.label_ in ("GPE", "LOC") and len(core) == 1 and not gaz.has(core.text) \
                and variant_key(core.text) in skeletons and gaz.lookup_variant(core.text):
            # a name the gazetteer lacks whose skeleton is that of a person the article names
            # and meets a village's: the person in another spelling or case form, not the
            # village of another transliteration (a name it meets none of is left as it was:
            # a facility or a place the gazetteer lacks)
            continue
        if ent.label_ in ("GPE", "LOC") and surname_alone(doc, core, surnames, lex, gaz):
            continue  # "Anna Lozova" ... "Lozova has written": the person, not the town
        if ent.label_ in ("GPE", "LOC") and common_word_taken_for_place(doc, core, lex, gaz, place_texts):
            continue  # "Having examined ...", "did n't": an English word, not a place
        if ent.label_ in PLACE_LABELS and len(core) > 1 and not gaz.has(core.text) \
                and not lex.has("street_word", core[-1].lower_.rstrip(".")):
            # "Henderson County Jail", "Athens Regional Park": the place it is in
            pre = _place_prefix(doc, core, gaz)
            if pre is not None and not (len(pre) == 1 and lex.has("compass", pre[0].lower_)) and any(
                    lex.has("facility_word", t.lower_) or lex.has("jurisdiction_word", t.lower_)
                    for t in core[len(pre):]):
                add(pre, "GPE")
                continue
        if ent.label_ in PLACE_LABELS:
            add(ent, ent.label_)
        elif ent.label_ in RELABEL_LABELS:
            core = _strip_the(ent)
            if len(core) > MAX_NAME_TOKENS or not core[0].is_title or not _readings(gaz, core.text):
                continue
            if ent.label_ == "NORP":
                continue
            best = _readings(gaz, core.text)[0]
            if best.fclass == "P" and best.pop < min_relabel_pop:
                continue
            if _place_evidence(doc, core, lex, place_texts, gaz):
                place_texts.add(core.text.casefold())
    # one sense per discourse: a name shown to be a place once is a place everywhere in the
    # text, unless the text also shows it is a person's or body's name ("Kevin Brown",
    # "Brown said")
    for ent in ents:
        if ent.label_ in RELABEL_LABELS and ent.label_ != "NORP":
            core = _strip_the(ent)
            key = core.text.casefold()
            if key in place_texts and key not in people and len(core) <= MAX_NAME_TOKENS \
                    and _readings(gaz, core.text) and add(core, "GPE"):
                relabel.append(ent)
    # a place that an organisation's name starts with is its jurisdiction or seat: "Ohio Supreme
    # Court", "UK military intelligence", "Athens Police Department" (but not "University of
    # Glasgow" or "ITSS Verona", where the place is part of the institution's own name)
    for ent in ents:
        if ent.label_ == "ORG" or (ent.label_ == "PERSON" and lex.has("org_head", ent[-1].lower_)):
            core = _strip_the(ent)
            pre = _place_prefix(doc, core, gaz)
            if pre is None or (len(pre) == 1 and lex.has("compass", pre[0].lower_)) \
                    or not any(lex.has("jurisdiction_word", t.lower_) for t in core[len(pre):]):
                continue
            if add(pre, "GPE"):
                found[-1].qualifier = "organisation"
    # demonyms stand for their country ("Ukrainian forces"); kept as mentions, marked
    for ent in ents:
        if ent.label_ == "NORP" and (ent.text in lex.demonyms or ent.text.rstrip("s") in lex.demonyms) \
                and add(ent, "NORP"):
            found[-1].qualifier = "demonym"  # (set by add as well; explicit here)
        elif ent.label_ == "NORP" and ent.text in lex.division_demonyms and ent.root.dep_ in ("amod", "compound") \
                and add(ent, "NORP"):
            # a division's demonym as a place modifier ("the southern English city", "Texan
            # ranchers"), not a language or a people ("speaks English")
            found[-1].qualifier = "demonym"
    # proper nouns the model left unlabelled after a locative preposition: "fighting in Pokrovsk"
    in_ent = {i for e in ents for i in range(e.start, e.end)}
    i = 0
    while i < len(doc):
        t = doc[i]
        if t.pos_ == "PROPN" and t.is_title and i not in in_ent and i not in taken and i > 0 \
                and (doc[i - 1].lower_ in ("in", "near", "outside", "from", "to")
                     or (doc[i - 1].lower_ == "of" and i > 1 and lex.has("compass", doc[i - 2].lower_))):
            j = i
            while j < len(doc) and j - i < MAX_NAME_TOKENS and doc[j].pos_ == "PROPN" and doc[j].is_title \
                    and j not in in_ent:
                j += 1
            span = doc[i:j]
            if _readings(gaz, span.text):
                add(span, "GPE")
            i = j
        else:
            i += 1
    _heading_capitals(doc, text, found, add)
    found.sort(key=lambda m: m.start)
    link_containers(text, found, doc)
    return found, relabel


#: A word of a line in capitals only ("UKRAINE WARNS RUSSIA IT INTENDS TO TAKE BACK CRIMEA"):
#: the model labels no entity there, as every word looks like a name.
_CAPITALS_WORD = re.compile(r"(?<![\w'’])[A-Z][A-Z'’-]*[A-Z](?![\w'’])")


def _heading_capitals(doc: Doc, text: str, found: list[RawMention], add: Callable[[Span, str], bool]) -> None:
    """A heading line written in capitals only: a word (or two) there that is, in its own case,
    a place mention of the article's other lines is a mention of that place too (one sense
    per discourse; a capitals word alone says nothing, "IT" is no Italy). It takes the other
    mention's spelling, so the resolver reads it as that name, not as an abbreviation."""
    spelled = {m.text.casefold(): m.text for m in found if m.qualifier != "demonym" and not m.text.isupper()}
    if not spelled:
        return
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.isupper() and len(line.split()) >= 2:
            words = [(w.start() + start, w.end() + start) for w in _CAPITALS_WORD.finditer(line)]
            k = 0
            while k < len(words):
                for n in (2, 1):  # "SOUTH KOREA" before "KOREA"
                    if k + n > len(words) or text[words[k][1]:words[k + n - 1][0]].strip(" "):
                        continue
                    s, e = words[k][0], words[k + n - 1][1]
                    name = spelled.get(" ".join(text[s:e].split()).casefold())
                    if name is None:
                        continue
                    span = doc.char_span(s, e, alignment_mode="expand")
                    if span is not None and add(span, "GPE"):
                        found[-1].text = name
                        k += n - 1
                        break
                k += 1
        start = end + 1


_CONTAINER_GAP = re.compile(r"^(?:,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?|\s*\(\s*)$")


#: "X, the city of Y": an apposition that says the settlement Y lies in X. Only the words for a
#: settlement that X holds ("the capital of Y" says the reverse: Y holds X).
_APPOSED_SETTLEMENT = re.compile(r"^,\s*the\s+(?:city|town|village|settlement)\s+of\s+$", re.IGNORECASE)


def _coordinated(doc: Doc, a: RawMention, b: RawMention) -> bool:
    """Whether the parser reads name ``b`` as a conjunct of name ``a`` ("Washington, Moscow and
    Beijing": a list of places), not as its apposition ("Buffalo, New York": a container)."""
    span = doc.char_span(b.start, b.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "conj" and a.start <= root.head.idx < a.end


def link_containers(text: str, found: list[RawMention], doc: Doc | None = None) -> None:
    """"Pokrovsk in Donetsk province", "Alexandria, La.": the second contains the first. With
    the parsed ``doc``, "X, Y" where the parser makes Y a conjunct of X starts a list ("Washington,
    Moscow and Beijing"): Y is no container of X, but X is ``listed_with`` Y."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        gap = text[a.end:b.start]
        if b.settlement and _APPOSED_SETTLEMENT.match(gap):
            b.within = i
        if _CONTAINER_GAP.match(gap) and not b.settlement:
            if doc is not None and gap.strip() == "," and _coordinated(doc, a, b):
                a.listed_with = i + 1
            else:
                a.container = i + 1
