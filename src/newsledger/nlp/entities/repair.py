"""The ``newsledger_ner_repair`` layer: repair of the small model's systematic NER errors.

Rules, each general:
- an entity never crosses a line break (headings glued onto the next sentence);
- possessive endings and leading determiners are not part of a name ("Kyiv’s", "the ECFR"),
  nor is a lower-case word before a person's name unless it is a particle ("kick Putin");
- a person's name ends at a slash (a photo credit), at a dash set off by a space (a credit or a
  new clause) and at a possessive that more words follow ("Liz Kerr's Foreign Office"), and a
  "person" with no capitalised word ("-he") is no one;
- a person name inside a heading is kept only when the body names that person too
  ("Russian Gains" in "Kursk Offensive and Russian Gains" is no one);
- an upper-case acronym directly before a name forms one organisation ("ITSS Verona");
- the first line "By X with Agencies" names the publisher: X is an organisation unless it
  looks like a person's name; the name in a wire dateline's brackets ("MINSK, 28 January
  (BelTA) –") is the news agency, an organisation;
- a name followed by an appositive role ("Gustav Gressel, a war analyst") is a person;
- a name of a known given name and a surname is a person whatever the model's label ("Olaf
  Scholz" ORG), and one glued onto a body's name is split off it ("Security Council Dmitry
  Medvedev" -> ORG "Security Council" + PERSON "Dmitry Medvedev");
- a person named elsewhere in the article and glued before another's full name is a person
  of its own ("spokesman Putin Dmitry Peskov", a translation of "Putin's spokesman", ->
  "Putin" + "Dmitry Peskov"), and so is each of two surnames of people the article names in
  full glued into one "name" ("the view of Putin Medvedchuk");
- a person's name never ends on a surname particle ("Ursula von der" + "Leyen");
- an organisation's name the model cut before "of"/"for" goes on through the capitalised
  words no other entity holds ("Kyiv International Institute of Sociology");
- a "person" that is one demonym ("Moldovan", "Ukrainians") is a group (NORP), and one that
  opens with a lower-case prefix before a capital ("pro-Putin", "anti-Bolshevik") is an
  adjective, no one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from ..chains import is_given_name
from .config import NerRepairConfig
from .lexicon import is_demonym, non_person_words, title_words
from .roles import SURNAME_PARTICLES

if TYPE_CHECKING:
    from ..context import Context

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_LEADING = {"the", "a", "an"}
#: An acronym before a name: upper-case letters only; its length bounds are in the config.
_CAPITALS = re.compile(r"^[A-Z]+$")
_BYLINE = re.compile(r"^\s*By\s+", re.I)
_PERSONISH = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z'’-]+){1,2}$")
#: A lower-case prefix before a capitalised word: an adjective ("pro-Putin", "anti-Bolshevik"),
#: never the start of a person's name (particles such as "von" are words of their own).
_PREFIXED = re.compile(r"^[a-z]+-[A-Z]")
#: A wire dateline: a city in capitals, optionally a date or region, then the news agency in
#: brackets and a dash ("MINSK, 28 January (BelTA) –", "KYIV, March 3 (Reuters) -"): the name
#: in brackets is the agency, an organisation, whatever the model's label.
_WIRE_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z .'’\-]{1,40}[A-Z](?:,[^()\n]{1,40}?)?\s*\((?P<agency>[A-Z][\w.&\- ]{0,20}?)\)\s*(?:[—–]|--?)",
    re.M)
#: How far into the text a wire dateline may start (characters): after the title line.
WIRE_DATELINE_WINDOW = 400



def _trim(span: Span) -> Span | None:
    """Drop line-break tails, possessives and leading articles from an entity span."""
    doc = span.doc
    start, end = span.start, span.end
    for t in span:
        if t.is_space and "\n" in t.text:
            # keep the longer side of the break
            left, right = t.i - start, end - t.i - 1
            if left >= right:
                end = t.i
            else:
                start = t.i + 1
            break
    if span.label_ == "PERSON":
        end = _person_cut(doc, start, end)
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_space
                           or doc[end - 1].is_punct):
        end -= 1
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while (span.label_ == "PERSON" and start < end - 1 and doc[start].is_lower and doc[start].is_alpha
           and doc[start].whitespace_ and doc[start].text not in NAME_PARTICLES):
        start += 1  # "kick Putin": a lower-case word before a name is no part of it ("de Gaulle" is)
    if end <= start:
        return None
    if span.label_ == "PERSON" and not any(t.is_alpha and t.text[0].isupper() for t in doc[start:end]):
        return None  # "-he", "who": no capitalised word, no name
    if start == span.start and end == span.end:
        return span
    return Span(doc, start, end, label=span.label)


#: Dashes that, set apart by spaces, end a name: what follows is another clause or a credit
#: ("Vladimir Putin - DPA", "Putin - who").
_DASHES = frozenset({"-", "–", "—"})


def _person_cut(doc: Doc, start: int, end: int) -> int:
    """Where a person's name ends inside a span the model ran on: at a slash (a photo credit,
    "Anna Novak/AFP/Getty Images": the photographer, not the agency), at a dash with a space
    before it (a credit or a new clause), or after a possessive followed by more words ("Liz
    Kerr's Foreign Office": the person is the owner, not the office). The name is the part
    before it; a span that opens with the break keeps its whole self for the other rules."""
    for t in doc[start + 1:end]:
        if "/" in t.text:
            return t.i
        if t.text in _DASHES and doc[t.i - 1].whitespace_:
            return t.i
        if t.text in _POSSESSIVE and t.i + 1 < end:
            return t.i
    return end


def _not_a_name(ent: Span) -> bool:
    """Words a person's name is never made of: a figure ("Leopard 2": people's names hold no
    digits), or two words or more that are all ordinary English words or demonyms (word
    frequency, as ``_common_word``) and do not open with a known given name ("Fox News",
    "Federal Assembly", "Destroyed Russian"; "Ned Price" and "Mark Stone" open with one). A
    single word is left alone: many surnames are ordinary words ("Bush", "Trump")."""
    words = [t for t in ent if not t.is_punct]
    if any(t.like_num or any(ch.isdigit() for ch in t.text) for t in words):
        return True
    if len(words) < 2 or is_given_name(words[0].text):
        return False
    return all(t.is_alpha and (_common_word(t.text) or is_demonym(t.text)) for t in words)


def _in(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _has_appositive_role(span: Span) -> bool:
    doc = span.doc
    i = span.end
    if i + 2 < len(doc) and doc[i].text == ",":
        j = i + 1
        if doc[j].lower_ in ("a", "an", "the"):
            j += 1
        for k in range(j, min(j + 6, len(doc))):
            if doc[k].lower_ in title_words():
                return True
            if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON"):
                break  # "the Federal Assembly, after choosing him as president": a clause, no appositive
    return False


#: Labels the small model gives to a person's name ("Olaf Scholz" ORG) or to a body with the
#: name of its member glued on ("Security Council Dmitry Medvedev").
TRAILING_NAME_LABELS = frozenset({"ORG", "GPE", "PRODUCT", "NORP", "FAC", "LOC"})
#: Last words of organisation names that follow a person's name ("Wilson Center").
ORG_TAIL_WORDS = frozenset({"center", "centre", "institute", "foundation", "fund", "university",
                            "college", "school", "group", "council", "company", "corporation",
                            "inc", "ltd", "llc", "party", "bridge", "street", "airport", "hospital",
                            "stadium", "museum", "library", "prize", "award", "plan", "doctrine",
                            "administration", "government", "cabinet", "line", "square"})


#: Labels of places: in these, a given name followed by an ordinary English word ("Henry
#: County") is a place named after a person, not the person.
PLACE_NAME_LABELS = frozenset({"GPE", "FAC", "LOC"})
#: A known given name right before a person's span, capitalised, untyped by the NER and no
#: title, is the start of the name ("Władysław" + "Kosiniak-Kamysz" PERSON): issue 17, session
#: 12 (the speaker was named by the surname alone though the article gave the full name).
GIVEN_NAME_JOINS = True


def _common_word(word: str) -> bool:
    """An ordinary English word (by word frequency, as the places layer's common-word guard
    reads it), not a surname: "County", "Street", but not "Scholz" or "Medvedev"."""
    from ..frequency import COMMON_ZIPF, zipf

    return zipf(word) >= COMMON_ZIPF


def _trailing_person(ent: Span) -> int | None:
    """Token index where a person's name ends the span: a known given name, then one or two
    capitalised words (a surname, or a patronymic and a surname), none an organisation word."""
    n = len(ent)
    for size in (2, 3):
        if n < size:
            break
        first = ent[n - size]
        rest = ent[n - size + 1:]
        if not (first.is_title and is_given_name(first.text)):
            continue
        if ent.label_ in PLACE_NAME_LABELS and any(_common_word(t.text) for t in rest):
            continue  # "Henry County", "Jackson Street": a place named after a person is a place
        if all(t.is_title and t.is_alpha and t.lower_ not in ORG_TAIL_WORDS
               and t.lower_ not in title_words() for t in rest):
            prefix = ent[:n - size]
            if prefix and prefix[-1].is_punct:
                return None
            return ent.start + n - size
    return None


#: Lower-case particles inside a person's surname ("Ursula von der Leyen", "Rafael van der
#: Vaart", "Luiz Inácio da Silva"): a person's name never ends on one.
NAME_PARTICLES = SURNAME_PARTICLES
#: Words that join the capitalised words of one body's name ("Office for the Coordination of
#: Humanitarian Affairs").
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "on"})


def name_continues(doc: Doc, end: int) -> int | None:
    """The end of a body's name that a model or a parse cut before "of"/"for" and more
    capitalised words ("Kyiv International Institute" + "of Sociology", "UN Office" + "for the
    Coordination of Humanitarian Affairs"): the name ending at token ``end`` goes on through
    capitalised proper nouns that no entity holds or that an organisation's name holds whole;
    None when it does not go on."""
    j = end
    if j >= len(doc) or doc[j].lower_ not in ("of", "for") or not doc[end - 1].is_title:
        return None
    found = None
    while j < len(doc):
        t = doc[j]
        if "\n" in doc[j - 1].whitespace_:
            break
        if t.lower_ in _NAME_JOINERS and t.text.islower():
            j += 1
            continue
        if t.ent_type_ == "ORG":  # (the model's span may begin at a "the" before it)
            k = j + 1
            while k < len(doc) and doc[k].ent_iob_ == "I":
                k += 1
            found = j = k
            continue
        if t.is_title and t.is_alpha and t.pos_ == "PROPN" and not t.ent_type_:
            found = j = j + 1
            continue
        break
    return found


def _known_person(prefix: str, persons: set[str], whole: str) -> bool:
    """Whether ``prefix`` (the words of a person's span before a given name) names a person
    the article names elsewhere, by that name or as the last word of a longer one ("Putin"
    beside "Vladimir Putin"): a name of its own glued before another, not a first name."""
    return any(p == prefix or p.endswith(" " + prefix) for p in persons if p != whole)


def _surname_of_other(word: str, persons: set[str], whole: str) -> bool:
    """Whether ``word`` is the last word of a full name (two words or more) the article gives
    another person."""
    return any(p.endswith(" " + word) for p in persons if p != whole)


def _is_acronym(text: str, cfg: NerRepairConfig) -> bool:
    return cfg.acronym_min_chars <= len(text) <= cfg.acronym_max_chars and bool(_CAPITALS.match(text))


def extract(doc: Doc, ctx: Context, cfg: NerRepairConfig) -> list[Any]:
    """No records: stages the repaired ``doc.ents``. Where two repaired spans overlap, spaCy's
    ``filter_spans`` keeps the longer one (the wrapper applies it), so one overlap no longer
    throws every repair away."""
    headings = ctx.headings
    ents: list[Span] = []
    for ent in doc.ents:
        fixed = _trim(ent) if ent.label_ in NAME_LABELS else ent
        if fixed is not None:
            ents.append(fixed)
    body_persons = {e.text for e in ents if e.label_ == "PERSON"
                    and not _in(headings, e.start_char, e.end_char)}
    out: list[Span] = []
    for ent in ents:
        label = ent.label_
        if (label == "PERSON" and _in(headings, ent.start_char, ent.end_char)
                and ent.text not in body_persons
                and not any(p.endswith(ent.text) for p in body_persons)):
            continue
        if label == "PERSON" and (ent[0].lower_ in non_person_words() or _PREFIXED.match(ent.text)):
            continue
        if label == "PERSON" and len(ent) == 1 and is_demonym(ent.text):
            ent = Span(doc, ent.start, ent.end, label="NORP")  # "Moldovan": a group, no one
            label = "NORP"
        if label == "PERSON" and _not_a_name(ent):
            # "Leopard 2", "Fox News", "Federal Assembly": a thing or a body the model typed a
            # person; a name of something, so an organisation's reading is kept for the layers
            ent = Span(doc, ent.start, ent.end, label="ORG")
            label = "ORG"
        if label in ("ORG", "GPE", "PRODUCT") and _PERSONISH.match(ent.text) and \
                _has_appositive_role(ent) and not _not_a_name(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        if label == "PERSON":
            at = _trailing_person(ent)
            if at is not None and at > ent.start and _known_person(doc[ent.start:at].text, body_persons, ent.text):
                # "spokesman Putin Dmitry Peskov" (a translation of "Putin's spokesman"): the
                # person the words before the given name name, then the speaker
                out.append(Span(doc, ent.start, at, label="PERSON"))
                ent = Span(doc, at, ent.end, label="PERSON")
            elif len(ent) == 2 and all(_surname_of_other(t.text, body_persons, ent.text) for t in ent) \
                    and ent[0].text != ent[1].text:
                # "from the point of view of Putin Medwedczuk": the surnames of two people the
                # article names in full, glued by a translation of a possessive: two people
                out.append(Span(doc, ent.start, ent.start + 1, label="PERSON"))
                ent = Span(doc, ent.start + 1, ent.end, label="PERSON")
        if label in TRAILING_NAME_LABELS:
            at = _trailing_person(ent)
            if at is not None:
                if at > ent.start:  # "Security Council Dmitry Medvedev": the body, then the person
                    out.append(Span(doc, ent.start, at, label=label))
                ent = Span(doc, at, ent.end, label="PERSON")
                label = "PERSON"
        if GIVEN_NAME_JOINS and label == "PERSON" and ent.start > 0:
            prev = doc[ent.start - 1]
            if (prev.is_title and prev.is_alpha and not prev.ent_type_ and not prev.whitespace_.count("\n")
                    and prev.lower_ not in title_words() and is_given_name(prev.text)
                    and not (out and out[-1].end > prev.i)):
                ent = Span(doc, prev.i, ent.end, label="PERSON")
        if label == "PERSON" and ent[-1].lower_ in NAME_PARTICLES and ent.end < len(doc) \
                and doc[ent.end].is_title and doc[ent.end].pos_ == "PROPN" and not ent[-1].whitespace_.count("\n"):
            # "Ursula von der" + "Leyen" (typed a place): the surname after the particle
            ent = Span(doc, ent.start, ent.end + 1, label="PERSON")
        if label == "ORG":
            end = name_continues(doc, ent.end)
            if end is not None and not any(x.start < end and x.end > end for x in ents):
                ent = Span(doc, ent.start, end, label="ORG")  # the ORG it swallows is dropped
        # acronym + name -> one organisation ("ITSS Verona")
        if ent.start > 0 and label in ("PERSON", "GPE", "ORG", "LOC"):
            prev = doc[ent.start - 1]
            if _is_acronym(prev.text, cfg) and not (out and out[-1].end > prev.i):
                ent = Span(doc, prev.i, ent.end, label="ORG")
        out.append(ent)
    ctx.stage_ents(_agency(doc, ctx.text, _byline(doc, ctx, out)))
    return []


def _agency(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
    """The news agency in a wire dateline's brackets is an organisation, there and wherever
    the article names it ("BelTA has learned")."""
    names = {m.group("agency").strip() for m in _WIRE_DATELINE.finditer(text[:WIRE_DATELINE_WINDOW])}
    if not names:
        return ents
    out = []
    for e in ents:
        if e.label_ != "ORG" and e.text in names:
            e = Span(doc, e.start, e.end, label="ORG")
        out.append(e)
    return out


def _byline(doc: Doc, ctx: Context, ents: list[Span]) -> list[Span]:
    """"By X with Agencies": X is the publisher (ORG) unless it reads as a person."""
    paras = ctx.paragraphs
    if not paras:
        return ents
    s, e = paras[0]
    if not _BYLINE.match(ctx.text[s:e]):
        return ents
    toks = [t for t in doc if s <= t.idx < e]
    names: list[tuple[int, int]] = []  # runs of capitalised tokens after "By"
    run_start = None
    for t in [*toks[1:], None]:  # type: ignore[list-item]
        if t is not None and (t.is_title or t.is_upper) and t.is_alpha:
            run_start = t.i if run_start is None else run_start
            continue
        if run_start is not None:
            names.append((run_start, t.i if t is not None else toks[-1].i + 1))
            run_start = None
    out = [x for x in ents if not (s <= x.start_char and x.end_char <= e)]
    for a, b in names:
        span = doc[a:b]
        if span.text.lower() in ("agencies", "agency", "staff", "wires", "staff reporters"):
            continue
        label = "PERSON" if _PERSONISH.match(span.text) and len(span) >= 2 else "ORG"
        out.append(Span(doc, a, b, label=label))
    return sorted(out, key=lambda x: x.start)
