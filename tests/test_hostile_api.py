"""Hostile requests to the desk's API through FastAPI's TestClient: any query parameter on any
route, any path, any method, any body. The answer is always a JSON (or static) response with a
4xx code for bad input and never a 500; SQL injection finds nothing and changes nothing; the
security headers are on every response, errors included."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from hostile_strategies import PROFILE, any_char
from newsledger.ingest.article import make_article
from newsledger.ledger import Ledger
from newsledger.nlp.pipeline import run
from newsledger.server.app import create_app

#: Payloads an attacker would put in article text, titles, feed fields and parameters.
SQLI = ["' OR '1'='1", "'; DROP TABLE articles; --", "\" OR 1=1 --", "1; DELETE FROM quotes",
        "%' UNION SELECT id, text FROM articles --", "') OR ('a'='a", "\\'; SELECT 1; --", "_%_%",
        "*", "NEAR(a b)", "\"unbalanced", "a AND OR NOT b", "title:x", "^a", "1=1"]
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
       "javascript:alert(1)", "</title><script>alert(document.cookie)</script>",
       "<iframe src=//evil.example>", "{{7*7}}", "${alert(1)}"]

HOSTILE_ARTICLES = [
    {"text": f"Officials said twelve people were killed in Kyiv on Monday. “{XSS[0]} {SQLI[1]}” said "
             f"Olena Petrenko, a spokeswoman for the regional administration.",
     "title": XSS[4], "publisher": SQLI[0], "byline": XSS[1], "url": XSS[3], "published": "2024-03-01"},
    {"text": f"The army said 40 drones were shot down over Kharkiv. {XSS[2]} "
             f"“We will not stop {SQLI[4]},” said Ivan Sirko, the mayor of Kharkiv.",
     "title": SQLI[1], "publisher": XSS[5], "published": "2024-03-02"},
    {"text": "Reuters reported that 3 people were wounded in Odesa, according to the governor, "
             "Oleh Kiper. “The strike hit a school,” he said.",
     "title": "Odesa strike", "publisher": "Reuters", "published": "2024-03-03"},
]

LIST_ROUTES = ["/api/articles", "/api/quotes", "/api/people", "/api/organisations", "/api/places",
               "/api/events", "/api/claims", "/api/claim-series", "/api/search", "/api/geojson"]
ITEM_ROUTES = ["/api/articles/{}", "/api/people/{}", "/api/organisations/{}", "/api/places/{}"]
OTHER_ROUTES = ["/", "/api/stats", "/api/event-types", "/api/openapi.json", "/static/index.html"]
PARAMS = ["q", "person", "person_id", "org", "org_id", "place", "place_id", "since", "until",
          "event_type", "source", "key", "limit", "offset", "x", ""]
SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "referrer-policy",
                    "x-frame-options"]


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory, settings) -> Iterator[tuple[str, dict[str, int]]]:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("hostile-api") / "ledger.sqlite"
    arts = [make_article(a.pop("text"), source=f"hostile-{i}.txt", kind="text", **a)
            for i, a in enumerate(dict(x) for x in HOSTILE_ARTICLES)]
    with Ledger(str(path)) as led:
        results = list(led.add(run(arts, settings)))
        assert all(r.status == "added" for r in results), results
        counts = led.counts()
    yield str(path), counts


@pytest.fixture(scope="module")
def client(ledger_db: tuple[str, dict[str, int]], settings, tmp_path_factory: pytest.TempPathFactory) -> TestClient:  # type: ignore[no-untyped-def]
    app = create_app(settings.replace(db_url=ledger_db[0], cache_dir=str(tmp_path_factory.mktemp("cache"))))
    return TestClient(app, raise_server_exceptions=False)


def _assert_safe(resp: Any, where: str) -> None:
    assert resp.status_code < 500, f"{where}: {resp.status_code} {resp.text[:300]}"
    for h in SECURITY_HEADERS:
        assert h in resp.headers, f"{where}: no {h}"
    ctype = resp.headers.get("content-type", "")
    if resp.status_code >= 400 and resp.content:
        assert ctype.startswith(("application/json", "text/plain")), f"{where}: error as {ctype}"
    if ctype.startswith("application/json") or ctype.startswith("application/geo+json"):
        json.loads(resp.content)


# ----------------------------------------------------------------------------- parameters

_param_value = st.one_of(st.sampled_from(SQLI + XSS + ["", "0", "-1", "1e99", "9" * 400, "9223372036854775808",
                                                       "NaN", "2024-02-30", "2024-13", "99999", "null", "%00",
                                                       "\x00", "../../etc/passwd"]),
                         st.text(any_char.filter(lambda c: not "\ud800" <= c <= "\udfff"), max_size=50))


@hsettings(PROFILE)
@given(st.sampled_from(LIST_ROUTES + OTHER_ROUTES),
       st.lists(st.tuples(st.sampled_from(PARAMS), _param_value), max_size=5))
def test_any_query_parameters_on_any_route(client: TestClient, route: str, params: list[tuple[str, str]]) -> None:
    resp = client.get(route, params=params)
    _assert_safe(resp, f"GET {route} {params!r}")
    assert resp.status_code in (200, 400, 404, 414, 422), resp.status_code


@hsettings(PROFILE)
@given(st.sampled_from(ITEM_ROUTES), _param_value)
def test_any_path_parameter(client: TestClient, route: str, value: str) -> None:
    resp = client.get(route.format(quote(value, safe="")))
    _assert_safe(resp, f"GET {route} {value!r}")
    assert resp.status_code in (200, 400, 404, 414, 422), resp.status_code


@hsettings(PROFILE)
@given(st.lists(st.text(string.ascii_letters + string.digits + "./%-_~:@!$&'()*+,;=", max_size=30), max_size=6))
def test_any_path(client: TestClient, parts: list[str]) -> None:
    path = "/" + "/".join(parts).lstrip("/")  # "//x" would read as a host name, client-side
    resp = client.get(path)
    _assert_safe(resp, f"GET {path}")


@hsettings(PROFILE)
@given(st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "PROPFIND", "FOO"]),
       st.sampled_from(LIST_ROUTES + OTHER_ROUTES + ["/api/articles/x", "/api/ingest", "/api/articles"]),
       st.one_of(st.binary(max_size=300), st.builds(lambda v: json.dumps(v).encode(), st.dictionaries(
           st.text(max_size=8), st.one_of(st.text(max_size=20), st.integers()), max_size=4))))
def test_write_methods_are_refused_without_a_token(client: TestClient, method: str, route: str, body: bytes) -> None:
    resp = client.request(method, route, content=body, headers={"content-type": "application/json"})
    _assert_safe(resp, f"{method} {route}")
    assert resp.status_code in (401, 403, 405), f"{method} {route} answered {resp.status_code}"


@pytest.mark.parametrize("url", ["/api/people/99999999999999999999", "/api/organisations/9223372036854775808",
                                 "/api/places/" + "9" * 400, "/api/articles?person_id=99999999999999999999",
                                 "/api/quotes?place_id=9223372036854775808", "/api/events?org_id=" + "9" * 40])
def test_huge_integer_ids(client: TestClient, url: str) -> None:
    """Ids past 64 bits are refused (they made SQLite's driver raise, and the API answer 500)."""
    resp = client.get(url)
    _assert_safe(resp, url)
    assert resp.status_code in (404, 422)


def test_oversized_body_url_and_header_tricks(client: TestClient) -> None:
    big = client.post("/api/articles", content=b"x" * (2 << 20))
    _assert_safe(big, "POST 2 MiB")
    assert big.status_code in (405, 413)
    long_url = client.get("/api/articles", params={"q": "a" * 10_000})
    _assert_safe(long_url, "long URL")
    assert long_url.status_code == 414
    bad_len = client.get("/api/stats", headers={"content-length": "nope"})
    _assert_safe(bad_len, "bad content-length")
    assert bad_len.status_code == 400


# ----------------------------------------------------------------------------- injection


@pytest.mark.parametrize("payload", SQLI)
@pytest.mark.parametrize("param", ["q", "person", "org", "place", "source", "key", "event_type"])
def test_sql_injection_in_parameters_finds_nothing_and_changes_nothing(
        client: TestClient, ledger_db: tuple[str, dict[str, int]], param: str, payload: str) -> None:
    route = "/api/claims" if param == "key" else "/api/events" if param == "event_type" else "/api/articles"
    resp = client.get(route, params={param: payload})
    _assert_safe(resp, f"{param}={payload!r}")
    assert resp.status_code in (200, 422)
    if resp.status_code == 200 and param not in ("source",):
        # a tautology must not widen the match to every row
        assert resp.json()["total"] < ledger_db[1]["articles"] or route != "/api/articles" or payload == "*"
    with Ledger(ledger_db[0]) as led:
        assert led.counts() == ledger_db[1], "an injected parameter changed the ledger"


def test_injected_text_is_stored_and_served_verbatim_as_json(client: TestClient) -> None:
    arts = client.get("/api/articles", params={"limit": 50}).json()["items"]
    titles = {a["title"] for a in arts}
    assert XSS[4] in titles and SQLI[1] in titles, titles
    publishers = {a["publisher"] for a in arts}
    assert SQLI[0] in publishers and XSS[5] in publishers
    by_source = client.get("/api/articles", params={"source": SQLI[0]}).json()
    assert by_source["total"] == 1, "the payload is matched as text, not as SQL"
    for a in arts:
        resp = client.get(f"/api/articles/{a['id']}")
        _assert_safe(resp, a["id"])
        assert resp.headers["content-type"].startswith("application/json")
        body = resp.json()
        text = body["article"]["text"] if "article" in body else body["text"]
        if a["title"] == XSS[4]:
            assert XSS[0] in text
    quotes = client.get("/api/quotes", params={"limit": 50}).json()["items"]
    assert any(XSS[0] in (q.get("text") or "") for q in quotes), "the quote kept its payload as text"
    search = client.get("/api/search", params={"q": "<script>"})
    _assert_safe(search, "search <script>")
    assert search.json()["articles"]["total"] >= 1


def test_html_pages_are_static_and_ui_never_writes_html_from_data(client: TestClient) -> None:
    index = client.get("/")
    _assert_safe(index, "/")
    assert index.headers["content-type"].startswith("text/html")
    assert "<script>" not in index.text, "no inline script (the CSP forbids it anyway)"
    static = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "server" / "static"
    for js in static.rglob("*.js"):
        src = re.sub(r"/\*.*?\*/", "", js.read_text("utf-8"), flags=re.S)
        src = re.sub(r"(^|\s)//.*$", "", src, flags=re.M)  # comments may name the sinks they avoid
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function("):
            assert sink not in src, f"{js.name} uses {sink}: data could become markup"


# ----------------------------------------------------------------------------- files and headers


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/....//....//etc/passwd",
    "/static/%252e%252e/etc/passwd", "/static//etc/passwd", "/static/js/../../app.py",
    "/static/js/..%5c..%5capp.py", "/static/../security.py", "/static/%00index.html",
    "/static/index.html%00.js", "/../../../etc/passwd", "/api/../../etc/passwd",
    "/static/__init__.py", "/static/.hidden", "/static/js/", "/static/",
])
def test_no_path_traversal(client: TestClient, path: str) -> None:
    resp = client.get(path)
    _assert_safe(resp, path)
    assert "root:" not in resp.text and "def create_app" not in resp.text and "import" not in resp.text[:200]
    assert resp.status_code in (404, 400, 200)
    if resp.status_code == 200:
        assert path.endswith(("/", "index.html")) or "index" in path


@pytest.mark.parametrize("route", ["/", "/api/stats", "/api/articles?limit=0", "/api/nope", "/static/nope.js",
                                   "/api/articles/%00"])
def test_security_headers_on_every_response(client: TestClient, route: str) -> None:
    resp = client.get(route)
    _assert_safe(resp, route)
    csp = resp.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert "server" not in {k.lower() for k in resp.headers} or "uvicorn" not in resp.headers.get("server", "")


def test_cors_is_off_by_default(client: TestClient) -> None:
    for origin in ("https://evil.example", "null", "http://127.0.0.1:9999"):
        resp = client.get("/api/stats", headers={"origin": origin})
        assert "access-control-allow-origin" not in resp.headers
        pre = client.options("/api/stats", headers={"origin": origin, "access-control-request-method": "GET"})
        assert "access-control-allow-origin" not in pre.headers
        assert pre.status_code < 500


def test_foreign_host_header_is_refused(client: TestClient) -> None:
    resp = client.get("/api/stats", headers={"host": "evil.example"})
    assert resp.status_code == 400
    _assert_safe(resp, "Host: evil.example")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (Linux /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.split(":")
            if int(hexport, 16) == port and state == "0A":  # 0A: LISTEN
                found.add(addr)
    return found


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_serve_binds_loopback_only_by_default(ledger_db: tuple[str, dict[str, int]], tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWSLEDGER_CONFIG": str(tmp_path / "none.toml")}
    proc = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", "--db", ledger_db[0], "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 90
        while not _listening_addresses(port):
            assert proc.poll() is None and time.monotonic() < deadline, "the desk did not start"
            time.sleep(0.2)
        # 0100007F is 127.0.0.1 in /proc's little-endian hex; 00000000 would be every interface
        assert _listening_addresses(port) == {"0100007F"}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
