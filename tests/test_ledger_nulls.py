"""Records whose optional fields are empty read back from the ledger unchanged."""

from __future__ import annotations

import pytest

from ledger_support import analyse, open_ledger
from newsledger.ledger import queries


@pytest.fixture
def ledger(tmp_path):
    yield from open_ledger("sqlite", tmp_path)


def test_unresolved_times_and_bare_attributions_round_trip(ledger) -> None:
    # "pre-war" and "before the offensive" are time expressions with no date; the quote
    # "it was reported that" has no source; both have null fields that the store drops.
    [report] = analyse([(
        "Before the offensive, the pre-war town had 20,000 people. It was reported that the "
        "bridge had fallen. \"We will hold,\" a soldier said.", {"published": "2024-05-01"})])
    assert any(t.value is None for t in report.times) or any(
        q.source is None or q.cue is None for q in report.quotes)
    list(ledger.add([report]))
    [back] = list(queries.iter_reports(ledger))
    assert back.times == report.times
    assert back.quotes == report.quotes
    assert back.quantities == report.quantities
