"""PLOVER -> ACLED event type / sub-event type and CAMEO root code, from mapping.tsv.

Rows are keyed by PLOVER type with an optional ``:mode`` and ``@kind`` (the trigger's finer
class, e.g. ``territory-gain``), and optionally restricted to the source actor's sector
(``military``), the target's (``>civilians``) or both (``civilians>police``). The most
specific row wins: kind+mode, kind, mode, bare type; at each level, both sectors, then the
target's, then the source's, then any.
"""

from __future__ import annotations

from .lexicon import Lexicon, MappingRow

#: used when a PLOVER type has no row at all (an extension added without a mapping)
FALLBACK = MappingRow("Strategic developments", "Other", "01")


def keys(plover_type: str, mode: str | None, kind: str | None) -> list[str]:
    out = []
    if kind and mode:
        out.append(f"{plover_type}:{mode}@{kind}")
    if kind:
        out.append(f"{plover_type}@{kind}")
    if mode:
        out.append(f"{plover_type}:{mode}")
    out.append(plover_type)
    return out


def lookup(
    lex: Lexicon,
    plover_type: str,
    mode: str | None = None,
    kind: str | None = None,
    source_sector: str | None = None,
    target_sector: str | None = None,
) -> MappingRow:
    actor_keys = []
    if source_sector and target_sector:
        actor_keys.append(f"{source_sector}>{target_sector}")
    if target_sector:
        actor_keys.append(f">{target_sector}")
    if source_sector:
        actor_keys.append(source_sector)
    actor_keys.append("")
    for key in keys(plover_type, mode, kind):
        for actors in actor_keys:
            row = lex.mapping.get((key, actors))
            if row is not None:
                return row
    return FALLBACK
