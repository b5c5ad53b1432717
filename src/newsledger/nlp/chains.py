"""Who is who in one article: person mentions grouped into chains, with gender where known.

A chain is one entity of the entities layer (its name mentions, full and partial, merged
across spellings by :mod:`newsledger.nlp.spelling`) plus what the article says about it. The
model is shared: the quotes layer resolves pronouns and descriptions through it, and any other
layer may ask ``chains_of(ctx)`` for the same per-document object (kept with the context, built
once).

Hard constraints it enforces for pronoun resolution (``candidates``):

- a name written inside quotation marks is the speaker's words, never an antecedent of the
  pronoun outside them ("‘With Putin in charge …,’ she said" is not Putin);
- gender agrees where it is known: from an honorific opening the name (Mr, Mrs, Ms), else
  what the article itself says (an honorific before a mention, "Mr Graham", or a pronoun bound
  to the name, "Graham tweeted he was …"; ``TEXT_GENDER_OVER_TABLE``), else the given name
  (``data/entities/given_names.tsv``), else the pronouns the entities layer counted after the
  name's mentions outside quotations;
- number: he/she never resolve to an organisation or a group;
- a name the NER typed otherwise is still a person's mention when an honorific opens it ("Ms
  Sandu" as an organisation) or when it is the surname of exactly one person of the article
  (``JOIN_MISTYPED_NAMES``): it joins that person's chain, or, with an honorific and no such
  person, makes a chain of its own with the honorific's gender.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Entity
from ..tables import Col, read_table
from .spelling import fold_diacritics, spelling_key

if TYPE_CHECKING:
    from .context import Context

GIVEN_NAMES_FILE = "entities/given_names.tsv"
GIVEN_NAME_COLUMNS = (Col("name"), Col("gender"))
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"})
#: Honorifics that only open a person's name (a subset of the two sets above: "king", "queen",
#: "lord" and the like also open the names of places and ships, "Queen Elizabeth Hospital").
NAME_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."})
#: A name mention the NER typed as an organisation or a place joins a person's chain (issue 17,
#: session 11: "Ms Sandu" typed ORG was no antecedent of "she"). A codebook rule: an honorific
#: opens only a person's name, and a surname the article gives one person is that person.
JOIN_MISTYPED_NAMES = True
#: The article's own evidence of a person's gender overrides the given-names table's usual
#: gender: an honorific before one of the name's mentions ("Mr Graham"), else the he/she
#: pronouns the entities layer counted after the name's mentions outside quotations (issue 17,
#: session 11: "Sen. Lindsey Graham … he said" was read as a woman from the table). The table
#: stays the default where the article says nothing.
TEXT_GENDER_OVER_TABLE = True
#: A given name is looked up with its diacritics folded too (:func:`is_given_name`).
GIVEN_NAMES_FOLDED = True


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (lower case, spelling key) -> "m" or "f"."""
    out: dict[str, str] = {}
    for r in read_table(GIVEN_NAMES_FILE, GIVEN_NAME_COLUMNS):
        out.setdefault(r["name"], r["gender"])
        out.setdefault(spelling_key(r["name"], w_as_v=False), r["gender"])
    return out


def is_given_name(word: str) -> bool:
    """The word is a given name of the table, as written or with its diacritics folded
    ("Radosław", "Władysław": the table spells them "radoslaw", "wladyslaw"). Issue 17,
    session 12: the NER repair and the quotes layer looked names up as written, so a Polish
    given name with a diacritic was no given name and its person stayed inside a body's name."""
    table = given_names()
    return word.lower() in table or (GIVEN_NAMES_FOLDED and fold_diacritics(word) in table)


def name_gender(name: str) -> str | None:
    """The usual gender of a full name's given name ("Olena Zelenska" -> "f"), or None."""
    words = [w.strip(".,") for w in name.split()]
    if len(words) < 2:
        return None
    low = words[0].lower()
    if low in MALE_HONORIFICS:
        return "m"
    if low in FEMALE_HONORIFICS:
        return "f"
    table = given_names()
    return table.get(low) or table.get(spelling_key(words[0], w_as_v=False))


def _honorific(name: str) -> bool:
    """The name opens with a gendered honorific ("Mr Smith"): its gender is the honorific's."""
    words = name.split()
    return len(words) > 1 and (words[0].lower() in MALE_HONORIFICS or words[0].lower() in FEMALE_HONORIFICS)


@dataclass
class Chain:
    entity: Entity
    gender: str | None = None
    heads: list[int] = field(default_factory=list)  # token index of each mention's last token
    quoted: list[bool] = field(default_factory=list)  # that mention is inside quotation marks


class Chains:
    """The article's person chains and the token -> chain map."""

    def __init__(self, ctx: Context, quoted: bytearray | None = None) -> None:
        self.by_entity: dict[str, Chain] = {}
        self.at: dict[int, Chain] = {}
        flags = quoted or bytearray(len(ctx.idx))
        ents = {e.id: e for e in ctx.required("entities")}
        for i, eid in sorted(ctx.entity_at.items()):
            e = ents.get(eid)
            if e is None or e.label != "PERSON":
                continue
            chain = self.by_entity.get(eid)
            if chain is None:
                chain = self.by_entity[eid] = Chain(e, name_gender(e.name))
            self.at[i] = chain
            if i + 1 not in ctx.entity_at or ctx.entity_at.get(i + 1) != eid:
                chain.heads.append(i)
                chain.quoted.append(bool(flags[i]) if i < len(flags) else False)
        if JOIN_MISTYPED_NAMES:
            self._join_mistyped(ctx, ents, flags)
        for chain in self.by_entity.values():
            # pronouns counted after a name the speaker said inside a quotation are the
            # reporter's words about the speaker: trusted only for names also written outside
            if TEXT_GENDER_OVER_TABLE and not _honorific(chain.entity.name):
                chain.gender = self._told_gender(ctx, chain) or chain.gender
            if chain.gender is None and not all(chain.quoted):
                chain.gender = chain.entity.gender
        self.quoted = flags

    def _join_mistyped(self, ctx: Context, ents: dict[str, Entity], flags: bytearray) -> None:
        surnames: dict[str, set[str]] = {}
        for eid, chain in self.by_entity.items():
            words = chain.entity.name.split()
            if len(words) > 1:
                surnames.setdefault(spelling_key(words[-1]), set()).add(eid)
        runs: dict[str, list[int]] = {}  # entity id -> its token indices, in order
        for i, eid in sorted(ctx.entity_at.items()):
            e = ents.get(eid)
            if e is not None and e.label != "PERSON":
                runs.setdefault(eid, []).append(i)
        for eid, toks in runs.items():
            words = ents[eid].name.split()
            honorific = len(words) == 2 and words[0].lower() in NAME_HONORIFICS
            if not (honorific or len(words) == 1) or not words[-1][:1].isupper():
                continue
            owners = surnames.get(spelling_key(words[-1]), set())
            if len(owners) == 1:
                chain = self.by_entity[next(iter(owners))]
            elif honorific and not owners:
                chain = self.by_entity.setdefault(eid, Chain(ents[eid], name_gender(ents[eid].name)))
            else:
                continue
            for i in toks:
                self.at[i] = chain
                if i + 1 not in ctx.entity_at or ctx.entity_at.get(i + 1) != eid:
                    chain.heads.append(i)
                    chain.quoted.append(bool(flags[i]) if i < len(flags) else False)
        for chain in self.by_entity.values():
            order = sorted(range(len(chain.heads)), key=chain.heads.__getitem__)
            chain.heads = [chain.heads[k] for k in order]
            chain.quoted = [chain.quoted[k] for k in order]

    def _told_gender(self, ctx: Context, chain: Chain) -> str | None:
        """The gender the article itself gives the person, outside quotation marks: an
        honorific written right before one of the name's mentions ("Mr Graham"), or a pronoun
        bound to the name, the subject of the clause that the name's own verb of saying or
        thinking takes with no other person between ("Graham tweeted he was tired …"). None
        when there is none, or when the evidence disagrees."""
        found: set[str] = set()
        for m in chain.entity.mentions:
            before = ctx.text[:m.span.start].rstrip().rsplit(None, 1)
            word = before[-1].lower() if before else ""
            if word in MALE_HONORIFICS:
                found.add("m")
            elif word in FEMALE_HONORIFICS:
                found.add("f")
        doc = ctx.doc
        for i, quoted in zip(chain.heads, chain.quoted, strict=True):
            head = doc[i]
            if quoted or head.dep_ != "nsubj":
                continue
            for clause in head.head.children:
                if clause.dep_ != "ccomp" or clause.i < head.head.i:
                    continue
                for subj in clause.children:
                    low = subj.lower_
                    if subj.dep_ == "nsubj" and low in ("he", "she") and subj.i > i and not any(
                            j in self.at or j in ctx.entity_at for j in range(i + 1, subj.i)):
                        found.add("m" if low == "he" else "f")
        return found.pop() if len(found) == 1 else None

    def gender(self, i: int) -> str | None:
        chain = self.at.get(i)
        return chain.gender if chain is not None else None

    def agrees(self, i: int, gender: str) -> bool:
        """The mention at token ``i`` may be referred to by a pronoun of ``gender``."""
        known = self.gender(i)
        return known is None or known == gender

    def inside_quote(self, i: int) -> bool:
        return 0 <= i < len(self.quoted) and bool(self.quoted[i])


_CACHE: weakref.WeakKeyDictionary[Context, Chains] = weakref.WeakKeyDictionary()


def chains_of(ctx: Context, quoted: bytearray | None = None) -> Chains:
    """The document's chains, built once per context (and again when quotation flags are
    given for the first time)."""
    found = _CACHE.get(ctx)
    if found is None or (quoted is not None and not any(found.quoted) and any(quoted)):
        found = Chains(ctx, quoted)
        _CACHE[ctx] = found
    return found
