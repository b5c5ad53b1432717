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
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from ...geo import Candidate, Gazetteer, norm
from ...geo.build import HAND, VARIANT
from ...geo.distance import km
from ...geo.gazetteer import SITE
from ..frequency import zipf
from .lexicon import lexicon
from .mentions import RawMention
from .ranker import COMMON_BASE_ZIPF, PROMINENT_POP, Weights, weights

#: Distance feature: decades of (1 + km / DIST_SCALE_KM) to the nearest other place resolved
#: in the article (50 km: a town's surroundings cost nothing).
DIST_SCALE_KM = 50.0
#: Readings of two names that fit together before either is chosen: a division one name may
#: mean holds a town another may mean ("Walker County" and "Huntsville": Texas), or two towns
#: share a second-level division ("Richmond" and "Kew"). Looked for among each name's
#: COMPAT_TOP_K best readings by prior.
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
#: Default of ``PlacesConfig.abstain_p``: the share of the "no match" option from which a
#: name is left unresolved (see :mod:`.config` for how it was chosen).
ABSTAIN_P = 0.95
#: A reading counts as right within this distance of the truth (the 161 km, 100 miles, of
#: acc@161, by which the ranker's weights are fitted: every reading that near the gold point is
#: a right one). The winner's confidence is the share of the readings this near it, as the
#: chance that the truth lies this near it: "Kyiv" the capital and the city with special status,
#: an oblast and its same-named capital, share their mass rather than split it.
CONFIDENCE_KM = 161.0
#: The form of a demonym or adjective of place the table may lack: "Zimbabwean", "Omani",
#: "Japanese", "Europeans" (its stem is tried as a country or continent).
DEMONYM_FORM = re.compile(r"[A-Z][a-z]{2,}(?:an|ian|ean|ese|i)s?")
#: A capital, or a town of FAMOUS_POP or more, is not pulled to a namesake NAMESAKE_RATIO
#: times smaller by the article's country alone (the issue's "Warsaw" case; 1M and 100 keep
#: Dublin, Ohio (45k) a reading when the text names Columbus, Ohio).
FAMOUS_POP = 1_000_000
NAMESAKE_RATIO = 100
#: Longest facility or institution name searched for a place inside it (longer spans are
#: rarely one name).
MAX_INNER_WORDS = 6
#: A facility or street the gazetteer lacks ("Whole Foods", "Third Street", "the Ramor
#: Theatre") is placed at one of the places the article names, its "site" readings. At most
#: MAX_SITES of them, nearest in the text first; the gap feature counts in SITE_GAP_CHARS
#: (about a paragraph), so a place named in the same paragraph costs little.
MAX_SITES = 8
SITE_GAP_CHARS = 500.0
#: Shortest place-adjective read as the place it names before a landform word ("Crimean
#: Peninsula"): a stem of three letters or fewer is more often a small town's name than a
#: region's (set by hand, not tuned).
MIN_PLACE_ADJECTIVE = 5
#: An initialism written with full stops ("U.S.", "N.Y."): name folding drops the stops, so
#: an organisation's initials matched the village of two letters whose own name they spell;
#: such initials keep only prominent readings (a country, a state by its hand alias, a capital
#: or large town: "D.C.", "L.A."), as a common word does.
INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")
#: An abbreviation written in capitals without stops ("SOS", "NHS"): letters that spell a
#: town's own name folded ("Sos", "Us") or one of its many short alternate names in GeoNames
#: ("KL" is an alternate of a Kellogg, "STL" of a Settle) name an organisation or facility, not
#: the town. Such a name keeps a town reading only by its hand alias or when the town is
#: famous (FAMOUS_POP: "LA", "NYC", "RIO" are the cities' abbreviations), unless it is the
#: dateline ("CAIRO (Reuters) -"), where towns are written in capitals. Up to
#: ACRONYM_MAX_LETTERS letters: longer capitals are more often a town's name in a headline.
ACRONYM_MAX_LETTERS = 5
ACRONYM = re.compile(rf"[A-Z]{{2,{ACRONYM_MAX_LETTERS}}}")
#: An eponym: a name modifying the noun of an indefinite article ("a <surname> gaffe", "a
#: <statesman> moment") is a town's name as often in local news ("a <town> man"), where the
#: town is in the country of the story's other places and near them. A small town of the
#: name in no country the article names and farther than EPONYM_FAR_KM from every other
#: place it names (or with none to be near) is no reading of such a name (a prominent one
#: still is). 1,000 km: wider than the towns a local story names together (a
#: state and its neighbours), far less than the ocean between a small American town and a
#: European war; not fitted (the gold corpora have few such forms).
EPONYM_FAR_KM = 1000.0
#: Number of other places named from which a name far from all of them counts fully against
#: it (the ``isolated`` feature of "no match"; fewer count in proportion).
ISOLATED_PLACES = 5


@dataclass
class Group:
    key: str
    sense: str  # "admin", "settlement" or "bare"
    mentions: list[int] = field(default_factory=list)
    cands: dict[int, Candidate] = field(default_factory=dict)
    best: Candidate | None = None
    confidence: float = 0.0
    inner: bool = False  # readings of a place inside the name ("Liverpool Academy")
    site: bool = False  # no reading of its own: also placed at a place the article names
    own: dict[int, Candidate] = field(default_factory=dict)  # readings before the site readings
    compass: bool = False  # readings of the name without its leading compass word ("South Florida")


@dataclass
class Context:
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    held: dict[int, float] = field(default_factory=lambda: defaultdict(float))  # divisions holding resolved places
    n_admin1: int = 0  # other names read as first-level divisions
    points: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, group
    n_countries: int = 0  # other names read as countries

    def main_country(self) -> str | None:
        return max(self.countries, key=lambda k: self.countries[k]) if self.countries else None


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
        if INITIALISM.fullmatch(mentions[g.mentions[0]].text):
            # "U.S.", "D.C.", "L.A.": a country, a state, a famous city; never the village whose
            # own name is the letters ("Us", "Eu")
            g.cands = {gid: c for gid, c in g.cands.items() if _prominent(c)}
            continue  # (no site, inner or variant reading either: initials name no facility)
        if ACRONYM.fullmatch(mentions[g.mentions[0]].text) and not any(mentions[i].dateline for i in g.mentions):
            g.cands = {gid: c for gid, c in g.cands.items() if c.fclass != "P" or c.kind == HAND or c.pop >= FAMOUS_POP}
        if not g.cands:  # a village in another transliteration ("Nowefedorowka")
            for name in (mentions[g.mentions[0]].text,):
                for c in gaz.lookup_variant(name):
                    g.cands.setdefault(c.gid, c)
        landform = _landform_region(mentions[g.mentions[0]].text, gaz)
        if not g.cands and landform is not None:
            # "the Crimean Peninsula": a landform or water body is no facility or street, so no
            # site at a town the article names; the region its place-adjective names, if any
            g.cands = {c.gid: c for c in landform}
            continue
        if not g.cands and _compound_of_regions(mentions[g.mentions[0]].text, gaz):
            continue  # "Asia-Pacific", "Austria-Hungary": an area spanning them, no facility's name
        if not g.cands:
            g.site = True
            trailing = _trailing_place(mentions[g.mentions[0]].text, gaz)
            g.inner = not trailing  # where the name says it is is no guess from its name
            for c in trailing or _inner_place(mentions[g.mentions[0]].text, gaz):
                g.cands.setdefault(c.gid, c)
        if not g.cands:  # "South Florida": a part of Florida (also a site, if one fits better)
            g.inner = False
            for c in _compass_part(mentions[g.mentions[0]].text, gaz):
                g.compass = True
                g.cands.setdefault(c.gid, c)
        if g.sense == "settlement" and not g.site and any(c.fclass == "P" for c in g.cands.values()):
            # "the city of X", "the Russian-held town of X": the text says X is a settlement, so
            # a division of the name is no reading, however many of the article's places it holds
            # (the ranker's `holds_others` outweighed `settlement_mismatch` for an oblast named
            # after its capital)
            g.cands = {gid: c for gid, c in g.cands.items() if c.fclass == "P"}
    group_of = [index[o] for o in of]
    for i, m in enumerate(mentions):
        if m.within is not None:  # "X, the city of Y": Y's readings that lie in one of X's, or none
            g, outer = groups[group_of[i]], groups[group_of[m.within]]
            if outer.cands and g is not outer:
                g.cands = {gid: c for gid, c in g.cands.items()
                           if any(_contains(o, c) for o in outer.cands.values())}
    return groups, group_of


#: Kinds of cue words that make a name an organisation's or facility's, not a place's.
_NAME_WORDS = ("facility_word", "org_head", "jurisdiction_word")


def _trailing_place(text: str, gaz: Gazetteer) -> list[Candidate]:
    """A place named after a facility word says where the facility is, as a container would
    ("Robinson College Cambridge" is "Robinson College, Cambridge"; "Imperial College
    London"): that place's readings, as the name's own."""
    words = text.split()
    if len(words) < 3 or len(words) > MAX_INNER_WORDS:
        return []
    lex = lexicon()
    for i in range(1, len(words) - 1):
        if any(lex.has(kind, words[i].casefold()) for kind in ("facility_word", "org_head")) \
                and words[i + 1][:1].isupper() and not any(
                    lex.has(kind, w.casefold()) for w in words[i + 1:] for kind in _NAME_WORDS) \
                and (found := gaz.lookup(" ".join(words[i + 1:]))):
            return [c for c in found if c.kind != 2]
    return []


def _region_run(words: list[str], gaz: Gazetteer) -> int:
    """How many leading words name a country, a continent or a hand-written region (a sea, an
    ocean) by its own name or a hand alias; 0 if none."""
    for n in range(len(words), 0, -1):
        if any(c.kind in (0, HAND) and (c.is_country or c.gid < 0) for c in gaz.lookup(" ".join(words[:n]))):
            return n
    return 0


def _compound_of_regions(text: str, gaz: Gazetteer) -> bool:
    """A name the gazetteer lacks made of two or more names of countries, continents or seas and
    oceans, with at most a division word after them ("Asia-Pacific region", "Austria-Hungary"):
    an area spanning them or a union of them, which no point of one of them, and no town the
    article names (a facility's site), stands for. Left unresolved."""
    words = text.replace("-", " ").split()
    if words and words[-1].casefold() in lexicon().division:
        words = words[:-1]
    runs = 0
    while words:
        n = _region_run(words, gaz)
        if not n:
            return False
        words, runs = words[n:], runs + 1
    return runs >= 2


def _inner_place(text: str, gaz: Gazetteer) -> list[Candidate]:
    """The place a facility or institution the gazetteer lacks is named after, as where it is:
    the longest leading run of its words that is a place ("Liverpool Academy", "Walker County
    Sheriff's Office"), else the place after "of" ("Bank of England")."""
    words = text.split()
    if len(words) < 2 or len(words) > MAX_INNER_WORDS:
        return []
    lex = lexicon()
    # "<organisation head> of X" ("Bank of Japan", "University of Glasgow") names its head first
    head_of = words[1] == "of" and lex.has("org_head", words[0].casefold())
    if not head_of and not any(lex.has(kind, w.rstrip("'’s").casefold()) for w in words[1:]
                               for kind in ("facility_word", "jurisdiction_word", "org_head")):
        return []  # "Eastern Europe", "Nord Stream 2", a person's name: no facility
    for n in range(0 if head_of else len(words) - 1, 0, -1):
        if words[n - 1][:1].isupper() and not lex.has("compass", words[0].casefold()) \
                and (found := gaz.lookup(" ".join(words[:n]))):
            return [c for c in found if c.kind != 2 or n > 1]  # not "Central" for "Central Region"
    if " of " in text:
        return gaz.lookup(text.rsplit(" of ", 1)[1])
    return []


def _compass_part(text: str, gaz: Gazetteer) -> list[Candidate]:
    """A name the gazetteer lacks that is a compass word and a country or first-level
    division ("South Florida", "northern Syria"): that place's readings, as a part of it (the
    ranker's ``compass_part`` says how often its point is near enough). Not a continent or
    hand-written region: "Eastern Europe" is no pin at Europe's centre (read on war coverage,
    where it was then shown at Europe)."""
    words = text.split()
    if len(words) < 2 or not lexicon().has("compass", words[0]):
        return []
    return [c for c in gaz.lookup(" ".join(words[1:])) if c.gid > 0 and (c.is_country or c.admin_level == 1)]


def _landform_region(text: str, gaz: Gazetteer) -> list[Candidate] | None:
    """A landform or water body ``landform_word`` named by a place-adjective ("the Crimean
    Peninsula": "Crimean" of Crimea, the adjective ending "-n"; "Anatolian" of Anatolia) lies
    in the region the adjective names: that place's readings that are regions (a first-level
    division or a hand-written land region), else none; never a site at a town the article
    names (a landform is no facility). None (no such name: the usual readings) when the head
    is no landform word or the first word names no place ("Nile Delta" keeps its site
    reading at a town on the Nile the article names, right on the tune part of GeoWebNews)."""
    words = text.split()
    if len(words) != 2 or not lexicon().has("landform_word", words[-1]):
        return None
    adjective = words[0]
    if not adjective.endswith("an") or len(adjective) < MIN_PLACE_ADJECTIVE:
        return None
    named = gaz.lookup(adjective[:-1])
    if not named:
        return None
    return [c for c in named if c.admin_level == 1 or (c.gid < 0 and c.fclass in ("L", "T") and c.fcode != "CONT")]


def _prominent(c: Candidate) -> bool:
    """A reading a common word may mean without a place cue: a country, a hand-written region
    or alias, a first-level division by its own name, a capital or a large town."""
    return c.is_country or c.gid < 0 or c.kind == 3 or (c.admin_level == 1 and c.kind == 0) \
        or (c.fclass == "P" and (c.fcode == "PPLC" or c.pop >= PROMINENT_POP))


def _written_as_no_town(m: RawMention, is_common: Callable[..., bool] | None) -> bool:
    """A mention written as no town's name is (``mentions.modifier_form``): a name with its
    own article, or an adjective here that is one alone too (ranker.CommonWords.adjective, when
    the guard is given: the tagger calls some towns' names adjectives in a sentence)."""
    if m.modifier_form == "adjective":
        adjective = getattr(is_common, "adjective", None)
        return adjective is None or bool(adjective(m.text))
    return m.modifier_form == "article"


def _has_cue(g: Group, mentions: list[RawMention], contained: set[int], strong: bool = False) -> bool:
    """A place cue for the name: a division or settlement word, a container ("X, Y", "X in
    Y") either way, a list with other places, the dateline, and (unless ``strong``) a locative
    preposition. A bare preposition is weak evidence: a name written as no town is ("in the
    Caspian") takes it as a town's does."""
    return any((m.qualifier not in (None, "demonym", "organisation")) or m.container is not None
               or m.listed_with is not None
               or i in contained or (m.locative and not strong) or m.dateline
               for i, m in ((i, mentions[i]) for i in g.mentions))


def _base_features(c: Candidate, g: Group, m: RawMention, same_name_towns: set[int], rank: int,
                   common: float, compat: float, uses: frozenset[str] = frozenset()) -> dict[str, float]:
    """The features of a reading that do not depend on the other names' readings. ``uses``:
    how the name's mentions are used ("dateline", "metonymic")."""
    x: dict[str, float] = {"compatible": compat, "pop_rank": math.log2(1 + rank)}
    if g.inner:
        x["inner_name"] = 1.0
    if g.compass:
        x["compass_part"] = 1.0
    if "dateline" in uses and c.fclass == "P":
        x["dateline_town"] = 1.0  # a dateline names a city ("WASHINGTON —": not the state)
    if "metonymic" in uses and (c.fcode == "PPLC" or c.is_country):
        x["metonymic_seat"] = 1.0  # "Washington said": the seat of a government
    if c.gid < 0:
        x["region"] = 1.0
    elif c.kind == 3:
        x["alias"] = 1.0
    elif c.kind == 1:
        x["kind_alternate"] = 1.0
    elif c.kind == 2:
        x["kind_base"] = 1.0
    elif c.kind == VARIANT:
        x["variant"] = 1.0
    # a sovereign state is known beyond its size: a microstate ("Vatican", 921 people; Monaco)
    # counts as prominent as a famous town (GeoVirus tune +3 names, the Vatican; checked on
    # the check parts: GeoWebNews +1, no other change; 0.3M and 3M gave the same)
    pop = max(c.pop, FAMOUS_POP) if c.is_country else c.pop
    x["log_pop"] = math.log10(pop + 1) if c.gid > 0 else 0.0
    if c.is_country:
        x["country"] = 1.0
    elif c.admin_level == 1:
        x["adm1"] = 1.0
    elif c.admin_level == 2:
        x["adm2"] = 1.0
    if c.fcode == "PPLC":
        x["capital"] = 1.0
    elif c.fcode in ("PPLA", "PPLA2"):
        x["seat"] = 1.0
    if g.sense == "admin":
        if c.fclass == "P" or c.is_country:
            x["weak_qual_mismatch" if m.weak_qualifier else "qual_mismatch"] = 1.0
        elif m.admin_level and c.admin_level == m.admin_level:
            x["qual_level"] = 1.0
        if c.kind in (1, 2) and not (c.fclass == "P" or c.is_country):
            x.pop("kind_alternate", None)  # "Donetsk province": any name of the division
            x.pop("kind_base", None)
    elif g.sense == "settlement":
        if c.fclass != "P":
            x["settlement_mismatch"] = 1.0
    elif c.admin_level and c.gid in same_name_towns:
        x["same_name_division"] = 1.0
    elif c.fclass == "P" and c.gid in same_name_towns:
        # the town a same-named division holds ("New York": the city, though GeoNames calls
        # it "New York City") is the name's own reading, however GeoNames spells it
        x.pop("kind_alternate", None)
    if common > 0 and not _prominent(c):
        x["common_small"] = common
    if m.locative and c.fclass == "P":
        x["locative_town"] = 1.0
    return x


def _named(g: Group, mentions: list[RawMention]) -> bool:
    """Whether a name is written as one (a capital letter): "the economy" is no place to
    take as context, whatever the gazetteer holds (gold spans of GeoWebNews include such)."""
    return any(ch.isupper() for ch in mentions[g.mentions[0]].text)


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


def _context(groups: list[Group], mentions: list[RawMention], demonyms: Counter[str], skip: int,
             same: set[int], dated: list[bool] | None = None) -> Context:
    """The other names' readings as context of name ``skip``; names that share a reading with
    it (``same``: "Malta" and "Central Bank of Malta") are no evidence for their own readings.
    ``dated[n]``: group ``n`` has a mention in a dateline (computed once per document by the
    caller; else here, per group)."""
    ctx = Context()
    for cc, k in demonyms.items():
        ctx.countries[cc] += DEMONYM_WEIGHT * k
    for n, g in enumerate(groups):
        c = g.best
        if n == skip or c is None or n in same or c.is_site or not _named(g, mentions):
            continue
        is_dated = dated[n] if dated is not None else any(mentions[i].dateline for i in g.mentions)
        w = DATELINE_WEIGHT if is_dated else 1.0
        if c.cc:
            ctx.countries[c.cc] += w if c.is_country or c.admin_level == 1 else w / 2
        ctx.n_countries += c.is_country or c.fcode == "PPLC"  # a capital names its country
        ctx.n_admin1 += c.admin_level == 1
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


def _expanse(c: Candidate) -> bool:
    """A hand-written water body (ocean, sea, gulf, strait, lake) or continent: a point
    thousands of kilometres from anything a story names near it."""
    return c.gid < 0 and (c.fclass == "H" or c.fcode == "CONT")


def _context_features(c: Candidate, x: dict[str, float], ctx: Context, containers: list[Candidate],
                      contained: list[Candidate]) -> dict[str, float]:
    x = dict(x)
    if c.cc and ctx.countries.get(c.cc, 0) > 0:
        x["ctx_country"] = min(1.0, ctx.countries[c.cc])
        if c.cc == ctx.main_country():
            x["main_country"] = 1.0
    if c.admin1 is not None and c.admin1 != c.gid and ctx.admin1s.get(c.admin1, 0) > 0:
        x["ctx_admin1"] = 1.0
    if any(_contains(k, c) for k in containers) or any(_contains(c, k) for k in contained):
        x["container"] = 1.0
    if c.admin_level and ctx.held.get(c.gid, 0) > 0 and not x.get("same_name_division"):
        # (a division holding a town of its own name: the others it holds are evidence for
        # the town as much, through ctx_admin1: "Lviv" and "Brody" name the city)
        x["holds_others"] = 1.0
    if not c.is_country and c.admin_level != 1 and c.admin1 is not None and ctx.held.get(c.admin1, 0) > 0:
        # a town or county in the first-level division of other places the article names
        # (local news names the towns around a story, seldom their state)
        x["shares_admin1"] = 1.0
    if c.is_country and ctx.n_countries >= 2:
        x["among_countries"] = 1.0
    if c.admin_level == 1 and ctx.n_admin1 >= 2:
        x["among_admin1"] = 1.0
    if c.fcode == "PPLC" and ctx.n_countries >= 2:
        x["capital_among_countries"] = 1.0
    # a country is far only when it holds none of the other places; an ocean, sea or
    # continent is never far: its centre point is no place the story's events are near
    if ctx.points and c.lat is not None and c.lon is not None and not _expanse(c) and (
            not c.is_country or ctx.countries.get(c.cc or "", 0) == 0):
        d = min(km(c.lat, c.lon, la, lo) for la, lo, _ in ctx.points)
        x["log_dist"] = math.log10(1 + d / DIST_SCALE_KM)
    return x


def _relative_distance(feats: dict[int, dict[str, float]], own: list[int], n_places: int) -> float:
    """Distance counts against a reading as against the name's nearest reading: it tells
    which reading is meant. How far the nearest reading is goes to the "no match" option
    (``isolated``), in proportion to how many places the article names up to
    ISOLATED_PLACES: far from the many places of a local story is evidence against the name;
    two far-apart places in a two-sentence text are none. The nearest is taken among ``own``,
    the name's own readings that may win (not a hamlet namesake that context without capture
    rules out: "Russia" is not far because a Russia in Ohio is near).
    """
    if not own:
        return 0.0
    near = min(feats[gid].get("log_dist", 0.0) for gid in own)
    if near > 0:
        for x in feats.values():
            if "log_dist" in x:
                x["log_dist"] -= near
    return near * min(1.0, n_places / ISOLATED_PLACES)


def _uncaptured(g: Group, feats: dict[int, dict[str, float]]) -> dict[int, dict[str, float]]:
    """Context without capture: a small namesake of a capital or large city ("Warsaw",
    Indiana) stays a reading only with evidence of its own (a container, its state named,
    a neighbour named), not for the country prior alone. When the article also names the
    famous city's own country (not the namesake's), only a container will do: "in London" in a
    story naming Kentucky and Britain is the capital, not the Kentucky town."""
    famous_gids = [gid for gid, c in g.cands.items()
                   if not c.is_site and (c.fcode == "PPLC" or c.pop >= FAMOUS_POP)]
    if not famous_gids:
        return feats
    famous = max(g.cands[gid].pop for gid in famous_gids)
    named = {g.cands[gid].cc for gid in famous_gids if feats.get(gid, {}).get("ctx_country")}

    def own_evidence(c: Candidate, x: dict[str, float]) -> bool:
        # (a famous city of the namesake's own country named says nothing between them:
        # Manhattan, Kansas, in a Kansas story)
        return bool(x.get("container") or (not (named - {c.cc}) and (x.get("ctx_admin1") or x.get("compatible"))))

    return {gid: x for gid, x in feats.items()
            if g.cands[gid].is_site or not (g.cands[gid].fclass == "P" and g.cands[gid].pop * NAMESAKE_RATIO < famous
                                            and not own_evidence(g.cands[gid], x))}


def _near(a: Candidate, b: Candidate) -> bool:
    """Whether two readings lie within ``CONFIDENCE_KM`` of each other (both with a point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= CONFIDENCE_KM


def _pick(g: Group, scores: dict[int, float], null: float, abstain_p: float) -> None:
    """The likeliest reading and, as its confidence, the softmax share of the readings within
    ``CONFIDENCE_KM`` of it (itself included) against all readings and "no match" (None when
    "no match" has a share of ``abstain_p`` or more)."""
    if not scores:
        g.best, g.confidence = None, 0.0
        return
    best = max(scores, key=lambda gid: scores[gid])
    top = max(scores[best], null)
    z = sum(math.exp(v - top) for v in scores.values()) + math.exp(null - top)
    p = sum(math.exp(v - top) for gid, v in scores.items() if gid == best or _near(g.cands[best], g.cands[gid])) / z
    if math.exp(null - top) / z >= abstain_p:
        g.best, g.confidence = None, 0.0
    else:
        g.best, g.confidence = g.cands[best], round(p, 3)


def _null_features(g: Group, mentions: list[RawMention], common: float, cue: bool) -> dict[str, float]:
    m = mentions[g.mentions[0]]
    z = {"bias": 1.0, "log_candidates": math.log2(1 + len(g.cands)), "common_word": common,
         "cue": float(cue)}
    if not cue:
        z["common_no_cue"] = common
    if m.text.isupper() and len(m.text) > 1:
        z["acronym"] = 1.0
    if g.site:
        z["site"] = 1.0
    return z


def _site_readings(n: int, groups: list[Group], mentions: list[RawMention],
                   group_of: list[int], main: str | None = None) -> dict[int, tuple[Candidate, dict[str, float]]]:
    """Where a facility or street the gazetteer lacks may be: each place (not a country,
    continent or water body) the article names, with how near in the text, whether named
    before it, how often, and whether as its container ("Whole Foods in Manassas")."""
    g = groups[n]
    starts = [mentions[i].start for i in g.mentions]
    labels = {mentions[i].label for i in g.mentions}
    named_as = {"site_gpe": float("GPE" in labels), "site_loc": float("LOC" in labels)}
    holders = {group_of[c] for c in (mentions[i].container for i in g.mentions) if c is not None}
    found: list[tuple[float, int, Candidate, dict[str, float]]] = []
    for k, h in enumerate(groups):
        c = h.best
        if k == n or h.site or c is None or not _named(h, mentions) or c.fclass == "H" \
                or c.fcode in ("CONT", "ZN") or c.lat is None:
            continue
        gap, after = min((abs(mentions[j].start - p), mentions[j].start > p)
                         for j in h.mentions for p in starts)
        x = {"site": 1.0, "site_town": float(c.fclass == "P"),
             "site_gap": math.log10(1 + gap / SITE_GAP_CHARS), "site_after": float(after),
             "site_mentions": math.log2(1 + len(h.mentions)), "site_container": float(k in holders),
             "site_country": float(c.is_country), "site_main": float(c.cc is not None and c.cc == main),
             "site_log_pop": math.log10(1 + c.pop) if c.fclass == "P" else 0.0, **named_as}
        found.append((gap, c.gid, dataclasses.replace(c, kind=SITE), x))
    found.sort(key=lambda f: f[0])
    return {gid: (c, x) for _, gid, c, x in found[:MAX_SITES]}


def _one_place_per_name(groups: list[Group]) -> None:
    """A division that is also a city of the same name ("Kyiv", the city with special status,
    and Kyiv the capital; Berlin; Sevastopol) is one place in an article: a name read as the
    division, without a division word, takes the town another name was read as."""
    towns = {norm(g.best.name): g.best for g in groups
             if g.best is not None and g.best.fclass == "P" and not g.best.is_site}
    for g in groups:
        b = g.best
        if b is not None and b.admin_level and g.sense != "admin":
            town = towns.get(norm(b.name))
            if town is not None and _contains(b, town):
                g.best = town


def _same_readings(groups: list[Group]) -> list[set[int]]:
    """Per name, the other names that share one of its readings ("Malta", "Bank of Malta")."""
    by_gid: dict[int, set[int]] = defaultdict(set)
    for n, g in enumerate(groups):
        for gid in g.cands:
            by_gid[gid].add(n)
    out: list[set[int]] = [set() for _ in groups]
    for ns in by_gid.values():
        if len(ns) > 1:
            for n in ns:
                out[n] |= ns - {n}
    return out


_V = TypeVar("_V")


def _by_demonym(table: Mapping[str, _V], text: str) -> _V | None:
    """The row of a demonym, or of its plural's singular ("Palestinians", "Texans")."""
    return table.get(text) or (table.get(text[:-1]) if text.endswith("s") else None)


def _division_of_demonym(text: str, gaz: Gazetteer) -> Candidate | None:
    """"English", "Scottish", "Texans": the first-level division a demonym of
    ``division_demonyms.tsv`` names (England, not the United Kingdom; Texas, not the US)."""
    table = lexicon().division_demonyms
    row = _by_demonym(table, text)
    if row is None:
        return None
    name, cc = row
    return next((c for c in gaz.lookup(name) if c.admin_level == 1 and c.kind == 0 and c.cc == cc), None)


def _demonym_country(text: str, gaz: Gazetteer, table: dict[str, str]) -> Candidate | None:
    """"Sudanese", "Palestinians": the country, when a gold span or entity is a demonym; for
    one the table lacks, the country or continent its stem names ("Zimbabwean", "Omani",
    "African"). A demonym of a first-level division is that division ("Scottish": Scotland)."""
    division = _division_of_demonym(text, gaz)
    if division is not None:
        return division
    cc = _by_demonym(table, text)
    if cc:
        return gaz.country(cc)
    if not DEMONYM_FORM.fullmatch(text):
        return None
    word = text[:-1] if text.endswith("s") else text
    for cut in (1, 2, 3):
        for c in gaz.lookup(word[:-cut]) if len(word) - cut >= 4 else []:
            if (c.is_country and c.kind in (0, 1)) or (c.gid < 0 and c.fcode in ("CONT", "RGN")):
                return c
    return None


def _compatibility(groups: list[Group], priors: list[dict[int, float]],
                   same: list[set[int]]) -> list[dict[int, float]]:
    """Per group, the number of ways each reading fits some reading of another name (not of a
    name sharing one of its readings)."""
    sets: list[tuple[set[int], set[int], set[int]]] = []
    holders_all: Counter[int] = Counter()
    divisions_all: Counter[int] = Counter()
    adm2_all: Counter[int] = Counter()
    for n, g in enumerate(groups):
        prior = priors[n]
        top = sorted(g.cands.values(), key=lambda c: -prior[c.gid])[:COMPAT_TOP_K]
        holders = {a for c in top for a in (c.admin1, c.admin2) if a is not None and a != c.gid}
        divisions = {c.gid for c in top if c.admin_level}
        adm2 = {c.admin2 for c in top if c.fclass == "P" and c.admin2 is not None}
        sets.append((holders, divisions, adm2))
        holders_all.update(holders)
        divisions_all.update(divisions)
        adm2_all.update(adm2)
    out = []
    for n, g in enumerate(groups):
        holders, divisions, adm2 = sets[n]
        if same[n]:  # counts without the names that share a reading with this one
            holders_n, divisions_n, adm2_n = (sum((Counter(sets[k][j]) for k in same[n]), Counter())
                                              for j in range(3))
            holders_n, divisions_n, adm2_n = (all_n - mine for all_n, mine in
                                              ((holders_all, holders_n), (divisions_all, divisions_n),
                                               (adm2_all, adm2_n)))
        else:
            holders_n, divisions_n, adm2_n = holders_all, divisions_all, adm2_all
        bonus: dict[int, float] = {}
        for c in g.cands.values():
            b = 0.0
            holds = bool(c.admin_level) and holders_n[c.gid] - (c.gid in holders) > 0
            held = any(a is not None and a != c.gid and divisions_n[a] - (a in divisions) > 0
                       for a in (c.admin1, c.admin2))
            if holds or held:
                b += 1.0
            if c.fclass == "P" and c.admin2 is not None and adm2_n[c.admin2] - (c.admin2 in adm2) > 0:
                b += 1.0
            bonus[c.gid] = b
        out.append(bonus)
    return out


@dataclass
class Trace:
    """What the ranker saw for one name, for fitting (scripts/fit_place_ranker.py)."""
    mentions: list[int]
    cands: list[Candidate]
    x: list[dict[str, float]]
    z: dict[str, float]


def resolve(mentions: list[RawMention], gaz: Gazetteer, demonyms: Counter[str],
            demonym_table: dict[str, str] | None = None, model: Weights | None = None,
            trace: list[Trace] | None = None, is_common: Callable[..., bool] | None = None,
            abstain_p: float = ABSTAIN_P) -> list[tuple[Candidate | None, float]]:
    """The chosen candidate (None when the name is unknown or "no match" wins) and its
    estimated probability of being right, per mention.

    ``is_common`` tells a common English word (ranker.CommonWords over the pipeline): such a
    name without a place cue keeps only prominent readings (none: unresolved). ``abstain_p``
    is the layer's config value (see :mod:`.config`).
    """
    wts = model or weights()
    groups, group_of = _groups(mentions, gaz)
    # names that contain or are listed after another ("X, Y", "X in Y", "X, Y and Z"): a place cue
    contained = {k for m in mentions for k in (m.container, m.listed_with) if k is not None}
    commons: list[float] = []
    cues: list[bool] = []
    strongs: list[bool] = []
    for g in groups:
        m = mentions[g.mentions[0]]
        c = _demonym_country(m.text, gaz, demonym_table) if demonym_table else None
        if c is not None:  # "Canadian" is the country, not Canadian, Texas
            g.cands = {c.gid: dataclasses.replace(c, kind=3)}
        if m.qualifier == "demonym" or c is not None:
            g.site = False  # a demonym is its country, never a facility
        if c is not None:
            g.inner = False
        predicative = getattr(is_common, "predicative", None)
        if g.site and len(m.text.split()) == 1 and predicative is not None and predicative(m.text):
            # "the International ... Forum" cut to its first word: an adjective alone names no
            # facility or street, so it is no site at a town the article names
            g.site = False
        own_contained = {i for i in g.mentions if i in contained}
        cue = _has_cue(g, mentions, own_contained)
        strong = _has_cue(g, mentions, own_contained, strong=True)
        z = zipf(m.text) if m.qualifier != "demonym" and not m.text.isupper() else 0.0
        if lexicon().has("compass", m.text) and m.qualifier is None:  # "in the West": a bloc
            g.cands = {gid: c for gid, c in g.cands.items() if _prominent(c) and c.fclass != "A"}
        if not strong and all(_written_as_no_town(mentions[i], is_common) for i in g.mentions):
            # "Oriental rugs", "in the Caspian": written as no town's name is, the name means
            # a town only if a prominent one
            g.cands = {gid: c for gid, c in g.cands.items() if c.fclass != "P" or _prominent(c)}
        # (a bare preposition still counts for a common word: asking for a strong cue there
        # lost a city under PROMINENT_POP whose name the tagger takes for a noun, on LGL's and
        # GeoWebNews' tune parts, and gained none: docs/places.md)
        if is_common is not None and not cue and m.qualifier != "demonym":
            if is_common(m.text):  # a common word means a place only if prominent
                g.cands = {gid: c for gid, c in g.cands.items() if _prominent(c)}
            elif is_common(m.text, loose=True):  # "West" is no "West Region" without a cue
                g.cands = {gid: c for gid, c in g.cands.items()
                           if not (c.fclass == "A" and c.kind in (1, 2) and not c.is_country)}
        commons.append(max(0.0, z - COMMON_BASE_ZIPF))
        cues.append(cue)
        strongs.append(strong)
    base: list[dict[int, dict[str, float]]] = []
    # per name, the countries of its first-level-division readings by their own name
    adm1_ccs = [{c.cc for c in g.cands.values() if c.admin_level == 1 and c.kind == 0} for g in groups]
    # mentions named as the container of a place the gazetteer has ("Buffalo, New York"; not
    # of a facility: "the Grand Hotel in Kharkiv" says nothing of city or oblast), and the
    # next name of a list that may be one of divisions ("Utah, Nevada, Ohio", "Donetsk,
    # Luhansk"): the name before it has a first-level division reading by any name; not after
    # a city that has none ("Istanbul, Brussels, Sao Paulo, or Tokyo": the city, whose state
    # reading would pull other names of the list to towns in that state)
    adm1_any = [any(c.admin_level == 1 for c in g.cands.values()) for g in groups]
    holds_place = {k for j, m in enumerate(mentions) for k in (m.container, m.listed_with)
                   if k is not None and not groups[group_of[j]].site
                   and (k == m.container or adm1_any[group_of[j]])}
    for n, g in enumerate(groups):
        m = mentions[g.mentions[0]]
        towns = {c.gid for c in g.cands.values() if c.fclass == "P"}
        same = {a.gid for a in g.cands.values() if a.admin_level
                and any(_contains(a, g.cands[t]) for t in towns)}
        same |= {t for t in towns if any(_contains(g.cands[a], g.cands[t]) for a in same)}
        holds = any(i in holds_place for i in g.mentions)  # "Buffalo, New York"
        listed = holds or any(mentions[i].container is not None for i in g.mentions)
        # (not when the name runs on past the town's own name: "Rio Grande do Sul", an old name
        # of the town Rio Grande, is the state)
        if g.sense == "bare" and any(g.cands[t].pop >= PROMINENT_POP and not g.key.startswith(norm(g.cands[t].name) + " ")
                                     for t in towns & same) and not holds:
            # "in New York": the city, unless the text says the state ("New York state"), or
            # names it as the container of the name before it ("Buffalo, New York"; "New
            # Mexico, New York, Ohio"), not merely first in a list ("New York, Chicago and LA")
            g.cands = {gid: c for gid, c in g.cands.items() if not (c.admin_level and gid in same)}
        if g.sense == "bare" and not listed:
            # "travel to Washington": the capital, not a first-level division of its country
            # that shares its name and does not hold it, unless the text says the division
            # ("Washington state"), names it in a list or as a container ("Seattle,
            # Washington"), or names other divisions of that country ("Oregon and Idaho")
            capitals = {c.cc for c in g.cands.values() if c.fcode == "PPLC"} - {
                cc for k, cs in enumerate(adm1_ccs) if k != n for cc in cs}
            g.cands = {gid: c for gid, c in g.cands.items()
                       if not (c.admin_level == 1 and c.kind == 0 and c.cc in capitals
                               and not any(k.fcode == "PPLC" and k.admin1 == gid for k in g.cands.values()))}
        ranks = {gid: r for r, gid in enumerate(sorted(g.cands, key=lambda k: -g.cands[k].pop))}
        uses = frozenset(u for u, on in (("dateline", any(mentions[i].dateline for i in g.mentions)),
                                          ("metonymic", any(mentions[i].metonymic for i in g.mentions)))
                         if on)
        base.append({gid: _base_features(c, g, m, same, ranks[gid], commons[n], 0.0, uses)
                     for gid, c in g.cands.items()})
    priors = [{gid: wts.score(x) for gid, x in b.items()} for b in base]
    nulls = [wts.null_score(_null_features(g, mentions, commons[n], cues[n])) for n, g in enumerate(groups)]
    sharing = _same_readings(groups)
    for n, bonus in enumerate(_compatibility(groups, priors, sharing)):
        g = groups[n]
        for gid, b in bonus.items():
            base[n][gid]["compatible"] = b
            priors[n][gid] = wts.score(base[n][gid])
        if len(g.cands) > MAX_SCORED:
            prior = priors[n]
            keep = sorted(g.cands, key=lambda gid: -prior[gid])[:MAX_SCORED]
            g.cands = {gid: g.cands[gid] for gid in keep}
        _pick(g, {gid: priors[n][gid] for gid in g.cands}, nulls[n], abstain_p)
    feats: list[dict[int, dict[str, float]]] = [{} for _ in groups]
    isolated = [0.0] * len(groups)
    for g in groups:
        g.own = dict(g.cands)
    # Once per document, not per group: scanning every mention for each group was quadratic
    # in the mentions (880 KB of place names never finished the layer).
    dated = [any(mentions[i].dateline for i in g.mentions) for g in groups]
    held_by: dict[int, list[int]] = defaultdict(list)  # mention -> the mentions it contains
    for j, mj in enumerate(mentions):
        if mj.container is not None:
            held_by[mj.container].append(j)
    eponym = [not strongs[n] and all(mentions[i].modifier_form == "indefinite" for i in g.mentions)
              for n, g in enumerate(groups)]
    far = math.log10(1 + EPONYM_FAR_KM / DIST_SCALE_KM)
    for _ in range(2):
        for n, g in enumerate(groups):
            ctx = _context(groups, mentions, demonyms, skip=n, same=sharing[n], dated=dated)
            sites = _site_readings(n, groups, mentions, group_of, ctx.main_country()) if g.site else {}
            g.cands = {**{gid: c for gid, (c, _) in sites.items()}, **g.own}
            conts = [b for b in (groups[group_of[k]].best for k in
                                 (mentions[i].container for i in g.mentions) if k is not None) if b is not None]
            inside = sorted({j for i in set(g.mentions) for j in held_by.get(i, ())})
            inner = [b for b in (groups[group_of[j]].best for j in inside) if b is not None]
            feats[n] = {gid: _context_features(c, base[n][gid], ctx, conts, inner) for gid, c in g.own.items()}
            for gid, (_, x) in sites.items():  # a site reading: where the name is, not which place
                feats[n][gid] = {**feats[n].get(gid, {}), **x}
            allowed = _uncaptured(g, feats[n])
            if eponym[n]:  # "a <surname> gaffe": no small town foreign and far to the story
                allowed = {gid: x for gid, x in allowed.items()
                           if not (gid in g.own and g.own[gid].fclass == "P" and not _prominent(g.own[gid])
                                   and not x.get("ctx_country") and x.get("log_dist", far + 1) > far)}
            isolated[n] = _relative_distance(feats[n], [gid for gid in allowed if gid in g.own], len(ctx.points))
            _pick(g, {gid: wts.score(x) for gid, x in allowed.items()},
                  nulls[n] + wts.null_score({"isolated": isolated[n]}), abstain_p)
    _one_place_per_name(groups)
    if trace is not None:
        for n, g in enumerate(groups):
            gids = list(g.cands)
            trace.append(Trace(list(g.mentions), [g.cands[k] for k in gids], [feats[n][k] for k in gids],
                               {**_null_features(g, mentions, commons[n], cues[n]), "isolated": isolated[n]}))
    by_group: dict[int, tuple[Candidate | None, float]] = defaultdict(lambda: (None, 0.0))
    for n, g in enumerate(groups):
        by_group[n] = (g.best, g.confidence)
    return [by_group[group_of[i]] for i in range(len(mentions))]
