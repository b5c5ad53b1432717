"""The desk's safety: headers, read-only methods, size limits, Host check, no CORS, no file
paths reachable through URLs, and UI code that never turns data into markup."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from newsledger.server import create_app
from newsledger.server.security import MAX_BODY_BYTES, MAX_URL_BYTES


@pytest.fixture(scope="module")
def client(tmp_path_factory, settings):
    """An app over an empty ledger: these checks do not need data."""
    tmp = tmp_path_factory.mktemp("desk-security")
    s = settings.replace(db_url=f"sqlite:///{tmp / 'empty.sqlite'}", cache_dir=str(tmp / "cache"))
    with TestClient(create_app(s)) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/api/stats", "/api/quotes", "/static/js/main.js", "/static/nope",
                                  "/api/articles/nope", "/api/quotes?limit=100000"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_only_read_methods(client, method):
    r = client.request(method, "/api/quotes")
    assert r.status_code == 405
    assert "content-security-policy" in r.headers


def test_request_body_and_url_limits(client):
    big = b"x" * (MAX_BODY_BYTES + 1)
    assert client.request("GET", "/api/stats", content=big).status_code == 413
    assert client.get("/api/quotes", params={"q": "x" * MAX_URL_BYTES}).status_code == 414


def test_foreign_host_header_is_refused(client):
    assert client.get("/api/stats", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/stats", headers={"host": "127.0.0.1:8765"}).status_code == 200


def test_cors_is_off_by_default(client):
    r = client.get("/api/stats", headers={"origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/stats", headers={"origin": "http://evil.example",
                                                "access-control-request-method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/settings.py",
                                  "/static/js/../../server/app.py", "/static//etc/passwd", "/static/js/",
                                  "/static/..\\app.py", "/static/%00"])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code in (404, 400)
    assert b"import" not in r.content and b"root:" not in r.content


def test_static_files_are_the_packaged_ones(client):
    r = client.get("/static/js/main.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    again = client.get("/static/js/main.js", headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304


def _ui_files() -> dict[str, str]:
    root = resources.files("newsledger.server").joinpath("static")
    out = {}
    stack = [(root, "")]
    while stack:
        node, prefix = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                stack.append((child, prefix + child.name + "/"))
            elif child.name.endswith((".js", ".html", ".css")):
                out[prefix + child.name] = child.read_text("utf-8")
    return out


def test_ui_code_never_parses_data_as_markup():
    files = _ui_files()
    assert "js/main.js" in files
    for name, text in files.items():
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function", "setTimeout(\"", "DOMParser"):
            assert sink not in text, f"{sink} in {name}"


def test_ui_loads_nothing_from_elsewhere():
    for name, text in _ui_files().items():
        for url in re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?(https?:)?//[^"')\s]+""", text):
            pytest.fail(f"external reference in {name}: {url}")
        assert "@import" not in text and "fonts.googleapis" not in text, name
    html = _ui_files()["index.html"]
    assert re.findall(r'<script[^>]*src="([^"]+)"', html) == ["/static/js/main.js"]
    assert "<script>" not in html and " style=" not in html and "onclick" not in html


def test_an_empty_ledger_still_serves(client):
    assert client.get("/api/stats").json()["articles"] == 0
    assert client.get("/api/geojson").json() == {"type": "FeatureCollection", "features": []}


def test_head_answers_like_get_without_a_body(client):
    get = client.get("/api/stats")
    head = client.head("/api/stats")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert "content-security-policy" in head.headers
