"""A person's spellings (issue 17): the names merged into one person in the ledger are listed
on the person's detail, in the query layer and the API alike."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ledger_support import open_ledger
from newsledger.ledger import queries as lq
from newsledger.models import Article, Entity, Mention, Report, TextSpan
from newsledger.server import create_app

KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _report(i: int, name: str) -> Report:
    text = f"{name} spoke in Kyiv on Monday."
    a = Article(id=f"spell{i:011d}", text=text, published="2024-05-0{i}")
    ent = Entity(article_id=a.id, id="ent-0", label="PERSON", name=name,
                 mentions=[Mention(span=TextSpan.of(text, 0, len(name)))])
    return Report(article=a, entities=[ent])


REPORTS = [_report(1, "Volodymyr Zelensky"), _report(2, "Volodymyr Zelenskiy"),
           _report(3, "Volodymyr Zelenskyy"), _report(4, "Volodymyr Zelenskyy"),
           _report(5, "Olena Zelenska")]


@pytest.fixture(params=KINDS)
def ledger(request, tmp_path):
    yield from open_ledger(request.param, tmp_path)


def test_the_spellings_of_one_person_are_listed_on_the_person(ledger, settings) -> None:
    list(ledger.add(REPORTS))
    people = {p.name: p for p in lq.entities(ledger, lq.Filters(), labels=("PERSON",)).items}
    # one person, not three, named as most of its articles spell it (two of four)
    assert set(people) == {"Volodymyr Zelenskyy", "Olena Zelenska"}
    detail = lq.entity(ledger, "PERSON", people["Volodymyr Zelenskyy"].id)
    assert detail is not None
    assert [(s.name, s.n_articles) for s in detail.spellings] == [
        ("Volodymyr Zelenskiy", 1), ("Volodymyr Zelensky", 1)]
    with TestClient(create_app(settings.replace(db_url=ledger.url), engine=ledger.engine)) as client:
        body = client.get(f"/api/people/{detail.id}").json()
    assert body["spellings"] == [{"name": "Volodymyr Zelenskiy", "n_articles": 1},
                                 {"name": "Volodymyr Zelensky", "n_articles": 1}]
    other = lq.entity(ledger, "PERSON", people["Olena Zelenska"].id)
    assert other is not None and other.spellings == []
