"""The event layer's data files: consistent with each other and with the ontologies' names."""

from __future__ import annotations

import pytest

from newsledger.nlp.events import lexicon, mapping

#: PLOVER 2.0 event categories, plus our one documented extension
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT"}
#: ACLED's event types and sub-event types, as ACLED names them
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


@pytest.fixture(scope="module")
def lex() -> lexicon.Lexicon:
    return lexicon.load()


def test_every_trigger_type_is_plover_and_mapped(lex: lexicon.Lexicon) -> None:
    for entries in lex.triggers.values():
        for e in entries:
            assert e.plover_type in PLOVER_TYPES, e
            assert e.pos in lexicon.POS_CLASSES, e
            assert (e.plover_type, "") in lex.mapping, f"no mapping row for {e.plover_type}"


def test_mapping_uses_acled_names_and_cameo_roots(lex: lexicon.Lexicon) -> None:
    for (key, _), row in lex.mapping.items():
        assert row.acled_sub_event_type in ACLED[row.acled_event_type], key
        assert row.cameo_root.isdigit() and 1 <= int(row.cameo_root) <= 20, key


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("ASSAULT", "aerial", None, "military", None), ("Explosions/Remote violence", "Air/drone strike", "19")),
        (("ASSAULT", None, None, "military", "civilians"), ("Violence against civilians", "Attack", "18")),
        (("COERCE", "seize", "territory-gain", "rebels", None),
         ("Battles", "Non-state actor overtakes territory", "19")),
        (("COERCE", "seize", "territory-regain", "military", None), ("Battles", "Government regains territory", "19")),
        (("COERCE", "arrest", None, "police", None), ("Strategic developments", "Arrests", "17")),
        (("REQUEST", None, "appeal", None, None), ("Strategic developments", "Other", "02")),
        (("PROTEST", "riot", None, None, None), ("Riots", "Violent demonstration", "14")),
    ],
)
def test_most_specific_mapping_row_wins(lex: lexicon.Lexicon, args: tuple, expected: tuple) -> None:
    row = mapping.lookup(lex, *args)
    assert (row.acled_event_type, row.acled_sub_event_type, row.cameo_root) == expected


@pytest.mark.parametrize(
    ("words", "code"),
    [(["Russian", "forces"], "RUS"), (["UN", "peacekeepers"], "UNO"), (["the", "Kremlin"], "RUS"),
     (["United", "Kingdom"], "GBR"), (["Ivory", "Coast"], "CIV"), (["who"], None), (["us"], None),
     (["ethnic", "Albanians"], None), (["an", "anti", "-", "Syria", "journalist"], None),
     (["pro-Iranian", "militia"], None), (["Northern", "Ireland"], "GBR"), (["Ghanaians"], "GHA"),
     (["a", "Russia", "expert"], None), (["a", "Russian", "expert"], "RUS"), (["US", "envoy"], "USA")],
)
def test_country_aliases(lex: lexicon.Lexicon, words: list[str], code: str | None) -> None:
    from newsledger.nlp.events.actors import DocContext

    ctx = DocContext(doc=None, lex=lex, entity_at={}, entities={}, place_at={}, entity_country={})  # type: ignore[arg-type]
    assert ctx.country_in_words(words) == code
