"""Rank gazetteer candidates for the place mentions of one article.

Each candidate gets a log-linear score: name-match quality, population, feature-class prior,
the mention's qualifier ("Kursk region", "the city of Pokrovsk"), and the article's context:
countries and divisions it mentions (demonyms and the dateline included), the container
a mention names ("Pokrovsk in Donetsk province", "Alexandria, La."), and distance to the
other places resolved in the article. Mentions of one name share one reading ("one sense
per discourse"), split only by an explicit qualifier. Two passes: priors, then context.

The weights were set by hand on the seed article and on the first 100 LGL documents
(gold spans), then checked on the rest of LGL; see docs/places.md.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ...geo import Candidate, Gazetteer, norm
from .mentions import RawMention

#: Score per decade of population.
W_POP = 0.6
#: Name-match quality by alias kind: primary name, alternate, base name ("Kursk" for the
#: oblast), hand alias ("U.S.", "Ga.").
KIND_WEIGHT = {0: 0.0, 1: -1.0, 2: -1.5, 3: 0.5}
#: Feature priors: a name that is a country's means the country ("Ukraine", not the town in
#: Spain); first-level divisions are often named in news, second-level ones rarely bare.
FCODE_PRIOR = {"PCLI": 4.0, "ADM1": 1.5, "ADM2": 0.0, "PPLC": 2.5}
#: Total prior of a hand-written region (they carry no population): about a 1M town.
HAND_REGION_PRIOR = 6.0
#: A division that contains a town of the same name ("Kursk" oblast vs city) loses to the
#: town unless qualified.
SAME_NAME_DIVISION = -3.0
#: Qualifier mismatch ("Kursk region" -> not a town) and match at the preferred level.
QUALIFIER_MISMATCH = -6.0
#: ... and for a word also used loosely for the area around a town ("the Lancaster
#: district" in England is no US county; "Kursk region" still beats the city).
WEAK_QUALIFIER_MISMATCH = -3.0
QUALIFIER_LEVEL = 1.5
#: Context: country mentioned in the article, the article's main country, division named.
W_COUNTRY = 1.5
W_MAIN_COUNTRY = 1.0
W_ADMIN1 = 2.5
#: A division or country that contains other places the article names ("Georgia" and
#: "Atlanta"): the state, not the country.
W_HOLDS_OTHERS = 1.5
#: The mention's container ("X, Y" / "X in Y") contains the candidate.
W_CONTAINER = 4.0
#: Distance penalty per decade of km to the nearest other place resolved in the article.
W_DIST = 1.0
DIST_SCALE_KM = 50.0
#: Readings of two names that fit together before either is chosen: a division one name may
#: mean holds a town another may mean ("Walker County" and "Huntsville": Texas), or two towns
#: share a second-level division ("Richmond" and "Kew"). Looked for among each name's
#: COMPAT_TOP_K best readings by prior.
W_COMPATIBLE = 1.0
COMPAT_TOP_K = 10
#: Readings kept per name after the priors, and places used for spatial coherence: bounds
#: the work on a text that lists hundreds of ambiguous names (a reading 30th by prior has
#: never won on context in our checks).
MAX_SCORED = 30
MAX_POINTS = 100
#: Weight of a dateline place in the context (it says where the story happened).
DATELINE_WEIGHT = 2.0
#: Weight of a demonym ("Ukrainian forces") as evidence of a country in the context.
DEMONYM_WEIGHT = 0.5


@dataclass
class Group:
    key: str
    sense: str  # "admin", "settlement" or "bare"
    mentions: list[int] = field(default_factory=list)
    cands: dict[int, Candidate] = field(default_factory=dict)
    best: Candidate | None = None
    confidence: float = 0.0


@dataclass
class Context:
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    held: dict[int, float] = field(default_factory=lambda: defaultdict(float))  # divisions holding resolved places
    points: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, group

    def main_country(self) -> str | None:
        return max(self.countries, key=lambda k: self.countries[k]) if self.countries else None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _groups(mentions: list[RawMention], gaz: Gazetteer) -> tuple[list[Group], list[int]]:
    by_key: dict[tuple[str, str], Group] = {}
    of: list[tuple[str, str]] = []
    for i, m in enumerate(mentions):
        sense = "settlement" if m.settlement else "admin" if m.admin_level is not None else "bare"
        k = (norm(m.text), sense)
        of.append(k)
        by_key.setdefault(k, Group(k[0], sense)).mentions.append(i)
    for (key, sense), g in list(by_key.items()):
        if sense == "bare":  # bare mentions follow the name's qualified reading
            target = by_key.get((key, "settlement")) or by_key.get((key, "admin"))
            if target is not None:
                target.mentions.extend(g.mentions)
                del by_key[(key, sense)]
                of = [(key, target.sense) if o == (key, "bare") else o for o in of]
    groups = list(by_key.values())
    index = {(g.key, g.sense): n for n, g in enumerate(groups)}
    for g in groups:
        for i in g.mentions:
            m = mentions[i]
            for name in (m.full, m.text):
                for c in gaz.lookup(name) if name else []:
                    if c.gid not in g.cands or c.kind < g.cands[c.gid].kind:
                        g.cands[c.gid] = c
    return groups, [index[o] for o in of]


def _prior(c: Candidate, g: Group, mentions: list[RawMention], same_name_towns: set[int]) -> float:
    m = mentions[g.mentions[0]]
    if c.gid < 0:
        s = HAND_REGION_PRIOR + KIND_WEIGHT[3]
    else:
        s = KIND_WEIGHT.get(c.kind, 0.0) + W_POP * math.log10(c.pop + 1)
        s += FCODE_PRIOR.get(c.fcode, 0.0)
    if g.sense == "admin":
        if c.fclass == "P" or c.is_country:
            s += WEAK_QUALIFIER_MISMATCH if m.weak_qualifier else QUALIFIER_MISMATCH
        else:
            s -= KIND_WEIGHT.get(c.kind, 0.0)  # "Donetsk province": any name of the division
            if m.admin_level and c.admin_level == m.admin_level:
                s += QUALIFIER_LEVEL
    elif g.sense == "settlement":
        if c.fclass != "P":
            s += QUALIFIER_MISMATCH
    elif c.admin_level and c.gid in same_name_towns:
        s += SAME_NAME_DIVISION
    return s


def _contains(outer: Candidate, inner: Candidate) -> bool:
    if outer.gid == inner.gid:
        return False
    if outer.is_country:
        return inner.cc == outer.cc
    if outer.admin_level == 1:
        return inner.admin1 == outer.gid
    if outer.admin_level == 2:
        return inner.admin2 == outer.gid
    return False


def _context(groups: list[Group], mentions: list[RawMention], demonyms: Counter[str], skip: int) -> Context:
    ctx = Context()
    for cc, k in demonyms.items():
        ctx.countries[cc] += DEMONYM_WEIGHT * k
    for n, g in enumerate(groups):
        c = g.best
        if n == skip or c is None:
            continue
        w = DATELINE_WEIGHT if any(mentions[i].dateline for i in g.mentions) else 1.0
        if c.cc:
            ctx.countries[c.cc] += w if c.is_country or c.admin_level == 1 else w / 2
        if c.admin_level == 1:
            ctx.admin1s[c.gid] += w
        elif c.admin_level == 2 and c.admin1:
            ctx.admin1s[c.admin1] += w
        if c.lat is not None and c.lon is not None and not c.is_country:
            if len(ctx.points) < MAX_POINTS:
                ctx.points.append((c.lat, c.lon, n))
            for a in (c.admin1, c.admin2):
                if a is not None and a != c.gid:
                    ctx.held[a] += 1
    return ctx


def _score(c: Candidate, prior: float, ctx: Context, containers: list[Candidate],
           contained: list[Candidate]) -> float:
    s = prior
    if c.cc and ctx.countries.get(c.cc, 0) > 0:
        s += W_COUNTRY * min(1.0, ctx.countries[c.cc])
        if c.cc == ctx.main_country():
            s += W_MAIN_COUNTRY
    if c.admin1 is not None and c.admin1 != c.gid and ctx.admin1s.get(c.admin1, 0) > 0:
        s += W_ADMIN1
    if any(_contains(k, c) for k in containers) or any(_contains(c, k) for k in contained):
        s += W_CONTAINER
    if c.admin_level and ctx.held.get(c.gid, 0) > 0:
        s += W_HOLDS_OTHERS
    # a country is far only when it holds none of the other places
    if ctx.points and c.lat is not None and c.lon is not None and (
            not c.is_country or ctx.countries.get(c.cc or "", 0) == 0):
        d = min(km(c.lat, c.lon, la, lo) for la, lo, _ in ctx.points)
        s -= W_DIST * math.log10(1 + d / DIST_SCALE_KM)
    return s


def _pick(g: Group, scores: dict[int, float]) -> None:
    if not scores:
        g.best, g.confidence = None, 0.0
        return
    top = max(scores.values())
    z = sum(math.exp(v - top) for v in scores.values())
    best = max(scores, key=lambda gid: scores[gid])
    g.best, g.confidence = g.cands[best], round(1.0 / z, 3)


def _demonym_country(text: str, gaz: Gazetteer, table: dict[str, str]) -> Candidate | None:
    """"Sudanese", "Palestinians": the country, when a gold span or entity is a demonym."""
    cc = table.get(text) or (table.get(text[:-1]) if text.endswith("s") else None)
    return gaz.country(cc) if cc else None


def _compatibility(groups: list[Group], priors: list[dict[int, float]]) -> list[dict[int, float]]:
    """Per group, a bonus for readings that fit some reading of another name."""
    sets: list[tuple[set[int], set[int], set[int]]] = []
    holders_n: Counter[int] = Counter()
    divisions_n: Counter[int] = Counter()
    adm2_n: Counter[int] = Counter()
    for n, g in enumerate(groups):
        prior = priors[n]
        top = sorted(g.cands.values(), key=lambda c: -prior[c.gid])[:COMPAT_TOP_K]
        holders = {a for c in top for a in (c.admin1, c.admin2) if a is not None and a != c.gid}
        divisions = {c.gid for c in top if c.admin_level}
        adm2 = {c.admin2 for c in top if c.fclass == "P" and c.admin2 is not None}
        sets.append((holders, divisions, adm2))
        holders_n.update(holders)
        divisions_n.update(divisions)
        adm2_n.update(adm2)
    out = []
    for n, g in enumerate(groups):
        holders, divisions, adm2 = sets[n]
        bonus: dict[int, float] = {}
        for c in g.cands.values():
            b = 0.0
            holds = bool(c.admin_level) and holders_n[c.gid] - (c.gid in holders) > 0
            held = any(a is not None and a != c.gid and divisions_n[a] - (a in divisions) > 0
                       for a in (c.admin1, c.admin2))
            if holds or held:
                b += W_COMPATIBLE
            if c.fclass == "P" and c.admin2 is not None and adm2_n[c.admin2] - (c.admin2 in adm2) > 0:
                b += W_COMPATIBLE
            bonus[c.gid] = b
        out.append(bonus)
    return out


def resolve(mentions: list[RawMention], gaz: Gazetteer, demonyms: Counter[str],
            demonym_table: dict[str, str] | None = None) -> list[tuple[Candidate | None, float]]:
    """The chosen candidate (None when the name is unknown) and a confidence per mention."""
    groups, group_of = _groups(mentions, gaz)
    for g in groups:
        c = _demonym_country(mentions[g.mentions[0]].text, gaz, demonym_table) if demonym_table else None
        if c is not None:  # "Canadian" is the country, not Canadian, Texas
            g.cands = {c.gid: dataclasses.replace(c, kind=3)}
    priors: list[dict[int, float]] = []
    for g in groups:
        towns = {c.gid for c in g.cands.values() if c.fclass == "P"}
        same = {a.gid for a in g.cands.values() if a.admin_level
                and any(_contains(a, g.cands[t]) for t in towns)}
        priors.append({gid: _prior(c, g, mentions, same) for gid, c in g.cands.items()})
    for n, bonus in enumerate(_compatibility(groups, priors)):
        for gid, b in bonus.items():
            priors[n][gid] += b
        g = groups[n]
        if len(g.cands) > MAX_SCORED:
            prior = priors[n]
            keep = sorted(g.cands, key=lambda gid: -prior[gid])[:MAX_SCORED]
            g.cands = {gid: g.cands[gid] for gid in keep}
        _pick(g, priors[n])
    for _ in range(2):
        for n, g in enumerate(groups):
            ctx = _context(groups, mentions, demonyms, skip=n)
            conts = [b for b in (groups[group_of[k]].best for k in
                                 (mentions[i].container for i in g.mentions) if k is not None) if b is not None]
            inner = [b for b in (groups[group_of[j]].best for j, mj in enumerate(mentions)
                                 if mj.container in g.mentions) if b is not None]
            _pick(g, {gid: _score(c, priors[n][gid], ctx, conts, inner) for gid, c in g.cands.items()})
    by_group: dict[int, tuple[Candidate | None, float]] = defaultdict(lambda: (None, 0.0))
    for n, g in enumerate(groups):
        by_group[n] = (g.best, g.confidence)
    return [by_group[group_of[i]] for i in range(len(mentions))]
