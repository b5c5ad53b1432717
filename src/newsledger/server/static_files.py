"""The web UI's files, served from the package: a fixed table built at start, so no request
path ever reaches the file system (no traversal is possible, whatever the URL holds)."""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from importlib import resources
from importlib.abc import Traversable

from starlette.requests import Request
from starlette.responses import Response

STATIC_PACKAGE = "newsledger.server"
STATIC_DIR = "static"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    etag: str


def _walk(node: Traversable, prefix: str, out: dict[str, StaticFile]) -> None:
    for child in node.iterdir():
        name = f"{prefix}{child.name}"
        if child.is_dir():
            if not child.name.startswith(("_", ".")):
                _walk(child, name + "/", out)
            continue
        ext = "." + child.name.rsplit(".", 1)[-1] if "." in child.name else ""
        ctype = CONTENT_TYPES.get(ext)
        if ctype is None:
            continue
        body = child.read_bytes()
        out[name] = StaticFile(body, ctype, '"' + sha256(body).hexdigest()[:16] + '"')


def load_static() -> dict[str, StaticFile]:
    """Every servable file of the UI, keyed by its path under ``static/``."""
    out: dict[str, StaticFile] = {}
    _walk(resources.files(STATIC_PACKAGE).joinpath(STATIC_DIR), "", out)
    return out


def file_response(request: Request, item: StaticFile) -> Response:
    headers = {"etag": item.etag, "cache-control": "no-cache"}
    if request.headers.get("if-none-match") == item.etag:
        return Response(status_code=304, headers=headers)
    return Response(item.body, media_type=item.content_type, headers=headers)
