"""The ledger: a durable, queryable store of analysed articles (SQLite or PostgreSQL).

Open one with :class:`Ledger`; store reports with :meth:`Ledger.add`; read it with the
functions in :mod:`newsledger.ledger.queries`.
"""

from __future__ import annotations

from .store import AddResult, Ledger

__all__ = ["AddResult", "Ledger"]
