"""The war-coverage scorer (scripts/score_war_quotes.py) on a two-article annotation written
for this test: precision, recall, right speaker by full name and wrong person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.eval.common import part_of
from script_support import load_script


def _row(doc_id: str, text: str, quotes: list[tuple[str, str | None, bool]]) -> dict:
    out = []
    for anchor, speaker, optional in quotes:
        i = text.index(anchor)
        out.append({"anchor": anchor, "start": i, "end": i + len(anchor), "speaker": speaker,
                    "also": [], "optional": optional})
    return {"id": doc_id, "part": part_of(doc_id), "published": "2024-05-01", "text": text, "quotes": out}


def test_the_scorer_counts_quotes_and_speakers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = ("Anna Smith is an analyst at RAND. Boris Petrov runs a shelter in Kharkiv.\n\n"
         "“The shelling went on all night,” Anna Smith said.\n\n"
         "Officials said the bridge would reopen next week.")
    b = "“We need more beds before the winter comes,” said Boris Petrov, who runs the shelter."
    rows = [_row("war-score-a", a, [("shelling went on all night", "Anna Smith", False),
                                    ("bridge would reopen", None, False),
                                    ("runs a shelter", "Boris Petrov", True)]),
            _row("war-score-b", b, [("more beds before the winter", "Anna Smith", False)])]
    path = tmp_path / "ann.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert load_script("score_war_quotes").main([str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gold_quotes"] == 3 and out["articles"] == 2
    assert out["recall"] == 1.0 and out["precision"] == 1.0
    # the second article's gold (deliberately) names another person: a wrong person
    assert out["speaker_right"] == round(2 / 3, 3)
    assert out["wrong_person"] == round(1 / 3, 3)


def test_a_text_free_annotation_reads_its_text_from_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsledger.eval.common import text_sha256

    text = "“The bridge is open again,” Anna Smith said on Monday."
    row = _row("war-score-c", text, [("bridge is open again", "Anna Smith", False)])
    del row["text"], row["quotes"][0]["anchor"]
    row["text_sha256"] = text_sha256(text)
    ann, corpus = tmp_path / "ann.jsonl", tmp_path / "corpus.jsonl"
    ann.write_text(json.dumps(row), encoding="utf-8")
    corpus.write_text(json.dumps({"id": "war-score-c", "text": text}), encoding="utf-8")
    script = load_script("score_war_quotes")
    assert script.main([str(ann), "--json", "--corpus", str(corpus)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gold_quotes"] == 1 and out["speaker_right"] == 1.0
    # another version of the article: the offsets would point at other words, so it is refused
    corpus.write_text(json.dumps({"id": "war-score-c", "text": text.replace("Monday", "Sunday")}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"war-score-c.*differs"):
        script.main([str(ann), "--corpus", str(corpus)])


def test_a_tune_copy_of_a_check_article_is_in_neither_tune_figure(tmp_path: Path) -> None:
    from newsledger.eval.common import read_annotation, text_sha256

    ids = [f"war-copy-{i}" for i in range(40)]
    tune = next(i for i in ids if part_of(i) == "tune")
    check = next(i for i in ids if part_of(i) == "check")
    other = next(i for i in ids if part_of(i) == "tune" and i != tune)
    text, own = "A wire story filed twice under two ids.", "A story of its own."
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                                [(tune, text), (check, text), (other, own)]), encoding="utf-8")
    ann = tmp_path / "ann.jsonl"
    ann.write_text("\n".join(json.dumps({"id": i, "text_sha256": text_sha256(t), "quotes": []})
                             for i, t in [(tune, text), (check, text), (other, own)]), encoding="utf-8")
    assert [r["id"] for r in read_annotation(ann, "tune", corpus)] == [other]
    assert [r["id"] for r in read_annotation(ann, "check", corpus)] == [check]
