"""``newsledger ingest --workers N``: the analysis on local worker processes, one writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_support import TEXTS
from newsledger.cli.main import app


def _ingest(tmp_path: Path, name: str, *extra: str) -> tuple[int, str, dict[str, int]]:
    src = tmp_path / "in"
    if not src.is_dir():
        src.mkdir()
        for i, text in enumerate(TEXTS):
            (src / f"a{i}.txt").write_text(text + "\n", "utf-8")
        (src / "empty.txt").write_text("   \n", "utf-8")
    db = tmp_path / f"{name}.sqlite"
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "-q", *extra])
    with sqlite3.connect(db) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "quotes", "quantities", "places", "events")}
    return r.exit_code, r.output, counts


def test_ingest_in_process_records_the_bad_input_and_stores_the_rest(tmp_path: Path) -> None:
    code, out, counts = _ingest(tmp_path, "one")
    assert code == 1  # one input failed
    assert "empty.txt" in out
    assert counts["articles"] == len(TEXTS)


@pytest.mark.slow
def test_ingest_on_two_workers_stores_the_same_ledger(tmp_path: Path) -> None:
    _, _, one = _ingest(tmp_path, "one")
    code, out, two = _ingest(tmp_path, "two", "--workers", "2", "--batch-size", "4")
    assert code == 1 and "empty.txt" in out
    assert two == one
