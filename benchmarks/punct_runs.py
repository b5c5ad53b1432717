"""CPU time to tokenise runs of one quote mark: spaCy's ``nlp.make_doc`` against
``newsledger.nlp.tokens.tokenize`` (what ``make_doc`` uses), with the packaged pipeline.

    .venv/bin/python benchmarks/punct_runs.py --max-spacy 10000

``--max-spacy`` is the longest run also given to ``nlp.make_doc`` (quadratic: 20,000 marks
take about 40 s).
"""

from __future__ import annotations

import argparse
import time

from newsledger.nlp.pipeline import get_nlp
from newsledger.nlp.tokens import tokenize
from newsledger.settings import load_settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-spacy", type=int, default=10_000)
    args = ap.parse_args()
    nlp = get_nlp(load_settings(use_files=False))
    for n in (5_000, 10_000, 20_000, 40_000):
        text = '"' * n
        t0 = time.process_time()
        doc = tokenize(nlp, text)
        line = f"{n:>6} quote marks: tokenize {time.process_time() - t0:.3f} s CPU, {len(doc)} tokens"
        if n <= args.max_spacy:
            t0 = time.process_time()
            ref = nlp.make_doc(text)
            line += f"; nlp.make_doc {time.process_time() - t0:.2f} s CPU, {len(ref)} tokens"
        print(line, flush=True)


if __name__ == "__main__":
    main()
