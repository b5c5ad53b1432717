"""Runs of one punctuation character are cut before spaCy's tokenizer sees them: its prefix
and suffix loop copies the rest of the word at each step, quadratic in the run (10,000 `"`
took 9.7 s, 20,000 took 38.7 s). The text, and so every offset, is unchanged."""

from __future__ import annotations

import re

import pytest
import spacy

from newsledger.ingest.article import make_article
from newsledger.nlp.tokens import PUNCT_RUN_MIN, tokenize

LONGEST = re.compile(r"([^\w\s])\1*")

CASES = [
    '"' * 20_000,
    'He said "' + '"' * 5_000 + ' and left.',
    "Kyiv" + ")" * 3_000 + " Odesa " + "!" * 400 + "\n\n" + "-" * 50 + " end",
    "a" + "." * 1_000 + "b" + "…" * 300 + " c " + "“" * 200 + "”" * 200,
    "ordinary text, with no long runs... none!!",
]


def _longest_run(text: str) -> int:
    return max((len(m.group(0)) for m in LONGEST.finditer(text)), default=0)


@pytest.mark.parametrize("text", CASES)
def test_the_tokenizer_never_sees_a_long_run_and_the_text_is_kept(text: str) -> None:
    nlp = spacy.blank("en")
    seen: list[str] = []
    real = nlp.tokenizer

    def recording(piece: str):  # spaCy's own tokenizer, each call recorded
        seen.append(piece)
        return real(piece)

    nlp.tokenizer = recording
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert all(_longest_run(p) < PUNCT_RUN_MIN for p in seen), max(map(_longest_run, seen))
    assert sum(len(t.text_with_ws) for t in doc) == len(text)
    for tok in doc:
        assert text[tok.idx:tok.idx + len(tok.text)] == tok.text


def test_ordinary_text_is_tokenised_as_spacy_does() -> None:
    nlp = spacy.blank("en")
    text = 'Officials said "we are holding the line" -- ' + "-" * (PUNCT_RUN_MIN - 1) + " (at 10 km)."
    assert [t.text for t in tokenize(nlp, text)] == [t.text for t in nlp.make_doc(text)]


def test_the_pipeline_on_a_long_run_keeps_every_offset(nlp) -> None:
    from newsledger.nlp.pipeline import make_doc
    from newsledger.nlp.report import doc_to_report

    text = ('"We are holding the line," said Volodymyr Zelensky in Kyiv.\n\n' + '"' * 3_000
            + "\n\nThree people were killed in Kharkiv on Monday, officials said.")
    art = make_article(text, source="runs.txt")
    report = doc_to_report(art, nlp(make_doc(nlp, art)))
    assert report.places and report.quantities
    for p in report.places:
        for m in p.mentions:
            assert text[m.span.start:m.span.end] == m.span.text
    for q in report.quantities:
        assert text[q.span.start:q.span.end] == q.span.text
