"""A time limit on the queries run inside a block: SQLite's progress handler, PostgreSQL's
``statement_timeout``. A query past the limit is cancelled by the database and the block
raises :class:`~newsledger.errors.QueryTimeoutError`."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from ...errors import QueryTimeoutError

#: SQLite virtual-machine instructions between two looks at the clock: about a millisecond
#: of work, so the limit is kept to within a few milliseconds at no measurable cost.
SQLITE_CHECK_EVERY = 10_000


def _cancelled(exc: sa.exc.DBAPIError) -> bool:
    orig = exc.orig
    if isinstance(orig, sqlite3.OperationalError):
        return "interrupted" in str(orig)
    return getattr(orig, "sqlstate", None) == "57014"  # PostgreSQL query_canceled


@contextmanager
def time_limit(conn: sa.Connection, seconds: float, what: str = "the query") -> Iterator[None]:
    """Cancel any statement of ``conn`` still running ``seconds`` after entering the block."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        assert raw is not None
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), SQLITE_CHECK_EVERY)  # type: ignore[attr-defined]
        try:
            yield
        except sa.exc.DBAPIError as exc:
            if _cancelled(exc):
                raise QueryTimeoutError(f"{what} took longer than {seconds:g} s and was cancelled; "
                                        "narrow it (fewer or rarer words, filters)") from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)  # type: ignore[attr-defined]
        return
    if not conn.in_transaction():
        conn.begin()
    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}")
    try:
        yield
    except sa.exc.DBAPIError as exc:
        if _cancelled(exc):
            conn.rollback()
            raise QueryTimeoutError(f"{what} took longer than {seconds:g} s and was cancelled; "
                                    "narrow it (fewer or rarer words, filters)") from exc
        raise
    else:
        conn.exec_driver_sql("SET LOCAL statement_timeout TO DEFAULT")
