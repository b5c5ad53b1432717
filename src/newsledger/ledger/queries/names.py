"""One rule for matching names, used by every query (CLI and API alike).

- A name filter is folded (:func:`~newsledger.ledger.resolve.fold`: case, accents and
  punctuation ignored) and matches a canonical person or organisation when it occurs in any
  of its stored names (``entity_aliases``, folded when stored). "Jose Andres" finds José Andrés.
- A text that folds to nothing ("%", "!!") matches nothing.
- A quote's speaker that no canonical entity holds (a group, an unresolved name) matches when
  the filter occurs in its folded text as whole words (:func:`holds_words`: "un" is not in
  "ukrainian units"). Folding runs in Python on the distinct stored values,
  so SQLite and PostgreSQL answer alike without extensions.
- An organisation is defined once: ``org=NAME`` means every organisation ``org_id`` whose
  names hold NAME, and a quote belongs to an organisation when the organisation speaks or the
  speaker's affiliation is one of its names (compared by :func:`~newsledger.ledger.resolve.org_key`).
- A name also matches a stored name that holds it in another spelling, word by word
  (:func:`spelled_aliases`: Zelenskiy = Zelensky = Zelenskyy).
- Places match their folded canonical name (``canonical_places.name_key``) as whole words:
  "Kharkiv" finds Kharkiv and Kharkiv Oblast, "UN" finds no Hungary and no Tunisia.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from ...nlp.spelling import spelling_key
from .. import schema as s
from ..resolve import NAME_WORD, fold, org_key, spelling_keys
from .filters import contains

CE, AL, CP = s.canonical_entities, s.entity_aliases, s.canonical_places

#: Largest canonical id that can exist: the id columns are 32-bit integers on PostgreSQL,
#: which refuses a larger bound value instead of finding nothing.
MAX_ROW_ID = 2**31 - 1
#: A name is matched in other spellings only when its last word's spelling key has at least
#: this many letters (as :data:`~newsledger.ledger.queries.search.MIN_VARIANT_KEY`): "Li" or
#: "Kim" would join unrelated people.
SPELLING_MIN_KEY = 4


def possible_id(cid: int | None) -> bool:
    """Whether ``cid`` (None: no id asked for) could name a stored row."""
    return cid is None or 1 <= cid <= MAX_ROW_ID


def key(text: str) -> str:
    return fold(text)


def entity_ids(conn: sa.Connection, name: str | None, cid: int | None,
               labels: tuple[str, ...] | None) -> list[int]:
    """Canonical entities (of ``labels``, None: any) whose names hold ``name`` and/or whose id is ``cid``."""
    if not possible_id(cid):
        return []
    stmt = sa.select(CE.c.id)
    if labels is not None:
        stmt = stmt.where(CE.c.label.in_(labels))
    if cid is not None:
        stmt = stmt.where(CE.c.id == cid)
    if name is not None:
        k = key(name)
        if not k:
            return []
        held = contains(AL.c.alias, k, case=True)
        spelt = spelled_aliases(conn, name)
        if spelt:
            held = sa.or_(held, AL.c.alias.in_(spelt))
        stmt = stmt.where(CE.c.id.in_(sa.select(AL.c.canonical_id).where(held)))
    return [int(x) for x in conn.execute(stmt.distinct()).scalars()]


def spelled_aliases(conn: sa.Connection, name: str) -> list[str]:
    """Stored names holding ``name`` in another spelling: its words' spelling keys
    (:func:`~newsledger.nlp.spelling.spelling_key`) in a row among the alias's ("Zelenskiy"
    finds "volodymyr zelensky", "Aleksandr Lukashenko" finds "alexander lukashenko"). The
    alias's keys are stored with it (``entity_aliases.spelling``, migration 9)."""
    words = NAME_WORD.findall(fold(name))
    if not words or len(spelling_key(words[-1])) < SPELLING_MIN_KEY:
        return []
    want = spelling_keys(" ".join(words))
    return list(conn.execute(sa.select(AL.c.alias).where(contains(AL.c.spelling, want, case=True))
                             .distinct()).scalars())


def spelled_words(conn: sa.Connection, keys: set[str]) -> dict[str, set[str]]:
    """For each spelling key, the words of stored names that have it ("zelenski":
    zelensky, zelenskiy, zelenskyy), case-folded: the other spellings search adds."""
    out: dict[str, set[str]] = {}
    if not keys:
        return out
    held = sa.or_(*(contains(AL.c.spelling, f" {k} ", case=True) for k in sorted(keys)))
    for alias in conn.execute(sa.select(AL.c.alias).where(held).distinct()).scalars():
        for w in NAME_WORD.findall(alias or ""):
            k = spelling_key(w)
            if k in keys:
                out.setdefault(k, set()).add(w.casefold())
    return out


def aliases(conn: sa.Connection, ids: list[int]) -> set[str]:
    """The organisation keys of every stored name of these entities."""
    if not ids:
        return set()
    names = conn.execute(sa.select(AL.c.alias).where(AL.c.canonical_id.in_(ids))).scalars()
    found = {org_key(a) for a in names}
    found.update(org_key(n) for n in conn.execute(sa.select(CE.c.name).where(CE.c.id.in_(ids))).scalars())
    found.discard("")
    return found


def values_matching(conn: sa.Connection, col: sa.ColumnElement[Any], test: Any,
                    *where: sa.ColumnElement[bool]) -> list[str]:
    """The distinct stored values of ``col`` for which ``test(value)`` holds."""
    stmt = sa.select(col).where(col.is_not(None), *where).distinct()
    return [v for v in conn.execute(stmt).scalars() if test(v)]


def holds_words(folded: str, k: str) -> bool:
    """Whether the folded text holds ``k`` as whole words ("kharkiv" in "kharkiv oblast", but
    "un" not in "hungary" nor in "ukrainian units")."""
    return bool(k) and re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", folded) is not None


def text_holds(name: str) -> Any:
    """A test: the folded value holds the folded ``name`` as whole words (as
    :func:`holds_words`, the pattern compiled once: it runs on every distinct stored value)."""
    k = key(name)
    if not k:
        return lambda v: False
    pattern = re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)")
    return lambda v: pattern.search(fold(v)) is not None


def place_ids(conn: sa.Connection, name: str | None, pid: int | None) -> list[int]:
    """Canonical places whose name holds ``name`` and/or whose id is ``pid``."""
    if not possible_id(pid):
        return []
    stmt = sa.select(CP.c.id, CP.c.name_key)
    if pid is not None:
        stmt = stmt.where(CP.c.id == pid)
    if name is None:
        return [int(r.id) for r in conn.execute(stmt)]
    k = key(name)
    if not k:
        return []
    stmt = stmt.where(contains(CP.c.name_key, k, case=True))  # narrowed in SQL, then by whole words
    return [int(r.id) for r in conn.execute(stmt) if holds_words(r.name_key, k)]


def same_outlet(conn: sa.Connection, col: sa.ColumnElement[Any], outlet: str,
                *where: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    """``col`` (a publisher) is ``outlet``, compared folded."""
    k = key(outlet)
    return col.in_(values_matching(conn, col, lambda v: bool(k) and fold(v) == k, *where))
