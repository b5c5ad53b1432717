"""Security middleware: response headers, request-size limits and a read-only method gate.

Written as plain ASGI middleware so that it wraps every response, static files and errors
included, and so that an oversized body is refused before any route reads it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Largest request body accepted. The API is read-only, so a GET never needs one; 64 KiB
#: leaves room for a future write endpoint's JSON without letting a client stream megabytes.
MAX_BODY_BYTES = 64 * 1024

#: Longest path plus query string accepted. Our longest real URLs (a search with every
#: filter) stay under 600 bytes; 4 KiB is the usual limit of proxies.
MAX_URL_BYTES = 4096

#: Everything the page needs comes from the app's own origin: no CDN, no inline script,
#: no inline style, no frames. ``data:`` images are not used either.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=(), payment=()"),
)

#: The methods the app answers. Anything else is refused before routing.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Adds the security headers, bounds URL and body sizes, and allows only read methods
    (plus POST/PUT/DELETE to paths listed in ``write_paths``, which check their own token)."""

    def __init__(self, app: ASGIApp, *, write_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.write_paths = write_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        query: bytes = scope.get("query_string", b"")
        if len(raw_path) + len(query) > MAX_URL_BYTES:
            await _plain(send, 414, "URL too long")
            return
        method = scope["method"]
        if method not in READ_METHODS and scope["path"] not in self.write_paths:
            await _plain(send, 405, "method not allowed")
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _plain(send, 400, "bad Content-Length")
                return
            if size > MAX_BODY_BYTES:
                await _plain(send, 413, "request body too large")
                return

        received = 0

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY_BYTES:
                    raise BodyTooLarge
            return message

        started = False
        head = method == "HEAD"
        if head:  # answered as a GET whose body is dropped (FastAPI routes declare GET only)
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, "request body too large")


class BodyTooLarge(Exception):
    """A streamed body went past :data:`MAX_BODY_BYTES`."""
