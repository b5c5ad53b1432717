"""The ``newsledger_entities`` layer: one Entity per person, organisation, place or group.

Names are resolved within the document: a surname or partial name joins the fullest
mention that contains it ("Gressel" -> "Gustav Gressel"), with a title or honorific before it
("Ms Truss" -> "Liz Truss"); spelling variants of a name join ("Zelenskyy" -> "Zelensky", up to
transliteration and a one-vowel slip); a surname written first joins its full name ("Xi" ->
"Xi Jinping"); and an acronym joins the organisation whose initials it spells ("ECFR" ->
"European Council on Foreign Relations"). The ledger joins names across articles by the same
keys (``ledger/canonical.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from ...lexicons import name_prefix_words
from ...models import Entity, Mention, TextSpan
from ..chains import given_names
from ..spelling import spelling_key, vowels_apart
from .config import EntitiesConfig
from .lexicon import is_demonym
from .roles import RoleInfo, appositive_after, title_before

if TYPE_CHECKING:
    from ..context import Context

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
#: Labels the small model gives a bare surname it does not recognise as a person's.
MISLABELLED_SURNAME = {"ORG", "GPE", "NORP", "PRODUCT", "LOC", "WORK_OF_ART"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_STOP_INITIAL = {"of", "the", "and", "for", "on", "in", "de", "&"}


def norm_token(t: str) -> str:
    """Case-folded, with a doubled final -y folded ("Zelenskyy" = "Zelensky")."""
    t = t.casefold().replace("’", "'")
    return t[:-1] if t.endswith("yy") else t


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", name) if w.lower() not in _STOP_INITIAL).upper()


@dataclass
class Cluster:
    label: str
    name: str
    mentions: list[SpacySpan] = field(default_factory=list)
    role: RoleInfo | None = None
    titles: list[tuple[int, int]] = field(default_factory=list)


def _name_keys(name: str) -> list[str]:
    """The spelling keys of a person's name words, leading titles and honorifics left out
    ("Ms Truss" -> ["truss"], "Volodymyr Zelenskyy" -> ["volodimir", "zelenski"])."""
    words = name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in name_prefix_words():
        words.pop(0)
    return [spelling_key(w) or norm_token(w) for w in words]


def _unmiddled(keys: list[str]) -> list[str]:
    """A name's keys without its middle initials ("jonathan e sweet" -> "jonathan sweet")."""
    return [k for i, k in enumerate(keys) if not (0 < i < len(keys) - 1 and len(k) == 1)]


def _initials_fit(f: list[str], p: list[str]) -> bool:
    """Word for word the same, or one an initial of the other."""
    return len(f) == len(p) and all(a == b or (len(b) == 1 and a.startswith(b)) or (len(a) == 1 and b.startswith(a))
                                    for a, b in zip(f, p, strict=True))


def _person_key_match(full: str, part: str) -> bool:
    """Whether the mention ``part`` names the person ``full`` names:
    - its words end ``full``'s, spelled alike up to transliteration ("Gressel" ⊂ "Gustav
      Gressel", "Zelenskyy" = "Zelensky"), a title or honorific before them left out ("Ms
      Truss" = "Liz Truss");
    - the same first name (or none) and a surname a few vowels off (:func:`vowels_apart`: a
      slip of spelling or machine translation, "Zelanski" or "Zeilinsky" for "Zelensky");
    - the same surname with initials for first or middle names, or without a middle initial
      ("D. Cameron" = "David Cameron", "Jonathan Sweet" = "Jonathan E. Sweet");
    - a lone first word of a two-word name that is no known given name: a surname written
      first ("Xi" of "Xi Jinping"), never a given name ("Vladimir" alone)."""
    f, p = _name_keys(full), _name_keys(part)
    if not p or len(p) > len(f):
        return False
    if f[-len(p):] == p:
        return True
    if f[-len(p):-1] == p[:-1] and vowels_apart(f[-1], p[-1]):
        return True
    if len(p) > 1 and p[-1] == f[-1] and _initials_fit(_unmiddled(f), _unmiddled(p)):
        return True  # "D. Cameron", "Jonathan Sweet" of "David Cameron", "Jonathan E. Sweet"
    first = part.split()[-1]
    return len(p) == 1 and len(f) == 2 and p[0] == f[0] and first.casefold() not in given_names()


def _cluster(all_ents: list[SpacySpan]) -> list[Cluster]:
    ents = [e for e in all_ents if e.label_ in LABELS]
    clusters: list[Cluster] = []
    persons = sorted((e for e in ents if e.label_ == "PERSON"), key=lambda e: -len(e))
    person_clusters: list[Cluster] = []
    for e in persons:
        target = next((c for c in person_clusters if _person_key_match(c.name, e.text)), None)
        if target is None:
            target = Cluster("PERSON", e.text)
            person_clusters.append(target)
        target.mentions.append(e)
    clusters.extend(person_clusters)
    by_key: dict[tuple[str, str], Cluster] = {}
    orgs = sorted((e for e in ents if e.label_ == "ORG"), key=lambda e: -len(e.text))
    for e in orgs:
        key = ("ORG", e.text.casefold())
        c = by_key.get(key)
        if c is None and e.text.isupper() and len(e.text) >= 2:
            c = next((x for x in by_key.values() if x.label == "ORG" and len(x.name.split()) > 1
                      and initials(x.name) == e.text), None)
        if c is None:
            c = by_key[key] = Cluster("ORG", e.text)
        c.mentions.append(e)
    for e in ents:
        if e.label_ in ("PERSON", "ORG"):
            continue
        label = e.label_
        low = e.text.casefold()
        if label != "NORP" and is_demonym(e.text):
            label = "NORP"  # "Ukrainian forces": a group adjective, even where the places layer maps it
        key = (label if label == "NORP" else "PLACE", low)
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = Cluster(label, e.text)
        c.mentions.append(e)
    clusters.extend(by_key.values())
    for c in clusters:
        c.mentions.sort(key=lambda s: s.start)
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _roles(c: Cluster, text: str) -> None:
    if c.label != "PERSON":
        return
    for m in c.mentions:
        t = title_before(m)
        if t is not None and t.title is not None:
            c.titles.append(t.title)
            if c.role is None:
                c.role = t
        a = appositive_after(m, text)
        if a is not None and (c.role is None or (c.role.title is not None and c.role.affiliation is None)):
            # an appositive role noun phrase is more informative than a bare rank or title
            # ("Colonel Andriy Kovalenko, a spokesman for …" -> "spokesman"); the title stays in
            # ``titles``, and is the role where there is no appositive
            c.role = a
        if c.role is not None and c.role.affiliation is not None and c.role.title is None:
            break


def _gender(doc: Doc, c: Cluster, persons: set[int], window: int) -> str | None:
    if c.label != "PERSON":
        return None
    male = female = 0
    for m in c.mentions:
        sent = m.sent
        end = sent.end
        nxt = sent
        for _ in range(window):
            if end >= len(doc):
                break
            nxt = doc[end].sent
            end = nxt.end
        for t in doc[m.end:end]:
            if t.i in persons and t.i not in range(m.start, m.end):
                break
            low = t.lower_
            male += low in _MALE
            female += low in _FEMALE
    if male > female:
        return "m"
    if female > male:
        return "f"
    return None


def propagate_names(doc: Doc) -> list[SpacySpan]:
    """``doc.ents`` with later bare mentions of a known person's surname tagged PERSON,
    where the model tagged them otherwise or missed them. Overlaps are resolved by spaCy's
    ``filter_spans`` (the longer span wins), so one overlap no longer drops every fix."""
    ents = list(doc.ents)
    surnames: dict[str, str] = {}
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2:
            surnames[e[-1].text] = e.text
    if not surnames:
        return ents
    for k, e in enumerate(ents):  # "Gressel" tagged ORG once the article has named Gustav Gressel
        if len(e) == 1 and e.label_ in MISLABELLED_SURNAME and e.text in surnames:
            ents[k] = SpacySpan(doc, e.start, e.end, label="PERSON")
    taken = {i for e in ents for i in range(e.start, e.end)}
    new = []
    for t in doc:
        if t.i in taken or t.text not in surnames or not t.is_title:
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].is_title and not doc[t.i + 1].is_sent_start:
            continue  # part of a longer, different name
        new.append(SpacySpan(doc, t.i, t.i + 1, label="PERSON"))
    return sorted(filter_spans([*ents, *new]), key=lambda s: s.start) if new else ents


def extract(doc: Doc, ctx: Context, cfg: EntitiesConfig) -> list[Entity]:
    """The entities, and (staged) ``doc.ents`` with the surname fixes and the token -> entity
    id map ``doc._.nl_entity_at``."""
    ents = propagate_names(doc)
    persons = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    article_id = doc._.nl_article_id
    text = ctx.text
    out: list[Entity] = []
    at: dict[int, str] = {}
    for n, c in enumerate(_cluster(ents), start=1):
        eid = f"ent-{n}"
        _roles(c, text)
        for m in c.mentions:
            for i in range(m.start, m.end):
                at[i] = eid
        name = max((m.text for m in c.mentions), key=len) if c.label == "PERSON" else c.name
        r = c.role
        out.append(Entity(
            article_id=article_id,
            id=eid,
            label=c.label,  # type: ignore[arg-type]
            name=name,
            mentions=[Mention(span=TextSpan.of(text, m.start_char, m.end_char),
                              kind="name" if m.text == name else "partial")
                      for m in c.mentions],
            titles=[TextSpan.of(text, s, e) for s, e in c.titles],
            role=r.role if r else None,
            role_span=TextSpan.of(text, *r.role_span) if r and r.role_span else None,
            affiliation=r.affiliation if r else None,
            affiliation_span=TextSpan.of(text, *r.affiliation_span) if r and r.affiliation_span else None,
            gender=_gender(doc, c, persons, cfg.gender_window_sents),  # type: ignore[arg-type]
        ))
    ctx.stage_ents(ents)
    ctx.stage_attr("nl_entity_at", at)
    return out
