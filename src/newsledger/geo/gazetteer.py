"""Read access to the compiled gazetteer: name lookups by index, one connection per process."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..settings import Settings, get_settings
from .build import VARIANT_PREFIX, build, source_version
from .normalize import norm, variant_key

log = logging.getLogger(__name__)

FILE_NAME = "gazetteer.sqlite"

#: Most candidates returned for one name, most populous first. "San Jose" has ~200 homonyms;
#: the right one has always been among the 60 most populous in our checks.
MAX_CANDIDATES = 60
#: Candidate kind of a facility or street placed at a place the article names (see is_site).
SITE = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    gid: int
    name: str
    fclass: str
    fcode: str
    cc: str | None
    admin1: int | None
    admin2: int | None
    lat: float | None
    lon: float | None
    pop: int
    key: str | None
    kind: int = 0  # how the name matched: 0 primary, 1 alternate, 2 base name, 3 hand alias, 4 site,
    # 5 transliteration variant

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id; None for the hand-written regions (negative internal ids)."""
        return self.gid if self.gid > 0 else None

    @property
    def is_site(self) -> bool:
        """A facility or street the gazetteer lacks, placed at the place that contains it
        (kind SITE: the point and names are the container's)."""
        return self.kind == SITE

    @property
    def is_country(self) -> bool:
        return self.fcode.startswith("PCL")

    @property
    def admin_level(self) -> int:
        return {"ADM1": 1, "ADM2": 2}.get(self.fcode, 0)


_COLS = "p.gid, p.name, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, p.lat, p.lon, p.pop, p.key"


class Gazetteer:
    """The compiled gazetteer at ``path`` (built there first when absent or stale)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._countries: dict[str, Candidate] | None = None
        self._ensure()

    def _ensure(self) -> None:
        want = source_version()
        if self.path.is_file():
            try:
                con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                try:
                    row = con.execute("SELECT v FROM meta WHERE k='version'").fetchone()
                finally:
                    con.close()
                if row and row[0] == want:
                    return
            except sqlite3.Error as exc:
                log.warning("gazetteer %s unreadable (%s); rebuilding", self.path, exc)
        log.info("building the gazetteer at %s (once)", self.path)
        build(self.path)

    @property
    def _con(self) -> sqlite3.Connection:
        # one read-only connection per thread and process (a connection must not cross a fork)
        con = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "pid", None) != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con, self._local.pid = con, os.getpid()
        return con

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name`` (normalised), best name match then most populous first."""
        return list(self._lookup_key(norm(name)))

    @lru_cache(maxsize=32768)  # noqa: B019 - one gazetteer per process; bounded
    def _lookup_key(self, key: str) -> tuple[Candidate, ...]:
        if not key:
            return ()
        rows = self._con.execute(
            f"SELECT {_COLS}, a.kind FROM alias a JOIN place p ON p.gid = a.gid "
            "WHERE a.key = ? ORDER BY a.kind, p.pop DESC LIMIT ?", (key, MAX_CANDIDATES * 3),
        ).fetchall()
        cands = [Candidate(*r) for r in rows]
        cands.sort(key=lambda c: -c.pop)
        keep = [c for c in cands if c.fclass == "A" or c.fclass != "P"]
        keep += [c for c in cands if c.fclass == "P"][:MAX_CANDIDATES]
        return tuple(keep)

    def lookup_variant(self, name: str) -> list[Candidate]:
        """Places of the countries at war whose name is ``name`` in another transliteration
        ("Nowefedorowka" -> Novofedorivka): same consonant skeleton (normalize.variant_key)."""
        key = variant_key(name)
        return list(self._lookup_key(VARIANT_PREFIX + key)) if key else []

    @lru_cache(maxsize=8192)  # noqa: B019
    def get(self, gid: int) -> Candidate | None:
        row = self._con.execute(f"SELECT {_COLS} FROM place p WHERE p.gid = ?", (gid,)).fetchone()
        return Candidate(*row) if row else None

    @lru_cache(maxsize=512)  # noqa: B019 - ~250 country codes; the query scans every place (~40 ms)
    def country(self, cc: str) -> Candidate | None:
        if self._countries is None:
            rows = self._con.execute(f"SELECT {_COLS} FROM place p WHERE p.fcode = 'PCLI'").fetchall()
            self._countries = {r[4]: Candidate(*r) for r in rows}
        return self._countries.get(cc)

    def has(self, name: str) -> bool:
        return bool(self._lookup_key(norm(name)))


_LOCK = threading.Lock()
_OPEN: dict[Path, Gazetteer] = {}


def gazetteer_path(settings: Settings) -> Path:
    return settings.cache_path / FILE_NAME


def get_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The process's gazetteer for these settings, opened (and built if needed) once."""
    path = gazetteer_path(settings or get_settings())
    with _LOCK:
        gaz = _OPEN.get(path)
        if gaz is None:
            gaz = _OPEN[path] = Gazetteer(path)
        return gaz
