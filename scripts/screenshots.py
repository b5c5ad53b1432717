"""Screenshots of each view of the analyst's desk, into docs/img/ (rerunnable).

    .venv/bin/python scripts/screenshots.py [--db URL] [--out docs/img]

Without ``--db`` it builds a fresh SQLite ledger of the demo articles through the real
pipeline (about a minute). Needs Debian's Chromium at /usr/bin/chromium and the Playwright
Python package; no browser is downloaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
#: The place selected in the map's screenshot.
FOCUS_PLACE = "Pokrovsk"


def build_demo_ledger(workdir: Path) -> str:
    from newsledger.batch.into_ledger import ingest
    from newsledger.ingest.sources import iter_sources
    from newsledger.ledger import Ledger
    from newsledger.settings import load_settings

    demo = ROOT / "src" / "newsledger" / "data" / "demo"
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    settings = load_settings(use_files=False).replace(db_url=url)
    ledger = Ledger(url)
    try:
        ingest(iter_sources([str(demo / "articles"), str(demo / "feed.xml")], settings), ledger, settings)
    finally:
        ledger.close()
    return url


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    made: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)

        def view(name: str, hash_: str, ready: str) -> None:
            page.goto(f"{base}/{hash_}")
            page.wait_for_selector(ready)
            page.wait_for_timeout(300)
            target = out / f"{name}.png"
            page.screenshot(path=str(target))
            made.append(target)

        places = page.request.get(f"{base}/api/places", params={"place": FOCUS_PLACE}).json()["items"]
        chosen = next((p["id"] for p in places if p["name"] == FOCUS_PLACE), places[0]["id"] if places else "")
        view("map", f"#/map?place={chosen}", "#panel .place-name")
        view("timeline", "#/timeline", "svg.chart")
        view("quotes", "#/quotes", ".quote-card")
        first = page.eval_on_selector(".quote-card", "el => el.dataset.articleId + '?quote=' + el.dataset.quoteId")
        view("article", f"#/article/{first}", ".article-text .hl")
        view("people", "#/people", "table.people")
        person = page.eval_on_selector("table.people a", "el => el.getAttribute('href')")
        view("person", person, ".view-people h1")
        view("experts", "#/people?kind=experts", "table.experts")
        browser.close()
    return made


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="ledger URL (default: build one of the demo articles)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    from newsledger.server import create_app
    from newsledger.server.background import serving
    from newsledger.settings import load_settings

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or build_demo_ledger(Path(tmp))
        app = create_app(load_settings(use_files=False).replace(db_url=url))
        with serving(app) as base:
            for path in shoot(base, out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
