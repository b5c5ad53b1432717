"""Issue 18 on the desk, in a real browser (Debian's Chromium through Playwright): an event
not shown by default is neither on the map nor in its article until the analyst asks for
all events; an event dated from its publication says so."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from test_server_browser import base_url, browser, open_view, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _get(base: str, path: str, **params: str) -> dict:
    with urllib.request.urlopen(f"{base}{path}?{urllib.parse.urlencode(params)}") as r:
        return json.loads(r.read())


def _events_on_map(base: str, include_hidden: bool) -> list[dict]:
    gj = _get(base, "/api/geojson", **({"include_hidden": "true"} if include_hidden else {}))
    return [f["properties"] for f in gj["features"] if f["properties"]["kind"] == "event"]


def _dot(props: dict) -> str:
    return f"svg.map rect.marker.event[data-article-id='{props['article_id']}'][data-event-id='{props['id']}']"


def test_a_hidden_event_is_off_the_map_until_all_events_is_ticked(page):  # noqa: F811
    hidden = [e for e in _events_on_map(page.base, True) if not e["shown"]]
    shown = _events_on_map(page.base, False)
    assert hidden and shown  # the demo ledger has located events of both kinds
    open_view(page, "#/map", "svg.map rect.marker.event")
    assert page.locator("svg.map rect.marker.event").count() == len(shown)
    assert page.locator(_dot(hidden[0])).count() == 0
    assert not page.locator("#map-all-events").is_checked()
    page.locator("#map-all-events").check()  # the toggle applies at once
    page.wait_for_selector(_dot(hidden[0]), state="attached")
    assert "not-shown" in (page.locator(_dot(hidden[0])).get_attribute("class") or "")
    assert page.locator("svg.map rect.marker.event").count() == len(shown) + len(hidden)
    assert "all_events=1" in page.url and page.locator("#map-all-events").is_checked()
    # unticked again, the hidden event goes
    page.locator("#map-all-events").uncheck()
    page.wait_for_selector(_dot(hidden[0]), state="detached")
    assert page.errors == []


def test_the_article_lists_hidden_events_on_request_and_shows_the_date_basis(page):  # noqa: F811
    every = _get(page.base, "/api/events", include_hidden="true", limit="200")["items"]
    hidden = next(e for e in every if not e["shown"])
    open_view(page, f"#/article/{hidden['article_id']}", ".article-text")
    events = page.locator(".article-side li[data-event-id]")
    ids = [events.nth(i).get_attribute("data-event-id") for i in range(events.count())]
    assert hidden["id"] not in ids
    assert all(e["id"] in ids for e in every if e["article_id"] == hidden["article_id"] and e["shown"])
    page.locator("#article-all-events").click()
    page.wait_for_selector(f".article-side li.event-hidden[data-event-id='{hidden['id']}']")
    text = page.locator(f".article-side li[data-event-id='{hidden['id']}']").inner_text()
    assert "hidden by default" in text
    if hidden["date_basis"] == "published":
        assert "date from publication" in text
    assert page.errors == []
