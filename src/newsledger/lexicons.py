"""The tables several layers share, each read from one file in ``newsledger/data``.

* ``countries.tsv``: words that point at a country. Each layer reads the rows flagged for
  it, in the shape it needs: the entities layer a lower-cased word -> display name, the
  places layer a word (exact case) -> ISO alpha-2, the events layer a word -> ISO alpha-3.
* ``titles.tsv``: titles and role nouns; the entities layer reads the ``role`` rows, the
  ledger the ``name_prefix`` rows.
* ``title_abbreviations.tsv``: "sen" -> "senator"; the quotes layer reads a role "Sen." as
  the title it abbreviates.
* ``reporting_verbs.tsv``: verbs of saying; the quotes layer reads the rows with a class,
  the events layer the rows marked ``events``.

Each file's header explains its columns and flags; ``data/README.md`` explains the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .errors import DataTableError
from .tables import Col, data_path, read_table

COUNTRIES_FILE = "countries.tsv"

#: The layers that read the table, as named in its flag columns.
LAYERS = ("entities", "places", "events")

#: Values of the ``kind`` column.
KINDS = frozenset({"name", "abbreviation", "demonym", "capital", "metonym", "ambiguous", "context"})

COLUMNS = (
    Col("word"),
    Col("country"),
    Col("alpha2", required=False),
    Col("alpha3", required=False),
    Col("kind"),
    Col("user_code", bool, required=False, default=False),
    *(Col(layer, bool, required=False, default=False) for layer in LAYERS),
)


@dataclass(frozen=True)
class CountryWord:
    """One row of the countries table."""

    word: str
    country: str
    alpha2: str | None
    alpha3: str | None
    kind: str
    user_code: bool
    layers: frozenset[str]
    line: int

    @property
    def context_only(self) -> bool:
        return self.kind == "context"


@lru_cache(maxsize=1)
def country_words() -> tuple[CountryWord, ...]:
    """Every row of the table, in file order."""
    out = []
    for r in read_table(COUNTRIES_FILE, COLUMNS):
        if r["kind"] not in KINDS:
            raise DataTableError(f"line {r.line}: kind {r['kind']!r} is not one of "
                                 f"{', '.join(sorted(KINDS))}", source=data_path(COUNTRIES_FILE))
        out.append(CountryWord(
            word=r["word"], country=r["country"], alpha2=r["alpha2"], alpha3=r["alpha3"],
            kind=r["kind"], user_code=r["user_code"],
            layers=frozenset(layer for layer in LAYERS if r[layer]), line=r.line,
        ))
    return tuple(out)


def rows_for(layer: str) -> list[CountryWord]:
    """The rows a layer reads (``entities`` never reads a context-only row)."""
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; the table has {', '.join(LAYERS)}")
    return [r for r in country_words()
            if layer in r.layers and not (layer == "entities" and r.context_only)]


def exact_case(word: str) -> bool:
    """Whether the events layer matches ``word`` only as written (no lower-case letter: US)."""
    return not any(ch.islower() for ch in word)


@lru_cache(maxsize=1)
def user_alpha3() -> dict[str, str]:
    """alpha-2 -> alpha-3 for the codes ISO 3166 lacks (Kosovo XK -> KOS)."""
    return {r.alpha2: r.alpha3 for r in country_words() if r.user_code and r.alpha2 and r.alpha3}


TITLES_FILE = "titles.tsv"
TITLE_COLUMNS = (
    Col("word"),
    Col("role", bool, required=False, default=False),
    Col("name_prefix", bool, required=False, default=False),
)


@lru_cache(maxsize=1)
def role_titles() -> tuple[str, ...]:
    """The titles marked ``role``, as written (lower case), in file order."""
    return tuple(r["word"] for r in read_table(TITLES_FILE, TITLE_COLUMNS) if r["role"])


TITLE_ABBREVIATIONS_FILE = "title_abbreviations.tsv"
TITLE_ABBREVIATION_COLUMNS = (Col("abbreviation"), Col("title"))


@lru_cache(maxsize=1)
def title_abbreviations() -> dict[str, str]:
    """Abbreviation of a title or rank, lower case without its full stop -> the title it
    abbreviates ("sen" -> "senator"), from ``title_abbreviations.tsv``."""
    return {r["abbreviation"]: r["title"] for r in read_table(TITLE_ABBREVIATIONS_FILE, TITLE_ABBREVIATION_COLUMNS)}


@lru_cache(maxsize=1)
def name_prefix_titles() -> tuple[str, ...]:
    """The titles marked ``name_prefix``, as written (lower case), in file order."""
    return tuple(r["word"] for r in read_table(TITLES_FILE, TITLE_COLUMNS) if r["name_prefix"])


@lru_cache(maxsize=1)
def name_prefix_words() -> frozenset[str]:
    """:func:`name_prefix_titles`, case-folded: the titles, ranks and honorifics dropped from the
    front of a person's name, in the article ("Ms Truss" is "Truss") and across the ledger."""
    return frozenset(w.casefold() for w in name_prefix_titles())


REPORTING_VERBS_FILE = "reporting_verbs.tsv"
REPORTING_VERB_COLUMNS = (
    Col("lemma"),
    Col("class", required=False),
    Col("object", required=False),
    Col("events", bool, required=False, default=False),
)


@dataclass(frozen=True)
class ReportingVerb:
    """One row of ``reporting_verbs.tsv``."""

    lemma: str
    cls: str | None  # the quotes layer's class; None: the quotes layer skips the row
    takes_object: bool  # the quotes layer reads its direct object as content
    events: bool  # the events layer reads it as a verb of saying


@lru_cache(maxsize=1)
def reporting_verbs() -> tuple[ReportingVerb, ...]:
    """Every row of the reporting-verb table, in file order."""
    out = []
    for r in read_table(REPORTING_VERBS_FILE, REPORTING_VERB_COLUMNS):
        if r["object"] not in (None, "object"):
            raise DataTableError(f"line {r.line}: column 'object' must be object or -, got "
                                 f"{r['object']!r}", source=data_path(REPORTING_VERBS_FILE))
        out.append(ReportingVerb(r["lemma"], r["class"], r["object"] == "object", r["events"]))
    return tuple(out)
