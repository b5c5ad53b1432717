"""The common-word audit of war places (scripts/audit_common_places.py): its definitions on
place records built for a short text written for this test, and one run of the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.models import Article, Place, PlaceMention, TextSpan
from script_support import load_script

audit = load_script("audit_common_places")

TEXT = "Officials met at Union Square in Kharkiv, and Mayor Orange spoke to Berlin."


def _place(name: str, fclass: str, code: str, *, shown: bool = True, resolved: bool = True) -> Place:
    start = TEXT.index(name)
    return Place(article_id="t", id=f"p{start}", name=name, resolved=resolved, geonameid=None,
                 feature_class=fclass, feature_code=code, confidence=0.95 if shown else 0.3, shown=shown,
                 mentions=[PlaceMention(span=TextSpan.of(TEXT, start, start + len(name)))])


def test_common_words_at_populated_places_are_counted() -> None:
    places = [
        _place("Union Square", "S", "PPLC", shown=False),  # a site read at a capital: counts, hidden
        _place("Kharkiv", "P", "PPLA"),  # no common word
        _place("Orange", "P", "PPL"),  # a common word at a town: counts, shown
        _place("Berlin", "A", "ADM1"),  # a division: not a populated place
    ]
    found = {p.name for p, _ in audit.hits(places)}
    assert found == {"Union Square", "Orange"}
    assert not audit.at_populated_place(_place("Orange", "P", "PPL", resolved=False))


def test_the_audit_counts_and_lists_contexts() -> None:
    class Report:
        def __init__(self, places: list[Place]) -> None:
            self.places = places

    article = Article(id="t", text=TEXT)
    errors: list[str] = []
    out = audit.audit([article], [Report([_place("Orange", "P", "PPL"), _place("Union Square", "S", "PPLC",
                                                                                 shown=False)])], errors)
    assert out["common_word_places"] == 2 and out["common_word_places_shown"] == 1
    assert any("[[Orange]]" in line for line in errors)


def test_the_script_runs_the_pipeline_over_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": "Shelling hit Kharkiv overnight, officials in Kyiv said."})
                      + "\n", encoding="utf-8")
    assert audit.main(["--corpus", str(corpus), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 1 and out["resolved_populated"] >= 1 and out["common_word_places"] == 0
    assert audit.main(["--corpus", str(corpus), "--part", "check", "--errors"]) == 2
