"""The ledger store on SQLite and PostgreSQL: the same tests, through the real pipeline."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ledger_support import TEXTS, WIRE_COPY, analyse, open_ledger
from newsledger.ledger import queries
from newsledger.ledger.queries import Filters
from newsledger.models import Entity, Mention, Report, TextSpan

pytestmark = pytest.mark.slow

KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return analyse([*TEXTS, WIRE_COPY])  # type: ignore[return-value]


@pytest.fixture(params=KINDS)
def ledger(request, tmp_path):
    yield from open_ledger(request.param, tmp_path)


def _records(r: Report) -> dict[str, list[dict]]:
    out = {}
    for field in ("entities", "quotes", "quantities", "times", "places", "events"):
        out[field] = sorted((x.model_dump(mode="json") for x in getattr(r, field)), key=lambda d: d["id"])
    return out


def test_migrations_are_recorded_and_applied_once(ledger):
    from newsledger.ledger.migrations import MIGRATIONS, migrate

    with ledger.engine.connect() as conn:
        versions = list(conn.execute(sa.text("SELECT version FROM ledger_migrations ORDER BY version")).scalars())
    assert versions == [m.version for m in MIGRATIONS]
    assert migrate(ledger.engine) == []
    assert ledger.schema_version == MIGRATIONS[-1].version


def test_reingest_is_a_duplicate_and_changes_nothing(ledger, reports):
    first = list(ledger.add(reports))
    assert [r.status for r in first] == ["added"] * len(reports)
    before = ledger.counts()
    again = list(ledger.add(reports))
    assert [r.status for r in again] == ["duplicate"] * len(reports)
    assert ledger.counts() == before
    assert before["articles"] == len(reports)


def test_every_record_round_trips_with_its_spans(ledger, reports):
    list(ledger.add(reports))
    stored = {r.article.id: r for r in queries.iter_reports(ledger)}
    assert set(stored) == {r.article.id for r in reports}
    for r in reports:
        back = stored[r.article.id]
        assert back.article == r.article
        assert _records(back) == _records(r)
        for q in r.quotes:  # any span can be shown in context
            piece = q.content[0]
            ctx = queries.context(ledger, r.article.id, piece.start, piece.end)
            assert ctx is not None and ctx.text == piece.text


def test_wire_copy_joins_the_original_cluster(ledger, reports):
    results = list(ledger.add(reports))
    original, other, third, wire = results
    assert original.cluster_id == original.article_id
    assert wire.cluster_id == original.article_id
    assert other.cluster_id == other.article_id and third.cluster_id == third.article_id
    assert queries.stats(ledger)["clusters"] == 3


def test_name_variants_merge_into_one_person(ledger, reports):
    list(ledger.add(reports[:3]))
    rows = queries.entities(ledger, Filters(name="Zelensky", label="PERSON")).items
    assert len(rows) == 1, [r.name for r in rows]
    person = rows[0]
    assert person.n_articles == 3
    assert person.name.endswith("Zelenskyy")
    assert any(role.role or role.titles for role in person.roles)


def test_places_merge_by_geonames_id(ledger, reports):
    list(ledger.add(reports[:3]))
    # every place, those below the shown confidence too (merging is not about confidence)
    rows = {p.name: p for p in queries.places(ledger, Filters(include_hidden=True)).items}
    assert rows["Pokrovsk"].n_articles == 2
    assert rows["Pokrovsk"].geonameid is not None
    assert rows["Kramatorsk"].n_articles == 1


def test_search_finds_articles_and_quotes(ledger, reports):
    list(ledger.add(reports))
    hits = queries.search(ledger, "roads")
    assert {h.kind for h in hits} == {"article", "quote"}
    assert all("«" in h.snippet for h in hits)
    assert queries.search(ledger, "ceasefire") == []
    assert queries.search(ledger, "  \"*:( ") == []  # FTS syntax in user input is harmless


def test_quote_filters(ledger, reports):
    list(ledger.add(reports[:3]))
    by = queries.quotes(ledger, Filters(person="Zelensky")).items
    assert by and all(q.speaker and "Zelensk" in q.speaker for q in by)
    assert {q.published for q in by} >= {"2024-08-20", "2024-08-29"}
    about = queries.quotes(ledger, Filters(place="Pokrovsk")).items
    assert about and all("Pokrovsk" in q.places for q in about)
    since = queries.quotes(ledger, Filters(since="2024-08-28")).items
    assert since and all(q.published >= "2024-08-28" for q in since)


def test_claim_timeline_shows_two_sources_disagreeing(ledger, reports):
    list(ledger.add(reports[:3]))
    rows = [c for c in queries.claims(ledger, Filters(place="Pokrovsk")).items if c.relation == "distance to"]
    assert [(c.date, c.value, c.unit) for c in rows] == [("2024-08-20", 10.0, "km"), ("2024-08-27", 8.0, "km")]
    assert len({c.key for c in rows}) == 1 and rows[0].key == "russia|distance to|pokrovsk"
    assert [c.source for c in rows] == ["Eastern Front Monitor", "Northern Wire Service"]
    assert "UK military intelligence" in (rows[0].cited or "")
    assert "Institute for the Study of War" in (rows[1].cited or "")
    assert all(c.disagrees for c in rows)


def test_wire_copy_is_not_an_independent_source(ledger, reports):
    list(ledger.add(reports))
    rows = [c for c in queries.claims(ledger, Filters(place="Pokrovsk")).items if c.relation == "distance to" and c.value == 10]
    assert len(rows) == 2  # the original and its wire copy
    assert {c.independent_sources for c in rows} == {1}


def test_expert_directory(ledger, reports):
    list(ledger.add(reports[:3]))
    rows = {e.name: e for e in queries.experts(ledger).items}
    hart = rows["Samuel Hart"]
    assert hart.quotes >= 1 and "Pokrovsk" in hart.topics
    assert any("Centre for Eastern Security Studies" in a for a in hart.affiliations)


def test_a_bad_report_fails_alone(ledger, reports):
    bad_text = "Anna Kovalenko said nothing."
    a = reports[0].article.model_copy(update={"id": "bad0000000000000", "text": bad_text})
    ent = Entity(article_id=a.id, id="ent-1", label="PERSON", name="Anna Kovalenko",
                 mentions=[Mention(span=TextSpan.of(bad_text, 0, 14))])
    bad = Report(article=a, entities=[ent, ent])  # the same record id twice
    results = ledger.add_batch([reports[0], bad, reports[1]])
    assert [r.status for r in results] == ["added", "failed", "added"]
    assert "E300" in (results[1].reason or "")
    assert ledger.counts()["articles"] == 2
    assert ledger.existing([a.id]) == set()  # nothing half-written


def _person_report(i: int, *names: str, label: str = "PERSON") -> Report:
    from newsledger.models import Article

    text = ". ".join(names) + "."
    a = Article(id=f"people{i:010d}", text=text, published=f"2024-09-{i + 1:02d}")
    ents, pos = [], 0
    for j, n in enumerate(names):
        ents.append(Entity(article_id=a.id, id=f"ent-{j}", label=label, name=n,
                           mentions=[Mention(span=TextSpan.of(text, pos, pos + len(n)))]))
        pos += len(n) + 2
    return Report(article=a, entities=ents)


def test_surnames_and_initials_join_the_one_full_name_that_fits(ledger):
    list(ledger.add([_person_report(0, "Zelensky"), _person_report(1, "Volodymyr Zelenskyy", "Olena Zelenska"),
                     _person_report(2, "V. Zelensky", "President Zelensky"),
                     _person_report(3, "Andriy Kovalenko", "Anna Kovalenko"), _person_report(4, "Kovalenko")]))
    rows = {r.name: r for r in queries.entities(ledger).items}
    assert rows["Volodymyr Zelenskyy"].n_articles == 3  # the surname-only person got the full name
    assert rows["Olena Zelenska"].n_articles == 1
    assert rows["Andriy Kovalenko"].n_articles == rows["Anna Kovalenko"].n_articles == 1
    assert rows["Kovalenko"].n_articles == 1  # ambiguous: kept apart


def test_misspellings_and_polish_transliterations_of_one_person_are_one_person(ledger):
    list(ledger.add([_person_report(0, "Volodymyr Zelensky"), _person_report(1, "Zelanski", "Volodymyr Zelanski"),
                     _person_report(2, "Wołodymyr Zelnski", "Vladimir Zelanski"), _person_report(3, "Dmitry Pieskow"),
                     _person_report(4, "Dmitry Peskov"), _person_report(10, "Dmitry Peskov"),
                     # one vowel apart but another person or another form: kept apart
                     _person_report(5, "Olaf Scholz"), _person_report(6, "Olaf Schulz"),
                     _person_report(7, "Maria Lavrov"), _person_report(8, "Maria Lavrova"),
                     _person_report(9, "Anna Zelenska")]))
    rows = {r.name: r for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert rows["Volodymyr Zelensky"].n_articles == 3
    assert rows["Dmitry Peskov"].n_articles == 3  # named as most articles spell him, not as the first
    assert {"Olaf Scholz", "Olaf Schulz", "Maria Lavrov", "Maria Lavrova", "Anna Zelenska"} <= set(rows)
    assert len(rows) == 7
    # a search for one spelling finds the others' quotes and articles through the stored aliases
    found = {r.name for r in queries.entities(ledger, Filters(name="Pieskow", label="PERSON")).items}
    assert found == {"Dmitry Peskov"}


def _quoted_report(i: int, speaker: str) -> Report:
    """``speaker`` says one sentence, and is the article's one named entity."""
    from newsledger.models import Article, Attribution, Quote

    said = "The line holds."
    text = f'"{said}" {speaker} said.'
    a = Article(id=f"quoted{i:010d}", text=text, published=f"2024-10-{i + 1:02d}")
    start = len(said) + 3
    who = TextSpan.of(text, start, start + len(speaker))
    ent = Entity(article_id=a.id, id="ent-0", label="PERSON", name=speaker, mentions=[Mention(span=who)])
    q = Quote(article_id=a.id, id="q-0", kind="direct", content=[TextSpan.of(text, 1, 1 + len(said))],
              cue=TextSpan.of(text, len(text) - 5, len(text) - 1), quoted=[TextSpan.of(text, 1, 1 + len(said))],
              source=Attribution(span=who, name=speaker, entity_id="ent-0"), form="direct")
    return Report(article=a, entities=[ent], quotes=[q])


def test_a_row_written_before_the_full_name_is_merged_into_it(ledger):
    """A lone surname, or one a vowel off, written before the full name of its person was known,
    joins that person once the full name comes: its mentions, quotes, aliases and counts move,
    and the ledger is the one a serial ingest in the other order makes. Same in one batch."""
    from newsledger.ledger import entity_stats, speaker_stats
    from newsledger.ledger import schema as s

    list(ledger.add([_quoted_report(0, "Zelanski"), _person_report(1, "Zelensky"),
                     _person_report(2, "V. Zelensky")]))
    before = {r.name for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert before == {"Zelanski", "Zelensky", "V. Zelensky"}  # nothing to join them to yet
    list(ledger.add([_person_report(3, "Volodymyr Zelensky"), _quoted_report(4, "Zelanski")]))
    rows = {r.name: r for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert set(rows) == {"Volodymyr Zelensky"}
    assert rows["Volodymyr Zelensky"].n_articles == 5
    assert rows["Volodymyr Zelensky"].n_quotes == 2
    found = {r.name for r in queries.entities(ledger, Filters(name="Zelanski", label="PERSON")).items}
    assert found == {"Volodymyr Zelensky"}
    with ledger.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(s.canonical_entities)).scalar_one() == 1
        cids = set(conn.execute(sa.select(s.entities.c.canonical_id)).scalars())
        cids |= set(conn.execute(sa.select(s.quotes.c.canonical_id)).scalars())
        assert len(cids) == 1
        kept = {r.canonical_id: dict(r._mapping) for r in conn.execute(sa.select(s.entity_stats))}
        assert kept == entity_stats.computed(conn)  # the counts equal a recount
        stored = {r.canonical_id: (r.n_quotes, r.n_articles) for r in conn.execute(sa.select(s.speaker_stats))}
        assert stored == {k[1]: (v.n_quotes, v.quoted_in()) for k, v in speaker_stats.computed(conn).items()}
        assert stored == {next(iter(cids)): (2, 2)}
    # quote lists and the expert directory name the speaker as the ledger names the person now
    said = queries.quotes(ledger, Filters(person="Volodymyr Zelensky")).items
    assert [q.speaker for q in said] == ["Volodymyr Zelensky"] * 2
    assert [e.name for e in queries.experts(ledger).items] == ["Volodymyr Zelensky"]
    assert [h.speaker for h in queries.search(ledger, "line holds") if h.kind == "quote"] == ["Volodymyr Zelensky"] * 2
    # a later process reads the merge back: the lone spelling keeps joining the full name,
    # and another person of the merged surname is another person
    ledger._canon.forget()
    list(ledger.add([_person_report(5, "Zelanski"), _person_report(6, "Viktor Zelanski")]))
    rows = {r.name: r for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert rows["Volodymyr Zelensky"].n_articles == 6
    assert rows["Viktor Zelanski"].n_articles == 1


def test_a_surname_written_first_joins_the_one_full_name_it_opens(ledger):
    """Chinese names put the surname first: a lone "Wen" is "Wen Jiabao" when no other
    Chinese name starts with it, before or after it comes; across articles a lone given name,
    known or not, is not the one full name it opens."""
    list(ledger.add([_person_report(0, "Wen"), _person_report(1, "Wen Jiabao"), _person_report(2, "Wen"),
                     _person_report(3, "Thomas Edison"), _person_report(4, "Thomas"),
                     _person_report(5, "Gillian Marsh"), _person_report(6, "Gillian")]))
    names = {r.name: r.n_articles for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert names == {"Wen Jiabao": 3, "Thomas Edison": 1, "Thomas": 1, "Gillian Marsh": 1, "Gillian": 1}


def test_polish_case_forms_of_a_mans_surname_are_that_man(ledger):
    """The Polish press declines foreign surnames: "Mikhail Mishustina" (genitive) and
    "Mikhail Mishustinem" (instrumental) are Mishustin, before or after his nominative comes;
    a woman's name in -a, or another first name, is another person."""
    list(ledger.add([_person_report(0, "Mikhail Mishustina"), _person_report(1, "Mikhail Mishustin"),
                     _person_report(2, "Mikhail Mishustinie"), _person_report(3, "Mikhail Mishustinem"),
                     _person_report(4, "Yuri Zubkowskiego"), _person_report(5, "Yuri Zubkovski"),
                     _person_report(6, "Maria Mishustina"), _person_report(7, "Pavel Mishustina")]))
    names = {r.name: r.n_articles for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert names == {"Mikhail Mishustin": 4, "Yuri Zubkovski": 2, "Maria Mishustina": 1, "Pavel Mishustina": 1}


def test_slips_titles_affiliations_and_short_forms_of_a_name_are_that_person(ledger):
    """A machine-translation slip of a known first name ("Olafrem" for Olaf), before or after
    the name comes; a plural title or an organisation's acronym left on the name; a loose hyphen;
    an English short form of the first name. Two known given names, or a woman's form of a
    man's name, are two people."""
    list(ledger.add([_person_report(0, "Olafrem Gerlach"), _person_report(1, "Olaf Gerlach"),
                     _person_report(2, "Annalena Brodsky"), _person_report(3, "Annalej Brodsky"),
                     _person_report(4, "Valerii Zavadny"), _person_report(5, "Generals Zavadny"),
                     _person_report(6, "Aleksander Bortnowski"), _person_report(7, "GRU Aleksander Bortnowski"),
                     _person_report(8, "Frank-Walter Reinholz"), _person_report(9, "Frank -Walter Reinholz"),
                     _person_report(10, "Jake Sorensen"), _person_report(11, "Jacob Sorensen"),
                     _person_report(12, "Ivana Kessel"), _person_report(13, "Ivanka Kessel"),
                     _person_report(14, "Oleksandr Matvienko"), _person_report(15, "Oleksandra Matvienko")]))
    names = {r.name: r.n_articles for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert names == {"Olaf Gerlach": 2, "Annalena Brodsky": 2, "Valerii Zavadny": 2, "Aleksander Bortnowski": 2,
                     "Frank-Walter Reinholz": 2, "Jake Sorensen": 2, "Ivana Kessel": 1, "Ivanka Kessel": 1,
                     "Oleksandr Matvienko": 1, "Oleksandra Matvienko": 1}


def test_two_vowel_slips_are_one_person_and_three_are_another(ledger):
    """Machine translation renders one vowel sound with one letter or two ("Zeilinsky" for
    Zelensky): up to two vowels added, dropped or changed, with the consonants and the ending
    unchanged, are one person; three are another name."""
    list(ledger.add([_person_report(0, "Mikhail Dorenkovich"), _person_report(1, "Mikhail Doreinkovich"),
                     _person_report(2, "Doreinkivich"), _person_report(3, "Mikhail Daronkavich")]))
    names = {r.name: r.n_articles for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert names == {"Mikhail Dorenkovich": 3, "Mikhail Daronkavich": 1}


def test_a_person_is_named_as_most_articles_name_them(ledger):
    """A fuller or earlier spelling in few articles does not name a person that most articles
    name otherwise; a tie keeps the name."""
    list(ledger.add([_person_report(0, "Vladimir Vladimirovich Putin"), _person_report(1, "Vladimir Putin"),
                     _person_report(2, "Vladimir Putin"), _person_report(3, "Sergei Shoigu")]))
    list(ledger.add([_person_report(4, "Vladimir Vladimirovich Putin"), _person_report(5, "Sergey Shoigu")]))
    names = {r.name: r.n_articles for r in queries.entities(ledger, Filters(label="PERSON")).items}
    assert names == {"Vladimir Putin": 4, "Sergei Shoigu": 2}


@pytest.mark.parametrize(("step", "name", "stale", "today", "search"), [
    # step 15: "ł" and the w/v of transliteration ("Wołodymyr" was keyed "wodimir")
    (15, "Wołodymyr Zelnski", " wodimir zelnski ", " volodimir zelnski ", "Volodymyr Zelnski"),
    # step 16: the Polish consonant pairs ("Łukaszenko" was keyed "lukaszenko")
    (16, "Aleksander Łukaszenko", " alexandr lukaszenko ", " alexandr lukashenko ", "Lukashenko"),
])
def test_a_migration_recomputes_the_spelling_keys_stored_before_it(ledger, step, name, stale, today, search):
    """A ledger of the release before stored an alias under the key of its old fold, which no
    search for another spelling matched; the step stores today's key."""
    from newsledger.ledger import Ledger
    from newsledger.ledger import schema as sch
    from newsledger.ledger.migrations import applied

    list(ledger.add([_person_report(0, name)]))
    url = ledger.url
    al = sch.entity_aliases
    with ledger.engine.begin() as conn:
        conn.execute(al.update().values(spelling=stale))
        conn.exec_driver_sql(f"DELETE FROM ledger_migrations WHERE version = {step}")
    ledger.engine.dispose()
    with Ledger(url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert step in applied(conn)
            assert conn.execute(sa.select(al.c.spelling)).scalars().all() == [today]
        found = {r.name for r in queries.entities(upgraded, Filters(name=search, label="PERSON")).items}
        assert found == {name}


def test_a_headline_restating_the_lead_is_one_claim(ledger):
    (report,) = analyse([(
        "Russian forces within 10 km of Pokrovsk\n\n"
        "Russian forces are about 10 km from Pokrovsk in the Donetsk region, according to UK military "
        "intelligence.", {"publisher": "Eastern Front Monitor", "published": "2024-08-20"})])
    list(ledger.add([report]))
    rows = [c for c in queries.claims(ledger, Filters(place="Pokrovsk")).items if c.relation == "distance to"]
    assert [(c.value, c.key) for c in rows] == [(10.0, "russia|distance to|pokrovsk")]
    assert rows[0].cited == "UK military intelligence"


def test_acronyms_join_the_organisation_they_abbreviate(ledger):
    list(ledger.add([_person_report(0, "ISW", label="ORG"),
                     _person_report(1, "the Institute for the Study of War", label="ORG"),
                     _person_report(2, "ISW", "NATO", label="ORG")]))
    rows = {r.name: r for r in queries.entities(ledger, Filters(label="ORG")).items}
    assert set(rows) == {"the Institute for the Study of War", "NATO"}
    assert rows["the Institute for the Study of War"].n_articles == 3
    assert "isw" in rows["the Institute for the Study of War"].aliases


def _write_many(url: str, k: int) -> list[str]:
    from newsledger.ledger import Ledger
    from newsledger.models import Article

    ledger = Ledger(url)
    try:
        reports = []
        for i in range(60):
            text = f"Report {k}-{i}: shelling near Kupiansk, said Oleh Hrytsenko{i % 7}."
            a = Article(id=f"conc{k:02d}{i:04d}", text=text)
            ent = Entity(article_id=a.id, id="ent-1", label="PERSON", name=f"Oleh Hrytsenko{i % 7}",
                         mentions=[Mention(span=TextSpan.of(text, text.index("Oleh"), len(text) - 1))])
            reports.append(Report(article=a, entities=[ent]))
        return [r.status for r in ledger.add(reports, batch_size=5)]
    finally:
        ledger.close()


def test_concurrent_writers_queue_and_share_canonical_people(ledger):
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(3) as pool:
        statuses = pool.starmap(_write_many, [(ledger.url, k) for k in range(3)])
    assert all(s == ["added"] * 60 for s in statuses)
    counts = ledger.counts()
    assert counts["articles"] == 180
    assert counts["canonical_entities"] == 7  # one per name, whichever process saw it first


# ------------------------------------------------------------------ full-text index (migration 7)

def _indexed(conn: sa.Connection, table: str) -> dict[int, int]:
    """Rowid -> how many token instances the table's FTS5 index holds for it."""
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{table} USING fts5vocab(main, {table}_fts, instance)")
    return {int(d): int(n) for d, n in conn.exec_driver_sql(f"SELECT doc, count(*) FROM temp.v_{table} GROUP BY doc")}


def _index_state(url: str) -> dict[str, dict[int, int]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: _indexed(conn, t) for t in ("articles", "quotes")}
    finally:
        engine.dispose()


def test_the_store_indexes_every_new_article_and_quote_once_per_batch(tmp_path, reports):
    """No trigger per row since migration 7: the store indexes each batch's rows itself, and a
    re-analysis its new quotes. Every row with text is in the index, each exactly once (as a
    trigger per row indexed them), and search finds a batch's words."""
    from newsledger.ledger import Ledger
    from newsledger.ledger.reanalysis import replace

    url = f"sqlite:///{tmp_path / 'fts.sqlite'}"
    with Ledger(url) as led:
        with led.engine.connect() as conn:
            triggers = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
        assert "articles_fts_ai" not in triggers and "quotes_fts_ai" not in triggers
        assert {"articles_fts_ad", "quotes_fts_ad"} <= triggers
        assert [x.status for x in led.add(reports, batch_size=2)] == ["added"] * len(reports)
        assert [x.status for x in replace(led, reports[:2])] == ["added", "added"]
        with led.engine.connect() as conn:
            rows = {t: {int(r) for r in conn.exec_driver_sql(f"SELECT rowid FROM {t}").scalars()}
                    for t in ("articles", "quotes")}
        assert queries.search(led, "roads")
    got = _index_state(url)
    assert rows["quotes"], "the test reports hold quotes"
    for table in ("articles", "quotes"):
        assert set(got[table]) == rows[table], table

    # the same reports through the triggers of migration 2 give the same index, instance for instance
    from newsledger.ledger import migrations as m

    old = f"sqlite:///{tmp_path / 'triggers.sqlite'}"
    with Ledger(old) as led:
        with led.engine.begin() as conn:
            for sql in m._SQLITE_FTS:
                if "_fts_ai " in sql:
                    conn.exec_driver_sql(sql)
        from newsledger.ledger import store

        saved = store.FTS_COLUMNS
        store.FTS_COLUMNS = {}  # the triggers index, as before migration 7
        try:
            list(led.add(reports, batch_size=2))
            list(replace(led, reports[:2]))
        finally:
            store.FTS_COLUMNS = saved
    assert _index_state(old) == got


def test_migration_7_drops_the_insert_triggers_of_an_older_ledger(tmp_path, reports):
    from newsledger.ledger import Ledger
    from newsledger.ledger import migrations as m

    url = f"sqlite:///{tmp_path / 'v6.sqlite'}"
    with Ledger(url) as led, led.engine.begin() as conn:
        for sql in m._SQLITE_FTS:
            if "_fts_ai " in sql:
                conn.exec_driver_sql(sql)
        conn.exec_driver_sql("DELETE FROM ledger_migrations WHERE version = 7")
    with Ledger(url) as led:
        assert led.schema_version >= 7
        with led.engine.connect() as conn:
            triggers = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
        generation = {f"articles_generation_{op}" for op in "iud"}  # migration 9: the write generation
        assert triggers - generation == {"articles_fts_ad", "quotes_fts_ad"}
        list(led.add(reports))
    assert set(_index_state(url)["articles"]) and all(n > 0 for n in _index_state(url)["articles"].values())


def test_claims_follow_their_subjects_name_after_a_rename_or_a_merge(ledger):
    """A statement keyed by the spelling a person had when it was stored is keyed, once most
    articles name that person otherwise or once a lone surname joins a full name, by the name
    the ledger gives that person now: one person's statements are one series."""
    from newsledger.ledger import schema as s

    texts = ['"Belarus will never attack Ukraine," Aleksander Łukaszenko said on Monday.',
             "Alexander Lukashenko met officials in Minsk on Tuesday.",
             "On Wednesday, Alexander Lukashenko visited a factory in Minsk.",
             '"Ukraine will win this war," Zelanski said on Thursday.',
             "Volodymyr Zelensky visited troops near Kharkiv on Friday."]
    reports = analyse([(t, {"published": f"2024-03-0{i + 1}"}) for i, t in enumerate(texts)])
    for r in reports:  # one batch each: the names change in later batches
        list(ledger.add([r]))
    with ledger.engine.connect() as conn:
        said = dict(conn.execute(sa.select(s.claims.c.subject, s.claims.c.key)
                                 .where(s.claims.c.relation == "says")).tuples().all())
    assert said == {"Alexander Lukashenko": "alexander lukashenko|says|ukraine",
                    "Volodymyr Zelensky": "volodymyr zelensky|says|ukraine"}


def test_claims_of_a_body_take_its_fuller_name(ledger):
    from newsledger.ledger import schema as s

    texts = ['"Russia will not win," the EU said on Monday.',
             '"Russia will not win," the European Union said on Tuesday.']
    for r in analyse([(t, {"published": f"2024-04-0{i + 1}"}) for i, t in enumerate(texts)]):
        list(ledger.add([r]))
    with ledger.engine.connect() as conn:
        names = set(conn.execute(sa.select(s.canonical_entities.c.name)
                                 .where(s.canonical_entities.c.label == "ORG")).scalars())
        said = set(conn.execute(sa.select(s.claims.c.subject).where(s.claims.c.relation == "says")).scalars())
    assert said <= names


def test_a_region_written_two_ways_is_one_place(ledger):
    """A region of the embedded tables has no GeoNames id: its spellings are one place by the
    name it resolves to."""
    texts = ["Fighting in Donbass was heavy on Monday.", "Shelling continued in the Donbas region on Tuesday."]
    list(ledger.add(analyse([(t, {"published": f"2024-05-0{i + 1}"}) for i, t in enumerate(texts)])))
    rows = [r for r in queries.places(ledger).items if r.name.startswith("Donbas")]
    assert [(r.name, r.n_articles) for r in rows] == [("Donbas", 2)]


def test_initials_with_stops_are_the_acronym(ledger):
    list(ledger.add([_person_report(0, "U.N. Security Council", label="ORG"),
                     _person_report(1, "UN Security Council", label="ORG"),
                     _person_report(2, "U.S. Senate", label="ORG"), _person_report(3, "US Senate", label="ORG")]))
    rows = {r.name: r.n_articles for r in queries.entities(ledger, Filters(label="ORG")).items}
    assert sorted(rows.values()) == [2, 2]
