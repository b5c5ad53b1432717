"""Cost per document of the quantities layer, against the bare spaCy model (a script).

    .venv/bin/python benchmarks/quantities_cost.py ../shared/data/dev/corpus/bbc2225.jsonl --limit 200

CORPUS is JSON Lines with a ``text`` per row (such as the BBC throughput corpus). It times
the bare model, the whole pipeline, and our component alone on documents the pipeline has
already annotated, and prints the figures as JSON.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from newsledger.models import Article
from newsledger.settings import Settings

COMPONENT = "newsledger_quantities"


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


def cost(texts: list[str], settings: Settings) -> dict[str, Any]:
    import spacy

    from newsledger.nlp.pipeline import get_nlp, make_doc

    bare = spacy.load(settings.model)
    list(bare.pipe(texts[:5]))  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in bare.pipe(texts, batch_size=settings.batch_size):
        pass
    bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0

    nlp = get_nlp(settings)
    articles = [Article(id=f"bench-{i}", text=t) for i, t in enumerate(texts)]
    list(nlp.pipe(make_doc(nlp, a) for a in articles[:5]))
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=settings.batch_size))
    full_s, full_cpu = time.perf_counter() - t0, time.process_time() - c0

    figures: dict[str, Any] = {
        "corpus": "throughput",
        "documents": len(texts),
        "mean_chars": round(sum(map(len, texts)) / max(1, len(texts))),
        "bare_model_docs_per_s": _rate(len(texts), bare_s),
        "pipeline_docs_per_s": _rate(len(texts), full_s),
        "pipeline_vs_bare": round(bare_s / full_s, 3) if full_s else 0.0,
        "bare_model_ms_per_doc": round(1000 * bare_s / max(1, len(texts)), 2),
        # CPU time of this process: steadier than wall time on a shared machine
        "bare_model_cpu_ms_per_doc": round(1000 * bare_cpu / max(1, len(texts)), 2),
        "pipeline_cpu_ms_per_doc": round(1000 * full_cpu / max(1, len(texts)), 2),
        "pipeline_vs_bare_cpu": round(bare_cpu / full_cpu, 3) if full_cpu else 0.0,
    }
    if COMPONENT not in nlp.pipe_names:
        return figures
    component = nlp.get_pipe(COMPONENT)
    times = []
    n_quantities = n_times = 0
    c0 = time.process_time()
    for doc in docs:
        t0 = time.perf_counter()
        component(doc)
        times.append(1000 * (time.perf_counter() - t0))
    component_cpu = time.process_time() - c0
    for doc in docs:
        n_quantities += len(doc._.nl_quantities or [])
        n_times += len(doc._.nl_times or [])
    times.sort()
    figures["quantities_ms_per_doc"] = {
        "mean": round(statistics.fmean(times), 3),
        "median": round(statistics.median(times), 3),
        "p95": round(times[int(0.95 * (len(times) - 1))], 3),
        "max": round(times[-1], 3),
    }
    figures["quantities_cpu_ms_per_doc"] = round(1000 * component_cpu / max(1, len(docs)), 3)
    figures["quantities_share_of_bare_model_cpu"] = round(
        component_cpu / bare_cpu, 4
    ) if bare_cpu else 0.0
    figures["quantities_per_doc"] = round(n_quantities / max(1, len(docs)), 2)
    figures["times_per_doc"] = round(n_times / max(1, len(docs)), 2)
    return figures


def main() -> None:
    import argparse
    import json
    from pathlib import Path

    from newsledger.settings import load_settings

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", type=Path, help="JSON Lines with a 'text' per row")
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    texts: list[str] = []
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and len(texts) < args.limit:
                texts.append(json.loads(line)["text"])
    print(json.dumps(cost(texts, load_settings()), indent=2))


if __name__ == "__main__":
    main()
