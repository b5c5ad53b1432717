"""Database URLs and engines: SQLite (WAL, foreign keys, real transactions) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic_core
import sqlalchemy as sa
from sqlalchemy import event

from ..errors import NoLedgerError, StoreError

#: Seconds a SQLite connection waits for another writer's lock before failing.
SQLITE_BUSY_TIMEOUT_S = 30
#: Execution option marking a connection that writes (``BEGIN IMMEDIATE`` on SQLite).
WRITE_OPTION = "newsledger_write"


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL: a bare path means SQLite; ``postgresql://`` uses psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def without_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password. For URLs that travel to other
    processes or machines (Dask tasks pass through the scheduler): the password goes to our
    own worker processes in their environment (``PGPASSWORD``, which libpq reads) and never
    in a task; remote workers use their own ``PGPASSWORD`` or ``~/.pgpass``."""
    parsed = sa.make_url(normalise_url(url))
    if parsed.password is None:
        return url, None
    return parsed._replace(password=None).render_as_string(hide_password=False), str(parsed.password)


class JSONText(str):
    """A JSON column's value already serialised by :func:`json_dumps` (in a helper process of
    the reports path, :func:`newsledger.ledger.rows.serialised`): stored as it is."""

    __slots__ = ()


def json_dumps(value: Any) -> str:
    """JSON for the JSON columns, through pydantic-core (Rust): records are passed as models
    and written without their null fields; UTF-8 is kept as is, not escaped. A
    :class:`JSONText` is JSON already and comes back unchanged."""
    if type(value) is JSONText:
        return value
    return pydantic_core.to_json(value, exclude_none=True).decode("utf-8")


def make_engine(url: str, *, create: bool = True, pool_size: int | None = None) -> sa.Engine:
    """An engine for the ledger at ``url``. A SQLite file that is not there is created (with
    its directory) only with ``create``; otherwise :class:`NoLedgerError` names it.
    ``pool_size``: connections kept for a server's concurrent requests (with no overflow
    beyond it), else SQLAlchemy's default pool."""
    url = normalise_url(url)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database or ""
        if db and db != ":memory:" and not db.startswith("file:"):
            path = Path(db).expanduser()
            if not create and not path.is_file():
                raise NoLedgerError("no ledger there (a query creates none: check --db, or run "
                                    "`newsledger ingest` first)", source=str(path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a file where a directory should be, no permission
                raise StoreError(f"cannot create the ledger's directory: {exc.strerror or exc}",
                                 source=str(path)) from exc
        pool = {"pool_size": pool_size, "max_overflow": 0} if pool_size and db and db != ":memory:" else {}
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}, json_serializer=json_dumps,
                                  **pool)
        _sqlite_setup(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        pool = {"pool_size": pool_size, "max_overflow": 0} if pool_size else {}
        return sa.create_engine(url, pool_pre_ping=True, json_serializer=json_dumps, **pool)
    raise StoreError(f"unsupported database {parsed.get_backend_name()!r} (use sqlite or postgresql)")


def _sqlite_setup(engine: sa.Engine) -> None:
    """WAL journal, foreign keys, and transactions SQLAlchemy controls (SAVEPOINT-safe)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process in WAL mode (only a power loss can
        # drop the last commits), and much faster than FULL.
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front (waiting up to the busy timeout), so two
        # processes writing at once queue instead of failing on a read-to-write upgrade.
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
