"""Fit the events' confidence model on the PLOVER gold's tune part and write its weights.

    .venv/bin/python scripts/fit_event_confidence.py ../shared/data/dev/events/plover_gsr.jsonl

The weights go to src/newsledger/data/events/confidence.tsv; the calibration is then read
on the check part with ``newsledger eval events --data ... --part check --json``
("calibration"). PLOVER's gold standard is openly licensed; nothing is fitted on CASE.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsledger.eval.events import confidence_rows, fit_confidence
from newsledger.settings import load_settings

OUT = Path(__file__).resolve().parent.parent / "src" / "newsledger" / "data" / "events" / "confidence.tsv"
HEADER = """# feature<TAB>weight of the events' confidence model (nlp/events/select.py): a logistic
# regression of "the main event's PLOVER type is right" on the PLOVER gold standard's tune
# part (scripts/fit_event_confidence.py, L2 penalty eval/events.py CONFIDENCE_L2); its
# calibration is read on the check part (newsledger eval events --part check: calibration).
"""


def main() -> None:
    data = Path(sys.argv[1])
    rows = confidence_rows(data, load_settings(use_files=False), "tune")
    weights = fit_confidence(rows)
    OUT.write_text(HEADER + "feature\tweight\n" + "".join(f"{k}\t{v}\n" for k, v in weights.items()), encoding="utf-8")
    print(f"{len(rows)} events, {sum(ok for _, ok in rows)} right; weights: {weights}")


if __name__ == "__main__":
    main()
