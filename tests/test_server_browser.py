"""The desk in a real browser: Playwright driving Debian's Chromium, headless.

Skipped when /usr/bin/chromium or the Playwright package is missing (``scripts/ci-services.sh``
installs Chromium from Debian; no browser is ever downloaded).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from server_support import SCRIPT_QUOTE, shared_ledger

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(settings):
    from newsledger.server import create_app
    from newsledger.server.background import serving

    with serving(create_app(shared_ledger(settings))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records every request and every script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.requests = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = base_url
    yield pg
    context.close()


def open_view(page, hash_: str, ready: str) -> None:
    page.goto(f"{page.base}/{hash_}")
    page.wait_for_selector(ready, timeout=20_000)


def article_text_shown(page) -> str:
    """The article's text as rendered, without the layer tags displaCy-style labels add."""
    return page.evaluate("""() => {
        const box = document.querySelector('.article-text').cloneNode(true);
        for (const t of box.querySelectorAll('.tag')) t.remove();
        return box.textContent;
    }""")


def test_map_loads_and_a_click_on_a_place_lists_its_quotes(page):
    open_view(page, "#/map", "svg.map circle.marker")
    assert page.locator("svg.map path.country").count() > 200  # the Natural Earth basemap
    # A real mouse click on a marker that nothing covers (London: outside the first view,
    # which fits where the mentions are densest, so the map first shows every place)...
    page.locator("#map-fit-all").click()
    page.locator("svg.map circle.marker[aria-label='London']").click()
    page.wait_for_selector("#panel .place-name")
    assert page.locator("#panel .place-name").inner_text() == "London"
    # ...and the keyboard for Pokrovsk, back in the first view.
    page.locator("#map-home").click()
    page.locator("svg.map circle.marker[aria-label='Pokrovsk']").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel .place-name >> text=Pokrovsk")
    assert page.locator("#panel .place-name").inner_text() == "Pokrovsk"
    quotes = page.locator("#panel .panel-quotes .quote-card")
    assert quotes.count() > 0
    assert all("pokrovsk" in t.casefold() for t in quotes.locator("blockquote").all_inner_texts())
    assert page.locator("#panel .panel-events li").count() > 0
    assert page.errors == []


def test_map_date_filter_narrows_the_markers(page):
    open_view(page, "#/map", "svg.map circle.marker")
    every = page.locator("svg.map circle.marker").count()
    open_view(page, "#/map?since=2024-08-15&until=2024-08-15", "svg.map")
    page.wait_for_selector("#view[data-ready='map']")
    assert 0 < page.locator("svg.map circle.marker").count() < every


def test_a_quote_opens_in_its_article_with_the_evidence_highlighted(page):
    open_view(page, "#/quotes?person=Marchenko", ".quote-card")
    card = page.locator(".quote-card").first
    words = card.locator("blockquote").inner_text()
    card.locator("a.open").click()
    page.wait_for_selector(".article-text .hl-quote.focus")
    focused = " ".join(page.locator(".article-text .hl-quote.focus").all_inner_texts())
    assert words.split()[0].strip('"“') in focused
    for layer in ("hl-entity", "hl-place", "hl-quantity"):
        assert page.locator(f".article-text .{layer}").count() > 0, layer
    if page.locator(".article-text .hl-event").count() == 0:  # every event of this one hidden by default
        page.locator("#article-all-events").click()
        page.wait_for_selector(".article-text .hl-event")
    assert page.errors == []


def test_the_page_requests_nothing_outside_its_origin(page):
    for hash_, ready in [("#/map", "svg.map circle.marker"), ("#/timeline", "svg.chart"),
                         ("#/quotes", ".quote-card"), ("#/people", "table.people"),
                         ("#/articles", ".article-list"), ("#/api", ".endpoint")]:
        open_view(page, hash_, ready)
    page.locator("svg.map circle.marker").count()
    assert page.requests
    outside = [u for u in page.requests if not u.startswith(page.base + "/")]
    assert outside == []
    assert page.errors == []


def test_a_quote_holding_script_renders_as_text(page):
    open_view(page, "#/quotes?q=nl_pwned&include_hidden=true", ".quote-card")  # reported speech: below 0.9
    text = page.locator(".quote-card blockquote").first.inner_text()
    assert SCRIPT_QUOTE in text
    assert page.locator(".quote-card script, .quote-card img").count() == 0
    page.locator(".quote-card a.open").first.click()
    page.wait_for_selector(".article-text .hl-quote.focus")
    shown = article_text_shown(page)
    assert SCRIPT_QUOTE in shown
    article_id = page.url.split("#/article/")[1].split("?")[0]
    assert shown == page.request.get(f"{page.base}/api/articles/{article_id}").json()["article"]["text"]
    assert "<b>" in page.locator(".article-head h1").inner_text()
    assert page.locator(".article-text script, .article-text img, .article-head b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0  # the article's URL is not a link
    assert page.evaluate("() => window.__nl_pwned === undefined")


def test_timeline_shows_the_pokrovsk_distance_from_two_sources(page):
    open_view(page, "#/timeline?place=Pokrovsk", "svg.chart")
    assert "distance to" in page.locator("#series option:checked").inner_text()
    assert page.locator("svg.chart circle.point").count() >= 2
    rows = page.locator("table.claims tbody tr")
    assert len(set(rows.locator("td:nth-child(3)").all_inner_texts())) >= 2


def test_timeline_shows_who_says_more_and_less_with_links_to_the_evidence(page):
    open_view(page, "#/timeline?place=Pokrovsk", "table.claims")
    assert "distance to" in page.locator("#series option:checked").inner_text()
    rows = page.locator("table.claims tbody tr.disagrees")
    ten = rows.filter(has=page.locator("td:nth-child(2)", has_text="10 km")).first
    less = ten.locator("td.says-less a.evidence")
    assert less.count() >= 1 and "8 km" in less.first.inner_text()
    assert "Northern Wire Service" in ten.locator("td.says-less").inner_text()
    eight = rows.filter(has=page.locator("td:nth-child(2)", has_text="8 km")).first
    assert "10 km" in eight.locator("td.says-more").inner_text()
    less.first.click()  # the evidence: the other source's figure, highlighted in its article
    page.wait_for_selector(".article-text .hl-claim.focus")
    assert "8 km" in " ".join(page.locator(".article-text .hl-claim.focus").all_inner_texts())
    assert page.errors == []


def test_timeline_counts_every_event_per_week_with_labels_that_fit(page):
    open_view(page, "#/timeline?place=Pokrovsk", "svg.chart.events rect.event-bar")
    shown = sum(int(n) for n in page.locator("svg.chart.events rect.event-bar").evaluate_all(
        "els => els.map(e => e.dataset.n)"))
    heading = page.locator("section.events-section h2").inner_text()
    assert f"({shown})" in heading and "per week" in heading
    for chart in ("svg.chart:not(.events)", "svg.chart.events"):
        boxes = page.locator(f"{chart} g.axis.y text").evaluate_all(
            "els => els.map(e => { const b = e.getBBox(); return [b.x, b.width]; })")
        assert boxes and all(x >= 0 for x, _w in boxes), (chart, boxes)  # no label cut at the left edge
    open_view(page, "#/timeline?place=Pokrovsk&bucket=day&event_type=nonexistent-type", "section.events-section")
    assert "(0)" in page.locator("section.events-section h2").inner_text()
    assert page.errors == []


def test_people_page_shows_roles_and_quotes(page):
    open_view(page, "#/people", "table.people")
    page.locator("table.people a", has_text="Olena Marchenko").click()
    page.wait_for_selector("table.roles")
    assert page.locator(".quote-card").count() > 0


def test_search_and_organisation_pages(page):
    open_view(page, "#/search?q=evacuation", ".hits .hit")
    assert page.locator(".hits mark").count() > 0
    # every form of the word is marked (Porter stemming): evacuation, evacuate, evacuations
    assert all("evacuat" in t.casefold() for t in page.locator(".hits mark").all_inner_texts())
    open_view(page, "#/people?kind=experts", "table.experts")
    assert "Samuel Hart" in page.locator("table.experts").inner_text()
    open_view(page, "#/people?kind=organisations", "table.people")
    page.locator("table.people a").first.click()
    page.wait_for_selector("#view[data-ready='organisations'] h1")
    assert page.errors == []


def test_map_panel_lists_places_and_opens_one(page):
    open_view(page, "#/map", "#panel .place-index a")
    names = page.locator("#panel .place-index a").all_inner_texts()
    assert "Pokrovsk" in names and "Kramatorsk" in names
    page.locator("#panel .place-index a", has_text="Kramatorsk").click()
    page.wait_for_selector("#panel .place-name >> text=Kramatorsk")
    assert page.locator("#panel .panel-events li").count() > 0
    assert page.locator("svg.map circle.marker.selected[aria-label='Kramatorsk']").count() == 1
    page.locator("#panel a.back").click()
    page.wait_for_selector("#panel .place-index")
