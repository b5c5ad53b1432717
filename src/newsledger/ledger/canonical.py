"""Canonical people, organisations and places: found or created inside a write transaction.

The canonical tables are read once into memory (a ledger of 100,000 articles holds a few
hundred thousand names: tens of MB), so resolving a batch costs no queries: new rows get
ids here (the writer holds the write lock: ``BEGIN IMMEDIATE`` on SQLite, a table lock on
PostgreSQL) and are written with the aliases and fuller names in one ``executemany`` per
table by :meth:`Canonicals.flush`. After a rollback, :meth:`forget` drops everything: the
next batch reloads what was committed.

A row once written is renamed (a fuller name), and merged into another (:meth:`Canonicals.merge`)
where a name that came first is only seen later to be a form of a person named in full: a
surname alone, or a few vowels off, written before that full name was known. The merge leaves the
ledger a serial ingest in the other order would have made.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Protocol

import sqlalchemy as sa

from ..nlp.chains import given_names
from ..nlp.spelling import NEAR_KEY_LEN, VOWELS, consonants
from ..nlp.spelling import vowels_apart as _near_spelling
from . import schema as s
from .resolve import (
    acronym,
    chinese_order,
    entity_key,
    fold,
    given_name_key,
    is_acronym,
    name_words,
    person_key,
    place_key,
    spelling_keys,
    surname_case_endings,
)

_E = s.canonical_entities
_P = s.canonical_places
_RENAME = _E.update().where(_E.c.id == sa.bindparam("cid")).values(name=sa.bindparam("new_name"))
_REKEY = _E.update().where(_E.c.id == sa.bindparam("cid")).values(
    key=sa.bindparam("new_key"), name=sa.bindparam("new_name"))


class EntityLike(Protocol):
    """What :meth:`Canonicals.entity` reads of an entity: its label and name, and what
    depends on them alone (``ledger.merge.EntityFields``, taken where the report is read: in
    a helper process of the reports path, off the one writer)."""

    @property
    def label(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def key(self) -> str: ...  # entity_key(label, name), at most 300 characters
    @property
    def alias(self) -> str: ...  # fold(name), at most 300 characters
    @property
    def words(self) -> int: ...  # name_words(name)


class PlaceLike(Protocol):
    """What :meth:`Canonicals.place` reads of a place."""

    @property
    def name(self) -> str: ...
    @property
    def geonameid(self) -> int | None: ...
    @property
    def gazetteer_name(self) -> str | None: ...
    @property
    def country_code(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def feature_class(self) -> str | None: ...
    @property
    def feature_code(self) -> str | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...


class Canonicals:
    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self._loaded = False
        self._entities: dict[tuple[str, str], tuple[int, str]] = {}  # (label, key) -> (id, name)
        self._surnames: dict[str, dict[str, str]] = defaultdict(dict)  # surname -> first -> key
        self._firsts: dict[str, set[str]] = defaultdict(set)  # full first name -> keys of full names
        # consonants of a surname -> surnames (vowels_apart candidates); built on the first near look-up, not at load
        self._near: dict[str, set[str]] | None = None
        self._acronyms: dict[str, list[str]] = defaultdict(list)  # "isw" -> keys of full ORG names
        self._aliases: set[tuple[int, str]] = set()
        self._places: dict[str, tuple[int, str]] = {}  # key -> (id, name)
        self._resolved_names: dict[str, list[tuple[int, str]]] = defaultdict(list)  # name_key -> places
        self._new_aliases: list[dict[str, Any]] = []
        self._new_names: dict[int, str] = {}
        self._new_entities: list[dict[str, Any]] = []
        self._new_places: list[dict[str, Any]] = []
        self._merges: dict[int, int] = {}  # canonical id merged away -> the id it joined
        self._spelt: set[int] = set()  # people with a new spelling in this batch: named again
        self._fuller: dict[int, tuple[str, str]] = {}  # id -> (name before, fuller name) in this batch
        self._next_entity = self._next_place = 1

    def _max_ids(self, conn: sa.Connection) -> tuple[int, int]:
        return (int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(_E.c.id), 0))).scalar_one()),
                int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(_P.c.id), 0))).scalar_one()))

    def load(self, conn: sa.Connection) -> None:
        """Read the canonical tables, unless what was read is still current (no other
        writer has added rows since: their largest ids are still ours)."""
        if self._loaded:
            if self._max_ids(conn) == (self._next_entity - 1, self._next_place - 1):
                return
            self.forget()
        for cid, label, key, name in conn.execute(sa.select(_E.c.id, _E.c.label, _E.c.key, _E.c.name)):
            self._entities[(label, key)] = (int(cid), str(name))
            self._index(label, key, name)
        self._aliases = {(int(c), str(a)) for c, a in conn.execute(
            sa.select(s.entity_aliases.c.canonical_id, s.entity_aliases.c.alias))}
        self._merged_from_aliases()
        for cid, key, name, name_key, gid in conn.execute(
                sa.select(_P.c.id, _P.c.key, _P.c.name, _P.c.name_key, _P.c.geonameid)):
            self._places[key] = (int(cid), str(name))
            if gid is not None:
                self._resolved_names[name_key].append((int(cid), str(name)))
        max_entity, max_place = self._max_ids(conn)
        self._next_entity, self._next_place = max_entity + 1, max_place + 1
        self._loaded = True

    def _merged_from_aliases(self) -> None:
        """Rebuild the merges that live only as aliases: a name that joined a canonical row
        under another key ("UN" into "United Nations", a lone "Zelensky" into the one full
        name) keeps joining it. A process that made the merge remembers it; one that starts
        later must read it back, or the same inputs would give different ledgers depending
        on where a process started (after a crash, or ingesting in two runs). Where a key is
        an alias of several rows, the oldest row wins."""
        rows = {cid: (label, name) for (label, _), (cid, name) in self._entities.items()}
        for cid, alias in sorted(self._aliases):
            if cid not in rows:
                continue
            label, name = rows[cid]
            key = entity_key(label, alias)[:300]
            if key:
                self._entities.setdefault((label, key), (cid, name))

    def flush(self, conn: sa.Connection) -> None:
        """Write the batch's new canonical rows, aliases and fuller names."""
        from . import store  # its bulk_insert, looked up when called (a baseline may swap it)

        store.bulk_insert(conn, _E, self._new_entities)
        store.bulk_insert(conn, _P, self._new_places)
        store.bulk_insert(conn, s.entity_aliases, self._new_aliases)
        if self._new_names:
            conn.execute(_RENAME, [{"cid": c, "new_name": n} for c, n in self._new_names.items()])
        self._new_aliases = []
        self._new_names = {}
        self._new_entities = []
        self._new_places = []

    # ------------------------------------------------------------------ entities

    def entity(self, conn: sa.Connection, e: EntityLike) -> tuple[int, str] | None:
        """(canonical id, canonical name) of an article's entity, created when new."""
        key = e.key
        if not key:
            return None
        found = self._entities.get((e.label, key))
        rows = self._next_entity
        if found is None:
            if e.label == "PERSON":
                found = self._person(conn, key, e.name)
            elif e.label == "ORG":
                found = self._org(conn, key, e.name)
            else:
                found = self._insert(conn, e.label, key, e.name)
        cid, name = found
        if e.words > name_words(name):  # keep the fullest name
            if e.label == "PERSON" and len(person_key(name)[1]) > 1:
                self._spelt.add(cid)  # named in full already: the full name most used names it (settle)
            else:
                found = (cid, e.name)
                self._new_names[cid] = e.name
                was = self._fuller.get(cid, (name, name))[0]
                self._fuller[cid] = (was, e.name)  # its claims take the fuller name (settle)
        elif e.label == "PERSON" and e.name != name and len(person_key(e.name)[1]) > 1:
            # a full name the ledger does not name this person by: it may now be the name most
            # articles use ("Alexander Lukashenko" in a third article, after one "Aleksander
            # Łukaszenko" came first); the count is made once per batch in ``settle``
            self._spelt.add(cid)
        self._entities[(e.label, key)] = found
        alias = e.alias
        if (cid, alias) not in self._aliases:
            self._aliases.add((cid, alias))
            if e.label == "PERSON" and self._next_entity == rows:  # not a row made now
                self._spelt.add(cid)
            self._new_aliases.append({"canonical_id": cid, "alias": alias, "spelling": spelling_keys(alias)})
        return found

    def _insert(self, conn: sa.Connection, label: str, key: str, name: str) -> tuple[int, str]:
        cid = self._next_entity
        self._next_entity += 1
        self._new_entities.append({"id": cid, "label": label, "key": key, "name": name})
        self._entities[(label, key)] = (cid, name)
        self._index(label, key, name)
        return cid, name

    def _index(self, label: str, key: str, name: str) -> None:
        if label == "PERSON":
            surname, _, first = key.partition("|")
            self._surnames[surname][first] = key
            if len(first) > 1 and chinese_order(name):
                self._firsts[first].add(key)
            if self._near is not None:
                _add_near(self._near, surname)
        elif label == "ORG" and not is_acronym(name) and (acr := acronym(name)):
            self._acronyms[acr].append(key)

    def _rekey(self, conn: sa.Connection, label: str, old: str, key: str, name: str) -> int:
        """Give a canonical row a new key and name (a fuller name for the same entity)."""
        cid, before = self._entities.pop((label, old))
        self._fuller[cid] = (self._fuller.get(cid, (before, name))[0], name)  # its claims follow (settle)
        pending = next((row for row in self._new_entities if row["id"] == cid), None)
        if pending is not None:
            pending.update(key=key, name=name)
        else:
            conn.execute(_REKEY, {"cid": cid, "new_key": key, "new_name": name})
        self._entities[(label, key)] = (cid, name)
        self._entities[(label, old)] = (cid, name)  # the old name stays merged, as its alias says
        self._new_names.pop(cid, None)
        return cid

    def _org(self, conn: sa.Connection, key: str, name: str) -> tuple[int, str]:
        """An acronym ("ISW") joins the one organisation it abbreviates, and an acronym-only
        organisation gets its full name when that appears."""
        if is_acronym(name):
            fulls = sorted(set(self._acronyms.get(key, [])))
            if len(fulls) == 1:
                return self._entities[("ORG", fulls[0])]
            return self._insert(conn, "ORG", key, name)
        acr = acronym(name)
        if acr and ("ORG", acr) in self._entities and not self._acronyms.get(acr):
            cid = self._rekey(conn, "ORG", acr, key, name)
            self._index("ORG", key, name)
            return cid, name
        return self._insert(conn, "ORG", key, name)

    def _person(self, conn: sa.Connection, key: str, name: str) -> tuple[int, str]:
        """Full names merge on surname + first name; a surname alone, or with an initial,
        joins the one full name that fits; a full name upgrades a lone surname-only person."""
        surname, _, first = key.partition("|")
        known = self._surnames.get(surname, {})
        full = [k for f, k in known.items() if len(f) > 1]
        if len(first) <= 1:  # "Zelensky", "V. Zelensky"
            fits = [k for k in full if k.partition("|")[2].startswith(first)]
            if len(fits) == 1:
                return self._entities[("PERSON", fits[0])]
            near = None if known else self._near_person(surname, first)
            if near is not None:  # "Zelanski" alone, with only "Volodymyr Zelensky" known
                return self._entities[("PERSON", near)]
            lead = None if known or first else self._surname_first(surname)
            if lead is not None:  # "Xi" alone, with only "Xi Jinping" known
                return self._entities[("PERSON", lead)]
            return self._insert(conn, "PERSON", key, name)
        near = None if full else (self._near_person(surname, first) or self._declined(surname, first))
        if near is not None:  # "Volodymyr Zelanski", a misspelt "Volodymyr Zelensky"; "Sergei Ławrowa"
            return self._entities[("PERSON", near)]
        garbled = self._garbled(surname, first) if full else None
        if garbled is not None:  # "Olafrem Scholz", a machine-translation slip of "Olaf Scholz"
            return self._entities[("PERSON", garbled)]
        partial = [k for f, k in known.items() if len(f) <= 1 and first.startswith(f)]
        if partial and not any(k.partition("|")[2][:1] == first[:1] for k in full):
            old = sorted(partial)[0]  # the surname-only (or initial-only) person gets the full name
            cid = self._rekey(conn, "PERSON", old, key, name)
            del self._surnames[surname][old.partition("|")[2]]
            self._surnames[surname][first] = key
            self._absorb(key)
            return cid, name
        found = self._insert(conn, "PERSON", key, name)
        self._absorb(key)
        return found

    def _near_person(self, surname: str, first: str) -> str | None:
        """The key of the one known person with a full first name that is ``first`` (or, for
        an initial or none, starts with it) whose surname differs from ``surname`` by a few vowels
        (:func:`_near_spelling`): the misspellings and machine-translation slips of one name
        ("Zelanski", "Zelnski" for "Zelensky"). None when there are several or none. Only
        asked when no full name of ``surname`` itself is known."""
        keys = {k for o in self._near_surnames(surname) for f, k in self._surnames.get(o, {}).items()
                if len(f) > 1 and (f == first or (len(first) <= 1 and f.startswith(first)))}
        return next(iter(keys)) if len(keys) == 1 else None

    def _surname_first(self, word: str) -> str | None:
        """The key of the one known Chinese name (:func:`~newsledger.ledger.resolve.chinese_order`)
        whose first word, its surname, is ``word`` (the key of a name written alone): "Xi" is
        "Xi Jinping", though the key takes the first word for a first name. None when there
        are several or none, or when the word is a known given name. Across articles only
        Chinese names count: a lone given name ("Charlie") is no surname written first, and
        joining it to the one "Charlie Bell" known would join other people (within one
        article, ``nlp/entities`` joins it)."""
        if not word or word in given_names():
            return None
        keys = self._firsts.get(given_name_key(word), set())
        return next(iter(keys)) if len(keys) == 1 else None

    def _garbled(self, surname: str, first: str) -> str | None:
        """The key of the one known person of surname ``surname`` whose first name is a known
        given name that ``first``, no known given name, garbles (:func:`_garbled_form`:
        "Olafrem" for Olaf, "Annalej" for Annalena). None when ``first`` is a known given name
        (another person of that family) or when none or several fit."""
        table = given_names()
        if first in table:
            return None
        keys = {k for f, k in self._surnames.get(surname, {}).items()
                if len(f) > 1 and f in table and _garbled_form(first, f)}
        return next(iter(keys)) if len(keys) == 1 else None

    def _declined(self, surname: str, first: str) -> str | None:
        """The key of the one known person whose surname ``surname`` is a Polish case form of
        (:func:`~newsledger.ledger.resolve.surname_case_endings`) with the same first name
        ``first``, a man's: "Sergei Ławrowa" (Ławrow's genitive) is "Sergei Lavrov". None for a
        woman's or an unknown first name ("Anna Lavrova" is another person), or when none or
        several fit."""
        if given_names().get(first) != "m":
            return None
        keys = set()
        for stem in _nominatives(surname):
            k = self._surnames.get(stem, {}).get(first)
            if k is not None:
                keys.add(k)
        return next(iter(keys)) if len(keys) == 1 else None

    def _near_surnames(self, surname: str) -> list[str]:
        """The known surnames a few vowels off ``surname`` (:func:`_near_spelling`), sorted."""
        if len(surname) < NEAR_SURNAME_LEN - 1:
            return []
        if self._near is None:
            self._near = defaultdict(set)
            for known in self._surnames:
                _add_near(self._near, known)
        return sorted(o for o in self._near.get(consonants(surname), ())
                      if o != surname and _near_spelling(surname, o))

    def _absorb(self, key: str) -> None:
        """Merge into the full name ``key``, just written or given to a row, the people of a
        lone surname or initial that would have joined it had they come after it: of the same
        surname, where it is the one full name that fits their initial; a few vowels off, where
        their surname has no full name and it is the one near person that fits
        (:meth:`_near_person`). Looked up by surname, so the cost per new name stays constant."""
        surname, _, first = key.partition("|")
        lone = self._surnames.get(first, {})
        if len(lone) == 1 and "" in lone and self._surname_first(first) == key:  # "Xi", then "Xi Jinping"
            self.merge("PERSON", lone[""], key)
        if given_names().get(first) == "m":  # "Sergei Ławrowa" came before "Sergei Lavrov"
            for form in _case_forms(surname):
                k = self._surnames.get(form, {}).get(first)
                if k is not None and not any(len(f) > 1 and f != first for f in self._surnames[form]) \
                        and self._declined(form, first) == key:
                    self.merge("PERSON", k, key)
        if first in given_names():  # "Olafrem Scholz" came before "Olaf Scholz"
            for g, k in sorted(self._surnames.get(surname, {}).items()):
                if len(g) > 1 and k != key and _garbled_form(g, first) and self._garbled(surname, g) == key:
                    self.merge("PERSON", k, key)
        for other in [surname, *self._near_surnames(surname)]:
            known = self._surnames.get(other, {})
            if other != surname and any(len(f) > 1 for f in known):
                continue
            for f, k in sorted(known.items()):
                if len(f) > 1 or k == key or not first.startswith(f):
                    continue
                if other == surname:
                    joins = [x for g, x in known.items() if len(g) > 1 and g.startswith(f)] == [key]
                else:
                    joins = self._near_person(other, f) == key
                if joins:
                    self.merge("PERSON", k, key)

    def merge(self, label: str, old: str, key: str) -> None:
        """Merge the row of ``(label, old)`` into that of ``(label, key)``: in memory now, every
        name that found the old row finds the other; in the ledger by :meth:`settle`,
        once the batch's records are written."""
        drop, _ = self._entities[(label, old)]
        keep = self._entities[(label, key)]
        if drop == keep[0]:
            return
        for k, v in self._entities.items():
            if v[0] == drop:
                self._entities[k] = keep
        if label == "PERSON":
            surname, _, first = old.partition("|")
            if self._surnames.get(surname, {}).get(first) == old:
                del self._surnames[surname][first]  # no fuller name renames the merged row again
        self._aliases = {(keep[0] if c == drop else c, a) for c, a in self._aliases}
        self._new_names.pop(drop, None)
        self._merges = {d: (keep[0] if k == drop else k) for d, k in self._merges.items()}
        self._merges[drop] = keep[0]
        self._spelt.add(keep[0])

    def settle(self, conn: sa.Connection) -> None:
        """The batch's serial step on canonical rows, once its records are written: apply its
        merges, and name again each person seen under a new spelling."""
        self._apply_merges(conn)
        fuller, self._fuller = self._fuller, {}
        rename_claims(conn, fuller)
        self._rename(conn)

    def _rename(self, conn: sa.Connection) -> None:
        """Name each person with a new spelling (or a merge) in this batch by the full name (a
        first name and a surname) most of its articles use: "Dmitry Peskov", not the
        machine-translated "Dmitry Pieskov" that came first. The name changes only for one in
        more articles than it (so a tie keeps it); among others, more words, then the name's
        order, decide. With no full name the name stays."""
        ids, self._spelt = sorted(self._spelt), set()
        e = s.entities
        stored: dict[int, str] = {}
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            stored.update((int(c), str(n)) for c, n in conn.execute(
                sa.select(_E.c.id, _E.c.name).where(_E.c.id.in_(chunk))))
            for cid, name, n in conn.execute(
                    sa.select(e.c.canonical_id, e.c.name, sa.func.count(sa.distinct(e.c.article_id)))
                    .where(e.c.canonical_id.in_(chunk)).group_by(e.c.canonical_id, e.c.name)):
                if name and int(cid) in stored and len(person_key(name)[1]) > 1:
                    counts[int(cid)][str(name)] = int(n)
        renamed = {}
        for cid, names in counts.items():
            best = max(names, key=lambda n: (names[n], name_words(n), n))
            if names[best] > names.get(stored[cid], 0):
                renamed[cid] = best
        if not renamed:
            return
        conn.execute(_RENAME, [{"cid": c, "new_name": n} for c, n in sorted(renamed.items())])
        rename_claims(conn, {cid: (stored[cid], new) for cid, new in renamed.items()})
        for k, (cid, _) in self._entities.items():
            if cid in renamed:
                self._entities[k] = (cid, renamed[cid])

    def _apply_merges(self, conn: sa.Connection) -> None:
        """Write the batch's merges, after its records (which may name a merged row): re-point
        the records, move the aliases, recount both rows' statistics and delete the merged row."""
        if not self._merges:
            return
        from . import entity_stats, speaker_stats

        al = s.entity_aliases
        named = dict(conn.execute(sa.select(_E.c.id, _E.c.name).where(
            _E.c.id.in_(sorted({*self._merges, *self._merges.values()})))).tuples().all())
        for drop, keep in sorted(self._merges.items()):
            for table in (s.entities, s.quotes):
                conn.execute(table.update().where(table.c.canonical_id == drop).values(canonical_id=keep))
            conn.execute(al.insert().from_select(
                ["canonical_id", "alias", "spelling"],
                sa.select(sa.literal(keep), al.c.alias, al.c.spelling).where(
                    al.c.canonical_id == drop,
                    al.c.alias.not_in(sa.select(al.c.alias).where(al.c.canonical_id == keep)))))
            conn.execute(al.delete().where(al.c.canonical_id == drop))
        rename_claims(conn, {keep: (named[drop], named[keep]) for drop, keep in sorted(self._merges.items())
                             if drop in named and keep in named})
        ids = {*self._merges, *self._merges.values()}
        entity_stats.recount(conn, ids)
        speaker_stats.recount(conn, {("e", i) for i in ids})
        conn.execute(_E.delete().where(_E.c.id.in_(sorted(self._merges))))
        self._merges = {}

    # ------------------------------------------------------------------ places

    def place(self, conn: sa.Connection, p: PlaceLike) -> tuple[int, str]:
        """(canonical id, name): by GeoNames id, else the one resolved place of that name. A
        place resolved without a GeoNames id (a region or sea of the embedded tables) is keyed
        by the name it resolved to, not the name as written: "Donbass", "Donbas region" and
        "Donbas" are one place."""
        key = place_key(p.geonameid, p.gazetteer_name or p.name)[:300]
        found = self._places.get(key)
        if found is not None:
            return found
        if p.geonameid is None:
            named = self._resolved_names.get(fold(p.name), [])
            if len(named) == 1:
                self._places[key] = named[0]
                return named[0]
        name = p.gazetteer_name or p.name
        name_key = fold(name)[:300]
        cid = self._next_place
        self._next_place += 1
        self._new_places.append({
            "id": cid, "key": key, "geonameid": p.geonameid, "name": name, "name_key": name_key,
            "country_code": p.country_code, "admin1": p.admin1, "feature_class": p.feature_class,
            "feature_code": p.feature_code, "lat": p.lat, "lon": p.lon})
        found = (cid, name)
        self._places[key] = found
        if p.geonameid is not None:
            self._resolved_names[name_key].append(found)
        return found


#: Shortest surname key a vowel difference merges, and the letters at the end a difference
#: there never merges (:func:`~newsledger.nlp.spelling.vowels_apart`, shared with the
#: article's own clustering of names).
NEAR_SURNAME_LEN = NEAR_KEY_LEN


#: A first name no table knows is a slip of a known one when they share this many first letters,
#: and no fewer than the known name's letters less ``GARBLED_SLACK`` ("Olafrem": Olaf's four;
#: "Annalej": five of Annalena's seven). Four keeps diminutives out ("Vlad" is not read as a
#: slip of Vladimir); chosen on the dev war ledger's tune articles, where the two machine-
#: translated slips were the only pairs of one surname that it joins.
GARBLED_PREFIX = 4
GARBLED_SLACK = 2


def rename_claims(conn: sa.Connection, changes: dict[int, tuple[str, str]]) -> None:
    """Claims follow their subject's canonical name: a claim keyed by a person's or body's name
    as the ledger named it then ("Aleksander Łukaszenko", the spelling first seen) is keyed by
    the name it has now, once renamed or merged, so one person's statements and figures are one
    series (``changes``: canonical id -> (old name, new name), for the articles that name it)."""
    from .claims import norm

    c, e = s.claims, s.entities
    updates = []
    for cid, (old, new) in sorted(changes.items()):
        if old == new:
            continue
        before, after = norm(old) + "|", norm(new) + "|"
        for r in conn.execute(sa.select(c.c.article_id, c.c.id, c.c.key).where(
                c.c.subject == old,
                c.c.article_id.in_(sa.select(e.c.article_id).where(e.c.canonical_id == cid)))):
            key = after + r.key[len(before):] if r.key.startswith(before) else r.key
            updates.append({"aid": r.article_id, "cid_": r.id, "new_subject": new, "new_key": key[:600]})
    if updates:
        conn.execute(c.update().where(c.c.article_id == sa.bindparam("aid"), c.c.id == sa.bindparam("cid_"))
                     .values(subject=sa.bindparam("new_subject"), key=sa.bindparam("new_key")), updates)


def _garbled_form(first: str, known: str) -> bool:
    """Whether the first-name key ``first`` reads as a slip of the known given name ``known``:
    they share their first :data:`GARBLED_PREFIX` letters and all but :data:`GARBLED_SLACK`
    of the known name's. A feminine form (the known name plus "a", or less it) is another
    person: "Oleksandra" is not "Oleksandr"."""
    if first == known or first == known + "a" or known == first + "a":
        return False
    shared = next((i for i, (a, b) in enumerate(zip(first, known, strict=False)) if a != b), min(len(first), len(known)))
    return shared >= max(GARBLED_PREFIX, len(known) - GARBLED_SLACK)


#: Shortest stem (letters before the ending) a Polish case form is read from: "Dudy" is Duda's
#: genitive, but a two-letter stem is too short to tell a case form from another name.
MIN_CASE_STEM = 3


def _nominatives(surname: str) -> list[str]:
    """The nominatives ``surname`` is a Polish case form of: "lavrova" -> ["lavrov"]."""
    return [n for base, form in surname_case_endings() if (n := _swap_end(surname, form, base, base))]


def _case_forms(surname: str) -> list[str]:
    """The Polish case forms of a man's nominative surname: "lavrov" -> ["lavrova", ...]."""
    return [f for base, form in surname_case_endings() if (f := _swap_end(surname, base, form, base))]


def _swap_end(word: str, old: str, new: str, base: str) -> str | None:
    """``word`` with its ending ``old`` replaced by ``new``, when the stem left is long enough
    and, for a nominative with no ending of its own (``base`` empty), ends in a consonant."""
    stem = word[:len(word) - len(old)]
    if word.endswith(old) and len(stem) >= MIN_CASE_STEM and (base or stem[-1] not in VOWELS):
        return stem + new
    return None


def _add_near(index: dict[str, set[str]], surname: str) -> None:
    """Index a surname under its consonants, if it is long enough to be merged: surnames a few
    vowels apart share them."""
    if len(surname) >= NEAR_SURNAME_LEN - 1:
        index[consonants(surname)].add(surname)
