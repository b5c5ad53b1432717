"""The fixed tune/check split, and the ACLED (CASE 2021 task 2) events evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli.main import app
from newsledger.errors import BadRecordError
from newsledger.eval.acled import read_case
from newsledger.eval.common import part_of, select_part


def test_parts_are_stable_and_split_about_half() -> None:
    # fixed values: a change of hash or rule would move documents between the parts
    assert [part_of(k) for k in ("a", "b", "doc-1", "doc-2")] == [part_of(k) for k in ("a", "b", "doc-1", "doc-2")]
    assert part_of("a") == "tune" and part_of("doc-1") == "check"
    keys = [f"doc-{i}" for i in range(2000)]
    share = sum(part_of(k) == "check" for k in keys) / len(keys)
    assert 0.45 < share < 0.55


def test_select_part_partitions_rows() -> None:
    rows = [{"doc_id": f"d{i}"} for i in range(50)] + [{"id": f"i{i}"} for i in range(50)] + [{"text": "t"}]
    tune, check = select_part(rows, "tune"), select_part(rows, "check")
    assert len(tune) + len(check) == len(rows) and not {id(r) for r in tune} & {id(r) for r in check}
    assert select_part(rows, "all") == rows
    with pytest.raises(ValueError, match="unknown part"):
        select_part(rows, "dev")


def test_a_tsv_that_is_not_case_format_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "other.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(BadRecordError, match=r"other\.tsv.*CASE 2021"):
        read_case(bad)


@pytest.mark.slow
def test_case_events_are_scored_by_acled_sub_type(tmp_path: Path) -> None:
    data = tmp_path / "case.tsv"
    data.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tHundreds of teachers marched peacefully through the capital on Monday to demand higher pay.\tPEACE_PROTEST\n"
        "2\tPolice arrested three men suspected of smuggling weapons across the border.\tARREST\n"
        "3\tThe two neighbours signed a ceasefire agreement in Doha on Friday.\tAGREEMENT\n",
        encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    r = CliRunner().invoke(app, ["eval", "events", "--data", str(data), "--predictions", str(out), "--json"])
    assert r.exit_code == 0, r.output
    import json

    figures = json.loads(r.output)
    assert figures["snippets"] == 3
    assert set(figures["confusion"]) == {"PEACE_PROTEST", "ARREST", "AGREEMENT"}
    preds = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [p["gold"] for p in preds] == ["PEACE_PROTEST", "ARREST", "AGREEMENT"]
    # each prediction is an ACLED label or NONE, and right ones are counted as right
    correct = sum(p["gold"] == p["predicted"] for p in preds)
    assert figures["accuracy"] == round(correct / 3, 4)
