"""PostgreSQL keeps each article's and quote's search vector in a stored, indexed column
(migration 12) instead of computing it from the text for every match a search ranks or pages:
the column holds what the expression gives, for every row however it was written, and every
search answers what the expression-based search answered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ledger_support import TEXTS, WIRE_COPY, analyse, open_ledger

QUERIES = ["Pokrovsk", "Zelensky", "strike OR missile", "\"Donetsk region\"", "Russian -Kramatorsk", "roads"]


@pytest.fixture(scope="module")
def reports() -> list[Any]:
    return analyse([*TEXTS, WIRE_COPY])


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Any]:
    yield from open_ledger("postgresql", tmp_path)


def _differing(ledger: Any) -> dict[str, int]:
    from newsledger.ledger.migrations import PG_SEARCH_VECTORS, SEARCH_VECTOR

    with ledger.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t} WHERE {SEARCH_VECTOR} IS DISTINCT FROM {expr}"
                                        ).scalar_one() for t, expr in PG_SEARCH_VECTORS.items()}


def _answers(ledger: Any) -> list[Any]:
    from newsledger.ledger import queries as lq

    return [lq.search_all(ledger, q, page=lq.Page(limit=3)).model_dump() for q in QUERIES] + \
        [[h.model_dump() for h in lq.search(ledger, q)] for q in QUERIES]


def test_stored_vectors_give_the_searches_of_the_expression(ledger: Any, reports: list[Any],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from newsledger.ledger import reanalysis

    search = importlib.import_module("newsledger.ledger.queries.search")

    list(ledger.add(reports[:2], batch_size=1))
    list(ledger.add(reports[2:]))
    reanalysis.replace(ledger, [reports[0]])
    assert _differing(ledger) == {"articles": 0, "quotes": 0}
    with ledger.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM quotes WHERE search_tsv IS NOT NULL").scalar_one()
    assert n >= 3
    stored = _answers(ledger)
    assert stored[0]["hits"] and stored[0]["quotes"]["items"]  # something found, so the comparison means something
    # the same searches with each vector computed from the text (the expressions of step 2)
    monkeypatch.setattr(search, "_PG_ART", "to_tsvector('english', coalesce(articles.title, '') || ' ' || articles.text)")
    monkeypatch.setattr(search, "_PG_QUO",
                        "to_tsvector('english', coalesce(quotes.text, '') || ' ' || coalesce(quotes.speaker, ''))")
    assert _answers(ledger) == stored


def test_migration_12_adds_the_vectors_to_an_older_ledger(ledger: Any, reports: list[Any]) -> None:
    from newsledger.ledger import Ledger
    from newsledger.ledger.migrations import _PG_FTS

    list(ledger.add(reports))
    want = _answers(ledger)
    url = ledger.url
    with ledger.engine.begin() as conn:  # the ledger as step 12 finds it: step 2's expression indexes
        for t in ("articles", "quotes"):
            conn.exec_driver_sql(f"ALTER TABLE {t} DROP COLUMN search_tsv")
        for sql in _PG_FTS:
            conn.exec_driver_sql(sql)
        conn.exec_driver_sql("DROP TABLE speaker_stats")
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version = 12")
    ledger.engine.dispose()
    with Ledger(url) as again:
        assert _differing(again) == {"articles": 0, "quotes": 0}
        indexes = {ix["name"] for t in ("articles", "quotes") for ix in sa.inspect(again.engine).get_indexes(t)}
        assert {"ix_articles_search_tsv", "ix_quotes_search_tsv"} <= indexes
        assert not {"ix_articles_tsv", "ix_quotes_tsv"} & indexes
        assert _answers(again) == want
