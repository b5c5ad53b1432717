"""The one contract of our layers: spaCy factories with typed configs, one wrapper, coded warnings."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import get_args

import pytest

from newsledger.errors import PipelineError
from newsledger.models import WARNING_CODES, Article, Report, ReportWarning, WarningCode
from newsledger.nlp.registry import LAYERS

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "newsledger" / "data" / "demo" / "articles" / "01-pokrovsk-10km.html"
#: The quotes of the first demo article, read by hand: (kind, speaker).
DEMO_QUOTES = [
    ("according-to", "UK military intelligence"),
    ("indirect", "City officials"),
    ("direct", "Andriy Kovalenko"),
    ("indirect", "Olena Marchenko"),
    ("direct", "Olena Marchenko"),
    ("according-to", "the regional police"),
]
#: Every layer writes something (or a list) on clean text: (layer, Doc attribute it fills).
CLEAN = ("Russian forces shelled Kharkiv on Monday, killing 12 people, the regional governor "
         "Oleh Syniehubov said. \"We will rebuild,\" he told reporters in Kyiv.")


@pytest.mark.parametrize("layer", list(LAYERS))
def test_clean_text_gives_no_warnings(nlp, layer: str) -> None:
    from newsledger.nlp.pipeline import make_doc

    doc = nlp(make_doc(nlp, Article(id="clean", text=CLEAN)))
    assert f"newsledger_{layer}" in nlp.pipe_names
    assert [w for w in doc._.nl_warnings or [] if w.layer == layer] == []
    for attr in LAYERS[layer].attrs:
        assert getattr(doc._, attr), f"{layer} wrote nothing to {attr} on clean text"


def test_a_failing_layer_leaves_its_records_empty_and_a_coded_warning(settings) -> None:
    """Fault injection: the quantities layer raises on every document of this pipeline."""
    from newsledger.nlp.pipeline import build_nlp, make_doc
    from newsledger.nlp.report import doc_to_report

    nlp = build_nlp(settings)
    layer = nlp.get_pipe("newsledger_quantities")

    def broken(doc, ctx, cfg):  # type: ignore[no-untyped-def]
        raise RuntimeError("injected fault")

    layer.extract = broken  # type: ignore[attr-defined]
    article = Article(id="fault", text=CLEAN)
    report = doc_to_report(article, nlp(make_doc(nlp, article)))
    assert report.quantities == [] and report.times == []
    assert [(w.code, w.layer) for w in report.warnings] == [("W201", "quantities")]
    assert "injected fault" in report.warnings[0].message
    assert report.entities and report.places and report.quotes and report.events  # the others stay


def test_warning_codes_are_declared_once() -> None:
    assert set(get_args(WarningCode)) == set(WARNING_CODES)


def test_old_string_warnings_still_load() -> None:
    data = {"article": {"id": "a", "text": "x", "source": {"kind": "text"}},
            "warnings": ["quotes: 1 unpaired quotation mark(s)", "something odd"]}
    report = Report.model_validate(data)
    assert report.warnings == [
        ReportWarning(code="W200", layer="quotes", message="1 unpaired quotation mark(s)"),
        ReportWarning(code="W200", layer="", message="something odd"),
    ]
    assert Report.model_validate_json(report.to_json()) == report


def test_unknown_layer_in_pipeline_is_a_coded_error(settings) -> None:
    from newsledger.nlp.pipeline import build_nlp

    with pytest.raises(PipelineError) as exc:
        build_nlp(settings.replace(pipeline=["segmenter", "qoutes"]))
    assert "[E200]" in str(exc.value) and "'qoutes'" in str(exc.value) and "quotes" in str(exc.value)


def test_unknown_layer_in_components_section_is_a_coded_error(settings) -> None:
    from newsledger.nlp.pipeline import build_nlp

    with pytest.raises(PipelineError) as exc:
        build_nlp(settings.replace(components={"qoutes": {"direct_slack": 4}}))
    assert "qoutes" in str(exc.value)


@pytest.mark.parametrize(("values", "problem"), [
    ({"direct_slack": -1}, "direct_slack"),
    ({"direct_slak": 4}, "direct_slak"),
    ({"keep_cues_inside_quotes": "sometimes"}, "keep_cues_inside_quotes"),
])
def test_bad_layer_config_names_the_layer_and_the_key(settings, values: dict, problem: str) -> None:
    from newsledger.nlp.pipeline import build_nlp

    with pytest.raises(PipelineError) as exc:
        build_nlp(settings.replace(components={"quotes": values}))
    assert "'quotes'" in str(exc.value) and problem in str(exc.value)


def test_a_component_section_changes_the_layer(settings) -> None:
    from newsledger.nlp.pipeline import get_nlp

    nlp = get_nlp(settings.replace(pipeline=["segmenter", "quotes"], components={"quotes": {"direct_slack": 40}}))
    assert nlp.get_pipe("newsledger_quotes").cfg.direct_slack == 40  # type: ignore[attr-defined]
    assert nlp.config["components"]["newsledger_quotes"]["direct_slack"] == 40


def test_process_settings_never_enter_the_pipeline(settings) -> None:
    from newsledger.nlp.pipeline import get_nlp

    base = get_nlp(settings)
    other = get_nlp(settings.replace(db_url="postgresql://u:s3cret@db/x", workers=3, cache_dir="/tmp/x"))
    assert other is base  # no rebuild
    assert "s3cret" not in base.config.to_str() and "db_url" not in base.config.to_str()
    get_nlp(settings)  # bind the defaults back for the other tests


def test_a_layer_whose_module_cannot_be_imported_fails_loudly(settings, monkeypatch) -> None:
    from newsledger.nlp import registry
    from newsledger.nlp.pipeline import build_nlp

    broken = replace(LAYERS["quotes"], name="broken_layer", module="newsledger.nlp.no_such_module")
    monkeypatch.setitem(registry.LAYERS, "broken_layer", broken)
    with pytest.raises(PipelineError) as exc:
        build_nlp(settings.replace(pipeline=["segmenter", "broken_layer"]))
    assert "[E200]" in str(exc.value) and "newsledger.nlp.no_such_module" in str(exc.value)


def test_overlapping_repairs_keep_the_others(nlp) -> None:
    """spaCy's filter_spans resolves an overlap; before, one overlap dropped every repair."""
    from spacy.tokens import Span as SpacySpan

    from newsledger.nlp.context import context_of

    doc = nlp.make_doc("Gustav Gressel met Olena Marchenko in Kyiv.")
    ctx = context_of(doc)
    ctx.stage_ents([SpacySpan(doc, 0, 2, label="PERSON"), SpacySpan(doc, 1, 2, label="ORG"),
                    SpacySpan(doc, 3, 5, label="PERSON"), SpacySpan(doc, 6, 7, label="GPE")])
    ctx.take_staged()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Gustav Gressel", "PERSON"), ("Olena Marchenko", "PERSON"), ("Kyiv", "GPE")]


@pytest.mark.parametrize("layer", list(LAYERS))
def test_each_layer_runs_alone_after_the_model(settings, layer: str) -> None:
    """Each layer alone after the model, with its defaults: no failure, no warning."""
    from newsledger.nlp.pipeline import get_nlp

    nlp = get_nlp(settings.replace(pipeline=[layer]))
    doc = nlp(CLEAN)
    assert not doc._.nl_warnings, doc._.nl_warnings
    for attr in LAYERS[layer].attrs:
        assert getattr(doc._, attr) is not None


_PLAIN_SPACY = r"""
import json, sys
import spacy

model, text_path, layers = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
nlp = spacy.load(model)
for layer in layers:
    nlp.add_pipe(layer, **({"first": True} if layer.endswith("_segmenter") else {}))
doc = nlp(open(text_path, encoding="utf-8").read())
print(json.dumps({
    "pipe_names": nlp.pipe_names,
    "warnings": [str(w) for w in doc._.nl_warnings or []],
    "quotes": [[q.kind, q.source.name if q.source else None] for q in doc._.nl_quotes or []],
    "counts": {a: len(getattr(doc._, a) or []) for a in
               ("nl_entities", "nl_places", "nl_quantities", "nl_quotes", "nl_events")},
}))
"""


def _plain_spacy(settings, tmp_path: Path, layers: list[str]) -> dict:
    from newsledger.ingest.article import make_article

    text = tmp_path / "article.txt"
    text.write_text(make_article(DEMO.read_bytes(), source=str(DEMO)).text, encoding="utf-8")
    assert "import newsledger" not in _PLAIN_SPACY and "from newsledger" not in _PLAIN_SPACY
    out = subprocess.run([sys.executable, "-c", _PLAIN_SPACY, settings.model, str(text), ",".join(layers)],
                         capture_output=True, text=True, check=True, cwd=tmp_path, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_every_layer_by_name_in_a_plain_spacy_pipeline(settings, tmp_path: Path) -> None:
    """Installed newsledger declares its factories through entry points: no import needed."""
    names = [f"newsledger_{layer}" for layer in LAYERS]
    got = _plain_spacy(settings, tmp_path, names)
    assert all(n in got["pipe_names"] for n in names)
    assert got["warnings"] == []
    assert all(got["counts"][a] for a in ("nl_entities", "nl_places", "nl_quantities", "nl_quotes", "nl_events"))
    assert [tuple(q) for q in got["quotes"]] == DEMO_QUOTES


def test_quotes_alone_in_a_plain_spacy_pipeline(settings, tmp_path: Path) -> None:
    """The quotes layer alone computes the entities it needs with their defaults."""
    alone = _plain_spacy(settings, tmp_path, ["newsledger_quotes"])
    assert alone["warnings"] == []
    assert alone["counts"]["nl_entities"] == 0  # computed for quotes, not written to the Doc
    quotes = [tuple(q) for q in alone["quotes"]]
    assert all(q in quotes for q in DEMO_QUOTES)
    # The headline is glued to the first sentence without the segmenter (which must run
    # before the parser); with it the quotes are exactly the article's.
    with_segmenter = _plain_spacy(settings, tmp_path, ["newsledger_segmenter", "newsledger_quotes"])
    assert [tuple(q) for q in with_segmenter["quotes"]] == DEMO_QUOTES
