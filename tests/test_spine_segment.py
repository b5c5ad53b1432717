from __future__ import annotations

import pytest

from newsledger.nlp.segment import is_heading, line_spans


@pytest.mark.parametrize(
    ("line", "last", "expected"),
    [
        ("Strategic Importance of the Bridge", False, True),
        ("Is the Front Holding?", False, True),
        ("The army said it had retaken the village.", False, False),
        ("Strategic Importance of the Bridge", True, False),
        ("This is a long line of ordinary running text that goes on well past the limit of words", False, False),
    ],
)
def test_heading_rule(line: str, last: bool, expected: bool) -> None:
    assert is_heading(line, last) is expected


def test_line_spans_are_offsets() -> None:
    text = "  Title here \n\nBody one.\nBody two."
    spans = line_spans(text)
    assert [text[s:e] for s, e in spans] == ["Title here", "Body one.", "Body two."]


def test_heading_is_its_own_sentence(nlp) -> None:
    from newsledger.ingest.article import make_article
    from newsledger.nlp.pipeline import make_doc

    text = "Harbour Attacks and Naval Losses\nMilitary analysts believe the fleet has moved east."
    doc = nlp(make_doc(nlp, make_article(text)))
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Harbour Attacks and Naval Losses"
    assert doc._.nl_headings == [(0, 32)]
    assert not any(e.label_ == "PERSON" for e in doc.ents if e.start_char < 32)
