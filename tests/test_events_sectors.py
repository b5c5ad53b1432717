"""Actor sectors read from roles: a two-word role noun wins over its last word."""

from __future__ import annotations

from helpers import analyze_text


def test_think_tank_analyst_is_an_expert_not_military() -> None:
    r = analyze_text("Anna Berg, an analyst at a think tank, accused the government of hiding the losses.")
    actors = [e.source_actor for e in r.events if e.source_actor and e.source_actor.name.endswith("Berg")]
    assert actors, [e.model_dump() for e in r.events]
    assert actors[0].sector == "experts"


def test_tank_crews_are_military() -> None:
    r = analyze_text("Russian tank crews shelled the village of Robotyne on Monday.")
    sectors = {e.source_actor.sector for e in r.events if e.source_actor}
    assert "military" in sectors
