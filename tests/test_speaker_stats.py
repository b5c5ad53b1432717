"""The expert directory's rows kept at ingest (``speaker_stats``, migration 12) give what the
directory computed over the quotes gives, on SQLite and PostgreSQL: after batches, single
articles, re-analyses that drop and restore quotes, whatever the order the articles came in,
and after the migration fills them on an older ledger."""

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
    # undated: counted, never first or last quoted
    ("\"We need more air defence in Kharkiv,\" said Volodymyr Zelenskyy, the Ukrainian president, in Kyiv.\n\n"
     "\"Europe will help Odesa,\" said Jean-Yves Le Drian, a former French foreign minister.",
     {"publisher": "Syndicated Daily"}),
    ("President Zelenskiy met Jean-Yves Le Drian in Paris on Friday.\n\n"
     "\"Ukraine will hold Kharkiv,\" Zelenskiy said after the meeting.",
     {"publisher": "Eastern Front Monitor", "published": "2024-09-06"}),
]

PAGES = [(50, 0), (2, 0), (2, 1), (3, 2), (1, 50)]


@pytest.fixture(scope="module")
def reports() -> list[Any]:
    return analyse([*TEXTS, WIRE_COPY, *MORE])


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    yield from open_ledger(request.param, tmp_path)


def _stored(ledger: Any) -> list[dict[str, Any]]:
    """The table's rows, canonical ids replaced by the canonical keys (ids depend on the order
    rows arrived in; the keys say who they are), sorted."""
    from newsledger.ledger import schema as s

    with ledger.engine.connect() as conn:
        keys = {r.id: (r.label, r.key) for r in conn.execute(sa.select(s.canonical_entities))}
        rows = [dict(r._mapping) for r in conn.execute(sa.select(s.speaker_stats))]
    for r in rows:
        r["canonical_id"] = keys.get(r["canonical_id"])
    return sorted(rows, key=repr)


def _recounted(ledger: Any) -> list[dict[str, Any]]:
    from newsledger.ledger.speaker_stats import computed

    with ledger.engine.connect() as conn:
        rows = [r.values() for r in computed(conn).values()]
        keys = {r.id: (r.label, r.key) for r in conn.execute(sa.text("SELECT id, label, key FROM canonical_entities"))}
    for r in rows:
        r["canonical_id"] = keys.get(r["canonical_id"])
    return sorted(rows, key=repr)


def _directory_agrees(ledger: Any) -> Any:
    """The directory from the kept rows equals the directory grouped over the quotes."""
    from newsledger.ledger import queries as lq

    for limit, offset in PAGES:
        page = lq.Page(limit=limit, offset=offset)
        kept = lq.experts(ledger, lq.Filters(), page)
        assert kept == lq.experts(ledger, lq.Filters(), page, recount=True), page
    return lq.experts(ledger, lq.Filters(), lq.Page(limit=50))


def test_kept_rows_equal_the_directory_over_the_quotes(ledger: Any, reports: list[Any]) -> None:
    from newsledger.ledger import reanalysis

    list(ledger.add(reports[:3], batch_size=2))  # a batch, then one
    assert _stored(ledger) == _recounted(ledger)
    list(ledger.add(reports[3:]))  # the rest: the first quote, dates and sets joined with what is stored
    stats = _stored(ledger)
    assert stats and stats == _recounted(ledger)
    full = _directory_agrees(ledger)
    assert full.total == len(stats) >= 3
    # what the rows must show, so the comparison above is not of empty answers
    assert any(x.quotes >= 2 and x.articles >= 2 for x in full.items)
    assert any(x.topics for x in full.items) and any(x.roles for x in full.items)
    assert any(x.first_quoted != x.last_quoted for x in full.items)

    # re-analysis: one article loses its quotes, another its people and quotes
    first, last = reports[0], reports[-1]
    no_quotes = first.model_copy(update={"quotes": []})
    no_people = last.model_copy(update={"quotes": [], "entities": [e for e in last.entities if e.label != "PERSON"]})
    assert [r.status for r in reanalysis.replace(ledger, [no_quotes, no_people])] == ["added", "added"]
    after = _stored(ledger)
    assert after != stats and after == _recounted(ledger)
    _directory_agrees(ledger)
    # and back: the original reports restore the first rows
    reanalysis.replace(ledger, [first, last])
    assert _stored(ledger) == _recounted(ledger) == stats
    _directory_agrees(ledger)


def test_kept_rows_do_not_depend_on_the_order(ledger: Any, reports: list[Any], tmp_path: Path) -> None:
    from newsledger.ledger import Ledger

    list(ledger.add(reports[::-1], batch_size=1))  # backwards, one at a time
    with Ledger(f"sqlite:///{tmp_path / 'forward.sqlite'}") as forward:
        list(forward.add(reports, batch_size=100))  # forwards, one batch
        want = _stored(forward)
        directory = _directory_agrees(forward)
    assert want and _stored(ledger) == want
    assert _directory_agrees(ledger).model_dump(exclude={"items": {"__all__": {"id"}}}) == \
        directory.model_dump(exclude={"items": {"__all__": {"id"}}})


def test_migration_12_fills_the_rows(ledger: Any, reports: list[Any]) -> None:
    from newsledger.ledger import Ledger
    from newsledger.ledger import schema as s
    from newsledger.ledger.migrations import applied

    list(ledger.add(reports))
    stats = _stored(ledger)
    url = ledger.url
    with ledger.engine.begin() as conn:  # the ledger as step 12 finds it: no such table
        s.speaker_stats.drop(conn)
        conn.execute(s.migrations.delete().where(s.migrations.c.version == 12))
    ledger.engine.dispose()
    with Ledger(url) as again:
        with again.engine.connect() as conn:
            assert 12 in applied(conn)
        assert _stored(again) == stats
        _directory_agrees(again)


def test_a_quote_is_about_the_places_shown_by_default_only() -> None:
    # an expert's topics and the quotes filtered by place read the places a quote is about:
    # a reading hidden by its confidence (not shown) never becomes a topic
    from helpers import analyze_text
    from newsledger.ledger.merge import merge_info

    r = analyze_text('"Russian shells hit Kharkiv in Ukraine overnight," Olena Marchuk, a local official, said on Monday.')
    place = next(p for p in r.places if p.name == "Kharkiv")
    assert place.shown
    assert place.id in merge_info(r).quotes[0].about
    hidden = r.model_copy(update={"places": [p.model_copy(update={"shown": False}) for p in r.places]})
    assert merge_info(hidden).quotes[0].about == ()
