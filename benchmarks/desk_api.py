"""Latency of the desk's API endpoints over a ledger of N articles (in process, no network).

The demo articles are analysed once through the pipeline; the ledger is then filled with N
variants of their reports (new ids, a suffix to the text, publication dates spread over 90
days) through ``Ledger.add``, and each endpoint is called ``--repeat`` times through FastAPI's
test client. Prints the median and 95th-percentile milliseconds per endpoint.

    .venv/bin/python benchmarks/desk_api.py --articles 5000 --repeat 30
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

ENDPOINTS = [
    "/api/stats",
    "/api/articles?limit=50",
    "/api/quotes?limit=50",
    "/api/quotes?person=Marchenko&limit=50",
    "/api/quotes?place=Pokrovsk&since=2024-09-01&until=2024-09-30",
    "/api/people?limit=50",
    "/api/places?limit=200",
    "/api/places/{place}",
    "/api/events?limit=200",
    "/api/claim-series?limit=100",
    "/api/claims?place=Pokrovsk&limit=200",
    "/api/geojson",
    "/api/search?q=evacuation",
    "/api/articles/{article}",
]


def demo_reports() -> list:
    from newsledger.ingest.files import Failure
    from newsledger.ingest.sources import iter_sources
    from newsledger.nlp.pipeline import run
    from newsledger.settings import load_settings

    demo = Path(str(resources.files("newsledger.data").joinpath("demo")))
    settings = load_settings(use_files=False)
    articles = [a for a in iter_sources([str(demo / "articles")], settings) if not isinstance(a, Failure)]
    return list(run(articles, settings))  # type: ignore[arg-type]


def variants(reports: list, n: int):
    from newsledger.models import Report

    for i in range(n):
        base = reports[i % len(reports)]
        new_id = f"{base.article.id[:12]}{i:012x}"
        d = json.loads(base.to_json().replace(base.article.id, new_id))
        d["article"]["text"] += f"\n\n[variant {i}]"
        day = date.fromisoformat((base.article.published or "2024-08-01")[:10]) + timedelta(days=i % 90)
        d["article"]["published"] = day.isoformat()
        yield Report.model_validate(d)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--db", help="ledger URL: measured as it is, or filled first when empty "
                    "(default: a temporary SQLite file)")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from newsledger.ledger import Ledger
    from newsledger.server import create_app
    from newsledger.settings import load_settings

    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{tmp.name}/desk.sqlite"
    with Ledger(url) as ledger:
        if ledger.counts()["articles"] == 0:  # a new ledger: fill it
            t0 = time.perf_counter()
            for _ in ledger.add(variants(demo_reports(), args.articles)):
                pass
            print(f"built a ledger of {args.articles} articles in {time.perf_counter() - t0:.0f} s")
    client = TestClient(create_app(load_settings(use_files=False).replace(db_url=url, cache_dir=tmp.name)))
    place = client.get("/api/places", params={"place": "Pokrovsk"}).json()["items"][0]["id"]
    article = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    client.get("/api/basemap")  # built once, outside the measure
    print(f"{'endpoint':58} {'median ms':>9} {'p95 ms':>8}")
    for path in ENDPOINTS:
        p = path.format(place=place, article=article)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            r = client.get(p)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, (p, r.status_code, r.text[:200])
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"{path:58} {statistics.median(times):9.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
