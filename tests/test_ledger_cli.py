"""The ledger commands, and durability: a real ``newsledger ingest`` killed mid-run, then rerun."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledger_support import TEXTS, WIRE_COPY, analyse
from newsledger.cli.main import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Kramatorsk", "Pokrovsk", "Kostiantynivka", "Sloviansk", "Kharkiv", "Sumy", "Kherson", "Zaporizhzhia"]
WEAPONS = ["artillery", "drone", "missile", "rocket"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (f"{place} came under {WEAPONS[i % 4]} fire on {DAYS[i % 5]} morning, officials said in report {i}.\n\n"
            f"At least {i + 2} people were wounded in {place}, according to the regional police.\n\n"
            f"\"We need air defence now,\" said Mykola Petrenko{i}, the head of the city administration.")


@pytest.fixture(scope="module")
def reports_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "reports.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in analyse([*TEXTS, WIRE_COPY])), "utf-8")  # type: ignore[attr-defined]
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_store_only_ingest_and_every_query_command(tmp_path: Path, reports_file: Path):
    db = str(tmp_path / "l.sqlite")
    code, out = invoke("ingest", str(reports_file), "--db", db, "-q")
    assert code == 0, out
    assert "4 added (1 near-duplicates clustered), 0 duplicates, 0 failed" in out
    code, out = invoke("ingest", str(reports_file), "--db", db, "-q")
    assert code == 0 and "0 added, 4 duplicates" in out
    for cmd in (["search", "roads"], ["quotes", "--by", "Zelensky"], ["people"], ["experts"],
                ["ledger-places"], ["places"], ["claims", "--about", "Pokrovsk"]):
        code, out = invoke(*cmd, "--db", db, "--format", "json")
        assert code == 0, (cmd, out)
        assert json.loads(out), cmd
        if cmd != ["places"]:  # newsledger places prints table, json or geojson
            code, out = invoke(*cmd, "--db", db, "--format", "csv")
            assert code == 0 and out.count("\n") >= 2, cmd
    code, out = invoke("claims", "--about", "Pokrovsk", "--db", db, "--format", "jsonl")
    values = [json.loads(line)["value"] for line in out.splitlines()]
    assert 10.0 in values and 8.0 in values


def test_exports(tmp_path: Path, reports_file: Path):
    db = str(tmp_path / "l.sqlite")
    invoke("ingest", str(reports_file), "--db", db, "-q")
    out_file = tmp_path / "all.jsonl"
    assert invoke("export", "--format", "jsonl", "-o", str(out_file), "--db", db)[0] == 0
    original = {json.loads(line)["article"]["id"] for line in reports_file.read_text("utf-8").splitlines()}
    assert {json.loads(line)["article"]["id"] for line in out_file.read_text("utf-8").splitlines()} == original
    # every place (those below 0.9 confidence too: --all-events), each once
    code, out = invoke("export", "--format", "geojson", "--all-events", "--db", db)
    assert code == 0
    geo = json.loads(out)
    names = {f["properties"]["name"] for f in geo["features"] if f["properties"]["kind"] == "place"}
    assert {"Pokrovsk", "Kramatorsk"} <= names
    for fmt, ext in (("csv", "csv"), ("parquet", "parquet")):
        assert invoke("export", "--format", fmt, "-o", str(tmp_path / fmt), "--db", db)[0] == 0
        assert (tmp_path / fmt / f"quotes.{ext}").is_file()
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "parquet" / "articles.parquet").num_rows == len(original)
    assert invoke("export", "--format", "csv", "--db", db)[0] == 2  # a directory is required


def test_failed_inputs_are_listed_and_exit_nonzero(tmp_path: Path, reports_file: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": ""}\n{oops\n', "utf-8")
    code, out = invoke("ingest", str(reports_file), str(bad), str(tmp_path / "none.txt"),
                       "--db", str(tmp_path / "l.sqlite"), "-q")
    assert code == 1
    assert "4 added" in out and "3 failed" in out
    assert f"skipped {bad}:1" in out and f"skipped {bad}:2" in out and "none.txt" in out


def _table_rows(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        out = {}
        for table in ("articles", "entities", "quotes", "quantities", "places", "events", "claims",
                      "canonical_entities", "canonical_places", "quote_places", "times"):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in ("ingested_at",)]
            out[table] = sorted(con.execute(f"SELECT {', '.join(map(repr, cols))} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_mid_ingest_then_rerun_finishes_without_duplicates(tmp_path: Path):
    n = 60
    src = tmp_path / "stories"
    src.mkdir()
    for i in range(n):
        (src / f"{i:03d}.txt").write_text(story(i), "utf-8")
    db = tmp_path / "killed.sqlite"
    cmd = [sys.executable, "-m", "newsledger", "ingest", str(src), "--db", str(db), "--batch-size", "2", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _count(db) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    committed = _count(db)
    assert 0 < committed < n
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - committed} added" in rerun.stdout and f"{committed} duplicates" in rerun.stdout
    assert _count(db) == n

    clean = tmp_path / "clean.sqlite"
    once = subprocess.run([*cmd[:6], str(clean), *cmd[7:]], env=env, capture_output=True, text=True, timeout=600)
    assert once.returncode == 0, once.stderr
    assert _table_rows(db) == _table_rows(clean)


def test_demo_articles_and_feed_build_the_documented_ledger(tmp_path: Path):
    from newsledger.cli.demo import build_demo_ledger
    from newsledger.ledger import Ledger, queries

    url = build_demo_ledger(str(tmp_path / "demo.sqlite"), quiet=True)
    with Ledger(url) as ledger:
        stats = queries.stats(ledger)
        assert (stats["articles"], stats["clusters"]) == (5, 4)  # four stories and one wire copy
        rows = [c for c in queries.claims(ledger, queries.Filters(place="Pokrovsk")).items if c.relation == "distance to"]
        assert [(c.date, c.value) for c in rows] == [("2024-08-20", 10.0), ("2024-08-21", 10.0), ("2024-08-27", 8.0)]
        assert [c.independent_sources for c in rows] == [1, 1, 1] and all(c.disagrees for c in rows)
        marchenko = queries.entities(ledger, queries.Filters(name="Marchenko")).items
        assert len(marchenko) == 1 and marchenko[0].n_articles == 4
    from newsledger.cli.demo import demo_sources

    code, out = invoke("ingest", *demo_sources(), "--db", url, "-q")
    assert code == 0 and "0 added, 9 duplicates" in out
