"""The data layer: one table reader, one countries table, and the shared word lists.

The reader must refuse a malformed table with the file and line named; the countries table
must be consistent with ISO 3166 (pycountry); and each layer must get from the merged tables
the answers it got from its own lists before they were merged.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from newsledger import lexicons
from newsledger.errors import DataTableError, NewsledgerError
from newsledger.geo import build
from newsledger.ledger import claims, resolve
from newsledger.nlp.entities import lexicon as entities_lex
from newsledger.nlp.events import lexicon as events_lex
from newsledger.nlp.places import lexicon as places_lex
from newsledger.nlp.quantities import lexicon as quantities_lex
from newsledger.nlp.quotes import lexicon as quotes_lex
from newsledger.tables import Col, read_list, read_table

COLUMNS = (Col("word"), Col("value", float), Col("note", required=False, default="none"),
           Col("flag", bool, required=False, default=False))


def _write(tmp_path: Path, text: str, name: str = "t.tsv") -> Path:
    (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


# --- the reader ---------------------------------------------------------------------------

def test_reader_types_cells_and_skips_comments(tmp_path: Path) -> None:
    root = _write(tmp_path, "# a comment\n\nword\tvalue\tnote\tflag\n  # indented comment\n"
                            "ten\t10\nhalf\t0.5\t-\tyes\nmany\t1e3\tbig\t-\n")
    rows = read_table("t.tsv", COLUMNS, root=root)
    assert [dict(r) for r in rows] == [
        {"word": "ten", "value": 10.0, "note": "none", "flag": False},
        {"word": "half", "value": 0.5, "note": "none", "flag": True},
        {"word": "many", "value": 1000.0, "note": "big", "flag": False},
    ]
    assert [r.line for r in rows] == [5, 6, 7]


@pytest.mark.parametrize(("body", "line", "problem"), [
    ("ten\t10\textra\tyes\tone too many\n", 4, "5 cells"),
    ("ten\n", 4, "'value' is empty"),
    ("ten\tmany\n", 4, "'value' must be float"),
    ("ten\t10\t-\tperhaps\n", 4, "'flag' must be bool"),
    ("\t10\n", 4, "'word' is empty"),
])
def test_reader_rejects_a_malformed_row_naming_file_and_line(
        tmp_path: Path, body: str, line: int, problem: str) -> None:
    root = _write(tmp_path, "# comment\nword\tvalue\tnote\tflag\nok\t1\n" + body)
    with pytest.raises(DataTableError) as info:
        read_table("t.tsv", COLUMNS, root=root)
    message = str(info.value)
    assert str(root / "t.tsv") in message
    assert f"line {line}:" in message
    assert problem in message
    assert info.value.code == "E401"
    assert isinstance(info.value, NewsledgerError)


def test_reader_rejects_a_wrong_or_missing_header(tmp_path: Path) -> None:
    root = _write(tmp_path, "word\tamount\tnote\tflag\nten\t10\n")
    with pytest.raises(DataTableError, match=r"t\.tsv: line 1: header word \| amount"):
        read_table("t.tsv", COLUMNS, root=root)
    root = _write(tmp_path, "# only comments\n")
    with pytest.raises(DataTableError, match="no header line"):
        read_table("t.tsv", COLUMNS, root=root)


def test_list_reader_refuses_a_tab(tmp_path: Path) -> None:
    root = _write(tmp_path, "# words\nalpha\n\nbeta\n", "w.txt")
    assert read_list("w.txt", root=root) == ["alpha", "beta"]
    root = _write(tmp_path, "alpha\nbeta\tgamma\n", "w.txt")
    with pytest.raises(DataTableError, match=r"w\.txt: line 2: a list takes one entry a line"):
        read_list("w.txt", root=root)


def test_shipped_error_names_the_packaged_file(tmp_path: Path) -> None:
    with pytest.raises(DataTableError, match=r"newsledger/data/countries\.tsv: line \d+: header"):
        read_table("countries.tsv", (Col("word"), Col("country")))


def test_every_shipped_table_reads() -> None:
    """Each loader reads its files through the one reader, so a bad edit fails here first."""
    for name in build.COLUMNS:
        assert build.data_rows(name)
    assert entities_lex.title_words() and entities_lex.non_person_words() and entities_lex.demonyms()
    assert places_lex.lexicon().demonyms
    assert events_lex.load().triggers
    assert quotes_lex.lexicon().verbs
    assert quantities_lex.lexicon().units_ci
    assert claims.attributes() and resolve.titles() and resolve._given_name_forms()


# --- the countries table ------------------------------------------------------------------

ROWS = lexicons.country_words()


def test_country_codes_are_iso_or_flagged() -> None:
    for r in ROWS:
        where = f"countries.tsv line {r.line} ({r.word})"
        if r.kind == "ambiguous":
            assert r.alpha2 is None and r.alpha3 is None, where
            continue
        assert r.alpha2 and r.alpha3, where
        iso = pycountry.countries.get(alpha_2=r.alpha2)
        if r.user_code:
            assert iso is None, f"{where}: {r.alpha2} is an ISO code, drop the user_code flag"
            continue
        assert iso is not None, f"{where}: {r.alpha2} is not ISO 3166 alpha-2"
        assert iso.alpha_3 == r.alpha3, f"{where}: {r.alpha2} is {iso.alpha_3}, not {r.alpha3}"


def test_one_country_per_word_and_one_name_per_country() -> None:
    seen: dict[str, lexicons.CountryWord] = {}
    names: dict[str | None, str] = {}
    for r in ROWS:
        key = r.word.casefold()
        assert key not in seen, f"{r.word!r} on lines {seen[key].line} and {r.line}"
        seen[key] = r
        assert names.setdefault(r.alpha2, r.country) == r.country, \
            f"line {r.line}: {r.alpha2} is called {names[r.alpha2]!r} elsewhere, here {r.country!r}"


def test_rows_have_a_known_kind_and_a_reader() -> None:
    for r in ROWS:
        assert r.kind in lexicons.KINDS, r
        assert r.layers, f"line {r.line}: {r.word!r} is read by no layer"
    context = {r.word for r in ROWS if r.context_only}
    assert {"Kurdish", "Chechen", "Crimean"} <= context
    assert not context & {r.word for r in lexicons.rows_for("entities")}


# --- each layer gets the answers its own list gave ----------------------------------------

@pytest.mark.parametrize(("word", "country"), [
    ("ukrainian", "Ukraine"), ("british", "United Kingdom"), ("uk", "United Kingdom"),
    ("us", "United States"), ("u.s.", "United States"), ("kremlin", "Russia"),
    ("pentagon", "United States"), ("korean", "Korea"), ("congolese", "Democratic Republic of the Congo"),
    ("czech", "Czech Republic"), ("kosovar", "Kosovo"), ("myanmar", "Myanmar"), ("scottish", "United Kingdom"),
])
def test_entities_demonyms(word: str, country: str) -> None:
    assert entities_lex.demonyms()[word] == country


@pytest.mark.parametrize("word", ["kurdish", "chechen", "irish", "ukrainians", "moscow", "white house", "russia"])
def test_entities_demonyms_leave_out_other_layers_words(word: str) -> None:
    assert word not in entities_lex.demonyms()


@pytest.mark.parametrize(("word", "alpha2"), [
    ("Ukrainian", "UA"), ("Ukrainians", "UA"), ("Kurdish", "IQ"), ("Chechen", "RU"), ("Crimean", "UA"),
    ("South Ossetian", "GE"), ("Kosovar", "XK"), ("Welsh", "GB"), ("Sinhalese", "LK"), ("Irish", "IE"),
    ("Myanmar", "MM"),
])
def test_places_demonyms(word: str, alpha2: str) -> None:
    assert places_lex.lexicon().demonyms[word] == alpha2


@pytest.mark.parametrize("word", ["ukrainian", "UK", "US", "Kremlin", "Pentagon", "Korean", "Portuguese", "Moscow"])
def test_places_demonyms_leave_out_other_layers_words(word: str) -> None:
    assert word not in places_lex.lexicon().demonyms


def test_events_countries() -> None:
    lex = events_lex.load()
    lower = {"ukrainian": "UKR", "kurdish": "IRQ", "kremlin": "RUS", "white house": "USA", "kyiv": "UKR",
             "jerusalem": "ISR", "gaza": "PSE", "soviet": "RUS", "bosnian serb": "BIH", "kosovar": "KOS",
             "russia": "RUS", "new zealand": "NZL", "hamas": "PSE", "european union": "EUR",
             "red cross": "NGO", "islamic state": "IMG", "hezbollah": "LBN"}
    assert {k: lex.countries_lower.get(k) for k in lower} == lower
    exact = {"US": "USA", "U.S.": "USA", "UK": "GBR", "DPRK": "PRK", "UN": "UNO", "EU": "EUR", "NATO": "IGO",
             "WHO": "IGO", "ISIS": "IMG", "PLO": "PSE", "U.N.-led": "UNO"}
    assert {k: lex.countries_exact.get(k) for k in exact} == exact
    for absent in ("us", "uk", "who", "chechen", "korean", "welsh", "u.n.-led"):
        assert absent not in lex.countries_lower
    assert lex.alpha2_to_alpha3["XK"] == "KOS" and lex.alpha2_to_alpha3["UA"] == "UKR"


def test_titles_split_by_use() -> None:
    roles, prefixes = entities_lex.title_words(), resolve.titles()
    assert {"president", "prime minister", "analyst", "spokesman", "gen.", "dr."} <= roles
    assert not {"mr", "sir", "gen", "foreign minister"} & roles
    assert {"president", "prime minister", "mr", "sir", "gen", "foreign minister"} <= prefixes
    assert not {"witness", "resident", "gen."} & prefixes
    assert resolve.person_tokens("President Volodymyr Zelensky") == ["volodymyr", "zelensky"]
    assert resolve.person_tokens("Mr Smith") == ["smith"]


def test_reporting_verbs_split_by_layer() -> None:
    quotes, events = quotes_lex.lexicon(), events_lex.load()
    assert quotes.verbs["say"] == "speech" and quotes.verbs["castigate"] == "stance"
    assert quotes.verbs["vow"] == "intent" and quotes.verbs["think"] == "belief"
    assert {"say", "note"} <= quotes.object_verbs and "tell" not in quotes.object_verbs
    assert "remind" not in quotes.verbs
    assert {"say", "tell", "remind", "insist", "think"} <= events.reporting_verbs
    assert not {"castigate", "put", "vow"} & events.reporting_verbs
    assert len(events.reporting_verbs) == 22


def test_trigger_dependents_keep_file_order() -> None:
    """When several required dependents are present, the first listed fits the trigger span,
    so the span never depends on the process's string hash order (it once did)."""
    lex = events_lex.load()
    entry = next(e for e in lex.triggers[("call", "V")] if e.plover_type == "REQUEST")
    assert entry.needs == ("for", "on", "upon")
    assert entry.cue == "call+for|on|upon"
