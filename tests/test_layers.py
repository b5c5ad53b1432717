"""The import contract (pyproject.toml, checked by lint-imports in `make lint`) names every
top-level module and package, so a new one cannot sit outside the layers unnoticed."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import newsledger

ROOT = Path(__file__).resolve().parents[1]
#: modules that only start things and sit above every layer
ENTRY_POINTS = {"__main__"}


def test_every_top_level_module_is_in_a_layer() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    named = {m.strip().removeprefix("newsledger.") for layer in layers for m in layer.split("|")}
    present = {m.name for m in pkgutil.iter_modules(newsledger.__path__)} - ENTRY_POINTS
    present -= {"data", "schema"}  # data files and the generated JSON Schema, no code
    assert present - named == set()
