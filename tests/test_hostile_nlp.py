"""Hostile text through the whole NLP pipeline (every component, in order): unbalanced quotes,
huge numbers, control characters, bidi marks, emoji and mixed scripts never raise out of a
component, every record's span covers exactly its text, and the report round-trips as JSON."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from hostile_strategies import PROFILE, any_char, nlp_text
from newsledger.errors import InputError
from newsledger.ingest.article import make_article
from newsledger.models import WARNING_CODES, Article, Report, ReportWarning
from newsledger.nlp.pipeline import make_doc, run

SOURCE = "hostile/nlp-01.txt"


def _spans(value: Any, path: str = "report") -> list[tuple[str, dict[str, Any]]]:
    """Every span-shaped dict (start, end, text) in a dumped report, with where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            found.append((path, value))
        for k, v in value.items():
            found.extend(_spans(v, f"{path}.{k}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(_spans(v, f"{path}[{i}]"))
    return found


def _floats(value: Any, path: str = "report") -> list[tuple[str, float]]:
    if isinstance(value, float):
        return [(path, value)]
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _floats(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [f for i, v in enumerate(value) for f in _floats(v, f"{path}[{i}]")]
    return []


def _check_report(article: Article, report: Report) -> None:
    assert report.article.text == article.text
    text = article.text
    records = report.model_dump(mode="json")
    del records["article"]
    for where, span in _spans(records):
        assert 0 <= span["start"] <= span["end"] <= len(text), (where, span)
        assert text[span["start"]:span["end"]] == span["text"], (where, span)
    assert all(isinstance(w, ReportWarning) and w.code in WARNING_CODES for w in report.warnings)
    for where, number in _floats(records):
        assert math.isfinite(number), f"{where} = {number}: JSON cannot carry it (it reads back as null)"
    assert Report.model_validate_json(report.to_json()) == report


def _article(text: str) -> Article:
    try:
        return make_article(text, source=SOURCE, kind="text")
    except InputError:
        assume(False)
        raise


@hsettings(PROFILE)
@given(nlp_text)
def test_pipeline_on_hostile_text(settings, text: str) -> None:  # type: ignore[no-untyped-def]
    art = _article(text)
    (report,) = list(run([art], settings))
    _check_report(art, report)


@hsettings(PROFILE, max_examples=max(10, PROFILE.max_examples // 3))
@given(st.lists(nlp_text, min_size=2, max_size=6))
def test_pipeline_batches_of_hostile_texts(settings, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    arts = []
    for t in texts:
        try:
            arts.append(make_article(t, source=SOURCE, kind="text"))
        except InputError:
            continue
    assume(arts)
    reports = list(run(arts, settings, batch_size=3))
    assert [r.article.id for r in reports] == [a.id for a in arts]
    for a, r in zip(arts, reports, strict=True):
        _check_report(a, r)


@hsettings(PROFILE)
@given(st.text(any_char.filter(lambda c: not "\ud800" <= c <= "\udfff"), max_size=300))
def test_components_on_raw_unnormalised_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """The components also hold on text that skipped normalisation (NULs, CR, any category)."""
    art = Article(id="raw", text=text)
    doc = nlp(make_doc(nlp, art))
    assert doc.text == text


@pytest.mark.parametrize("text", [
    "“" * 500 + "said the army",
    "\"He said \"she said \"they said\" \" the minister said.",
    "«Nothing» “is” ‘balanced’ „here“ ‹at› all,” said the spokesman.‘",
    "Officials said " + "9" * 4000 + " people were killed and 1e999999 tonnes of " + "1," * 500 + "000 shells.",
    "The army said 10^400 km² and -0 people and 1/0 % of ½⅓¼ and 0x7fffffff roubles were lost.",
    "On 31/02/2024 and 99/99/9999 and 2024-13-45 and 30 February, 29 February 2023 attacks happened.",
    "President Zelensky said. " * 300,
    "\n" * 5000 + "Officials said twelve people were killed.",
    "a" * 20_000 + " said twelve people were killed.",
    "Kyiv " * 500,
    "‮Officials said ‭twelve‬ people were killed in ‏Kyiv‎.",
    "قال المتحدث باسم الجيش إن 12 شخصا قتلوا في كييف، according to the army.",
    "🚀💥 Officials 👨‍👩‍👧 said “twelve 😀 people” were killed in 🇺🇦 Kyiv.",
    "Z̸̢̧̛͎̖̗̞̤͔̞̮͙̈́̾̽̉̒̊́́̚͝elensky said twelve people were killed.",
    "\x1b[31mOfficials\x1b[0m said \x07\x08 twelve\x0b\x0c people were killed.",
])
def test_pipeline_on_known_hard_texts(settings, text: str) -> None:  # type: ignore[no-untyped-def]
    art = make_article(text, source=SOURCE, kind="text")
    (report,) = list(run([art], settings))
    _check_report(art, report)
