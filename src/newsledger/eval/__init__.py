"""Evaluation harness: each layer scored against the annotated corpora's formats.

``LAYERS`` maps a layer name to ``"module:function"``; the function takes
``(data: Path, predictions: Path | None, settings: Settings, **options)`` and returns a
dict of figures. The CLI prints them; ``--predictions`` writes JSONL in the gold's shape.
"""

from __future__ import annotations

LAYERS: dict[str, str] = {
    "entities": "newsledger.eval.entities:evaluate",
    "extraction": "newsledger.eval.extraction:evaluate",
    "quotes": "newsledger.eval.quotes:evaluate",
    "places": "newsledger.eval.places:evaluate",
    "quantities": "newsledger.eval.quantities:evaluate",
    "events": "newsledger.eval.events:evaluate",
}
