"""Walk every documented query parameter of every API endpoint over a ledger, and list the
filters that are silently ignored: a value that matches nothing still returns rows.

    .venv/bin/python scripts/filter_walk.py --db /tmp/ledger.sqlite [--json]

For each GET endpoint of the app's OpenAPI document and each of its query parameters, the
script asks once with no filter and once with a value that can match nothing (an id of
2**62, a date in year 9998 or 0001, a nonsense word, an offset past the end). A parameter is
*ignored* when the filtered answer still has rows; *refused* when it answers 4xx; *narrowed*
when it answers no rows. The measurement the tests assert on the demo ledger
(tests/test_query_contract.py), made here on any ledger.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def rows(body: Any) -> int:
    if isinstance(body, list):
        return len(body)
    if "features" in body:
        return len(body["features"])
    if "hits" in body:
        return len(body["hits"]) + len(body["articles"]["items"]) + len(body["quotes"]["items"])
    if "items" in body:
        return len(body["items"])
    return sum(len(v) for v in (body.get(k) for k in ("quotes", "events", "claims", "articles")) if isinstance(v, list))


def nothing(param: dict[str, Any]) -> Any:
    name, schema = param["name"], param.get("schema", {})
    types = {schema.get("type")} | {x.get("type") for x in schema.get("anyOf", [])}
    fixed = {"since": "9998-12-31", "until": "0001", "offset": 100_000}
    if name in fixed:
        return fixed[name]
    if "integer" in types:
        return 2**62
    return "zzqx-nothing-matches"


def walk(client: Any, search_words: str) -> dict[str, list[str]]:
    spec = client.get("/api/openapi.json").json()
    places = client.get("/api/places").json()["items"]
    out: dict[str, list[str]] = {"ignored": [], "refused": [], "narrowed": [], "empty_base": [], "errors": []}
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if op is None or ("{" in path and path != "/api/places/{canonical_id}"):
            continue
        url = path.replace("{canonical_id}", str(places[0]["id"]) if places else "1")
        base_params = {"q": search_words} if path == "/api/search" else {}
        base = client.get(url, params=base_params)
        n_base = rows(base.json()) if base.status_code == 200 else 0
        for param in op.get("parameters", []):
            if param["in"] != "query" or param["name"] == "limit" or (path == "/api/search" and param["name"] == "q"):
                continue
            label = f"{path}?{param['name']}"
            if not n_base:
                out["empty_base"].append(label)
                continue
            r = client.get(url, params={**base_params, param["name"]: nothing(param)})
            if 400 <= r.status_code < 500:
                out["refused"].append(label)
            elif r.status_code != 200:
                out["errors"].append(f"{label} ({r.status_code})")
            elif rows(r.json()):
                out["ignored"].append(label)
            else:
                out["narrowed"].append(label)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="Ledger URL or SQLite file.")
    parser.add_argument("--search", default="Ukraine", help="Words for the unfiltered /api/search.")
    parser.add_argument("--json", action="store_true", help="Print every list, not only the counts.")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from newsledger.server import create_app
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False).replace(db_url=args.db)
    with TestClient(create_app(settings)) as client:
        found = walk(client, args.search)
    if args.json:
        print(json.dumps(found, indent=2))
    walked = sum(len(v) for k, v in found.items() if k != "empty_base")
    print(f"{walked} filters walked: {len(found['ignored'])} ignored, {len(found['narrowed'])} narrowed to "
          f"nothing, {len(found['refused'])} refused (4xx), {len(found['errors'])} errors; "
          f"{len(found['empty_base'])} on endpoints with no rows to narrow")
    for label in found["ignored"]:
        print(f"ignored: {label}")
    return 1 if found["ignored"] or found["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
