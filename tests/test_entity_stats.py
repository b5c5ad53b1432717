"""Counts kept at ingest (migration 9) and the faster list queries give what the aggregates
over the records give, on SQLite and PostgreSQL: the per-entity counts after mixed writes
(batches, single articles, re-analysis that drops and changes records), the stored spelling
keys of every alias, and the quote lists' newest-first walk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ledger_support import TEXTS, WIRE_COPY, analyse, open_ledger

MORE: list[tuple[str, dict[str, str]]] = [
    ("Samuel Hart, an analyst at the Centre for Eastern Security Studies, said the roads west of "
     "Pokrovsk were under fire.\n\n\"The next weeks decide it,\" Hart said.",
     {"publisher": "Northern Wire Service", "published": "2024-09-02"}),
    # undated: counted, never first or last seen
    ("\"We need more air defence,\" said Volodymyr Zelenskyy, the Ukrainian president, in Kyiv.\n\n"
     "Jean-Yves Le Drian, a former French foreign minister, said Europe would help.",
     {"publisher": "Syndicated Daily"}),
    ("President Zelenskiy met Jean-Yves Le Drian in Paris on Friday.\n\n"
     "\"Ukraine will hold,\" Zelenskiy said after the meeting.",
     {"publisher": "Eastern Front Monitor", "published": "2024-09-06"}),
]


@pytest.fixture(scope="module")
def reports() -> list[Any]:
    return analyse([*TEXTS, WIRE_COPY, *MORE])


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    yield from open_ledger(request.param, tmp_path)


def _stored(ledger: Any) -> dict[int, dict[str, Any]]:
    from newsledger.ledger import schema as s

    with ledger.engine.connect() as conn:
        return {r.canonical_id: dict(r._mapping) for r in conn.execute(sa.select(s.entity_stats))}


def _recounted(ledger: Any) -> dict[int, dict[str, Any]]:
    from newsledger.ledger.entity_stats import computed

    with ledger.engine.connect() as conn:
        return computed(conn)


def _lists_agree(ledger: Any) -> None:
    from newsledger.ledger import queries as lq

    for labels in (("PERSON",), ("ORG",), None):
        for page in (lq.Page(limit=3), lq.Page(limit=50), lq.Page(limit=2, offset=2)):
            kept = lq.entities(ledger, lq.Filters(), page, labels=labels)
            assert kept == lq.entities(ledger, lq.Filters(), page, labels=labels, recount=True)
    assert lq.entities(ledger, lq.Filters(q="zelensky"), labels=("PERSON",)) == \
        lq.entities(ledger, lq.Filters(q="zelensky"), labels=("PERSON",), recount=True)


def test_counts_equal_a_recount_after_mixed_writes(ledger: Any, reports: list[Any]) -> None:
    from newsledger.ledger import reanalysis

    list(ledger.add(reports[:3], batch_size=2))  # a batch, then one
    stats = _stored(ledger)
    assert stats and stats == _recounted(ledger)
    list(ledger.add(reports[3:]))  # the rest in one batch: dates and roles compared with what is stored
    stats = _stored(ledger)
    assert stats == _recounted(ledger)
    zelensky = [r for r in stats.values() if r["n_quotes"] >= 2]
    assert zelensky, "someone quoted in two articles"
    assert any(r["first_seen"] != r["last_seen"] for r in stats.values())
    assert any(r["latest_role"] for r in stats.values())
    _lists_agree(ledger)

    # re-analysis: one article loses its quotes, another its people and quotes
    first, last = reports[0], reports[-1]
    no_quotes = first.model_copy(update={"quotes": []})
    no_people = last.model_copy(update={"quotes": [], "entities": [e for e in last.entities if e.label != "PERSON"]})
    assert [r.status for r in reanalysis.replace(ledger, [no_quotes, no_people])] == ["added", "added"]
    after = _stored(ledger)
    assert after != stats  # the counts moved
    assert after == _recounted(ledger)
    _lists_agree(ledger)
    # and back: a duplicate is no write; the original reports restore the first counts
    assert {r.status for r in ledger.add([first])} == {"duplicate"}
    reanalysis.replace(ledger, [first, last])
    assert _stored(ledger) == _recounted(ledger) == stats
    _lists_agree(ledger)


def test_migration_fills_counts_and_spellings(ledger: Any, reports: list[Any]) -> None:
    from newsledger.ledger import Ledger
    from newsledger.ledger import schema as s
    from newsledger.ledger.resolve import spelling_keys

    list(ledger.add(reports))
    stats = _stored(ledger)
    al = s.entity_aliases
    with ledger.engine.begin() as conn:  # the ledger as step 9 finds it: no counts, no keys
        conn.execute(s.entity_stats.delete())
        conn.execute(al.update().values(spelling=None))
        conn.execute(s.migrations.delete().where(s.migrations.c.version == 9))
    with Ledger(ledger.url) as again:
        assert _stored(again) == stats
        with again.engine.connect() as conn:
            rows = conn.execute(sa.select(al.c.alias, al.c.spelling)).all()
            assert 9 in set(conn.execute(sa.select(s.migrations.c.version)).scalars())  # step 9 ran again
    assert rows and all(r.spelling == spelling_keys(r.alias) for r in rows)


def test_spellings_stored_at_ingest_match_names(ledger: Any, reports: list[Any]) -> None:
    from newsledger.ledger import queries as lq
    from newsledger.ledger import schema as s
    from newsledger.ledger.queries import names
    from newsledger.ledger.resolve import spelling_keys

    list(ledger.add(reports))
    al = s.entity_aliases
    with ledger.engine.connect() as conn:
        rows = conn.execute(sa.select(al.c.alias, al.c.spelling)).all()
        assert rows and all(r.spelling == spelling_keys(r.alias) for r in rows)
        # another spelling of a stored name, word by word; hyphenated names by their parts
        assert any("zelenskyy" in a for a in names.spelled_aliases(conn, "Zelensky"))
        assert any("jean-yves" in a for a in names.spelled_aliases(conn, "Jean-Ives Le Drian"))
        assert names.spelled_aliases(conn, "Kim") == []  # a key under SPELLING_MIN_KEY letters
        words = names.spelled_words(conn, {"zelenski"})
        assert {"zelenskyy", "zelenskiy"} <= words["zelenski"]
    found = lq.search_all(ledger, "Zelensky")
    assert {"zelenskyy", "zelenskiy"} <= set(found.variants["zelensky"])
    people = lq.entities(ledger, lq.Filters(person="Zelenskiy"), labels=("PERSON",))
    assert people.total >= 1 and all("zelensk" in " ".join(p.aliases) for p in people.items)


def test_quote_lists_equal_the_plain_join(ledger: Any, reports: list[Any]) -> None:
    """The unfiltered list walks the articles newest first and counts the quotes alone; it
    must give what the plain join, sorted and counted, gives (undated articles last)."""
    from newsledger.ledger import queries as lq
    from newsledger.ledger import schema as s
    from newsledger.ledger.queries.quotes import QUOTE_COLUMNS, quote_rows

    list(ledger.add(reports))
    A, Q = s.articles, s.quotes
    with ledger.engine.connect() as conn:
        plain = sa.select(*QUOTE_COLUMNS).join(A, A.c.id == Q.c.article_id)
        n = conn.execute(sa.select(sa.func.count()).select_from(plain.subquery())).scalar_one()
        assert n >= 6
        shown = Q.c.shown == sa.true()  # the lists show the quotes shown by default (migration 11)
        for f, cond in ((lq.Filters(), [shown]), (lq.Filters(include_hidden=True), []),
                        (lq.Filters(since="2024-08-25"), [A.c.published >= "2024-08-25", shown])):
            want_total = conn.execute(sa.select(sa.func.count()).select_from(plain.where(*cond).subquery())).scalar_one()
            for page in (lq.Page(limit=2), lq.Page(limit=3, offset=2), lq.Page(limit=50)):
                got = lq.quotes(conn, f, page)
                want = quote_rows(conn, plain.where(*cond).order_by(
                    A.c.published.is_(None), A.c.published.desc(), Q.c.article_id, Q.c.start, Q.c.id)
                    .limit(page.limit).offset(page.offset))
                assert got.total == want_total
                assert got.items == want
