"""Where our layers spend their time (a profiling script, not a test).

    .venv/bin/python benchmarks/profile_layers.py [CORPUS.jsonl] [--limit 100] [--top 25]

Runs the spaCy model over ``--limit`` articles first (not profiled), then each newsledger
component in pipeline order under cProfile, twice (the second pass, with warm caches, is
the one reported). Prints CPU seconds per component against the model's, the functions with
the most time of their own, and who calls ``Doc.text``: spaCy rebuilds that string from every
token on each access (~0.2 ms for a 370-token article), so a layer that reads it per record
instead of once per document pays for it many times over.

For a sampling view of a whole command, use the profilers in requirements/dev.txt:

    .venv/bin/pyinstrument -m newsledger analyze article.txt
    .venv/bin/py-spy record -o profile.svg -- .venv/bin/python benchmarks/throughput.py --limit 100
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "corpus" / "bbc2225.jsonl"
#: Components that come with the spaCy model (and our segmenter and entity ruler, which are
#: tiny), timed but not profiled.
MODEL = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "entity_ruler", "ner",
         "senter", "newsledger_segmenter"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--skip", type=int, default=0, help="articles to skip first")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()

    from newsledger.ingest.article import make_article
    from newsledger.nlp.pipeline import get_nlp, make_doc
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    nlp = get_nlp(settings)
    rows = []
    with args.corpus.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= args.skip + args.limit:
                break
            if i >= args.skip:
                rows.append(json.loads(line)["text"])
    articles = [make_article(t, source=f"{args.corpus.name}:{i}") for i, t in enumerate(rows)]
    words = sum(len(t.split()) for t in rows)

    times: dict[str, float] = {}
    for _ in range(2):  # the second pass, caches warm, is the one kept
        prof = cProfile.Profile()
        times = {}
        with nlp.memory_zone():
            docs = [make_doc(nlp, a) for a in articles]
            for name, proc in nlp.pipeline:
                t = time.process_time()
                if name in MODEL:
                    docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
                else:
                    prof.enable()
                    docs = [proc(d) for d in docs]
                    prof.disable()
                times[name] = time.process_time() - t
    model = sum(v for k, v in times.items() if k in MODEL)
    ours = sum(v for k, v in times.items() if k not in MODEL)
    print(f"{len(articles)} articles, {words:,} words; CPU seconds (ours under cProfile, so inflated):")
    for name, sec in times.items():
        print(f"  {name:28s} {sec:7.2f}")
    print(f"  model {model:.2f} s, our layers {ours:.2f} s")
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(args.top)
    # Doc properties rebuilt on each access (text, ents, sents...) and who reads them.
    stats.sort_stats("cumulative").print_callers(r"doc.pyx.*\(__get__\)")
    print(out.getvalue())


if __name__ == "__main__":
    main()
