"""Score the quantities layer.

Two corpus shapes, told apart by their rows:

* NewsQuant (rows with ``quantities``): value F1, value+unit F1 and change accuracy.
  Gold has no offsets, so predictions are matched to gold by value within each sentence;
  units are compared after both sides are normalised through our own unit and currency
  tables (``"mile per hour"`` and ``"mph"`` are both km/h), count nouns by their head word.
  It also scores the figure kinds on the hand-written sentences of
  ``data/quantities/figure_kinds.jsonl`` (compound amounts, conversions, fractions, rates,
  non-figures rejected, what a count measures); a file in that shape can be given as --data.
* PLOVER gold-standard records (rows with ``event``): how often the extracted counts give
  the record's ``dead``, ``injured`` and crowd ``size``.

The layer's cost per document is a benchmark, not an evaluation: ``benchmarks/quantities_cost.py``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..models import Article, Quantity
from ..settings import Settings
from .common import prf, read_jsonl, select_part, write_jsonl

#: relative tolerance when comparing values (gold stores floats like "7360000000.0")
VALUE_REL_TOL = 1e-6
#: gold unit names that name a unit our tables write differently
UNIT_ALIASES = {"percentage": "%", "percent": "%", "count": None}
VALUE_RE = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(?:-\s*(-?\d+(?:\.\d+)?))?\s*")


def _docs(texts: list[str], settings: Settings) -> Iterator[list[Quantity]]:
    from ..nlp.pipeline import get_nlp, make_doc

    nlp = get_nlp(settings)
    docs = (make_doc(nlp, Article(id=f"eval-{i}", text=t)) for i, t in enumerate(texts))
    for doc in nlp.pipe(docs, batch_size=settings.batch_size):
        yield list(doc._.nl_quantities or [])


def _gold_range(value: str) -> tuple[float, float] | None:
    m = VALUE_RE.fullmatch(value)
    if not m:
        return None
    a = float(m.group(1))
    b = float(m.group(2)) if m.group(2) else a
    return (min(a, b), max(a, b))


def _pred_range(q: Quantity) -> tuple[float, float] | None:
    if q.low is not None and q.high is not None:
        return (min(q.low, q.high), max(q.low, q.high))
    if q.value is None:
        return None
    return (q.value, q.value)


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return all(math.isclose(x, y, rel_tol=VALUE_REL_TOL, abs_tol=1e-9) for x, y in zip(a, b, strict=True))


def unit_key(name: str | None) -> str | None:
    """Our normalised unit for a unit name written any way, or None when not a known unit."""
    from ..nlp.quantities.lexicon import lexicon

    if not name or name == "-":
        return None
    name = " ".join(name.split())
    if name.lower() in UNIT_ALIASES:
        return UNIT_ALIASES[name.lower()]
    if " per " in name:
        num, den = name.split(" per ", 1)
        a, b = unit_key(num), unit_key(den) or den.strip().lower()
        return f"{a}/{b}" if a else None
    lex = lexicon()
    first, last = name.split()[0], name.split()[-1]
    for cand in (name, name + "s", last, last + "s", first, first + "s"):
        info = lex.unit(cand)
        if info:
            return info.unit
        cur = lex.suffix_currency(cand) or lex.currency_prefix.get(cand)
        if cur:
            return cur.code
    return None


def _unit_agrees(gold: dict[str, Any], q: Quantity) -> bool:
    g_norm = gold.get("normalized_unit") or "-"
    key = unit_key(g_norm) or unit_key(gold.get("unit"))
    if g_norm == "-" and key is None:
        return q.unit is None
    if key is not None:
        return q.unit == key
    if q.unit is None:
        return False
    words = g_norm.lower().replace("-", " ").split()
    ours = q.unit.lower()
    return ours == words[-1] or ours in words or (q.unit_text or "").lower() in words


def change_label(q: Quantity) -> str:
    """Our record in NewsQuant's change vocabulary (=, ~, >, <, up, down)."""
    if q.change in ("up", "down", "~"):
        return q.change
    return {"lower": ">", "upper": "<", "approximate": "~"}.get(q.bound, "=") if q.change == "=" and q.bound != "approximate" else q.change


def _match(gold: list[dict[str, Any]], pred: list[Quantity]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        gr = _gold_range(str(g.get("value", "")))
        if gr is None:
            continue
        for pi, q in enumerate(pred):
            pr = _pred_range(q)
            if pi not in used and pr is not None and _same(gr, pr):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def scored_figures(pred: list[Quantity]) -> list[Quantity]:
    """Our figures as NewsQuant counts them: a figure with a conversion in brackets ("19 miles
    (30km)") is one record of ours and two mentions of NewsQuant's, so each conversion is
    scored as a mention of its own (same measures, its own value, unit and span)."""
    out = []
    for q in pred:
        out.append(q)
        for c in q.conversions:
            out.append(q.model_copy(update={
                "span": c.span, "value": c.value, "low": c.low, "high": c.high, "unit": c.unit,
                "unit_text": c.unit_text, "si_value": c.si_value, "conversions": [],
            }))
    return out


def evaluate_newsquant(rows: list[dict[str, Any]], predictions: Path | None, settings: Settings) -> dict[str, Any]:
    n_gold = n_pred = tp_value = tp_unit = change_ok = 0
    confusion: Counter[str] = Counter()
    out = []
    for row, figures in zip(rows, _docs([r["text"] for r in rows], settings), strict=True):
        pred = scored_figures(figures)
        gold = row.get("quantities", [])
        pairs = _match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        tp_value += len(pairs)
        for gi, pi in pairs:
            if _unit_agrees(gold[gi], pred[pi]):
                tp_unit += 1
            label = change_label(pred[pi])
            change_ok += label == gold[gi].get("change")
            confusion[f"{gold[gi].get('change')}->{label}"] += 1
        if predictions is not None:
            out.append({"text": row["text"], "quantities": [_as_gold(q) for q in pred]})
    if predictions is not None:
        write_jsonl(predictions, out)
    return {
        "corpus": "newsquant",
        "sentences": len(rows),
        "value": prf(tp_value, n_pred, n_gold),
        "value_unit": prf(tp_unit, n_pred, n_gold),
        "change_accuracy": round(change_ok / tp_value, 4) if tp_value else 0.0,
        "change_confusion": dict(confusion.most_common()),
        "kinds": evaluate_kinds(kind_cases(), settings),
    }


def _as_gold(q: Quantity) -> dict[str, Any]:
    if q.low is not None and q.high is not None:
        value = f"{q.low}-{q.high}"
    else:
        value = str(q.value)
    return {"change": change_label(q), "value": value, "unit": q.unit_text or "-",
            "normalized_unit": q.unit or "-", "referred_concepts": q.measures or "-"}


# --------------------------------------------------------------------------- figure kinds

#: the hand-written sentences of the figure kinds (compound, conversion, fraction, rate,
#: non_figure, measures), packaged with the layer's word lists
KINDS_FILE = "quantities/figure_kinds.jsonl"
#: relative tolerance for the expected values of those sentences, written to four places
#: ("0.6667" for two-thirds)
KIND_VALUE_REL_TOL = 1e-3


def kind_cases() -> list[dict[str, Any]]:
    from importlib import resources

    raw = resources.files("newsledger.data").joinpath(KINDS_FILE).read_text("utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


#: roles of a figure's related phrases that say where it happened
PLACE_ROLES = ("in", "near", "at")


def _place_text(q: Quantity) -> str | None:
    """Where a count happened: its "place", else a resolved place after "in"/"near"/"at"."""
    place = next((r.span.text for r in q.related if r.role == "place"), None)
    return place or next((r.span.text for r in q.related if r.role in PLACE_ROLES and r.place_id), None)


def _fits(expect: dict[str, Any], q: Quantity) -> bool:
    if q.value is None or not math.isclose(q.value, float(expect["value"]), rel_tol=KIND_VALUE_REL_TOL):
        return False
    checks = {
        "unit": lambda: q.unit, "rate_per": lambda: q.rate_per,
        "count_type": lambda: q.count_type, "place": lambda: _place_text(q),
    }
    for key, got in checks.items():
        if key in expect and got() != expect[key]:
            return False
    conv = expect.get("conversion")
    if conv is not None:
        c = q.conversions[0] if q.conversions else None
        if c is None or c.value is None or c.unit != conv.get("unit", c.unit):
            return False
        if not math.isclose(c.value, float(conv["value"]), rel_tol=KIND_VALUE_REL_TOL):
            return False
    return True


def case_problems(case: dict[str, Any], pred: list[Quantity]) -> list[str]:
    """What our figures get wrong about one hand-written case (empty when all is right)."""
    problems = []
    for expect in case.get("figures", []):
        if not any(_fits(expect, q) for q in pred):
            problems.append(f"missing or wrong: {expect}")
    for text in case.get("not_figures", []):
        hit = [q.span.text for q in pred if text in q.span.text]
        if hit:
            problems.append(f"{text!r} read as a figure: {hit}")
    return problems


def evaluate_kinds(cases: list[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    """Per kind: how many of the hand-written sentences our figures get entirely right."""
    stats: dict[str, Counter[str]] = {}
    failures = []
    for case, pred in zip(cases, _docs([c["text"] for c in cases], settings), strict=True):
        problems = case_problems(case, pred)
        s = stats.setdefault(case["kind"], Counter())
        s["cases"] += 1
        s["right"] += not problems
        if problems:
            failures.append({"text": case["text"], "problems": problems})
    out: dict[str, Any] = {
        kind: {"cases": s["cases"], "right": s["right"], "accuracy": round(s["right"] / s["cases"], 4)}
        for kind, s in sorted(stats.items())
    }
    total = sum(s["cases"] for s in stats.values())
    out["all"] = {"cases": total, "right": sum(s["right"] for s in stats.values()),
                  "accuracy": round(sum(s["right"] for s in stats.values()) / total, 4) if total else 0.0}
    out["failures"] = failures
    return out


# --------------------------------------------------------------------------- PLOVER

#: PLOVER field -> the count types that give it
PLOVER_FIELDS = {"dead": ("killed",), "injured": ("wounded",), "size": None}
NOT_SIZE_TYPES = frozenset({"killed", "wounded", "casualties"})


def _plover_gold(value: Any) -> tuple[float, float] | None:
    from ..nlp.quantities.numbers import parse_vague, parse_words

    text = str(value).strip()
    r = _gold_range(text.replace(",", ""))
    if r:
        return r
    v = parse_vague(text)
    if v:
        return v
    w = parse_words(text)
    return (w, w) if w is not None else None


def _field_preds(field: str, pred: list[Quantity]) -> list[Quantity]:
    counts = [q for q in pred if q.dimension == "count"]
    types = PLOVER_FIELDS[field]
    if types is not None:
        return [q for q in counts if q.count_type in types]
    return [q for q in counts if q.count_type not in NOT_SIZE_TYPES][:1]


def evaluate_plover(rows: list[dict[str, Any]], predictions: Path | None, settings: Settings) -> dict[str, Any]:
    stats = {f: Counter[str]() for f in PLOVER_FIELDS}
    out = []
    for row, pred in zip(rows, _docs([r["text"] for r in rows], settings), strict=True):
        rec: dict[str, Any] = {"id": row.get("id"), "text": row["text"]}
        for field in PLOVER_FIELDS:
            got = _field_preds(field, pred)
            rec[field] = str(got[0].value) if got else None
            gold_raw = row.get(field)
            s = stats[field]
            if gold_raw in (None, ""):
                s["predicted_without_gold"] += bool(got) and field != "size"
                continue
            s["gold"] += 1
            gold = _plover_gold(gold_raw)
            if gold is None:
                s["gold_unreadable"] += 1
                continue
            s["predicted"] += bool(got)
            s["correct"] += any(_same(gold, r) for q in got if (r := _pred_range(q)) is not None)
        out.append(rec)
    if predictions is not None:
        write_jsonl(predictions, out)
    figures: dict[str, Any] = {"corpus": "plover", "records": len(rows)}
    total_gold = total_ok = 0
    for field, s in stats.items():
        figures[field] = {
            "gold": s["gold"],
            "correct": s["correct"],
            "accuracy": round(s["correct"] / s["gold"], 4) if s["gold"] else 0.0,
            "predicted_with_gold": s["predicted"],
            "unreadable_gold": s["gold_unreadable"],
        }
        if field != "size":
            figures[field]["predicted_without_gold"] = s["predicted_without_gold"]
        total_gold += s["gold"]
        total_ok += s["correct"]
    figures["all_counts_accuracy"] = round(total_ok / total_gold, 4) if total_gold else 0.0
    return figures


def evaluate(data: Path, predictions: Path | None, settings: Settings, **options: Any) -> dict[str, Any]:
    """Score against NewsQuant or PLOVER records (told apart by the rows' fields)."""
    files = sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    rows = select_part([r for f in files for r in read_jsonl(f)], options.get("part"))
    limit = options.get("limit")
    if limit:
        rows = rows[:limit]
    if not rows:
        return {"sentences": 0}
    if "kind" in rows[0] and "figures" in rows[0]:  # sentences in the shape of figure_kinds.jsonl
        return {"corpus": "figure_kinds", "sentences": len(rows), "kinds": evaluate_kinds(rows, settings)}
    if "event" in rows[0] and "quantities" not in rows[0]:
        return evaluate_plover(rows, predictions, settings)
    if "quantities" not in rows[0]:
        from ..errors import InvalidRecordError

        raise InvalidRecordError(
            "rows have neither 'quantities' (NewsQuant) nor 'event' (PLOVER); for the layer's "
            "cost on plain articles run benchmarks/quantities_cost.py", source=str(data))
    return evaluate_newsquant(rows, predictions, settings)
