"""What a query reads from: an open :class:`~newsledger.ledger.Ledger` or a connection.

The desk passes the one connection its request holds, so a request never needs a second
connection from the pool; the CLI passes the ledger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from ..store import Ledger

Source = Ledger | sa.Connection


@contextmanager
def connect(src: Source) -> Iterator[sa.Connection]:
    if isinstance(src, sa.Connection):
        yield src
        return
    with src.engine.connect() as conn:
        yield conn
