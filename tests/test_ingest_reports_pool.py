"""The store-only path's helper processes (issue 22): report lines parsed, checked and made
into rows in other processes store exactly what the serial path stores, table by table, and
every faulty line fails as it does there, with the same code, reason and place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ledger_support import TEXTS, WIRE_COPY
from newsledger.batch import into_ledger, reports
from newsledger.batch.into_ledger import ingest
from newsledger.ingest.article import make_article
from newsledger.ingest.language import unanalysed_report
from newsledger.ingest.sources import ReportLine, iter_sources
from newsledger.ledger import Ledger
from newsledger.ledger.claims import claims_for
from newsledger.ledger.engine import JSONText
from newsledger.ledger.merge import merge_info, named_ids, settle_claims
from newsledger.ledger.rows import Ready, prepare
from newsledger.models import Report
from test_ingest_pipelined import dump


@pytest.fixture(scope="module")
def analysed(settings: Any, nlp: Any) -> list[Report]:
    items = [make_article(t, source=f"<pool {i}>", **meta) for i, (t, meta) in enumerate([*TEXTS, WIRE_COPY])]
    out = [r for r in into_ledger.analyse(items, settings) if isinstance(r, Report)]
    assert len(out) == len(items)
    return out


def _lines(good: list[Report]) -> list[str]:
    """Good reports, a duplicate of the first, and one fault of each kind the checks refuse,
    between them, so faulty lines fall inside the helpers' tasks and at their edges."""
    a, b = good[0], good[1]
    forged = a.model_copy(update={"article": a.article.model_copy(update={"id": b.article.id})}).to_json()
    bad_span = json.loads(a.to_json())
    bad_span["quotes"][0]["content"][0]["start"] += 1
    other_id = json.loads(good[2].to_json())
    other_id["entities"][0]["article_id"] = good[3].article.id
    return [good[0].to_json(), forged, good[1].to_json(), "{not json", a.to_json(),
            json.dumps(bad_span), json.dumps(other_id), good[2].to_json(),
            b.to_json().replace('"schema_version":"1.0"', '"schema_version":"1.0","x":NaN', 1),
            '{"article": "An article given as a record, not a report, about shelling in Kharkiv."}',
            good[3].to_json()]


def _ingest(url: str, path: Path, settings: Any, helpers: int | None, lines: bool) -> Any:
    with Ledger(url) as ledger:
        return ingest(iter_sources([str(path)], settings, report_lines=lines), ledger, settings,
                      batch_size=3, helpers=helpers)


@pytest.mark.parametrize("helpers", [1, 2])
def test_helpers_store_what_the_serial_path_stores(tmp_path: Path, settings: Any, analysed: list[Report],
                                                   monkeypatch: pytest.MonkeyPatch, helpers: int) -> None:
    monkeypatch.setattr(reports, "CHUNK", 3)  # several tasks, faults at their edges
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(x + "\n" for x in _lines(analysed)), encoding="utf-8")
    serial_url, pool_url = f"sqlite:///{tmp_path / 'serial.sqlite'}", f"sqlite:///{tmp_path / 'pool.sqlite'}"
    serial = _ingest(serial_url, path, settings, None, lines=False)
    pooled = _ingest(pool_url, path, settings, helpers, lines=True)
    assert serial.added == len(analysed) + 1 and serial.duplicates == 1  # the record line is an article
    assert (pooled.added, pooled.duplicates, pooled.clustered) == (serial.added, serial.duplicates, serial.clustered)
    assert [(f.source, f.code, f.reason) for f in pooled.failures] == \
        [(f.source, f.code, f.reason) for f in serial.failures]
    assert {f.code for f in serial.failures} >= {"E111", "E108", "E121"}
    a, b = dump(serial_url), dump(pool_url)
    for name in a:
        assert a[name] == b[name], f"table {name} differs"
    assert a["claims"] and a["quotes"] and a["canonical_entities"]


def test_a_helper_makes_a_report_line_ready_to_store(settings: Any, analysed: list[Report]) -> None:
    """What comes back from a helper: the ids and fields the duplicate check needs, and the
    content rows the writer would build, their JSON columns already serialised."""
    r = analysed[0]
    with reports.ReportPool(settings, 1) as pool:
        got = list(pool.items([ReportLine("f:1", r.to_json()), ReportLine("f:2", "{not json")]))
    ready, failed = got
    assert isinstance(ready, Ready) and ready.id == r.article.id and ready.language == r.article.language
    assert ready.report == r
    assert ready.merge.claims == merge_info(r, with_claims=True).claims and ready.merge.article_id == r.article.id
    want = prepare(r)
    assert ready.prepared.bands == want.bands and list(ready.prepared.sig) == list(want.sig)
    assert isinstance(ready.prepared.article["warnings"], JSONText)
    for table, rows in want.records.items():
        got_rows = ready.prepared.records[table]
        assert len(got_rows) == len(rows)
        for g, w in zip(got_rows, rows, strict=True):
            assert isinstance(g["data"], JSONText)
            assert json.loads(g["data"]) == json.loads(w["data"].model_dump_json(exclude_none=True))
            assert {k: v for k, v in g.items() if k != "data"} == {k: v for k, v in w.items() if k != "data"}
    assert getattr(failed, "code", None) == "E108"


def test_what_every_helper_would_load_is_loaded_once_before_the_helpers_are_forked(settings: Any) -> None:
    """The LSH parameters, the MinHash permutations and the claims' tables are computed in
    the ingest process before it forks the helpers, which find them ready instead of each
    computing them again."""
    from newsledger.ledger import claims, dedup
    from newsledger.nlp.quantities.lexicon import lexicon

    cached = (dedup.lsh_params, dedup.permutations, lexicon, claims.attributes, claims.pronouns, claims.demonym_countries)
    for f in cached:
        f.cache_clear()
    with reports.ReportPool(settings, 1):
        assert all(f.cache_info().currsize == 1 for f in cached)


def test_a_quote_is_about_the_places_a_mention_of_which_overlaps_one_of_its_pieces(analysed: list[Report]) -> None:
    """What the writer reads for quote places (``merge_info``), against the definition:
    every place shown by default with a mention overlapping any piece of the quote, however
    many pieces."""
    r = next(r for r in analysed if r.quotes and any(p.shown for p in r.places))
    place = [p for p in r.places if p.shown][-1]
    # a quote in two pieces, the second one the place's mention: it is about that place
    two = r.quotes[0].model_copy(update={"content": [*r.quotes[0].content, place.mentions[0].span]})
    reports = [*analysed, r.model_copy(update={"quotes": [two, *r.quotes[1:]]})]
    for x in reports:
        for q, fields in zip(x.quotes, merge_info(x).quotes, strict=True):
            want = {p.id for p in x.places if p.shown for m in p.mentions for c in q.content
                    if m.span.start < c.end and c.start < m.span.end}
            assert fields.about == tuple(sorted(want))
    assert place.id in merge_info(reports[-1]).quotes[0].about
    assert any(f.about for x in analysed for f in merge_info(x).quotes)


def test_a_dead_helper_leaves_its_lines_to_this_process(tmp_path: Path, settings: Any,
                                                        analysed: list[Report]) -> None:
    """A helper that dies (killed, out of memory) loses nothing: its task and the rest are
    read here, as the serial path reads them."""
    with reports.ReportPool(settings, 1) as pool:
        assert pool.pool is not None
        for pid in list(pool.pool._processes):  # the helpers' process ids
            os.kill(pid, 9)
        got = list(pool.items([ReportLine(f"f:{i}", r.to_json()) for i, r in enumerate(analysed)]))
    assert [x.article.id for x in got if isinstance(x, Report)] == [r.article.id for r in analysed]


def _pools_started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The helper counts of every ReportPool started from now on (the real pool still starts)."""
    started: list[int] = []
    real = reports.ReportPool.__init__

    def spy(self: reports.ReportPool, settings: Any, helpers: int) -> None:
        started.append(helpers)
        real(self, settings, helpers)

    monkeypatch.setattr(reports.ReportPool, "__init__", spy)
    return started


def test_an_input_that_does_not_start_with_report_lines_starts_no_helpers(
        tmp_path: Path, settings: Any, analysed: list[Report], monkeypatch: pytest.MonkeyPatch) -> None:
    started = _pools_started(monkeypatch)
    items = [make_article(TEXTS[0][0], source="<a>"), *[ReportLine("f:1", analysed[1].to_json())]]
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite'}") as ledger:
        summary = ingest(items, ledger, settings, helpers=2)
    assert started == [0] and summary.added == 2 and not summary.failures


def test_claims_a_helper_derived_hold_only_while_the_names_they_read_do(analysed: list[Report]) -> None:
    """A helper derives a report's claims before the canonical names are known, from the
    report's own names, and records which it read. The writer takes them (real canonical
    place ids put in) when every name read is the canonical one, and otherwise derives the
    claims again from the Report, with the canonical names."""
    r = analysed[0]
    info = merge_info(r, with_claims=True)
    assert info.claims and (info.read_places is None or info.read_places)
    place_canon = {p.id: (100 + i, p.gazetteer_name or p.name) for i, p in enumerate(r.places)}
    names = {eid: next(e.name for e in r.entities if e.id == eid) for eid in named_ids(r)}
    calls: list[int] = []

    def report() -> Report:
        calls.append(1)
        return r

    expected = claims_for(r, place_canon, names)
    assert expected and any(row["canonical_place_id"] for row in expected)
    assert settle_claims(info, place_canon, names, report) == expected and not calls
    # the place a claim is at: read for that claim, and named in its key
    pid = next(p for p, (cid, _) in place_canon.items() if cid == expected[0]["canonical_place_id"])
    assert info.read_places is None or pid in info.read_places
    renamed = {**place_canon, pid: (place_canon[pid][0], "Elsewhere")}
    got = settle_claims(info, renamed, names, report)
    assert calls and got == claims_for(r, renamed, names) and got != expected


def test_the_text_cap_holds_in_the_helpers(tmp_path: Path, settings: Any, analysed: list[Report]) -> None:
    # a report of a long text with no records, whose line is under the line cap (32 bytes a character)
    long = unanalysed_report(make_article("Shelling went on near the front line all night. " * 60, source="<long>"))
    capped = settings.model_copy(update={"max_doc_chars": len(long.article.text) - 1})
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in [*analysed[:2], long, *analysed[2:]]), encoding="utf-8")
    got = {}
    for name, lines in (("serial", False), ("pool", True)):
        got[name] = _ingest(f"sqlite:///{tmp_path / name}.sqlite", path, capped, 2, lines)
    assert got["pool"].added == got["serial"].added >= 1
    assert [(f.source, f.code, f.reason) for f in got["pool"].failures] == \
        [(f.source, f.code, f.reason) for f in got["serial"].failures]
    assert [f.code for f in got["pool"].failures] == ["E104"] and "the report's text has" in got["pool"].failures[0].reason


def test_helpers_end_when_the_ingest_process_is_killed(tmp_path: Path) -> None:
    """kill -9 of the ingest process leaves no helper behind waiting for tasks."""
    script = ("import sys, time\n"
              "from newsledger.batch.reports import ReportPool\n"
              "from newsledger.settings import load_settings\n"
              "pool = ReportPool(load_settings(use_files=False), 2)\n"
              "print(' '.join(map(str, pool.pool._processes)), flush=True)\n"
              "time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        helpers = [int(x) for x in proc.stdout.readline().split()]
        assert len(helpers) == 2 and all(_alive(p) for p in helpers)
    finally:
        proc.kill()
        proc.wait()
    for _ in range(200):  # each helper checks every PARENT_CHECK_S; wait up to 20 s on a loaded machine
        if not any(_alive(p) for p in helpers):
            break
        time.sleep(0.1)
    assert not any(_alive(p) for p in helpers)


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, dead but not yet reaped by its new parent, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize(("flag", "want"), [([], reports.default_helpers()), (["--workers", "1"], 0),
                                            (["--workers", "3"], 3)])
def test_the_ingest_command_reads_reports_with_helpers_unless_told_not_to(
        tmp_path: Path, analysed: list[Report], monkeypatch: pytest.MonkeyPatch, flag: list[str], want: int) -> None:
    from typer.testing import CliRunner

    from newsledger.cli.main import app

    started = _pools_started(monkeypatch)
    src = tmp_path / "reports.jsonl"
    src.write_text("".join(r.to_json() + "\n" for r in analysed), encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "l.sqlite"), "-q", *flag])
    assert r.exit_code == 0, r.output
    assert started == [want] and f"{len(analysed)} added" in r.output


def test_analysed_reports_are_stored_in_transactions_of_reports_batch_size(
        tmp_path: Path, settings: Any, analysed: list[Report], monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysed reports need no analysis: report lines (with helpers or without) and Reports
    go in transactions of ``reports_batch_size``, not ``batch_size``; a ``batch_size`` given
    to ``ingest`` still sets them."""
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in analysed), encoding="utf-8")
    n = len({r.article.id for r in analysed})
    assert n == len(analysed) >= 4
    sizes: list[int] = []
    add_batch = Ledger.add_batch

    def counted(self: Ledger, batch: Any, *args: Any) -> Any:
        sizes.append(len(batch))
        return add_batch(self, batch, *args)

    monkeypatch.setattr(Ledger, "add_batch", counted)
    small = settings.model_copy(update={"batch_size": 64, "reports_batch_size": 3})
    for i, (lines, helpers, given) in enumerate([(True, 1, None), (True, 0, None), (False, 0, None), (True, 1, 2)]):
        sizes.clear()
        with Ledger(f"sqlite:///{tmp_path / f'{i}.sqlite'}") as ledger:
            summary = ingest(iter_sources([str(path)], small, report_lines=lines), ledger, small,
                             batch_size=given, helpers=helpers)
        assert summary.added == n
        size = given or 3
        assert sizes == [size] * (n // size) + ([n % size] if n % size else []), (lines, helpers, given)


def test_the_fields_of_an_entity_carry_what_the_writer_derives_from_its_name(analysed: list[Report]) -> None:
    """A helper derives each canonical entity's merge key, alias and name words from its
    label and name, so the writer does not: the same values as the definitions give; the
    labels that are never resolved carry none."""
    from newsledger.ledger.merge import CANONICAL_LABELS
    from newsledger.ledger.resolve import entity_key, fold, name_words

    seen = set()
    for r in analysed:
        for e, f in zip(r.entities, merge_info(r).entities, strict=True):
            assert (f.id, f.label, f.name) == (e.id, e.label, e.name)
            if e.label in CANONICAL_LABELS:
                assert (f.key, f.alias, f.words) == (entity_key(e.label, e.name)[:300], fold(e.name)[:300],
                                                     name_words(e.name))
                seen.add(e.label)
            else:
                assert (f.key, f.alias, f.words) == ("", "", 0)
    assert {"PERSON", "ORG"} <= seen
