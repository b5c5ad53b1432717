"""How the desk's server treats connections: idle ones are closed, so they cannot fill it.

uvicorn counts every open connection against ``limit_concurrency`` and answers 503 past it,
but starts its keep-alive timer only after a response: a client that connects and sends
nothing holds its slot for good (255 such sockets made every request 503 for as long as
they stayed open). :class:`IdleTimeoutProtocol` starts the same timer when a connection is
made, so a connection that sends no request within :data:`IDLE_TIMEOUT_S` is closed, as
one idle after a response already was.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

#: Seconds a connection may stay idle (before its first request or between requests) before
#: the server closes it. 5 s is uvicorn's keep-alive default: long enough for a browser to
#: reuse the connection for the desk's next request, short enough that idle sockets free
#: their slots quickly.
IDLE_TIMEOUT_S = 5
#: Connections and requests in flight before the server answers 503.
LIMIT_CONCURRENCY = 256


class IdleTimeoutProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP protocol, with the idle timer started when the connection is made."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)


#: uvicorn options for ``newsledger serve`` (and the tests that start the desk the same way).
SERVE_OPTIONS: dict[str, Any] = {
    "http": IdleTimeoutProtocol,
    "timeout_keep_alive": IDLE_TIMEOUT_S,
    "limit_concurrency": LIMIT_CONCURRENCY,
}
