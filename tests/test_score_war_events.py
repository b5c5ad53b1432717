"""The events scorer for war coverage (scripts/score_war_events.py) on a two-article annotation
written for this test, through the real pipeline: matching by trigger, the shown and all-event
figures, unjudged events, a duplicate counted once, and the judging sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.eval.common import part_of
from script_support import load_script

SHELLING = ("Russian forces shelled the town of Izium on Monday, the regional governor said. "
            "The shelling destroyed a school. Ukraine's foreign minister accused Russia of war crimes.")
SCENARIO = ("Russia would attack Moldova if NATO expanded further, a Kremlin adviser warned. "
            "The Polish president met the Lithuanian prime minister in Vilnius on Tuesday.")


def _judge(text: str, word: str, plover_type: str, verdict: str, *, extra: int = 0,
           duplicate_of: str | None = None) -> dict:
    i = text.index(word)
    j = {"trigger_start": i, "trigger_end": i + len(word) + extra, "plover_type": plover_type,
         "verdict": verdict, "reason": "written for the test"}
    if duplicate_of:
        k = text.index(duplicate_of)
        j["duplicate_of"] = [k, k + len(duplicate_of)]
    return j


def _annotation(tmp_path: Path) -> Path:
    rows = [
        {"id": "war-events-a", "part": part_of("war-events-a"), "published": "2024-05-01", "text": SHELLING,
         "events": [_judge(SHELLING, "shelled", "ASSAULT", "P"),
                    # the school's destruction is the shelling again: one act, counted once
                    _judge(SHELLING, "destroyed", "ASSAULT", "P", duplicate_of="shelled"),
                    # offsets that only overlap the trigger still match when the type agrees
                    _judge(SHELLING, "accused", "ACCUSE", "B", extra=7)]},
        {"id": "war-events-b", "part": part_of("war-events-b"), "published": "2024-05-01", "text": SCENARIO,
         "events": [_judge(SCENARIO, "attack", "THREATEN", "H"),
                    _judge(SCENARIO, "met", "CONSULT", "P"),
                    # an overlapping judgment of another type does not match: "warned" stays unjudged
                    _judge(SCENARIO, " warned", "STATEMENT", "P")]},
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_the_scorer_counts_verdicts_of_shown_and_all_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = load_script("score_war_events")
    assert script.main([str(_annotation(tmp_path)), "--json", "--unjudged"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["articles"] == 2
    # shown by default: the shelling, the accusation, the meeting, and the adviser's warning (unjudged)
    assert out["shown"] == {"n": 4, "judged": 3, "unjudged": 1, "strict": round(2 / 3, 3), "lenient": 1.0,
                            "P": 2, "B": 1, "W": 0, "H": 0}
    # all: the hidden scenario attack is H, the second record of the shelling W
    assert out["all"] == {"n": 6, "judged": 5, "unjudged": 1, "strict": 0.4, "lenient": 0.6,
                          "P": 2, "B": 1, "W": 1, "H": 1}
    assert "UNJUDGED war-events-b" in captured.err and "'warned'" in captured.err


def test_a_duplicate_is_wrong_only_beside_its_first_record() -> None:
    script = load_script("score_war_events")
    j = {"verdict": "P", "duplicate_of": [15, 22]}
    assert script.verdict(j, {(15, 22)}) == "W"
    assert script.verdict(j, set()) == "P"


def test_the_sheet_lists_every_event_with_a_row_to_fill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = load_script("score_war_events")
    assert script.main([str(_annotation(tmp_path)), "--sheet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [json.loads(x.removeprefix("#ROW ")) for x in lines if x.startswith("#ROW ")]
    assert [r["id"] for r in rows] == ["war-events-a", "war-events-b"]
    assert all(j["verdict"] is None for r in rows for j in r["events"])
    assert sum(len(r["events"]) for r in rows) == 6
    assert any("'shelled' ASSAULT" in x and "SHOWN" in x for x in lines)
