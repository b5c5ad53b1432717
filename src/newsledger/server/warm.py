"""Answers computed when the desk starts, before it listens (setting ``warm_urls``).

The first request for a costly URL has nothing kept to be served: under load it computes the
answer beside every other request while the requests for the same URL wait for it (the
expert directory's first answer took 3.5-5.3 s at p99 with 50 clients; docs/reliability.md,
"Load"). The desk's first screens are known in advance, so the server computes them once at
start, in its lifespan (uvicorn listens only after it), through the app itself: each answer
is kept exactly as a client's request would have kept it. After a write they are older
answers that can be served while they are recomputed (stale-while-revalidate), so no client
waits for their first computation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import MutableMapping, Sequence
from typing import Any

from fastapi import FastAPI

log = logging.getLogger(__name__)

#: Seconds of warming at most: on a very large ledger the server starts answering after this
#: even if some URLs are not warmed yet (they are then computed by their first request). On
#: the 5,692-article ledger the default URLs take about a second of CPU alone.
WARM_BUDGET_S = 60.0


def _host(allowed_hosts: Sequence[str]) -> str:
    """A Host header the app's TrustedHostMiddleware accepts."""
    for host in allowed_hosts:
        if "*" not in host:
            return host.strip("[]") if host.count(":") > 1 else host
    return next((h.replace("*", "warm") for h in allowed_hosts), "127.0.0.1")


async def _get(app: FastAPI, scope: dict[str, Any]) -> int:
    """The status of ``app``'s answer to the GET request ``scope`` (its body is dropped)."""
    status: list[int] = []

    async def receive() -> MutableMapping[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(int(message["status"]))

    await app(scope, receive, send)
    return status[0] if status else 0


async def warm(app: FastAPI, urls: Sequence[str], allowed_hosts: Sequence[str],
               budget_s: float = WARM_BUDGET_S) -> dict[str, int]:
    """GET each of ``urls`` through ``app`` (its middleware, its routes, its answer cache), in
    order, until ``budget_s`` has passed; returns each URL's status (a failure is logged and
    skipped: the server starts all the same)."""
    done: dict[str, int] = {}
    host = _host(allowed_hosts).encode("ascii", "replace")
    deadline = time.monotonic() + budget_s
    for url in urls:
        if time.monotonic() > deadline:
            log.warning("warming stopped after %.0f s; %d URL(s) left for their first request",
                        budget_s, len(urls) - len(done))
            break
        path, _, query = url.partition("?")
        scope: dict[str, Any] = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
            "query_string": query.encode(), "headers": [(b"host", host)],
            "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0)}
        try:
            done[url] = await _get(app, scope)
        except Exception as exc:  # a URL that fails is the first request's to compute
            log.warning("warming %s failed: %s: %s", url, type(exc).__name__, exc)
            continue
        if done[url] != 200:
            log.warning("warming %s: HTTP %d", url, done[url])
    return done
