"""Perform the analyst's desk tasks of issue 23 in Chromium on a real ledger, and write what
the desk showed: screenshots and the answers with their evidence links.

    python scripts/desk_tasks.py LEDGER OUTDIR [--person Zelensky]

LEDGER is a SQLite file or database URL (e.g. a ledger of ../shared/data/dev/corpus/ukraine_dev.jsonl
built with ``newsledger ingest``); OUTDIR receives ``*.png`` and ``answers.md``. Tasks:

1. "What did <person> say, and when?": a search for the name (every spelling the ledger holds),
   then the quote browser filtered by the person: the first ten quotes with their dates and
   evidence links.
4. "Which experts are quoted most?": the expert directory filtered by source type ``expert``:
   the top ten with their counts, and the same speakers' counts on the People page.
Facets: the articles per outlet country and language, and the articles of the commonest country.

Needs Debian's Chromium (``/usr/bin/chromium``, or NEWSLEDGER_CHROMIUM) and Playwright; starts
the desk on a free local port and stops it at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TOP = 10


def _open(page: object, url: str, ready: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_selector(ready, timeout=60_000)  # type: ignore[attr-defined]


def task_said(page: object, base: str, person: str, out: Path, lines: list[str]) -> None:
    _open(page, f"{base}/#/search?q={quote(person)}", "#view[data-ready='search'] .search-summary")
    page.screenshot(path=str(out / "task1-search.png"), full_page=False)  # type: ignore[attr-defined]
    summary = page.locator(".search-summary").inner_text()  # type: ignore[attr-defined]
    lines += [f"## Task 1: what did {person} say, and when?", "", f"Search for {person!r}: {summary}", ""]
    _open(page, f"{base}/#/quotes?person={quote(person)}", "#view[data-ready='quotes']")
    page.screenshot(path=str(out / "task1-quotes.png"), full_page=False)  # type: ignore[attr-defined]
    total = page.locator(".list-head .total").inner_text() if page.locator(".list-head .total").count() else "0"  # type: ignore[attr-defined]
    lines += [f"Quote browser, person={person}: {total}", "", "| # | date | speaker | words | evidence |",
              "|---|---|---|---|---|"]
    cards = page.locator(".quote-card")  # type: ignore[attr-defined]
    for i in range(min(TOP, cards.count())):
        c = cards.nth(i)
        words = re.sub(r"\s+", " ", c.locator("blockquote").inner_text())[:160].replace("|", "/")
        lines.append(f"| {i + 1} | {c.locator('.src').inner_text()} | {c.locator('.who').inner_text()} | {words} | "
                     f"{base}/{c.locator('a.open').get_attribute('href')} |")
    lines.append("")


def task_experts(page: object, base: str, out: Path, lines: list[str]) -> None:
    _open(page, f"{base}/#/people?kind=experts&source_type=expert", "#view[data-ready='people'] table.experts")
    page.screenshot(path=str(out / "task4-experts.png"), full_page=False)  # type: ignore[attr-defined]
    total = page.locator(".list-head .total").inner_text()  # type: ignore[attr-defined]
    lines += ["## Task 4: which experts are quoted most?", "", f"Expert directory, source type expert: {total}", "",
              "| # | name | affiliations | roles | quotes | articles quoted in | People page (quotes / quoted in) |",
              "|---|---|---|---|---|---|---|"]
    rows = page.locator("table.experts tbody tr")  # type: ignore[attr-defined]
    found = []
    for i in range(min(TOP, rows.count())):
        r = rows.nth(i)
        cells = [re.sub(r"\s+", " ", t).replace("|", "/")[:80] for t in r.locator("td").all_inner_texts()]
        link = r.locator("td.name a")
        found.append((cells, link.get_attribute("href") if link.count() else None))
    for i, (cells, href) in enumerate(found):
        same = "not a person"
        if href and href.startswith("#/people/"):
            _open(page, f"{base}/#/people?q={quote(cells[0])}", "#view[data-ready='people']")
            row = page.locator(f"table.people tbody tr[data-id='{href.split('/')[2]}']")  # type: ignore[attr-defined]
            if row.count():
                same = f"{row.locator('td.quotes').inner_text()} / {row.locator('td.quoted').inner_text()}"
        lines.append(f"| {i + 1} | [{cells[0]}]({base}/{href or ''}) | {cells[1]} | {cells[2]} | {cells[4]} | {cells[5]} | {same} |")
    lines.append("")
    phone = page.context.browser.new_context(viewport={"width": 390, "height": 800})  # type: ignore[attr-defined]
    try:
        pg = phone.new_page()
        _open(pg, f"{base}/#/people?kind=experts&source_type=expert", "table.experts")
        pg.screenshot(path=str(out / "task4-experts-390px.png"))
        width = pg.evaluate("() => document.documentElement.scrollWidth")
        lines += [f"On a 390 px screen the page is {width} px wide (the table scrolls in its box).", ""]
    finally:
        phone.close()


def facets(page: object, base: str, out: Path, lines: list[str]) -> None:
    _open(page, f"{base}/#/articles", "#view[data-ready='articles'] .facets")
    page.screenshot(path=str(out / "facets-articles.png"), full_page=False)  # type: ignore[attr-defined]
    lines += ["## Facets", ""]
    for key in ("outlet", "outlet_country", "language"):
        vals = page.locator(f".facet-{key} li").all_inner_texts()  # type: ignore[attr-defined]
        lines.append(f"- {key}: {', '.join(vals) or 'none recorded'}")
    first = page.locator(".facet-outlet_country li a").first  # type: ignore[attr-defined]
    if first.count():
        value = first.get_attribute("data-value")
        first.click()
        page.wait_for_selector("#view[data-ready='articles'] .facet-outlet_country li.active")  # type: ignore[attr-defined]
        page.screenshot(path=str(out / "facets-one-country.png"), full_page=False)  # type: ignore[attr-defined]
        lines.append(f"- filtered by outlet country {value}: {page.locator('.list-head .total').inner_text()}")  # type: ignore[attr-defined]
    lines.append("")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ledger")
    ap.add_argument("outdir")
    ap.add_argument("--person", default="Zelensky")
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from newsledger.server import create_app
    from newsledger.server.background import serving
    from newsledger.settings import load_settings

    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing", file=sys.stderr)
        return 2
    url = a.ledger if "://" in a.ledger else f"sqlite:///{Path(a.ledger).resolve()}"
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    settings = load_settings(use_files=False).replace(db_url=url)
    lines = [f"# Desk tasks on {a.ledger}", ""]
    with serving(create_app(settings, create=False)) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            task_said(page, base, a.person, out, lines)
            task_experts(page, base, out, lines)
            facets(page, base, out, lines)
            lines += [f"Script errors in the page: {errors or 'none'}", ""]
        finally:
            browser.close()
    (out / "answers.md").write_text("\n".join(lines), "utf-8")
    print(out / "answers.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
