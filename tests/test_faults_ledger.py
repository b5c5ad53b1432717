"""Errors, not tracebacks: a ledger from a newer release, a ledger that is not there, a
``--db`` that cannot be created, broken settings, and a ledger damaged in the middle each
give a coded message and exit 2, and nothing is created or written."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fault_support import sha, template_reports, variant
from newsledger.cli.main import app
from newsledger.errors import StoreError
from newsledger.ledger.migrations import MIGRATIONS
from newsledger.ledger.store import Ledger

pytestmark = pytest.mark.slow

NO_CONFIG = {"NEWSLEDGER_CONFIG": "/nonexistent/newsledger-test.toml"}
QUERIES = [["quotes"], ["people"], ["export"], ["search", "killed"], ["claims"], ["experts"], ["ledger-places"]]


def _cli(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env={**NO_CONFIG, **(env or {})})
    out = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out += f"\nTraceback: {type(result.exception).__name__}: {result.exception}"
    return result.exit_code, out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger of 40 reports, its WAL checkpointed into the file."""
    db = tmp_path_factory.mktemp("built") / "ledger.sqlite"
    templates = template_reports()
    with Ledger(str(db)) as ledger:
        assert all(r.status == "added" for r in ledger.add([variant(templates[n % 3], n) for n in range(40)]))
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture
def ledger_copy(tmp_path: Path, built: Path) -> Iterator[Path]:
    db = tmp_path / "ledger.sqlite"
    db.write_bytes(built.read_bytes())
    yield db


@pytest.fixture
def reports_file(tmp_path: Path) -> Path:
    path = tmp_path / "more.jsonl"
    path.write_text("".join(variant(t, 500 + i).to_json() + "\n" for i, t in enumerate(template_reports())), "utf-8")
    return path


def test_a_ledger_from_a_newer_release_is_refused_naming_both_versions(ledger_copy: Path, reports_file: Path) -> None:
    ours = max(m.version for m in MIGRATIONS)
    with closing(sqlite3.connect(ledger_copy)) as conn, conn:
        conn.execute("INSERT INTO ledger_migrations (version, name, applied_at) VALUES (?, 'from the future', 'x')",
                     (ours + 7,))
    before = sha(ledger_copy)
    with pytest.raises(StoreError) as err:
        Ledger(str(ledger_copy))
    assert err.value.code == "E301"
    for args in (["quotes"], ["ingest", str(reports_file), "-q"]):
        code, out = _cli([*args, "--db", str(ledger_copy)])
        assert code == 2, out
        assert "[E301]" in out and f"version {ours + 7}" in out and f"version {ours}" in out, out
        assert "Traceback" not in out
    assert sha(ledger_copy) == before


@pytest.mark.parametrize("args", QUERIES)
def test_a_query_on_a_missing_ledger_says_so_and_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "typo" / "ledgr.sqlite"
    code, out = _cli([*args, "--db", str(db)])
    assert code == 2, out
    assert "[E302]" in out and str(db) in out and "Traceback" not in out, out
    assert not (tmp_path / "typo").exists()


def test_db_under_a_file_or_a_missing_directory(tmp_path: Path, reports_file: Path) -> None:
    (tmp_path / "afile").write_text("x")
    code, out = _cli(["ingest", str(reports_file), "-q", "--db", str(tmp_path / "afile" / "l.sqlite")])
    assert code == 2 and "[E300]" in out and "afile" in out and "Traceback" not in out, out
    code, out = _cli(["quotes", "--db", str(tmp_path / "afile" / "l.sqlite")])
    assert code == 2 and "[E302]" in out and "Traceback" not in out, out
    # ingest creates a ledger where told to, directories included (the default path needs it)
    code, out = _cli(["ingest", str(reports_file), "-q", "--db", str(tmp_path / "new" / "dir" / "l.sqlite")])
    assert code == 0 and "3 added" in out, out


def test_a_settings_file_that_is_not_utf8_is_a_settings_error(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_bytes('batch_size = 10\n# caf\xe9\n'.encode("latin-1"))
    code, out = _cli(["quotes", "--db", str(tmp_path / "l.sqlite")], env={"NEWSLEDGER_CONFIG": str(cfg)})
    assert code == 2 and "[E400]" in out and str(cfg) in out and "Traceback" not in out, out


@pytest.mark.parametrize("value", ["[1,", '["quotes"', "[}"])
def test_malformed_json_in_a_list_setting_is_a_settings_error(tmp_path: Path, value: str) -> None:
    code, out = _cli(["quotes", "--db", str(tmp_path / "l.sqlite")], env={"NEWSLEDGER_COMPONENTS": value})
    assert code == 2 and "[E400]" in out and "NEWSLEDGER_COMPONENTS" in out and "Traceback" not in out, out


def _damage(db: Path, tables: list[str]) -> None:
    """Overwrite the first b-tree page of each table (past the file's header) with garbage."""
    with closing(sqlite3.connect(db)) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0]
                 for t in tables]
    data = bytearray(db.read_bytes())
    for root in roots:
        assert root > 1
        at = (root - 1) * page
        data[at:at + page] = bytes([0x0D, 0xFF, 0xFF, 0xFF]) + os.urandom(page - 4)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("args", [["quotes"], ["people"], ["export"], ["claims"]])
def test_a_ledger_damaged_in_the_middle_is_a_coded_error(ledger_copy: Path, args: list[str]) -> None:
    _damage(ledger_copy, ["quotes", "canonical_entities", "articles", "claims"])
    code, out = _cli([*args, "--db", str(ledger_copy)])
    assert code == 2, out
    assert "[E300]" in out and str(ledger_copy) in out and "Traceback" not in out, out


def test_ingest_refuses_to_write_into_a_damaged_ledger(ledger_copy: Path, reports_file: Path) -> None:
    _damage(ledger_copy, ["quotes"])
    before = sha(ledger_copy)
    code, out = _cli(["ingest", str(reports_file), "-q", "--db", str(ledger_copy)])
    assert code == 2, out
    assert "[E300]" in out and "damaged" in out and "Traceback" not in out, out
    assert sha(ledger_copy) == before
