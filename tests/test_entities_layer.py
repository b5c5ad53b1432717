"""The entities layer on short texts written for these tests."""

from __future__ import annotations

from helpers import analyze_text


def by_name(report, label):
    return {e.name: e for e in report.entities if e.label == label}


def test_surname_resolves_to_full_name_with_every_mention() -> None:
    r = analyze_text(
        "Marta Kowalczyk, a defence analyst at the Warsaw Institute, said the line held. "
        "Kowalczyk added that supplies were short.\n"
        "Later, Kowalczyk said the army needed more shells."
    )
    people = by_name(r, "PERSON")
    assert "Marta Kowalczyk" in people
    e = people["Marta Kowalczyk"]
    assert len(e.mentions) == 3
    assert {m.span.text for m in e.mentions} == {"Marta Kowalczyk", "Kowalczyk"}
    assert e.role == "defence analyst"
    assert e.affiliation == "Warsaw Institute"
    assert r.article.text[e.role_span.start:e.role_span.end] == "defence analyst"


def test_one_person_under_an_honorific_a_slip_or_a_surname_written_first() -> None:
    r = analyze_text(
        "Foreign Minister Hanna Kovalenko met Premier Wen Jiabao and Petro Shevchenko in Kyiv. "
        "Ms Kovalenko said the talks went well. Wen said the same. Shevchanko was silent. "
        "Vladimir arrived later. H. Kovalenko left. Jonathan E. Marsh, a diplomat, and Jonathan Marsh spoke.")
    people = by_name(r, "PERSON")
    assert {m.span.text for m in people["Hanna Kovalenko"].mentions} == {"Hanna Kovalenko", "Ms Kovalenko",
                                                                         "H. Kovalenko"}
    assert {m.span.text for m in people["Jonathan E. Marsh"].mentions} == {"Jonathan E. Marsh", "Jonathan Marsh"}
    assert {m.span.text for m in people["Wen Jiabao"].mentions} == {"Wen Jiabao", "Wen"}
    assert {m.span.text for m in people["Petro Shevchenko"].mentions} == {"Petro Shevchenko", "Shevchanko"}
    assert "Vladimir" not in {m.span.text for e in people.values() if e.name != "Vladimir" for m in e.mentions}


def test_title_before_name_gives_role_and_country() -> None:
    r = analyze_text("Ukrainian President Volodymyr Zelensky visited the front. Zelensky met troops.")
    z = by_name(r, "PERSON")["Volodymyr Zelensky"]
    assert z.role == "President" and z.affiliation == "Ukraine"
    assert [t.text for t in z.titles] == ["Ukrainian President"]
    assert len(z.mentions) == 2


def test_possessive_and_determiner_are_not_part_of_names() -> None:
    r = analyze_text("Kyiv’s forces advanced, according to the Institute for the Study of War.")
    spans = {m.span.text for e in r.entities for m in e.mentions}
    assert "Kyiv" in spans and "Kyiv’s" not in spans
    assert "Institute for the Study of War" in spans


def test_acronym_joins_name_into_one_organisation() -> None:
    r = analyze_text("Anna Berg, a Russia expert at CSDS Bremen, said the talks stalled.")
    orgs = by_name(r, "ORG")
    assert "CSDS Bremen" in orgs
    assert by_name(r, "PERSON")["Anna Berg"].affiliation == "CSDS Bremen"


def test_byline_publisher_is_an_organisation() -> None:
    r = analyze_text("By Frontwire with Agencies\nThe army said the bridge was destroyed on Monday.")
    assert "Frontwire" in by_name(r, "ORG")


def test_every_mention_offset_points_at_its_text() -> None:
    r = analyze_text("Officials in Kharkiv said Russian drones struck the city. Kharkiv lost power.")
    for e in r.entities:
        assert e.article_id == r.article.id
        for m in e.mentions:
            assert r.article.text[m.span.start:m.span.end] == m.span.text


def test_honorific_is_not_part_of_the_role() -> None:
    r = analyze_text("Audit office head Sir John Bourn said the review was late.")
    e = by_name(r, "PERSON")["John Bourn"]
    assert e.role is not None and "Sir" not in e.role


def test_surname_mislabelled_as_organisation_joins_the_person(nlp) -> None:
    from spacy.tokens import Span as SpacySpan

    from newsledger.ingest.article import make_article
    from newsledger.nlp.pipeline import make_doc

    text = "Gustav Gressel spoke first. Later Gressel said the reserves were gone."
    doc = make_doc(nlp, make_article(text))
    for name, proc in nlp.pipeline:
        if name == "newsledger_entities":
            entities = proc
            break
        doc = proc(doc)
    # force the model's known slip: the bare surname tagged as an organisation
    i = next(t.i for t in doc if t.text == "Gressel" and t.i > 2)
    doc.ents = [e for e in doc.ents if not (e.start <= i < e.end)] + [SpacySpan(doc, i, i + 1, label="ORG")]
    doc = entities(doc)
    people = {e.name: e for e in doc._.nl_entities if e.label == "PERSON"}
    assert len(people["Gustav Gressel"].mentions) == 2
    assert not any(e.label == "ORG" and e.name == "Gressel" for e in doc._.nl_entities)


def _with_forced_person(nlp, text: str, words: str, at: int | None = None):
    """The entities of ``text`` when the model tags ``words`` (its first occurrence, or the
    one at ``at``) as a person."""

    from newsledger.ingest.article import make_article
    from newsledger.nlp.pipeline import make_doc

    doc = make_doc(nlp, make_article(text))
    for name, proc in nlp.pipeline:
        if name == "newsledger_ner_repair":
            at = text.index(words) if at is None else at
            forced = doc.char_span(at, at + len(words), label="PERSON")
            doc.ents = [e for e in doc.ents if e.end <= forced.start or e.start >= forced.end] + [forced]
        doc = proc(doc)
    return {(e.name, e.label) for e in doc._.nl_entities}


def test_a_demonym_or_a_prefixed_adjective_tagged_as_a_person_is_no_one(nlp) -> None:
    # the model's slips seen in news: a nationality alone, or a "pro-"/"anti-" adjective, as PERSON
    ents = _with_forced_person(nlp, "The Latvians said the talks had failed.", "Latvians")
    assert ("Latvians", "NORP") in ents and not any(label == "PERSON" for _, label in ents)
    ents = _with_forced_person(nlp, "The Estonian said the talks had failed.", "Estonian")
    assert ("Estonian", "NORP") in ents
    ents = _with_forced_person(nlp, "A pro-Kremlin channel said the talks had failed.", "pro-Kremlin")
    assert not any(label == "PERSON" for _, label in ents)
    # a surname after a particle, and a name, are still people
    ents = _with_forced_person(nlp, "Then Jansen said the talks had failed.", "Jansen")
    assert ("Jansen", "PERSON") in ents
    # a lower-case word the model takes into a name is not part of it; a particle is
    ents = _with_forced_person(nlp, "They want to oust Jansen now.", "oust Jansen")
    assert ("Jansen", "PERSON") in ents and not any(name.startswith("oust") for name, _ in ents)
    ents = _with_forced_person(nlp, "They met Pieter de Vries there.", "Pieter de Vries")
    assert ("Pieter de Vries", "PERSON") in ents


def test_demonyms_are_groups_and_country_codes_stay_places() -> None:
    r = analyze_text("Ukrainian officials said UK intelligence had warned Kyiv about the strike.")
    labels = {e.name: e.label for e in r.entities}
    assert labels.get("Ukrainian") == "NORP"  # a group, never dropped nor made a place
    assert labels.get("UK") == "GPE"


def test_affiliation_keeps_lower_case_words_until_a_clause() -> None:
    r = analyze_text("Olena Marchenko, the head of the Pokrovsk city military administration who "
                     "took office in May, urged families to leave.")
    e = by_name(r, "PERSON")["Olena Marchenko"]
    assert e.role == "head"
    assert e.affiliation == "Pokrovsk city military administration"


def test_a_credit_a_dash_clause_or_a_possession_is_cut_off_a_person(nlp) -> None:
    # a photo credit: the photographer is the person, the agencies are not part of the name
    ents = _with_forced_person(nlp, "The ruins of the school. Anna Novak/AFP/Getty Images", "Anna Novak/AFP/Getty Images")
    assert ("Anna Novak", "PERSON") in ents and not any("/" in name for name, _ in ents)
    # a dash set off by a space ends the name: a credit, or a new clause
    ents = _with_forced_person(nlp, "The talks were held by Ivan Petrenko - Reuters reported.", "Ivan Petrenko - Reuters")
    assert ("Ivan Petrenko", "PERSON") in ents
    # a hyphenated surname is one name
    ents = _with_forced_person(nlp, "Then Anna Kerr-Smith spoke.", "Anna Kerr-Smith")
    assert ("Anna Kerr-Smith", "PERSON") in ents
    # the owner, not the thing owned
    ents = _with_forced_person(nlp, "He joined Liz Kerr's Foreign Office in May.", "Liz Kerr's Foreign Office")
    assert ("Liz Kerr", "PERSON") in ents and not any("Office" in name for name, _ in ents)
    # a fragment with no capitalised word is no one
    ents = _with_forced_person(nlp, "The minister said-he would go.", "-he")
    assert not any(label == "PERSON" for _, label in ents)


def test_a_title_before_a_particle_surname_and_a_body_named_in_full() -> None:
    # the particles open the surname, so the title ends before them; the body before the
    # title is named in full, not by its last word
    r = analyze_text("Ursula von der Leyen arrived in Kyiv. Later, European Commission President "
                     "von der Leyen said the bloc would help.")
    e = by_name(r, "PERSON")["Ursula von der Leyen"]
    assert e.role == "President"
    assert e.affiliation == "European Commission"


def test_two_surnames_of_people_named_in_full_glued_together_are_two_people(nlp) -> None:
    text = ("Viktor Marchenko met Ivan Hrytsenko in May. From the point of view of Marchenko "
            "Hrytsenko had failed.")
    ents = _with_forced_person(nlp, text, "Marchenko Hrytsenko")
    assert not any(name == "Marchenko Hrytsenko" for name, _ in ents)
    assert ("Viktor Marchenko", "PERSON") in ents and ("Ivan Hrytsenko", "PERSON") in ents


def test_the_agency_in_a_wire_dateline_is_an_organisation(nlp) -> None:
    text = "Talks resumed\n\nKYIV, 3 March (Novak) – Officials said the talks resumed on Monday."
    ents = _with_forced_person(nlp, text, "Novak")
    assert ("Novak", "ORG") in ents and ("Novak", "PERSON") not in ents
    # and so is its name in the body
    text = text[:text.index("Officials")] + "Novak has learned that the talks resumed on Monday."
    ents = _with_forced_person(nlp, text, "Novak", at=text.rindex("Novak"))
    assert ("Novak", "PERSON") not in ents
    # the same name elsewhere in a sentence is left to the model
    ents = _with_forced_person(nlp, "Officials met Novak (Novak) on Monday.", "Novak")
    assert ("Novak", "PERSON") in ents
