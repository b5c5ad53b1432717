"""Hostile addresses in the desk, in Chromium: a malformed hash shows an error in place of
the old view and throws nothing."""

from __future__ import annotations

import pytest

from test_server_browser import base_url, browser, open_view, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("bad", ["#/article/%E0%A4%A", "#/people/%", "#/quotes/%ZZ/x"])
def test_a_malformed_address_shows_an_error_and_leaves_no_old_view(page, bad: str) -> None:  # noqa: F811
    open_view(page, "#/quotes", "#view[data-ready='quotes']")
    assert page.locator("#view .view-quotes").count() == 1
    page.evaluate("(h) => { window.location.hash = h; }", bad)
    page.wait_for_selector("#view p.error", timeout=10_000)
    assert "cannot be read" in page.locator("#view p.error").inner_text()
    assert page.locator("#view .view-quotes").count() == 0, "the old view was left on screen"
    assert page.errors == []
