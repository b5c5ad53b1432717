"""A full disk, a read-only database and a corrupted database file: each ends in a clear error
that names the ledger, nothing committed is lost, and nothing is silently overwritten.

The full disk is a small tmpfs when this process may mount one (root, as in CI), and a file
size limit (RLIMIT_FSIZE, which makes writes fail with EFBIG) on the ingest process in any
case. The read-only database is a tmpfs remounted read-only (as root, where chmod does not
stop writes), or a read-only file and directory otherwise.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from fault_support import (
    article_ids,
    check_whole,
    ingest_cmd,
    run_cli,
    sha,
    template_reports,
    write_reports,
)
from newsledger.models import Report

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

#: Reports ingested against a full disk: enough to overflow the small filesystems below.
N_REPORTS = 90
#: Size of the tmpfs that fills up, and the file-size limit: each holds 20-40 of the reports
#: (about 15 KB each with records, indexes and the WAL). The file-size limit also has to hold
#: the new ledger's first transactions, which stay in the WAL until it is checkpointed: since
#: migrations 9 and 10 (counts, spelling keys, generation triggers, indexes) they passed 600 KB,
#: so not even the first batch was stored.
SMALL_FS = "1200k"
FSIZE_LIMIT = 900 * 1024


@pytest.fixture(scope="module")
def templates() -> list[Report]:
    return template_reports()


@contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot mount a tmpfs here (not root, or no mount in this container)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def _resume_elsewhere(db: Path, dest: Path) -> Path:
    """Copy a ledger (with its WAL) to roomy disk, as a user would after a full disk."""
    dest.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy2(f"{db}{suffix}", dest / f"{db.name}{suffix}")
    return dest / db.name


def _check_full_disk_run(result: subprocess.CompletedProcess[str], db: Path, templates: list[Report],
                         src: Path, ids: list[str], tmp_path: Path) -> None:
    out = result.stdout + result.stderr
    assert result.returncode != 0, "a run that could not store everything must fail"
    assert "disk is full" in out or "disk I/O error" in out or "No space left" in out, out[-2000:]
    assert str(db) in out, "the message names the ledger"
    assert "[E300] [E300]" not in out, "the code is printed once"
    stored = check_whole(db, templates)
    assert 0 < stored < N_REPORTS
    # with room again, the rerun stores the rest; nothing committed before was lost
    moved = _resume_elsewhere(db, tmp_path / "roomy")
    again = run_cli(ingest_cmd(src, moved, 10))
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{N_REPORTS - stored} added" in again.stdout and f"{stored} duplicates" in again.stdout
    assert check_whole(moved, templates) == N_REPORTS and article_ids(moved) == set(ids)


def test_full_disk_tmpfs(tmp_path: Path, templates: list[Report]) -> None:
    src = tmp_path / "reports.jsonl"
    ids = write_reports(src, templates, N_REPORTS)
    with tmpfs(tmp_path / "small", SMALL_FS) as mnt:
        db = mnt / "ledger.sqlite"
        result = run_cli(ingest_cmd(src, db, 10))
        _check_full_disk_run(result, db, templates, src, ids, tmp_path)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE_LIMIT, FSIZE_LIMIT))


def test_full_disk_file_size_limit(tmp_path: Path, templates: list[Report]) -> None:
    src, db = tmp_path / "reports.jsonl", tmp_path / "ledger.sqlite"
    ids = write_reports(src, templates, N_REPORTS)
    result = run_cli(ingest_cmd(src, db, 10), preexec_fn=_limit_file_size)
    _check_full_disk_run(result, db, templates, src, ids, tmp_path)


# ----------------------------------------------------------------------------- read-only


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, templates: list[Report]) -> tuple[Path, Path]:
    """A ledger of 20 reports (WAL checkpointed into the file) and 10 more reports to add."""
    d = tmp_path_factory.mktemp("pristine")
    src, db = d / "first.jsonl", d / "ledger.sqlite"
    write_reports(src, templates, 20)
    assert run_cli(ingest_cmd(src, db, 10)).returncode == 0
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    more = d / "more.jsonl"
    write_reports(more, templates, 10, start=100)
    return db, more


@pytest.fixture
def small_ledger(tmp_path: Path, pristine: tuple[Path, Path]) -> tuple[Path, Path]:
    db = tmp_path / "ledger.sqlite"
    shutil.copy2(pristine[0], db)
    return db, pristine[1]


def _check_refused(result: subprocess.CompletedProcess[str], db: Path, before: str,
                   templates: list[Report], read_only_fs: bool = False) -> None:
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "[E300]" in out and str(db) in out, out[-2000:]
    assert "readonly" in out or "read-only" in out or "unable to open" in out, out[-2000:]
    assert "Traceback" not in out
    assert sha(db) == before
    assert check_whole(db, templates, read_only=read_only_fs) == 20


def test_read_only_filesystem(tmp_path: Path, small_ledger: tuple[Path, Path], templates: list[Report]) -> None:
    db, more = small_ledger
    with tmpfs(tmp_path / "ro", "20m") as mnt:
        shutil.copy2(db, mnt / db.name)
        ro_db = mnt / db.name
        before = sha(ro_db)
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        _check_refused(run_cli(ingest_cmd(more, ro_db, 10)), ro_db, before, templates, read_only_fs=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions (see the tmpfs test)")
def test_read_only_file(small_ledger: tuple[Path, Path], templates: list[Report]) -> None:
    db, more = small_ledger
    before = sha(db)
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        _check_refused(run_cli(ingest_cmd(more, db, 10)), db, before, templates)
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


# ----------------------------------------------------------------------------- corruption


def _corrupt(data: bytes, how: str) -> bytes:
    b = bytearray(data)
    if how == "random":
        return os.urandom(len(b))
    if how == "header":
        b[:100] = os.urandom(100)
    elif how == "zeroed-first-page":
        b[:4096] = bytes(4096)
    elif how == "truncated":
        return bytes(b[: len(b) // 3])
    elif how == "text":
        return b"Officials said twelve people were killed.\n" * 200
    elif how == "html":
        return b"<html><body><p>not a ledger</p></body></html>"
    return bytes(b)


@pytest.mark.parametrize("how", ["random", "header", "zeroed-first-page", "truncated", "text", "html"])
@pytest.mark.parametrize("command", ["ingest", "search", "serve-app"])
def test_corrupted_database_is_a_clear_error_and_untouched(
        small_ledger: tuple[Path, Path], templates: list[Report], how: str, command: str) -> None:
    db, more = small_ledger
    db.write_bytes(_corrupt(db.read_bytes(), how))
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    before = sha(db)
    if command == "serve-app":  # the desk's app opens the ledger the same way `newsledger serve` does
        from newsledger.errors import StoreError
        from newsledger.server.app import create_app
        from newsledger.settings import load_settings

        with pytest.raises(StoreError) as err:
            create_app(load_settings(use_files=False).replace(db_url=str(db)))
        code, out = 2, str(err.value)
    else:  # in process: nothing here needs a process of its own
        from typer.testing import CliRunner

        from newsledger.cli.main import app

        args = ["ingest", str(more), "--db", str(db), "-q"] if command == "ingest" else ["search", "killed", "--db", str(db)]
        result = CliRunner().invoke(app, args)
        code, out = result.exit_code, result.output
        if code != 2 and result.exception is not None:
            out += f"{type(result.exception).__name__}: {result.exception}"
    assert code == 2, out
    assert "[E300]" in out and str(db) in out, out
    assert "not a database" in out or "malformed" in out, out
    assert "Traceback" not in out
    assert sha(db) == before, "the corrupted file was changed"
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
