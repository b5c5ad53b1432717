"""Build ``src/newsledger/data/entities/given_names.tsv`` from nomquamgender's name data.

nomquamgender 0.1.4 (PyPI, MIT licence, Ian Van Buskirk 2022) ships ``name_data.json``:
name -> [sources, observations, p(gf), category]. We keep plain Latin given names seen at
least ``MIN_COUNT`` times in at least ``MIN_SOURCES`` sources whose share of the
female-gendered use is at most ``MAX_P`` (m) or at least ``1 - MAX_P`` (f). Not run at run
time or in tests; the output is committed.

    python scripts/build_given_names.py /path/to/nomquamgender/name_data.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MIN_COUNT = 1000
MIN_SOURCES = 10
MAX_P = 0.05
OUT = Path(__file__).resolve().parents[1] / "src/newsledger/data/entities/given_names.tsv"
HEADER = """\
# Given names with their usual gender, for pronoun agreement ("she" never resolves to a
# person whose given name is almost always a man's). Derived by scripts/build_given_names.py
# from nomquamgender 0.1.4's name_data.json (MIT licence, (c) 2022 Ian Van Buskirk): names
# seen at least 1000 times in at least 10 sources, with p(female) <= 0.05 (m) or >= 0.95 (f).
# A name missing here has no known gender; agreement is then not checked.
name\tgender
"""


def main(path: str) -> None:
    data = json.loads(Path(path).read_text("utf-8"))
    rows = []
    for name, (sources, count, p, _) in sorted(data.items()):
        if not re.fullmatch(r"[a-z]{2,20}", name) or count < MIN_COUNT or sources < MIN_SOURCES:
            continue
        if p <= MAX_P:
            rows.append(f"{name}\tm")
        elif p >= 1 - MAX_P:
            rows.append(f"{name}\tf")
    OUT.write_text(HEADER + "\n".join(rows) + "\n", "utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
