"""The reports path (``analyze -f jsonl`` output fed to ``ingest``) verifies what it is given:
the article id is recomputed from the text, every cap applies, and a non-finite number
anywhere in a record is refused, so the ledger never holds a value it cannot export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger_support import TEXTS, analyse
from newsledger.batch.into_ledger import ingest
from newsledger.ingest.article import article_id
from newsledger.ingest.files import Failure
from newsledger.ingest.sources import iter_sources
from newsledger.ledger.export import export_jsonl
from newsledger.ledger.store import Ledger
from newsledger.models import Report
from newsledger.settings import load_settings

pytestmark = pytest.mark.slow

SETTINGS = load_settings(use_files=False)


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return analyse(TEXTS)  # type: ignore[return-value]


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return str(path)


def test_a_forged_id_is_refused_and_does_not_shadow_the_genuine_article(tmp_path: Path, reports: list[Report]) -> None:
    a, b, c = reports
    forged = [r.article.model_copy(update={"id": target.article.id}) for r, target in ((a, b), (a, c))]
    src = _write(tmp_path / "forged.jsonl", [a.model_copy(update={"article": f}).to_json() for f in forged])
    out = list(iter_sources([src], SETTINGS))
    assert [type(i) for i in out] == [Failure, Failure], out
    assert all(i.code == "E111" and "id" in i.reason for i in out if isinstance(i, Failure))
    assert [i.source for i in out if isinstance(i, Failure)] == [f"{src}:1", f"{src}:2"]
    with Ledger(str(tmp_path / "l.sqlite")) as ledger:
        first = ingest(iter_sources([src], SETTINGS), ledger, SETTINGS)
        genuine = _write(tmp_path / "genuine.jsonl", [b.to_json(), c.to_json()])
        second = ingest(iter_sources([genuine], SETTINGS), ledger, SETTINGS)
        assert (first.added, len(first.failures)) == (0, 2)
        assert (second.added, second.duplicates) == (2, 0), "genuine articles were taken for duplicates"


def test_a_record_id_that_differs_from_its_article_is_refused(tmp_path: Path, reports: list[Report]) -> None:
    a = reports[0]
    assert a.quotes
    bad_quote = a.quotes[0].model_copy(update={"article_id": reports[1].article.id})
    rep = a.model_copy(update={"quotes": [bad_quote, *a.quotes[1:]]})
    (fail,) = iter_sources([_write(tmp_path / "r.jsonl", [rep.to_json()])], SETTINGS)
    assert isinstance(fail, Failure) and fail.code == "E111" and "quotes[0]" in fail.reason


def test_the_text_cap_applies_to_reports(tmp_path: Path, reports: list[Report]) -> None:
    small = SETTINGS.replace(max_doc_chars=100)
    a = reports[0]
    assert len(a.article.text) > 100
    (fail,) = iter_sources([_write(tmp_path / "r.jsonl", [a.to_json()])], small)
    assert isinstance(fail, Failure) and fail.code == "E104", fail
    (ok,) = iter_sources([_write(tmp_path / "r.jsonl", [a.to_json()])], SETTINGS)
    assert isinstance(ok, Report) and ok.article.id == article_id(ok.article.text)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
def test_non_finite_numbers_are_refused_anywhere_in_a_record(tmp_path: Path, reports: list[Report],
                                                             token: str) -> None:
    a = reports[0]
    assert a.events
    obj = json.loads(a.to_json())
    obj["events"][0]["confidence"] = "@@"
    line = json.dumps(obj).replace('"@@"', token)
    article = json.dumps({"text": "Officials said two people died.", "score": "@@"}).replace('"@@"', token)
    out = list(iter_sources([_write(tmp_path / "r.jsonl", [line, article])], SETTINGS))
    assert [(type(i), getattr(i, "code", None)) for i in out] == [(Failure, "E121")] * 2, out
    assert "non-finite" in out[0].reason  # type: ignore[union-attr]
    with Ledger(str(tmp_path / "l.sqlite")) as ledger:
        summary = ingest(iter_sources([_write(tmp_path / "r.jsonl", [line, a.to_json()])], SETTINGS),
                         ledger, SETTINGS)
        assert (summary.added, len(summary.failures)) == (1, 1)
        out_path = tmp_path / "export.jsonl"
        with open(out_path, "w", encoding="utf-8") as fh:
            export_jsonl(ledger, fh)
        (line_out,) = out_path.read_text("utf-8").splitlines()
        assert Report.model_validate_json(line_out).article.id == a.article.id


def test_a_non_finite_number_built_in_process_is_refused_too(tmp_path: Path, reports: list[Report]) -> None:
    from newsledger.ingest.validate import check_report

    a = reports[0]
    ev = a.events[0].model_copy(update={"confidence": float("nan")})
    with pytest.raises(Exception) as err:
        check_report(a.model_copy(update={"events": [ev, *a.events[1:]]}), "x")
    assert "E121" in str(err.value)
