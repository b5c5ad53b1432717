"""The analyst's desk: a JSON REST API and an offline web UI over a ledger.

``create_app(settings)`` builds the FastAPI app; ``newsledger serve`` runs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings, **options: Any) -> FastAPI:
    """See :func:`newsledger.server.app.create_app`."""
    from .app import create_app as _create

    return _create(settings, **options)
