"""Events against ACLED sub-event types: the CASE 2021 task 2 format.

Each row of the tab-separated file (``id``, ``EventSnippet``, ``SubType``) is a news snippet
labelled with one of ACLED's 25 sub-event types, or with one of five types outside ACLED
(DIPLO, MAN_MADE_DISASTER, NATURAL_DISASTER, ORG_CRIME, ATTRIB). The pipeline runs on each
snippet; its main event (:func:`newsledger.nlp.events.select.main_event`) gives the
prediction through the event's ``acled_sub_event_type``. A snippet with no event, or whose
main event has no ACLED type, is predicted ``NONE``.

Figures: accuracy; weighted F1 (each class's F1 weighted by its gold count, as the shared
task scored) and macro F1, both over the ACLED classes alone and over every gold class;
per-class precision/recall/F1; and the confusion matrix (gold -> predicted -> count).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import BadRecordError
from ..settings import Settings
from .common import prf, select_part, write_jsonl

#: ACLED's sub-event type names (as the codebook and our mapping write them) -> CASE labels.
ACLED_TO_CASE = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Air/drone strike": "AIR_STRIKE",
    "Chemical weapon": "CHEM_WEAP",
    "Grenade": "GRENADE",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Suicide bomb": "SUIC_BOMB",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Mob violence": "MOB_VIOL",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Attack": "ATTACK",
    "Sexual violence": "SEX_VIOL",
}
ACLED_CLASSES = frozenset(ACLED_TO_CASE.values())
COLUMNS = ("id", "EventSnippet", "SubType")
NONE = "NONE"


def read_case(path: Path) -> list[dict[str, str]]:
    """The rows of a CASE 2021 task 2 file; a coded error naming the file if it is not one."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames is None or not set(COLUMNS) <= set(reader.fieldnames):
            raise BadRecordError(
                f"not a CASE 2021 task 2 file: expected a TSV with the columns {', '.join(COLUMNS)} "
                f"(found {reader.fieldnames}), or PLOVER records as JSON Lines", source=str(path))
        return [{"id": r["id"], "text": r["EventSnippet"], "label": r["SubType"]}
                for r in reader if r.get("EventSnippet")]


def weighted_and_macro(per_class: dict[str, dict[str, float]], classes: set[str]) -> tuple[float, float]:
    rows = [per_class[c] for c in classes if c in per_class and per_class[c]["gold"]]
    total = sum(r["gold"] for r in rows)
    weighted = sum(r["f1"] * r["gold"] for r in rows) / total if total else 0.0
    macro = sum(r["f1"] for r in rows) / len(rows) if rows else 0.0
    return round(weighted, 4), round(macro, 4)


def evaluate_case(data: Path, predictions: Path | None, settings: Settings, **options: Any) -> dict[str, Any]:
    from ..models import Article
    from ..nlp.events.select import main_event
    from ..nlp.pipeline import get_nlp, make_doc

    rows = select_part(read_case(data), options.get("part"))
    if options.get("limit"):
        rows = rows[: int(options["limit"])]
    nlp = get_nlp(settings)
    articles = [Article(id=f"case-{r['id']}", text=r["text"]) for r in rows]
    docs = nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=settings.batch_size)
    confusion: dict[str, Counter[str]] = {}
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    out_rows = []
    for row, doc in zip(rows, docs, strict=True):
        ev = main_event(doc, list(doc._.nl_events or []), acled_first=True)
        sub = ev.acled_sub_event_type if ev else None
        pred = ACLED_TO_CASE.get(sub or "", NONE)
        gold = row["label"]
        n_gold[gold] += 1
        n_pred[pred] += 1
        tp[gold] += pred == gold
        confusion.setdefault(gold, Counter())[pred] += 1
        out_rows.append({"id": row["id"], "text": row["text"], "gold": gold, "predicted": pred,
                         "plover_type": ev.plover_type if ev else None,
                         "non_acled": ev.non_acled if ev else None, "modality": ev.modality if ev else None,
                         "trigger": ev.trigger.text if ev else None})
    if predictions is not None:
        write_jsonl(predictions, out_rows)
    classes = set(n_gold) | (set(n_pred) - {NONE})
    per_class = {c: prf(tp[c], n_pred[c], n_gold[c]) for c in sorted(classes)}
    w_acled, m_acled = weighted_and_macro(per_class, set(ACLED_CLASSES))
    w_all, m_all = weighted_and_macro(per_class, set(n_gold))
    n = len(rows)
    return {
        "snippets": n,
        "accuracy": round(sum(tp.values()) / n, 4) if n else 0.0,
        "no_event": n_pred[NONE],
        "weighted_f1_acled": w_acled,
        "macro_f1_acled": m_acled,
        "weighted_f1_all": w_all,
        "macro_f1_all": m_all,
        "per_class": per_class,
        "confusion": {g: dict(c.most_common()) for g, c in sorted(confusion.items())},
    }
