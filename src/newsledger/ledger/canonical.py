"""Canonical people, organisations and places: find or create them inside a transaction.

Caches map keys to ids so a batch needs few queries; :meth:`Canonicals.forget` drops them
when a transaction rolls back (ids created in it no longer exist).
"""

from __future__ import annotations

import sqlalchemy as sa

from ..models import Entity, Place
from . import schema as s
from .resolve import entity_key, fold, person_tokens, place_key


class Canonicals:
    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self._entities: dict[tuple[str, str], tuple[int, str]] = {}  # (label, key) -> (id, name)
        self._aliases: set[tuple[int, str]] = set()
        self._places: dict[str, tuple[int, str]] = {}  # key -> (id, name)

    # ------------------------------------------------------------------ entities

    def entity(self, conn: sa.Connection, e: Entity) -> tuple[int, str] | None:
        """(canonical id, canonical name) of an article's entity, created when new."""
        key = entity_key(e.label, e.name)
        if not key:
            return None
        found = self._entities.get((e.label, key))
        if found is None:
            if e.label == "PERSON":
                found = self._person(conn, key, e.name)
            else:
                found = self._lookup(conn, e.label, key) or self._insert(conn, e.label, key, e.name)
            self._entities[(e.label, key)] = found
        cid, name = found
        if len(person_tokens(e.name)) > len(person_tokens(name)):  # keep the fullest name
            conn.execute(s.canonical_entities.update().where(s.canonical_entities.c.id == cid)
                         .values(name=e.name))
            found = (cid, e.name)
            self._entities[(e.label, key)] = found
        alias = fold(e.name)[:300]
        if (cid, alias) not in self._aliases:
            self._aliases.add((cid, alias))
            t = s.entity_aliases
            exists = conn.execute(sa.select(t.c.alias).where(t.c.canonical_id == cid, t.c.alias == alias)).first()
            if exists is None:
                conn.execute(t.insert().values(canonical_id=cid, alias=alias))
        return found

    def _lookup(self, conn: sa.Connection, label: str, key: str) -> tuple[int, str] | None:
        t = s.canonical_entities
        row = conn.execute(sa.select(t.c.id, t.c.name).where(t.c.label == label, t.c.key == key)).first()
        return (int(row[0]), str(row[1])) if row else None

    def _insert(self, conn: sa.Connection, label: str, key: str, name: str) -> tuple[int, str]:
        t = s.canonical_entities
        cid = conn.execute(t.insert().values(label=label, key=key, name=name).returning(t.c.id)).scalar_one()
        return int(cid), name

    def _person(self, conn: sa.Connection, key: str, name: str) -> tuple[int, str]:
        """Full names merge on surname + first name; a surname alone, or with an initial,
        joins the one full name that fits; a full name upgrades a lone surname-only person."""
        exact = self._lookup(conn, "PERSON", key)
        if exact:
            return exact
        surname, first = key.split("|", 1)
        t = s.canonical_entities
        rows = conn.execute(sa.select(t.c.id, t.c.key, t.c.name).where(
            t.c.label == "PERSON", t.c.key.like(surname.replace("%", "").replace("_", "") + "|%"))).all()
        rows = [r for r in rows if r.key.split("|", 1)[0] == surname]
        firsts = {r.key.split("|", 1)[1]: r for r in rows}
        full = [r for f, r in firsts.items() if len(f) > 1]
        if len(first) <= 1:  # "Zelensky", "V. Zelensky"
            fits = [r for r in full if r.key.split("|", 1)[1].startswith(first)]
            if len(fits) == 1:
                return int(fits[0].id), str(fits[0].name)
            return self._insert(conn, "PERSON", key, name)
        partial = [r for f, r in firsts.items() if len(f) <= 1 and first.startswith(f)]
        if partial and not any(r.key.split("|", 1)[1][:1] == first[:1] for r in full):
            keep = partial[0]  # the surname-only (or initial-only) person gets their full name
            conn.execute(t.update().where(t.c.id == keep.id).values(key=key, name=name))
            self._entities.pop(("PERSON", keep.key), None)
            return int(keep.id), name
        return self._insert(conn, "PERSON", key, name)

    # ------------------------------------------------------------------ places

    def place(self, conn: sa.Connection, p: Place) -> tuple[int, str]:
        """(canonical id, name): by GeoNames id, else the one resolved place of that name."""
        key = place_key(p.geonameid, p.name)
        found = self._places.get(key)
        if found is not None:
            return found
        t = s.canonical_places
        row = conn.execute(sa.select(t.c.id, t.c.name).where(t.c.key == key)).first()
        if row is None and p.geonameid is None:
            named = conn.execute(sa.select(t.c.id, t.c.name).where(
                t.c.name_key == fold(p.name), t.c.geonameid.is_not(None)).limit(2)).all()
            if len(named) == 1:
                row = named[0]
        if row is not None:
            found = (int(row[0]), str(row[1]))
        else:
            name = p.gazetteer_name or p.name
            cid = conn.execute(t.insert().values(
                key=key, geonameid=p.geonameid, name=name, name_key=fold(name)[:300],
                country_code=p.country_code, admin1=p.admin1, feature_class=p.feature_class,
                feature_code=p.feature_code, lat=p.lat, lon=p.lon).returning(t.c.id)).scalar_one()
            found = (int(cid), name)
        self._places[key] = found
        return found
