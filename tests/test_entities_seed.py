"""The seed article (../shared): entity F1 by mention >= 0.90, the named people found."""

from __future__ import annotations


def test_seed_entities(shared, settings) -> None:
    from newsledger.eval.entities import evaluate

    figures = evaluate(shared / "examples" / "kursk-pokrovsk.gold.json", None, settings)
    assert figures["all"]["f1"] >= 0.90, figures


def test_seed_people_orgs_places(seed) -> None:
    from helpers import analyze_text

    text, _ = seed
    r = analyze_text(text)
    names = {(e.label, e.name) for e in r.entities}
    for person in ["Gustav Gressel", "Huseyn Aliyev", "Will Kingston-Cox", "Sim Tack",
                   "Volodymyr Zelensky", "Vladimir Putin"]:
        assert ("PERSON", person) in names
    for org in ["European Council on Foreign Relations", "University of Glasgow", "ITSS Verona"]:
        assert ("ORG", org) in names
    places = {e.name for e in r.entities if e.label in ("GPE", "LOC")}
    assert {"Kursk", "Pokrovsk", "Donetsk", "Kramatorsk", "Sloviansk", "Donbas"} <= places


def test_extraction_benchmark(shared, settings) -> None:
    from newsledger.eval.extraction import evaluate

    figures = evaluate(shared / "data" / "dev" / "extraction" / "aeb", None, settings)
    assert figures["f1"] >= 0.95, figures
